"""Tests of saving and loading trained cVAEs."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from conftest import make_problem

from pypesto_cvae import CVAEConfig, CVAEStartpoints, TrainingSet, fit_cvae
from pypesto_cvae.persistence import FORMAT_VERSION, load_model, save_model
from pypesto_cvae.startpoint import latin_hypercube

SETTINGS = {"max_epochs": 40, "hidden_layers": (16, 16), "latent_dim": 3}


@pytest.fixture(scope="module")
def trained():
    """A small cVAE trained on Latin-hypercube points of Rastrigin."""
    problem = make_problem()
    rng = np.random.default_rng(0)
    x = latin_hypercube(400, problem.lb, problem.ub, rng)
    fval = np.array([problem.objective(xi) for xi in x])
    data = TrainingSet.from_problem(problem, x, fval)
    return fit_cvae(data, CVAEConfig.from_kwargs(**SETTINGS), rng=1)


@pytest.fixture
def saved(trained, tmp_path):
    """Path of the saved model."""
    return save_model(trained, tmp_path / "model.pt")


def test_loaded_model_generates_identical_startpoints(trained, saved):
    """Same seed: the loaded model generates exactly the same vectors."""
    loaded = load_model(saved)
    a = trained.generate(25, np.random.default_rng(7))
    b = loaded.generate(25, np.random.default_rng(7))
    np.testing.assert_array_equal(a, b)
    c = loaded.generate(25, np.random.default_rng(8))
    assert not np.allclose(a, c)


def test_from_file_matches_in_memory_startpoints(trained, saved):
    """CVAEStartpoints.from_file equals the constructor on the same model."""
    problem = make_problem()
    direct = CVAEStartpoints(trained, seed=5, target=(-0.5, 0.0))
    from_file = CVAEStartpoints.from_file(
        saved, problem=problem, seed=5, target=(-0.5, 0.0)
    )
    np.testing.assert_array_equal(
        direct(12, problem), from_file(12, problem)
    )


def test_metadata_round_trip(trained, saved):
    """Ids, scales, bounds, config, label transform and feasibility data."""
    loaded = load_model(saved)
    assert loaded.x_names == trained.x_names
    assert loaded.x_scales == trained.x_scales
    np.testing.assert_array_equal(loaded.lb, trained.lb)
    np.testing.assert_array_equal(loaded.ub, trained.ub)
    assert loaded.config == trained.config
    assert loaded.transform.kind == trained.transform.kind
    np.testing.assert_array_equal(
        loaded.transform.reference, trained.transform.reference
    )
    assert loaded.failed.any()  # Rastrigin fails for x0 > 3
    u = np.random.default_rng(0).random((50, trained.dim))
    np.testing.assert_array_equal(
        loaded.failure_risk(u), trained.failure_risk(u)
    )
    assert loaded.stats["epochs"] == trained.stats["epochs"]


@pytest.mark.parametrize(
    ("other", "message"),
    [
        (make_problem(bound=4.0), "bounds"),
        (make_problem(dim=5), "ids"),
    ],
)
def test_model_for_another_problem_is_refused(saved, other, message):
    """Other bounds or parameter ids: loading for that problem fails."""
    with pytest.raises(ValueError, match=message):
        load_model(saved, problem=other)
    with pytest.raises(ValueError, match=message):
        CVAEStartpoints.from_file(saved, problem=other)
    startpoints = CVAEStartpoints.from_file(saved, seed=0)
    with pytest.raises(ValueError, match=message):
        startpoints(3, other)


def test_other_scales_are_refused(saved):
    """A problem with other parameter scales is refused."""
    other = make_problem()
    other.x_scales = ["log10"] * other.dim
    loaded = load_model(saved)
    loaded.x_scales = ["lin"] * loaded.dim
    path = save_model(loaded, saved.with_name("lin.pt"))
    with pytest.raises(ValueError, match="scales"):
        load_model(path, problem=other)


_MARKER = {"ran": False}


def _side_effect():
    _MARKER["ran"] = True
    return "payload"


class _Payload:
    """An object whose unpickling would run code."""

    def __reduce__(self):
        return (_side_effect, ())


def test_pickled_objects_are_never_executed(tmp_path):
    """A file holding a pickled object is refused without running it."""
    path = tmp_path / "evil.pt"
    torch.save({"metadata": _Payload(), "state_dict": {}}, path)
    _MARKER["ran"] = False
    with pytest.raises(ValueError, match="not a pypesto-cvae model"):
        load_model(path)
    assert _MARKER["ran"] is False


def test_foreign_and_newer_files_are_refused(trained, saved, tmp_path):
    """Text files, other archives and newer formats raise ValueError."""
    text = tmp_path / "notes.pt"
    text.write_text("hello")
    with pytest.raises(ValueError, match="not a pypesto-cvae model"):
        load_model(text)
    other = tmp_path / "other.pt"
    torch.save({"weights": torch.zeros(3)}, other)
    with pytest.raises(ValueError, match="not a pypesto-cvae model"):
        load_model(other)
    archive = torch.load(saved, weights_only=True)
    meta = json.loads(archive["metadata"])
    meta["format_version"] = FORMAT_VERSION + 1
    archive["metadata"] = json.dumps(meta)
    newer = tmp_path / "newer.pt"
    torch.save(archive, newer)
    with pytest.raises(ValueError, match="newer"):
        load_model(newer)
    with pytest.raises(FileNotFoundError):
        load_model(tmp_path / "missing.pt")


def test_save_refuses_non_models(tmp_path):
    """Only TrainedCVAE objects are saved."""
    with pytest.raises(TypeError, match="TrainedCVAE"):
        save_model(object(), tmp_path / "x.pt")

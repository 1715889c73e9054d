"""Tests of the Optuna hyperparameter search."""

from __future__ import annotations

import json

import numpy as np
import pypesto
import pypesto.optimize as optimize
import pytest
from conftest import CORTISOL_YAML, lhs_training_set, make_problem, model_cache

from pypesto_cvae import CVAEConfig, CVAEStartpoints
from pypesto_cvae.tuning import (
    config_from_params,
    save_parallel_coordinate,
    startpoint_score,
    tune,
)

optuna = pytest.importorskip("optuna")

BASE = CVAEConfig.from_kwargs(max_epochs=20)
FAST = {"n_startpoints": 20}


@pytest.fixture(scope="module")
def data():
    """Latin-hypercube points of the Rastrigin problem (with fails)."""
    return lhs_training_set(make_problem(), 300)


@pytest.fixture(scope="module")
def tuned(data):
    """Four trials on Rastrigin."""
    return tune(
        make_problem(), data, n_trials=4, seed=0, base_config=BASE, **FAST
    )


def test_config_from_params_maps_layers_and_keeps_base():
    """n_layers x width become hidden_layers; untuned settings stay."""
    config = config_from_params(
        {
            "n_layers": 3,
            "width": 16,
            "kl_weight": 0.2,
            "label_transform": "log",
        },
        BASE,
    )
    assert config.network.hidden_layers == (16, 16, 16)
    assert config.training.kl_weight == 0.2
    assert config.sampling.label_transform == "log"
    assert config.training.max_epochs == 20
    with pytest.raises(TypeError, match="magic"):
        config_from_params({"magic": 1})


def test_first_trial_is_the_default_and_best_is_no_worse(tuned):
    """Trial 0 runs the base configuration; the best is at most it."""
    first = tuned.study.trials[0].params
    assert first["n_layers"] == 2 and first["width"] == 64
    assert first["kl_weight"] == BASE.training.kl_weight
    assert len(tuned.study.trials) == 4
    assert tuned.best_value <= tuned.default_value
    best = config_from_params(tuned.study.best_trial.params, BASE)
    assert tuned.best_config == best


def test_tuning_is_reproducible(data, tuned):
    """The same seed gives the same trials and scores."""
    again = tune(
        make_problem(), data, n_trials=4, seed=0, base_config=BASE, **FAST
    )
    assert [t.params for t in again.study.trials] == [
        t.params for t in tuned.study.trials
    ]
    assert [t.value for t in again.study.trials] == [
        t.value for t in tuned.study.trials
    ]


def test_saved_config_feeds_from_result(tuned, tmp_path):
    """best_config.json reads back and CVAEStartpoints accept it."""
    path = tuned.save_config(tmp_path / "best_config.json")
    config = CVAEConfig.from_dict(json.loads(path.read_text()))
    assert config == tuned.best_config
    problem = make_problem()
    problem.startpoint_method = pypesto.startpoint.UniformStartpoints()
    np.random.seed(0)  # pyPESTO's uniform sampler uses the global state
    first = optimize.minimize(
        problem,
        optimize.ScipyOptimizer(options={"maxiter": 20}),
        n_starts=8,
        history_options=pypesto.HistoryOptions(trace_record=True),
        progress_bar=False,
    )
    sp = CVAEStartpoints.from_result(first, config=config, seed=1)
    assert sp.model.config.network == config.network
    assert sp(5, problem).shape == (5, problem.dim)


def test_parallel_coordinate_figure_is_written(tuned, tmp_path):
    """Optuna's parallel-coordinate plot is saved as a PNG."""
    path = save_parallel_coordinate(tuned, tmp_path / "pc.png")
    assert path.stat().st_size > 20_000
    summary = json.dumps(tuned.summary())
    assert "best_config" in summary and "default_value" in summary


def test_success_metric_counts_local_successes(data):
    """The success metric lies in [0, 1] and rewards better settings."""
    problem = make_problem()
    local = optimize.ScipyOptimizer(options={"maxiter": 30})
    score = startpoint_score(
        BASE,
        data,
        problem,
        metric="success",
        n_local=6,
        local_optimizer=local,
        tol=1e9,
    )
    assert score == 0.0  # every finite local run "succeeds" at tol=1e9
    strict = startpoint_score(
        BASE,
        data,
        problem,
        metric="success",
        n_local=6,
        local_optimizer=local,
        tol=-1e9,
    )
    assert strict == 1.0


def test_repeats_average_seeded_training_runs(data):
    """n_repeats=2 is the mean of the scores with seeds 0 and 1."""
    problem = make_problem()
    one = [
        startpoint_score(BASE, data, problem, seed=k, **FAST) for k in (0, 1)
    ]
    two = startpoint_score(BASE, data, problem, seed=0, n_repeats=2, **FAST)
    assert two == pytest.approx(np.mean(one))
    with pytest.raises(ValueError, match="n_repeats"):
        startpoint_score(BASE, data, problem, n_repeats=0)


def test_bad_arguments_raise(data):
    """Unknown metrics and non-positive trial counts raise ValueError."""
    with pytest.raises(ValueError, match="metric"):
        tune(make_problem(), data, metric="mean")
    with pytest.raises(ValueError, match="n_trials"):
        tune(make_problem(), data, n_trials=0)


@pytest.mark.amici
def test_cli_tune_on_cortisol(tmp_path, capsys, cortisol):
    """`tune` runs a first round, tunes and writes config and figure."""
    from pypesto_cvae.cli import main

    out = tmp_path / "tuning"
    assert (
        main(
            [
                "tune",
                str(CORTISOL_YAML),
                "--starts",
                "5",
                "--trials",
                "3",
                "--startpoints",
                "10",
                "--max-epochs",
                "20",
                "--out",
                str(out),
                "--cache-dir",
                str(model_cache()),
            ]
        )
        == 0
    )
    assert "best" in capsys.readouterr().out
    config = CVAEConfig.from_dict(
        json.loads((out / "best_config.json").read_text())
    )
    assert config.training.max_epochs == 20
    assert (out / "parallel_coordinates.png").stat().st_size > 20_000
    assert json.loads((out / "tuning.json").read_text())["n_trials"] == 3
    assert (out / "first_round.hdf5").is_file()

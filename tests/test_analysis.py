"""Tests of the analyses of what a trained cVAE learned."""

from __future__ import annotations

import json

import numpy as np
import pypesto
import pytest
from conftest import (
    CORTISOL_YAML,
    FAIL_ABOVE,
    lhs_training_set,
    make_problem,
    model_cache,
)

from pypesto_cvae import CVAEConfig, fit_cvae, plotting
from pypesto_cvae.analysis import (
    analyze,
    cross_validated_auc,
    evaluate_objective,
    format_report,
    label_calibration,
    latent_separation,
    load_training_data,
    novelty,
    pca_2d,
    roc_auc,
)
from pypesto_cvae.checkpoint import RunState, write_checkpoint

SETTINGS = {
    "hidden_layers": (32, 32),
    "latent_dim": 4,
    "kl_weight": 0.1,
    "batch_size": 64,
}


def sphere(x: np.ndarray) -> float:
    """Sum of squares that "fails to simulate" where x0 > 3."""
    x = np.asarray(x, dtype=float)
    return np.inf if x[0] > FAIL_ABOVE else float(np.sum(x**2))


def make_sphere(dim: int = 4) -> pypesto.Problem:
    """A smooth problem with a failing region, same box as Rastrigin."""
    return pypesto.Problem(
        pypesto.Objective(fun=sphere),
        lb=-5.12 * np.ones(dim),
        ub=5.12 * np.ones(dim),
        x_names=[f"p{i}" for i in range(dim)],
    )


@pytest.fixture(scope="module")
def data():
    """Latin-hypercube points of the 4-D sphere problem (with fails)."""
    return lhs_training_set(make_sphere(), 800)


@pytest.fixture(scope="module")
def model(data):
    """A small cVAE trained on ``data``."""
    return fit_cvae(data, CVAEConfig.from_kwargs(**SETTINGS), rng=0)


def test_roc_auc_known_values():
    """Perfect, reversed and uninformative scores give 1, 0 and 0.5."""
    y = np.array([0, 0, 1, 1], dtype=bool)
    assert roc_auc(np.array([1, 2, 3, 4]), y) == 1.0
    assert roc_auc(np.array([4, 3, 2, 1]), y) == 0.0
    assert roc_auc(np.ones(4), y) == 0.5
    assert np.isnan(roc_auc(np.ones(4), np.ones(4, dtype=bool)))


def test_cross_validated_auc_separates_what_is_separable():
    """Shifted classes score near 1, random labels near 0.5."""
    rng = np.random.default_rng(0)
    z = rng.normal(size=(400, 3))
    y = np.arange(400) < 200
    z[y, 0] += 3.0
    auc, folds = cross_validated_auc(z, y, rng=1)
    assert auc > 0.95 and len(folds) == 5
    auc_random, _ = cross_validated_auc(z, rng.random(400) < 0.5, rng=1)
    assert 0.35 < auc_random < 0.65


def test_quadratic_features_find_a_central_class():
    """A class in the middle needs the squared features to be found."""
    rng = np.random.default_rng(1)
    z = rng.normal(size=(600, 2))
    central = (z**2).sum(1) < 1.0
    quad, _ = cross_validated_auc(z, central, rng=0)
    lin, _ = cross_validated_auc(z, central, quadratic=False, rng=0)
    assert quad > 0.9
    assert lin < 0.7


def test_cross_validated_auc_refuses_tiny_classes():
    """A class smaller than the number of folds raises ValueError."""
    y = np.zeros(20, dtype=bool)
    y[:3] = True
    with pytest.raises(ValueError, match="n_folds"):
        cross_validated_auc(np.zeros((20, 2)), y)


def test_pca_2d_finds_the_main_direction():
    """The first axis carries the dominant variance; 2-D codes pass."""
    rng = np.random.default_rng(0)
    codes = rng.normal(size=(300, 5)) * [10, 1, 0.1, 0.1, 0.1]
    coords, explained = pca_2d(codes)
    assert coords.shape == (300, 2)
    assert explained[0] > 0.95
    assert abs(np.corrcoef(coords[:, 0], codes[:, 0])[0, 1]) > 0.99
    two, _ = pca_2d(codes[:, :2])
    np.testing.assert_allclose(two, codes[:, :2] - codes[:, :2].mean(0))


def test_latent_separation_on_sphere(model, data):
    """Low- and high-NLL vectors separate in latent and input space."""
    sep = latent_separation(model, data, rng=0)
    assert sep.codes.shape == (len(data), 4)
    assert sep.coords.shape == (len(data), 2)
    assert sep.auc > 0.6
    assert sep.auc_input > 0.6
    summary = sep.summary()
    assert summary["n_failed"] == int(data.failed.sum()) > 0
    json.dumps(summary, allow_nan=False)


def test_evaluate_objective_marks_failures_inf():
    """Raised errors, NaN and inf all become inf; finite values stay."""

    def fun(x):
        if x[0] > 1:
            raise RuntimeError("simulation failed")
        return np.nan if x[0] < -1 else float(x[0] ** 2)

    problem = pypesto.Problem(pypesto.Objective(fun=fun), lb=[-3.0], ub=[3.0])
    out = evaluate_objective(problem, np.array([[0.5], [2.0], [-2.0]]))
    np.testing.assert_array_equal(out, [0.25, np.inf, np.inf])


def test_label_calibration_orders_labels_and_failures(model):
    """High labels give higher NLL and fail more often than low ones."""
    problem = make_sphere()
    labels = [0.0, 0.5, 1.0, 1.5]
    cal = label_calibration(
        model,
        problem,
        labels=labels,
        n_per_label=40,
        n_lhs=300,
        filtered=False,
        rng=0,
    )
    assert cal.fval.shape == (4, 40)
    assert cal.spearman > 0.4
    assert cal.failure_cvae[-1] > 0.5 > cal.failure_cvae[0]
    # the failing region x0 > 3 is (5.12 - 3) / 10.24 of the box
    assert 0.12 < cal.failure_lhs < 0.3
    np.testing.assert_allclose(
        cal.label_fval[:3], model.transform.inverse(np.array(labels[:3]))
    )
    med = cal.median_fval()
    assert med[0] < med[2]


def test_label_calibration_is_reproducible(model):
    """Same seed, same vectors; another seed, other vectors."""
    problem = make_sphere()
    kw = {"labels": [0.0, 1.0], "n_per_label": 5, "n_lhs": 0}
    a = label_calibration(model, problem, rng=3, **kw)
    b = label_calibration(model, problem, rng=3, **kw)
    c = label_calibration(model, problem, rng=4, **kw)
    np.testing.assert_array_equal(a.unit, b.unit)
    assert not np.allclose(a.unit, c.unit)


def test_novelty_tells_copies_from_new_vectors():
    """Copies of training vectors have distance 0; new points do not."""
    rng = np.random.default_rng(0)
    train = rng.random((200, 3))
    copies = novelty(train[:20], train, n_lhs=50, rng=0)
    assert np.all(copies.generated == 0)
    assert copies.summary()["ratio_to_training"] == [0.0]
    fresh = novelty(rng.random((2, 20, 3)), train, n_lhs=50, rng=0)
    assert fresh.generated.shape == (2, 20)
    assert np.all(fresh.generated > 0)
    assert np.median(fresh.lhs) > 0
    far = novelty(np.full((5, 3), 3.0), train, rng=0)
    assert far.summary()["ratio_all_to_training"] > 10
    assert far.diversity[0] == 0.0  # five identical vectors
    assert np.all(fresh.diversity > 0.1)


def test_load_training_data_reads_the_cvae_group(data, tmp_path):
    """The result file's cvae group gives the stored vectors back."""
    problem = make_sphere()

    state = RunState(
        x=data.x,
        fval=data.fval,
        rounds=[],
        rng_state={},
        weights=None,
        settings={},
    )
    path = tmp_path / "result.hdf5"
    write_checkpoint(pypesto.Result(problem=problem), path, state)
    loaded = load_training_data(path, problem)
    assert len(loaded) == len(data)
    np.testing.assert_allclose(np.sort(loaded.fval), np.sort(data.fval))
    with pytest.raises(ValueError, match="another problem"):
        load_training_data(path, make_sphere(dim=3))
    empty = tmp_path / "empty.hdf5"
    write_checkpoint(pypesto.Result(problem=problem), empty)
    with pytest.raises(ValueError, match="no evaluated vectors"):
        load_training_data(empty, problem)


def test_analyze_summary_and_figures(model, data, tmp_path):
    """analyze() gives JSON-able numbers, a text report and figures."""
    problem = make_sphere()
    report = analyze(
        model,
        problem,
        data,
        labels=[0.0, 0.75, 1.5],
        n_per_label=10,
        n_lhs=50,
        seed=0,
    )
    summary = report.summary()
    text = json.dumps(summary)
    assert "auc_latent" in text and "failure_fraction_lhs" in text
    assert len(summary["novelty"]["ratio_to_training"]) == 3
    assert "AUC low vs high NLL" in format_report(summary)
    lat, cal, nov = report.latent, report.calibration, report.novelty
    axes = [
        plotting.latent_scatter(lat.coords, lat.fval, auc=lat.auc),
        plotting.label_calibration_plot(
            cal.labels,
            cal.fval,
            cal.label_fval,
            spearman=cal.spearman,
            best_training=report.best_training_fval,
        ),
        plotting.failure_fraction_plot(
            cal.labels,
            cal.failure_cvae,
            cal.failure_lhs,
            n_per_label=10,
        ),
        plotting.novelty_plot(
            cal.labels, nov.generated, nov.training, nov.lhs
        ),
    ]
    for i, ax in enumerate(axes):
        assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()
        plotting.save(ax, tmp_path / f"{i}.png")
        assert (tmp_path / f"{i}.png").stat().st_size > 10_000


def test_analyze_refuses_a_model_of_another_problem(model, data):
    """The problem must match the model's parameters and bounds."""
    with pytest.raises(ValueError, match="bounds"):
        analyze(model, make_problem(bound=4.0), data, n_per_label=2)


@pytest.mark.amici
def test_cli_fit_save_model_and_analyze_on_cortisol(
    tmp_path, capsys, cortisol
):
    """`fit --save-model` then `analyze --model` write figures and numbers."""
    from pypesto_cvae.cli import main

    fit_out, out = tmp_path / "fit", tmp_path / "analysis"
    cache = ["--cache-dir", str(model_cache())]
    assert (
        main(
            [
                "fit",
                str(CORTISOL_YAML),
                "--rounds",
                "2",
                "--starts",
                "5",
                "--out",
                str(fit_out),
                "--no-progress",
                "--save-model",
                str(tmp_path / "model.pt"),
                *cache,
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "analyze",
                str(fit_out / "result.hdf5"),
                "--petab",
                str(CORTISOL_YAML),
                "--out",
                str(out),
                "--model",
                str(tmp_path / "model.pt"),
                "--labels",
                "0",
                "1.5",
                "4",
                "--per-label",
                "6",
                "--lhs",
                "20",
                *cache,
            ]
        )
        == 0
    )
    text = capsys.readouterr().out
    assert "Spearman" in text and "AUC" in text
    summary = json.loads((out / "summary.json").read_text())
    assert summary["calibration"]["labels"] == [0.0, 0.5, 1.0, 1.5]
    assert 0 <= summary["latent"]["auc_latent"] <= 1
    assert (out / "summary.txt").read_text().startswith("cVAE analysis")
    for name in ("latent", "calibration", "failures", "novelty"):
        assert (out / f"{name}.png").stat().st_size > 10_000

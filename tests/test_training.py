"""Tests of cVAE training."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from conftest import quadratic_training_set

from pypesto_cvae.config import CVAEConfig
from pypesto_cvae.training import (
    InsufficientDataError,
    TrainingDivergedError,
    fit_cvae,
    reflect_into_unit_box,
)

CONFIG = CVAEConfig.from_kwargs(max_epochs=150, hidden_layers=(32, 32))


def test_training_learns_the_condition():
    """Vectors generated at a low label have lower objective values."""
    model = fit_cvae(quadratic_training_set(), CONFIG, rng=0)
    rng = np.random.default_rng(1)
    low = model.generate(300, rng, target=0.0)
    high = model.generate(300, rng, target=1.0)

    def f(x):
        return np.sum((x - 0.8) ** 2, axis=1)

    assert np.median(f(low)) < 0.5 * np.median(f(high))


def test_early_stopping_keeps_the_best_weights():
    """Training stops before max_epochs once validation stalls."""
    config = CVAEConfig.from_kwargs(max_epochs=2000, patience=5)
    model = fit_cvae(quadratic_training_set(200), config, rng=0)
    assert model.stats["epochs"] < 2000
    val = [v for _, v in model.stats["loss_history"]]
    assert model.stats["best_loss"] == pytest.approx(min(val))


def test_same_seed_same_model_other_seed_other_model():
    """Training is reproducible through its own generator only."""
    data = quadratic_training_set(200)
    torch.manual_seed(123)  # global state must not matter
    a = fit_cvae(data, CONFIG, rng=5).generate(5, np.random.default_rng(0))
    torch.manual_seed(999)
    b = fit_cvae(data, CONFIG, rng=5).generate(5, np.random.default_rng(0))
    c = fit_cvae(data, CONFIG, rng=6).generate(5, np.random.default_rng(0))
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, c)


def test_feasibility_filter_avoids_failing_region():
    """With the filter on, fewer generated vectors land where runs fail."""
    data = quadratic_training_set()
    on = fit_cvae(data, CONFIG, rng=0)
    off = fit_cvae(
        data, CVAEConfig.from_kwargs(CONFIG, feasibility_neighbors=0), rng=0
    )
    rng = np.random.default_rng(2)
    frac_on = np.mean(on.generate(500, rng, target=0.5)[:, 0] < 0.1)
    frac_off = np.mean(off.generate(500, rng, target=0.5)[:, 0] < 0.1)
    assert frac_on < frac_off or frac_off == 0.0
    assert on.failure_risk(np.array([[0.02, 0.5, 0.5]]))[0] > 0.5


def test_unfiltered_decodes_like_a_model_without_the_filter():
    """``unfiltered()`` switches the filter off on a copy, not the model."""
    data = quadratic_training_set()
    on = fit_cvae(data, CONFIG, rng=0)
    off = fit_cvae(
        data, CVAEConfig.from_kwargs(CONFIG, feasibility_neighbors=0), rng=0
    )
    copy = on.unfiltered()
    np.testing.assert_array_equal(
        copy.generate(50, np.random.default_rng(3), target=0.5),
        off.generate(50, np.random.default_rng(3), target=0.5),
    )
    assert not np.array_equal(
        on.generate(50, np.random.default_rng(3), target=0.5),
        copy.generate(50, np.random.default_rng(3), target=0.5),
    )
    assert on.config.sampling.feasibility_neighbors > 0
    assert copy.model is on.model


def test_too_few_points_raise():
    """A handful of finite values is refused with a clear error."""
    with pytest.raises(InsufficientDataError, match="at least"):
        fit_cvae(quadratic_training_set(8), CONFIG, rng=0)


def test_a_loss_never_finite_raises_instead_of_crashing():
    """Training that never gives a finite loss raises a clear error."""
    data = quadratic_training_set(200)
    good = fit_cvae(data, CONFIG, rng=0)
    broken = {k: torch.full_like(v, np.nan)
              for k, v in good.model.state_dict().items()}
    with pytest.raises(TrainingDivergedError, match="not finite"):
        fit_cvae(data, CONFIG, rng=0, init=broken)
    # the iterative optimizer treats it like too few data (Latin hypercube)
    assert issubclass(TrainingDivergedError, InsufficientDataError)


def test_min_points_lowers_the_data_floor():
    """TrainingConfig.min_points replaces the one-per-parameter floor."""
    data = quadratic_training_set(n=30, dim=40)
    with pytest.raises(InsufficientDataError, match="at least 40"):
        fit_cvae(data, CONFIG, rng=0)
    low = CVAEConfig.from_kwargs(CONFIG, min_points=20)
    model = fit_cvae(data, low, rng=0)
    xs = model.generate(5, np.random.default_rng(0))
    assert xs.shape == (5, 40)


def test_ordered_generation_puts_the_lowest_labels_first():
    """``ordered`` sorts the drawn labels: better vectors come first.

    The same random numbers are drawn either way, so the label draws
    match the unordered call's, sorted.
    """
    model = fit_cvae(quadratic_training_set(), CONFIG, rng=0)

    def f(x):
        return np.sum((x - 0.8) ** 2, axis=1)

    xs = model.generate(400, np.random.default_rng(5), (0.0, 1.0),
                        ordered=True)
    assert np.median(f(xs[:100])) < 0.5 * np.median(f(xs[-100:]))
    plain = model.generate(400, np.random.default_rng(5), (0.0, 1.0))
    assert not np.allclose(plain, xs)
    labels = model.draw_labels(400, np.random.default_rng(5), (0.0, 1.0))
    rng = np.random.default_rng(5)
    rng.uniform(size=400)  # the label draws
    again = model.generate_unit(np.sort(labels), rng)
    np.testing.assert_allclose(model.lb + again * (model.ub - model.lb), xs)


def test_generate_near_stays_close_to_the_given_vectors():
    """Latent draws around a code decode near its vector, at its label.

    At label 0 they move it to lower objective values instead (KL weight
    0.01, as CVAEOptimizer trains: the codes carry the location).
    """
    data = quadratic_training_set()
    model = fit_cvae(data, CVAEConfig.from_kwargs(CONFIG, kl_weight=0.01),
                     rng=0)
    rng = np.random.default_rng(3)
    centre = np.array([[0.3, 0.4, 0.6]])
    fval = np.sum((centre - 0.8) ** 2, axis=1)
    own = float(model.transform(fval)[0])
    near = model.generate_near(centre, fval, 300, rng, own, scale=0.1)
    prior = model.generate(300, rng, target=own)
    assert near.shape == (300, 3)
    assert np.all(near >= 0) and np.all(near <= 1)

    def dist(xs):
        return np.median(np.linalg.norm(xs - centre, axis=1))

    assert dist(near) < 0.5 * dist(prior)
    wide = model.generate_near(centre, fval, 300, rng, own, scale=2.0)
    assert dist(wide) > dist(near)
    better = model.generate_near(centre, fval, 300, rng, 0.0, scale=0.1)
    assert np.median(np.sum((better - 0.8) ** 2, axis=1)) < 0.5 * fval[0]
    assert model.encode(centre, fval).shape == (1, model.model.latent_dim)
    # own_label: each draw decodes at its centre's own label, whatever the
    # target; with one centre that is the same as targeting its label
    two = np.vstack([centre, [[0.7, 0.9, 0.8]]])
    f2 = np.sum((two - 0.8) ** 2, axis=1)
    mine = model.generate_near(centre, fval, 50, np.random.default_rng(7),
                               0.0, scale=0.1, own_label=True)
    same = model.generate_near(centre, fval, 50, np.random.default_rng(7),
                               own, scale=0.1)
    np.testing.assert_allclose(mine, same)
    np.testing.assert_allclose(model.labels_of(f2)[0], own)
    mixed = model.generate_near(two, f2, 300, np.random.default_rng(8),
                                0.0, scale=0.1, own_label=True)
    nearest = np.argmin(np.linalg.norm(mixed[:, None] - two[None], axis=2),
                        axis=1)
    assert 0.25 < nearest.mean() < 0.75  # both centres, each reconstructed
    assert np.median(np.sum((mixed - 0.8) ** 2, axis=1)) \
        > np.median(np.sum((better - 0.8) ** 2, axis=1))


def test_reflected_noise_spreads_over_the_box_instead_of_its_faces():
    """``reflect``: large noise mirrored at the bounds, not clipped.

    Clipped noise of sd 1 puts about 60 % of the coordinates on a face;
    mirrored noise keeps them inside, about uniform. With a small spread
    both agree wherever the noise stays inside.
    """
    u = np.array([-0.3, 0.2, 1.25, 2.4, -1.7])
    np.testing.assert_allclose(reflect_into_unit_box(u),
                               [0.3, 0.2, 0.75, 0.4, 0.3])
    model = fit_cvae(quadratic_training_set(), CONFIG, rng=0)
    clipped = model.generate(500, np.random.default_rng(1), spread=1.0)
    mirrored = model.generate(500, np.random.default_rng(1), spread=1.0,
                              reflect=True)
    unit = (mirrored - model.lb) / (model.ub - model.lb)
    on_face = np.mean((clipped == model.lb) | (clipped == model.ub))
    assert on_face > 0.4
    assert np.all((unit > 0) & (unit < 1))
    # about uniform: each quarter of the range holds about a quarter
    quarters = np.histogram(unit, bins=4, range=(0, 1))[0] / unit.size
    assert np.all(np.abs(quarters - 0.25) < 0.05)
    small = model.generate(500, np.random.default_rng(1), spread=0.01)
    small_mirrored = model.generate(500, np.random.default_rng(1),
                                    spread=0.01, reflect=True)
    inside = (small > model.lb) & (small < model.ub)
    np.testing.assert_allclose(small[inside], small_mirrored[inside])

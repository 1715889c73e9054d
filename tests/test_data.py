"""Tests of the training set built from pyPESTO results."""

from __future__ import annotations

import numpy as np
import pypesto
import pypesto.optimize as optimize
import pytest
from conftest import FAIL_ABOVE

from pypesto_cvae.data import (
    TRACE_HISTORY_OPTIONS,
    LabelTransform,
    TrainingSet,
    collect_traces,
)


@pytest.fixture
def first_round(problem):
    """Ten L-BFGS-B starts with trace histories."""
    problem.startpoint_method = pypesto.startpoint.UniformStartpoints()
    np.random.seed(0)  # pyPESTO's uniform sampler uses the global state
    return optimize.minimize(
        problem, optimize.ScipyOptimizer(), n_starts=10,
        history_options=TRACE_HISTORY_OPTIONS, progress_bar=False,
    )


def test_traces_collect_every_evaluation(first_round, problem):
    """All trace entries of all starts are collected, in free space."""
    x, fval = collect_traces(first_round, problem.dim)
    n_expected = sum(
        len(o.history.get_fval_trace()) for o in first_round.optimize_result
    )
    assert x.shape == (n_expected, problem.dim)
    assert fval.shape == (n_expected,)


def test_endpoint_values_are_each_searches_final_value(first_round, problem):
    """value="endpoint": every simulated vector gets its search's end."""
    x_point, f_point = collect_traces(first_round, problem.dim)
    x, fval = collect_traces(first_round, problem.dim, value="endpoint")
    np.testing.assert_array_equal(x, x_point)
    i = 0
    for opt in first_round.optimize_result:
        n = len(opt.history.get_fval_trace())
        own, ends = f_point[i:i + n], fval[i:i + n]
        i += n
        end = opt.fval if np.isfinite(opt.fval) else np.inf
        # finite points take the end value; failed ones stay failed
        np.testing.assert_array_equal(ends[np.isfinite(own)], end)
        assert np.all(np.isinf(ends[np.isinf(own)]))
    assert i == fval.size
    assert np.any(f_point > fval)  # the searches went downhill
    with pytest.raises(ValueError, match="value must be one of"):
        collect_traces(first_round, problem.dim, value="final")


def test_dedupe_keeps_unique_vectors_and_marks_failures(first_round, problem):
    """Repeated vectors are dropped; failures are inf; NaN is dropped."""
    data = TrainingSet.from_results(first_round, problem)
    rounded = np.round(data.x, 10)
    assert len(np.unique(rounded, axis=0)) == len(data)
    assert not np.isnan(data.fval).any()
    # the analytic objective fails exactly where x0 > FAIL_ABOVE
    np.testing.assert_array_equal(data.failed, data.x[:, 0] > FAIL_ABOVE)


def test_duplicate_prefers_finite_value(problem):
    """Of two entries at one vector, the finite value is kept."""
    data = TrainingSet.from_problem(problem)
    x = np.zeros((3, problem.dim))
    data = data.extend(x, np.array([np.nan, np.inf, 4.0]))
    assert len(data) == 1 and data.fval[0] == 4.0


def test_vectors_with_nan_entries_are_dropped(problem):
    """A NaN step of the optimizer leaves nothing to train on."""
    data = TrainingSet.from_problem(problem)
    x = np.zeros((3, problem.dim))
    x[1] += 0.5
    x[2, 0] = np.nan
    data = data.extend(x, np.array([1.0, np.inf, np.inf]))
    assert len(data) == 2 and np.all(np.isfinite(data.x))
    np.testing.assert_array_equal(data.fval, [1.0, np.inf])


def test_unit_scaling_round_trip(problem):
    """Vectors map to the unit box by the bounds and back."""
    data = TrainingSet.from_problem(problem)
    x = np.array([[-5.12, 0.0, 5.12, 2.56]])
    u = data.to_unit(x)
    np.testing.assert_allclose(u, [[0.0, 0.5, 1.0, 0.75]])
    np.testing.assert_allclose(data.from_unit(u), x)


@pytest.mark.parametrize("kind", ["rank", "log"])
def test_labels_are_monotone(kind):
    """Labels grow with the objective value, 0 at the best, 1 at worst."""
    fval = np.array([5.0, -3.0, 100.0, 7.0, 7.5])
    transform = LabelTransform.fit(kind, fval)
    labels = transform(fval)
    assert labels[1] == pytest.approx(0.0)
    assert labels[2] == pytest.approx(1.0)
    assert np.all(np.diff(labels[np.argsort(fval)]) > 0)


def test_tied_values_share_their_mean_rank():
    """Rank labels of tied values (one search, endpoint labels) agree."""
    fval = np.array([1.0, 1.0, 1.0, 2.0, 2.0, 3.0])
    labels = LabelTransform.fit("rank", fval)(fval)
    np.testing.assert_allclose(labels, [0.2, 0.2, 0.2, 0.7, 0.7, 1.0])


def test_failure_label_and_no_finite_value(problem):
    """Failed vectors get the failure label; all-failed data are refused."""
    data = TrainingSet.from_problem(problem).extend(
        np.eye(4), np.array([1.0, 2.0, np.inf, 3.0])
    )
    labels = data.labels(LabelTransform.fit("rank", data.fval), 1.5)
    assert labels[data.failed].tolist() == [1.5]
    with pytest.raises(ValueError, match="no finite"):
        LabelTransform.fit("rank", np.array([np.inf, np.nan]))


def test_subsample_keeps_the_best(problem):
    """Subsampling bounds the size and keeps the best vectors."""
    rng = np.random.default_rng(0)
    x = rng.uniform(-5, 5, (400, 4))
    data = TrainingSet.from_problem(problem).extend(x, np.arange(400.0))
    small = data.subsample(100, rng)
    assert len(small) == 100
    assert set(np.arange(25.0)) <= set(small.fval)


def test_equal_bounds_are_refused():
    """A parameter with lb == ub cannot be scaled to the unit box."""
    with pytest.raises(ValueError, match=r"\['b'\]"):
        TrainingSet(
            x=np.zeros((1, 2)), fval=np.zeros(1), lb=np.array([0.0, 1.0]),
            ub=np.array([1.0, 1.0]), x_names=["a", "b"],
        )


def test_best_distinct_skips_near_copies():
    """One vector per place, best first; near copies of a taken one skip."""
    x = np.array([[0.50, 0.5], [0.505, 0.5], [0.9, 0.1], [0.1, 0.9],
                  [0.2, 0.2]])
    fval = np.array([1.0, 0.5, 3.0, np.inf, 2.0])
    data = TrainingSet(x=x, fval=fval, lb=np.zeros(2), ub=np.ones(2),
                       x_names=["a", "b"])
    got, f = data.best_distinct(5, min_distance=0.02)
    np.testing.assert_array_equal(f, [0.5, 2.0, 3.0])  # 1.0 is a near copy
    np.testing.assert_array_equal(got[0], x[1])
    _, f_all = data.best_distinct(5, min_distance=0.0)
    np.testing.assert_array_equal(f_all, [0.5, 1.0, 2.0, 3.0])
    _, f_two = data.best_distinct(2)
    np.testing.assert_array_equal(f_two, [0.5, 2.0])
    empty = TrainingSet(x=x[3:4], fval=fval[3:4], lb=np.zeros(2),
                        ub=np.ones(2), x_names=["a", "b"])
    assert empty.best_distinct(3)[0].shape == (0, 2)

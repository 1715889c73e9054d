"""Tests of CVAEStartpoints, the pyPESTO startpoint method."""

from __future__ import annotations

import logging
import pickle

import cloudpickle
import numpy as np
import pypesto
import pypesto.engine
import pypesto.optimize as optimize
import pytest
from conftest import make_problem, rastrigin, rastrigin_first_round

from pypesto_cvae import CVAEStartpoints
from pypesto_cvae.startpoint import latin_hypercube

SETTINGS = {"max_epochs": 150}


@pytest.fixture(scope="module")
def first_round():
    """A first round of 30 L-BFGS-B starts on the Rastrigin problem."""
    return rastrigin_first_round()


@pytest.fixture(scope="module")
def startpoints(first_round):
    """CVAEStartpoints trained on the first round."""
    return CVAEStartpoints.from_result(first_round, seed=3, **SETTINGS)


def test_cvae_startpoints_beat_latin_hypercube(startpoints):
    """Learned startpoints have a clearly lower median NLL than LHS."""
    problem = make_problem()
    x_cvae = startpoints(200, problem)
    x_lhs = latin_hypercube(200, problem.lb, problem.ub,
                            np.random.default_rng(1))
    f_cvae = np.array([rastrigin(x) for x in x_cvae])
    f_lhs = np.array([rastrigin(x) for x in x_lhs])
    assert np.median(f_cvae) < 0.8 * np.median(f_lhs)
    assert np.mean(np.isinf(f_cvae)) < np.mean(np.isinf(f_lhs))


@pytest.mark.parametrize("n_starts", [1, 17])
def test_shape_and_bounds(startpoints, n_starts):
    """Startpoints have shape (n_starts, dim) and lie within the bounds."""
    problem = make_problem()
    xs = startpoints(n_starts, problem)
    assert xs.shape == (n_starts, problem.dim)
    assert np.all(xs >= problem.lb) and np.all(xs <= problem.ub)


def test_narrower_init_bounds_are_respected(startpoints):
    """The initialization bounds of pyPESTO clip the startpoints."""
    problem = make_problem()
    problem.lb_init_full = np.full(4, -1.0)
    problem.ub_init_full = np.full(4, 1.0)
    xs = startpoints(50, problem)
    assert np.all(np.abs(xs) <= 1.0)


def test_same_seed_same_startpoints(first_round):
    """Equal seeds give equal startpoints, other seeds other ones."""
    problem = make_problem()
    a = CVAEStartpoints.from_result(first_round, seed=1, **SETTINGS)
    b = CVAEStartpoints.from_result(first_round, seed=1, **SETTINGS)
    c = CVAEStartpoints.from_result(first_round, seed=2, **SETTINGS)
    xa = a(10, problem)
    np.testing.assert_array_equal(xa, b(10, problem))
    assert not np.allclose(xa, c(10, problem))


def test_pickles_and_keeps_sampling(startpoints):
    """Pickled copies (pickle and cloudpickle) generate identical points."""
    problem = make_problem()
    for dumps, loads in ((pickle.dumps, pickle.loads),
                         (cloudpickle.dumps, cloudpickle.loads)):
        copy = loads(dumps(startpoints))
        original = loads(dumps(startpoints))
        np.testing.assert_array_equal(copy(5, problem), original(5, problem))


def test_works_as_problem_method_and_minimize_argument(startpoints):
    """Both ways pyPESTO takes a startpoint method work."""
    problem = make_problem()
    problem.startpoint_method = startpoints
    res = optimize.minimize(problem, optimize.ScipyOptimizer(), n_starts=3,
                            progress_bar=False)
    assert len(res.optimize_result) == 3
    problem = make_problem()
    with pytest.warns(DeprecationWarning):
        res = optimize.minimize(problem, optimize.ScipyOptimizer(),
                                n_starts=3, startpoint_method=startpoints,
                                progress_bar=False)
    x0 = np.array(res.optimize_result.x0)
    assert np.all(x0 >= problem.lb) and np.all(x0 <= problem.ub)


def test_multiprocess_engine(startpoints):
    """A problem carrying the method runs under MultiProcessEngine."""
    problem = make_problem()
    problem.startpoint_method = startpoints
    res = optimize.minimize(
        problem, optimize.ScipyOptimizer(), n_starts=4,
        engine=pypesto.engine.MultiProcessEngine(n_procs=2),
        progress_bar=False,
    )
    assert len(res.optimize_result) == 4
    assert np.isfinite(res.optimize_result.fval[0])


def test_resampling_is_bounded(startpoints, caplog):
    """Checks against an objective that always fails terminate."""
    problem = make_problem()
    problem.objective = pypesto.Objective(fun=lambda x: np.inf)
    sp = pickle.loads(pickle.dumps(startpoints))
    sp.check_fval, sp.max_resamples = True, 3
    with caplog.at_level(logging.WARNING):
        xs = sp(4, problem)
    assert xs.shape == (4, 4)
    assert "still fail" in caplog.text


def test_resampling_replaces_failing_points(startpoints):
    """With checks, no returned startpoint lies in the failing region."""
    problem = make_problem()
    sp = pickle.loads(pickle.dumps(startpoints))
    sp.check_fval = True
    sp.target = 1.5  # the failure label: many proposals fail
    xs = sp(20, problem)
    assert all(np.isfinite(rastrigin(x)) for x in xs)


def test_other_problem_is_refused(startpoints):
    """A problem with other parameters or bounds is refused clearly."""
    with pytest.raises(ValueError, match="parameter ids"):
        startpoints(3, make_problem(dim=5))
    with pytest.raises(ValueError, match="bounds differ"):
        startpoints(3, make_problem(bound=4.0))

"""Shared fixtures: cheap analytic pyPESTO problems."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pypesto
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORTISOL_YAML = ROOT / "petab_problems" / "cortisol" / "cortisol.yaml"

FAIL_ABOVE = 3.0  # the analytic objective "fails to simulate" for x[0] > 3


def rastrigin(x: np.ndarray) -> float:
    """Multimodal test function with a failing region (inf) at x0 > 3."""
    x = np.asarray(x, dtype=float)
    if x[0] > FAIL_ABOVE:
        return np.inf
    return float(10 * x.size + np.sum(x**2 - 10 * np.cos(2 * np.pi * x)))


def rastrigin_grad(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    if x[0] > FAIL_ABOVE:
        return np.full(x.size, np.nan)
    return 2 * x + 20 * np.pi * np.sin(2 * np.pi * x)


def make_problem(dim: int = 4, bound: float = 5.12) -> pypesto.Problem:
    """A Rastrigin problem on the box [-bound, bound]^dim."""
    objective = pypesto.Objective(fun=rastrigin, grad=rastrigin_grad)
    return pypesto.Problem(
        objective,
        lb=-bound * np.ones(dim),
        ub=bound * np.ones(dim),
        x_names=[f"p{i}" for i in range(dim)],
    )


@pytest.fixture
def problem() -> pypesto.Problem:
    """A 4-D multimodal analytic problem with a failing region."""
    return make_problem()


@pytest.fixture(autouse=True)
def _quiet_logs():
    logging.getLogger("pypesto").setLevel(logging.WARNING)
    yield


def model_cache() -> Path:
    """Where tests keep compiled AMICI models (reused between runs)."""
    return ROOT / ".cache" / "models"


@pytest.fixture(scope="session")
def cortisol():
    """The cortisol PEtab problem, compiled with AMICI (once per cache)."""
    from pypesto_cvae.petab import load_petab_problem

    return load_petab_problem(CORTISOL_YAML, cache_dir=model_cache())


def lhs_training_set(problem: pypesto.Problem, n: int, seed: int = 0):
    """Latin-hypercube points of ``problem`` with their objective values."""
    from pypesto_cvae.data import TrainingSet
    from pypesto_cvae.startpoint import latin_hypercube

    x = latin_hypercube(n, problem.lb, problem.ub, np.random.default_rng(seed))
    fval = np.array([problem.objective(xi) for xi in x])
    return TrainingSet.from_problem(problem, x, fval)


def quadratic_training_set(n: int = 600, dim: int = 3, seed: int = 0):
    """Vectors whose objective is low near (0.8, 0.8, ...).

    The objective is inf (a failing region) where x[0] < 0.1.
    """
    from pypesto_cvae.data import TrainingSet

    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 1, (n, dim))
    fval = np.sum((x - 0.8) ** 2, axis=1)
    fval[x[:, 0] < 0.1] = np.inf
    return TrainingSet(
        x=x, fval=fval, lb=np.zeros(dim), ub=np.ones(dim),
        x_names=[f"p{i}" for i in range(dim)],
    )


def rastrigin_first_round(n_starts: int = 30):
    """L-BFGS-B starts from Latin-hypercube points on Rastrigin.

    The first round of a run, with trace histories.
    """
    import pypesto.optimize as optimize

    from pypesto_cvae import TRACE_HISTORY_OPTIONS
    from pypesto_cvae.startpoint import latin_hypercube

    problem = make_problem()
    problem.set_x_guesses(
        latin_hypercube(n_starts, problem.lb, problem.ub,
                        np.random.default_rng(0))
    )
    problem.startpoint_method = pypesto.startpoint.UniformStartpoints(
        use_guesses=True
    )
    return optimize.minimize(
        problem, optimize.ScipyOptimizer(), n_starts=n_starts,
        history_options=TRACE_HISTORY_OPTIONS, progress_bar=False,
    )

"""CVAEStartpoints as a drop-in startpoint method on an analytic problem.

Run: .venv/bin/python examples/startpoints_rastrigin.py
"""

from __future__ import annotations

import numpy as np
import pypesto
import pypesto.optimize as optimize

from pypesto_cvae import TRACE_HISTORY_OPTIONS, CVAEStartpoints


def rastrigin(x):
    """A multimodal test function."""
    return float(10 * x.size + np.sum(x**2 - 10 * np.cos(2 * np.pi * x)))


def rastrigin_grad(x):
    """Its gradient."""
    return 2 * x + 20 * np.pi * np.sin(2 * np.pi * x)


problem = pypesto.Problem(
    pypesto.Objective(fun=rastrigin, grad=rastrigin_grad),
    lb=-5.12 * np.ones(5), ub=5.12 * np.ones(5),
)
problem.startpoint_method = pypesto.startpoint.LatinHypercubeStartpoints()
first = optimize.minimize(problem, optimize.ScipyOptimizer(), n_starts=40,
                          history_options=TRACE_HISTORY_OPTIONS)

problem.startpoint_method = CVAEStartpoints.from_result(first, seed=0)
second = optimize.minimize(problem, optimize.ScipyOptimizer(), n_starts=40)

for name, res in (("Latin hypercube", first), ("cVAE", second)):
    fvals = np.array(res.optimize_result.fval)
    print(f"{name:>16}: best {fvals.min():8.3f}, "
          f"median {np.median(fvals):8.3f}")

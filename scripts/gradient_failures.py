"""How often a problem's objective value or gradient fails, by AMICI setting.

Usage::

    python scripts/gradient_failures.py PETAB_YAML [PETAB_YAML ...]
        [--points=30]

For each PEtab problem, draws ``--points`` uniform points in the bounds
(seed 0) and counts those where the objective value is finite (values
only, ``sensi_orders=(0,)``) and where value and gradient (forward
sensitivities, ``sensi_orders=(0, 1)``) are finite, first with AMICI's
defaults, then with the forward sensitivities' absolute tolerance
(``absolute_tolerance_fsa``) at 1e-12 and at 1e-8. Prints one Markdown
row per problem, with the CPU seconds of each gradient pass.

A point whose value computes but whose gradient fails starts a search
that Fides ends at once, as "failed"; a step to such a point is
rejected. BENCHMARKS.md, "v54": on Fujita_SciSignal2010 the gradient
failed at 14 of 30 points at AMICI's default (1e-16, the states'
tolerance) and at none at 1e-8.
"""

from __future__ import annotations

import logging
import sys
import time

import numpy as np

from pypesto_cvae.petab import (
    apply_solver_options,
    load_petab_problem,
    quiet_amici,
)

TOLERANCES = (None, 1e-12, 1e-8)


def _finite(objective, x, orders) -> bool:
    value = objective(x, sensi_orders=orders)
    if isinstance(value, tuple):
        value = value[0]
    return bool(np.isfinite(value))


def probe(yaml_path: str, n_points: int = 30) -> list:
    """One table row for the problem at ``yaml_path``."""
    loaded = load_petab_problem(yaml_path)
    logging.getLogger("amici").setLevel(logging.CRITICAL)
    quiet_amici(logging.CRITICAL)
    problem = loaded.problem
    rng = np.random.default_rng(0)
    points = [rng.uniform(problem.lb, problem.ub) for _ in range(n_points)]
    objective = problem.objective
    values = sum(_finite(objective, x, (0,)) for x in points)
    row = [loaded.name, problem.dim, f"{values}/{n_points}"]
    for tol in TOLERANCES:
        if tol is not None:
            apply_solver_options(problem, {"absolute_tolerance_fsa": tol})
        t0 = time.process_time()
        grads = sum(_finite(objective, x, (0, 1)) for x in points)
        row.append(f"{grads}/{n_points} ({time.process_time() - t0:.0f} s)")
    return row


def main(argv: list[str]) -> int:
    """Print the table for the problems in ``argv``."""
    paths = [a for a in argv if not a.startswith("--")]
    n_points = 30
    for arg in argv:
        if arg.startswith("--points="):
            n_points = int(arg.split("=", 1)[1])
    if not paths:
        print(__doc__)
        return 2
    print("| problem | parameters | values finite | gradients finite: "
          "AMICI default | fsa 1e-12 | fsa 1e-8 |")
    print("|---|---:|---:|---:|---:|---:|")
    for path in paths:
        row = probe(path, n_points)
        print("| " + " | ".join(map(str, row)) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Where local searches reach their final value, and what a stall stop saves.

``python scripts/stall_traces.py PETAB_YAML [N_STARTS] [SEED]`` runs
N_STARTS (default 30) Fides searches from Latin-hypercube points (pyPESTO
multistart, one process, every evaluation traced) and prints

- per search: its final value, its evaluations, and the evaluation (and
  share) at which its best value first came within 1.0 of the final one;
- for each pair of searches that ended within 0.1 of each other: the root
  mean square distance (in the unit box of the bounds) between their
  ends, and the largest distance in one parameter;
- for stall counts of 5, 10 and 20 evaluations, the replay of
  ``IterationOptions.basin_stall_evals`` on the traces, with the other
  searches' final values as the known optima: the share of the searches'
  time it would have cut, and the searches it would have stopped more
  than 1.0 above their own end (value at the stop, final value).

BENCHMARKS.md, "v12": ``python scripts/stall_traces.py
../shared/benchmark-models/Crauste_CellSystems2017/Crauste_CellSystems2017.yaml
30 1`` and Boehm with 60 starts, seed 2.
"""

from __future__ import annotations

import logging
import sys

import numpy as np
import pypesto
import pypesto.optimize as optimize
from pypesto.startpoint import LatinHypercubeStartpoints

from pypesto_cvae import IterationOptions, load_petab_problem
from pypesto_cvae.basin import (
    KnownBasinReached,
    KnownBasins,
    _StoppingObjective,
)
from pypesto_cvae.iterative import default_local_optimizer

BAND = IterationOptions().basin_fval_tol  # 1.0


def _searches(yaml: str, n_starts: int, seed: int):
    problem = load_petab_problem(yaml).problem
    np.random.seed(seed)  # pyPESTO's Latin hypercube draws from numpy
    result = optimize.minimize(
        problem, default_local_optimizer(), n_starts=n_starts,
        startpoint_method=LatinHypercubeStartpoints(), progress_bar=False,
        history_options=pypesto.HistoryOptions(trace_record=True))
    done = []
    for o in result.optimize_result.list:
        fv = np.asarray(o.history.get_fval_trace(), float)
        if o.fval is None or not np.isfinite(o.fval) or not fv.size:
            continue
        t = np.asarray(o.history.get_time_trace(), float)
        x = np.asarray(o.x, float)
        if x.size == problem.dim_full != problem.dim:
            x = problem.get_reduced_vector(x)
        done.append((float(o.fval), fv, t - t[0], x))
    return problem, done


def _stop_at(fv: np.ndarray, known: np.ndarray, m: int):
    """First evaluation at which the stall rule fires, with its best.

    Replays the values through the objective wrapper that stops real
    searches, so the rule is the package's own.
    """
    basins = KnownBasins(np.zeros((known.size, 1)), known, [0.0], [1.0],
                         0.0, BAND, m)
    values = iter(fv)
    objective = _StoppingObjective(lambda x: next(values), basins)
    for j in range(fv.size):
        try:
            objective(np.zeros(1))
        except KnownBasinReached:
            return j, objective._best
    return None, objective._best


def main(yaml: str, n_starts: int = 30, seed: int = 1) -> None:
    """Run the searches and print the three tables."""
    logging.disable(logging.WARNING)
    problem, done = _searches(yaml, n_starts, seed)
    print(f"{len(done)} of {n_starts} searches ended with a finite value\n")
    print("| final | evaluations | within 1.0 from | share | CPU-s |")
    print("|---:|---:|---:|---:|---:|")
    for f, fv, t, _ in sorted(done, key=lambda d: d[0]):
        k = int(np.argmax(np.isfinite(fv) & (fv <= f + BAND)))
        print(f"| {f:.2f} | {fv.size} | {k} | {k / fv.size:.0%} | "
              f"{t[-1]:.2f} |")
    lb, ub = problem.lb, problem.ub
    print("\nEnds of equal value (within 0.1): RMS distance, largest")
    for i, (fi, *_, xi) in enumerate(done):
        for fj, *_, xj in done[i + 1:]:
            if abs(fi - fj) < 0.1:
                d = (xi - xj) / (ub - lb)
                print(f"  {fi:.2f}: {np.sqrt(np.mean(d ** 2)):.3f}, "
                      f"{np.max(np.abs(d)):.3f}")
    finals = np.array([d[0] for d in done])
    for m in (5, 10, 20):
        saved = total = 0.0
        early = []
        for i, (f, fv, t, _) in enumerate(done):
            j, best = _stop_at(fv, np.delete(finals, i), m)
            total += t[-1]
            if j is not None:
                saved += t[-1] - t[j]
                if best > f + BAND:
                    early.append((round(float(best), 1), round(f, 1)))
        print(f"\nstall {m}: cuts {saved / total:.0%} of the time; stopped "
              f"above their end: {early}")


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[0], *(int(a) for a in args[1:3]))

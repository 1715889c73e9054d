"""Where the local optima of a PEtab problem lie, relative to the best.

``python scripts/basin_distances.py PETAB_YAML [N_STARTS] [SEED] [OUT]``
runs
N_STARTS (default 40) Fides starts from Latin-hypercube points (pyPESTO
multistart, one process), groups their endpoints into local optima
(objective values within 0.1 and root-mean-square distance in the unit
box below 0.02 count as one) and prints one Markdown row per optimum:
its value, how many starts ended there, and its RMS distance (in the unit
box of the optimization bounds) to the PEtab nominal parameters and to
the best endpoint found. For scale, the last line gives the median
distance of Latin-hypercube points to the nominal parameters. With OUT,
the optima (values, counts, parameter vectors in the optimization scale,
parameter ids) are also written to that ``.npz`` file.

It shows whether a problem's good optima cluster ("big valley": better
optima next to good ones, where perturbing the best points pays off) or
lie apart (BENCHMARKS.md, "v6": Elowitz).
"""

from __future__ import annotations

import logging
import sys

import numpy as np
import pypesto.optimize as optimize

from pypesto_cvae import load_petab_problem
from pypesto_cvae.iterative import default_local_optimizer
from pypesto_cvae.startpoint import latin_hypercube


def _rms(u, v) -> float:
    return float(np.sqrt(np.mean((np.asarray(u) - np.asarray(v)) ** 2)))


def main(
    yaml: str, n_starts: int = 40, seed: int = 0, out: str | None = None
) -> None:
    """Print the table of local optima (see the module docstring)."""
    logging.getLogger("amici").setLevel(logging.CRITICAL)
    loaded = load_petab_problem(yaml)
    problem = loaded.problem
    lb, ub = np.asarray(problem.lb, float), np.asarray(problem.ub, float)

    def unit(x):
        return (np.asarray(x, float) - lb) / (ub - lb)

    rng = np.random.default_rng(seed)
    x0 = latin_hypercube(n_starts, problem.lb_init, problem.ub_init, rng)
    # the startpoints, in this order
    problem.set_x_guesses([problem.get_full_vector(x) for x in x0])
    result = optimize.minimize(
        problem, optimizer=default_local_optimizer(), n_starts=n_starts,
        progress_bar=False,
    )
    ends = []
    for opt in result.optimize_result.list:
        if opt.x is None or not np.isfinite(opt.fval):
            continue
        x = np.asarray(opt.x, float)
        if x.size != problem.dim:
            x = problem.get_reduced_vector(x)
        ends.append((float(opt.fval), unit(x)))
    ends.sort(key=lambda e: e[0])
    optima: list[list] = []  # [fval, unit x, count]
    for fval, u in ends:
        for o in optima:
            if abs(o[0] - fval) < 0.1 and _rms(o[1], u) < 0.02:
                o[2] += 1
                break
        else:
            optima.append([fval, u, 1])
    nominal = unit(loaded.nominal_x())
    print(f"{yaml}: {n_starts} starts, {len(ends)} finished, nominal NLL "
          f"{loaded.nominal_fval():.4f}\n")
    print("| NLL | starts | RMS distance to nominal | to best endpoint |")
    print("|---:|---:|---:|---:|")
    for fval, u, count in optima:
        print(f"| {fval:.2f} | {count} | {_rms(u, nominal):.3f} | "
              f"{_rms(u, optima[0][1]):.3f} |")
    if out is not None:
        np.savez(
            out,
            fval=[o[0] for o in optima],
            count=[o[2] for o in optima],
            x=[lb + o[1] * (ub - lb) for o in optima],
            x_names=[problem.x_names[i] for i in problem.x_free_indices],
        )
    lhs = unit(latin_hypercube(1000, problem.lb_init, problem.ub_init, rng))
    far = np.median([_rms(u, nominal) for u in lhs])
    print(f"\nLatin-hypercube points: median RMS distance to nominal "
          f"{far:.3f}")


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    main(args[0], *(int(a) for a in args[1:3]), *args[3:4])

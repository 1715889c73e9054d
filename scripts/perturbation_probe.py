"""Local searches from Gaussian perturbations of a problem's nominal point.

Usage::

    python scripts/perturbation_probe.py PETAB_YAML OUT.jsonl
        [--sds=0.003,0.01,0.03,0.1] [--n=8] [--seed=1] [--maxiter=400]
        [--solver KEY=VALUE ...]

Draws, for each standard deviation (a share of each parameter's range),
``--n`` startpoints: the PEtab nominal parameters (optimization scale)
plus Gaussian noise, clipped to the bounds (``--seed``), and runs a Fides
search (``maxiter``) from each on two processes. ``--solver`` sets AMICI
solver options (:func:`pypesto_cvae.petab.apply_solver_options`). Prints
whether the value and the gradient compute at the nominal point, then
per standard deviation the final values sorted (``inf``: failed at the
first evaluation) with each search's evaluations; OUT.jsonl gets one line
per search (tag ``nominal|SD|I``, final value, evaluations, final point).

BENCHMARKS.md, "v54": on Fujita_SciSignal2010 with AMICI's defaults the
gradient fails at the nominal point itself, 17 of 32 such searches
failed at once (even at sd 0.003) and none reached the best known value.
"""

from __future__ import annotations

import json
import logging
import sys
from multiprocessing import Pool

import numpy as np

from pypesto_cvae.petab import (
    load_petab_problem,
    parse_solver_options,
    quiet_amici,
)

_STATE: dict = {}


def _init(yaml_path: str, solver: dict) -> None:
    loaded = load_petab_problem(yaml_path, solver_options=solver)
    logging.getLogger("amici").setLevel(logging.CRITICAL)
    quiet_amici(logging.CRITICAL)
    _STATE["loaded"] = loaded


def _search(task):
    import pypesto

    x0, tag, maxiter = task
    problem = _STATE["loaded"].problem
    optimizer = pypesto.optimize.FidesOptimizer(
        verbose=logging.ERROR, options={"maxiter": maxiter}
    )
    result = optimizer.minimize(
        problem, x0=np.asarray(x0), id=tag,
        optimize_options=pypesto.optimize.OptimizeOptions(
            allow_failed_starts=True),
        history_options=pypesto.HistoryOptions(trace_record=False),
    )
    fval = result.fval
    final = float(fval) if fval is not None and np.isfinite(fval) else np.inf
    x = None if result.x is None else problem.get_reduced_vector(
        np.asarray(result.x)).tolist()
    return tag, final, int(result.n_fval or 0), x


def _options(argv: list[str]) -> tuple[list[str], dict, list[str]]:
    opts, solver, rest, i = {}, [], [], 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--solver":
            solver.append(argv[i + 1])
            i += 2
            continue
        if arg.startswith("--"):
            key, _, value = arg[2:].partition("=")
            opts[key] = value
        else:
            rest.append(arg)
        i += 1
    return rest, opts, solver


def main(argv: list[str]) -> int:
    """Run the probe described above."""
    paths, opts, solver_items = _options(argv)
    if len(paths) != 2:
        print(__doc__)
        return 2
    yaml_path, out_path = paths
    sds = [float(v)
           for v in opts.get("sds", "0.003,0.01,0.03,0.1").split(",")]
    n, seed = int(opts.get("n", 8)), int(opts.get("seed", 1))
    maxiter = int(opts.get("maxiter", 400))
    solver = parse_solver_options(solver_items)
    _init(yaml_path, solver)
    loaded = _STATE["loaded"]
    problem, centre = loaded.problem, loaded.nominal_x()
    value = problem.objective(centre, sensi_orders=(0,))
    grad_value = problem.objective(centre, sensi_orders=(0, 1))[0]
    print(f"nominal point: value {value:.4f}, value with gradient "
          f"{grad_value:.4f} (solver options {solver or 'AMICI defaults'})")
    lb, ub = problem.lb, problem.ub
    rng = np.random.default_rng(seed)
    tasks = []
    for sd in sds:
        for i in range(n):
            noise = rng.normal(size=centre.shape) * sd * (ub - lb)
            x0 = np.clip(centre + noise, lb, ub)
            tasks.append((x0.tolist(), f"nominal|{sd}|{i}", maxiter))
    ends: dict[float, list] = {sd: [] for sd in sds}
    with open(out_path, "w") as out, Pool(
        2, initializer=_init, initargs=(yaml_path, solver)
    ) as pool:
        for tag, final, evals, x in pool.imap_unordered(_search, tasks):
            out.write(json.dumps({"tag": tag, "f": final, "n": evals,
                                  "x": x}) + "\n")
            ends[float(tag.split("|")[1])].append((final, evals))
    for sd in sds:
        shown = ", ".join(f"{f:.1f} ({e})" for f, e in sorted(ends[sd]))
        print(f"sd {sd}: {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

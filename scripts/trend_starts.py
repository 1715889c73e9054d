"""Local searches from startpoints screened by a linear end-rank trend.

``python scripts/trend_starts.py PETAB_YAML N SEED K EDGE OUT.npz``

Runs N Fides searches one after another (pyPESTO, one process, the
local optimizer of ``pypesto_cvae.iterative.default_local_optimizer``,
no stops: like ``start_predictors.py run``). Each startpoint is the best
of K Latin-hypercube candidates (drawn with SEED) by
:meth:`pypesto_cvae.screen.StartScreen.trend`, fitted on the searches
so far whose final values are not below EDGE: with EDGE above a
problem's deep optima, the trend never sees them, as in a run that has
not found them yet (``-inf``: every search counts). K = 1 gives plain
Latin-hypercube starts. Writes per search the startpoint (unit box), the
final value and its CPU-s to OUT.npz after every search (the format of
``start_predictors.py run`` without the traces).

``python scripts/trend_starts.py TARGET OUT.npz [OUT.npz ...]`` pools
such files (or ``start_predictors.py run`` files) and prints the
searches that reached TARGET, per file.

``python scripts/trend_starts.py replay TARGET EDGE OUT.npz [...]``
replays the screen on pooled Latin-hypercube searches (e.g. the traced
ones of ``start_predictors.py run``): many times over, the trend is
fitted on n random searches that ended at or above EDGE, and groups of k
other searches stand for the candidates; printed is how often the
chosen search (lowest trend) reached TARGET, against all other
searches, for n in 20, 60, 150 (up to half the pool) and k in 4, 10, 30.
"""

from __future__ import annotations

import logging
import math
import os
import sys
import time

import numpy as np
import pypesto.optimize as optimize

from pypesto_cvae import load_petab_problem
from pypesto_cvae.benchmark import reached_interval
from pypesto_cvae.iterative import default_local_optimizer
from pypesto_cvae.screen import StartScreen
from pypesto_cvae.startpoint import latin_hypercube


def run(yaml: str, n: int, seed: int, k: int, edge: float,
        out: str) -> None:
    """N screened searches; written to ``out`` after every search."""
    logging.getLogger("amici").setLevel(logging.CRITICAL)
    problem = load_petab_problem(yaml).problem
    lb, ub = np.asarray(problem.lb, float), np.asarray(problem.ub, float)
    rng = np.random.default_rng(seed)
    screen = StartScreen(lb, ub)
    starts, ends, cpu = [], [], []
    for _ in range(n):
        candidates = latin_hypercube(k, problem.lb_init, problem.ub_init,
                                     rng)
        x = screen.choose(np.clip(candidates, lb, ub), k, by="trend")[0]
        problem.set_x_guesses([problem.get_full_vector(x)])
        t0 = time.process_time()
        result = optimize.minimize(
            problem, optimizer=default_local_optimizer(), n_starts=1,
            progress_bar=False,
        )
        cpu.append(time.process_time() - t0)
        fval = result.optimize_result.list[0].fval
        fval = math.inf if fval is None or not np.isfinite(fval) else fval
        starts.append((x - lb) / (ub - lb))
        ends.append(float(fval))
        if not fval < edge:
            screen.add(x[None], [fval], [False])
        # write beside, then rename: a run stopped mid-write keeps its file
        np.savez(out + ".part.npz", starts=np.array(starts),
                 ends=np.array(ends), cpu=np.array(cpu))
        os.replace(out + ".part.npz", out)


def report(target: float, files: list[str]) -> None:
    """Searches at TARGET per file, and pooled, with a Wilson interval."""
    print("| file | searches | reached | reached in the first 60 | failed | "
          "failed in the first 60 | CPU-s per search |\n"
          "|---|---:|---:|---:|---:|---:|---:|")
    total = [0, 0, 0.0, 0]
    for name in files:
        data = np.load(name)
        ends, cpu = data["ends"], data["cpu"]
        hits = int(np.sum(ends <= target))
        failed = int(np.sum(~np.isfinite(ends)))
        total = [total[0] + len(ends), total[1] + hits,
                 total[2] + float(cpu.sum()), total[3] + failed]
        early = ends[:60]
        print(f"| {name} | {len(ends)} | {hits} ({hits / len(ends):.1%}) | "
              f"{int(np.sum(early <= target))} | "
              f"{failed / len(ends):.0%} | "
              f"{np.mean(~np.isfinite(early)):.0%} | {cpu.mean():.2f} |")
    n, hits, cpu, failed = total
    low, high = reached_interval(hits, n)
    print(f"| all | {n} | {hits} ({hits / n:.1%}; 95 % interval "
          f"{low:.1%}-{high:.1%}) | | {failed / n:.0%} | | "
          f"{cpu / n:.2f} |")


def replay(target: float, edge: float, files: list[str],
           reps: int = 1000, groups: int = 50) -> None:
    """The replay table (see the module docstring)."""
    starts = np.vstack([np.load(f)["starts"] for f in files])
    ends = np.concatenate([np.load(f)["ends"] for f in files])
    hit = ends <= target
    pool = np.flatnonzero(~(ends < edge))
    dim = starts.shape[1]
    rng = np.random.default_rng(1)
    print(f"{len(ends)} searches, {hit.sum()} reached {target}, "
          f"{len(pool)} ended at or above {edge}\n")
    print("| searches in the fit (n) | candidates (k) | chosen: reached | "
          "all others: reached |\n|---:|---:|---:|---:|")
    for n in (n for n in (20, 60, 150) if n <= len(pool) // 2):
        for k in (4, 10, 30):
            chosen, base = [], []
            for _ in range(reps):
                fit = rng.choice(pool, n, replace=False)
                rest = np.setdiff1d(np.arange(len(ends)), fit)
                screen = StartScreen(np.zeros(dim), np.ones(dim))
                screen.add(starts[fit], ends[fit], np.zeros(n, bool))
                group = rng.choice(rest, (groups, k))
                best = screen.best_in_groups(starts[group.ravel()], k,
                                             by="trend")
                chosen.append(hit[group.ravel()[best]].mean())
                base.append(hit[rest].mean())
            print(f"| {n} | {k} | {np.mean(chosen):.2%} | "
                  f"{np.mean(base):.2%} |")


if __name__ == "__main__":
    if sys.argv[1] == "replay":
        replay(float(sys.argv[2]), float(sys.argv[3]), sys.argv[4:])
    elif sys.argv[1].endswith((".yaml", ".yml")):
        run(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]),
            int(sys.argv[4]), float(sys.argv[5]), sys.argv[6])
    else:
        report(float(sys.argv[1]), sys.argv[2:])

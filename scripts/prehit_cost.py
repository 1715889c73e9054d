"""What a run's starts cost before its first hit, per method.

``python scripts/prehit_cost.py PROBLEM TARGET NAME=DIR [NAME=DIR ...]``

For the runs of PROBLEM in each run folder DIR (``pypesto-cvae benchmark
--out``), counts per method the starts up to and including each run's
first start that reached TARGET (all starts of a run that never did)
and their CPU-s and objective evaluations, and prints per method: runs,
starts before the first hit (median over runs), CPU-s and evaluations
per start there (pooled; evaluations "-" for run files that have no
count per start), the share of them that failed, how often they reached
TARGET per start (hits over starts, the first hits of the runs that had
one) and per 10000 evaluations. The time to target of a run is about
its starts to the first hit times its cost per start; the table says
which of the two factors a variant changed.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from compare_variants import _load


def prehit(rec, target: float) -> tuple[int, float, int, bool, float]:
    """(starts, CPU-s, failed, hit, evaluations) up to the first hit.

    Evaluations are NaN where the run file has no count per start.
    """
    fval = np.asarray(rec.start_fval, dtype=float)
    end = np.asarray(rec.start_end_cpu, dtype=float)
    hits = np.flatnonzero(fval <= target)
    n = int(hits[0]) + 1 if hits.size else fval.size
    cpu = float(end[n - 1]) if n else 0.0
    if len(rec.start_end_evals) != fval.size:
        evals = float("nan")   # run files from before session 40
    else:
        evals = float(rec.start_end_evals[n - 1]) if n else 0.0
    return (n, cpu, int(np.sum(~np.isfinite(fval[:n]))), bool(hits.size),
            evals)


def main(problem: str, target: float, folders: list[str]) -> None:
    """Print the table (see the module docstring)."""
    rows = defaultdict(list)
    for arg in folders:
        name, _, folder = arg.rpartition("=")
        for rec in _load(Path(folder)):
            if rec.problem != problem:
                continue
            method = f"{rec.method}-{name}" if name else rec.method
            rows[method].append(prehit(rec, target))
    print(f"{problem}: starts up to each run's first start at {target}\n")
    print("| method | runs | starts to first hit (median) | CPU-s per start "
          "| evaluations per start | failed | hits per start "
          "| hits per 10000 evaluations |"
          "\n|---|---:|---:|---:|---:|---:|---:|---:|")
    for method, runs in sorted(rows.items()):
        n = np.array([r[0] for r in runs])
        cpu = sum(r[1] for r in runs)
        failed = sum(r[2] for r in runs)
        hits = sum(r[3] for r in runs)
        evals = sum(r[4] for r in runs)
        per, rate = "-", "-"
        if np.isfinite(evals):
            per, rate = f"{evals / n.sum():.1f}", f"{1e4 * hits / evals:.2f}"
        print(f"| {method} | {len(runs)} | {np.median(n):.0f} | "
              f"{cpu / n.sum():.2f} | {per} | {failed / n.sum():.0%} | "
              f"{hits / n.sum():.1%} | {rate} |")


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]), sys.argv[3:])

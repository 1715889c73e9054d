"""Replay the pace stop on traced local searches.

``python scripts/pace_traces.py TARGET OUT.npz [OUT.npz ...]``

Takes the traced Latin-hypercube searches of ``start_predictors.py run``
(per search: every evaluated point in the unit box, its objective value,
the final value and the CPU-s) and replays them in their order, each file
a run of its own, through the package's stopping objective
(:class:`pypesto_cvae.basin.BasinStopOptimizer`'s): the v13 stops
(known basins within 0.05, stall band of 10 evaluations, value tolerance
1; the ends of searches that were not stopped become known optima, as
within a round) and, for each row of the table, a pace
(``IterationOptions.pace_evals`` / ``pace_quantile``, the threshold set by
:meth:`pypesto_cvae.iterative.CVAEOptimizer.pace` from the searches
before). A search stopped after k of its n evaluations costs k / n of its
CPU-s; it reached TARGET if a value up to its stop did. Printed per
setting: searches that reached TARGET, CPU-s in all and per hit, and the
stops by kind. Replaying stops on recorded traces assumes a search's
path does not depend on the stops, which holds up to the stop.
"""

from __future__ import annotations

import sys

import numpy as np

from pypesto_cvae import CVAEOptimizer, IterationOptions
from pypesto_cvae.basin import (
    BehindPace,
    KnownBasinReached,
    KnownBasins,
    _StoppingObjective,
    pace_value,
)

#: (pace_evals, pace_quantile); 0: no pace
SETTINGS = ((0, 0.25), (15, 0.25), (20, 0.1), (20, 0.25), (20, 0.5),
            (25, 0.25), (30, 0.25), (30, 0.5), (40, 0.25))


def _runs(files):
    """Per file, its searches: (values, unit-box points, CPU-s)."""
    for name in files:
        data = np.load(name)
        ids = data["tr_id"]
        yield [(data["tr_f"][ids == i], data["tr_x"][ids == i],
                float(data["cpu"][i]))
               for i in range(len(data["ends"]))]


def replay(searches, target: float, evals: int, quantile: float):
    """(CPU-s, reached, stop kind) per search of one run."""
    dim = searches[0][1].shape[1]
    basins = KnownBasins(np.empty((0, dim)), np.empty(0), np.zeros(dim),
                         np.ones(dim), 0.05, 1.0, stall_evals=10)
    pacer = CVAEOptimizer(options=IterationOptions(
        pace_evals=max(evals, 1), pace_quantile=quantile))
    out = []
    for values, points, cpu in searches:
        pace = pacer.pace() if evals else None
        feed = iter(values)
        objective = _StoppingObjective(lambda x, feed=feed: next(feed),
                                       basins, pace=pace)
        n, kind = len(values), None
        for k, x in enumerate(points):
            try:
                objective(x)
            except BehindPace:
                n, kind = k + 1, "pace"
                break
            except KnownBasinReached:
                n, kind = k + 1, "basin"
                break
        seen = values[:n]
        finite = np.isfinite(seen)
        out.append((cpu * n / len(values),
                    bool(np.any(seen[finite] <= target)), kind))
        pacer.paces = np.append(pacer.paces, pace_value(seen, evals or 1))
        if kind is None and np.isfinite(values[-1]) and finite.any():
            best = int(np.argmin(np.where(finite, seen, np.inf)))
            basins.add(points[best], seen[best])
    return out


def main(target: float, files: list[str]) -> None:
    """Print the replay table for every setting in SETTINGS."""
    runs = list(_runs(files))
    n = sum(len(r) for r in runs)
    print(f"{len(runs)} runs, {n} searches, target {target}\n")
    print("| pace after (evaluations) | quantile | reached | CPU-s | "
          "CPU-s per hit | CPU-s per search | stops: known basin / pace |\n"
          "|---:|---:|---:|---:|---:|---:|---:|")
    for evals, quantile in SETTINGS:
        rows = [row for run in runs
                for row in replay(run, target, evals, quantile)]
        cpu = sum(r[0] for r in rows)
        hits = sum(r[1] for r in rows)
        kinds = [r[2] for r in rows]
        label = f"{evals}" if evals else "no pace"
        per_hit = f"{cpu / hits:.1f}" if hits else "-"
        print(f"| {label} | {quantile if evals else '-'} | {hits} | "
              f"{cpu:.0f} | {per_hit} | {cpu / n:.2f} | "
              f"{kinds.count('basin')} / {kinds.count('pace')} |")


if __name__ == "__main__":
    main(float(sys.argv[1]), sys.argv[2:])

"""Replay the pace stop on traced local searches.

``python scripts/pace_traces.py TARGET OUT.npz [...] [--min-searches=N]
[--stall-evals=N] [--stall-tol=T] [--stall-min=N] [--stall-above=1]
[--stall-spare=V] [--run-size=N] [--list-stops=1]``

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

A second table keeps the default pace (20 evaluations, median) and adds
what it does not have: later checkpoints (a search also stops after
``e`` evaluations if behind the quantile of the earlier searches' best
values after ``e``; simulated here, the package has one checkpoint) and
the progress stop (``IterationOptions.progress_evals`` /
``progress_tol``, through the package's objective; its end counts as a
new optimum, as in a run). BENCHMARKS.md "v22" (session 24).

``--list-stops=1`` first lists each stop at a known optimum of the
default pace's replay: which test stopped the search (distance, or the
stall band), the optimum's value, the search's best value and final
value, and whether it would have ended below the best value its run knew
(BENCHMARKS.md "v35": on Brannmark such stall stops cut target
searches, on Boehm's traces every stall stop lay in the band of 249.75).
"""

from __future__ import annotations

import sys

import numpy as np

from pypesto_cvae import CVAEOptimizer, IterationOptions
from pypesto_cvae.basin import (
    BehindPace,
    KnownBasinReached,
    KnownBasins,
    ProgressStop,
    SearchStalled,
    _StoppingObjective,
    pace_value,
)

#: (pace_evals, pace_quantile); 0: no pace
SETTINGS = ((0, 0.25), (15, 0.25), (20, 0.1), (20, 0.25), (20, 0.5),
            (25, 0.25), (30, 0.25), (30, 0.5), (40, 0.25))
#: with the pace (20, 0.5): (later checkpoints, progress stop (evals, tol))
MORE = (((), None), (((40, 0.5),), None), (((40, 0.25),), None),
        (((60, 0.25),), None), (((40, 0.5), (80, 0.5)), None),
        ((), (40, 0.5)), ((), (60, 0.5)), ((), (100, 0.5)),
        ((), (150, 1.0)))


def _runs(files):
    """Per file, its searches: (values, unit-box points, CPU-s)."""
    for name in files:
        data = np.load(name)
        ids = data["tr_id"]
        yield [(data["tr_f"][ids == i], data["tr_x"][ids == i],
                float(data["cpu"][i]))
               for i in range(len(data["ends"]))]


def replay(searches, target: float, evals: int, quantile: float,
           later=(), progress=None, min_searches: int = 10,
           stall_evals: int = 10, stall_tol: float | None = None,
           stall_min: int = 0, stall_above: bool = False,
           stall_spare: float | None = None, log: list | None = None):
    """(CPU-s, reached, stop kind) per search of one run.

    ``later``: further (evaluations, quantile) checkpoints of the pace;
    ``progress``: (evaluations, tolerance) of a progress stop, or None;
    ``min_searches``: ``IterationOptions.pace_min_searches``;
    ``stall_evals``, ``stall_tol``, ``stall_min``, ``stall_above``: the
    stall stop's (``KnownBasins``; ``stall_min`` is ``stall_min_searches``,
    ``stall_above`` ``basin_stall_above``, ``stall_spare``
    ``basin_stall_spare``); ``log``: if a list, each stop at a known
    optimum is appended to it (:func:`_stop_row`).
    """
    dim = searches[0][1].shape[1]
    basins = KnownBasins(np.empty((0, dim)), np.empty(0), np.zeros(dim),
                         np.ones(dim), 0.05, 1.0, stall_evals=stall_evals,
                         stall_tol=stall_tol, stall_min=stall_min,
                         stall_above=stall_above, stall_spare=stall_spare)
    pacer = CVAEOptimizer(options=IterationOptions(
        pace_evals=max(evals, 1), pace_quantile=quantile,
        pace_min_searches=min_searches))
    # one pacer per later checkpoint: its threshold as the package sets one
    later_pacers = [CVAEOptimizer(options=IterationOptions(
        pace_evals=e, pace_quantile=q, pace_min_searches=min_searches))
        for e, q in later]
    out = []
    for values, points, cpu in searches:
        pace = pacer.pace() if evals else None
        checks = {p.options.pace_evals: p.pace() for p in later_pacers}
        feed = iter(values)
        objective = _StoppingObjective(
            lambda x, feed=feed: next(feed), basins, pace=pace,
            progress=ProgressStop(*progress) if progress else None)
        n, kind = len(values), None
        for k, x in enumerate(points):
            try:
                objective(x)
            except BehindPace:
                n, kind = k + 1, "pace"
                break
            except KnownBasinReached:
                n, kind = k + 1, "basin"
                if log is not None:
                    log.append(_stop_row(objective, basins, len(out), k,
                                         values, points))
                break
            except SearchStalled:
                n, kind = k + 1, "progress"
                break
            check = checks.get(k + 1)
            if check is not None and not np.nan_to_num(
                    pace_value(values, k + 1), nan=np.inf) <= check.threshold:
                n, kind = k + 1, "pace"
                break
        seen = values[:n]
        finite = np.isfinite(seen)
        out.append((cpu * n / len(values),
                    bool(np.any(seen[finite] <= target)), kind))
        pacer.paces = np.append(pacer.paces, pace_value(seen, evals or 1))
        for p in later_pacers:
            p.paces = np.append(p.paces,
                                pace_value(seen, p.options.pace_evals))
        if kind in (None, "progress") and np.isfinite(values[n - 1]) \
                and finite.any():
            best = int(np.argmin(np.where(finite, seen, np.inf)))
            basins.add(points[best], seen[best])
    return out


def _stop_row(objective, basins: KnownBasins, search: int, k: int,
              values: np.ndarray, points: np.ndarray) -> dict:
    """What a stop at a known optimum cut, for ``--list-stops``.

    The search's index in its run, the evaluation of the stop and the
    search's length, the test that stopped it (distance, or stall), the
    optimum's value, the search's best value and the unit-box distance of
    its best point from that optimum, its final value had it run on, and
    the run's best known value at the stop.
    """
    head = np.where(np.isfinite(values[:k + 1]), values[:k + 1], np.inf)
    best = int(np.argmin(head))
    match = basins.match(points[k], values[k])
    j = match if match is not None else vars(objective)["_band"]
    finite = values[np.isfinite(values)]
    dist = np.sqrt(np.mean((basins._u[j] - points[best]) ** 2))
    return {"search": search, "eval": k + 1, "evals": len(values),
            "test": "distance" if match is not None else "stall",
            "optimum": float(basins.fval[j]), "best": float(head[best]),
            "dist": float(dist),
            "final": float(finite.min()) if finite.size else np.nan,
            "known_best": float(basins.fval.min())}


def _totals(runs, target, *args, **stops):
    """CPU-s, hits and stop kinds over all runs of one setting."""
    rows = [row for run in runs
            for row in replay(run, target, *args, **stops)]
    kinds = [r[2] for r in rows]
    return sum(r[0] for r in rows), sum(r[1] for r in rows), kinds


def main(target: float, files: list[str], run_size: int | None = None,
         list_stops: bool = False, **stops) -> None:
    """Print the replay tables for SETTINGS and MORE.

    With ``list_stops``, first each stop at a known optimum with the pace
    after 20 evaluations at the median (:func:`_stop_row`).

    ``stops``: ``min_searches``, ``stall_evals``, ``stall_tol``,
    ``stall_min``, ``stall_above``, ``stall_spare`` of :func:`replay`;
    ``run_size``: searches per run (None: a file each).
    """
    runs = list(_runs(files))
    if run_size:
        runs = [run[i:i + run_size] for run in runs
                for i in range(0, len(run), run_size)]
    n = sum(len(r) for r in runs)
    print(f"{len(runs)} runs, {n} searches, target {target}, stops "
          f"{stops or 'as v25'}\n")
    if list_stops:
        _print_stops(runs, target, **stops)
    print("| pace after (evaluations) | quantile | reached | CPU-s | "
          "CPU-s per hit | CPU-s per search | stops: known basin / pace |\n"
          "|---:|---:|---:|---:|---:|---:|---:|")
    for evals, quantile in SETTINGS:
        cpu, hits, kinds = _totals(runs, target, evals, quantile, **stops)
        label = f"{evals}" if evals else "no pace"
        per_hit = f"{cpu / hits:.1f}" if hits else "-"
        print(f"| {label} | {quantile if evals else '-'} | {hits} | "
              f"{cpu:.0f} | {per_hit} | {cpu / n:.2f} | "
              f"{kinds.count('basin')} / {kinds.count('pace')} |")
    print("\nWith the pace after 20 evaluations at the median:\n\n"
          "| later checkpoints (evaluations: quantile) | progress stop "
          "(evaluations, tolerance) | reached | CPU-s | CPU-s per hit | "
          "CPU-s per search | stops: known basin / pace / progress |\n"
          "|---|---|---:|---:|---:|---:|---:|")
    for later, progress in MORE:
        cpu, hits, kinds = _totals(runs, target, 20, 0.5, later, progress,
                                   **stops)
        checks = ", ".join(f"{e}: {q}" for e, q in later) or "-"
        per_hit = f"{cpu / hits:.1f}" if hits else "-"
        print(f"| {checks} | {progress or '-'} | {hits} | {cpu:.0f} | "
              f"{per_hit} | {cpu / n:.2f} | {kinds.count('basin')} / "
              f"{kinds.count('pace')} / {kinds.count('progress')} |")


def _print_stops(runs, target: float, **stops) -> None:
    """Each stop at a known optimum of the default pace's replay."""
    print("| run | search | stopped at / of (evaluations) | test | "
          "optimum | best value | distance of best point | final value | "
          "final below the run's best known | final at target |\n"
          "|---:|---:|---:|---|---:|---:|---:|---:|---|---|")
    for i, run in enumerate(runs):
        log = []
        replay(run, target, 20, 0.5, log=log, **stops)
        for r in log:
            print(f"| {i} | {r['search']} | {r['eval']} / {r['evals']} | "
                  f"{r['test']} | {r['optimum']:.2f} | {r['best']:.2f} | "
                  f"{r['dist']:.3f} | {r['final']:.2f} | "
                  f"{'yes' if r['final'] < r['known_best'] - 0.1 else 'no'} | "
                  f"{'yes' if r['final'] <= target else 'no'} |")
    print()


def _zero_or_one(value: str) -> bool:
    """A 0/1 flag value; anything else is an error."""
    if value not in ("0", "1"):
        raise ValueError(f"expected 0 or 1, got {value!r}")
    return value == "1"


#: command-line flag -> (keyword of main, type)
FLAGS = {"--min-searches": ("min_searches", int),
         "--stall-evals": ("stall_evals", int),
         "--stall-tol": ("stall_tol", float),
         "--stall-min": ("stall_min", int),
         "--stall-above": ("stall_above", _zero_or_one),
         "--stall-spare": ("stall_spare", float),
         "--run-size": ("run_size", int),
         "--list-stops": ("list_stops", _zero_or_one)}


if __name__ == "__main__":
    flags = [a for a in sys.argv[2:] if a.startswith("--")]
    given = dict(a.partition("=")[::2] for a in flags)
    unknown = set(given) - set(FLAGS)
    if unknown or any("=" not in a for a in flags):
        sys.exit(f"flags are FLAG=VALUE, one of {sorted(FLAGS)}; "
                 f"got {flags}")
    main(float(sys.argv[1]),
         [a for a in sys.argv[2:] if not a.startswith("--")],
         **{FLAGS[k][0]: FLAGS[k][1](v) for k, v in given.items()})

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

Options:

- ``--save=FILE.npz`` keeps the traces (values, times, ends, bounds), and
  ``--load=FILE.npz`` (instead of PETAB_YAML) replays kept traces without
  running the searches again;
- ``--target=VALUE`` adds a table of stall rules (counts 5, 10 and 20,
  each without and with each ``--tols`` value, default ``0.1,0.5``, the
  ``stall_tol`` of :class:`pypesto_cvae.basin.KnownBasins`): the share of
  time cut, the searches stopped more than 1.0 above their end, and of
  the searches that ended at or below VALUE, how many it stopped above
  VALUE, with the other searches' ends as the known optima and with only
  the earlier searches' ends (in start order, as a run knows them).

- ``--check=K`` (with ``--target``) adds the replay of
  ``IterationOptions.basin_stall_check=K`` beside the plain stall stop
  (count 10): over ``--orders`` (default 200) random orders of the
  searches, each a run that learns the ends of the searches not stopped,
  how often the check let the stop apply, the share of time cut, the
  searches stopped more than 1.0 above their end, and the searches that
  ended at or below the target stopped above it (mean per order), and
  the median evaluations until the first search at the target.
  ``--check-from=A,B`` adds the check from A (B, ...) known optima with
  distinct values (``IterationOptions.basin_stall_check_from``).

- ``--delays`` adds, for each search that the stall stop (count 10, the
  other searches' ends known) would end, its best value at the would-be
  stop, its end, and how many evaluations after the stop its best value
  first went more than 1.0 below its value there ("-" if never): how
  long a check of the stop must let a search run on to see it go on.

BENCHMARKS.md, "v12": ``python scripts/stall_traces.py
../shared/benchmark-models/Crauste_CellSystems2017/Crauste_CellSystems2017.yaml
30 1`` and Boehm with 60 starts, seed 2; "v32": Brannmark with 20 starts,
seeds 1 and 2, and the rules with ``--target``; "v42": Zheng with 20
starts, seed 1, and ``--check=3``; "v44": ``--delays`` and ``--check=1``
on the traces kept in session 46; "v45": ``--check=3
--check-from=3,5,6,8 --orders=300`` on them, with the benchmark's
targets (best known + 1.92).
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
    StallCheck,
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
    # in start order (the ids "0", "1", ...), as a run would know the ends
    for o in sorted(result.optimize_result.list, key=lambda o: int(o.id)):
        fv = np.asarray(o.history.get_fval_trace(), float)
        if o.fval is None or not np.isfinite(o.fval) or not fv.size:
            continue
        t = np.asarray(o.history.get_time_trace(), float)
        x = np.asarray(o.x, float)
        if x.size == problem.dim_full != problem.dim:
            x = problem.get_reduced_vector(x)
        done.append((float(o.fval), fv, t - t[0], x))
    return problem, done


def _save(path: str, problem, done) -> None:
    """Keep the searches of :func:`_searches` in an ``.npz`` file."""
    np.savez_compressed(
        path, lb=problem.lb, ub=problem.ub,
        finals=np.array([d[0] for d in done]),
        ends=np.array([d[3] for d in done]),
        sizes=np.array([d[1].size for d in done]),
        fvals=np.concatenate([d[1] for d in done]),
        times=np.concatenate([d[2] for d in done]),
    )


def _load(path: str):
    """Bounds and searches kept by :func:`_save`."""
    z = np.load(path)
    cut = np.cumsum(z["sizes"])[:-1]
    done = list(zip(z["finals"].tolist(), np.split(z["fvals"], cut),
                    np.split(z["times"], cut), z["ends"], strict=True))
    return (z["lb"], z["ub"]), done


def _replay(fv: np.ndarray, known, m: int, tol: float | None = None,
            check: StallCheck | None = None):
    """First evaluation at which the stall rule fires, and the wrapper.

    Replays the values through the objective wrapper that stops real
    searches, so the rule is the package's own (count ``m``,
    ``stall_tol`` ``tol``, ``stall_check`` ``check``). Returns the index
    (None if the rule never fires) and the wrapper, whose ``_best`` is
    the search's best value there.
    """
    known = np.asarray(known, float)
    basins = KnownBasins(np.zeros((known.size, 1)), known, [0.0], [1.0],
                         0.0, BAND, m, tol, stall_check=check)
    values = iter(fv)
    objective = _StoppingObjective(lambda x: next(values), basins)
    for j in range(fv.size):
        try:
            objective(np.zeros(1))
        except KnownBasinReached:
            return j, objective
    return None, objective


def _stop_at(fv: np.ndarray, known: np.ndarray, m: int,
             tol: float | None = None):
    """First evaluation at which the stall rule fires, with its best."""
    j, objective = _replay(fv, known, m, tol)
    return j, objective._best


def _replay_run(done, order, target: float, check: StallCheck | None,
                m: int = 10):
    """One run's searches in ``order`` with the stall stop (and check).

    Each search knows the ends of the earlier searches that were not
    stopped, as in a run with ``basin_within_round``. Returns (time cut,
    searches stopped more than 1.0 above their end, searches that ended
    at or below ``target`` stopped above it, evaluations until the first
    at or below ``target``, inf if none: the searches before it counted
    to their end or stop).
    """
    known, cut, early, lost = [], 0.0, 0, 0
    used, to_target = 0, np.inf
    for i in order:
        f, fv, t, _ = done[i]
        stop, objective = _replay(fv, known, m, check=check)
        n = fv.size if stop is None else stop + 1
        hit = np.flatnonzero(fv[:n] <= target)
        if hit.size and not np.isfinite(to_target):
            to_target = used + hit[0] + 1
        used += n
        if stop is None:
            objective.check_end(f)
            known.append(f)
            continue
        cut += t[-1] - t[stop]
        early += objective._best > f + BAND
        lost += f <= target < objective._best
    return cut, early, lost, to_target


def _check_table(done, target: float, k: int, orders: int,
                 starts=()) -> None:
    """The table of ``--check``: the stall check against the plain stop.

    ``starts``: also the check from that many known optima with distinct
    values (``--check-from``, ``StallCheck.start``).
    """
    rng = np.random.default_rng(0)
    total = sum(d[2][-1] for d in done)
    rules = {"stall 10": None, f"stall 10, check {k}": 0}
    rules.update({f"stall 10, check {k} from {a}": a for a in starts})
    rows = {name: [] for name in rules}
    for _ in range(orders):
        order = rng.permutation(len(done))
        for name, start in rules.items():
            check = None if start is None else StallCheck(k, start=start)
            out = _replay_run(done, order, target, check)
            rows[name].append((check is None or check.holds(),
                               check is not None and check.pending(), *out))
    print(f"\nStall check, {orders} random orders of the {len(done)} "
          f"searches (mean per order; evaluations to the target: median "
          f"over orders, searches before the first at the target counted "
          f"to their end or stop)")
    print("\n| rule | stop applies | pending at the end | time cut | "
          "stopped > 1.0 above their end | target searches stopped above "
          "the target | evaluations to the target |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, r in rows.items():
        a = np.array(r, dtype=float)
        print(f"| {name} | {a[:, 0].mean():.0%} | {a[:, 1].mean():.0%} | "
              f"{a[:, 2].mean() / total:.0%} | {a[:, 3].mean():.2f} | "
              f"{a[:, 4].mean():.2f} | {np.median(a[:, 5]):.0f} |")


def _delays(done, m: int = 10) -> None:
    """The table of ``--delays``: how soon stopped searches go on."""
    finals = np.array([d[0] for d in done])
    rows = []
    for i, (f, fv, _, _) in enumerate(done):
        j, best = _stop_at(fv, np.delete(finals, i), m)
        if j is None:
            continue
        after = np.minimum.accumulate(np.where(np.isfinite(fv), fv,
                                               np.inf))[j:]
        below = np.flatnonzero(after < best - BAND)
        rows.append((f, best, j, fv.size,
                     str(below[0]) if below.size else "-"))
    print(f"\nWould-be stops (stall {m}, the others' ends known): "
          f"{len(rows)} of {len(done)} searches")
    print("\n| end | value at the stop | stop at evaluation | evaluations "
          "| went > 1.0 below after |")
    print("|---:|---:|---:|---:|---:|")
    for f, best, j, n, k in sorted(rows):
        print(f"| {f:.2f} | {best:.2f} | {j} | {n} | {k} |")


def _rules(done, target: float, tols) -> None:
    """The table of ``--target``: each stall rule replayed on the searches."""
    finals = np.array([d[0] for d in done])
    aimed = [i for i, d in enumerate(done) if d[0] <= target]
    print(f"\nStall rules; {len(aimed)} of {len(done)} searches ended at or "
          f"below {target:g}")
    print("\n| count | stall_tol | time cut | stopped > 1.0 above their end "
          "| of those at or below the target, stopped above it: "
          "others known / earlier known |")
    print("|---:|---:|---:|---:|---:|")
    for m in (5, 10, 20):
        for tol in (None, *tols):
            saved = total = 0.0
            early = 0
            lost = {"others": 0, "earlier": 0}
            for i, (f, fv, t, _) in enumerate(done):
                total += t[-1]
                for name, known in (("others", np.delete(finals, i)),
                                    ("earlier", finals[:i])):
                    j, best = _stop_at(fv, known, m, tol)
                    if name == "others" and j is not None:
                        saved += t[-1] - t[j]
                        early += best > f + BAND
                    if j is not None and i in aimed and best > target:
                        lost[name] += 1
            print(f"| {m} | {'-' if tol is None else tol} | "
                  f"{saved / total:.0%} | {early} | {lost['others']} / "
                  f"{lost['earlier']} |")


def main(yaml: str | None, n_starts: int = 30, seed: int = 1,
         save: str | None = None, load: str | None = None,
         target: float | None = None, tols=(0.1, 0.5),
         check: int | None = None, orders: int = 200,
         delays: bool = False, check_from=()) -> None:
    """Run (or load) the searches and print the tables."""
    logging.disable(logging.WARNING)
    if load:
        (lb, ub), done = _load(load)
        print(f"{len(done)} searches with a finite value, from {load}\n")
    else:
        problem, done = _searches(yaml, n_starts, seed)
        lb, ub = problem.lb, problem.ub
        if save:
            _save(save, problem, done)
        print(f"{len(done)} of {n_starts} searches ended with a finite "
              "value\n")
    print("| final | evaluations | within 1.0 from | share | CPU-s |")
    print("|---:|---:|---:|---:|---:|")
    for f, fv, t, _ in sorted(done, key=lambda d: d[0]):
        k = int(np.argmax(np.isfinite(fv) & (fv <= f + BAND)))
        print(f"| {f:.2f} | {fv.size} | {k} | {k / fv.size:.0%} | "
              f"{t[-1]:.2f} |")
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
    if delays:
        _delays(done)
    if target is not None:
        _rules(done, target, tols)
        if check:
            _check_table(done, target, check, orders, check_from)


if __name__ == "__main__":
    opts = dict(a[2:].split("=", 1) for a in sys.argv[1:]
                if a.startswith("--") and "=" in a)
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(args[0] if args else None, *(int(a) for a in args[1:3]),
         save=opts.get("save"), load=opts.get("load"),
         target=float(opts["target"]) if "target" in opts else None,
         tols=tuple(float(v) for v in opts.get("tols", "0.1,0.5").split(",")),
         check=int(opts["check"]) if "check" in opts else None,
         orders=int(opts.get("orders", 200)),
         delays="--delays" in sys.argv[1:],
         check_from=tuple(int(v) for v in opts["check-from"].split(","))
         if "check-from" in opts else ())

"""Tell a startpoint's fate before its local search runs, if one can.

``python scripts/start_predictors.py run PETAB_YAML N SEED OUT.npz``
runs N Fides starts (pyPESTO, one process) from Latin-hypercube points
drawn with SEED and saves, per start, the startpoint and the final value,
and every evaluated point of its trace (unit box of the optimization
bounds) with its objective value; the first trace value of a start is
the objective at its startpoint.

``python scripts/start_predictors.py TARGET OUT.npz [OUT.npz ...]``
pools such files and prints two tables for the question of BENCHMARKS.md
"v7": would a cheap look at a proposal (one objective evaluation, or the
traces of the searches so far) pick the startpoints that reach
``TARGET``?

1. Hit rate by quartile of the objective value at the startpoint, and
   the hit rate and CPU-s per hit if each start were the best (lowest
   start value) of ``k`` random candidates ("screening").
2. Nearest-neighbour basin prediction: many times over, the traces of 10
   random starts that missed the target play a round 0; for 20 other
   starts, the median final value of the searches owning the 10 nearest
   trace points predicts where each will end. Printed: how often a start
   ends in a basin those 10 had found anyway, how often the prediction is
   right (final values within 0.5), and both by the distance to the
   nearest trace point (quartiles).
3. Where the startpoints that reached ``TARGET`` lie: per parameter, the
   mean position in the unit box of theirs and of the others', and the
   Mann-Whitney p-value (one per parameter, not corrected for their
   number).

``python scripts/start_predictors.py bands TARGET EDGE OUT.npz [...]``
prints, per parameter, the mean startpoint (unit box) of the searches
that reached ``TARGET``, of those that ended between ``TARGET`` and
``EDGE`` ("intermediate") and of all others (worse or failed), with the
Mann-Whitney p-values of the intermediate and of the reached ones
against the others: do the searches that end at intermediate optima
start where the deep ones start? (BENCHMARKS.md "v24").
"""

from __future__ import annotations

import logging
import sys
import time

import numpy as np
import pypesto
import pypesto.optimize as optimize
from scipy import stats as sp_stats

from pypesto_cvae import load_petab_problem
from pypesto_cvae.iterative import default_local_optimizer
from pypesto_cvae.startpoint import latin_hypercube


def run(yaml: str, n: int, seed: int, out: str) -> None:
    """N Fides starts with traces; written to ``out`` after every start."""
    logging.getLogger("amici").setLevel(logging.CRITICAL)
    problem = load_petab_problem(yaml).problem
    names = [problem.x_names[i] for i in problem.x_free_indices]
    lb, ub = np.asarray(problem.lb, float), np.asarray(problem.ub, float)
    x0 = latin_hypercube(n, problem.lb_init, problem.ub_init,
                         np.random.default_rng(seed))
    starts, ends, cpu, tr_x, tr_f, tr_id = [], [], [], [], [], []
    for i, x in enumerate(x0):
        problem.set_x_guesses([problem.get_full_vector(x)])
        t0 = time.process_time()
        result = optimize.minimize(
            problem, optimizer=default_local_optimizer(), n_starts=1,
            progress_bar=False,
            history_options=pypesto.HistoryOptions(trace_record=True),
        )
        cpu.append(time.process_time() - t0)
        opt = result.optimize_result.list[0]
        xs = np.asarray(opt.history.get_x_trace(), float)
        fs = np.asarray(opt.history.get_fval_trace(), float)
        starts.append((x - lb) / (ub - lb))
        ends.append(float(opt.fval))
        tr_x.append((xs.reshape(len(fs), -1) - lb) / (ub - lb))
        tr_f.append(fs)
        tr_id.append(np.full(len(fs), i))
        np.savez(out, names=np.array(names), starts=np.array(starts),
                 ends=np.array(ends),
                 cpu=np.array(cpu), tr_x=np.vstack(tr_x),
                 tr_f=np.concatenate(tr_f), tr_id=np.concatenate(tr_id))


def _load(files):
    parts = {k: [] for k in ("starts", "ends", "cpu", "tr_x", "tr_f",
                             "tr_id")}
    offset = 0
    for name in files:
        data = np.load(name)
        for k in parts:
            parts[k].append(data[k] + (offset if k == "tr_id" else 0))
        offset += len(data["ends"])
        names = data["names"] if "names" in data else None
    out = {k: np.concatenate(v) for k, v in parts.items()}
    out["names"] = names
    return out


def screening(d, target: float, rng) -> None:
    """Table 1: start values against hits."""
    ends, ids = d["ends"], d["tr_id"]
    # the first trace value of each start: the objective at its startpoint
    first = np.r_[0, np.flatnonzero(np.diff(ids)) + 1]
    f0 = np.full(len(ends), np.inf)
    f0[ids[first]] = d["tr_f"][first]
    f0 = np.where(np.isfinite(f0), f0, np.inf)
    hit, cpu = ends <= target, d["cpu"]
    print(f"{len(ends)} starts, {hit.sum()} reached {target}, "
          f"{cpu.mean():.2f} CPU-s per start\n")
    print("| start value quartile | start values | reached | CPU-s per "
          "start |\n|---|---|---:|---:|")
    order = np.argsort(f0, kind="stable")
    for q, idx in enumerate(np.array_split(order, 4)):
        print(f"| {q + 1} | {f0[idx].min():.3g} - {f0[idx].max():.3g} | "
              f"{hit[idx].sum()} of {len(idx)} | {cpu[idx].mean():.2f} |")
    print("\n| candidates per start (k) | hit rate | CPU-s per hit |\n"
          "|---:|---:|---:|")
    for k in (1, 2, 4, 8):
        picks = [min(rng.choice(len(ends), k, replace=False),
                     key=lambda j: f0[j]) for _ in range(4000)]
        rate = hit[picks].mean()
        per_hit = cpu[picks].mean() / rate if rate else np.inf
        print(f"| {k} | {rate:.3f} | {per_hit:.1f} |")


def basins(d, target: float, rng, reps: int = 3000) -> None:
    """Table 2: nearest-neighbour prediction of where a start ends."""
    ends, starts = d["ends"], d["starts"]
    hit = ends <= target
    pool = np.flatnonzero(~hit & np.isfinite(ends))
    rows = []
    for _ in range(reps):
        known = rng.choice(pool, 10, replace=False)
        mask = np.isin(d["tr_id"], known)
        tx, te = d["tr_x"][mask], ends[d["tr_id"][mask]]
        rest = rng.choice(np.setdiff1d(np.arange(len(ends)), known), 20,
                          replace=False)
        dist = np.sqrt(((starts[rest, None, :] - tx[None]) ** 2).mean(-1))
        pred = np.median(te[np.argsort(dist, axis=1)[:, :10]], axis=1)
        seen = ends[known]
        for j, i in enumerate(rest):
            rows.append((dist[j].min(), hit[i],
                         np.any(np.abs(seen - ends[i]) < 0.5),
                         abs(pred[j] - ends[i]) < 0.5))
    rows = np.array(rows, float)
    print("\n| distance to nearest trace point | starts | reached | end in a "
          "known basin | prediction right |\n|---|---:|---:|---:|---:|")
    edges = np.quantile(rows[:, 0], [0, 0.25, 0.5, 0.75, 1])
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        s = (rows[:, 0] >= lo) & (rows[:, 0] <= hi)
        print(f"| {lo:.3f} - {hi:.3f} | {s.sum()} | {rows[s, 1].mean():.3f}"
              f" | {rows[s, 2].mean():.2f} | {rows[s, 3].mean():.2f} |")
    print(f"| all | {len(rows)} | {rows[:, 1].mean():.3f} | "
          f"{rows[:, 2].mean():.2f} | {rows[:, 3].mean():.2f} |")


def _names(d) -> list[str]:
    """The parameter names of the pooled files, or their indices."""
    names = d.get("names")
    if names is None:
        return [str(j) for j in range(d["starts"].shape[1])]
    return list(names)


def positions(d, target: float) -> None:
    """Table 3: where the startpoints that reached the target lie."""
    starts, hit = d["starts"], d["ends"] <= target
    names = _names(d)
    print(f"\n| parameter | reached ({hit.sum()}) | others ({(~hit).sum()})"
          " | Mann-Whitney p |\n|---|---:|---:|---:|")
    for j, name in enumerate(names):
        p = sp_stats.mannwhitneyu(starts[hit, j], starts[~hit, j]).pvalue \
            if 0 < hit.sum() < hit.size else np.nan
        print(f"| {name} | {starts[hit, j].mean():.2f} | "
              f"{starts[~hit, j].mean():.2f} | {p:.3f} |")


def bands(d, target: float, edge: float) -> None:
    """Where the searches that reached, nearly reached and missed start."""
    starts, ends = d["starts"], d["ends"]
    hit = ends <= target
    mid = (ends > target) & (ends <= edge)
    rest = ~(hit | mid)
    names = _names(d)

    def _p(a: np.ndarray, j: int) -> float:
        if a.sum() == 0 or rest.sum() == 0:
            return np.nan
        return sp_stats.mannwhitneyu(starts[a, j], starts[rest, j]).pvalue

    print(f"{len(ends)} starts: {hit.sum()} reached {target}, {mid.sum()} "
          f"ended in ({target}, {edge}], {rest.sum()} worse or failed\n")
    print("| parameter | reached | intermediate | others | p intermediate vs "
          "others | p reached vs others |\n|---|---:|---:|---:|---:|---:|")
    for j, name in enumerate(names):
        print(f"| {name} | {starts[hit, j].mean():.2f} | "
              f"{starts[mid, j].mean():.2f} | {starts[rest, j].mean():.2f} | "
              f"{_p(mid, j):.3g} | {_p(hit, j):.3g} |")


def main(argv: list[str]) -> None:
    """``run ...``, ``bands ...`` or the tables (see the module docstring)."""
    if argv[0] == "run":
        run(argv[1], int(argv[2]), int(argv[3]), argv[4])
        return
    if argv[0] == "bands":
        bands(_load(argv[3:]), float(argv[1]), float(argv[2]))
        return
    data, rng = _load(argv[1:]), np.random.default_rng(0)
    screening(data, float(argv[0]), rng)
    basins(data, float(argv[0]), rng)
    positions(data, float(argv[0]))


if __name__ == "__main__":
    main(sys.argv[1:])

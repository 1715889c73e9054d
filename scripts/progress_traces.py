"""What a progress stop would save on traced Latin-hypercube searches.

``python scripts/progress_traces.py TARGET OUT.npz [OUT.npz ...]`` reads
the files of ``scripts/start_predictors.py run`` (Fides searches from
Latin-hypercube points, every evaluation traced) and replays
:class:`~pypesto_cvae.basin.ProgressStop` on each search's values through
the objective wrapper that stops real searches
(``IterationOptions.progress_evals`` / ``progress_tol``). Per window and
tolerance it prints (after the share of their evaluations that searches
spend before coming within 0.1 of their final value) the share of the
evaluations the stop would have cut
(the CPU time of a search is taken as proportional to its evaluations),
how many of the searches that reached ``TARGET`` it would have stopped
above it, how many searches it stopped more than 1.92 above their own
end, and the median CPU-s to the first hit of independent restarts with
and without the stop (starts drawn with replacement from the pool, 4000
times).

BENCHMARKS.md, "v14": ``python scripts/progress_traces.py 192.3771
runs/s16/pred.crauste.*.npz`` and ``140.142 runs/s16/pred.boehm.*.npz``.
"""

from __future__ import annotations

import sys

import numpy as np

from pypesto_cvae.basin import (
    KnownBasins,
    ProgressStop,
    SearchStalled,
    _StoppingObjective,
)

#: (evaluations, tolerance) pairs replayed.
RULES = ((20, 0.5), (30, 0.5), (40, 0.1), (40, 0.5), (60, 0.5))


def _searches(files):
    """(final value, CPU-s, values of every evaluation) per search.

    Failed searches (no finite end) come too: they cost CPU time.
    """
    out = []
    for name in files:
        d = np.load(name)
        for i, (end, cpu) in enumerate(zip(d["ends"], d["cpu"],
                                           strict=True)):
            out.append((float(end), float(cpu),
                        np.asarray(d["tr_f"][d["tr_id"] == i], float)))
    return out


def stop_at(values: np.ndarray, rule: ProgressStop) -> tuple[int, float]:
    """Evaluations a search runs under ``rule`` and its best value then."""
    basins = KnownBasins(np.empty((0, 1)), np.empty(0), [0.0], [1.0],
                         0.0, 0.0, 0)
    feed = iter(values)
    objective = _StoppingObjective(lambda x: next(feed), basins, rule)
    for j in range(values.size):
        try:
            objective(np.zeros(1))
        except SearchStalled:
            return j + 1, objective._best
    return values.size, objective._best


def restart_median(cpu: np.ndarray, hit: np.ndarray, rng,
                   reps: int = 4000, cap: int = 100_000) -> float:
    """Median CPU-s to the first hit of starts drawn from the pool."""
    if not hit.any():
        return np.inf
    times = []
    for _ in range(reps):
        total = 0.0
        for _ in range(cap):
            k = rng.integers(cpu.size)
            total += cpu[k]
            if hit[k]:
                break
        times.append(total)
    return float(np.median(times))


def main(target: float, files: list[str]) -> None:
    """Print the table (see the module docstring)."""
    searches = _searches(files)
    ends = np.array([s[0] for s in searches])
    cpu = np.array([s[1] for s in searches])
    hit = ends <= target
    rng = np.random.default_rng(0)
    n_evals = sum(s[2].size for s in searches)
    # evaluations until a search's best value is within 0.1 of its end
    near = sum(int(np.argmax(np.isfinite(v) & (v <= e + 0.1))) + 1
               for e, _, v in searches if np.isfinite(e) and v.size)
    finite_evals = sum(v.size for e, _, v in searches if np.isfinite(e))
    print(f"{len(searches)} searches, {np.isfinite(ends).sum()} with a "
          f"finite end, {hit.sum()} reached {target}, {n_evals} "
          f"evaluations, {cpu.sum():.0f} CPU-s; "
          f"restarts: median {restart_median(cpu, hit, rng):.0f} CPU-s to "
          f"the first hit; searches with a finite end were within 0.1 of "
          f"it after {near / finite_evals:.0%} of their evaluations\n")
    print("| stop after N evaluations improving < tol | evaluations cut | "
          "hits stopped above the target | stopped > 1.92 above their end "
          "| restarts: median CPU-s to a hit |\n|---|---:|---:|---:|---:|")
    for evals, tol in RULES:
        rule = ProgressStop(evals, tol)
        kept, cut_cpu, new_hit, early = 0, [], [], 0
        for end, c, values in searches:
            n, best = stop_at(values, rule)
            kept += n
            cut_cpu.append(c * n / max(values.size, 1))
            new_hit.append(best <= target)
            early += best > end + 1.92
        lost = int(np.sum(hit & ~np.array(new_hit)))
        med = restart_median(np.array(cut_cpu), np.array(new_hit), rng)
        print(f"| {evals}, {tol} | {1 - kept / n_evals:.0%} | {lost} of "
              f"{hit.sum()} | {early} | {med:.0f} |")


if __name__ == "__main__":
    main(float(sys.argv[1]), sys.argv[2:])

"""Replay the start screen on traced Latin-hypercube searches.

``python scripts/screen_replay.py TARGET K REPEATS OUT.npz [OUT.npz ...]``
pools the searches that ``scripts/start_predictors.py run`` saved
(startpoint, final value, CPU-s per search) and replays, REPEATS times,
a sequence of searches drawn from that pool until one ends below
``TARGET``:

- ``random``: the searches in random order (Latin-hypercube multistart);
- ``screen``: the first 10 at random (a round 0), then each next one the
  :class:`~pypesto_cvae.screen.StartScreen` choice among K random searches
  not run yet, told the startpoints and ends of all searches run so far.

Printed per rule: the median and mean number of searches and the median
CPU-s until the first search below TARGET (a replay that empties the pool
counts all of it). The pool is finite: a rule that keeps choosing from
one region can run out of it, so the replay measures the rule on these
searches, not in the rounds of a run.
"""

from __future__ import annotations

import sys

import numpy as np

from pypesto_cvae.screen import StartScreen

FIRST = 10


def load(files: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Startpoints (unit box), final values and CPU-s of pooled searches."""
    data = [np.load(f) for f in files]
    return (
        np.vstack([d["starts"] for d in data]),
        np.concatenate([d["ends"] for d in data]),
        np.concatenate([d["cpu"] for d in data]),
    )


def replay(starts, ends, cpu, target, k, rng) -> tuple[int, float]:
    """Searches and CPU-s until one ends below ``target`` (one replay)."""
    order = list(rng.permutation(len(ends)))
    done = order[:FIRST]
    pool = order[FIRST:]
    dim = starts.shape[1]
    screen = StartScreen(np.zeros(dim), np.ones(dim))
    screen.add(starts[done], ends[done], np.zeros(len(done), bool))
    hit = ends < target
    while not hit[done].any() and pool:
        pick = rng.choice(len(pool), min(k, len(pool)), replace=False)
        cands = np.asarray(pool)[pick]
        best = screen.best_in_groups(starts[cands], len(cands))[0]
        i = int(cands[best])
        pool.remove(i)
        done.append(i)
        screen.add(starts[[i]], ends[[i]], np.zeros(1, bool))
    n = next((j + 1 for j, d in enumerate(done) if hit[d]), len(done))
    return n, float(cpu[done[:n]].sum())


def main(argv: list[str]) -> None:
    """Print the replay table (see the module docstring)."""
    target, k, repeats = float(argv[0]), int(argv[1]), int(argv[2])
    starts, ends, cpu = load(argv[3:])
    print(f"{len(ends)} searches, {int(np.sum(ends < target))} below "
          f"{target}; {repeats} replays per rule, first {FIRST} at random")
    print("| rule | searches to first hit: median / mean | CPU-s: median |")
    print("|---|---:|---:|")
    for name, kk in (("random", 1), (f"screen, best of {k}", k)):
        rng = np.random.default_rng(0)
        runs = np.array([replay(starts, ends, cpu, target, kk, rng)
                         for _ in range(repeats)])
        print(f"| {name} | {np.median(runs[:, 0]):.0f} / "
              f"{runs[:, 0].mean():.1f} | {np.median(runs[:, 1]):.1f} |")


if __name__ == "__main__":
    main(sys.argv[1:])

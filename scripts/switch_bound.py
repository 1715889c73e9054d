"""What choosing each start's source by the state of a run could buy.

``python scripts/switch_bound.py PROBLEM TARGET EDGE BUDGET METHOD DIR...``

Pools the starts of the ``METHOD`` runs (``cvae`` or ``jitter``) of
PROBLEM in the run folders DIR (``pypesto-cvae benchmark --out``) before
each run's first hit at TARGET: round 0's Latin-hypercube starts, and
later starts by their source (learned or Latin hypercube) and by the
state of the run before their round (its best final value below EDGE or
not), each with its CPU time (the difference of successive
``start_end_cpu``, so the cVAE's training counts against the round's
first start) and its final value. It then replays runs of BUDGET CPU-s
that draw starts from the pools (10 round-0 starts, then one start at a
time, the state updated after each) under a learned share per state,
and prints the share of runs at the target and the median CPU-s to it
for fixed shares and for an oracle that knows the state. Two more tables
scale hit rates: of the learned starts in the bad state (best at or
above EDGE), to show what a run would need from them, and of all
Latin-hypercube starts (what a screen that doubles their hits would
buy, at learned shares 0.8 and 0.5).

The replay keeps what the pools hold: a learned start in a state hits as
often as the real ones did in that state, wherever the run's own model
stood; rounds, training and the stops in known basins are in the CPU
times, not modelled.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
from boehm_variants import _round_starts
from compare_variants import _load

REPLAYS = 20_000
FIRST_ROUND = 10
SHARES = ((0.8, 0.8), (0.5, 0.5), (0.0, 0.0), (0.2, 0.8), (0.0, 0.8),
          (0.0, 1.0))


def pools(records, target: float, edge: float):
    """Round-0 starts, and later ones by (state, source): (cpu, fval)."""
    first, later = [], {}
    for rec in records:
        cpu = np.diff([0.0, *rec.start_end_cpu]).tolist()
        i, best = 0, math.inf
        for k, learned, explore in _round_starts(rec):
            state = "good" if best < edge else "bad"
            for source, part in (("learned", learned), ("lhs", explore)):
                for f in part:
                    item = (cpu[i], f)
                    i += 1
                    if k == 0:
                        first.append(item)
                    else:
                        later.setdefault((state, source), []).append(item)
            finite = [f for f in learned + explore if math.isfinite(f)]
            best = min([best, *finite])
            if best <= target:
                break
    return first, later


def replay(first, later, target, edge, budget, shares, rng, convert):
    """CPU-s to the target of one replayed run (inf: censored).

    ``convert``: per (state, source), the chance that a start of that pool
    which missed counts as a hit (see :func:`convert_p`).
    """
    t, best = 0.0, math.inf
    n = 0
    while True:
        state = "good" if best < edge else "bad"
        if n < FIRST_ROUND:
            cpu, f = first[rng.integers(len(first))]
        else:
            share = shares[0] if state == "bad" else shares[1]
            source = "learned" if rng.random() < share else "lhs"
            pool = later[(state, source)]
            cpu, f = pool[rng.integers(len(pool))]
            if f > target and rng.random() < convert.get((state, source),
                                                         0.0):
                f = target
        n += 1
        t += cpu
        if t > budget:
            return math.inf
        if f <= target:
            return t
        if math.isfinite(f):
            best = min(best, f)


def convert_p(later, target, boost: dict) -> dict:
    """Per pool, the chance to turn a miss into a hit: rate times boost."""
    out = {}
    for key, factor in boost.items():
        p = sum(f <= target for _, f in later[key]) / len(later[key])
        out[key] = (factor - 1.0) * p / (1.0 - p)
    return out


def _row(first, later, target, edge, budget, shares, boost=None):
    rng = np.random.default_rng(0)
    convert = convert_p(later, target, boost or {})
    times = sorted(replay(first, later, target, edge, budget, shares, rng,
                          convert) for _ in range(REPLAYS))
    reached = sum(math.isfinite(t) for t in times) / REPLAYS
    median = times[REPLAYS // 2]
    return reached, (f"{median:.1f}" if math.isfinite(median)
                     else "not reached")


def main(argv: list[str]) -> None:
    """Print the pools and the replay tables (module docstring)."""
    problem, target, edge = argv[0], float(argv[1]), float(argv[2])
    budget, method = float(argv[3]), argv[4]
    records = [rec for d in argv[5:] for rec in _load(Path(d))
               if rec.problem == problem and rec.method == method
               and rec.rounds]
    first, later = pools(records, target, edge)
    print(f"{len(records)} {method} runs; round 0: {len(first)} starts\n")
    print("| state before the round | source | starts | hits | "
          "CPU-s per start |\n|---|---|---:|---:|---:|")
    for (state, source), items in sorted(later.items()):
        hits = sum(f <= target for _, f in items)
        cpu = sum(c for c, _ in items) / len(items)
        name = f"best < {edge:g}" if state == "good" else f"best >= {edge:g}"
        print(f"| {name} | {source} | {len(items)} | {hits} "
              f"({hits / len(items):.1%}) | {cpu:.2f} |")
    missing = [k for k in (("bad", "learned"), ("bad", "lhs"),
                           ("good", "learned"), ("good", "lhs"))
               if k not in later]
    if missing:
        print(f"\nNo replay: no starts in {missing} (every run in one "
              "state after round 0?)")
        return
    print(f"\n| learned share, best >= {edge:g} | learned share, best < "
          f"{edge:g} | runs at target | median CPU-s to target |\n"
          "|---:|---:|---:|---:|")
    for shares in SHARES:
        reached, median = _row(first, later, target, edge, budget, shares)
        print(f"| {shares[0]:.1f} | {shares[1]:.1f} | {reached:.0%} | "
              f"{median} |")
    print(f"\n| learned hit rate at best >= {edge:g}, times the measured | "
          "runs at target | median CPU-s to target (shares 0.8) |\n"
          "|---:|---:|---:|")
    for factor in (1.0, 2.0, 3.0, 4.0, 6.0):
        reached, median = _row(first, later, target, edge, budget,
                               (0.8, 0.8), {("bad", "learned"): factor})
        print(f"| {factor:g} | {reached:.0%} | {median} |")
    print("\n| Latin-hypercube hit rate, times the measured | learned share "
          "| runs at target | median CPU-s to target |\n|---:|---:|---:|---:|")
    for factor in (1.0, 2.0):
        boost = {(state, "lhs"): factor for state in ("bad", "good")}
        for share in (0.8, 0.5):
            reached, median = _row(first, later, target, edge, budget,
                                   (share, share), boost)
            print(f"| {factor:g} | {share:.1f} | {reached:.0%} | {median} |")


if __name__ == "__main__":
    main(sys.argv[1:])

"""Where a mixed learned share's starts came from, and which ones hit.

``python scripts/mix_sources.py PROBLEM TARGET DIR [DIR ...]``

For the round-based runs of PROBLEM in the run folders DIR (``pypesto-cvae
benchmark --out``) whose rounds used ``IterationOptions.jitter_fraction``
(``RoundStats.n_jitter`` > 0 somewhere), splits each later round's learned
starts into the cVAE's proposals and the perturbed best endpoints, in the
order ``CVAEOptimizer`` started them (the two alternate, see
``iterative._interleave``), and prints

1. per source, the starts of the rounds after round 0 up to the run's
   first hit (the round of the first hit counts in full, as in
   ``compare_variants.py``'s tables), how many of them reached TARGET,
   how many ended at an optimum not seen before (``n_new_*`` of the
   rounds), and the runs whose first hit came from each source;
2. the jitter share of the learned starts by round (median and range over
   the runs), i.e. where ``jitter_gain`` moved the split.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from boehm_variants import _round_starts
from compare_variants import _load

from pypesto_cvae.iterative import _interleave

SOURCES = ("cVAE", "jitter", "Latin hypercube")


def sources(rnd: dict) -> list[str]:
    """The source of each start of a round, in the order they started.

    A round cut short by the budget started only the first ones.
    """
    n_learned, n_jitter = rnd["n_cvae"], rnd.get("n_jitter", 0)
    order = _interleave(
        np.zeros((n_learned - n_jitter, 1)), np.ones((n_jitter, 1))
    )[:, 0]
    learned = ["jitter" if j else "cVAE" for j in order]
    return learned + ["Latin hypercube"] * (rnd["n_starts"] - n_learned)


def tally(records, target: float):
    """Per-source counts before the first hit, and shares per round."""
    counts = {s: [0, 0, 0] for s in SOURCES}   # starts, hits, first hits
    new = {"cVAE": 0, "jitter": 0}
    shares: dict[int, list[float]] = {}
    first = {"round 0": 0, "none": 0}
    for rec in records:
        found = False
        for rnd, (k, learned, explore) in zip(rec.rounds, _round_starts(rec),
                                              strict=True):
            fvals = learned + explore
            if k > 0 and rnd["n_cvae"]:
                shares.setdefault(k, []).append(
                    rnd.get("n_jitter", 0) / rnd["n_cvae"])
            if found:
                continue
            hits = [f <= target for f in fvals]
            if k == 0:
                found = any(hits)
                first["round 0"] += found
                continue
            labels = sources(rnd)
            for source, hit in zip(labels, hits, strict=False):
                counts[source][0] += 1
                counts[source][1] += hit
            if any(hits):   # the first start, in the round's order, to hit
                counts[labels[hits.index(True)]][2] += 1
                found = True
            new["jitter"] += rnd.get("n_new_jitter", 0)
            new["cVAE"] += rnd.get("n_new_cvae", 0) - rnd.get(
                "n_new_jitter", 0)
        first["none"] += not found
    return counts, new, shares, first


def main(argv: list[str]) -> None:
    """Print both tables (see the module docstring)."""
    problem, target = argv[0], float(argv[1])
    records = [
        rec for d in argv[2:] for rec in _load(Path(d))
        if rec.problem == problem and rec.rounds
        and any(r.get("n_jitter", 0) for r in rec.rounds)
    ]
    counts, new, shares, first = tally(records, target)
    print(f"\n{problem}: {len(records)} runs with a mixed learned share; "
          "starts after round 0 up to the first hit\n")
    print("| source | starts | reached | new optima | runs' first hit |")
    print("|---|---:|---:|---:|---:|")
    for source in SOURCES:
        n, hit, firsts = counts[source]
        found = new.get(source)
        print(f"| {source} | {n} | {hit} ({hit / max(n, 1):.1%}) | "
              f"{'-' if found is None else found} | {firsts} |")
    print(f"\nfirst hit in round 0: {first['round 0']}, no hit: "
          f"{first['none']}\n")
    print("| round | runs | jitter share of learned starts: median "
          "(min-max) |\n|---:|---:|---|")
    for k in sorted(shares):
        v = shares[k]
        print(f"| {k} | {len(v)} | {np.median(v):.2f} ({min(v):.2f}-"
              f"{max(v):.2f}) |")


if __name__ == "__main__":
    main(sys.argv[1:])

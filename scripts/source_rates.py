"""How often learned and Latin-hypercube starts hit, by the state of the run.

``python scripts/source_rates.py PROBLEM TARGET BANDS DIR [DIR ...]``

For the round-based runs (``cvae``, ``jitter``) of PROBLEM in the run
folders DIR (``pypesto-cvae benchmark --out``), counts the starts of each
round after round 0 up to the round of the run's first hit (as
``compare_variants.py``'s last table) and how many of them reached
TARGET, learned and Latin-hypercube starts apart, in two tables:

1. by the band of the best final value the run had before the round
   (BANDS: comma-separated upper edges, e.g. ``250,285``);
2. by how many earlier searches of the run ended within 1.0 of that best
   value (searches stopped in a known basin end up to 1.0 above it): a
   signal a run has, unlike the value bands, which need the landscape;
3. by the band and by the stalled rounds before the round
   (``CVAEOptimizer.stalled_rounds``: 0, 1, 2+), i.e. whether the round's
   learned starts got the stall spread's noise (0.1 of the box per
   stalled round) on top of ``IterationOptions.spread``.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from boehm_variants import _round_starts
from compare_variants import _load

from pypesto_cvae.config import IterationOptions

TOL = 1.0
COUNTS = ((1, "1"), (3, "2-3"), (9, "4-9"), (math.inf, "10+"))
#: What a stalled round is: the package default of the optimizer's rule.
IMPROVEMENT_TOL = IterationOptions().improvement_tol
STALLS = ("0", "1", "2+")


def _band(value: float, edges: list[float]) -> str:
    low = -math.inf
    for edge in edges:
        if value < edge:
            return f"{low:g} to {edge:g}"
        low = edge
    return f">= {low:g}"


def _count(n: int) -> str:
    return next(name for top, name in COUNTS if n <= top)


def tally(records, target: float, edges: list[float]) -> dict:
    """{(table, method, state, source): [starts, hits]}."""
    out: dict = {}
    for rec in records:
        if rec.method == "lhs" or not rec.rounds:
            continue
        ends, found, stall = [], False, 0
        for k, learned, explore in _round_starts(rec):
            best = min(ends, default=math.inf)
            if k > 0 and not found:
                again = sum(abs(e - best) <= TOL for e in ends)
                stalls = STALLS[min(stall, 2)]
                stalled = f"{_band(best, edges)}, stalled {stalls}"
                for table, state in ((1, _band(best, edges)),
                                     (2, _count(again)), (3, stalled)):
                    for source, part in (("learned", learned),
                                         ("Latin hypercube", explore)):
                        c = out.setdefault((table, rec.method, state,
                                            source), [0, 0])
                        c[0] += len(part)
                        c[1] += sum(f <= target for f in part)
            finite = [f for f in learned + explore if math.isfinite(f)]
            found = found or any(f <= target for f in finite)
            ends += finite
            # as CVAEOptimizer.stalled_rounds: a round stalls unless its
            # best end beat the best before it by more than the tolerance
            new = min(finite, default=math.inf) < best - IMPROVEMENT_TOL
            stall = 0 if new else stall + 1
    return out


def main(argv: list[str]) -> None:
    """Print both tables (see the module docstring)."""
    problem, target = argv[0], float(argv[1])
    edges = [float(e) for e in argv[2].split(",")]
    records = [rec for d in argv[3:] for rec in _load(Path(d))
               if rec.problem == problem]
    out = tally(records, target, edges)
    heads = {1: "best final value so far",
             2: "earlier searches ending at that best value",
             3: "best so far, stalled rounds before"}
    for table, head in heads.items():
        print(f"\n| method | {head} | learned starts: hits | "
              "Latin-hypercube starts: hits |\n|---|---|---:|---:|")
        bands = [_band(e - 1e-9, edges) for e in edges]
        bands += [_band(math.inf, edges)]
        order = bands + [name for _, name in COUNTS]
        order += [f"{b}, stalled {i}" for b in bands for i in STALLS]
        keys = sorted({k[1:3] for k in out if k[0] == table},
                      key=lambda k: (k[0], order.index(k[1])))
        for method, state in keys:
            cells = []
            for source in ("learned", "Latin hypercube"):
                n, hit = out.get((table, method, state, source), [0, 0])
                cells.append(f"{hit} of {n} ({hit / max(n, 1):.1%})")
            print(f"| {method} | {state} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])

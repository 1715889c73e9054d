"""How the local searches of benchmark runs ended, by source of startpoint.

Usage::

    python scripts/start_outcomes.py TARGET NAME=DIR [NAME=DIR ...]
        [--edges=0,800]

For each run folder DIR (``pypesto-cvae benchmark --out``) and method,
sorts every local search by where its startpoint came from: ``round 0``
(the Latin-hypercube round of ``cvae`` and ``jitter``), ``later lhs``
(the explore share of their later rounds), ``learned`` (the cVAE's and
the start model's proposals, or ``jitter``'s perturbed endpoints) and
``lhs`` (every start of the ``lhs`` method). Per row: the searches, the
median evaluations per search, and the shares that failed (no finite
final value), reached TARGET, ended below each of ``--edges`` (default
0 and 800) without reaching it, and ended above the last edge.

With two folders, the round-0 searches of the runs in both (same
method and seed: the same Latin-hypercube startpoints) are also paired
start by start: how many failed, or reached TARGET, in one folder only.

BENCHMARKS.md, "v54": Fujita with AMICI's defaults against the forward
sensitivities' tolerance at 1e-8 (``--solver absolute_tolerance_fsa=1e-8``).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
from boehm_variants import _round_starts
from compare_variants import _load

from pypesto_cvae.benchmark import RunRecord


def _records(folder: str) -> dict[tuple[str, int], RunRecord]:
    return {(rec.method, rec.repeat): rec for rec in _load(Path(folder))}


def _searches(rec: RunRecord):
    """``(source, final value, evaluations)`` of each search of a run."""
    evals = np.diff([0, *rec.start_end_evals]) if rec.start_end_evals \
        else [math.nan] * rec.n_starts
    if rec.method not in ("cvae", "jitter") or not rec.rounds:
        for fval, n in zip(rec.start_fval, evals, strict=True):
            yield rec.method if rec.method == "lhs" else "other", fval, n
        return
    i = 0
    for rnd, learned, explore in _round_starts(rec):
        kinds = (["round 0"] * len(learned + explore) if rnd == 0 else
                 ["learned"] * len(learned) + ["later lhs"] * len(explore))
        for kind, fval in zip(kinds, learned + explore, strict=True):
            yield kind, fval, evals[i]
            i += 1


def outcome_rows(name: str, runs, target: float, edges) -> list[str]:
    """Markdown rows of one folder."""
    table: dict[tuple[str, str], list] = {}
    for rec in runs.values():
        for kind, fval, n in _searches(rec):
            table.setdefault((rec.method, kind), []).append((fval, n))
    rows = []
    for (method, kind), items in sorted(table.items()):
        fvals = np.array([f for f, _ in items], dtype=float)
        finite = np.isfinite(fvals)
        counts = [int((~finite).sum()), int((fvals <= target).sum())]
        low = target
        for edge in edges:
            counts.append(int(((fvals > low) & (fvals < edge)).sum()))
            low = edge
        counts.append(int((finite & (fvals >= low)).sum()))
        shares = " | ".join(f"{c} ({100 * c / len(items):.0f}%)"
                            for c in counts)
        median = np.nanmedian([n for _, n in items])
        rows.append(f"| {name} | {method} | {kind} | {len(items)} | "
                    f"{median:.0f} | {shares} |")
    return rows


def paired_round0(a, b, target: float) -> str:
    """Round-0 searches of runs in both folders, start by start."""
    fail_a = fail_b = hit_a = hit_b = both = 0
    for key in sorted(set(a) & set(b)):
        if key[0] not in ("cvae", "jitter"):
            continue
        ra, rb = a[key], b[key]
        n = min(ra.rounds[0]["n_starts"], rb.rounds[0]["n_starts"])
        for fa, fb in zip(ra.start_fval[:n], rb.start_fval[:n],
                          strict=True):
            both += 1
            fail_a += not math.isfinite(fa) and math.isfinite(fb)
            fail_b += math.isfinite(fa) and not math.isfinite(fb)
            hit_a += fa <= target < fb
            hit_b += fb <= target < fa
    return (f"round-0 searches in both: {both}; failed only in the first "
            f"{fail_a}, only in the second {fail_b}; reached the target "
            f"only in the first {hit_a}, only in the second {hit_b}")


def main(argv: list[str]) -> int:
    """Print the tables for ``TARGET NAME=DIR ...``."""
    args = [a for a in argv if not a.startswith("--")]
    edges = [0.0, 800.0]
    for arg in argv:
        if arg.startswith("--edges="):
            edges = [float(v) for v in arg.split("=", 1)[1].split(",")]
    if len(args) < 2:
        print(__doc__)
        return 2
    target = float(args[0])
    folders = [a.split("=", 1) for a in args[1:]]
    bins = [f"< {edges[0]:g}"] + [
        f"{lo:g} to {hi:g}" for lo, hi in zip(edges, edges[1:], strict=False)
    ] + [f">= {edges[-1]:g}"]
    print("| folder | method | source | searches | median evaluations | "
          "failed | hit | " + " | ".join(bins) + " |")
    print("|---|---|---|---:|---:|" + "---:|" * (2 + len(bins)))
    loaded = {name: _records(folder) for name, folder in folders}
    for name, runs in loaded.items():
        print("\n".join(outcome_rows(name, runs, target, edges)))
    if len(loaded) == 2:
        print()
        print(paired_round0(*loaded.values(), target))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

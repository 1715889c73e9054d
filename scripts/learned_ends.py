"""How the learned starts end, measured against the run's best so far.

Usage::

    python scripts/learned_ends.py [--by-model] TARGET NAME=DIR [NAME=DIR ...]

For the ``cvae`` and ``jitter`` runs in each run folder DIR
(``pypesto-cvae benchmark --out``), takes the learned starts (the cVAE's
and the start model's proposals, or the perturbed best endpoints) of the
rounds after round 0 up to and including the round of the run's first
start at or below TARGET (all rounds of a run without one), and sorts
each by its final value against the best value the run had before its
round (``best``):

- failed: the simulation failed (no finite final value);
- hit: ended at or below TARGET;
- lower: ended below ``best - tol`` without hitting;
- at best: ended within ``tol`` of ``best``, i.e. back in the basin the
  run already had (searches stopped in a known basin end a little above
  its optimum, hence the tolerance);
- higher: ended above ``best + tol``;

with ``tol = max(1.92, 0.02 * |best|)`` (rounds before the run has any
finite value are skipped). Prints one Markdown row per
folder and method with the counts and shares (with ``--by-model``, the
``cvae`` runs' learned starts in a row per source: the cVAE's proposals,
the start model's and a jitter share's perturbed best endpoints,
:func:`boehm_variants._learned_kinds`), and the median number of
distinct final values (rounded to 1) among a run's learned starts that
ended below the best value of its round 0 (how many different good optima
a run's learned starts visited).

BENCHMARKS.md, "v28": on Fujita the cVAE's learned starts went back to
the run's best basin more often than ``jitter``'s perturbed endpoints,
which perturb the five best distinct endpoints.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
from boehm_variants import _learned_kinds, _round_starts
from compare_variants import _load

KINDS = ("failed", "hit", "lower", "at best", "higher")


def _tol(best: float) -> float:
    return max(1.92, 0.02 * abs(best))


def classify(final: float, best: float, target: float) -> str:
    """One of :data:`KINDS` for a learned start's final value."""
    if not math.isfinite(final):
        return "failed"
    if final <= target:
        return "hit"
    if final < best - _tol(best):
        return "lower"
    if final <= best + _tol(best):
        return "at best"
    return "higher"


def run_counts(
    rec, target: float, model: str | None = None
) -> tuple[dict[str, int], int]:
    """Counts per kind for one run, and its distinct good learned ends.

    ``model``: count only the learned starts of this source (``"cvae"``,
    ``"start"`` or ``"jitter"``, :func:`boehm_variants._learned_kinds`);
    None, all.
    """
    counts = dict.fromkeys(KINDS, 0)
    best = first = math.inf
    good = set()
    for rnd, (k_round, learned, explore) in zip(
            rec.rounds, _round_starts(rec), strict=True):
        if k_round == 0:
            first = min((f for f in explore if math.isfinite(f)),
                        default=math.inf)
        elif math.isfinite(best):
            # a round cut short by the budget started only its first ones
            kinds = (_learned_kinds(rnd)[:len(learned)] if model
                     else [None] * len(learned))
            for f, kind in zip(learned, kinds, strict=True):
                if kind != model:
                    continue
                counts[classify(f, best, target)] += 1
                if math.isfinite(f) and f < first:
                    good.add(round(f))
        finite = [f for f in learned + explore if math.isfinite(f)]
        best = min([best, *finite])
        if best <= target:
            break
    return counts, len(good)


def rows(
    name: str, folder: Path, target: float, by_model: bool = False
) -> list[str]:
    """The Markdown rows of one folder (``cvae`` and ``jitter``).

    ``by_model``: the ``cvae`` runs in a row per source of their learned
    starts, ``cvae (cVAE)``, ``cvae (start model)`` and, with a jitter
    share (``jitter_fraction``, ``stall_jitter``), ``cvae (jitter
    share)``; a source without starts has no row.
    """
    out = []
    groups = [("cvae", "cvae", "cvae (cVAE)"),
              ("cvae", "start", "cvae (start model)"),
              ("cvae", "jitter", "cvae (jitter share)")] if by_model else [
              ("cvae", None, "cvae")]
    for method, model, label in [*groups, ("jitter", None, "jitter")]:
        total = dict.fromkeys(KINDS, 0)
        distinct = []
        for rec in _load(folder):
            if rec.method != method or not rec.rounds:
                continue
            counts, n_good = run_counts(rec, target, model)
            for kind in KINDS:
                total[kind] += counts[kind]
            distinct.append(n_good)
        n = sum(total.values())
        if not n:
            continue
        cells = [f"{total[k]} ({total[k] / n:.0%})" for k in KINDS]
        out.append(f"| {name} | {label} | {len(distinct)} | {n} | "
                   + " | ".join(cells)
                   + f" | {np.median(distinct):.1f} |")
    return out


def main(argv: list[str]) -> int:
    """Print the table; ``argv``: [--by-model] TARGET NAME=DIR ..."""
    by_model = "--by-model" in argv
    argv = [a for a in argv if a != "--by-model"]
    if len(argv) < 2 or any("=" not in a for a in argv[1:]):
        print(__doc__)
        return 2
    target = float(argv[0])
    lines = ["| folder | method | runs | learned starts | "
             + " | ".join(KINDS) + " | distinct good ends per run |",
             "|---|---|---:|---:|" + "---:|" * len(KINDS) + "---:|"]
    for arg in argv[1:]:
        name, folder = arg.split("=", 1)
        lines += rows(name, Path(folder), target, by_model)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Starts up to each run's first hit, split by whether the round trained.

Usage::

    python scripts/spent_rounds.py TARGET RUN_FOLDER...

For the ``cvae`` runs in the folders (``pypesto-cvae benchmark --out``),
counts the starts of the rounds after round 0 up to and including each
run's first start that reached ``TARGET``, by source (``cvae``, the start
model ``start``, ``lhs``) and by whether the round had a start model and
under 0.05 CPU-s of training, i.e. the overhead allowance was spent
(``IterationOptions.max_overhead``): how many starts, and how many were a
run's first hit. BENCHMARKS.md, "v25": before commit 9b9c104 a start model
was retrained with a zero allowance in such rounds; since then it draws
from its last network.
"""

from __future__ import annotations

import sys
from pathlib import Path

from boehm_variants import starts_to_first_hit
from compare_variants import _load


def count(target: float, folders: list[str]) -> dict:
    """``{(spent, source): [starts, first hits]}`` over the folders."""
    out: dict = {}
    for folder in folders:
        for rec in _load(Path(folder)):
            if rec.method != "cvae" or not rec.rounds:
                continue
            for rnd, _, kind, f in starts_to_first_hit(rec, target):
                if rnd["round"] == 0:
                    continue
                spent = rnd["n_start"] > 0 and rnd["train_cpu_s"] < 0.05
                cell = out.setdefault((spent, kind), [0, 0])
                cell[0] += 1
                cell[1] += f <= target
    return out


def main(argv: list[str]) -> int:
    """Print the counts as a Markdown table."""
    if len(argv) < 2:
        print(__doc__)
        return 2
    cells = count(float(argv[0]), argv[1:])
    print("| allowance spent | source | starts | first hits |")
    print("|---|---|---:|---:|")
    for (spent, kind), (n, hits) in sorted(cells.items()):
        print(f"| {'yes' if spent else 'no'} | {kind} | {n} | {hits} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

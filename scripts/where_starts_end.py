"""Where the starts of benchmark runs ended, by method and source.

``python scripts/where_starts_end.py OUT_DIR PROBLEM NEAR BELOW``
reads the run files of ``pypesto-cvae benchmark --out OUT_DIR`` for
PROBLEM and prints one Markdown row per method and source of startpoint
(``lhs``: all its starts; ``cvae`` and ``jitter``: round 0, learned,
Latin hypercube of later rounds) with the share of starts that ended
within 0.6 of one of the comma-separated values NEAR (e.g. the most
common local optima), below BELOW, elsewhere, or without a finite value.

BENCHMARKS.md, "v7": ``python scripts/where_starts_end.py
runs/benchmark-crauste240 Crauste_CellSystems2017 291.73,294.7 200``.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from boehm_variants import _round_starts

from pypesto_cvae.benchmark import RunRecord


def _sources(rec: RunRecord):
    """(source, final value) of every start of a run."""
    if not rec.rounds:
        yield from ((rec.method, float(f)) for f in rec.start_fval)
        return
    for k, learned, explore in _round_starts(rec):
        for source, part in (("learned", learned),
                             ("Latin hypercube", explore)):
            source = "round 0" if k == 0 else source
            yield from ((f"{rec.method} {source}", f) for f in part)


def main(argv: list[str]) -> None:
    """Print the table (see the module docstring)."""
    folder, problem = Path(argv[0]), argv[1]
    near = [float(v) for v in argv[2].split(",")]
    below = float(argv[3])
    counts: dict[str, list[int]] = {}
    for path in sorted((folder / "runs").glob(f"{problem}__*.json")):
        rec = RunRecord.from_json(path.read_text())
        for source, f in _sources(rec):
            c = counts.setdefault(source, [0, 0, 0, 0])
            if not math.isfinite(f):
                c[3] += 1
            elif any(abs(f - v) < 0.6 for v in near):
                c[0] += 1
            elif f < below:
                c[1] += 1
            else:
                c[2] += 1
    print(f"| method, starts | n | near {argv[2]} | below {below:g} | other "
          "| failed |\n|---|---:|---:|---:|---:|---:|")
    for source, c in counts.items():
        n = sum(c)
        print(f"| {source} | {n} | "
              + " | ".join(f"{k / n:.0%}" for k in c) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])

"""Where each ``cvae`` run's starts came from, and when the start model drew.

Usage::

    python scripts/start_draws.py NAME=DIR [NAME=DIR ...]

For the ``cvae`` runs in each run folder DIR (``pypesto-cvae benchmark
--out``), prints one Markdown row per run: its rounds, its startpoints by
source as asked (Latin hypercube in round 0 and in later rounds, the
cVAE's proposals, the start model's, perturbed best endpoints; the last
round may be cut short by the budget), the first round in which the
start model drew (``-`` if never) and the share of failed starts.
BENCHMARKS.md, "v27": on Fujita the start model never drew with the v25
defaults, since its data gate counts finite searches from
Latin-hypercube points (``IterationOptions.start_fallback``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from compare_variants import _load

COLUMNS = ("run", "seed", "rounds", "lhs round 0", "lhs later", "cvae",
           "start model", "jitter", "start model from round", "failed")


def rows(name: str, folder: Path) -> list[list[str]]:
    """One row per ``cvae`` run of ``folder`` (see the module docstring)."""
    out = []
    for rec in _load(folder):
        if rec.method != "cvae" or not rec.rounds:
            continue
        later = rec.rounds[1:]
        drew = [r["round"] for r in later if r["n_start"] > 0]
        n_start = sum(r["n_start"] for r in later)
        n_jitter = sum(r["n_jitter"] for r in later)
        n_learned = sum(r["n_cvae"] for r in later)
        out.append([
            name, str(rec.repeat), str(len(rec.rounds)),
            str(rec.rounds[0]["n_explore"]),
            str(sum(r["n_explore"] for r in later)),
            str(n_learned - n_start - n_jitter), str(n_start), str(n_jitter),
            str(drew[0]) if drew else "-",
            f"{rec.n_failed / rec.n_starts:.0%}" if rec.n_starts else "-",
        ])
    return out


def main(argv: list[str]) -> int:
    """Print the table for the ``NAME=DIR`` arguments."""
    if not argv or any("=" not in a for a in argv):
        print(__doc__)
        return 2
    print("| " + " | ".join(COLUMNS) + " |")
    print("|---|" + "---:|" * (len(COLUMNS) - 1))
    for arg in argv:
        name, folder = arg.split("=", 1)
        for row in rows(name, Path(folder)):
            print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

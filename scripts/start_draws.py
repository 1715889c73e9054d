"""Where each ``cvae`` run's starts came from, and when the start model drew.

Usage::

    python scripts/start_draws.py NAME=DIR [NAME=DIR ...] [--high=VALUE]
        [--shares]

For the ``cvae`` runs in each run folder DIR (``pypesto-cvae benchmark
--out``), prints one Markdown row per run: its rounds, its startpoints by
source as asked (Latin hypercube in round 0 and in later rounds, the
cVAE's proposals, the start model's, perturbed best endpoints; the last
round may be cut short by the budget), the first round in which the
start model drew (``-`` if never) and the share of failed starts.

With ``--high=VALUE``, a second table: per folder, the starts of the
rounds after round 0, learned and Latin-hypercube ones apart, by the
rounds in a row without an improvement by more than 1.92 before their
round (``CVAEOptimizer.stalled_rounds``, which scales the stall spread:
0.1 of the range per such round): how many, the share that failed, the
share that ended at or above VALUE (on Fujita, 9000: the plateau near
10011) and their median final value.

With ``--shares``, a table of the start model's share of the cVAE's
learned starts (the start model's / the learned starts that are not
perturbed best endpoints, as asked) by round: per folder and round 1-8
(and all later rounds together), the median share over the runs that
had learned starts in that round, and how many runs did (in the last
column, how many such rounds there were)
(``IterationOptions.start_gain`` moves it; a fixed ``start_fraction``
keeps it, but for rounding and rounds before the start model trains).
BENCHMARKS.md, "v27": on Fujita the start model never drew with the v25
defaults, since its data gate counts finite searches from
Latin-hypercube points (``IterationOptions.start_fallback``).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
from boehm_variants import _round_starts
from compare_variants import _load

from pypesto_cvae.config import IterationOptions
from pypesto_cvae.iterative import stalled_rounds

#: What counts as a new optimum (the default ``improvement_tol``).
IMPROVEMENT_TOL = IterationOptions().improvement_tol
#: Bands of stalled rounds in the second table.
STALL_BANDS = ((0, 1), (2, 4), (5, math.inf))

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


#: Rounds with a column of their own in the ``--shares`` table.
SHARE_ROUNDS = 8


def share_row(name: str, folder: Path) -> list[str]:
    """The ``--shares`` row of ``folder`` (see the module docstring)."""
    shares: dict[int, list[float]] = {}
    for rec in _load(folder):
        if rec.method != "cvae":
            continue
        for rnd in rec.rounds[1:]:
            n_model = rnd["n_cvae"] - rnd.get("n_jitter", 0)
            if n_model > 0:
                k = min(rnd["round"], SHARE_ROUNDS + 1)
                shares.setdefault(k, []).append(rnd["n_start"] / n_model)
    cells = []
    for k in range(1, SHARE_ROUNDS + 2):
        got = shares.get(k, [])
        cells.append(f"{np.median(got):.2f} ({len(got)})" if got else "-")
    return [name, *cells]


def stalled_before(rounds: list[dict]) -> list[int]:
    """Per round, the stalled rounds in a row before it (as the run saw)."""
    best = [rnd["best_fval"] for rnd in rounds]
    return [stalled_rounds(best[:k], IMPROVEMENT_TOL)
            for k in range(len(rounds))]


def stall_rows(name: str, folder: Path, high: float) -> list[list[str]]:
    """The second table's rows for the ``cvae`` runs of ``folder``."""
    ends: dict = {}
    for rec in _load(folder):
        if rec.method != "cvae" or not rec.rounds:
            continue
        stalls = stalled_before(rec.rounds)
        for (k, learned, lhs), stall in zip(_round_starts(rec), stalls,
                                           strict=True):
            if k == 0:
                continue
            band = next(b for b in STALL_BANDS if b[0] <= stall <= b[1])
            ends.setdefault(("learned", band), []).extend(learned)
            ends.setdefault(("lhs", band), []).extend(lhs)
    out = []
    for source in ("learned", "lhs"):
        for band in STALL_BANDS:
            f = np.array(ends.get((source, band), []), dtype=float)
            if not f.size:
                continue
            ok = f[np.isfinite(f)]
            label = f"{band[0]}+" if band[1] == math.inf else \
                f"{band[0]}-{band[1]}"
            out.append([
                name, source, label, str(f.size),
                f"{1 - ok.size / f.size:.0%}",
                f"{np.sum(ok >= high) / f.size:.0%}",
                f"{np.median(ok):.1f}" if ok.size else "-",
            ])
    return out


def _table(columns, body) -> None:
    print("| " + " | ".join(columns) + " |")
    print("|---|" + "---:|" * (len(columns) - 1))
    for row in body:
        print("| " + " | ".join(row) + " |")


def main(argv: list[str]) -> int:
    """Print the table(s) for the ``NAME=DIR`` arguments."""
    high = [float(a.partition("=")[2]) for a in argv
            if a.startswith("--high=")]
    shares = "--shares" in argv
    argv = [a for a in argv
            if not a.startswith("--high=") and a != "--shares"]
    if not argv or any("=" not in a for a in argv):
        print(__doc__)
        return 2
    folders = [(name, Path(folder))
               for name, folder in (a.split("=", 1) for a in argv)]
    _table(COLUMNS, [r for name, f in folders for r in rows(name, f)])
    if high:
        print()
        _table(("run", "source", "stalled rounds before", "starts",
                "failed", f"ended >= {high[0]:g}", "median end"),
               [r for name, f in folders
                for r in stall_rows(name, f, high[0])])
    if shares:
        print()
        _table(("run", *(f"round {k}" for k in range(1, SHARE_ROUNDS + 1)),
                f"rounds {SHARE_ROUNDS + 1}+"),
               [share_row(name, f) for name, f in folders])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Where a run with ``stall_jitter`` first turns to perturbed endpoints.

Usage::

    python scripts/jitter_onset.py DIR BASELINE.csv [--method=cvae]

DIR holds ``cvae`` runs of a variant that draws its learned starts as
the defaults do until its first round with a jitter share
(``IterationOptions.stall_jitter``: a round after a stalled one); under a
budget of objective evaluations such a run repeats the default run
search for search until then. BASELINE.csv is a kept table of the
defaults' runs (``records/``; rows of ``--method``, default ``cvae``).

Per seed it prints the first round with a jitter share (``-`` if none),
the evaluations spent before it, the evaluations to the target of the
variant (its own target) and of the baseline, and the check: a run that
reached the target before its first jitter round must have reached it
at the baseline's evaluation count (``same``, else ``DIFFERS``); a run
that reached it later, or not at all, is ``after onset`` (the two runs
may differ). Exits with status 1 if any run ``DIFFERS``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from compare_variants import _load

from pypesto_cvae.benchmark import read_csv


def onset(rec) -> tuple[int | None, int]:
    """The first round with a jitter share and the evaluations before it.

    (None, evaluations of the whole run) if no round had one.
    """
    i, spent = 0, 0
    for rnd in rec.rounds or []:
        if rnd.get("n_jitter", 0):
            return rnd["round"], spent
        n = rnd["n_starts"]
        ends = rec.start_end_evals[i:i + n]
        i += n
        spent = max([spent, *ends])
    return None, spent


def main(argv: list[str]) -> int:
    """Print the table; 1 if a run hit before its onset at another count."""
    method = next((a.partition("=")[2] for a in argv
                   if a.startswith("--method=")), "cvae")
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__)
        return 2
    folder, baseline = Path(args[0]), args[1]
    base = {int(r["repeat"]): r for r in read_csv(baseline)
            if r["method"] == method}
    own = {int(r["repeat"]): r for r in read_csv(folder / "results.csv")}
    print("| seed | first jitter round | evaluations before it | "
          "variant: evaluations to target | baseline | check |")
    print("|---:|---:|---:|---:|---:|---|")
    bad = 0
    for rec in sorted(_load(folder), key=lambda r: r.repeat):
        if rec.method != "cvae":
            continue
        k, spent = onset(rec)
        mine = own.get(rec.repeat, {}).get("evals_to_target")
        theirs = base.get(rec.repeat, {}).get("evals_to_target")
        if mine is not None and (k is None or mine <= spent):
            check = "same" if mine == theirs else "DIFFERS"
        else:
            check = "after onset"
        bad += check == "DIFFERS"
        print(f"| {rec.repeat} | {'-' if k is None else k} | {spent} | "
              f"{'-' if mine is None else mine} | "
              f"{'-' if theirs is None else theirs} | {check} |")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

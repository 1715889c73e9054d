"""Check that two benchmark folders hold the same runs, search for search.

Usage::

    python scripts/same_runs.py DIR_A DIR_B

For each run file (``runs/*.json``) present in both folders it compares
what the run did, not how long it took: the evaluation counts and values
of its improvements, the final value of each local search and the
evaluation count at which each ended. Runs on a budget of objective
evaluations (``pypesto-cvae benchmark --budget-unit evals``) should be
identical on one machine type; runs on a CPU budget usually are not.
Prints one line per run and exits with status 1 if any differ; for a
run that differs it names what differed in the two runs' environments
(package versions, Python, platform, CPU), which run files record since
session 62: a budget of evaluations repeats a run only within one build.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pypesto_cvae.benchmark import RunRecord

#: What a run did; CPU times and the cVAE's timings are left out.
FIELDS = ("event_evals", "event_fval", "start_fval", "start_end_evals")


def differences(a: RunRecord, b: RunRecord) -> list[str]:
    """Fields of :data:`FIELDS` in which two runs differ."""
    return [f for f in FIELDS if getattr(a, f) != getattr(b, f)]


def environment_note(a: RunRecord, b: RunRecord) -> str:
    """What differs between the environments of two runs, in words."""
    if not a.environment or not b.environment:
        return "environment not recorded in both"
    keys = sorted(k for k in {*a.environment, *b.environment}
                  if a.environment.get(k) != b.environment.get(k))
    if not keys:
        return "same environment"
    return "environments differ in " + ", ".join(
        f"{k} {a.environment.get(k, '-')} / {b.environment.get(k, '-')}"
        for k in keys
    )


def main(argv: list[str]) -> int:
    """Compare the run files of two folders; 1 if any differ."""
    if len(argv) != 2:
        print(__doc__)
        return 2
    dirs = [Path(d) / "runs" for d in argv]
    names = sorted({p.name for p in dirs[0].glob("*.json")}
                   & {p.name for p in dirs[1].glob("*.json")})
    if not names:
        print("no run file in both folders")
        return 2
    n_diff = 0
    for name in names:
        a, b = (RunRecord.from_json((d / name).read_text()) for d in dirs)
        diff = differences(a, b)
        n_diff += bool(diff)
        print(f"{name}: " + ("identical" if not diff else
                             "differs in " + ", ".join(diff))
              + f" ({a.n_starts} searches, CPU-s {a.cpu_s:.1f} / "
              f"{b.cpu_s:.1f})"
              + (f"; {environment_note(a, b)}" if diff else ""))
    print(f"{len(names) - n_diff} of {len(names)} runs identical")
    return int(n_diff > 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

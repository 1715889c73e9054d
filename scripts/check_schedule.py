"""Check which benchmark runs the current round pricing would change.

``python scripts/check_schedule.py FOLDER...``: for every ``cvae`` and
``jitter`` run file in ``FOLDER/runs`` (``pypesto-cvae benchmark --out``
folders), recompute the size of each later round at the moment it was
asked (the clock at the end of the round before, the starts and failures
so far) with the benchmark's ``_round_size``, once as it is and once
with no start counted as failed, which is the pricing before commit
5415b4c (the mean CPU time over all starts, failed ones included). A
run whose sizes agree would have started from the same points and is
reused as it is; the others must be rerun. The recomputed
old sizes are checked against the recorded ones (all rounds but the last,
which a budget may cut short).
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from pypesto_cvae import benchmark as bm


def sizes(rec: bm.RunRecord):
    """Per later round: (recorded, old pricing, current pricing).

    The old pricing is the current one with no start counted as failed.
    """
    fvals = np.asarray(rec.start_fval, dtype=float)
    out, i = [], 0
    for k, rnd in enumerate(rec.rounds):
        if k > 0:
            used = rec.start_end_cpu[i - 1]
            failed = int(np.sum(~np.isfinite(fvals[:i])))
            row = [rnd["n_starts"]]
            for n_failed in (0, failed):
                clock = SimpleNamespace(
                    record=SimpleNamespace(n_starts=i, n_failed=n_failed),
                    used=lambda u=used: u,
                    left=lambda u=used: rec.budget_cpu_s - u,
                )
                row.append(bm._round_size(SimpleNamespace(round=k), clock, 0))
            out.append(tuple(row))
        i += rnd["n_starts"]
    return out


def main(folders: list[str]) -> None:
    """Print per folder the runs whose round sizes would change."""
    for folder in folders:
        changed, same, mismatch = [], 0, 0
        for path in sorted(Path(folder, "runs").glob("*.json")):
            rec = bm.RunRecord.from_json(path.read_text())
            if rec.method not in ("cvae", "jitter") or not rec.rounds:
                continue
            rows = sizes(rec)
            mismatch += sum(r != o for r, o, _ in rows[:-1])
            if any(o != n for _, o, n in rows):
                changed.append(f"{rec.problem} {rec.method} {rec.repeat}")
            else:
                same += 1
        print(f"{folder}: {same} runs unchanged, {len(changed)} changed"
              f"{': ' + ', '.join(changed) if changed else ''}; recorded "
              f"sizes the old pricing does not reproduce: {mismatch}")


if __name__ == "__main__":
    main(sys.argv[1:])

"""Where a benchmark run's startpoints lay relative to the ends it knew.

Usage::

    python scripts/start_geometry.py run OUT_DIR PETAB_YAML METHOD SEED \
        BUDGET [BENCHMARK ARGS...]
    python scripts/start_geometry.py report TARGET OUT_DIR [OUT_DIR ...]
        [--seeds=S,S,...] [--rounds=N]

``run`` runs ``pypesto-cvae benchmark PETAB_YAML --methods METHOD
--first-repeat SEED --repeats 1 --budget BUDGET --budget-unit evals --out
OUT_DIR BENCHMARK ARGS...`` in this process and, beside the usual run
file, writes ``OUT_DIR/starts-METHOD-SEED.npz``: every local search's
startpoint and end, in the unit box of the bounds (objective scale), in
the order the run made them. Counted in evaluations, the run repeats the
kept run of the same settings exactly (its best value says so).

``report`` reads every such file in the folders. For each search of a
round after round 0, up to the run's first value at or below TARGET, it
takes the root-mean-square distance (unit box) from its startpoint to
the finite ends of the searches of earlier rounds: to the run's best end
so far ("to best") and to the nearest of them ("to an end"). One row
per method and source (``learned``: the cVAE's and start model's
proposals, or ``jitter``'s perturbed ends; ``lhs``: the
explore share), with the medians and the mean share of coordinates on a
bound, and the same for the searches that reached TARGET, with the
final value of the earlier search whose end lay nearest to each.
``--seeds`` keeps only the runs of those seeds (to compare folders on the
seeds they share); ``--rounds=N`` only the searches of rounds 1 to N. The
stall spread widens every learned proposal by 0.1 of the box per stalled
round, so runs that stall long move the medians of all rounds;
``--rounds=1`` compares the proposals themselves, before any stall.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import numpy as np
from boehm_variants import _round_starts
from compare_variants import _load

from pypesto_cvae import benchmark as bm


def _run(out: str, yaml: str, method: str, seed: str, budget: str, extra):
    from pypesto_cvae.cli import main

    starts = []
    original = bm._run_start

    def recorded(problem, optimizer, x0, sid, clock):
        result = original(problem, optimizer, x0, sid, clock)
        width = problem.ub - problem.lb
        end = result.x if result.x is not None else np.full(len(x0), np.nan)
        starts.append(
            (
                (np.asarray(x0, float) - problem.lb) / width,
                (np.asarray(end, float) - problem.lb) / width,
            )
        )
        return result

    bm._run_start = recorded
    try:
        rc = main([
            "benchmark", yaml, "--methods", method, "--first-repeat", seed,
            "--repeats", "1", "--budget", budget, "--budget-unit", "evals",
            "--out", out, *extra,
        ])
    finally:
        bm._run_start = original
    np.savez(
        Path(out) / f"starts-{method}-{seed}.npz",
        x0=np.array([s[0] for s in starts]),
        x=np.array([s[1] for s in starts]),
    )
    return rc


def _rms(a, b) -> float:
    return float(np.sqrt(np.mean((np.asarray(a) - np.asarray(b)) ** 2)))


def _on_bound(x, tol: float = 1e-6) -> float:
    """Share of coordinates on a bound (unit box)."""
    x = np.asarray(x)
    return float(np.mean((x <= tol) | (x >= 1 - tol)))


def _report(target: float, folders, seeds=None, last_round=None) -> None:
    rows: dict[tuple[str, str], list[tuple]] = {}
    for folder in map(Path, folders):
        records = {(r.method, r.repeat): r for r in _load(folder)}
        for npz in sorted(folder.glob("starts-*.npz")):
            _, method, seed = npz.stem.split("-")
            if seeds is not None and int(seed) not in seeds:
                continue
            rec = records[(method, int(seed))]
            data = np.load(npz)
            x0, x, f = data["x0"], data["x"], rec.start_fval
            i, ends, hit = 0, [], False
            for k_round, learned, explore in _round_starts(rec):
                n = len(learned) + len(explore)
                if k_round > 0 and not hit and ends and (
                        last_round is None or k_round <= last_round):
                    best = min(ends, key=lambda e: e[0])
                    for j in range(i, i + n):
                        near = min(ends, key=lambda e: _rms(x0[j], e[1]))
                        source = "learned" if j - i < len(learned) else "lhs"
                        rows.setdefault((method, source), []).append((
                            _rms(x0[j], best[1]),
                            _rms(x0[j], near[1]),
                            f[j] <= target,
                            _on_bound(x0[j]),
                            near[0],
                        ))
                ends += [(f[j], x[j]) for j in range(i, i + n)
                         if np.isfinite(f[j])]
                hit = hit or any(v <= target for v in learned + explore)
                i += n
    print("| method | source | searches | to best (median) | to an end "
          "(median) | on a bound (mean) | reached | reached: to best | "
          "reached: to an end | reached: on a bound | reached: nearest end's "
          "value |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for (method, source), v in sorted(rows.items()):
        hits = [r for r in v if r[2]]
        med = lambda k, rs: (  # noqa: E731
            f"{statistics.median(r[k] for r in rs):.3f}" if rs else "-"
        )
        bound = lambda rs: (  # noqa: E731
            f"{np.mean([r[3] for r in rs]):.0%}" if rs else "-"
        )
        print(f"| {method} | {source} | {len(v)} | {med(0, v)} | {med(1, v)} "
              f"| {bound(v)} | {len(hits)} | {med(0, hits)} | {med(1, hits)} "
              f"| {bound(hits)} | "
              f"{', '.join(f'{r[4]:.2f}' for r in hits) or '-'} |")


if __name__ == "__main__":
    if len(sys.argv) >= 7 and sys.argv[1] == "run":
        sys.exit(_run(*sys.argv[2:7], sys.argv[7:]))
    if len(sys.argv) >= 4 and sys.argv[1] == "report":
        flags = [a for a in sys.argv[3:] if a.startswith("--")]
        opts = dict(a[2:].partition("=")[::2] for a in flags)
        if set(opts) - {"seeds", "rounds"} or not all(opts.values()):
            sys.exit(f"unknown or empty option in {flags}\n{__doc__}")
        _report(
            float(sys.argv[2]),
            [a for a in sys.argv[3:] if not a.startswith("--")],
            {int(v) for v in opts["seeds"].split(",")}
            if "seeds" in opts else None,
            int(opts["rounds"]) if "rounds" in opts else None,
        )
        sys.exit(0)
    sys.exit(__doc__)

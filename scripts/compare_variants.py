"""Tabulate cVAE variants against the other methods with one target.

Usage::

    python scripts/compare_variants.py BASE_DIR NAME=DIR [NAME=DIR ...]
        [--pair-with=METHOD ...]

BASE_DIR holds the runs of all methods (``pypesto-cvae benchmark --out``);
the runs in each DIR (e.g. ``cvae`` and ``jitter`` with other settings)
are shown as methods ``<method>-<NAME>``. The best known value, and so
the target, is computed over all runs together, with the references
stored in BASE_DIR's results.json (``pypesto-cvae benchmark
--reference``). Per problem, it also
prints the per-seed grid, the seeds paired with ``lhs`` and, for the
round-based methods, how often learned and Latin-hypercube starts reached
the target before each run's first hit (tables of ``boehm_variants.py``).
Each ``--pair-with=METHOD`` (e.g. ``cvae`` or ``cvae-NAME``) adds the
seeds paired with that method instead of ``lhs``. ``--records=FILE.csv``
also writes the rows (one per run, variants renamed) to FILE.csv, the
form in which ``records/`` keeps measured runs in the repository
(``scripts/pool_records.py`` pools such files).
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

from boehm_variants import (
    _before_first_hit,
    _first_hit_kinds,
    _first_hit_sources,
    _grid,
    _paired,
)

from pypesto_cvae.benchmark import (
    RunRecord,
    _by_evals,
    format_summary,
    stored_references,
    summarize,
    tabulate,
    write_csv,
    write_plots,
)


def _load(folder: Path) -> list[RunRecord]:
    return [
        RunRecord.from_json(p.read_text())
        for p in sorted((folder / "runs").glob("*.json"))
    ]


def print_seed_tables(problem: str, rows, pair_with) -> None:
    """Per-seed grid and pairings (with lhs, then each ``pair_with``)."""
    seeds = sorted({r["repeat"] for r in rows})
    unit = "evaluations" if any(_by_evals(r) for r in rows) else "CPU-s"
    print(f"\n{problem}, per seed: {unit} to target, or x<best NLL>\n")
    print(_grid(rows, seeds))
    print(f"\n{problem}: reaching the target, paired by seed\n")
    print(_paired(rows, min_common=2))
    for method in pair_with:
        print(f"\n{problem}: reaching the target, paired with {method}\n")
        print(_paired(rows, base=method, min_common=2))


def main(argv: list[str]) -> int:
    """Print a Markdown summary per problem; write plots to the base dir."""
    pair_with = [a.partition("=")[2] for a in argv
                 if a.startswith("--pair-with=")]
    keep = [a.partition("=")[2] for a in argv if a.startswith("--records=")]
    argv = [a for a in argv
            if not a.startswith(("--pair-with=", "--records="))]
    base = Path(argv[0])
    records = _load(base)
    for item in argv[1:]:
        name, _, folder = item.partition("=")
        records += [
            dataclasses.replace(r, method=f"{r.method}-{name}")
            for r in _load(Path(folder))
        ]
    nominal = json.loads((base / "results.json").read_text())["nominal_nll"]
    references = stored_references(base)
    order = ["lhs", "pso", "sacess", "jitter", "cvae"]
    for item in argv[1:]:
        order += [f"{m}-{item.partition('=')[0]}" for m in order[:5]]
    records.sort(key=lambda r: (r.problem, order.index(r.method), r.repeat))
    rows = tabulate(records, nominal, references)
    for path in keep:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        write_csv(rows, path)
    print(format_summary(summarize(rows)))
    for problem in dict.fromkeys(r["problem"] for r in rows):
        sel = [r for r in rows if r["problem"] == problem]
        print_seed_tables(problem, sel, pair_with)
        print(f"\n{problem}: starts after round 0, up to the first hit\n")
        recs = [r for r in records if r.problem == problem]
        print(_before_first_hit(recs, sel[0]["target"]))
        print(f"\n{problem}: starts after round 0 up to the first hit "
              "itself, by source\n")
        print(_first_hit_sources(recs, sel[0]["target"]))
        kinds = _first_hit_kinds(recs, sel[0]["target"])
        if kinds.count("\n") > 1:
            print(f"\n{problem}: the same, learned starts by model "
                  "(start_fraction)\n")
            print(kinds)
    out = base / "variants"
    out.mkdir(exist_ok=True)
    write_plots(records, rows, out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Pool kept benchmark tables (``records/*.csv``) and pair them by seed.

Usage::

    python scripts/pool_records.py FILE.csv [FILE.csv ...]
        [--pair-with=METHOD ...] [--rename=OLD:NEW ...]

Each FILE is a table of :func:`pypesto_cvae.benchmark.write_csv` (e.g.
written by ``compare_variants.py --records=FILE``), one row per run; the
rows of all files are pooled, so seeds measured in different sessions add
up. Prints, per problem, the summary, the per-seed grid and the seeds
paired with ``lhs`` and with each ``--pair-with`` method
(``compare_variants.print_seed_tables``). Each run keeps
the target of its own table; a run kept in two files with the same row
(a control shared by two comparisons) counts once, and a problem, method
and seed given twice with different rows is refused. ``--rename=OLD:NEW``
renames method ``OLD`` to ``NEW`` in every file before pooling, for a
method that one session kept under another name (e.g. session 23's
``jitter-pace``, the ablation with the defaults' pace, is ``jitter`` in
later sessions).
"""

from __future__ import annotations

import sys
from collections import Counter

from compare_variants import print_seed_tables

from pypesto_cvae.benchmark import format_summary, read_csv, summarize


def pooled_rows(paths, rename: dict[str, str] | None = None) -> list[dict]:
    """The rows of the kept tables ``paths``, methods renamed by ``rename``.

    A run kept in two tables (e.g. the controls of two comparisons) counts
    once; two different rows for one run (problem, method, seed) raise
    ValueError.
    """
    rename = rename or {}
    rows = [row for path in paths for row in read_csv(path)]
    for row in rows:
        row["method"] = rename.get(row["method"], row["method"])
    rows = list({tuple(sorted(r.items())): r for r in rows}.values())
    count = Counter((r["problem"], r["method"], r["repeat"]) for r in rows)
    repeated = sorted(k for k, n in count.items() if n > 1)
    if repeated:
        raise ValueError(
            f"{len(repeated)} runs given twice with different rows "
            f"(problem, method, seed), e.g. {repeated[:3]}")
    return rows


def main(argv: list[str]) -> int:
    """Print the pooled tables; 2 on a run given twice, differently."""
    pair_with = [a.partition("=")[2] for a in argv
                 if a.startswith("--pair-with=")]
    renames = [a.partition("=")[2] for a in argv
               if a.startswith("--rename=")]
    if any(":" not in r for r in renames):
        print("--rename needs OLD:NEW, e.g. --rename=jitter-pace:jitter",
              file=sys.stderr)
        return 2
    rename = dict(r.split(":", 1) for r in renames)
    try:
        rows = pooled_rows([a for a in argv if not a.startswith("--")],
                           rename)
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    print(format_summary(summarize(rows)))
    for problem in dict.fromkeys(r["problem"] for r in rows):
        sel = [r for r in rows if r["problem"] == problem]
        print_seed_tables(problem, sel, pair_with)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The issue's goal, problem by problem, for the current package defaults.

Usage::

    python scripts/scoreboard.py [--v21 | --v25 | --records] [PROBLEM ...]

For each problem it reads the runs of ``cvae``, ``jitter`` and ``lhs``
named in :data:`ROWS` (run folders of ``pypesto-cvae benchmark --out`` or
``boehm_variants.py``; only runs with the package defaults of v13, or of
the version that changed nothing for that method), with one target per
problem (best known value: lowest of these runs, the nominal value and
the published reference), and prints one Markdown table:

- runs at the target, per method (the goal: the cVAE in at least as many
  as every other method);
- median CPU-s to the target (censored runs count as never), and the
  cVAE's median over the median time of independent Latin-hypercube
  restarts estimated from all ``lhs`` starts pooled (not where most
  single starts hit) and over the ``lhs`` runs' median (the goal: at
  most a third);
- the cVAE against ``jitter`` and ``lhs`` paired by seed: seeds where it
  reached the target sooner / later, with the exact sign test.

The folders and sessions are listed in :data:`ROWS`; rows of different
sessions are marked there, since time to target moves with the state of
the machine between sessions (BENCHMARKS.md, v13).

``--v21`` reads :data:`ROWS_V21` instead: the v21 defaults (the pace
stop, given to ``cvae`` and ``jitter``), every method of a problem run
side by side in one session (BENCHMARKS.md, v22 and v23).

``--v25`` reads :data:`ROWS_V25`: the v25 defaults (v21 plus the start
model, ``start_fraction=0.5``), sessions 26-35 (BENCHMARKS.md, v25,
v26, v28, v29, v30 and v31; Fujita of sessions 31-32, Brannmark of
sessions 33 and 35 and Boehm and Crauste of session 34 ran on another
machine type, each but Brannmark of session 33 with a row of its own). A method
without runs in a row (``lhs`` on Crauste seeds 28-97, Fujita of
sessions 31-32) shows "-". A row's key
is a problem name, optionally followed by ``seeds A-B`` to keep only the
runs of those seeds (Crauste seeds 84-97, where session 30 ran ``lhs``
beside session 29's runs; Fujita seeds 0-15, a key of its own).

``--records`` reads no run folders: it pools the kept tables in
``records/`` named in :data:`ROWS_RECORDS` (the v25 defaults, counted in
objective evaluations where a problem ran so, sessions 40-65, with
``sacess`` and ``pso`` at the CPU budgets of sessions 50-51), keeps each
run's own target, and prints the goal per problem
(:func:`records_table`), so the repository alone reproduces it.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import numpy as np

from boehm_variants import restart_estimate
from pool_records import pooled_rows

from pypesto_cvae import benchmark as bm

METHODS = ("cvae", "jitter", "lhs")


def _every(*folders: str) -> dict[str, list[str]]:
    """The same run folders for every method of :data:`METHODS`."""
    return {m: list(folders) for m in METHODS}


#: problem -> (sessions note, {method: [run folders]}).
ROWS: dict[str, tuple[str, dict[str, list[str]]]] = {
    "cortisol": (
        "15",
        _every("runs/benchmark-s15"),
    ),
    "Boehm_JProteomeRes2014": (
        "14",
        {
            "cvae": ["runs/variants/OS"],
            "jitter": ["runs/variants/WSBS2b"],
            "lhs": ["runs/benchmark-boehm-s14"],
        },
    ),
    "Crauste_CellSystems2017": (
        "seeds 0-15: cvae 14, jitter 13, lhs 12; 16-31: 15; 32-47: 18",
        {
            "cvae": [
                "runs/benchmark-crauste240-s14-os",
                "runs/benchmark-crauste240-s15",
                "runs/benchmark-crauste240-s18",
            ],
            "jitter": [
                "runs/benchmark-crauste240-s13-sbs2",
                "runs/benchmark-crauste240-s15",
                "runs/benchmark-crauste240-s18",
            ],
            "lhs": [
                "runs/benchmark-crauste240-s12",
                "runs/benchmark-crauste240-s15",
                "runs/benchmark-crauste240-s18",
            ],
        },
    ),
    "Bruno_JExpBot2016": (
        "15",
        _every("runs/benchmark-s15"),
    ),
    "Fiedler_BMCSystBiol2016": (
        "seeds 0-7: 15; 8-15: 17",
        _every("runs/benchmark-fiedler150-s15",
               "runs/benchmark-fiedler150-s17"),
    ),
    "Fujita_SciSignal2010": (
        "15",
        _every("runs/benchmark-s15"),
    ),
}

#: the v21 defaults, sessions 24 and 25 (all three methods of a seed in
#: one session, two seeds at a time; Crauste seeds 12-27 on session 25's
#: machine, so the pooled medians mix two machines, the pairs do not).
ROWS_V21: dict[str, tuple[str, dict[str, list[str]]]] = {
    "Boehm_JProteomeRes2014": (
        "24",
        _every("runs/benchmark-boehm-s24-v21"),
    ),
    "Crauste_CellSystems2017": (
        "seeds 0-11: 24; 12-27: 25",
        _every("runs/benchmark-crauste240-s24-v21",
               "runs/benchmark-crauste240-s25-v21"),
    ),
}

#: the v25 defaults: cortisol, Bruno, Fiedler and Boehm with all three
#: methods side by side in session 29, Fujita (600 CPU-s) in session 30;
#: Crauste from the start-model runs of sessions 26-28 (sf5 ``cvae``
#: beside ``jitter`` seed by seed, no ``lhs``) and session 29's v25
#: ``cvae`` beside ``jitter`` (seeds 84-97), with session 30's ``lhs`` on
#: seeds 84-97 as a row of its own; Fujita again in sessions 31-32 on
#: another machine type (Intel Xeon), ``cvae`` beside ``jitter`` on seeds
#: 0-15, a row of its own (CPU-s differ between machine types);
#: Brannmark (300 CPU-s) with all three methods side by side in session 33
#: on the Intel machine type, and on fresh seeds 16-25 in session 35.
ROWS_V25: dict[str, tuple[str, dict[str, list[str]]]] = {
    "cortisol": (
        "29",
        _every("runs/benchmark-s29-v25"),
    ),
    "Boehm_JProteomeRes2014": (
        "29",
        _every("runs/benchmark-boehm-s29-v25"),
    ),
    "Crauste_CellSystems2017": (
        "seeds 28-41: 26; 42-61: 27; 62-83: 28; 84-97: 29",
        {
            "cvae": [*(f"runs/benchmark-crauste240-{s}-sf5"
                       for s in ("s26", "s27", "s28")),
                     "runs/benchmark-crauste240-s29-v25"],
            "jitter": [*(f"runs/benchmark-crauste240-{s}-v21"
                         for s in ("s26", "s27", "s28")),
                       "runs/benchmark-crauste240-s29-v25"],
        },
    ),
    "Crauste_CellSystems2017 seeds 84-97": (
        "cvae, jitter: 29; lhs: 30",
        {
            "cvae": ["runs/benchmark-crauste240-s29-v25"],
            "jitter": ["runs/benchmark-crauste240-s29-v25"],
            "lhs": ["runs/benchmark-crauste240-s30-lhs"],
        },
    ),
    "Bruno_JExpBot2016": (
        "29",
        _every("runs/benchmark-s29-v25"),
    ),
    "Fiedler_BMCSystBiol2016": (
        "29",
        _every("runs/benchmark-fiedler150-s29-v25"),
    ),
    "Fujita_SciSignal2010": (
        "30",
        _every("runs/benchmark-fujita600-s30-v25"),
    ),
    "Fujita_SciSignal2010 seeds 0-15": (
        "31-32 (Intel Xeon)",
        {
            m: ["runs/benchmark-fujita600-s31-v25",
                "runs/benchmark-fujita600-s32-v25"]
            for m in ("cvae", "jitter")
        },
    ),
    "Brannmark_JBC2010": (
        "33 (Intel Xeon)",
        _every("runs/benchmark-brannmark300-s33"),
    ),
    "Boehm_JProteomeRes2014 seeds 0-17": (
        "34 (Intel Xeon)",
        _every("runs/benchmark-boehm40-s34"),
    ),
    "Crauste_CellSystems2017 seeds 98-109": (
        "34 (Intel Xeon)",
        _every("runs/benchmark-crauste240-s34"),
    ),
    "Brannmark_JBC2010 seeds 16-25": (
        "35 (Intel Xeon)",
        _every("runs/benchmark-brannmark300-s35"),
    ),
}

TABLES = {"--v21": ROWS_V21, "--v25": ROWS_V25}

#: the v25 defaults from the kept tables in ``records/`` (so the
#: repository alone reproduces them): row label ("PROBLEM" or "PROBLEM at
#: BUDGET") -> (sessions note, [record files], {kept method name: name
#: here}, whether the row adds to the pooled row). Budgets of objective
#: evaluations (sessions 40-65) where a problem has them; CPU budgets
#: (session 29, 50-51) for the problems never run in evaluations and for
#: ``sacess`` (which cannot count evaluations) and ``pso``. Every
#: problem's methods ran on the same seeds in one session, except where
#: the note says otherwise; rows of different sessions may come from
#: different builds (BENCHMARKS.md, v58), so pairs across sessions are
#: independent runs of a seed, not exact counterfactuals.
REPO = Path(__file__).resolve().parents[1]
FSA = {"cvae-fsa": "cvae", "jitter-fsa": "jitter", "lhs-fsa": "lhs",
       "pso-fsa": "pso"}
ROWS_RECORDS: dict[str, tuple[str, list[str], dict[str, str], bool]] = {
    "cortisol": ("50", ["records/cheap-s50.csv"], {}, True),
    "Bruno_JExpBot2016": ("50", ["records/cheap-s50.csv"], {}, True),
    "Boehm_JProteomeRes2014": ("40", ["records/boehm4k-s40.csv"], {}, True),
    "Boehm_JProteomeRes2014 at 40 CPU-s": (
        "50", ["records/boehm40-s50.csv"], {}, False),
    "Crauste_CellSystems2017": (
        "seeds 110-151: 41-44 (lhs on 110-121 only; 140-151 cvae only); "
        "170-185: 65",
        [f"records/crauste10k-s{s}.csv" for s in (41, 42, 43, 44, 65)],
        {}, True,
    ),
    "Crauste_CellSystems2017 at 240 CPU-s": (
        "50", ["records/crauste240-s50.csv"], {}, False),
    "Brannmark_JBC2010": (
        "seeds 0-31: cvae, lhs 40, jitter 45; seeds 32-47: 64",
        ["records/brannmark1200-s40.csv",
         "records/brannmark1200-s45-jitter.csv",
         "records/brannmark1200-s64.csv"],
        {}, True,
    ),
    "Brannmark_JBC2010 at 300 CPU-s": (
        "50", ["records/brannmark300-s50.csv"], {}, False),
    "Fiedler_BMCSystBiol2016": (
        "seeds 0-7: 29; 16-37: 51",
        ["records/fiedler150-s29-v25.csv", "records/fiedler150-s51.csv",
         "records/fiedler150-s51-a1.csv"],
        {}, True,
    ),
    "Fujita_SciSignal2010": ("56 (lhs not run)", ["records/fujita4k-s56.csv"],
                             {}, True),
    "Elowitz_Nature2000": (
        "seeds 0-15: 59-60, 16-31: 63, 32-47: 66 (lhs on seeds 0-15 and 32-41, "
        "pso on 0-15; the sensitivity fix)",
        ["records/elowitz8k-s59-fsa.csv", "records/elowitz8k-s60-pso.csv",
         "records/elowitz8k-s63.csv", "records/elowitz8k-s66.csv"],
        FSA, True,
    ),
    "Zheng_PNAS2012": ("46-49", ["records/zheng6k-s46.csv"], {}, True),
}

#: methods of the records table: the three of :data:`METHODS`, then the
#: global baselines
RECORD_METHODS = (*METHODS, "sacess", "pso")


def _runs(folder: Path, problem: str, method: str) -> list[bm.RunRecord]:
    files = sorted((folder / "runs").glob(f"{problem}__{method}__*.json"))
    return [bm.RunRecord.from_json(p.read_text()) for p in files]


def _nominal(folders, problem: str) -> float | None:
    for folder in folders:
        path = Path(folder) / "results.json"
        if path.exists():
            value = json.loads(path.read_text())["nominal_nll"].get(problem)
            if value is not None:
                return value
    return None


def _p(value: float) -> str:
    return "p < 0.01" if value < 0.01 else f"p = {value:.2f}"


def _ratio(a: float, b: float) -> str:
    """``a / b``; "-" unless both are finite and ``b`` positive."""
    if math.isfinite(a) and math.isfinite(b) and b > 0:
        return f"{a / b:.2f}"
    return "-"


def _median_cell(t: float) -> str:
    return f"{t:.1f}" if math.isfinite(t) else "not reached"


def _row_key(key: str) -> tuple[str, range | None]:
    """Problem and seeds of a row key ``PROBLEM [seeds A-B]``."""
    problem, _, rest = key.partition(" seeds ")
    if not rest:
        return problem, None
    first, last = (int(x) for x in rest.split("-"))
    return problem, range(first, last + 1)


def score(
    problem: str,
    folders: dict[str, list[str]],
    seeds: range | None = None,
) -> dict | None:
    """One problem's row (see the module docstring), or None without runs.

    ``seeds``: keep only the runs of these seeds (all when None).
    """
    records = []
    for method in METHODS:
        seen = set()
        for folder in folders.get(method, []):
            for rec in _runs(Path(folder), problem, method):
                if seeds is not None and rec.repeat not in seeds:
                    continue
                if rec.repeat not in seen:
                    seen.add(rec.repeat)
                    records.append(rec)
    if not records:
        return None
    every = {f for fs in folders.values() for f in fs}
    references = {}
    for folder in every:
        references.update(bm.stored_references(folder))
    rows = bm.tabulate(
        records, {problem: _nominal(sorted(every), problem)}, references
    )
    summary = {s["method"]: s for s in bm.summarize(rows)}
    paired = {
        (d["method"], d["base"]): d
        for base in ("jitter", "lhs")
        for d in bm.paired_hits(rows, base)
    }
    restarts = restart_estimate(records, rows[0]["target"])
    return {
        "rows": rows,
        "summary": summary,
        "paired": paired,
        "restarts": restarts,
    }


def _kept_rows(problem: str, files: list[str],
               rename: dict[str, str]) -> list[dict]:
    """``problem``'s rows of the kept ``files`` for :data:`RECORD_METHODS`,
    renamed (:func:`pool_records.pooled_rows`: a run kept twice counts
    once, two different rows for one run raise ValueError)."""
    return [r for r in pooled_rows([REPO / f for f in files], rename)
            if r["problem"] == problem and r["method"] in RECORD_METHODS]


def _common_median(rows: list[dict], a: str, b: str,
                   key: str) -> tuple[float, float]:
    """Medians of ``key`` to the target of methods ``a`` and ``b`` on the
    seeds both ran (censored runs never reach it)."""
    by = {m: {r["repeat"]: r for r in rows if r["method"] == m}
          for m in (a, b)}
    common = sorted(set(by[a]) & set(by[b]))
    if not common:
        return math.nan, math.nan
    return tuple(
        float(np.median([bm._to_target(by[m][k], key) for k in common]))
        for m in (a, b)
    )


#: the counts of :func:`pypesto_cvae.benchmark.paired_hits` that add up
#: over problems (each pair of runs is a trial of its own, so the sign
#: tests on the sums are exact too)
COUNTS = ("paired", "only_method", "only_base", "faster_method",
          "faster_base")


def _pair_cell(d: dict | None) -> str:
    """"only cvae / only base (p); sooner / later (p)", or "-"."""
    if d is None:
        return "-"
    return (f"{d['only_method']} / {d['only_base']} ({_p(d['p_value'])}); "
            f"{d['faster_method']} / {d['faster_base']} "
            f"({_p(d['p_faster'])})")


def records_table(problems: list[str]) -> list[str]:
    """The goal per problem from the kept tables of :data:`ROWS_RECORDS`
    (Markdown lines).

    Columns: the budget per run; runs per method; runs at the target per
    method; median time to it in the budget's unit, evaluations or CPU-s
    (over each method's own seeds; censored runs count as never); the
    cVAE's median over ``lhs``'s on the seeds both ran (the goal: at most a
    third); against ``jitter`` and ``lhs`` by seed, the seeds only one of
    the two reached the target (exact McNemar p) and the seeds where it
    reached it sooner / later (exact sign test). A last row adds those
    seed counts up over the pooled rows shown (one budget per problem).
    """
    names = " / ".join(RECORD_METHODS)
    lines = [
        f"| problem | budget per run | sessions | runs: {names} | runs at "
        f"target: {names} | median to target: cvae / jitter / lhs | cvae / "
        "lhs median (same seeds) | cvae vs jitter: only cvae / only jitter "
        "(p); sooner / later (p) | cvae vs lhs: only cvae / only lhs (p); "
        "sooner / later (p) |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    total = {b: dict.fromkeys(COUNTS, 0) for b in ("jitter", "lhs")}
    for label, (sessions, files, rename, pooled) in ROWS_RECORDS.items():
        if problem_filtered(label, problems):
            continue
        problem = label.split()[0]
        rows = _kept_rows(problem, files, rename)
        summ = {s["method"]: s for s in bm.summarize(rows)}
        if "cvae" not in summ:
            continue
        evals = summ["cvae"]["budget_evals"] is not None
        key, unit, spec = (("evals_to_target", "evaluations", ".0f")
                           if evals else ("cpu_s_to_target", "CPU-s", ".1f"))
        budget = summ["cvae"]["budget_evals" if evals else "budget_cpu_s"]
        runs = " / ".join(str(summ[m]["runs"]) if m in summ else "-"
                          for m in RECORD_METHODS)
        hits = " / ".join(
            str(round(summ[m]["fraction_reached"] * summ[m]["runs"]))
            if m in summ else "-" for m in RECORD_METHODS)
        medians = " / ".join(
            "-" if m not in summ else
            format(summ[m][f"median_{key}"], spec)
            if math.isfinite(summ[m][f"median_{key}"]) else "not reached"
            for m in METHODS)
        ratio = ("-" if "lhs" not in summ
                 else _ratio(*_common_median(rows, "cvae", "lhs", key)))
        pair = []
        for base in ("jitter", "lhs"):
            d = next((d for d in bm.paired_hits(rows, base)
                      if d["method"] == "cvae"), None)
            if d is not None and pooled:
                for k in COUNTS:
                    total[base][k] += d[k]
            pair.append(_pair_cell(d))
        targets = {round(r["target"], 4) for r in rows}
        note = "" if len(targets) == 1 else (
            f" (targets {min(targets)} to {max(targets)})")
        lines.append(
            f"| {label}{note} | {budget:g} {unit} | {sessions} | {runs} | "
            f"{hits} | {medians} | {ratio} | {pair[0]} | {pair[1]} |"
        )
    cells = []
    for base in ("jitter", "lhs"):
        t = total[base]
        cells.append(_pair_cell({
            **t,
            "p_value": bm.sign_test(t["only_method"], t["only_base"]),
            "p_faster": bm.sign_test(t["faster_method"], t["faster_base"]),
        }))
    lines.append(
        f"| pooled, one row per problem (in evaluations where it ran so) "
        f"| - | - | {total['jitter']['paired']} pairs "
        f"with jitter, {total['lhs']['paired']} with lhs | - | - | - | "
        f"{cells[0]} | {cells[1]} |"
    )
    return lines


def problem_filtered(problem: str, problems: list[str]) -> bool:
    """Whether ``problem`` is left out by the command line's names."""
    return bool(problems) and not any(a in problem for a in problems)


def main(argv: list[str]) -> int:
    """Print the scoreboard; ``argv``: ``--v21``/``--v25``/``--records``,
    problems."""
    if "--records" in argv:
        print("\n".join(records_table([a for a in argv if a != "--records"])))
        return 0
    table = next((TABLES[a] for a in argv if a in TABLES), ROWS)
    argv = [a for a in argv if a not in TABLES]
    lines = [
        "| problem | CPU-s per run | sessions | seeds | runs at target: "
        "cvae / jitter / lhs | median CPU-s to target: cvae / jitter / lhs "
        "| lhs restarts (median) | cvae / restarts | cvae / lhs runs "
        "| cvae vs jitter: sooner / later (p) "
        "| cvae vs lhs: sooner / later (p) |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key, (sessions, folders) in table.items():
        problem, seed_range = _row_key(key)
        if problem_filtered(problem, argv):
            continue
        s = score(problem, folders, seed_range)
        if s is None:
            continue
        summ = s["summary"]
        if "cvae" not in summ:
            continue
        shown = [m for m in METHODS if m in summ]
        budget = summ["cvae"]["budget_cpu_s"]
        hits = " / ".join(
            f"{round(summ[m]['fraction_reached'] * summ[m]['runs'])}"
            if m in summ else "-"
            for m in METHODS
        )
        seeds = "/".join(str(summ[m]["runs"]) for m in shown)
        if len(set(seeds.split("/"))) == 1:
            seeds = seeds.split("/")[0]
        medians = " / ".join(
            _median_cell(summ[m]["median_cpu_s_to_target"])
            if m in summ else "-"
            for m in METHODS
        )
        r = s["restarts"]
        cvae_t = summ["cvae"]["median_cpu_s_to_target"]
        lhs_t = summ.get("lhs", {}).get("median_cpu_s_to_target", math.nan)
        if "lhs" not in summ:
            rst, ratio = "lhs not run", "-"
        elif r is None:
            rst, ratio = "no lhs start hit", "-"
        elif r["p"] >= 0.5:
            # most single starts hit: restarts are not the yardstick
            rst, ratio = f"{r['p']:.0%} of starts hit", "-"
        else:
            rst = f"{r['median']:.1f} ({r['low']:.1f}-{r['high']:.1f})"
            ratio = _ratio(cvae_t, r["median"])
        runs_ratio = _ratio(cvae_t, lhs_t)
        pair = []
        for base in ("jitter", "lhs"):
            d = s["paired"].get(("cvae", base))
            pair.append(
                "-"
                if d is None
                else f"{d['faster_method']} / {d['faster_base']} "
                f"({_p(d['p_faster'])})"
            )
        lines.append(
            f"| {key} | {budget:g} | {sessions} | {seeds} | {hits} | "
            f"{medians} | {rst} | {ratio} | {runs_ratio} | {pair[0]} "
            f"| {pair[1]} |"
        )
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

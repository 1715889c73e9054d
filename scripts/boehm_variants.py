"""Boehm label/KL variants (BENCHMARKS.md, "More seeds on Boehm").

``python scripts/boehm_variants.py run [KEY ...]``: the runs (40 CPU-s
each): cVAE variants B, E with seeds 0-2, I with 0-17, the others (J =
the jitter ablation) with seeds 0-8, and extra Latin-hypercube runs with
seeds 3-17,
into runs/variants/<V>/runs/. Existing run files are kept; set
PROCESSES=2 to run two at a time.

``python scripts/boehm_variants.py [LABEL=DIR ...]``: merges them with
the Boehm runs of runs/benchmark (lhs, cvae; seeds 0-2) and of each DIR
(a ``pypesto-cvae benchmark --out`` folder) and prints one table with one
common target, then a per-seed grid.
"""

from __future__ import annotations

import dataclasses
import json
import math
import multiprocessing
import os
import sys
from pathlib import Path

from pypesto_cvae import CVAEOptimizer, IterationOptions, load_petab_problem
from pypesto_cvae import benchmark as bm

NAME = "Boehm_JProteomeRes2014"
VARIANTS = {
    "B": "cvae kl0.01 t[0,0.3]",
    "C": "cvae kl0.01 t[-1,0]",
    "D": "cvae t0",
    "E": "cvae kl0.01 t[0,0.3] ex0.4",
    "J": "jitter",
    "F": "cvae cheap adapt",
    "G": "cvae cheap adapt spread0.1",
    "H": "cvae cheap adapt spread0.1 kl0.01",
    "I": "cvae cheap adapt spread0.1 kl0.01 overhead5%",
}
CHEAP = {"max_epochs": 60, "patience": 8, "max_points": 4000}
#: the package defaults before variant I (B-H, J are relative to these)
OLD = {"kl_weight": 0.5, "max_epochs": 200, "patience": 15,
       "max_points": 20_000}
OLD_OPT = {"adaptive_explore": False, "stall_spread": 0.0}


#: variant -> (CVAEOptimizer settings, IterationOptions, seeds)
SETTINGS = {
    "B": ({**OLD, "kl_weight": 0.01}, {**OLD_OPT, "target": (0.0, 0.3)}, 3),
    "C": ({**OLD, "kl_weight": 0.01}, {**OLD_OPT, "target": (-1.0, 0.0)}, 9),
    "D": (OLD, {**OLD_OPT, "target": 0.0}, 9),
    "E": ({**OLD, "kl_weight": 0.01},
          {**OLD_OPT, "target": (0.0, 0.3), "explore_fraction": 0.4}, 3),
    "J": (OLD, OLD_OPT, 9),
    "F": ({**OLD, **CHEAP}, {**OLD_OPT, "adaptive_explore": True}, 9),
    "G": ({**OLD, **CHEAP},
          {"adaptive_explore": True, "stall_spread": 0.1}, 9),
    "H": ({**OLD, **CHEAP, "kl_weight": 0.01},
          {"adaptive_explore": True, "stall_spread": 0.1}, 9),
    # H with the benchmark's overhead bound, more seeds
    "I": ({**CHEAP, "kl_weight": 0.01},
          {"adaptive_explore": True, "stall_spread": 0.1,
           "max_overhead": 0.05}, 18),
}
LHS_SEEDS = 18
BUDGET = 40.0


def _factory(spec):
    if spec is None:
        return None
    settings, options = spec

    def factory(seed: int) -> CVAEOptimizer:
        return CVAEOptimizer(seed=seed, options=IterationOptions(**options),
                             **settings)

    return factory


def _run_job(job) -> None:
    key, method, spec, seed = job
    out = Path(f"runs/variants/{key}/runs")
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{NAME}__{method}__{seed}.json"
    if path.exists():
        return
    yaml = Path("../shared/benchmark-models") / NAME / f"{NAME}.yaml"
    problem = load_petab_problem(yaml).problem
    rec = bm.run_method(method, problem, BUDGET, repeat=seed,
                        problem_name=NAME, first_round=10,
                        cvae_factory=_factory(spec))
    path.write_text(rec.to_json())


def run(keys=None, processes: int = 1) -> None:
    """Run the variants (all, or ``keys``) and the extra lhs seeds.

    Existing run files are kept; ``processes`` runs go side by side.
    """
    jobs = [("lhs", "lhs", None, s) for s in range(3, LHS_SEEDS)]
    for key, (settings, options, n) in SETTINGS.items():
        if keys and key not in keys:
            continue
        method = "jitter" if key == "J" else "cvae"
        jobs += [(key, method, (settings, options), s) for s in range(n)]
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        pool.map(_run_job, jobs, chunksize=1)


def _load(folder: Path, method: str | None = None):
    out = []
    for path in sorted(folder.glob(f"{NAME}__*.json")):
        rec = bm.RunRecord.from_json(path.read_text())
        out.append(rec if method is None else
                   dataclasses.replace(rec, method=method))
    return out


def _grid(rows, n_seeds: int) -> str:
    """Per method and seed: CPU-s to target, or "x<best NLL>" if missed."""
    lines = ["| method | " + " | ".join(map(str, range(n_seeds))) + " |",
             "|---|" + "---:|" * n_seeds]
    for method in dict.fromkeys(r["method"] for r in rows):
        cells = ["-"] * n_seeds
        for r in rows:
            if r["method"] == method and r["repeat"] < n_seeds:
                t = r["cpu_s_to_target"]
                cells[r["repeat"]] = (f"{t:.1f}" if t is not None
                                      else f"x{r['best_nll']:.0f}")
        lines.append(f"| {method} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _paired(rows, base: str = "lhs") -> str:
    """Per method: seeds where only it / only ``base`` reached the target.

    The p-value is the exact two-sided McNemar (sign) test on those
    discordant seeds; both methods share their first startpoints.
    """
    hit = {}
    for r in rows:
        hit.setdefault(r["method"], {})[r["repeat"]] = r["reached_target"]
    lines = [f"| method | seeds paired with {base} | only method | only "
             f"{base} | exact McNemar p |", "|---|---:|---:|---:|---:|"]
    for method, seeds in hit.items():
        common = sorted(set(seeds) & set(hit[base]))
        if method == base or len(common) < 9:
            continue
        a = sum(seeds[k] and not hit[base][k] for k in common)
        b = sum(hit[base][k] and not seeds[k] for k in common)
        n, k = a + b, min(a, b)
        pval = min(1.0, 2 * sum(math.comb(n, i) for i in range(k + 1))
                   / 2**n) if n else 1.0
        lines.append(f"| {method} | {len(common)} | {a} | {b} | "
                     f"{pval:.2f} |")
    return "\n".join(lines)


def main(extra: list[str]) -> None:
    """Print the merged table and the per-seed grid.

    ``extra``: ``LABEL=DIR`` folders of ``pypesto-cvae benchmark`` runs
    whose Boehm runs are added as methods ``<method> LABEL``.
    """
    records = [r for r in _load(Path("runs/benchmark/runs"))
               if r.method in ("lhs", "cvae")]
    records += _load(Path("runs/variants/lhs/runs"))
    for key, label in VARIANTS.items():
        records += _load(Path(f"runs/variants/{key}/runs"), label)
    for item in extra:
        label, _, folder = item.partition("=")
        records += [dataclasses.replace(r, method=f"{r.method} {label}")
                    for r in _load(Path(folder) / "runs")]
    nominal = json.loads(Path("runs/benchmark/results.json").read_text())
    rows = bm.tabulate(records, nominal["nominal_nll"])
    print(bm.format_summary(bm.summarize(rows)))
    print("Per seed: CPU-s to target, or x<best NLL> when missed\n")
    print(_grid(rows, LHS_SEEDS))
    print("\nReaching the target, paired by seed\n")
    print(_paired(rows))


if __name__ == "__main__":
    if sys.argv[1:2] == ["run"]:
        run(sys.argv[2:], int(os.environ.get("PROCESSES", "1")))
    else:
        main(sys.argv[1:])

"""Boehm label/KL variants (BENCHMARKS.md, "More seeds on Boehm").

``python scripts/boehm_variants.py run``: the runs (40 CPU-s each): cVAE
variants B, E with seeds 0-2, C, D with seeds 0-8, and extra
Latin-hypercube runs with seeds 3-8, into runs/variants/<V>/runs/.
Existing run files are kept.

``python scripts/boehm_variants.py``: merges them with the Boehm runs of
runs/benchmark (lhs, jitter, cvae; seeds 0-2) and prints one table with
one common target.
"""

from __future__ import annotations

import dataclasses
import json
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
}


#: variant -> (CVAEOptimizer settings, IterationOptions, seeds)
SETTINGS = {
    "B": ({"kl_weight": 0.01}, {"target": (0.0, 0.3)}, 3),
    "C": ({"kl_weight": 0.01}, {"target": (-1.0, 0.0)}, 9),
    "D": ({}, {"target": 0.0}, 9),
    "E": ({"kl_weight": 0.01},
          {"target": (0.0, 0.3), "explore_fraction": 0.4}, 3),
}
BUDGET = 40.0


def _factory(spec):
    if spec is None:
        return None
    settings, options = spec

    def factory(seed: int) -> CVAEOptimizer:
        return CVAEOptimizer(seed=seed, options=IterationOptions(**options),
                             **settings)

    return factory


def run() -> None:
    """Run the variants and the extra lhs seeds (skips existing files)."""
    yaml = Path("../shared/benchmark-models") / NAME / f"{NAME}.yaml"
    problem = load_petab_problem(yaml).problem
    jobs = [("lhs", "lhs", None, s) for s in range(3, 9)]
    for key, (settings, options, n) in SETTINGS.items():
        jobs += [(key, "cvae", (settings, options), s) for s in range(n)]
    for key, method, spec, seed in jobs:
        out = Path(f"runs/variants/{key}/runs")
        out.mkdir(parents=True, exist_ok=True)
        path = out / f"{NAME}__{method}__{seed}.json"
        if path.exists():
            continue
        rec = bm.run_method(method, problem, BUDGET, repeat=seed,
                            problem_name=NAME, first_round=10,
                            cvae_factory=_factory(spec))
        path.write_text(rec.to_json())


def _load(folder: Path, method: str | None = None):
    out = []
    for path in sorted(folder.glob(f"{NAME}__*.json")):
        rec = bm.RunRecord.from_json(path.read_text())
        out.append(rec if method is None else
                   dataclasses.replace(rec, method=method))
    return out


def main() -> None:
    """Print the merged table."""
    records = [r for r in _load(Path("runs/benchmark/runs"))
               if r.method in ("lhs", "jitter", "cvae")]
    records += _load(Path("runs/variants/lhs/runs"))
    for key, label in VARIANTS.items():
        records += _load(Path(f"runs/variants/{key}/runs"), label)
    nominal = json.loads(Path("runs/benchmark/results.json").read_text())
    rows = bm.tabulate(records, nominal["nominal_nll"])
    print(bm.format_summary(bm.summarize(rows)))


if __name__ == "__main__":
    run() if sys.argv[1:] == ["run"] else main()

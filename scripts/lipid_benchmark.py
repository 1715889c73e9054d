"""cVAE against Latin-hypercube multistart on the 281-parameter lipid model.

Adjoint sensitivities, Fides with BFGS (adjoint gives no Fisher
information), at most MAXITER iterations per start (default 15: short
local searches, so that many starts and several cVAE rounds fit in the
budget), one repeat per method, an equal CPU budget per method (default
1500 s, so the pair fits in one hour on one core, or runs side by side on
two). Round 0 of the cVAE has 10 Latin-hypercube starts, the same first
10 points as ``lhs``; otherwise it runs with the benchmark's options
(``benchmark.BENCHMARK_OPTIONS``), training from 50 finite evaluations
on (``TrainingConfig.min_points``; the default asks for one per
parameter). Records go to
runs/lipid/maxiter<MAXITER>/ and the summary table is printed once both
records exist.

Run: .venv/bin/python scripts/lipid_benchmark.py [BUDGET_CPU_S [MAXITER
[METHOD ...]]]   (methods: lhs cvae; both by default)
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import fides
import pypesto.optimize

from pypesto_cvae import CVAEOptimizer, IterationOptions, load_petab_problem
from pypesto_cvae import benchmark as bm

YAML = (Path(__file__).resolve().parents[2] / "shared" / "lipid-model"
        / "petab_problem.yaml")
METHODS = ("lhs", "cvae")
#: 15-iteration starts give ~15 finite evaluations each; the default floor
#: (one per parameter, 281) would keep the cVAE out of every round that
#: fits in the budget
MIN_POINTS = 50


def main() -> None:
    """Run the methods asked for; print the table when all have run."""
    budget = float(sys.argv[1]) if len(sys.argv) > 1 else 1500.0
    maxiter = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    methods = sys.argv[3:] or list(METHODS)
    out = Path("runs/lipid") / f"maxiter{maxiter}"
    out.mkdir(parents=True, exist_ok=True)
    loaded = load_petab_problem(YAML, sensitivity_method="adjoint")
    local = pypesto.optimize.FidesOptimizer(
        hessian_update=fides.BFGS(), options={"maxiter": maxiter},
        verbose=logging.ERROR,
    )
    for method in methods:
        rec = bm.run_method(
            method, loaded.problem, budget, repeat=0, problem_name="lipid",
            local_optimizer=local, first_round=10,
            cvae_factory=lambda s: CVAEOptimizer(
                seed=s,
                min_points=MIN_POINTS,
                options=IterationOptions(
                    n_starts_first=10, **bm.BENCHMARK_OPTIONS
                ),
            ),
        )
        (out / f"{method}.json").write_text(rec.to_json())
    if not all((out / f"{m}.json").exists() for m in METHODS):
        return
    records = [bm.RunRecord.from_json((out / f"{m}.json").read_text())
               for m in METHODS]
    rows = bm.tabulate(records, nominal={"lipid": loaded.nominal_fval()})
    (out / "rows.json").write_text(json.dumps(rows, indent=1))
    print(bm.format_summary(bm.summarize(rows)))
    for rec in records:
        print(rec.method, "starts", rec.n_starts, "failed", rec.n_failed,
              "final values", sorted(rec.start_fval))


if __name__ == "__main__":
    main()

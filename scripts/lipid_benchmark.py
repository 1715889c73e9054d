"""cVAE against Latin-hypercube multistart on the 281-parameter lipid model.

Adjoint sensitivities, Fides with BFGS (adjoint gives no Fisher
information), at most 100 iterations per start, one repeat per method, an
equal CPU budget per method (default 1500 s, so the pair fits in one hour
on one core). Records go to runs/lipid/ and the summary table is printed.

Run: .venv/bin/python scripts/lipid_benchmark.py [BUDGET_CPU_S]
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


def main() -> None:
    """Run both methods and print the table."""
    budget = float(sys.argv[1]) if len(sys.argv) > 1 else 1500.0
    out = Path("runs/lipid")
    out.mkdir(parents=True, exist_ok=True)
    loaded = load_petab_problem(YAML, sensitivity_method="adjoint")
    local = pypesto.optimize.FidesOptimizer(
        hessian_update=fides.BFGS(), options={"maxiter": 100},
        verbose=logging.ERROR,
    )
    records = []
    for method in ("lhs", "cvae"):
        rec = bm.run_method(
            method, loaded.problem, budget, repeat=0, problem_name="lipid",
            local_optimizer=local, first_round=4,
            cvae_factory=lambda s: CVAEOptimizer(
                seed=s, options=IterationOptions(n_starts_first=4)
            ),
        )
        (out / f"{method}.json").write_text(rec.to_json())
        records.append(rec)
    rows = bm.tabulate(records, nominal={"lipid": loaded.nominal_fval()})
    (out / "rows.json").write_text(json.dumps(rows, indent=1))
    print(bm.format_summary(bm.summarize(rows)))
    for rec in records:
        print(rec.method, "starts", rec.n_starts, "failed", rec.n_failed,
              "final values", sorted(rec.start_fval))


if __name__ == "__main__":
    main()

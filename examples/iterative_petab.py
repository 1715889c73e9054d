"""The iterative cVAE optimizer on a PEtab problem, from Python.

Run: .venv/bin/python examples/iterative_petab.py [PETAB_YAML]
"""

from __future__ import annotations

import sys

import pypesto.visualize

from pypesto_cvae import CVAEOptimizer, load_petab_problem

yaml = sys.argv[1] if len(sys.argv) > 1 else (
    "petab_problems/cortisol/cortisol.yaml"
)
loaded = load_petab_problem(yaml)
optimizer = CVAEOptimizer(n_rounds=3, n_starts=15, seed=0)
result = optimizer.minimize(loaded.problem, filename="example_result.hdf5")

print("best NLL", result.optimize_result.fval[0],
      "| NLL at nominal parameters", loaded.nominal_fval())
for stats in optimizer.rounds:
    print(stats)
ax = pypesto.visualize.waterfall(result)
ax.figure.savefig("example_waterfall.png")

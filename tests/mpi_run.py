"""Run the cVAE optimizer under MPIPoolEngine (started by test_mpi.py).

Usage: mpiexec -n 3 python -m mpi4py.futures tests/mpi_run.py OUT.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import pypesto.optimize as optimize  # noqa: E402
from conftest import make_problem  # noqa: E402
from pypesto.engine.mpi_pool import MPIPoolEngine  # noqa: E402

from pypesto_cvae import CVAEOptimizer  # noqa: E402


def run(engine=None) -> dict[str, list[float]]:
    """Three small rounds; returns {start id: [fval, *x0]}."""
    opt = CVAEOptimizer(
        local_optimizer=optimize.ScipyOptimizer(), n_rounds=3, n_starts=6,
        seed=11, max_epochs=40,
    )
    result = opt.minimize(make_problem(), engine=engine, progress_bar=False)
    return {o.id: [float(o.fval), *map(float, o.x0)]
            for o in result.optimize_result}


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(json.dumps(run(MPIPoolEngine())))

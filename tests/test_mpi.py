"""The cVAE optimizer under pyPESTO's MPIPoolEngine (mpi4py, Open MPI)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent

mpi4py = pytest.importorskip("mpi4py")
pytestmark = pytest.mark.skipif(
    shutil.which("mpiexec") is None, reason="mpiexec (Open MPI) not found"
)


def test_mpi_pool_engine_matches_single_core(tmp_path):
    """Three MPI ranks give the same starts as one core, same seed."""
    sys.path.insert(0, str(HERE))
    from mpi_run import run

    out = tmp_path / "mpi.json"
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1",
               OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1", OMP_NUM_THREADS="1")
    proc = subprocess.run(
        ["mpiexec", "-n", "3", "--oversubscribe", sys.executable, "-m",
         "mpi4py.futures", str(HERE / "mpi_run.py"), str(out)],
        capture_output=True, text=True, env=env, timeout=600, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    mpi = json.loads(out.read_text())
    single = run()
    assert set(mpi) == set(single) and len(mpi) == 18
    for key, values in single.items():
        assert mpi[key] == pytest.approx(values, rel=1e-9, abs=1e-9)

"""A real run is killed mid-way and resumed from its result file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import h5py
import pypesto.store
import pytest
from conftest import CORTISOL_YAML, model_cache

pytestmark = pytest.mark.amici

ARGS = ["--rounds", "3", "--starts", "6", "--seed", "4", "--no-progress"]


def _fit(out, *extra, wait=True):
    cmd = [sys.executable, "-m", "pypesto_cvae.cli", "fit",
           str(CORTISOL_YAML), "--out", str(out),
           "--cache-dir", str(model_cache()), *ARGS, *extra]
    if wait:
        return subprocess.run(cmd, capture_output=True, text=True,
                              check=False)
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL,
                            start_new_session=True)


def _rounds_finished(path) -> int:
    try:
        with h5py.File(path, "r") as f:
            return int(f["cvae"].attrs["rounds_finished"])
    except (OSError, KeyError):
        return 0


def _starts(path):
    result = pypesto.store.read_result(str(path), optimize=True)
    return {o.id: round(float(o.fval), 6) for o in result.optimize_result}


def test_killed_run_resumes_to_the_uninterrupted_result(tmp_path, cortisol):
    """Kill -9 after round 0; --resume ends with the same starts."""
    killed = tmp_path / "killed"
    proc = _fit(killed, wait=False)
    deadline = time.time() + 300
    while _rounds_finished(killed / "result.hdf5") < 1:
        assert proc.poll() is None, "the run ended before it was killed"
        assert time.time() < deadline
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    finished = _rounds_finished(killed / "result.hdf5")
    assert 1 <= finished < 3
    assert len(_starts(killed / "result.hdf5")) == 6 * finished

    resumed = _fit(killed, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    whole = _fit(tmp_path / "whole")
    assert whole.returncode == 0, whole.stderr
    assert _starts(killed / "result.hdf5") == _starts(
        tmp_path / "whole" / "result.hdf5"
    )

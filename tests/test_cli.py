"""Tests of the pypesto-cvae command line."""

from __future__ import annotations

import json
import subprocess
import sys

import pypesto.store
import pytest
from conftest import CORTISOL_YAML, model_cache

from pypesto_cvae.cli import main


@pytest.mark.amici
def test_fit_on_cortisol(tmp_path, capsys, cortisol):
    """`fit` writes result, plot and summary and reports both NLLs."""
    out = tmp_path / "out"
    status = main([
        "fit", str(CORTISOL_YAML), "--rounds", "2", "--starts", "5",
        "--seed", "1", "--out", str(out), "--no-progress",
        "--cache-dir", str(model_cache()),
    ])
    assert status == 0
    text = capsys.readouterr().out
    assert "best NLL" in text and "NLL at nominal" in text
    assert "at or below" in text
    assert "(start model)" in text   # the round table counts its starts
    summary = json.loads((out / "summary.json").read_text())
    assert all("n_start" in r for r in summary["rounds"])
    assert summary["best_fval"] <= summary["nominal_fval"] + 1e-6
    assert [r["n_starts"] for r in summary["rounds"]] == [5, 5]
    result = pypesto.store.read_result(str(out / "result.hdf5"),
                                       optimize=True)
    assert len(result.optimize_result) == 10
    assert (out / "waterfall.png").stat().st_size > 10_000


def test_missing_file_is_a_clean_user_error(tmp_path):
    """A missing PEtab file exits 2 with one message and no traceback."""
    proc = subprocess.run(
        [sys.executable, "-m", "pypesto_cvae.cli", "fit",
         str(tmp_path / "missing.yaml"), "--out", str(tmp_path / "o")],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 2
    assert "not found" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_settings_are_user_errors(tmp_path, capsys):
    """Invalid numbers of rounds or an unknown optimizer exit 2."""
    assert main(["fit", str(CORTISOL_YAML), "--rounds", "0"]) == 2
    assert "n_rounds" in capsys.readouterr().err
    assert main(["fit", str(CORTISOL_YAML), "--optimizer", "magic"]) == 2
    assert "Unknown optimizer" in capsys.readouterr().err

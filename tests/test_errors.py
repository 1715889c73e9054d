"""Bad input gets a clear error and loses nothing."""

from __future__ import annotations

import logging

import numpy as np
import pypesto
import pypesto.optimize as optimize
import pytest
from conftest import CORTISOL_YAML, make_problem

from pypesto_cvae import (
    TRACE_HISTORY_OPTIONS,
    CVAEOptimizer,
    CVAEStartpoints,
    InsufficientDataError,
)
from pypesto_cvae import checkpoint as checkpoint_module
from pypesto_cvae.cli import main


def _failing_problem(value=np.inf):
    problem = make_problem()
    problem.objective = pypesto.Objective(
        fun=lambda x: value, grad=lambda x: np.full(x.size, np.nan)
    )
    return problem


def test_no_finite_value_is_refused_clearly():
    """Training on results where every evaluation failed says so."""
    problem = _failing_problem()
    result = optimize.minimize(
        problem, optimize.ScipyOptimizer(), n_starts=3,
        history_options=TRACE_HISTORY_OPTIONS, progress_bar=False,
    )
    with pytest.raises(InsufficientDataError, match="0 finite"):
        CVAEStartpoints.from_result(result, seed=0)


def test_nan_values_are_not_used_as_labels():
    """NaN objective values never reach the training set."""
    problem = _failing_problem(np.nan)
    result = optimize.minimize(
        problem, optimize.ScipyOptimizer(), n_starts=2,
        history_options=TRACE_HISTORY_OPTIONS, progress_bar=False,
    )
    from pypesto_cvae import TrainingSet

    data = TrainingSet.from_results(result, problem)
    assert len(data) == 0


def test_too_little_data_falls_back_to_latin_hypercube(caplog):
    """A round without enough finite data uses LHS, with a warning."""
    opt = CVAEOptimizer(local_optimizer=optimize.ScipyOptimizer(),
                        n_rounds=2, n_starts=4, seed=0)
    with caplog.at_level(logging.WARNING):
        result = opt.minimize(_failing_problem(), progress_bar=False)
    assert [r.n_cvae for r in opt.rounds] == [0, 0]
    assert "Latin hypercube instead" in caplog.text
    assert len(result.optimize_result) == 8


def test_failed_write_leaves_the_previous_file(tmp_path, monkeypatch):
    """A write that breaks off leaves the last good file and no debris."""
    path = tmp_path / "run.hdf5"
    opt = CVAEOptimizer(local_optimizer=optimize.ScipyOptimizer(),
                        n_rounds=1, n_starts=3, seed=0, max_epochs=20)
    opt.minimize(make_problem(), progress_bar=False, filename=path)
    good = path.read_bytes()

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(pypesto.store, "write_result", broken)
    with pytest.raises(OSError, match="disk full"):
        CVAEOptimizer(local_optimizer=optimize.ScipyOptimizer(),
                      n_rounds=1, n_starts=3, seed=1).minimize(
            make_problem(), progress_bar=False, filename=path)
    assert path.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == ["run.hdf5"]
    assert checkpoint_module  # the module that writes atomically


def test_unwritable_output_is_a_user_error(tmp_path, capsys):
    """An output path below a regular file exits 2 with a message."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    status = main(["fit", str(CORTISOL_YAML), "--out",
                   str(blocker / "out"), "--no-progress"])
    assert status == 2
    err = capsys.readouterr().err
    assert "error" in err and "Traceback" not in err

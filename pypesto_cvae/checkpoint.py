"""Result files that a run can be resumed from.

After every round the iterative optimizer writes its pyPESTO result plus
what it needs to continue, in one HDF5 file:

- the standard pyPESTO groups (``problem``, ``optimization``), readable by
  ``pypesto.store.read_result``;
- a group ``cvae`` with the training data (``x``, ``fval``), the
  Latin-hypercube searches' pace values (``paces``), the weights
  of the last network (``weights/<name>``), and JSON attributes holding
  the round statistics, the random generator's state and the settings.

Files are written next to their destination and renamed into place, so a
run killed at any moment leaves the file of its last finished round. The
file holds numbers and JSON only: reading it executes no code.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import h5py
import numpy as np
import pypesto

__all__ = ["RunState", "write_checkpoint", "read_checkpoint"]


@dataclasses.dataclass
class RunState:
    """What a resumed run needs besides the pyPESTO result.

    Attributes
    ----------
    x, fval:
        Training data so far (free parameters, objective scale).
    rounds:
        Statistics of the finished rounds, as dictionaries.
    rng_state:
        State of the optimizer's numpy bit generator.
    weights:
        ``state_dict`` of the last trained network as arrays, if any.
    settings:
        Settings that must agree for a resume (seed, sizes, config, ...).
    paces:
        The pace values of the run's Latin-hypercube searches
        (``CVAEOptimizer.paces``; the trace histories they come from are
        not stored).
    starts_x, starts_fval:
        The start model's data (``CVAEOptimizer.starts``), if any.
    stall_check:
        The counts of ``CVAEOptimizer.stall_check``, if any.
    """

    x: np.ndarray
    fval: np.ndarray
    rounds: list[dict]
    rng_state: dict
    weights: dict[str, np.ndarray] | None
    settings: dict
    paces: np.ndarray = dataclasses.field(
        default_factory=lambda: np.empty(0))
    starts_x: np.ndarray | None = None
    starts_fval: np.ndarray | None = None
    stall_check: dict | None = None


def write_checkpoint(
    result: pypesto.Result, filename, state: RunState | None = None
) -> None:
    """Write a result, and the run state if given, atomically."""
    import pypesto.store

    path = Path(filename)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        pypesto.store.write_result(
            result, str(tmp), overwrite=True, problem=True, optimize=True
        )
        if state is not None:
            with h5py.File(tmp, "a") as f:
                _write_state(f.require_group("cvae"), state)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _write_state(group: h5py.Group, state: RunState) -> None:
    group.create_dataset("x", data=state.x)
    group.create_dataset("fval", data=state.fval)
    group.create_dataset("paces", data=np.asarray(state.paces, float))
    if state.starts_x is not None:
        group.create_dataset("starts_x", data=state.starts_x)
        group.create_dataset("starts_fval", data=state.starts_fval)
    group.attrs["rounds"] = json.dumps(state.rounds)
    group.attrs["rounds_finished"] = len(state.rounds)
    group.attrs["rng_state"] = json.dumps(state.rng_state)
    group.attrs["settings"] = json.dumps(state.settings)
    if state.stall_check is not None:
        group.attrs["stall_check"] = json.dumps(state.stall_check)
    if state.weights:
        weights = group.create_group("weights")
        for name, value in state.weights.items():
            weights.create_dataset(name, data=value)


def read_checkpoint(filename) -> tuple[pypesto.Result, RunState]:
    """Read a result file written by :func:`write_checkpoint`.

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    ValueError
        If it holds no run state (not written by the cVAE optimizer).
    """
    import pypesto.store

    path = Path(filename)
    if not path.is_file():
        raise FileNotFoundError(f"No result file to resume from: {path}.")
    with h5py.File(path, "r") as f:
        if "cvae" not in f or "rounds" not in f["cvae"].attrs:
            raise ValueError(
                f"{path} has no cVAE run state; it was not written by "
                "CVAEOptimizer with a filename, so it cannot be resumed."
            )
        group = f["cvae"]
        weights = None
        if "weights" in group:
            weights = {k: v[()] for k, v in group["weights"].items()}
        state = RunState(
            x=group["x"][()],
            fval=group["fval"][()],
            rounds=json.loads(group.attrs["rounds"]),
            rng_state=json.loads(group.attrs["rng_state"]),
            weights=weights,
            settings=json.loads(group.attrs["settings"]),
            paces=group["paces"][()] if "paces" in group else np.empty(0),
            starts_x=group["starts_x"][()] if "starts_x" in group else None,
            starts_fval=(group["starts_fval"][()] if "starts_fval" in group
                         else None),
            stall_check=(json.loads(group.attrs["stall_check"])
                         if "stall_check" in group.attrs else None),
        )
    result = pypesto.store.read_result(str(path), problem=False, optimize=True)
    return result, state

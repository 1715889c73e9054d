"""Save a trained cVAE to a file and load it back without retraining.

The file is a plain ``torch.save`` archive that holds only tensors and
strings: the network's ``state_dict``, the feasibility data and label
reference as tensors, and all metadata (parameter ids, scales, bounds,
label transform, configuration, training statistics) as one JSON string.
:func:`load_model` reads it with ``torch.load(..., weights_only=True)``, so
loading never unpickles arbitrary objects or runs code from the file::

    save_model(trained, "model.pt")
    trained = load_model("model.pt", problem=problem)  # checks the problem
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import numpy as np
import pypesto
import torch

from .config import CVAEConfig
from .data import LabelTransform
from .model import ConditionalVAE
from .startpoint import check_problem_matches
from .training import TrainedCVAE

__all__ = ["FORMAT", "FORMAT_VERSION", "save_model", "load_model"]

logger = logging.getLogger(__name__)

#: Format tag stored in every model file.
FORMAT = "pypesto-cvae-model"
#: Version of the file layout; files of a newer layout are refused.
FORMAT_VERSION = 1


def _json_stats(stats: dict) -> dict:
    """The JSON-serialisable part of the training statistics."""
    out = {}
    for key, value in stats.items():
        try:
            json.dumps(value)
        except (TypeError, ValueError):
            continue
        out[key] = value
    return out


def save_model(model: TrainedCVAE, path: str | os.PathLike) -> Path:
    """Save a trained cVAE with everything needed to sample from it.

    Parameters
    ----------
    model:
        The trained cVAE (e.g. ``CVAEStartpoints.model`` or the output of
        :func:`~pypesto_cvae.training.fit_cvae`).
    path:
        Destination file (conventionally ``*.pt``); its folder must exist.
        The file is written next to it and renamed into place.

    Returns
    -------
    The path written.
    """
    if not isinstance(model, TrainedCVAE):
        raise TypeError(
            f"model must be a TrainedCVAE, got {type(model).__name__}."
        )
    path = Path(path)
    if not path.parent.is_dir():
        raise FileNotFoundError(f"The folder {path.parent} does not exist.")
    from . import __version__

    meta = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "pypesto_cvae_version": __version__,
        "dim": model.dim,
        "x_names": [str(n) for n in model.x_names],
        "x_scales": (
            None
            if model.x_scales is None
            else [str(s) for s in model.x_scales]
        ),
        "lb": [float(v) for v in model.lb],
        "ub": [float(v) for v in model.ub],
        "label_transform": model.transform.kind,
        "config": model.config.to_dict(),
        "stats": _json_stats(model.stats),
    }
    state = {
        k: v.detach().cpu().clone()
        for k, v in model.model.state_dict().items()
    }
    archive = {
        "metadata": json.dumps(meta),
        "state_dict": state,
        "label_reference": torch.as_tensor(
            np.asarray(model.transform.reference, dtype=np.float64)
        ),
        "feasible_u": torch.as_tensor(
            np.asarray(model.feasible_u, dtype=np.float64)
        ),
        "failed": torch.as_tensor(np.asarray(model.failed, dtype=bool)),
    }
    tmp = path.with_name(f".{path.name}.tmp")
    torch.save(archive, tmp)
    os.replace(tmp, path)
    logger.debug("Saved cVAE for %d parameters to %s", model.dim, path)
    return path


def _read_archive(path: Path) -> dict:
    if not path.is_file():
        raise FileNotFoundError(f"Model file not found: {path}.")
    try:
        archive = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as err:  # noqa: BLE001 - any unreadable file
        raise ValueError(
            f"{path} is not a pypesto-cvae model file (or it contains "
            f"objects that are refused for safety): {err}"
        ) from err
    keys = {"metadata", "state_dict", "label_reference", "feasible_u"}
    if not isinstance(archive, dict) or not keys <= set(archive):
        raise ValueError(f"{path} is not a pypesto-cvae model file.")
    meta = json.loads(archive["metadata"])
    if meta.get("format") != FORMAT:
        raise ValueError(f"{path} is not a pypesto-cvae model file.")
    if meta.get("format_version", 0) > FORMAT_VERSION:
        raise ValueError(
            f"{path} was written by a newer pypesto-cvae (format "
            f"{meta['format_version']}); upgrade to load it."
        )
    archive["metadata"] = meta
    return archive


def load_model(
    path: str | os.PathLike,
    *,
    problem: pypesto.Problem | None = None,
    device: str = "cpu",
) -> TrainedCVAE:
    """Load a cVAE saved by :func:`save_model`.

    Parameters
    ----------
    path:
        The model file.
    problem:
        If given, the model is refused unless its free parameter ids,
        scales and bounds match this problem's.
    device:
        Torch device to put the network on.

    Returns
    -------
    The trained cVAE, ready to generate vectors.

    Raises
    ------
    ValueError
        If the file is not a model file, or the model belongs to another
        problem.
    """
    path = Path(path)
    archive = _read_archive(path)
    meta = archive["metadata"]
    config = CVAEConfig.from_dict(meta["config"])
    config.training.device = device
    network = ConditionalVAE(int(meta["dim"]), config.network)
    try:
        network.load_state_dict(archive["state_dict"])
    except RuntimeError as err:
        raise ValueError(
            f"The weights in {path} do not fit the network its "
            f"configuration describes: {err}"
        ) from err
    network.to(device).eval()
    failed = archive.get("failed")
    model = TrainedCVAE(
        model=network,
        config=config,
        transform=LabelTransform(
            kind=meta["label_transform"],
            reference=archive["label_reference"].numpy().astype(float),
        ),
        lb=np.asarray(meta["lb"], dtype=float),
        ub=np.asarray(meta["ub"], dtype=float),
        x_names=list(meta["x_names"]),
        x_scales=meta["x_scales"],
        feasible_u=archive["feasible_u"].numpy().astype(float),
        failed=(
            np.zeros(0, bool) if failed is None else failed.numpy().copy()
        ),
        stats=dict(meta.get("stats", {})),
    )
    if problem is not None:
        check_problem_matches(model, problem)
    return model

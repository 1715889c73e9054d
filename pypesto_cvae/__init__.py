"""Conditional-VAE startpoints and an iterative cVAE optimizer for pyPESTO.

A conditional variational autoencoder is trained on every parameter vector
that earlier local optimizations evaluated, with the objective value as
its condition label, and sampled at a low label to propose startpoints.

Public names:

- :class:`CVAEStartpoints`: a drop-in pyPESTO startpoint method.
- :class:`CVAEOptimizer`: rounds of multistart -> train -> sample.
- :class:`TrainingSet`, :func:`fit_cvae`, :class:`TrainedCVAE`: the pieces.
- :class:`CVAEConfig` and its sections; :class:`IterationOptions`.
- :func:`load_petab_problem`: PEtab v1 -> pyPESTO with a model cache;
  :func:`apply_solver_options`: AMICI solver settings.
"""

from __future__ import annotations

from .analysis import AnalysisReport, analyze, load_training_data
from .config import (
    CVAEConfig,
    IterationOptions,
    NetworkConfig,
    SamplingConfig,
    TrainingConfig,
)
from .data import TRACE_HISTORY_OPTIONS, LabelTransform, TrainingSet
from .iterative import CVAEOptimizer, RoundStats
from .persistence import load_model, save_model
from .petab import (
    LoadedProblem,
    PetabLoadError,
    apply_solver_options,
    load_petab_problem,
)
from .startpoint import CVAEStartpoints
from .training import (
    InsufficientDataError,
    TrainedCVAE,
    TrainingDivergedError,
    fit_cvae,
)
from .tuning import TuningResult, tune

__version__ = "0.1.0"

__all__ = [
    "AnalysisReport",
    "CVAEConfig",
    "CVAEOptimizer",
    "CVAEStartpoints",
    "InsufficientDataError",
    "TrainingDivergedError",
    "IterationOptions",
    "LabelTransform",
    "LoadedProblem",
    "NetworkConfig",
    "PetabLoadError",
    "RoundStats",
    "SamplingConfig",
    "TRACE_HISTORY_OPTIONS",
    "TrainedCVAE",
    "TrainingConfig",
    "TrainingSet",
    "TuningResult",
    "analyze",
    "apply_solver_options",
    "fit_cvae",
    "load_model",
    "load_petab_problem",
    "load_training_data",
    "save_model",
    "tune",
]

"""Tune the cVAE's hyperparameters with Optuna, on the user's problem.

Each trial trains a cVAE with suggested settings on the data of a first
round of local optimizations and scores the startpoints it generates on
the problem itself:

- ``metric="median"``: the median objective value (NLL) of the generated
  startpoints, failed simulations counted as the worst finite training
  value;
- ``metric="success"``: one minus the share of short local optimizations
  from the startpoints that reach the best value known (within ``tol``).

The search space covers the hidden layers (number and width), latent
dimension, KL weight, learning rate, validation split and label transform;
the sampler is Optuna's TPE with a seed, and the first trial is the
default configuration, so the study shows whether tuning helped::

    data = first_round(problem, n_starts=20, seed=0)
    tuned = tune(problem, data, n_trials=20, seed=0)
    tuned.save_config("best_config.json")      # read by fit --config
    sp = CVAEStartpoints.from_result(result, config=tuned.best_config)
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import warnings
from pathlib import Path

import numpy as np
import pypesto
import pypesto.optimize

from .analysis import evaluate_objective
from .config import LABEL_TRANSFORMS, CVAEConfig
from .data import TrainingSet
from .training import InsufficientDataError, fit_cvae

__all__ = [
    "METRICS",
    "TuningResult",
    "config_from_params",
    "first_round",
    "save_parallel_coordinate",
    "startpoint_score",
    "suggest_config",
    "tune",
]

logger = logging.getLogger(__name__)

#: Scores a trial can minimise.
METRICS = ("median", "success")

_WIDTHS = (16, 32, 64, 128)


def config_from_params(
    params: dict, base: CVAEConfig | None = None
) -> CVAEConfig:
    """The configuration an Optuna trial's parameters describe.

    Parameters
    ----------
    params:
        ``n_layers``, ``width``, ``latent_dim``, ``kl_weight``,
        ``learning_rate``, ``validation_fraction``, ``label_transform``
        (any subset; the rest comes from ``base``).
    base:
        Settings that are not tuned (default: the defaults).
    """
    params = dict(params)
    settings = {}
    if "n_layers" in params or "width" in params:
        base_layers = (base or CVAEConfig()).network.hidden_layers
        n = int(params.pop("n_layers", len(base_layers)))
        width = int(params.pop("width", base_layers[0]))
        settings["hidden_layers"] = (width,) * n
    settings.update(params)
    return CVAEConfig.from_kwargs(base, **settings)


def _default_params(base: CVAEConfig) -> dict:
    """Trial parameters of ``base`` (the first, enqueued trial)."""
    layers = base.network.hidden_layers
    return {
        "n_layers": len(layers),
        "width": layers[0] if layers[0] in _WIDTHS else 64,
        "latent_dim": base.network.latent_dim,
        "kl_weight": base.training.kl_weight,
        "learning_rate": base.training.learning_rate,
        "validation_fraction": base.training.validation_fraction,
        "label_transform": base.sampling.label_transform,
    }


def suggest_config(trial, base: CVAEConfig | None = None) -> CVAEConfig:
    """Let an Optuna trial choose the tuned settings of a configuration."""
    params = {
        "n_layers": trial.suggest_int("n_layers", 1, 3),
        "width": trial.suggest_categorical("width", _WIDTHS),
        "latent_dim": trial.suggest_int("latent_dim", 2, 8),
        "kl_weight": trial.suggest_float("kl_weight", 0.01, 2.0, log=True),
        "learning_rate": trial.suggest_float(
            "learning_rate", 1e-4, 1e-2, log=True
        ),
        "validation_fraction": trial.suggest_float(
            "validation_fraction", 0.1, 0.3
        ),
        "label_transform": trial.suggest_categorical(
            "label_transform", LABEL_TRANSFORMS
        ),
    }
    return config_from_params(params, base)


def first_round(
    problem: pypesto.Problem,
    n_starts: int = 20,
    *,
    seed: int | None = 0,
    local_optimizer: pypesto.optimize.Optimizer | None = None,
    engine=None,
    filename: str | os.PathLike | None = None,
    progress_bar: bool = False,
) -> TrainingSet:
    """Latin-hypercube multistart with traces: the data to tune on.

    Runs round 0 of :class:`~pypesto_cvae.iterative.CVAEOptimizer` and
    returns every vector it evaluated. ``filename`` keeps the result (with
    its ``cvae`` group) for later use.
    """
    from .iterative import CVAEOptimizer

    optimizer = CVAEOptimizer(
        local_optimizer=local_optimizer,
        n_rounds=1,
        n_starts=n_starts,
        seed=seed,
    )
    optimizer.minimize(
        problem, engine=engine, progress_bar=progress_bar, filename=filename
    )
    return optimizer.data


def _local_successes(problem, xs, optimizer, threshold) -> float:
    """Share of local optimizations from ``xs`` ending <= ``threshold``."""
    hits = 0
    for i, x0 in enumerate(xs):
        try:
            res = optimizer.minimize(problem, x0=x0, id=str(i))
            fval = float(res.fval)
        except Exception as err:  # noqa: BLE001 - a failing start
            logger.debug("Local optimization %d raised: %s", i, err)
            continue
        hits += bool(np.isfinite(fval) and fval <= threshold)
    return hits / max(len(xs), 1)


def startpoint_score(
    config: CVAEConfig,
    data: TrainingSet,
    problem: pypesto.Problem,
    *,
    metric: str = "median",
    n_startpoints: int = 50,
    n_local: int = 10,
    local_optimizer: pypesto.optimize.Optimizer | None = None,
    tol: float = 0.1,
    target: float | tuple[float, float] | None = None,
    seed: int = 0,
    n_repeats: int = 1,
) -> float:
    """Train a cVAE with ``config`` and score its startpoints (lower wins).

    Parameters
    ----------
    config:
        The settings to score.
    data:
        Training data (e.g. from :func:`first_round`).
    problem:
        The problem whose objective scores the startpoints.
    metric:
        ``"median"``: median NLL of ``n_startpoints`` startpoints (failed
        ones count as the worst finite training value). ``"success"``:
        one minus the share of ``n_local`` local optimizations that end
        within ``tol`` of the best value known.
    n_startpoints, n_local:
        Startpoints generated; local optimizations run (``"success"``).
    local_optimizer:
        Optimizer of the ``"success"`` metric (default: Fides, at most 50
        iterations).
    tol:
        Success tolerance on the objective value.
    target:
        Label to sample at (default: the configuration's).
    seed:
        Seeds training and sampling; trials with the same seed share their
        random numbers, so scores differ by the settings, not by luck.
    n_repeats:
        Train and score this many times (seeds ``seed``, ``seed + 1``,
        ...) and return the mean: a score less tied to one training run.
    """
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {METRICS}, got {metric!r}.")
    if not isinstance(n_repeats, int) or n_repeats < 1:
        raise ValueError(f"n_repeats must be a positive int: {n_repeats!r}")
    if local_optimizer is None and metric == "success":
        local_optimizer = pypesto.optimize.FidesOptimizer(
            options={"maxiter": 50}, verbose=logging.ERROR
        )
    scores = [
        _score_once(
            config,
            data,
            problem,
            metric,
            n_startpoints,
            n_local,
            local_optimizer,
            tol,
            target,
            seed + k,
        )
        for k in range(n_repeats)
    ]
    return float(np.mean(scores))


def _score_once(
    config,
    data,
    problem,
    metric,
    n_startpoints,
    n_local,
    local_optimizer,
    tol,
    target,
    seed,
) -> float:
    """One training run and its startpoint score."""
    rng = np.random.default_rng(seed)
    model = fit_cvae(data, config, rng)
    worst = float(np.max(data.fval[~data.failed]))
    if metric == "median":
        xs = model.generate(n_startpoints, rng, target)
        fvals = evaluate_objective(problem, xs)
        return float(np.median(np.where(np.isfinite(fvals), fvals, worst)))
    xs = model.generate(n_local, rng, target)
    threshold = data.best()[1] + tol
    return 1.0 - _local_successes(problem, xs, local_optimizer, threshold)


@dataclasses.dataclass
class TuningResult:
    """The outcome of :func:`tune`.

    Attributes
    ----------
    study:
        The Optuna study (all trials).
    best_config:
        The configuration of the best trial.
    best_value:
        Its score.
    default_value:
        Score of the default (base) configuration, trial 0.
    metric:
        The metric that was minimised.
    """

    study: object
    best_config: CVAEConfig
    best_value: float
    default_value: float
    metric: str

    @property
    def target_name(self) -> str:
        """Name of the score, for figures."""
        return {
            "median": "median NLL of startpoints",
            "success": "1 − success rate of local runs",
        }[self.metric]

    def save_config(self, path: str | os.PathLike) -> Path:
        """Write the best configuration as JSON (``CVAEConfig.to_dict``)."""
        path = Path(path)
        path.write_text(json.dumps(self.best_config.to_dict(), indent=2))
        return path

    def summary(self) -> dict:
        """Numbers and the best configuration, JSON-serialisable."""
        trials = [
            {"number": t.number, "value": t.value, "params": t.params}
            for t in self.study.trials
            if t.value is not None
        ]
        return {
            "metric": self.metric,
            "n_trials": len(self.study.trials),
            "best_value": self.best_value,
            "default_value": self.default_value,
            "best_trial": self.study.best_trial.number,
            "best_params": self.study.best_trial.params,
            "best_config": self.best_config.to_dict(),
            "trials": trials,
        }


def tune(
    problem: pypesto.Problem,
    data: TrainingSet,
    *,
    n_trials: int = 20,
    seed: int = 0,
    metric: str = "median",
    base_config: CVAEConfig | None = None,
    timeout: float | None = None,
    **score_options,
) -> TuningResult:
    """Search cVAE hyperparameters that give the best startpoints.

    Parameters
    ----------
    problem:
        The problem to generate startpoints for.
    data:
        Training data of a first round (see :func:`first_round`).
    n_trials:
        Optuna trials, the default configuration (trial 0) included.
    seed:
        Seeds the TPE sampler and every trial's training and sampling.
    metric:
        ``"median"`` or ``"success"`` (see :func:`startpoint_score`).
    base_config:
        Settings that are not tuned (epochs, sampling target, ...) and the
        first trial's values.
    timeout:
        Stop starting trials after this many seconds.
    score_options:
        Passed to :func:`startpoint_score` (``n_startpoints``,
        ``n_local``, ``local_optimizer``, ``tol``, ``target``,
        ``n_repeats``).

    Returns
    -------
    The study, the best configuration and its score.
    """
    import optuna

    if metric not in METRICS:
        raise ValueError(f"metric must be one of {METRICS}, got {metric!r}.")
    if not isinstance(n_trials, int) or n_trials < 1:
        raise ValueError(f"n_trials must be a positive int, got {n_trials!r}")
    base = base_config or CVAEConfig()

    def objective(trial) -> float:
        config = suggest_config(trial, base)
        try:
            return startpoint_score(
                config,
                data,
                problem,
                metric=metric,
                seed=seed,
                **score_options,
            )
        except InsufficientDataError:
            raise
        except ValueError as err:
            logger.warning("Trial %d failed: %s", trial.number, err)
            raise optuna.TrialPruned(str(err)) from err

    study = optuna.create_study(
        direction="minimize",
        sampler=optuna.samplers.TPESampler(seed=seed),
    )
    study.enqueue_trial(_default_params(base))
    study.optimize(objective, n_trials=n_trials, timeout=timeout)
    best = study.best_trial
    logger.info(
        "Best of %d trials: %s = %.6g (default %.6g)",
        len(study.trials),
        metric,
        best.value,
        study.trials[0].value,
    )
    return TuningResult(
        study=study,
        best_config=config_from_params(best.params, base),
        best_value=float(best.value),
        default_value=float(study.trials[0].value),
        metric=metric,
    )


def save_parallel_coordinate(
    result: TuningResult, path: str | os.PathLike, *, title: str | None = None
) -> Path:
    """Save Optuna's parallel-coordinate figure of a study as PNG.

    One line per trial through its hyperparameters, coloured by score
    (the seed paper's Figure S2).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import optuna

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        warnings.simplefilter("ignore", UserWarning)  # flat axes
        ax = optuna.visualization.matplotlib.plot_parallel_coordinate(
            result.study, target_name=result.target_name
        )
    fig = ax.figure
    fig.set_size_inches(11, 5.5)
    ax.set_title(
        title
        or f"Hyperparameter search: {len(result.study.trials)} trials, "
        f"best {result.target_name} = {result.best_value:.5g} "
        f"(default {result.default_value:.5g})",
        pad=20,
    )
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path

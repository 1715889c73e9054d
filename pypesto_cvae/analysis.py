"""What a trained cVAE learned: latent space, calibration, failures, novelty.

Four analyses of a :class:`~pypesto_cvae.training.TrainedCVAE` on its
problem, each a plain function returning a small dataclass:

- :func:`latent_separation`: latent codes of the training vectors, a 2-D
  view (PCA if the latent space has more dimensions) and the
  cross-validated AUC of a logistic regression that tells low- from
  high-NLL vectors by their codes.
- :func:`label_calibration`: vectors generated at a range of conditional
  labels, their NLL under the problem's objective, the Spearman rank
  correlation of requested label and achieved NLL, and the share of
  failed simulations per label beside Latin-hypercube samples.
- :func:`novelty`: the distance of each generated vector to its nearest
  training vector (unit box), beside the nearest-neighbour spacing within
  the training data and the distance of Latin-hypercube points.

:func:`analyze` runs all of them; :func:`load_training_data` reads the
training data that ``pypesto-cvae fit`` stores in its result file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
from collections.abc import Sequence

import numpy as np
import pypesto
from scipy import stats as sp_stats
from scipy.spatial import cKDTree
from scipy.spatial.distance import pdist

from .classifier import cross_validated_auc, pca_2d, roc_auc
from .data import TrainingSet
from .startpoint import latin_hypercube
from .training import TrainedCVAE

__all__ = [
    "AnalysisReport",
    "LabelCalibration",
    "LatentSeparation",
    "Novelty",
    "analyze",
    "cross_validated_auc",
    "evaluate_objective",
    "format_report",
    "label_calibration",
    "latent_codes",
    "latent_separation",
    "load_training_data",
    "novelty",
    "pca_2d",
    "roc_auc",
]

logger = logging.getLogger(__name__)

#: Default conditional labels of the calibration analysis: from below the
#: best seen (-0.5) to the label of failed simulations (1.5).
DEFAULT_LABELS = tuple(np.round(np.linspace(-0.5, 1.5, 9), 4))


def load_training_data(
    result_file: str | os.PathLike, problem: pypesto.Problem
) -> TrainingSet:
    """The training data of a ``pypesto-cvae fit`` result file.

    Reads the datasets ``x`` and ``fval`` of the file's ``cvae`` group;
    a file without that group (any pyPESTO result file) is read through
    its starts' trace histories instead.

    Parameters
    ----------
    result_file:
        HDF5 result file.
    problem:
        The problem the result belongs to (bounds, parameter ids).
    """
    import h5py

    path = os.fspath(result_file)
    if not os.path.isfile(path):
        raise FileNotFoundError(f"Result file not found: {path}.")
    with h5py.File(path, "r") as f:
        group = f.get("cvae")
        if group is not None and "x" in group and "fval" in group:
            x, fval = group["x"][()], group["fval"][()]
        else:
            x = None
    if x is None:
        logger.info("%s has no 'cvae' group; reading trace histories.", path)
        data = TrainingSet.from_results(path, problem)
    else:
        if x.ndim != 2 or x.shape[1] != problem.dim:
            raise ValueError(
                f"The training vectors in {path} have shape {x.shape}, but "
                f"the problem has {problem.dim} free parameters: the result "
                "belongs to another problem."
            )
        data = TrainingSet.from_problem(problem).extend(x, fval)
    if len(data) == 0:
        raise ValueError(f"{path} holds no evaluated vectors.")
    return data


def evaluate_objective(problem: pypesto.Problem, x: np.ndarray) -> np.ndarray:
    """Objective values of vectors, ``inf`` where the evaluation fails.

    Parameters
    ----------
    problem:
        The problem; its objective takes free-parameter vectors.
    x:
        Vectors in the objective's scale, shape (n, problem.dim).

    Returns
    -------
    Values, shape (n,); failed simulations, NaN and raised errors all
    give ``inf``.
    """
    x = np.atleast_2d(np.asarray(x, dtype=float))
    out = np.full(x.shape[0], np.inf)
    with _quiet_simulation_errors():
        for i, xi in enumerate(x):
            try:
                value = float(problem.objective(xi))
            except Exception as err:  # noqa: BLE001 - any simulation error
                logger.debug("Objective raised at vector %d: %s", i, err)
                continue
            if np.isfinite(value):
                out[i] = value
    return out


@contextlib.contextmanager
def _quiet_simulation_errors():
    """Silence AMICI's per-simulation error logs for a block.

    Failed simulations are expected (and counted) here; AMICI would log
    each one at ERROR level.
    """
    loggers = [
        log
        for name, log in list(logging.Logger.manager.loggerDict.items())
        if name.startswith("amici") and isinstance(log, logging.Logger)
    ]
    levels = [log.level for log in loggers]
    for log in loggers:
        log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for log, level in zip(loggers, levels, strict=True):
            log.setLevel(level)


# --------------------------------------------------------------------------
# latent space
# --------------------------------------------------------------------------


def latent_codes(model: TrainedCVAE, data: TrainingSet) -> np.ndarray:
    """Posterior means of the training vectors, shape (n, latent_dim).

    Each vector is encoded together with its own label (failed vectors
    with the failure label), as during training.
    """
    return model.encode(data.x, data.fval)


@dataclasses.dataclass
class LatentSeparation:
    """Latent codes of the training vectors and how they separate by NLL.

    Attributes
    ----------
    codes:
        Posterior means, shape (n, latent_dim).
    coords:
        Their 2-D view, shape (n, 2) (see :func:`pca_2d`).
    explained:
        Variance share of the two view axes.
    fval:
        Objective value of each vector (``inf``: failed).
    threshold:
        NLL that splits "low" (at or below) from "high" finite vectors.
    auc, auc_folds:
        Cross-validated AUC of low vs high from the latent codes, pooled
        and per fold.
    auc_input:
        The same AUC from the unit-box vectors themselves: a baseline
        for how separable the classes are without the encoder.
    """

    codes: np.ndarray
    coords: np.ndarray
    explained: np.ndarray
    fval: np.ndarray
    threshold: float
    auc: float
    auc_folds: list[float]
    auc_input: float

    def active_dims(self, threshold: float = 0.01) -> int:
        """Latent dimensions whose posterior mean varies over the data.

        A dimension is active when the variance of its code across the
        training vectors exceeds ``threshold`` (the prior's is 1). Few
        active dimensions mean posterior collapse: the decoder then
        depends on the label almost alone.
        """
        return int((self.codes.var(axis=0) > threshold).sum())

    def summary(self) -> dict:
        """Numbers only, JSON-serialisable."""
        return {
            "latent_dim": int(self.codes.shape[1]),
            "active_dims": self.active_dims(),
            "code_std": [float(v) for v in self.codes.std(axis=0)],
            "n_vectors": int(self.fval.size),
            "n_failed": int((~np.isfinite(self.fval)).sum()),
            "low_high_threshold_nll": float(self.threshold),
            "auc_latent": float(self.auc),
            "auc_latent_folds": [float(a) for a in self.auc_folds],
            "auc_input": float(self.auc_input),
            "explained_variance_2d": [float(e) for e in self.explained],
        }


def latent_separation(
    model: TrainedCVAE,
    data: TrainingSet,
    *,
    quantile: float = 0.5,
    max_points: int = 5000,
    n_folds: int = 5,
    rng: np.random.Generator | int | None = 0,
) -> LatentSeparation:
    """Embed the training vectors and score the low/high NLL separation.

    Parameters
    ----------
    model:
        The trained cVAE.
    data:
        Its training data (or any vectors of the same problem).
    quantile:
        Finite vectors with an NLL at or below this quantile are "low",
        the others "high"; failed vectors are shown but not classified.
    max_points:
        At most this many vectors are embedded (random subsample).
    n_folds:
        Folds of the cross-validation.
    rng:
        Seed or generator of the subsample and folds.
    """
    if not 0 < quantile < 1:
        raise ValueError(f"quantile must lie in (0, 1), got {quantile!r}.")
    rng = np.random.default_rng(rng)
    if len(data) > max_points:
        keep = np.sort(rng.choice(len(data), max_points, replace=False))
        data = dataclasses.replace(data, x=data.x[keep], fval=data.fval[keep])
    codes = latent_codes(model, data)
    coords, explained = pca_2d(codes)
    ok = np.isfinite(data.fval)
    threshold = float(np.quantile(data.fval[ok], quantile))
    low = data.fval[ok] <= threshold
    fold_seed = int(rng.integers(2**32))
    auc, folds = cross_validated_auc(
        codes[ok], low, n_folds=n_folds, rng=fold_seed
    )
    auc_input, _ = cross_validated_auc(
        data.to_unit(data.x[ok]), low, n_folds=n_folds, rng=fold_seed
    )
    return LatentSeparation(
        codes=codes,
        coords=coords,
        explained=explained,
        fval=data.fval.copy(),
        threshold=threshold,
        auc=auc,
        auc_folds=folds,
        auc_input=auc_input,
    )


# --------------------------------------------------------------------------
# label calibration and failures
# --------------------------------------------------------------------------


@dataclasses.dataclass
class LabelCalibration:
    """Vectors generated at a range of labels and their achieved NLL.

    Attributes
    ----------
    labels:
        Requested conditional labels, shape (n_labels,).
    label_fval:
        The NLL each label stands for (``LabelTransform.inverse``; labels
        outside [0, 1] are clipped to the best/worst training value).
    unit:
        Generated vectors in the unit box, shape (n_labels, n, dim).
    fval:
        Their NLL, shape (n_labels, n); ``inf``: simulation failed.
    spearman, spearman_p:
        Spearman rank correlation of requested label and achieved NLL over
        all finite generated vectors, and its p-value.
    spearman_in_range:
        The same over labels in [0, 1] only, the range the training data
        cover (labels below 0 extrapolate, above 1 ask for failures).
    failure_cvae:
        Share of failed simulations per label, shape (n_labels,).
    failure_lhs:
        The same share for Latin-hypercube samples.
    n_lhs:
        Number of Latin-hypercube samples.
    filtered:
        Whether the model's feasibility filter chose among candidates.
    """

    labels: np.ndarray
    label_fval: np.ndarray
    unit: np.ndarray
    fval: np.ndarray
    spearman: float
    spearman_p: float
    spearman_in_range: float
    failure_cvae: np.ndarray
    failure_lhs: float
    n_lhs: int
    filtered: bool

    def median_fval(self) -> np.ndarray:
        """Median achieved NLL per label (failures count as ``inf``)."""
        return np.median(self.fval, axis=1)

    def summary(self) -> dict:
        """Numbers only, JSON-serialisable (``inf`` written as null)."""
        return {
            "labels": _floats(self.labels),
            "label_nll": _floats(self.label_fval),
            "median_nll": _floats(self.median_fval()),
            "n_per_label": int(self.fval.shape[1]),
            "spearman": float(self.spearman),
            "spearman_p": float(self.spearman_p),
            "spearman_labels_0_to_1": _floats([self.spearman_in_range])[0],
            "failure_fraction_cvae": _floats(self.failure_cvae),
            "failure_fraction_lhs": float(self.failure_lhs),
            "n_lhs": int(self.n_lhs),
            "feasibility_filter": bool(self.filtered),
        }


def _floats(values) -> list:
    return [float(v) if np.isfinite(v) else None for v in np.ravel(values)]


def _spearman(labels: np.ndarray, fval: np.ndarray) -> tuple[float, float]:
    """Rank correlation over finite values (NaN if undefined)."""
    ok = np.isfinite(fval)
    if ok.sum() < 3 or np.unique(labels[ok]).size < 2:
        return np.nan, np.nan
    rho, p = sp_stats.spearmanr(labels[ok], fval[ok])
    return float(rho), float(p)


def label_calibration(
    model: TrainedCVAE,
    problem: pypesto.Problem,
    *,
    labels: Sequence[float] = DEFAULT_LABELS,
    n_per_label: int = 20,
    n_lhs: int = 100,
    filtered: bool = True,
    rng: np.random.Generator | int | None = 0,
) -> LabelCalibration:
    """Generate vectors per label, evaluate them, and compare with LHS.

    Parameters
    ----------
    model:
        The trained cVAE of ``problem``.
    problem:
        The problem whose objective scores the generated vectors.
    labels:
        Conditional labels to generate at (0: best training vector, 1:
        worst finite one, the failure label: failed simulations).
    n_per_label:
        Vectors per label.
    n_lhs:
        Latin-hypercube samples in the problem's bounds for the failure
        baseline (0 skips it).
    filtered:
        Use the model's feasibility filter (as ``CVAEStartpoints`` does);
        off shows what the decoder alone produces.
    rng:
        Seed or generator.
    """
    labels = np.asarray(labels, dtype=float)
    if labels.ndim != 1 or labels.size < 2:
        raise ValueError("Give at least two labels.")
    if n_per_label < 1:
        raise ValueError(f"n_per_label must be >= 1, got {n_per_label!r}.")
    rng = np.random.default_rng(rng)
    requested = np.repeat(labels, n_per_label)
    decoder = model if filtered else model.unfiltered()
    unit = decoder.generate_unit(requested, rng)
    x = model.lb + unit * (model.ub - model.lb)
    fval = evaluate_objective(problem, x).reshape(labels.size, n_per_label)
    rho, p = _spearman(requested, fval.ravel())
    inside = (requested >= 0) & (requested <= 1)
    rho_in, _ = _spearman(requested[inside], fval.ravel()[inside])
    lhs_fail = np.nan
    if n_lhs:
        lhs = latin_hypercube(n_lhs, model.lb, model.ub, rng)
        lhs_fail = float(
            np.mean(~np.isfinite(evaluate_objective(problem, lhs)))
        )
    return LabelCalibration(
        labels=labels,
        label_fval=model.transform.inverse(labels),
        unit=unit.reshape(labels.size, n_per_label, -1),
        fval=fval,
        spearman=float(rho),
        spearman_p=float(p),
        spearman_in_range=float(rho_in),
        failure_cvae=np.mean(~np.isfinite(fval), axis=1),
        failure_lhs=lhs_fail,
        n_lhs=int(n_lhs),
        filtered=filtered,
    )


# --------------------------------------------------------------------------
# novelty
# --------------------------------------------------------------------------


@dataclasses.dataclass
class Novelty:
    """Distances (unit box) from new vectors to the training data.

    Attributes
    ----------
    generated:
        Distance of each generated vector to its nearest training vector,
        shape (n_groups, n) (one group per label).
    training:
        Distance of each training vector to its nearest other training
        vector (the spacing of the data).
    lhs:
        Distance of Latin-hypercube points to their nearest training
        vector (what pure exploration gives).
    diversity:
        Median pairwise distance among the generated vectors of each
        group, shape (n_groups,); near 0 means the cVAE returns almost
        the same vector for a label (latent space unused).
    """

    generated: np.ndarray
    training: np.ndarray
    lhs: np.ndarray
    diversity: np.ndarray

    def summary(self) -> dict:
        """Medians and ratios, JSON-serialisable.

        ``ratio_to_training`` above 1 means generated vectors lie farther
        from the data than the data lie from each other (exploring);
        near or below 1 means they copy or interpolate the data.
        """
        train = float(np.median(self.training))
        lhs = float(np.median(self.lhs)) if self.lhs.size else np.nan
        med = np.median(self.generated, axis=1)
        return {
            "median_nn_training": train,
            "median_nn_lhs": _floats([lhs])[0],
            "median_nn_generated": _floats(med),
            "ratio_to_training": _floats(med / train if train > 0 else med),
            "ratio_to_lhs": _floats(med / lhs if lhs > 0 else med),
            "diversity_generated": _floats(self.diversity),
            "ratio_all_to_training": _floats(
                [np.median(self.generated) / train if train > 0 else np.inf]
            )[0],
        }


def novelty(
    generated_unit: np.ndarray,
    training_unit: np.ndarray,
    *,
    n_lhs: int = 200,
    rng: np.random.Generator | int | None = 0,
) -> Novelty:
    """Nearest-training-vector distances of generated vectors.

    Parameters
    ----------
    generated_unit:
        Generated vectors in the unit box, shape (n, dim) or
        (n_groups, n, dim).
    training_unit:
        Training vectors in the unit box, shape (m, dim), m >= 2.
    n_lhs:
        Latin-hypercube points scored the same way, as a reference.
    rng:
        Seed or generator of the Latin-hypercube points.
    """
    train = np.unique(np.asarray(training_unit, dtype=float), axis=0)
    if train.shape[0] < 2:
        raise ValueError(
            "Novelty needs at least two distinct training vectors."
        )
    gen = np.asarray(generated_unit, dtype=float)
    if gen.ndim == 2:
        gen = gen[None]
    dim = train.shape[1]
    tree = cKDTree(train)
    d_gen = tree.query(gen.reshape(-1, dim), k=1)[0].reshape(gen.shape[:2])
    d_train = tree.query(train, k=2)[0][:, 1]
    rng = np.random.default_rng(rng)
    lhs = latin_hypercube(n_lhs, np.zeros(dim), np.ones(dim), rng)
    d_lhs = tree.query(lhs, k=1)[0] if n_lhs else np.empty(0)
    diversity = np.array(
        [np.median(pdist(g)) if len(g) > 1 else np.nan for g in gen]
    )
    return Novelty(
        generated=d_gen, training=d_train, lhs=d_lhs, diversity=diversity
    )


# --------------------------------------------------------------------------
# all together
# --------------------------------------------------------------------------


@dataclasses.dataclass
class AnalysisReport:
    """All analyses of one trained cVAE on its problem."""

    latent: LatentSeparation
    calibration: LabelCalibration
    novelty: Novelty
    n_training: int
    best_training_fval: float

    def summary(self) -> dict:
        """All numbers, JSON-serialisable."""
        return {
            "n_training_vectors": int(self.n_training),
            "best_training_nll": float(self.best_training_fval),
            "latent": self.latent.summary(),
            "calibration": self.calibration.summary(),
            "novelty": self.novelty.summary(),
        }


def analyze(
    model: TrainedCVAE,
    problem: pypesto.Problem,
    data: TrainingSet,
    *,
    labels: Sequence[float] = DEFAULT_LABELS,
    n_per_label: int = 20,
    n_lhs: int = 100,
    filtered: bool = True,
    seed: int | None = 0,
) -> AnalysisReport:
    """Run the latent, calibration, failure and novelty analyses.

    Parameters
    ----------
    model:
        The trained cVAE of ``problem``.
    problem:
        Its problem (objective evaluations).
    data:
        The training data (e.g. :func:`load_training_data`).
    labels, n_per_label, n_lhs, filtered:
        See :func:`label_calibration`.
    seed:
        Seed of the owned generator all analyses draw from.
    """
    from .startpoint import check_problem_matches

    check_problem_matches(model, problem)
    rng = np.random.default_rng(seed)
    latent = latent_separation(model, data, rng=rng)
    calibration = label_calibration(
        model,
        problem,
        labels=labels,
        n_per_label=n_per_label,
        n_lhs=n_lhs,
        filtered=filtered,
        rng=rng,
    )
    nov = novelty(
        calibration.unit, data.to_unit(data.x), n_lhs=max(n_lhs, 50), rng=rng
    )
    return AnalysisReport(
        latent=latent,
        calibration=calibration,
        novelty=nov,
        n_training=len(data),
        best_training_fval=data.best()[1],
    )


def _fmt(values, spec: str = ".3g") -> str:
    return " ".join(
        "   -" if v is None else format(v, spec).rjust(4) for v in values
    )


def format_report(summary: dict) -> str:
    """A short plain-text version of :meth:`AnalysisReport.summary`."""
    lat, cal, nov = (
        summary["latent"],
        summary["calibration"],
        summary["novelty"],
    )
    lines = [
        f"cVAE analysis: {summary.get('problem', '')}".rstrip(": "),
        f"  training vectors        {summary['n_training_vectors']} "
        f"(best NLL {summary['best_training_nll']:.6g})",
        f"  latent space            dim {lat['latent_dim']} "
        f"({lat['active_dims']} active), low/high NLL split at "
        f"{lat['low_high_threshold_nll']:.6g}",
        f"  AUC low vs high NLL     latent {lat['auc_latent']:.3f}, "
        f"input space {lat['auc_input']:.3f} (5-fold, logistic)",
        f"  label calibration       Spearman {cal['spearman']:.3f} "
        f"(p = {cal['spearman_p']:.2g}, {cal['n_per_label']} per label, "
        f"filter {'on' if cal['feasibility_filter'] else 'off'})",
        "  Spearman, labels 0..1   "
        + _fmt([cal["spearman_labels_0_to_1"]], ".3f"),
        f"  labels                  {_fmt(cal['labels'], '.2f')}",
        f"  median NLL              {_fmt(cal['median_nll'], '.4g')}",
        "  failed, cVAE            "
        + _fmt(cal["failure_fraction_cvae"], ".2f"),
        f"  failed, LHS             {cal['failure_fraction_lhs']:.2f} "
        f"(of {cal['n_lhs']})",
        f"  novelty (median nearest-training distance, unit box): training "
        f"spacing {nov['median_nn_training']:.3g}, LHS "
        f"{nov['median_nn_lhs']:.3g}",
        f"  generated / spacing     {_fmt(nov['ratio_to_training'], '.3g')}",
        f"  generated / LHS         {_fmt(nov['ratio_to_lhs'], '.3g')}",
        "  spread within label     " + _fmt(nov["diversity_generated"], ".3g"),
    ]
    return "\n".join(lines)

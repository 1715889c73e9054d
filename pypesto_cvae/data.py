"""From pyPESTO results to a cVAE training set.

Every objective evaluation that a start made is in its history trace when
the optimization ran with ``HistoryOptions(trace_record=True)``. This module
collects those vectors (free parameters, in the objective's scale),
removes duplicates, marks failed simulations, scales vectors to the unit box
by the problem's bounds and turns objective values into labels.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Iterable, Sequence

import numpy as np
import pypesto

from .config import VALUE_KINDS

__all__ = [
    "TRACE_HISTORY_OPTIONS",
    "TrainingSet",
    "LabelTransform",
    "collect_traces",
]

logger = logging.getLogger(__name__)

#: History options that keep every evaluated vector and nothing heavy.
TRACE_HISTORY_OPTIONS = pypesto.HistoryOptions(
    trace_record=True,
    trace_record_grad=False,
    trace_record_hess=False,
    trace_record_res=False,
    trace_record_sres=False,
)

ResultLike = (
    pypesto.Result
    | pypesto.result.OptimizeResult
    | str
    | os.PathLike
    | Sequence
)


def _optimizer_results(results: ResultLike) -> Iterable:
    """Yield ``OptimizerResult`` objects from results, lists or files."""
    if isinstance(results, str | os.PathLike):
        from pypesto.store import read_result

        results = read_result(results, problem=False, optimize=True)
    if isinstance(results, pypesto.Result):
        yield from results.optimize_result.list
    elif isinstance(results, pypesto.result.OptimizeResult):
        yield from results.list
    elif isinstance(results, pypesto.OptimizerResult):
        yield results
    elif isinstance(results, Sequence):
        for item in results:
            yield from _optimizer_results(item)
    else:
        raise TypeError(
            "Expected a pypesto Result, OptimizeResult, OptimizerResult, a "
            f"result file or a list of those, got {type(results).__name__}."
        )


def collect_traces(
    results: ResultLike, dim: int, value: str = "point"
) -> tuple[np.ndarray, np.ndarray]:
    """Collect all evaluated vectors and objective values of all starts.

    Parameters
    ----------
    results:
        One or more pyPESTO results (objects or stored result files) whose
        starts ran with a trace history.
    dim:
        Number of free parameters; traces of another width are refused.
    value:
        ``"point"``: each vector's own objective value. ``"endpoint"``:
        the final value of the local search the vector belongs to, i.e.
        where a search passing through it ended (``inf`` for every vector
        of a search that ended in a failed simulation); vectors whose own
        simulation failed or was not computed keep ``inf`` / ``nan``.

    Returns
    -------
    x, fval:
        Vectors, shape (n_evaluations, dim), in the objective's scale, and
        their values (``inf`` marks a failed simulation, ``nan`` a value
        that was not computed). Duplicates are not yet removed.
    """
    if value not in VALUE_KINDS:
        raise ValueError(
            f"value must be one of {VALUE_KINDS}, got {value!r}."
        )
    xs, fs = [], [np.empty(0)]
    n_without = 0
    for opt in _optimizer_results(results):
        history = opt.get("history")
        try:
            x = np.asarray(history.get_x_trace(), dtype=float)
            f = np.asarray(history.get_fval_trace(), dtype=float)
        except (AttributeError, NotImplementedError, KeyError):
            n_without += 1
            continue
        if x.size == 0:
            continue
        x = x.reshape(len(f), -1)
        if x.shape[1] != dim:
            raise ValueError(
                f"Start {opt.get('id')!r} has trace vectors of length "
                f"{x.shape[1]}, but the problem has {dim} free parameters."
            )
        if value == "endpoint":
            end = opt.get("fval")
            end = np.inf if end is None or np.isnan(end) else float(end)
            f = np.where(np.isfinite(f), end, f)
        xs.append(x)
        fs.append(f)
    if n_without:
        logger.warning(
            "%d start(s) have no trace history and were skipped; run the "
            "optimization with HistoryOptions(trace_record=True).",
            n_without,
        )
    x = np.vstack(xs) if xs else np.empty((0, dim))
    return x, np.concatenate(fs)


def _dedupe(x: np.ndarray, fval: np.ndarray):
    """Drop repeated vectors, preferring finite over failed over NaN.

    Vectors with a non-finite entry are dropped too: a local optimizer
    whose step turned NaN (Fides' trust-region subproblem can) has its
    objective evaluated there, and one such row makes every training loss
    NaN.
    """
    ok = np.all(np.isfinite(x), axis=1)
    if not ok.all():
        logger.info(
            "Dropped %d evaluated vector(s) with non-finite entries.",
            int(np.sum(~ok)),
        )
    x, fval = x[ok], fval[ok]
    rank = np.where(np.isnan(fval), 2, np.isinf(fval).astype(int))
    order = np.argsort(rank, kind="stable")
    x, fval = x[order], fval[order]
    _, first = np.unique(np.round(x, 10), axis=0, return_index=True)
    first = np.sort(first)
    x, fval = x[first], fval[first]
    keep = ~np.isnan(fval)
    return x[keep], fval[keep]


@dataclasses.dataclass
class LabelTransform:
    """Monotone map from objective values to conditional labels.

    Label 0 is the best finite value seen and 1 the worst; a value below
    0 asks for vectors better than any seen. ``kind="rank"`` uses the
    empirical distribution function of the finite values, ``kind="log"``
    uses ``log(f - f_min + 1)`` divided by its maximum.

    Parameters
    ----------
    kind:
        ``"rank"`` or ``"log"``.
    reference:
        Sorted finite objective values the transform was fitted on
        (at most 1001 quantiles are kept).
    """

    kind: str
    reference: np.ndarray

    @classmethod
    def fit(cls, kind: str, fval: np.ndarray) -> LabelTransform:
        """Fit the transform to the finite values in ``fval``."""
        finite = np.sort(fval[np.isfinite(fval)])
        if finite.size == 0:
            raise ValueError(
                "The training set has no finite objective value: every "
                "evaluation failed, so there is nothing to learn from."
            )
        if finite.size > 1001:
            finite = np.quantile(finite, np.linspace(0, 1, 1001))
        return cls(kind=kind, reference=finite)

    def with_failures(
        self, fval: np.ndarray, failure_label: float
    ) -> np.ndarray:
        """Labels of any values; non-finite ones get ``failure_label``."""
        fval = np.asarray(fval, dtype=float)
        labels = np.full(fval.shape, float(failure_label))
        ok = np.isfinite(fval)
        labels[ok] = self(fval[ok])
        return labels

    def __call__(self, fval: np.ndarray) -> np.ndarray:
        """Labels of finite objective values (shape kept)."""
        fval = np.asarray(fval, dtype=float)
        ref = self.reference
        if self.kind == "rank":
            if ref.size == 1:
                return np.zeros_like(fval)
            # tied reference values (e.g. all vectors of one local search
            # under endpoint labels) share the mean of their ranks
            values, first, counts = np.unique(
                ref, return_index=True, return_counts=True
            )
            mid = (first + (counts - 1) / 2) / (ref.size - 1)
            return np.interp(fval, values, mid)
        span = np.log1p(ref[-1] - ref[0])
        scaled = np.log1p(np.maximum(fval - ref[0], 0))
        return scaled / span if span > 0 else np.zeros_like(fval)

    def inverse(self, label: np.ndarray) -> np.ndarray:
        """Objective values that labels in [0, 1] stand for."""
        label = np.clip(np.asarray(label, dtype=float), 0, 1)
        ref = self.reference
        if self.kind == "rank":
            return np.interp(label, np.linspace(0, 1, ref.size), ref)
        return ref[0] + np.expm1(label * np.log1p(ref[-1] - ref[0]))


@dataclasses.dataclass
class TrainingSet:
    """Evaluated vectors of one problem and their objective values.

    Parameters
    ----------
    x:
        Vectors, shape (n, dim), free parameters in the objective's scale.
    fval:
        Objective values, shape (n,); ``inf`` marks a failed simulation.
    lb, ub:
        Bounds of the free parameters used for scaling, shape (dim,).
    x_names:
        Names of the free parameters.
    x_scales:
        Their scales (``"lin"``, ``"log"``, ``"log10"``), if known.
    """

    x: np.ndarray
    fval: np.ndarray
    lb: np.ndarray
    ub: np.ndarray
    x_names: list[str]
    x_scales: list[str] | None = None

    def __post_init__(self):
        self.x = np.asarray(self.x, dtype=float).reshape(-1, self.lb.size)
        self.fval = np.asarray(self.fval, dtype=float)
        if self.fval.shape != (self.x.shape[0],):
            raise ValueError("x and fval must have the same length.")
        if np.any(self.ub <= self.lb):
            bad = [
                n
                for n, lo, hi in zip(
                    self.x_names, self.lb, self.ub, strict=True
                )
                if hi <= lo
            ]
            raise ValueError(
                f"Parameters {bad} have upper bound <= lower bound; fix them "
                "(or mark them as not estimated) before training."
            )

    @classmethod
    def from_problem(
        cls, problem: pypesto.Problem, x=None, fval=None
    ) -> TrainingSet:
        """Create a training set in the free parameter space of a problem.

        Bounds are the problem's optimization bounds ``problem.lb`` and
        ``problem.ub``; missing data give an empty set.
        """
        dim = problem.dim
        if dim == 0:
            raise ValueError("The problem has no free (estimated) parameter.")
        lb, ub = np.asarray(problem.lb, float), np.asarray(problem.ub, float)
        if not (np.all(np.isfinite(lb)) and np.all(np.isfinite(ub))):
            raise ValueError(
                "The cVAE scales vectors by the parameter bounds, which must "
                "be finite; give the problem finite lb and ub."
            )
        free = problem.x_free_indices
        names = [str(problem.x_names[i]) for i in free]
        scales = None
        if problem.x_scales is not None:
            scales = [str(problem.x_scales[i]) for i in free]
        x = np.empty((0, dim)) if x is None else x
        fval = np.empty(0) if fval is None else fval
        return cls(
            x=x, fval=fval, lb=lb, ub=ub, x_names=names, x_scales=scales
        )

    @classmethod
    def from_results(
        cls, results: ResultLike, problem: pypesto.Problem
    ) -> TrainingSet:
        """Collect the traces of ``results`` into a deduplicated set."""
        x, fval = collect_traces(results, problem.dim)
        return cls.from_problem(problem).extend(x, fval)

    def extend(self, x: np.ndarray, fval: np.ndarray) -> TrainingSet:
        """Return a new set with more data; duplicates are removed."""
        x = np.vstack([self.x, np.asarray(x, float).reshape(-1, self.dim)])
        fval = np.concatenate([self.fval, np.asarray(fval, float)])
        x, fval = _dedupe(x, fval)
        fval = np.where(np.isinf(fval), np.inf, fval)
        return dataclasses.replace(self, x=x, fval=fval)

    @property
    def dim(self) -> int:
        """Number of free parameters."""
        return self.lb.size

    @property
    def failed(self) -> np.ndarray:
        """Boolean mask of vectors whose evaluation failed."""
        return ~np.isfinite(self.fval)

    @property
    def n_finite(self) -> int:
        """Number of vectors with a finite objective value."""
        return int(np.sum(~self.failed))

    def __len__(self) -> int:
        return self.x.shape[0]

    def to_unit(self, x: np.ndarray) -> np.ndarray:
        """Scale vectors from the objective's scale to the unit box."""
        return np.clip((x - self.lb) / (self.ub - self.lb), 0.0, 1.0)

    def from_unit(self, u: np.ndarray) -> np.ndarray:
        """Scale vectors from the unit box to the objective's scale."""
        return self.lb + np.clip(u, 0.0, 1.0) * (self.ub - self.lb)

    def best(self) -> tuple[np.ndarray, float]:
        """The vector with the lowest finite objective value."""
        if self.n_finite == 0:
            raise ValueError("The training set has no finite value.")
        i = int(np.nanargmin(np.where(self.failed, np.inf, self.fval)))
        return self.x[i], float(self.fval[i])

    def best_distinct(
        self, k: int, min_distance: float = 0.02
    ) -> tuple[np.ndarray, np.ndarray]:
        """Up to ``k`` good vectors that lie apart from each other.

        Vectors are taken in order of their objective value; one is
        skipped if its root-mean-square distance (in the unit box) to a
        vector already taken is below ``min_distance``, so that the trace
        of one local search, which ends in a cluster of nearly equal
        points, gives one vector rather than ``k``.

        Returns
        -------
        The vectors, shape (m, dim) with m <= k, and their objective
        values, best first; empty if no value is finite.
        """
        order = np.argsort(np.where(self.failed, np.inf, self.fval))
        order = order[: self.n_finite]
        u = self.to_unit(self.x[order])
        taken: list[int] = []
        for i in range(order.size):
            if len(taken) == k:
                break
            if taken:
                d = np.sqrt(((u[taken] - u[i]) ** 2).mean(axis=1))
                if d.min() < min_distance:
                    continue
            taken.append(i)
        idx = order[taken]
        return self.x[idx], self.fval[idx]

    def subsample(
        self, max_points: int, rng: np.random.Generator
    ) -> TrainingSet:
        """At most ``max_points`` vectors: the best quarter, then random.

        Memory stays bounded on large histories: training uses the
        subsample only.
        """
        if len(self) <= max_points:
            return self
        n_best = max_points // 4
        order = np.argsort(np.where(self.failed, np.inf, self.fval))
        best, rest = order[:n_best], order[n_best:]
        rest = rng.choice(rest, size=max_points - n_best, replace=False)
        keep = np.sort(np.concatenate([best, rest]))
        return dataclasses.replace(self, x=self.x[keep], fval=self.fval[keep])

    def labels(
        self, transform: LabelTransform, failure_label: float
    ) -> np.ndarray:
        """Labels of all vectors; failed ones get ``failure_label``."""
        return transform.with_failures(self.fval, failure_label)

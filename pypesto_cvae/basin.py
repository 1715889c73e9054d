"""Stop local searches that run into the basin of a known optimum.

Most starts of a multistart run end at optima that earlier starts have
already found (on Boehm, more than 80 % of learned and of Latin-hypercube
starts alike, BENCHMARKS.md "v7"), and a search spends about half of its
evaluations converging once it is there. :class:`BasinStopOptimizer`
wraps a local optimizer so that a search ends as soon as it evaluates a
point within ``radius`` (root mean square distance, as a share of each
parameter's range) of a known optimum whose value is within ``fval_tol``
of the point's: it would almost surely end there. This is the "known
basin" test of clustering multistart methods (Rinnooy Kan & Timmer 1987),
applied during the search instead of before it.

Where a problem's optima lie along flat valleys (non-identifiable
parameters), searches that end at the same value end far apart, and the
distance test misses them (Crauste: root mean square distances of 0.08-0.22
between ends of equal value). With ``stall_evals``, a search also stops
once its best value so far has stayed within ``fval_tol`` of one known
optimum's value for that many evaluations, wherever it is: searches reach
their final value after 10-30 % of their evaluations and spend the rest
creeping along the valley, while a search on its way to a better optimum
passes through the band.

The search is stopped by raising :class:`KnownBasinReached` from the
objective; pyPESTO's Fides wrapper turns that ``RuntimeError`` into an
ordinary result at the best point so far, with the error as its message.
Other optimizers may treat it as a failed start, so the stop is applied to
:class:`pypesto.optimize.FidesOptimizer` only.

The stall stop bets that a search resting in a known optimum's band
ends there. On some problems searches rest on plateaus on their way down
(Zheng: replayed on 20 Latin-hypercube searches, 14 would have stopped
more than 1.0 above their end, the one that reached the target among
them). A :class:`StallCheck` tests the bet on a run's own searches: the
first searches the stall stop would stop run on to their end, and the
stop applies afterwards only if fewer than half of them went on to end
more than ``fval_tol`` below where it would have stopped them.

A :class:`ProgressStop` ends a search whose best value has improved by
less than ``tol`` over its last ``evals`` evaluations, known optimum or
not: Fides' own tolerances let a search creep along a flat valley long
after it has found its value (on Crauste, searches come within 0.1 of
their final value after 47 % of their evaluations; BENCHMARKS.md, "v14").
Such a search ends with :class:`SearchStalled`; its end counts as a new
optimum, not as a known basin.

A :class:`PaceStop` ends a search that, after a fixed number of
evaluations, is behind the run's earlier searches at the same count:
until a run has reached the global optimum, only a search that will end
below every optimum found so far brings the target closer, and on
Crauste the searches that reach the deep basin are ahead of most others
after 20 evaluations (BENCHMARKS.md, "v21"). Such a search ends with
:class:`BehindPace`; it counts as neither a new nor a known optimum.
"""

from __future__ import annotations

import collections
import copy
import dataclasses

import numpy as np
import pypesto
import pypesto.optimize

from .config import _count

__all__ = [
    "BasinStopOptimizer",
    "BehindPace",
    "KnownBasinReached",
    "KnownBasins",
    "PaceStop",
    "ProgressStop",
    "SearchStalled",
    "StallCheck",
    "pace_value",
    "stopped_behind_pace",
    "stopped_in_known_basin",
]

#: Start of the message of a search stopped in a known basin.
STOP_MESSAGE = "Stopped: entered the basin of the known optimum"


#: Start of the message of a search stopped for lack of progress.
PROGRESS_MESSAGE = "Stopped: no progress"

#: Start of the message of a search stopped behind the run's pace.
PACE_MESSAGE = "Stopped: behind the pace"


class KnownBasinReached(RuntimeError):
    """Raised by the objective when a search enters a known basin."""


class SearchStalled(RuntimeError):
    """Raised by the objective when a search stops making progress."""


class BehindPace(RuntimeError):
    """Raised by the objective when a search is behind the run's pace."""


def _check_evals(name: str, evals) -> None:
    """Refuse an evaluation count that is not an integer >= 1."""
    if isinstance(evals, bool) or not isinstance(evals, int) or evals < 1:
        raise ValueError(f"{name} must be an integer >= 1: {evals!r}")


@dataclasses.dataclass(frozen=True)
class ProgressStop:
    """Stop a search whose best value no longer improves.

    Parameters
    ----------
    evals:
        Window length in objective evaluations (> 0).
    tol:
        The search stops once its best value so far is less than this
        below its best value ``evals`` evaluations earlier (>= 0).
    """

    evals: int
    tol: float

    def __post_init__(self):
        _check_evals("ProgressStop.evals", self.evals)
        if not self.tol >= 0:
            raise ValueError(f"ProgressStop.tol must be >= 0: {self.tol!r}")


@dataclasses.dataclass(frozen=True)
class PaceStop:
    """Stop a search that is behind the run's pace after ``evals`` evaluations.

    Parameters
    ----------
    evals:
        The evaluation count at which a search is compared (> 0).
    threshold:
        The search stops if its best value after ``evals`` evaluations is
        not at or below this; a run takes a quantile of its earlier
        searches' :func:`pace_value` (see
        ``IterationOptions.pace_evals``).
    """

    evals: int
    threshold: float

    def __post_init__(self):
        _check_evals("PaceStop.evals", self.evals)
        if np.isnan(self.threshold):
            raise ValueError("PaceStop.threshold must not be NaN.")


def pace_value(fval_trace: np.ndarray, evals: int) -> float:
    """A search's best value within its first ``evals`` evaluations.

    ``fval_trace``: its objective values in evaluation order. NaN when
    none of them is finite (a failed search).
    """
    head = np.asarray(fval_trace, dtype=float).ravel()[:evals]
    head = head[np.isfinite(head)]
    return float(head.min()) if head.size else np.nan


DISTINCT_TOL = 0.1
"""Known optima closer in value than this count as one."""


def distinct_values(fval: np.ndarray, tol: float = DISTINCT_TOL) -> int:
    """How many finite values in ``fval`` lie more than ``tol`` apart.

    Sorted, a value counts if it lies more than ``tol`` above the last
    value counted.
    """
    v = np.sort(np.asarray(fval, float)[np.isfinite(fval)])
    count, last = 0, -np.inf
    for value in v:
        if value - last > tol:
            count, last = count + 1, value
    return count


@dataclasses.dataclass
class StallCheck:
    """The stall stop's premise, tested on a run's own searches.

    The stall stop (``KnownBasins.stall_evals``) bets that a search whose
    best value rests in a known optimum's band ends there. While fewer
    than ``searches`` would-be stops have been checked, a search the stop
    would end runs on instead (once per search), and :meth:`record`
    notes where it ended: whether it *went on*, more than
    ``KnownBasins.fval_tol`` below its best value when the stop would
    have fired, so that the stop would have ended it above its end. Once
    ``searches`` are checked, the stall stop applies if fewer than half
    of them went on (:meth:`holds`), else not for the rest of the run.
    One object per run, shared by the known basins of all its rounds;
    searches whose end says nothing (failed, or stopped by the pace or
    the progress stop) are not counted. With ``start``, the check only
    samples would-be stops once the run knows that many optima with
    distinct values (:meth:`sampling`); before, the stop applies as if
    there were no check.

    Parameters
    ----------
    searches:
        Would-be stops to check (>= 1).
    start:
        Known optima whose values differ by more than ``DISTINCT_TOL``
        that the run needs before the check samples. 0 (default): from
        the first would-be stop.
    checked, went_on:
        The would-be stops checked so far, and how many of those searches
        went on.
    """

    searches: int
    start: int = 0
    checked: int = 0
    went_on: int = 0

    def __post_init__(self):
        _check_evals("StallCheck.searches", self.searches)
        _count("StallCheck.start", self.start)

    def pending(self) -> bool:
        """Whether would-be stops are still let run on."""
        return self.checked < self.searches

    def sampling(self, fval: np.ndarray) -> bool:
        """Whether a would-be stop now runs on to be checked.

        Pending, and the known optima's values ``fval`` hold at least
        ``start`` distinct ones (values more than ``DISTINCT_TOL`` apart).
        """
        return self.pending() and (
            not self.start or distinct_values(fval) >= self.start)

    def holds(self) -> bool:
        """Whether the check is done and the stall stop applies."""
        return not self.pending() and 2 * self.went_on < self.checked

    def record(self, went_on: bool) -> None:
        """Count one checked search (``went_on``: see the class)."""
        if self.pending():
            self.checked += 1
            self.went_on += bool(went_on)


@dataclasses.dataclass
class KnownBasins:
    """Known optima of a problem, in its free parameters.

    Parameters
    ----------
    x:
        The optima, shape (n, dim), in the objective's scale.
    fval:
        Their objective values, shape (n,).
    lb, ub:
        Bounds that define the unit box the distances are measured in.
    radius:
        Root mean square distance in the unit box below which a point
        counts as inside an optimum's basin.
    fval_tol:
        ... if also its value lies within this of the optimum's.
    stall_evals:
        With a value > 0, a search also counts as inside a basin once its
        best value so far has lain within ``fval_tol`` of that optimum's
        value for this many evaluations, wherever the search is (see
        :meth:`band`). 0: distance and value only.
    stall_tol:
        With ``stall_evals``: the count of evaluations in a band starts
        again whenever the search's best value has gone down by more than
        this since the count began, so that only a search that rests in
        the band is stopped, not one on its way down through it. None
        (default): the count runs as long as the best value stays in one
        optimum's band, however much it improves there.
    stall_above:
        With ``stall_evals``: count only the bands of optima whose value
        the search's best value has not gone below (the nearest such
        optimum within ``fval_tol``). A search already below an optimum's
        value cannot end at that optimum. False (default): the nearest
        optimum's value on either side.
    stall_min:
        With ``stall_evals``: how many optima must be known (including
        those :meth:`add` gives during a round) before the stall stop
        applies; with fewer, a search only stops inside a basin (by
        distance and value). 0 (default): from the first known optimum.
    stall_spare:
        With ``stall_evals``: bands of optima whose value lies less than
        this above the best known value do not count, so that a search
        resting next to the best value a run has is not stopped (it is
        the one that may still go below it); such a search only stops
        inside a basin (by distance and value). None (default): every
        band counts.
    stall_check:
        With ``stall_evals``: test the stall stop on the run's own
        searches first (:class:`StallCheck`, shared by every round's
        known basins); while it is pending, would-be stall stops are
        noted instead, and if it fails the stall stop no longer applies.
        None (default): the stall stop applies from the start.
    """

    x: np.ndarray
    fval: np.ndarray
    lb: np.ndarray
    ub: np.ndarray
    radius: float
    fval_tol: float
    stall_evals: int = 0
    stall_tol: float | None = None
    stall_min: int = 0
    stall_above: bool = False
    stall_spare: float | None = None
    stall_check: StallCheck | None = None

    def __post_init__(self):
        self.x = np.asarray(self.x, float).reshape(-1, np.size(self.lb))
        self.fval = np.asarray(self.fval, float).reshape(-1)
        if self.x.shape[0] != self.fval.size:
            raise ValueError("x and fval must describe the same optima.")
        for name in ("stall_tol", "stall_spare"):
            value = getattr(self, name)
            if value is not None and not value >= 0:
                raise ValueError(f"{name} must be None or >= 0: {value!r}")
        self.lb = np.asarray(self.lb, float)
        self.ub = np.asarray(self.ub, float)
        self._u = (self.x - self.lb) / (self.ub - self.lb)

    def __len__(self) -> int:
        return self.fval.size

    def add(self, x: np.ndarray, fval: float) -> None:
        """Add an optimum (in place, so that every holder sees it)."""
        x = np.asarray(x, float).reshape(1, -1)
        self.x = np.vstack([self.x, x])
        self.fval = np.append(self.fval, float(fval))
        self._u = np.vstack([self._u, (x - self.lb) / (self.ub - self.lb)])

    def match(self, x: np.ndarray, fval: float) -> int | None:
        """Index of a known optimum whose basin ``x`` is in, else None."""
        if not len(self) or not np.isfinite(fval):
            return None
        u = (np.asarray(x, float) - self.lb) / (self.ub - self.lb)
        dist = np.sqrt(np.mean((self._u - u) ** 2, axis=1))
        close = np.abs(self.fval - fval) < self.fval_tol
        near = (dist < self.radius) & close
        hits = np.flatnonzero(near)
        return int(hits[np.argmin(dist[hits])]) if hits.size else None

    def stalls(self) -> bool:
        """Whether the stall stop applies or is checked.

        ``stall_evals``, ``stall_min``; with ``stall_check``, not once the
        check has failed.
        """
        check = self.stall_check
        return bool(self.stall_evals) \
            and len(self) >= max(self.stall_min, 1) \
            and (check is None or check.pending() or check.holds())

    def stall_band(self, fval: float) -> int | None:
        """The band a search with best value ``fval`` stalls in, if any.

        :meth:`band`; with ``stall_above``, the nearest optimum with a
        value at or below ``fval``, within ``fval_tol``; with
        ``stall_spare``, None for an optimum within that of the best
        known value.
        """
        if not len(self) or not np.isfinite(fval):
            return None
        gap = np.abs(self.fval - fval)
        if self.stall_above:
            gap = np.where(self.fval <= fval, gap, np.inf)
        k = self._nearest(gap)
        if k is not None and self.stall_spare is not None \
                and self.fval[k] - np.nanmin(self.fval) < self.stall_spare:
            return None
        return k

    def band(self, fval: float) -> int | None:
        """Index of the known optimum with the value nearest ``fval``.

        None unless that value lies within ``fval_tol`` of ``fval``.
        """
        if not len(self) or not np.isfinite(fval):
            return None
        return self._nearest(np.abs(self.fval - fval))

    def _nearest(self, gap: np.ndarray) -> int | None:
        """Index of the smallest finite ``gap`` if below ``fval_tol``."""
        if not np.any(np.isfinite(gap)):
            return None
        k = int(np.nanargmin(gap))
        return k if gap[k] < self.fval_tol else None


def stopped_in_known_basin(result) -> bool:
    """Whether an optimizer result is a search stopped in a known basin."""
    return str(getattr(result, "message", "") or "").startswith(STOP_MESSAGE)


def stopped_behind_pace(result) -> bool:
    """Whether an optimizer result is a search stopped behind the pace."""
    return str(getattr(result, "message", "") or "").startswith(PACE_MESSAGE)


class _StoppingObjective:
    """Delegates to an objective; raises once a known basin is entered.

    One per search: it also follows the search's best value so far, for
    ``KnownBasins.stall_evals``, ``progress`` and ``pace``.
    """

    def __init__(self, objective, basins: KnownBasins,
                 progress: ProgressStop | None = None,
                 pace: PaceStop | None = None):
        vars(self)["_objective"] = objective
        vars(self)["_basins"] = basins
        vars(self)["_progress"] = progress
        vars(self)["_pace"] = pace
        vars(self)["_evals"] = 0
        vars(self)["_best"] = np.inf
        vars(self)["_band"] = None
        vars(self)["_in_band"] = 0
        vars(self)["_band_best"] = np.inf  # best value when the count began
        # with a pending StallCheck: the search's best value when the
        # stall stop would have ended it (it runs on instead)
        vars(self)["_checked_best"] = None
        # the best value so far after each of the last progress.evals + 1
        # evaluations
        vars(self)["_bests"] = collections.deque(
            maxlen=progress.evals + 1 if progress else 1
        )

    def __getattr__(self, name):
        return getattr(self._objective, name)

    def __setattr__(self, name, value):
        setattr(self._objective, name, value)

    def __call__(self, x, *args, **kwargs):
        out = self._objective(x, *args, **kwargs)
        fval = out[0] if isinstance(out, tuple) else out
        if isinstance(out, dict):
            fval = out.get("fval", np.nan)
        fval = float(np.asarray(fval).ravel()[0])
        vars(self)["_evals"] += 1
        improved = fval < self._best
        if improved:
            vars(self)["_best"] = fval
        self._bests.append(self._best)
        k = self._basins.match(x, fval)
        if k is None and self._checked_best is None \
                and self._basins.stalls():
            k = self._stalled(improved)
            check = self._basins.stall_check
            if k is not None and check is not None \
                    and check.sampling(self._basins.fval):
                vars(self)["_checked_best"], k = self._best, None
        if k is not None:
            raise KnownBasinReached(
                f"{STOP_MESSAGE} with value {self._basins.fval[k]:.6g}."
            )
        if self._progress is not None and self._no_progress():
            raise SearchStalled(
                f"{PROGRESS_MESSAGE}: best value {self._best:.6g} "
                f"improved by less than {self._progress.tol:g} in "
                f"{self._progress.evals} evaluations."
            )
        pace = self._pace
        if pace is not None and self._evals == pace.evals \
                and not self._best <= pace.threshold:
            raise BehindPace(
                f"{PACE_MESSAGE}: best value {self._best:.6g} after "
                f"{pace.evals} evaluations, the pace is {pace.threshold:.6g}."
            )
        return out

    def check_end(self, fval: float) -> None:
        """Count this search's end ``fval`` in the pending stall check.

        Only for a search the stall stop would have ended
        (:class:`StallCheck`); nothing otherwise.
        """
        if self._checked_best is not None:
            self._basins.stall_check.record(
                fval < self._checked_best - self._basins.fval_tol)

    def _no_progress(self) -> bool:
        """Whether the best value stalled over the progress window."""
        bests = self._bests
        return (len(bests) == bests.maxlen and np.isfinite(self._best)
                and bests[0] - self._best < self._progress.tol)

    def _stalled(self, improved: bool) -> int | None:
        """The known optimum whose value band the search stalls in.

        The count starts again when the best value moves to another
        optimum's band (or out of every band) and, with
        ``KnownBasins.stall_tol``, when it has gone down by more than
        that since the count began.
        """
        state = vars(self)
        if improved:
            band = self._basins.stall_band(self._best)
            tol = self._basins.stall_tol
            if band != self._band or (
                tol is not None and self._band_best - self._best > tol
            ):
                state["_band"], state["_in_band"] = band, 0
                state["_band_best"] = self._best
        if self._band is None:
            return None
        state["_in_band"] += 1
        return self._band if self._in_band >= self._basins.stall_evals \
            else None


class BasinStopOptimizer(pypesto.optimize.Optimizer):
    """A Fides optimizer whose searches stop in known basins.

    Parameters
    ----------
    optimizer:
        The local optimizer (a :class:`pypesto.optimize.FidesOptimizer`).
    basins:
        The known optima and the closeness test.
    learn:
        Add the end of every search that was not stopped in a known basin
        (and did not fail) to ``basins``, so that later searches of the
        same round stop there too. Searches run one after another in this
        process (pyPESTO's ``SingleCoreEngine``, the benchmark) share what
        they learn; under engines that copy the optimizer per task each copy
        only knows its own searches, which is still correct.
    progress:
        Also stop searches that stop improving (:class:`ProgressStop`).
    pace:
        Also stop searches behind the run's pace (:class:`PaceStop`); their
        ends are not learned.
    """

    def __init__(
        self,
        optimizer: pypesto.optimize.FidesOptimizer,
        basins: KnownBasins,
        learn: bool = False,
        progress: ProgressStop | None = None,
        pace: PaceStop | None = None,
    ):
        if not isinstance(optimizer, pypesto.optimize.FidesOptimizer):
            raise TypeError(
                "Stopping in known basins needs a FidesOptimizer, got "
                f"{type(optimizer).__name__}."
            )
        super().__init__()
        self.optimizer = optimizer
        self.basins = basins
        self.learn = learn
        self.progress = progress
        self.pace = pace

    def __repr__(self) -> str:
        return (f"BasinStopOptimizer({self.optimizer!r}, "
                f"{len(self.basins)} known optima, learn={self.learn}, "
                f"progress={self.progress}, pace={self.pace})")

    def minimize(
        self,
        problem: pypesto.Problem,
        x0: np.ndarray | None = None,
        id: str | None = None,  # noqa: A002 - pyPESTO's signature
        history_options: pypesto.HistoryOptions | None = None,
        optimize_options: pypesto.optimize.OptimizeOptions | None = None,
    ):
        """Run the wrapped optimizer on a view of ``problem``."""
        view = copy.copy(problem)
        objective = _StoppingObjective(problem.objective, self.basins,
                                       self.progress, self.pace)
        view.objective = objective
        result = self.optimizer.minimize(
            view, x0=x0, id=id, history_options=history_options,
            optimize_options=optimize_options,
        )
        self._check(result, objective)
        if self.learn:
            self._learn(problem, result)
        return result

    @staticmethod
    def _check(result, objective: _StoppingObjective) -> None:
        """Count a search's end in the stall check, if it says something.

        Failed searches and those stopped by the pace or the progress stop
        are not counted.
        """
        fval = np.inf if result.fval is None else float(result.fval)
        message = str(getattr(result, "message", "") or "")
        if np.isfinite(fval) and not stopped_behind_pace(result) \
                and not message.startswith(PROGRESS_MESSAGE):
            objective.check_end(fval)

    def _learn(self, problem: pypesto.Problem, result) -> None:
        """Add a converged search's end to the known basins."""
        fval = np.inf if result.fval is None else float(result.fval)
        if not np.isfinite(fval) or stopped_in_known_basin(result) \
                or stopped_behind_pace(result):
            return
        x = np.asarray(result.x, float).ravel()
        if x.size == problem.dim_full != problem.dim:  # a full vector
            x = problem.get_reduced_vector(x)
        if x.size == self.basins.lb.size and np.all(np.isfinite(x)):
            self.basins.add(x, fval)

    def is_least_squares(self) -> bool:
        """As the wrapped optimizer."""
        return self.optimizer.is_least_squares()

    def get_default_options(self):
        """As the wrapped optimizer."""
        return self.optimizer.get_default_options()

    def check_x0_support(self, x_guesses=None) -> bool:
        """As the wrapped optimizer."""
        return self.optimizer.check_x0_support(x_guesses)

    def supports_maxtime(self) -> bool:
        """As the wrapped optimizer."""
        return self.optimizer.supports_maxtime()

    def set_maxtime(self, seconds: float) -> None:
        """As the wrapped optimizer."""
        self.optimizer.set_maxtime(seconds)

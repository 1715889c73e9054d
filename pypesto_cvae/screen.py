"""Screen candidate startpoints by where their neighbours' searches ended.

Before a run has found the global optimum, a local search that ends in a
basin some earlier search already found adds nothing to the time to
target. Startpoints near each other often share their fate (the region a
search starts in decides its basin of attraction), so the starts already
run tell which regions lead back to known optima. A :class:`StartScreen`
records each finished search's startpoint and end; asked to choose among
``k`` candidates, it keeps the one whose ``n_neighbours`` nearest recorded
startpoints (root mean square distance in the unit box of the bounds) led
least often to a known end: a failed search, a search stopped in a known
basin, or an end value within ``fval_tol`` of another recorded search's
end. Ties go to the candidate farthest from all recorded startpoints.

Replayed on traced Latin-hypercube searches of Crauste, choosing each
search as the best of 30 cut the searches needed to the first one at the
target by a third, but in the rounds of
:class:`~pypesto_cvae.iterative.CVAEOptimizer` it did not bring the
target sooner, and on Boehm it delayed it (BENCHMARKS.md, "v15"), so
``IterationOptions.screen_candidates`` is off by default.

:meth:`StartScreen.trend` asks a different question of the same record:
fitted by least squares over all recorded searches, a linear trend of
the rank of a search's final value (failed searches last) on its
startpoint predicts how well a candidate's search will end. On Crauste
the startpoints whose searches reach the deep family lie towards low
``mu_EE`` and ``rho_P`` (BENCHMARKS.md, "v14"), and a trend fitted on
searches that all ended at the common optima points there once it has
seen some 60 of them: searches screened by it reached the target four
times as often as random ones (BENCHMARKS.md, "v16"), but in the rounds
of :class:`~pypesto_cvae.iterative.CVAEOptimizer`, fitted on a run's
few Latin-hypercube searches, not yet
(``IterationOptions.trend_candidates``, off by default).
"""

from __future__ import annotations

import numpy as np
from scipy import stats

__all__ = ["StartScreen"]


class StartScreen:
    """Startpoints of finished searches and whether they ended somewhere known.

    Parameters
    ----------
    lb, ub:
        Bounds of the free parameters (the optimization scale); distances
        are taken in the unit box they span.
    n_neighbours:
        Recorded startpoints consulted per candidate.
    fval_tol:
        Two ends whose values differ by at most this much count as the same
        optimum.
    """

    def __init__(
        self,
        lb: np.ndarray,
        ub: np.ndarray,
        n_neighbours: int = 7,
        fval_tol: float = 0.5,
    ):
        if n_neighbours < 1:
            raise ValueError(f"n_neighbours must be >= 1: {n_neighbours}")
        if not fval_tol >= 0:
            raise ValueError(f"fval_tol must be >= 0: {fval_tol}")
        self.lb = np.asarray(lb, dtype=float)
        self.ub = np.asarray(ub, dtype=float)
        self.n_neighbours = int(n_neighbours)
        self.fval_tol = float(fval_tol)
        self._x = np.empty((0, self.lb.size))
        self._fval = np.empty(0)
        self._stopped = np.empty(0, dtype=bool)

    def __len__(self) -> int:
        return len(self._fval)

    def add(
        self, x0: np.ndarray, fval: np.ndarray, stopped: np.ndarray
    ) -> None:
        """Record finished searches.

        Parameters
        ----------
        x0:
            Their startpoints, shape (n, dim).
        fval:
            Their final values, shape (n,); not finite for a failed search.
        stopped:
            Shape (n,); whether each search was stopped in a known basin.
        """
        x0 = np.asarray(x0, dtype=float).reshape(-1, self.lb.size)
        fval = np.asarray(fval, dtype=float).reshape(-1)
        stopped = np.asarray(stopped, dtype=bool).reshape(-1)
        if not len(x0) == len(fval) == len(stopped):
            raise ValueError(
                f"x0, fval and stopped differ in length: {len(x0)}, "
                f"{len(fval)}, {len(stopped)}"
            )
        self._x = np.vstack([self._x, self._unit(x0)])
        self._fval = np.concatenate([self._fval, fval])
        self._stopped = np.concatenate([self._stopped, stopped])

    def known_ends(self) -> np.ndarray:
        """Per recorded search, shape (n,): whether it ended somewhere known.

        Failed, stopped in a known basin, or within ``fval_tol`` of another
        recorded search's final value.
        """
        fval = self._fval
        finite = np.isfinite(fval)
        f = fval[finite]
        close = np.abs(f[:, None] - f[None, :]) <= self.fval_tol
        repeated = np.zeros(len(fval), dtype=bool)
        repeated[finite] = close.sum(axis=1) >= 2
        return ~finite | self._stopped | repeated

    def known_share(self, candidates: np.ndarray) -> np.ndarray:
        """Shape (n,): share of each candidate's neighbours with known ends."""
        return self._share(self._distances(candidates))

    def trend(self, candidates: np.ndarray) -> np.ndarray:
        """Shape (n,): each candidate's predicted end rank (lower: better).

        The least-squares linear trend (with intercept, unit box) of the
        recorded searches' final-value ranks, scaled to [0, 1] (failed
        searches share the last rank, ties the mean rank), evaluated at
        the candidates. Zeros while fewer than ``dim + 2`` searches are
        recorded: too few for a trend.
        """
        c = self._unit(np.asarray(candidates, dtype=float)).reshape(
            -1, self.lb.size)
        n = len(self)
        if n < self.lb.size + 2:
            return np.zeros(len(c))
        fval = np.where(np.isfinite(self._fval), self._fval, np.inf)
        rank = (stats.rankdata(fval) - 1.0) / (n - 1)
        w, *_ = np.linalg.lstsq(np.c_[np.ones(n), self._x], rank,
                                rcond=None)
        return np.c_[np.ones(len(c)), c] @ w

    def choose(
        self, candidates: np.ndarray, k: int, by: str = "known"
    ) -> np.ndarray:
        """One startpoint from each group of ``k`` consecutive candidates.

        Parameters
        ----------
        candidates:
            Shape (n * k, dim); groups of ``k`` consecutive rows (keep rows
            in the order the caller wants the chosen points in).
        k:
            Candidates per chosen point.
        by:
            ``"known"``: by :meth:`known_share`; ``"trend"``: by
            :meth:`trend` (see :meth:`best_in_groups`).

        Returns
        -------
        Shape (n, dim): the rows :meth:`best_in_groups` picks.
        """
        candidates = np.asarray(candidates, dtype=float)
        return candidates[self.best_in_groups(candidates, k, by)]

    def best_in_groups(
        self, candidates: np.ndarray, k: int, by: str = "known"
    ) -> np.ndarray:
        """Row index of the best of each group of ``k`` consecutive rows.

        With ``by="known"``, the best has the lowest :meth:`known_share`;
        ties go to the candidate farthest from all recorded startpoints.
        With ``by="trend"``, the lowest :meth:`trend` (ties: the first).
        With no recorded search, each group's first row. Shape (n,) for
        n * k rows.
        """
        if by not in ("known", "trend"):
            raise ValueError(f"by must be 'known' or 'trend', got {by!r}")
        candidates = np.asarray(candidates, dtype=float)
        if k < 1 or len(candidates) % k:
            raise ValueError(
                f"{len(candidates)} candidates do not split into groups "
                f"of {k}"
            )
        first = np.arange(0, len(candidates), k)
        if not len(self) or k == 1:
            return first
        if by == "trend":
            score = self.trend(candidates).reshape(-1, k)
            return first + np.argmin(score, axis=1)
        dist = self._distances(candidates)
        share = self._share(dist).reshape(-1, k)
        spread = dist.min(axis=1).reshape(-1, k)
        best = [np.lexsort((-d, s))[0]
                for s, d in zip(share, spread, strict=True)]
        return first + np.asarray(best, dtype=int)

    def _share(self, dist: np.ndarray) -> np.ndarray:
        k = min(self.n_neighbours, dist.shape[1])
        nearest = np.argsort(dist, axis=1)[:, :k]
        return self.known_ends()[nearest].mean(axis=1)

    def _unit(self, x: np.ndarray) -> np.ndarray:
        width = np.where(self.ub > self.lb, self.ub - self.lb, 1.0)
        return (x - self.lb) / width

    def _distances(self, candidates: np.ndarray) -> np.ndarray:
        """Root mean square distances, shape (n candidates, n recorded)."""
        c = self._unit(np.asarray(candidates, dtype=float))
        x = self._x
        sq = (c**2).sum(axis=1)[:, None] + (x**2).sum(axis=1)[None, :]
        sq -= 2.0 * c @ x.T
        return np.sqrt(np.maximum(sq, 0.0) / c.shape[1])

"""``CVAEOptimizer``: rounds of multistart -> train -> sample.

Round 0 starts local optimizations from Latin-hypercube points. Each later
round retrains the cVAE on every vector evaluated so far and starts from
vectors it generates at a low label, plus a share of Latin-hypercube points
for exploration. By default half of the generated vectors come from a
second cVAE, the *start model*, trained on the run's Latin-hypercube (and
its own) startpoints labelled by the final values their searches reached
(``IterationOptions.start_fraction``); until it can train, the cVAE or,
with ``start_fallback="lhs"``, Latin hypercube draws its share.
:meth:`CVAEOptimizer.minimize` is written on top of the public
:meth:`~CVAEOptimizer.ask` / :meth:`~CVAEOptimizer.tell` pair, so rounds
can also be driven by hand::

    opt = CVAEOptimizer(n_starts=20, seed=0)
    for _ in range(3):
        x0 = opt.ask(problem)
        res = run_my_own_multistart(problem, x0)   # trace history needed
        opt.tell(problem, res)
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import time
from pathlib import Path

import numpy as np
import pypesto
import pypesto.optimize
import torch
from pypesto.startpoint import StartpointMethod

from .basin import (
    BasinStopOptimizer,
    KnownBasins,
    PaceStop,
    ProgressStop,
    StallCheck,
    pace_value,
    stopped_behind_pace,
    stopped_in_known_basin,
)
from .checkpoint import RunState, read_checkpoint, write_checkpoint
from .config import CVAEConfig, IterationOptions
from .data import TRACE_HISTORY_OPTIONS, TrainingSet, collect_traces
from .screen import StartScreen
from .startpoint import (
    check_problem_matches,
    latin_hypercube,
    perturbed_points,
)
from .training import InsufficientDataError, TrainedCVAE, fit_cvae

__all__ = [
    "CVAEOptimizer",
    "RoundStats",
    "default_local_optimizer",
    "stalled_rounds",
]

logger = logging.getLogger(__name__)

#: Pseudo-starts that shrink each source's novelty rate to the pooled one.
NOVELTY_PRIOR = 10.0
#: Upper bound of the explore share set by ``explore_gain``.
MAX_NOVELTY_SHARE = 0.8
#: Bounds of the adaptive jitter share (``IterationOptions.jitter_gain``)
#: and of the adaptive start-model share (``IterationOptions.start_gain``):
#: each kind of learned start keeps at least this share of them.
MIN_JITTER_SHARE = 0.1


def default_local_optimizer() -> pypesto.optimize.Optimizer:
    """Fides (logging errors only) if installed, else SciPy's L-BFGS-B."""
    try:
        return pypesto.optimize.FidesOptimizer(verbose=logging.ERROR)
    except Exception:  # noqa: BLE001 - fides missing or broken
        return pypesto.optimize.ScipyOptimizer()


class _FixedStartpoints(StartpointMethod):
    """Hands out precomputed startpoints (cheap to pickle)."""

    def __init__(self, xs: np.ndarray):
        self.xs = np.asarray(xs, dtype=float)

    def __call__(self, n_starts: int, problem=None) -> np.ndarray:
        return self.xs[:n_starts].copy()


@dataclasses.dataclass
class RoundStats:
    """What happened in one round.

    Attributes
    ----------
    round:
        Round index (0 = Latin hypercube).
    n_starts, n_cvae, n_explore:
        Starts in all, learned ones (from the cVAE, and perturbed best
        endpoints with ``IterationOptions.jitter_fraction``), and from
        Latin hypercube.
    n_jitter:
        Of the learned starts, the perturbed best endpoints.
    n_start:
        Of the learned starts, those the start model proposed
        (``IterationOptions.start_fraction``).
    n_failed:
        Starts whose final objective value is not finite.
    n_stopped:
        Local searches stopped in the basin of a known optimum
        (``IterationOptions.basin_radius``).
    n_behind:
        Local searches stopped behind the run's pace
        (``IterationOptions.pace_evals``).
    best_fval:
        Lowest final objective value of the round.
    train_cpu_s, sample_cpu_s:
        CPU seconds spent training and sampling the cVAE.
    optimize_s:
        Summed time of the round's local optimizations.
    n_done_cvae, n_new_cvae, n_done_explore, n_new_explore:
        Learned and Latin-hypercube starts of a later round that ended
        with a finite value, and of those the ones that ended at an
        optimum no earlier round had found (within
        ``IterationOptions.novelty_tol``; with ``explore_reward=
        "improvement"``, more than ``improvement_tol`` below every earlier
        one); 0 in round 0.
    n_done_jitter, n_new_jitter:
        The same for the learned starts that were perturbed best endpoints
        (counted in ``n_done_cvae`` and ``n_new_cvae`` too).
    n_done_start:
        Of ``n_done_cvae``, the start model's starts.
    n_lower_cvae, n_lower_start:
        The cVAE's proposals (learned starts from neither the start model
        nor the jitter share) and the start model's that ended more than
        ``IterationOptions.improvement_tol`` below every final value of
        the earlier rounds (``IterationOptions.start_gain``); 0 in round 0.
    n_checked, n_went_on:
        With ``IterationOptions.basin_stall_check``: the run's would-be
        stall stops checked so far, and how many of those searches went on
        (:class:`~pypesto_cvae.basin.StallCheck`), after this round.
    """

    round: int
    n_starts: int
    n_cvae: int
    n_explore: int
    n_failed: int = 0
    n_stopped: int = 0
    best_fval: float = np.inf
    train_cpu_s: float = 0.0
    sample_cpu_s: float = 0.0
    optimize_s: float = 0.0
    n_done_cvae: int = 0
    n_new_cvae: int = 0
    n_done_explore: int = 0
    n_new_explore: int = 0
    n_jitter: int = 0
    n_done_jitter: int = 0
    n_new_jitter: int = 0
    n_behind: int = 0
    n_start: int = 0
    n_done_start: int = 0
    n_lower_cvae: int = 0
    n_lower_start: int = 0
    n_checked: int = 0
    n_went_on: int = 0


class CVAEOptimizer:
    """Iterative multistart optimization with cVAE-proposed startpoints.

    Parameters
    ----------
    local_optimizer:
        The pyPESTO optimizer run from each startpoint (default: Fides).
    n_rounds:
        Number of rounds, round 0 included.
    n_starts:
        Starts per round.
    seed:
        Seed of the owned random number generator: the same seed, problem
        and engine give the same startpoints.
    config:
        cVAE network, training and sampling settings (e.g. from
        ``pypesto-cvae tune``; default: :meth:`~pypesto_cvae.config.
        CVAEConfig.iterative`, i.e. KL weight 0.01); flat ``settings``
        override single entries.
    options:
        Advanced round settings (:class:`~pypesto_cvae.config.
        IterationOptions`).
    """

    def __init__(
        self,
        local_optimizer: pypesto.optimize.Optimizer | None = None,
        n_rounds: int = 4,
        n_starts: int = 20,
        seed: int | None = None,
        *,
        config: CVAEConfig | None = None,
        options: IterationOptions | None = None,
        **settings,
    ):
        for name, value in (("n_rounds", n_rounds), ("n_starts", n_starts)):
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive int: {value!r}")
        self.local_optimizer = local_optimizer or default_local_optimizer()
        self.n_rounds = n_rounds
        self.n_starts = n_starts
        self.seed = seed
        self.config = CVAEConfig.from_kwargs(
            config or CVAEConfig.iterative(), **settings
        )
        self.options = options or IterationOptions()
        self.reset()

    def reset(self) -> None:
        """Forget all data and models; the next round is round 0."""
        self.rng = np.random.default_rng(self.seed)
        self.data: TrainingSet | None = None
        self.model: TrainedCVAE | None = None
        self._warm_state: dict | None = None
        self._extra_models: list[TrainedCVAE] = []
        self.rounds: list[RoundStats] = []
        self._pending: RoundStats | None = None
        self._asked_explore = np.empty((0, 0))
        self._asked_cvae = np.empty((0, 0))
        self._asked_jitter = np.empty((0, 0))
        self._asked_start = np.empty((0, 0))
        self._unstarted = np.empty((0, 0))
        self.ends: TrainingSet | None = None
        # startpoints of the Latin-hypercube and start-model searches,
        # each with its search's final value (start_fraction)
        self.starts: TrainingSet | None = None
        self.start_model: TrainedCVAE | None = None
        self.screen: StartScreen | None = None
        self.trend: StartScreen | None = None
        # per Latin-hypercube search: best value after pace_evals evaluations
        self.paces = np.empty(0)
        # the stall stop's premise, tested on this run's searches
        self.stall_check: StallCheck | None = None
        if self.options.basin_stall_check:
            self.stall_check = StallCheck(
                self.options.basin_stall_check,
                start=self.options.basin_stall_check_from)

    @property
    def round(self) -> int:
        """Index of the next round."""
        return len(self.rounds)

    def ask(
        self, problem: pypesto.Problem, n_starts: int | None = None
    ) -> np.ndarray:
        """Startpoints for the next round, shape (n_starts, problem.dim).

        Round 0 (or a round with too little finite data) uses Latin
        hypercube points; later rounds retrain the cVAE on all data so far.
        Exploration points of the last round that were never started
        (a round cut short, e.g. by a budget) are used again first.
        """
        if self.data is None:
            self.data = TrainingSet.from_problem(problem)
        else:
            check_problem_matches(self.model or self.data, problem)
        k = self.round
        first = self.options.n_starts_first or self.n_starts
        n = n_starts or (first if k == 0 else self.n_starts)
        stats = RoundStats(round=k, n_starts=n, n_cvae=0, n_explore=n)
        xs = self._cvae_points(problem, n, stats) if k else None
        n_lhs = n - (0 if xs is None else len(xs))
        lhs = self._explore_points(problem, n_lhs)
        if k == 0 and problem.x_guesses.size:
            lhs[: len(problem.x_guesses)] = problem.x_guesses[:n_lhs]
        xs = lhs if xs is None else np.vstack([xs, lhs])
        xs = np.clip(xs, problem.lb, problem.ub)
        stats.n_explore = n_lhs
        self._pending = stats
        self._asked_explore = xs[len(xs) - n_lhs :]
        self._asked_cvae = xs[: len(xs) - n_lhs]
        return xs

    def round_optimizer(
        self,
        problem: pypesto.Problem,
        optimizer: pypesto.optimize.Optimizer | None = None,
    ) -> pypesto.optimize.Optimizer:
        """The local optimizer for the next round's starts.

        ``optimizer`` (default: ``local_optimizer``), wrapped with
        ``IterationOptions.basin_radius`` > 0 so that its searches stop
        once they enter the basin of an optimum found in an earlier round
        (:class:`~pypesto_cvae.basin.BasinStopOptimizer`; Fides only).
        The best known optimum counts too: once a run has it, searches
        that go back there add nothing but its value again. With
        ``IterationOptions.basin_within_round``, optima found earlier in
        the same round count as well, from round 0 on. With
        ``IterationOptions.basin_stall_evals``, a search also stops once
        its best value has stayed that many evaluations next to a known
        optimum's value, however far from it; with
        ``IterationOptions.basin_stall_check``, only once the run's own
        searches have borne that out (:attr:`stall_check`). With
        ``IterationOptions.progress_evals``, a search stops once its best
        value stops improving (:class:`~pypesto_cvae.basin.ProgressStop`).
        With ``IterationOptions.pace_evals``, a search stops if it is
        behind the run's earlier searches (:meth:`pace`).
        """
        optimizer = optimizer or self.local_optimizer
        radius = self.options.basin_radius
        stall = self.options.basin_stall_evals
        learn = self.options.basin_within_round
        progress = None
        if self.options.progress_evals:
            progress = ProgressStop(self.options.progress_evals,
                                    self.options.progress_tol)
        pace = self.pace()
        if not (radius or stall or progress or pace) or not isinstance(
            optimizer, pypesto.optimize.FidesOptimizer
        ):
            return optimizer
        x, fval = np.empty((0, problem.dim)), np.empty(0)
        if self.ends is not None:
            keep = np.isfinite(self.ends.fval)
            x, fval = self.ends.x[keep], self.ends.fval[keep]
        if not fval.size and not learn and progress is None \
                and pace is None:
            return optimizer
        basins = KnownBasins(
            x, fval, problem.lb, problem.ub, radius,
            self.options.basin_fval_tol, stall,
            self.options.basin_stall_tol,
            stall_min=self.options.stall_min_searches,
            stall_above=self.options.basin_stall_above,
            stall_spare=self.options.basin_stall_spare,
            stall_check=self.stall_check if stall else None,
        )
        return BasinStopOptimizer(optimizer, basins, learn=learn,
                                  progress=progress, pace=pace)

    def pace(self) -> PaceStop | None:
        """The pace the next round's searches must keep, if any.

        With ``IterationOptions.pace_evals`` > 0 and at least
        ``pace_min_searches`` earlier searches from Latin-hypercube
        points with a finite :func:`~pypesto_cvae.basin.pace_value`
        (:attr:`paces`): the ``pace_quantile`` of those values after
        ``pace_evals`` evaluations. None otherwise.
        """
        evals = self.options.pace_evals
        values = self.paces[np.isfinite(self.paces)]
        if not evals or values.size < self.options.pace_min_searches:
            return None
        return PaceStop(evals, float(
            np.quantile(values, self.options.pace_quantile)))

    def _explore_points(self, problem, n: int) -> np.ndarray:
        """``n`` exploration points: unstarted ones first, then new LHS."""
        reuse = self._unstarted[:n] if self._unstarted.size else None
        n_reuse = 0 if reuse is None else len(reuse)
        self._unstarted = self._unstarted[n_reuse:]
        by, k = self._selection(learned=False)
        if not self.round:
            k = 1
        fresh = latin_hypercube(
            (n - n_reuse) * k, problem.lb_init, problem.ub_init, self.rng
        )
        fresh = self._choose(problem, fresh, k, by)
        return fresh if reuse is None else np.vstack([reuse, fresh])

    def _selection(self, learned: bool) -> tuple[str, int]:
        """How later startpoints are picked: ``(by, candidates each)``.

        By the trend (``trend_candidates``) for the Latin-hypercube points,
        and with ``trend_learned`` for the learned ones; otherwise by the
        start screen (``screen_candidates``; one candidate: no choice).
        See :meth:`_choose`.
        """
        opts = self.options
        if opts.trend_candidates > 1 and (opts.trend_learned or not learned):
            return "trend", opts.trend_candidates
        return "known", max(opts.screen_candidates, 1)

    def _choose(
        self, problem, candidates: np.ndarray, k: int, by: str = "known"
    ) -> np.ndarray:
        """One of each ``k`` consecutive candidates, by the start screen.

        ``by="known"``: by :attr:`screen` (``screen_candidates``);
        ``"trend"``: by :attr:`trend` (``trend_candidates``). Each exists
        once a round has been told with its option > 1; before, each
        group's first candidate.
        """
        screen = self.trend if by == "trend" else self.screen
        if screen is None:
            return candidates[::k]
        candidates = np.clip(candidates, problem.lb, problem.ub)
        return screen.choose(candidates, k, by)

    def stalled_rounds(self) -> int:
        """Finished rounds in a row, at the end, that found no new optimum.

        A round finds a new optimum when its best final value is lower
        than the best before it by more than
        ``IterationOptions.improvement_tol``; round 0 always does.
        """
        return stalled_rounds([r.best_fval for r in self.rounds],
                              self.options.improvement_tol)

    def explore_share(self) -> float:
        """Share of the next round's starts drawn by Latin hypercube.

        ``explore_fraction``; with ``adaptive_explore``, each stalled round
        (:meth:`stalled_rounds`) halves the rest: 0.2, 0.6, 0.8, 0.9, ...
        While fewer than ``IterationOptions.min_searches`` local searches
        have finished, the cVAE's share is scaled down in proportion
        (e.g. 3 of 10: 0.8 x 0.3, so 0.76 explore). With
        ``explore_gain``, the share follows how often learned and
        Latin-hypercube starts found new optima (:meth:`novelty_rates`).
        """
        share = self.options.explore_fraction
        if self.options.adaptive_explore:
            share = 1.0 - (1.0 - share) * 0.5 ** self.stalled_rounds()
        if self.options.explore_gain:
            share = self._novelty_share(share)
        trust = min(self.searches_seen() / self.options.min_searches, 1.0)
        return 1.0 - (1.0 - share) * trust

    def novelty_rates(self) -> tuple[float, float]:
        """Rates at which learned and explore starts found new optima.

        Over the later rounds so far: of the starts of each source that
        ended with a finite value, the share that ended at an optimum no
        earlier round had found, each shrunk towards the pooled rate by
        ``NOVELTY_PRIOR`` pseudo-starts (so a source with few starts
        counts little). Both are NaN before any start found a new optimum.
        """
        return _shrunk_rates(*self._summed(
            "n_new_cvae", "n_done_cvae", "n_new_explore", "n_done_explore"
        ))

    def jitter_rates(self) -> tuple[float, float]:
        """Rates at which cVAE and jitter starts found new optima.

        As :meth:`novelty_rates`, for the two kinds of learned starts:
        the cVAE's proposals and the perturbed best endpoints
        (``IterationOptions.jitter_fraction``).
        """
        new, done, new_jitter, done_jitter = self._summed(
            "n_new_cvae", "n_done_cvae", "n_new_jitter", "n_done_jitter"
        )
        return _shrunk_rates(new - new_jitter, done - done_jitter,
                             new_jitter, done_jitter)

    def _summed(self, *fields: str) -> np.ndarray:
        """Each ``RoundStats`` field, summed over the rounds so far."""
        return np.array(
            [[getattr(r, f) for f in fields] for r in self.rounds],
            dtype=float,
        ).reshape(-1, len(fields)).sum(axis=0)

    def jitter_share(self) -> float:
        """Share of the next round's learned starts that are jittered.

        ``IterationOptions.jitter_fraction``; with ``jitter_gain``, its
        odds are scaled by (jitter rate / cVAE rate) ** ``jitter_gain``
        (:meth:`jitter_rates`) and the share kept within
        [``MIN_JITTER_SHARE``, 1 - ``MIN_JITTER_SHARE``], so that neither
        source stops being tried. With ``stall_jitter``, each stalled round
        (:meth:`stalled_rounds`) adds that much, up to 1.
        """
        share = _gained_share(self.options.jitter_fraction,
                              self.options.jitter_gain, self.jitter_rates)
        if self.options.stall_jitter:
            share += self.options.stall_jitter * self.stalled_rounds()
        return min(share, 1.0)

    def start_rates(self) -> tuple[float, float]:
        """Rates at which cVAE and start-model starts ended lower.

        Over the later rounds so far: of the cVAE's proposals and of the
        start model's starts that ended with a finite value, the share
        that ended more than ``improvement_tol`` below every final value
        of the rounds before theirs (``RoundStats.n_lower_cvae``,
        ``n_lower_start``), each shrunk towards the pooled rate as in
        :meth:`novelty_rates`; NaN, NaN while neither did.
        """
        done, done_jitter, done_start, low_cvae, low_start = self._summed(
            "n_done_cvae", "n_done_jitter", "n_done_start",
            "n_lower_cvae", "n_lower_start",
        )
        return _shrunk_rates(low_cvae, done - done_jitter - done_start,
                             low_start, done_start)

    def start_share(self) -> float:
        """Share of the next round's cVAE startpoints the start model draws.

        ``IterationOptions.start_fraction``; with ``start_gain``, its odds
        are scaled by (start-model rate / cVAE rate) ** ``start_gain``
        (:meth:`start_rates`) and the share kept within
        [``MIN_JITTER_SHARE``, 1 - ``MIN_JITTER_SHARE``], so that neither
        model stops being tried.
        """
        return _gained_share(self.options.start_fraction,
                             self.options.start_gain, self.start_rates)

    def _novelty_share(self, share: float) -> float:
        """``share`` with its odds scaled by the novelty-rate ratio."""
        rate_cvae, rate_explore = self.novelty_rates()
        return _odds_scaled(
            share, rate_explore / rate_cvae, self.options.explore_gain,
            share / 2, max(share, MAX_NOVELTY_SHARE),
        )

    def searches_seen(self) -> int:
        """Local searches started in the rounds told so far."""
        return sum(r.n_starts for r in self.rounds)

    def _cvae_points(self, problem, n, stats) -> np.ndarray | None:
        if self.searches_seen() < self.options.learn_min_searches:
            return None
        n_new = n - int(round(self.explore_share() * n))
        if n_new == 0 and self.options.explore_fraction < 1:
            n_new = 1
        if n_new == 0:
            return None
        n_jitter = int(round(self.jitter_share() * n_new))
        t0 = time.process_time()
        by, k = self._selection(learned=True)
        n_start = int(round(self.start_share() * (n_new - n_jitter)))
        starts, start_train_s = None, 0.0
        if n_start:
            starts, start_train_s = self._start_points(n_start)
        n_prior = 0   # the start model's share, by Latin hypercube in ask()
        if starts is None and self.options.start_fallback == "lhs":
            n_prior = n_start
        n_start = 0 if starts is None else len(starts)
        n_model = n_new - n_jitter - n_start - n_prior
        xs = None
        if n_model > 0:
            xs = self._propose(problem, n_model * k, stats)
            if xs is not None:
                xs = self._choose(problem, xs, k, by)
        if starts is not None:
            self._asked_start = np.clip(starts, problem.lb, problem.ub)
            stats.n_start = n_start
            xs = _interleave(xs, self._asked_start)
        # the start model's training counts as training (_propose sets
        # train_cpu_s to its own)
        stats.train_cpu_s += start_train_s
        if n_jitter:
            jitter = self._jitter_points(problem, n_jitter * k)
            if jitter is not None:
                jitter = self._choose(problem, jitter, k, by)
                self._asked_jitter = jitter   # in the bounds already
                stats.n_jitter = len(jitter)
                xs = _interleave(xs, jitter)
        if xs is not None:
            stats.sample_cpu_s = time.process_time() - t0 - stats.train_cpu_s
            stats.n_cvae = len(xs)
        return xs

    def _start_points(self, n: int) -> tuple[np.ndarray | None, float]:
        """``n`` startpoints from the start model, and its training CPU-s.

        The start model is a second cVAE, trained on :attr:`starts`: the
        startpoints of the run's Latin-hypercube searches and of its
        earlier start-model searches, each labelled by the final value
        its search reached (``IterationOptions.start_fraction``). No
        points (None) while its data are too few; with the overhead
        allowance spent (``IterationOptions.max_overhead``) the last start
        model draws untrained, as the cVAE does.
        """
        if self.starts is None:
            return None, 0.0
        config = self._round_config()
        if config.training.max_cpu_s == 0:
            if self.start_model is None:
                return None, 0.0
            return self._draw(self.start_model, n, start=True), 0.0
        t0 = time.process_time()
        try:   # trained afresh each round: its data are few
            self.start_model = fit_cvae(self.starts, config, self.rng)
        except InsufficientDataError as err:
            logger.debug("Start model: %s", err)
            return None, time.process_time() - t0
        train_s = time.process_time() - t0
        return self._draw(self.start_model, n, start=True), train_s

    def _jitter_points(self, problem, n: int) -> np.ndarray | None:
        """``n`` perturbed best endpoints (None before any finite end)."""
        opts = self.options
        if self.ends is None:
            return None
        centres, _ = self.ends.best_distinct(opts.jitter_best,
                                             min_distance=0.0)
        if not centres.size:
            return None
        sd = opts.jitter_sd + opts.stall_spread * self.stalled_rounds()
        return perturbed_points(centres, n, sd, problem.lb, problem.ub,
                                self.rng)

    def _propose(self, problem, n, stats) -> np.ndarray | None:
        """Train the cVAE on all data so far and draw ``n`` startpoints.

        With ``IterationOptions.n_models`` > 1, that many networks are
        trained (each on the same data, with its own initialisation and
        batches, and a share of the training allowance) and the
        startpoints are split evenly between them.
        Returns None (Latin hypercube instead) if the data are too few.
        """
        t0 = time.process_time()
        config = self._round_config()
        if self.model is not None and config.training.max_cpu_s == 0:
            logger.info(
                "Round %d: overhead allowance spent; the cVAE of the last "
                "round proposes the startpoints untrained.",
                self.round,
            )
        else:
            try:
                self._fit_models(config)
            except InsufficientDataError as err:
                logger.warning(
                    "%s Round %d uses Latin hypercube instead.",
                    err,
                    self.round,
                )
                return None
            stats.train_cpu_s = time.process_time() - t0
        models = [self.model, *self._extra_models]
        if len(models) == 1:
            return self._draw(self.model, n)
        sizes = np.full(len(models), n // len(models))
        sizes[self.rng.permutation(len(models))[: n % len(models)]] += 1
        return np.vstack(
            [self._draw(m, k) for m, k in zip(models, sizes, strict=True)]
        )

    def _fit_models(self, config: CVAEConfig) -> None:
        """Train ``n_models`` networks, each warm-started from its own."""
        k = self.options.n_models
        if k > 1 and config.training.max_cpu_s is not None:
            training = dataclasses.replace(
                config.training, max_cpu_s=config.training.max_cpu_s / k
            )
            config = dataclasses.replace(config, training=training)
        warm = self.options.warm_start
        init = (self.model or self._warm_state) if warm else None
        self.model = fit_cvae(self.data, config, self.rng, init=init)
        extra = []
        for i in range(k - 1):
            init = self._extra_models[i] if warm and i < len(
                self._extra_models) else None
            try:
                extra.append(fit_cvae(self.data, config, self.rng, init=init))
            except InsufficientDataError as err:
                logger.warning("%s One network of the ensemble is left out.",
                               err)
        self._extra_models = extra

    def _draw(
        self, model: TrainedCVAE, n: int, start: bool = False
    ) -> np.ndarray:
        """``n`` startpoints from one trained network.

        ``start``: the network is the start model, whose noise is
        ``IterationOptions.start_spread`` where that is set.
        """
        base = self.options.spread
        if start and self.options.start_spread is not None:
            base = self.options.start_spread
        spread = base + self.options.stall_spread * self.stalled_rounds()
        target, xs = self.options.target, [np.empty((0, model.dim))]
        n_local = int(round(self.options.local_fraction * n))
        if n_local:
            k = self.options.local_centres
            centres, fvals = self.ends.best_distinct(k)
            if fvals.size:
                scale = self.options.local_scale
                xs.append(
                    model.generate_near(
                        centres, fvals, n_local, self.rng, target, scale,
                        spread, reflect=self.options.reflect_spread,
                        own_label=self.options.local_label == "own",
                    )
                )
            else:
                n_local = 0
        if n > n_local:
            xs.append(model.generate(
                n - n_local, self.rng, target, spread,
                ordered=self.options.lowest_labels_first,
                reflect=self.options.reflect_spread,
            ))
        return np.vstack(xs)

    def _round_config(self) -> CVAEConfig:
        """The configuration, with the training CPU allowance if bounded."""
        share = self.options.max_overhead
        if share is None:
            return self.config
        spent = sum(r.train_cpu_s + r.sample_cpu_s for r in self.rounds)
        work = sum(r.optimize_s for r in self.rounds)
        allowance = max(share * work - spent, 0.0)
        training = dataclasses.replace(
            self.config.training, max_cpu_s=allowance
        )
        return dataclasses.replace(self.config, training=training)

    def tell(self, problem: pypesto.Problem, result) -> RoundStats:
        """Add the evaluated vectors of a round's result to the data.

        Parameters
        ----------
        problem:
            The problem the round ran on.
        result:
            A pyPESTO ``Result`` (or ``OptimizeResult``) whose starts ran
            with ``HistoryOptions(trace_record=True)``.

        Returns
        -------
        The statistics of the round.
        """
        if self.data is None:
            self.data = TrainingSet.from_problem(problem)
        x, fval = collect_traces(result, problem.dim, self.options.label_by)
        self.data = self.data.extend(x, fval).subsample(
            self.options.max_stored, self.rng
        )
        stats = self._pending or RoundStats(
            round=self.round, n_starts=0, n_cvae=0, n_explore=0
        )
        self._pending = None
        results = _optimizer_results(result)
        self._keep_unstarted(problem, results)
        # a start is learned when it began from one of the cVAE's points
        asked, self._asked_cvae = self._asked_cvae, np.empty((0, 0))
        jittered, self._asked_jitter = self._asked_jitter, np.empty((0, 0))
        from_start, self._asked_start = self._asked_start, np.empty((0, 0))
        started = [o for o in results if getattr(o, "x0", None) is not None]
        x0s = _reduced_x0s(problem, started)
        learned = _matches(x0s, asked, problem)
        from_start = _matches(x0s, from_start, problem)
        self._add_start_data(problem, x0s, started, ~learned | from_start)
        if stats.round > 0:
            self._count_novel(started, learned, stats,
                              _matches(x0s, jittered, problem), from_start)
        self._add_ends(problem, results)
        self._add_starts(problem, started, learned)
        self._add_paces(started, learned)
        finals = np.asarray([o.fval for o in results], dtype=float)
        stats.n_starts = finals.size
        stats.n_failed = int(np.sum(~np.isfinite(finals)))
        stats.n_stopped = sum(stopped_in_known_basin(o) for o in results)
        stats.n_behind = sum(stopped_behind_pace(o) for o in results)
        if self.stall_check is not None:
            stats.n_checked = self.stall_check.checked
            stats.n_went_on = self.stall_check.went_on
        stats.best_fval = float(np.min(finals, initial=np.inf))
        stats.optimize_s = float(sum(o.time or 0.0 for o in results))
        self.rounds.append(stats)
        return stats

    def _add_ends(self, problem, results) -> None:
        """Remember the final points of finished local searches.

        Searches stopped in a known basin count too (their best point,
        near the known optimum), as in the runs that measured the stop;
        searches stopped behind the pace do not (they ended nowhere).
        """
        if self.ends is None:
            self.ends = TrainingSet.from_problem(problem)
        done = [o for o in results if getattr(o, "x", None) is not None
                and not stopped_behind_pace(o)]
        x = [np.asarray(o.x, float) for o in done]
        x = [v if v.size == problem.dim else problem.get_reduced_vector(v)
             for v in x]
        fval = [np.nan if o.fval is None else o.fval for o in done]
        self.ends = self.ends.extend(np.reshape(x, (-1, problem.dim)), fval)

    def _add_starts(self, problem, started, learned: np.ndarray) -> None:
        """Record startpoints and ends for the start screen and the trend.

        ``started``: results that have a startpoint; ``learned``: per
        result, whether it began from a learned point. The trend
        (``trend_candidates``) records only the Latin-hypercube starts: a
        trend over uniformly spread startpoints, not over the learned
        ones, which crowd around the best optima.
        """
        screen = self.options.screen_candidates > 1
        trend = self.options.trend_candidates > 1
        if not (screen or trend) or not started:
            return
        x0 = _reduced_x0s(problem, started)
        fval = np.array([np.inf if o.fval is None else o.fval
                         for o in started], dtype=float)
        stopped = np.array([stopped_in_known_basin(o) for o in started])
        if screen:
            if self.screen is None:
                self.screen = StartScreen(problem.lb, problem.ub)
            self.screen.add(x0, fval, stopped)
        if trend:
            if self.trend is None:
                self.trend = StartScreen(problem.lb, problem.ub)
            lhs = ~np.asarray(learned, dtype=bool)
            self.trend.add(x0[lhs], fval[lhs], stopped[lhs])

    def _add_start_data(self, problem, x0s, started, keep) -> None:
        """Record startpoints and final values for the start model.

        ``x0s``: the startpoints of ``started`` (results that have one);
        ``keep``: per result, whether it began from a Latin-hypercube or a
        start-model point (the cVAE's and the jitter share's points begin
        next to the best optima and would teach the start model nothing
        but that). Failed searches count with an infinite value, searches
        stopped behind the pace with their best value at the stop.
        """
        if not self.options.start_fraction:
            return
        if self.starts is None:
            self.starts = TrainingSet.from_problem(problem)
        keep = np.asarray(keep, dtype=bool)
        fval = np.array([np.inf if o.fval is None or np.isnan(o.fval)
                         else o.fval for o in started], dtype=float)
        self.starts = self.starts.extend(x0s[keep], fval[keep])

    def _add_paces(self, started, learned: np.ndarray) -> None:
        """Record the Latin-hypercube searches' values for the pace.

        ``started``: results that have a startpoint; ``learned``: per
        result, whether it began from a learned point. Per search from a
        Latin-hypercube point, its best value after ``pace_evals``
        evaluations, from its trace history (searches without one are
        skipped). Learned searches do not count: they begin next to the
        best optima, so the pace is that of a random search.
        """
        evals = self.options.pace_evals
        if not evals:
            return
        values = []
        for opt, from_model in zip(started, learned, strict=True):
            if from_model:
                continue
            try:
                trace = opt.history.get_fval_trace()
            except (AttributeError, NotImplementedError, KeyError):
                continue
            values.append(pace_value(trace, evals))
        self.paces = np.concatenate([self.paces, values])

    def _count_novel(
        self, started, learned: np.ndarray, stats: RoundStats,
        jittered: np.ndarray | None = None,
        from_start: np.ndarray | None = None,
    ) -> None:
        """Count the round's finished and new optima per source.

        ``started``: the round's results that have a startpoint;
        ``learned``: per result, whether it began from one of the learned
        asked points (else explore); ``jittered`` and ``from_start``:
        whether from one of the perturbed best endpoints or of the start
        model's points among them (default: none). An optimum is new when
        its final value lies more than ``novelty_tol`` from every final
        value of the earlier rounds (with ``explore_reward="improvement"``:
        more than ``improvement_tol`` below all of them); the cVAE's and
        the start model's starts are also counted by the latter rule
        alone (``RoundStats.n_lower_cvae``, ``n_lower_start``).
        """
        known = np.empty(0) if self.ends is None else self.ends.fval
        known = known[np.isfinite(known)]
        finished = np.array([o.fval is not None and np.isfinite(o.fval)
                             for o in started], dtype=bool)
        done = [o for o, f in zip(started, finished, strict=True) if f]
        if not done:
            return
        learned = np.asarray(learned, dtype=bool)[finished]
        none = np.zeros(len(started), dtype=bool)
        jittered = np.asarray(
            none if jittered is None else jittered, dtype=bool
        )[finished] & learned
        from_start = np.asarray(
            none if from_start is None else from_start, dtype=bool
        )[finished] & learned & ~jittered
        fvals = np.array([o.fval for o in done], dtype=float)
        # a search stopped in a known basin found that basin again, one
        # stopped behind the pace found nothing
        found = ~np.array([stopped_in_known_basin(o) or stopped_behind_pace(o)
                           for o in done], bool)
        best = np.min(known, initial=np.inf)
        lower = found & (fvals < best - self.options.improvement_tol)
        if self.options.explore_reward == "improvement":
            new = lower
        else:
            new = found & np.array(
                [np.all(np.abs(known - f) > self.options.novelty_tol)
                 for f in fvals],
                dtype=bool,
            )
        stats.n_done_cvae = int(learned.sum())
        stats.n_new_cvae = int((learned & new).sum())
        stats.n_done_explore = int((~learned).sum())
        stats.n_new_explore = int((~learned & new).sum())
        stats.n_done_jitter = int(jittered.sum())
        stats.n_new_jitter = int((jittered & new).sum())
        proposed = learned & ~jittered & ~from_start
        stats.n_done_start = int(from_start.sum())
        stats.n_lower_cvae = int((proposed & lower).sum())
        stats.n_lower_start = int((from_start & lower).sum())

    def _keep_unstarted(self, problem, results) -> None:
        """Queue the asked exploration points that no start began from."""
        asked, self._asked_explore = self._asked_explore, np.empty((0, 0))
        if not asked.size:
            return
        started = _matches(asked, _reduced_x0s(problem, results), problem)
        left = asked[~started]
        if self._unstarted.size:
            left = np.vstack([left, self._unstarted])
        self._unstarted = left

    def minimize(
        self,
        problem: pypesto.Problem,
        engine: pypesto.engine.Engine | None = None,
        progress_bar: bool = True,
        filename: str | os.PathLike | None = None,
        overwrite: bool = True,
        resume: bool = False,
    ) -> pypesto.Result:
        """Run all rounds and return one pyPESTO result.

        Parameters
        ----------
        problem:
            The problem to minimize; its startpoint method is restored.
        engine:
            pyPESTO engine for the local optimizations of each round.
        progress_bar:
            Show pyPESTO's progress bar for each round.
        filename:
            HDF5 file written after every finished round (atomically: a
            half-written file never replaces a good one).
        overwrite:
            Whether an existing ``filename`` may be replaced.
        resume:
            Continue the run stored in ``filename`` from its last finished
            round; with the same settings and seed on one core, the
            result equals that of an uninterrupted run.

        Returns
        -------
        All starts of all rounds, sorted by objective value; start ids are
        ``r<round>_<index>``.
        """
        self.reset()
        result = pypesto.Result(problem=problem)
        if resume:
            if filename is None:
                raise ValueError("resume=True needs the run's filename.")
            result = self._restore(problem, filename)
        elif filename is not None:
            filename = _check_output(filename, overwrite)
        while self.round < self.n_rounds:
            round_result = self._run_next_round(problem, engine, progress_bar)
            result.optimize_result.append(round_result.optimize_result)
            if filename is not None:
                write_checkpoint(result, filename, self._state(problem))
        return result

    def _run_next_round(self, problem, engine, progress_bar):
        k = self.round
        xs = self.ask(problem)
        ids = [f"r{k}_{i}" for i in range(len(xs))]
        round_result = _run_round(
            problem, self.round_optimizer(problem), xs, ids, engine,
            progress_bar,
        )
        stats = self.tell(problem, round_result)
        if not self.options.keep_histories:
            for opt in round_result.optimize_result.list:
                opt["history"] = None
        logger.info(
            "Round %d: %d starts (%d cVAE, %d explore), %d failed, best "
            "%.6g, training %.1f CPU-s",
            k,
            stats.n_starts,
            stats.n_cvae,
            stats.n_explore,
            stats.n_failed,
            stats.best_fval,
            stats.train_cpu_s,
        )
        return round_result

    def _settings(self, problem) -> dict:
        """Settings a resumed run must share with the stored one."""
        return {
            "seed": self.seed,
            "n_starts": self.n_starts,
            "local_optimizer": type(self.local_optimizer).__name__,
            "config": self.config.to_dict(),
            "options": dataclasses.asdict(self.options),
            "x_names": [
                str(problem.x_names[i]) for i in problem.x_free_indices
            ],
        }

    def _state(self, problem) -> RunState:
        weights = None
        if self.model is not None:
            weights = {
                k: v.detach().cpu().numpy()
                for k, v in self.model.model.state_dict().items()
            }
        return RunState(
            x=self.data.x,
            fval=self.data.fval,
            rounds=[dataclasses.asdict(r) for r in self.rounds],
            rng_state=self.rng.bit_generator.state,
            weights=weights,
            settings=self._settings(problem),
            paces=self.paces,
            starts_x=None if self.starts is None else self.starts.x,
            starts_fval=None if self.starts is None else self.starts.fval,
            stall_check=(None if self.stall_check is None
                         else dataclasses.asdict(self.stall_check)),
        )

    def _restore(self, problem, filename) -> pypesto.Result:
        """Load a stored run; refuse one made with other settings."""
        result, state = read_checkpoint(filename)
        stored = json.loads(json.dumps(state.settings))
        now = json.loads(json.dumps(self._settings(problem)))
        diff = sorted(k for k in now if stored.get(k) != now[k])
        if diff:
            raise ValueError(
                f"Cannot resume {filename}: it was run with other settings "
                f"({', '.join(diff)}). Resume with the original settings, "
                "or start a new run with another output file."
            )
        result.problem = problem
        self.data = TrainingSet.from_problem(problem, state.x, state.fval)
        self.rounds = [RoundStats(**r) for r in state.rounds]
        self._add_ends(problem, result.optimize_result.list)
        started = [o for o in result.optimize_result.list
                   if getattr(o, "x0", None) is not None]
        self._add_starts(problem, started, self._learned_by_id(started))
        self.paces = np.asarray(state.paces, dtype=float)
        if self.stall_check is not None and state.stall_check is not None:
            self.stall_check = StallCheck(**state.stall_check)
        if state.starts_x is not None:
            self.starts = TrainingSet.from_problem(
                problem, state.starts_x, state.starts_fval)
        self.rng.bit_generator.state = state.rng_state
        if state.weights is not None:
            self._warm_state = {
                k: torch.as_tensor(v) for k, v in state.weights.items()
            }
        logger.info("Resuming %s after round %d.", filename, self.round - 1)
        return result

    def _learned_by_id(self, results) -> np.ndarray:
        """Whether each stored start was learned, from its id ``r<k>_<i>``.

        A round's learned startpoints come first (:meth:`ask`): start i of
        round k is learned when i < that round's ``n_cvae``.
        """
        out = []
        for o in results:
            head, _, index = str(o.id).partition("_")
            k = int(head.lstrip("r")) if head.lstrip("r").isdigit() else -1
            n_cvae = self.rounds[k].n_cvae if 0 <= k < len(self.rounds) else 0
            out.append(index.isdigit() and int(index) < n_cvae)
        return np.array(out, dtype=bool)


def stalled_rounds(best_fvals, tol: float) -> int:
    """Rounds in a row, at the end, whose best value did not improve.

    ``best_fvals``: each round's best final value, in order; a round
    improves when its value is below the best of the rounds before it by
    more than ``tol`` (the first round always does). See
    :meth:`CVAEOptimizer.stalled_rounds`.
    """
    best, stall = np.inf, 0
    for fval in best_fvals:
        fval = float(fval)
        stall = 0 if fval < best - tol else stall + 1
        best = min(best, fval)
    return stall


def _shrunk_rates(
    new_a: float, done_a: float, new_b: float, done_b: float
) -> tuple[float, float]:
    """Rates ``new / done`` of two sources, shrunk towards the pooled one.

    Each by ``NOVELTY_PRIOR`` pseudo-starts at the pooled rate, so that a
    source with few starts counts little; NaN, NaN while neither found
    anything.
    """
    if new_a + new_b == 0:
        return np.nan, np.nan
    pooled = (new_a + new_b) / (done_a + done_b)
    a = NOVELTY_PRIOR
    return (
        (new_a + a * pooled) / (done_a + a),
        (new_b + a * pooled) / (done_b + a),
    )


def _odds_scaled(
    share: float, ratio: float, gain: float, low: float, high: float
) -> float:
    """``share`` with its odds times ``ratio ** gain``, in ``[low, high]``.

    ``share`` itself where ``ratio`` is NaN (no rates yet) or ``share``
    is 0 or 1.
    """
    if not np.isfinite(ratio) or share <= 0 or share >= 1:
        return share
    odds = share / (1.0 - share)
    odds *= ratio ** gain
    return float(np.clip(odds / (1.0 + odds), low, high))


def _gained_share(share: float, gain: float, rates) -> float:
    """A fixed share of two learned sources, or one that follows them.

    ``rates()``: the (first source's, second source's) rates; with a
    ``gain``, ``share`` (the second source's) has its odds scaled by their
    ratio ** ``gain``, within [``MIN_JITTER_SHARE``,
    1 - ``MIN_JITTER_SHARE``]. ``share`` itself without a gain or at 0 or 1.
    """
    if not gain or share <= 0 or share >= 1:
        return share
    rate_a, rate_b = rates()
    return _odds_scaled(share, rate_b / rate_a, gain,
                        MIN_JITTER_SHARE, 1.0 - MIN_JITTER_SHARE)


def _interleave(first: np.ndarray | None, second: np.ndarray) -> np.ndarray:
    """The rows of both, ``second``'s spread evenly among ``first``'s.

    Each keeps its own order; a round cut short by a budget then has
    started about its share of each.
    """
    if first is None or not len(first):
        return second
    pos = np.concatenate([
        (np.arange(len(first)) + 0.5) / len(first),
        (np.arange(len(second)) + 0.5) / len(second),
    ])
    order = np.argsort(pos, kind="stable")
    return np.vstack([first, second])[order]


def _reduced_x0s(problem, results) -> np.ndarray:
    """Startpoints of the results that have one, as free parameters."""
    x0s = [
        np.asarray(o.x0, float)
        for o in results
        if getattr(o, "x0", None) is not None
    ]
    return np.array(
        [x if x.size == problem.dim else problem.get_reduced_vector(x)
         for x in x0s]
    ).reshape(-1, problem.dim)


def _matches(points: np.ndarray, others: np.ndarray, problem) -> np.ndarray:
    """Whether each point equals one of ``others``.

    Up to 1e-9 of each parameter's range: Fides moves a startpoint that
    lies on a bound about 1e-14 into the box.
    """
    if not others.size:
        return np.zeros(len(points), dtype=bool)
    tol = 1e-9 * (problem.ub - problem.lb)
    return np.array(
        [np.any(np.all(np.abs(others - x) <= tol, axis=1)) for x in points],
        dtype=bool,
    )


def _optimizer_results(result):
    if isinstance(result, pypesto.Result):
        return result.optimize_result.list
    if isinstance(result, pypesto.result.OptimizeResult):
        return result.list
    return list(result)


def _run_round(problem, optimizer, xs, ids, engine, progress_bar):
    """One pyPESTO multistart from fixed startpoints, with traces."""
    saved = problem.startpoint_method
    problem.startpoint_method = _FixedStartpoints(xs)
    try:
        return pypesto.optimize.minimize(
            problem,
            optimizer=optimizer,
            n_starts=len(xs),
            ids=ids,
            engine=engine,
            progress_bar=progress_bar,
            history_options=TRACE_HISTORY_OPTIONS,
        )
    finally:
        problem.startpoint_method = saved


def _check_output(filename, overwrite: bool) -> Path:
    path = Path(filename)
    if path.exists() and not overwrite:
        raise FileExistsError(
            f"{path} exists; pass overwrite=True (--overwrite), "
            "resume=True (--resume), or choose another file."
        )
    if not path.parent.is_dir():
        raise FileNotFoundError(
            f"The folder {path.parent} for the result file does not exist."
        )
    if not os.access(path.parent, os.W_OK):
        raise PermissionError(
            f"Cannot write the result file into {path.parent}: no "
            "permission. Choose another output folder."
        )
    return path

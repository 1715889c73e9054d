"""Stopping local searches in the basins of known optima."""

from __future__ import annotations

import cloudpickle
import numpy as np
import pypesto
import pypesto.optimize
import pytest
from conftest import make_problem

from pypesto_cvae import CVAEOptimizer, IterationOptions
from pypesto_cvae.basin import BasinStopOptimizer, KnownBasins
from pypesto_cvae.iterative import default_local_optimizer

#: the Rastrigin local optimum next to (1, 0, 0, 0) and its value
LOCAL = np.array([0.99496, 0.0, 0.0, 0.0])


def _basins(problem, radius=0.05, tol=1.0):
    fval = problem.objective.get_fval(LOCAL)
    return KnownBasins(LOCAL[None], [fval], problem.lb, problem.ub, radius,
                       tol)


def _search(problem, optimizer, x0):
    return optimizer.minimize(
        problem, x0=np.asarray(x0, float), id="0",
        history_options=pypesto.HistoryOptions(trace_record=True),
        optimize_options=pypesto.optimize.OptimizeOptions(
            allow_failed_starts=True),
    )


def test_match_needs_both_closeness_and_a_similar_value():
    problem = make_problem()
    basins = _basins(problem)
    f = basins.fval[0]
    assert basins.match(LOCAL + 0.1, f + 0.5) == 0
    assert basins.match(LOCAL + 0.1, f + 1.5) is None  # value too far
    assert basins.match(LOCAL + 1.0, f) is None  # 1/10.24 of the range
    assert basins.match(LOCAL, np.inf) is None
    empty = KnownBasins(np.empty((0, 4)), [], problem.lb, problem.ub, 0.05, 1)
    assert empty.match(LOCAL, f) is None


def test_a_search_into_a_known_basin_stops_early_at_its_best_point():
    problem = make_problem()
    x0 = [1.2, 0.1, -0.1, 0.05]
    plain = _search(problem, default_local_optimizer(), x0)
    stopped = _search(
        problem, BasinStopOptimizer(default_local_optimizer(),
                                    _basins(problem)), x0)
    assert plain.fval == pytest.approx(_basins(problem).fval[0], abs=1e-6)
    assert "known optimum" in stopped.message
    assert stopped.n_fval < plain.n_fval
    # the result is an ordinary one: a finite value in the basin's range
    assert abs(stopped.fval - plain.fval) < 1.0
    assert len(stopped.history.get_fval_trace()) == stopped.n_fval
    # a search elsewhere runs to its end as before
    other = [-2.1, 0.1, 0.0, 0.0]
    a = _search(problem, default_local_optimizer(), other)
    b = _search(problem, BasinStopOptimizer(default_local_optimizer(),
                                            _basins(problem)), other)
    assert b.fval == pytest.approx(a.fval) and b.n_fval == a.n_fval


def test_only_fides_is_wrapped():
    problem = make_problem()
    with pytest.raises(TypeError, match="FidesOptimizer"):
        BasinStopOptimizer(pypesto.optimize.ScipyOptimizer(),
                           _basins(problem))


def test_round_optimizer_knows_the_earlier_optima():
    problem = make_problem()
    between_rounds = IterationOptions(basin_radius=0.05,
                                      basin_within_round=False)
    opt = CVAEOptimizer(n_rounds=1, n_starts=8, seed=0,
                        options=between_rounds)
    assert opt.round_optimizer(problem) is opt.local_optimizer  # no data
    opt.minimize(problem, progress_bar=False)
    wrapped = opt.round_optimizer(problem)
    assert isinstance(wrapped, BasinStopOptimizer)
    ends = opt.ends.fval[np.isfinite(opt.ends.fval)]
    assert np.array_equal(np.sort(wrapped.basins.fval), np.sort(ends))
    # it travels to engine workers with the problem
    copy = cloudpickle.loads(cloudpickle.dumps(wrapped))
    assert np.array_equal(copy.basins.x, wrapped.basins.x)
    off = CVAEOptimizer(n_rounds=1, n_starts=8, seed=0,
                        options=IterationOptions(basin_radius=0,
                                                 basin_stall_evals=0))
    off.minimize(problem, progress_bar=False)
    assert off.round_optimizer(problem) is off.local_optimizer
    assert IterationOptions().basin_radius == 0.05  # on by default
    scipy = CVAEOptimizer(pypesto.optimize.ScipyOptimizer(), n_rounds=1,
                          n_starts=8, seed=0)
    scipy.minimize(problem, progress_bar=False)
    assert scipy.round_optimizer(problem) is scipy.local_optimizer
    with pytest.raises(ValueError, match="basin_radius"):
        IterationOptions(basin_radius=-1)


def test_a_run_with_the_stop_saves_evaluations():
    """Stopped searches of a run are cheaper than full ones from there."""
    problem = make_problem(dim=2)
    # the distance test between rounds only
    options = IterationOptions(basin_radius=0.05, basin_within_round=False,
                               basin_stall_evals=0)
    opt = CVAEOptimizer(n_rounds=3, n_starts=10, seed=1, options=options)
    result = opt.minimize(problem, progress_bar=False)
    stopped = [o for o in result.optimize_result.list
               if "known optimum" in str(o.message)]
    assert stopped, "no later search entered a known basin"
    assert not any(o.id.startswith("r0_") for o in stopped)
    assert [r.n_stopped for r in opt.rounds] == [
        sum(o.id.startswith(f"r{r.round}_") for o in stopped)
        for r in opt.rounds]
    assert opt.rounds[0].n_stopped == 0
    basins = opt.round_optimizer(problem).basins  # a superset of theirs
    for o in stopped:
        full = _search(problem, default_local_optimizer(), o.x0)
        assert np.isfinite(o.fval) and o.n_fval < full.n_fval
        # the last evaluated point lay in a known basin
        last_x = o.history.get_x_trace()[-1]
        last_f = o.history.get_fval_trace()[-1]
        assert basins.match(last_x, last_f) is not None


def test_the_benchmark_time_limit_reaches_the_wrapped_fides():
    from pypesto_cvae.benchmark import _limited

    problem = make_problem()
    wrapped = BasinStopOptimizer(default_local_optimizer(), _basins(problem))
    limited = _limited(wrapped, 5.0)
    assert isinstance(limited, BasinStopOptimizer)
    assert limited.basins is wrapped.basins
    assert limited.optimizer.options["maxtime"] == 5.0
    assert "maxtime" not in (wrapped.optimizer.options or {})


def test_stopped_searches_are_not_new_optima():
    """The round table's "new optima" leaves out stopped searches."""
    from pypesto.result import OptimizerResult

    from pypesto_cvae.basin import STOP_MESSAGE
    from pypesto_cvae.iterative import RoundStats

    problem = make_problem(dim=2)
    opt = CVAEOptimizer(n_rounds=1, n_starts=10, seed=1)
    opt.minimize(problem, progress_bar=False)
    counts = {}
    for message in (STOP_MESSAGE + " with value 1.", "Converged"):
        # a value no earlier search ended at
        o = OptimizerResult(id="r1_0", x=np.zeros(2), fval=123.456,
                            x0=np.full(2, 0.5), message=message)
        stats = RoundStats(round=1, n_starts=1, n_cvae=0, n_explore=1)
        opt._count_novel([o], np.zeros(1, dtype=bool), stats)
        counts[message[:4]] = (stats.n_done_explore, stats.n_new_explore)
    assert counts == {"Stop": (1, 0), "Conv": (1, 1)}


def test_searches_within_a_round_learn_from_the_ones_before():
    problem = make_problem()
    empty = KnownBasins(np.empty((0, 4)), [], problem.lb, problem.ub, 0.05,
                        1.0)
    learning = BasinStopOptimizer(default_local_optimizer(), empty,
                                  learn=True)
    first = _search(problem, learning, [1.2, 0.1, -0.1, 0.05])
    assert "known optimum" not in str(first.message)
    assert len(empty) == 1  # its end is known now, in the free parameters
    assert np.allclose(empty.x[0], first.x, atol=1e-6)
    assert empty.fval[0] == pytest.approx(first.fval)
    second = _search(problem, learning, [1.25, -0.1, 0.1, -0.05])
    assert "known optimum" in str(second.message)
    assert len(empty) == 1  # a stopped search adds nothing
    # with a fixed parameter, ends are kept in the free parameters
    fixed_problem = pypesto.Problem(
        problem.objective, lb=problem.lb_full, ub=problem.ub_full,
        x_fixed_indices=[3], x_fixed_vals=[0.0])
    free = KnownBasins(np.empty((0, 3)), [], fixed_problem.lb,
                       fixed_problem.ub, 0.05, 1.0)
    learner = BasinStopOptimizer(default_local_optimizer(), free, learn=True)
    _search(fixed_problem, learner, [1.2, 0.1, -0.1])
    assert free.x.shape == (1, 3)
    again = _search(fixed_problem, learner, [1.25, -0.1, 0.1])
    assert "known optimum" in str(again.message)
    # without learning, the same searches leave the basins as they were
    fixed = KnownBasins(np.empty((0, 4)), [], problem.lb, problem.ub, 0.05,
                        1.0)
    _search(problem, BasinStopOptimizer(default_local_optimizer(), fixed),
            [1.2, 0.1, -0.1, 0.05])
    assert len(fixed) == 0


def test_within_round_stops_reach_round_zero_and_the_time_limit():
    from pypesto_cvae.benchmark import _limited

    problem = make_problem(dim=2)
    options = IterationOptions(basin_radius=0.05, basin_within_round=True)
    opt = CVAEOptimizer(n_rounds=1, n_starts=20, seed=1, options=options)
    first = opt.round_optimizer(problem)
    assert isinstance(first, BasinStopOptimizer) and first.learn
    assert len(first.basins) == 0
    assert _limited(first, 5.0).learn
    result = opt.minimize(problem, progress_bar=False)
    stopped = [o for o in result.optimize_result.list
               if "known optimum" in str(o.message)]
    assert stopped and all(o.id.startswith("r0_") for o in stopped)
    assert all(np.isfinite(o.fval) for o in stopped)
    assert opt.rounds[0].n_stopped == len(stopped)  # in the round table
    assert IterationOptions().basin_within_round  # on by default (v12)


def test_band_is_the_nearest_known_value_within_the_tolerance():
    basins = KnownBasins(np.zeros((3, 1)), [10.0, 10.5, 20.0], [-1], [1],
                         0.0, 1.0)
    assert basins.band(10.1) == 0
    assert basins.band(10.4) == 1
    assert basins.band(19.2) == 2
    assert basins.band(15.0) is None
    assert basins.band(np.inf) is None
    empty = KnownBasins(np.empty((0, 1)), [], [-1], [1], 0.0, 1.0)
    assert empty.band(10.0) is None


def test_the_stall_count_follows_the_best_value_within_one_band():
    from pypesto_cvae.basin import KnownBasinReached, _StoppingObjective

    basins = KnownBasins(np.zeros((2, 1)), [10.0, 20.0], [-1], [1],
                         radius=0.0, fval_tol=1.0, stall_evals=3)
    # best so far: 30 (no band), 20.5 (band of 20: 1), 25 (still 20.5: 2),
    # 15 (left it downwards: reset), 10.8, 10.6 (band of 10: 1, 2), then
    # 10.4 is the third evaluation there
    values = iter([30.0, 20.5, 25.0, 15.0, 10.8, 10.6, 10.4, 10.2])
    objective = _StoppingObjective(lambda x: next(values), basins)
    for _ in range(6):
        objective(np.zeros(1))
    with pytest.raises(KnownBasinReached, match="value 10"):
        objective(np.zeros(1))
    # without stall_evals, the same values never stop
    basins.stall_evals = 0
    values = iter([30.0, 20.5, 25.0, 15.0, 10.8, 10.6, 10.4, 10.2])
    objective = _StoppingObjective(lambda x: next(values), basins)
    assert [objective(np.zeros(1)) for _ in range(8)][-1] == 10.2


def test_the_stall_stop_waits_for_stall_min_known_optima():
    from pypesto_cvae.basin import KnownBasinReached, _StoppingObjective

    def run(basins, n=6):
        values = iter([10.5] * n)
        objective = _StoppingObjective(lambda x: next(values), basins)
        for _ in range(n):
            objective(np.zeros(1))

    def one_known(stall_min):
        return KnownBasins(np.zeros((1, 1)), [10.0], [-1], [1], radius=0.0,
                           fval_tol=1.0, stall_evals=3, stall_min=stall_min)

    with pytest.raises(KnownBasinReached):
        run(one_known(0))
    with pytest.raises(KnownBasinReached):
        run(one_known(1))
    basins = one_known(2)
    assert not basins.stalls()
    run(basins)   # one optimum known, two needed: resting in its band is fine
    basins.add(np.ones(1), 30.0)   # e.g. a search of the same round ended
    assert basins.stalls()
    with pytest.raises(KnownBasinReached, match="value 10"):
        run(basins)
    assert IterationOptions().stall_min_searches == 0
    with pytest.raises(ValueError, match="stall_min_searches"):
        IterationOptions(stall_min_searches=-1)
    # the option reaches each round's known basins
    opt = CVAEOptimizer(local_optimizer=pypesto.optimize.FidesOptimizer(),
                        options=IterationOptions(stall_min_searches=4))
    assert opt.round_optimizer(make_problem()).basins.stall_min == 4


def _rest_at(basins, value: float, evals: int = 5) -> float:
    """Feed a search that rests at ``value`` through the stopping objective.

    Returns the last value; raises where the stops end the search.
    """
    from pypesto_cvae.basin import _StoppingObjective

    objective = _StoppingObjective(lambda x: value, basins)
    return [objective(np.zeros(1)) for _ in range(evals)][-1]


def test_stall_above_counts_only_bands_the_search_is_not_below():
    from pypesto_cvae.basin import KnownBasinReached

    def basins(above):
        return KnownBasins(np.zeros((2, 1)), [144.16, 144.85], [-1], [1],
                           radius=0.0, fval_tol=1.0, stall_evals=3,
                           stall_above=above)

    both, above = basins(False), basins(True)
    assert both.stall_band(144.3) == 0 and above.stall_band(144.3) == 0
    assert both.stall_band(144.6) == 1 and above.stall_band(144.6) == 0
    # below every known value: the nearest on either side, or none
    assert both.stall_band(143.9) == 0 and above.stall_band(143.9) is None
    assert above.stall_band(146.0) is None   # above every band
    # a search resting at 143.9 on its way down is stopped only without it
    with pytest.raises(KnownBasinReached, match="value 144.16"):
        _rest_at(both, 143.9)
    assert _rest_at(above, 143.9) == 143.9
    assert not IterationOptions().basin_stall_above
    opt = CVAEOptimizer(local_optimizer=pypesto.optimize.FidesOptimizer(),
                        options=IterationOptions(basin_stall_above=True))
    assert opt.round_optimizer(make_problem()).basins.stall_above


def test_stall_spare_leaves_the_bands_next_to_the_best_value():
    from pypesto_cvae.basin import KnownBasinReached

    def basins(spare):
        return KnownBasins(np.zeros((3, 1)), [144.16, 144.85, 149.46],
                           [-1], [1], radius=0.0, fval_tol=1.0,
                           stall_evals=3, stall_spare=spare)

    every, spared = basins(None), basins(1.0)
    assert every.stall_band(144.3) == 0 and spared.stall_band(144.3) is None
    # 144.85 lies within 1.0 of the best known value too
    assert every.stall_band(145.0) == 1 and spared.stall_band(145.0) is None
    assert every.stall_band(149.0) == 2 and spared.stall_band(149.0) == 2
    assert basins(0.5).stall_band(145.0) == 1
    # a search resting at 144.5 is stopped only where the band counts
    with pytest.raises(KnownBasinReached, match="value 144.16"):
        _rest_at(every, 144.5)
    assert _rest_at(spared, 144.5) == 144.5
    # a new best optimum moves the spared bands with it: 144.85 lies
    # 1.35 above 143.5, 144.16 only 0.66
    spared.add(np.zeros(1), 143.5)
    assert spared.stall_band(145.0) == 1 and spared.stall_band(144.3) is None
    with pytest.raises(ValueError, match="stall_spare"):
        basins(-1.0)
    assert IterationOptions().basin_stall_spare is None
    with pytest.raises(ValueError, match="basin_stall_spare"):
        IterationOptions(basin_stall_spare=-0.5)
    opt = CVAEOptimizer(local_optimizer=pypesto.optimize.FidesOptimizer(),
                        options=IterationOptions(basin_stall_spare=1.0))
    assert opt.round_optimizer(make_problem()).basins.stall_spare == 1.0


def test_stall_tol_restarts_the_count_while_the_search_goes_down():
    from pypesto_cvae.basin import KnownBasinReached, _StoppingObjective

    # one known optimum at 10; the search passes down through its band
    # (10.9 ... 9.1) by 0.3 per evaluation, then rests at 9.1
    trace = [10.9, 10.6, 10.3, 10.0, 9.7, 9.4, 9.1, 9.1, 9.1, 9.1]

    def stop_at(stall_tol):
        basins = KnownBasins(np.zeros((1, 1)), [10.0], [-1], [1],
                             radius=0.0, fval_tol=1.0, stall_evals=3,
                             stall_tol=stall_tol)
        values = iter(trace)
        objective = _StoppingObjective(lambda x: next(values), basins)
        for k in range(len(trace)):
            try:
                objective(np.zeros(1))
            except KnownBasinReached:
                return k
        return None

    assert stop_at(None) == 2  # the third evaluation in the band
    # 0.5: restarts at 10.3 (0.6 below 10.9) and 9.7, 9.1: then rests
    assert stop_at(0.5) == 8
    assert stop_at(0.2) == 8  # restarts at every step down
    # 1.0: three evaluations (10.9 -> 10.3) come before a drop over 1.0
    assert stop_at(1.0) == 2
    for bad in (-0.1, float("nan")):
        with pytest.raises(ValueError, match="stall_tol"):
            KnownBasins(np.zeros((1, 1)), [10.0], [-1], [1], 0.0, 1.0, 3,
                        bad)
        with pytest.raises(ValueError, match="basin_stall_tol"):
            IterationOptions(basin_stall_tol=bad)
    options = IterationOptions(basin_stall_tol=0.5)
    wrapped = CVAEOptimizer(n_rounds=1, n_starts=4, seed=0,
                            options=options).round_optimizer(
        make_problem(dim=2))
    assert wrapped.basins.stall_tol == 0.5
    assert IterationOptions().basin_stall_tol is None  # the v13 rule


def test_a_search_stalling_at_a_known_value_stops_far_from_that_optimum():
    problem = make_problem()
    # ends at the local optimum next to (0, 1, 0, 0): LOCAL's value, but
    # 1/7.3 of the range away in root mean square, beyond the radius
    x0 = [0.1, 1.2, -0.1, 0.05]
    plain = _search(problem, default_local_optimizer(), x0)
    basins = _basins(problem)
    assert plain.fval == pytest.approx(basins.fval[0], abs=1e-6)
    assert basins.match(plain.x, plain.fval) is None
    by_distance = _search(
        problem, BasinStopOptimizer(default_local_optimizer(), basins), x0)
    assert by_distance.n_fval == plain.n_fval
    basins.stall_evals = 2
    stopped = _search(
        problem, BasinStopOptimizer(default_local_optimizer(), basins), x0)
    assert "known optimum" in str(stopped.message)
    assert stopped.n_fval < plain.n_fval
    assert abs(stopped.fval - plain.fval) < 1.0


def test_the_stall_stop_alone_wraps_the_round_optimizer():
    problem = make_problem(dim=2)
    options = IterationOptions(basin_radius=0.0, basin_stall_evals=5,
                               basin_within_round=True)
    opt = CVAEOptimizer(n_rounds=1, n_starts=4, seed=0, options=options)
    wrapped = opt.round_optimizer(problem)
    assert isinstance(wrapped, BasinStopOptimizer)
    assert wrapped.basins.stall_evals == 5 and wrapped.basins.radius == 0
    assert IterationOptions().basin_stall_evals == 10  # the default (v12)
    for bad in (-1, 2.5, True):
        with pytest.raises(ValueError, match="basin_stall_evals"):
            IterationOptions(basin_stall_evals=bad)


def test_progress_stop_ends_a_search_that_stops_improving():
    from pypesto_cvae.basin import (
        ProgressStop,
        SearchStalled,
        _StoppingObjective,
    )

    basins = KnownBasins(np.empty((0, 1)), np.empty(0), [0.0], [1.0],
                         0.0, 1.0, 0)
    # improves by 1 per evaluation, then by 0.1: stops 3 evaluations later
    values = iter([10.0, 9.0, 8.0, 7.9, 7.8, 7.7, 7.6, 7.5])
    objective = _StoppingObjective(lambda x: next(values), basins,
                                   ProgressStop(3, 0.5))
    calls = 0
    with pytest.raises(SearchStalled, match="no progress"):
        for _ in range(8):
            objective(np.zeros(1))
            calls += 1
    assert calls == 5  # 7.7 is the first value less than 0.5 below 8.0
    # a search that keeps improving, or fails, is never stopped
    values = iter([np.inf] * 5 + [10.0 - k for k in range(10)])
    objective = _StoppingObjective(lambda x: next(values), basins,
                                   ProgressStop(3, 0.5))
    for _ in range(15):
        objective(np.zeros(1))


def test_progress_stop_is_validated_and_wired_into_the_rounds():
    from pypesto_cvae.basin import BasinStopOptimizer, ProgressStop

    for bad in (-1, 2.5, True):
        with pytest.raises(ValueError, match="progress_evals"):
            IterationOptions(progress_evals=bad)
    with pytest.raises(ValueError, match="progress_tol"):
        IterationOptions(progress_tol=-0.1)
    with pytest.raises(ValueError, match="evals"):
        ProgressStop(0, 0.5)
    assert IterationOptions().progress_evals == 0  # off by default
    problem = pypesto.Problem(
        pypesto.Objective(fun=lambda x: float(np.sum(x**2))),
        lb=-np.ones(2), ub=np.ones(2),
    )
    options = IterationOptions(basin_radius=0.0, basin_stall_evals=0,
                               basin_within_round=False, progress_evals=7)
    opt = CVAEOptimizer(seed=0, options=options).round_optimizer(
        problem, pypesto.optimize.FidesOptimizer())
    assert isinstance(opt, BasinStopOptimizer)
    assert opt.progress == ProgressStop(7, 0.5)


def test_pace_stop_ends_a_search_behind_the_pace_once():
    from pypesto_cvae.basin import BehindPace, PaceStop, _StoppingObjective

    basins = KnownBasins(np.empty((0, 1)), np.empty(0), [0.0], [1.0],
                         0.0, 1.0, 0)
    # best value 8 after 3 evaluations, the pace is 7.5: stops at the 3rd
    values = iter([10.0, 8.0, 9.0, 1.0])
    objective = _StoppingObjective(lambda x: next(values), basins,
                                   pace=PaceStop(3, 7.5))
    objective(np.zeros(1))
    objective(np.zeros(1))
    with pytest.raises(BehindPace, match="behind the pace"):
        objective(np.zeros(1))
    # at or below the pace at the count: never stopped, also not later
    values = iter([10.0, 7.5, 9.0] + [20.0] * 10)
    objective = _StoppingObjective(lambda x: next(values), basins,
                                   pace=PaceStop(3, 7.5))
    for _ in range(13):
        objective(np.zeros(1))
    # a search that failed up to the count is behind any pace
    values = iter([np.inf] * 3)
    objective = _StoppingObjective(lambda x: next(values), basins,
                                   pace=PaceStop(3, 1e9))
    with pytest.raises(BehindPace):
        for _ in range(3):
            objective(np.zeros(1))


def test_pace_value_is_the_best_finite_value_of_the_first_evaluations():
    from pypesto_cvae.basin import PaceStop, pace_value

    assert pace_value([5.0, np.inf, 3.0, 1.0], 3) == 3.0
    assert pace_value([5.0, 4.0], 10) == 4.0  # a shorter search: its best
    assert np.isnan(pace_value([np.inf, np.nan], 5))
    assert np.isnan(pace_value([], 5))
    for bad in (0, 2.5, True):
        with pytest.raises(ValueError, match="evals"):
            PaceStop(bad, 1.0)
    with pytest.raises(ValueError, match="NaN"):
        PaceStop(3, np.nan)


def test_the_rounds_set_a_pace_from_earlier_searches_and_use_it():
    from pypesto_cvae.basin import PaceStop, stopped_behind_pace

    for bad in (-1, 2.5):
        with pytest.raises(ValueError, match="pace_evals"):
            IterationOptions(pace_evals=bad)
    for bad in (0.0, 1.0, -0.5):
        with pytest.raises(ValueError, match="pace_quantile"):
            IterationOptions(pace_quantile=bad)
    assert IterationOptions().pace_evals == 20  # on by default (v21)
    assert CVAEOptimizer(seed=0).pace() is None
    opt = CVAEOptimizer(seed=0, options=IterationOptions(
        pace_evals=5, pace_quantile=0.25))
    assert opt.options.pace_min_searches == 10  # the default
    opt.paces = np.r_[np.arange(9.0), np.nan]
    assert opt.pace() is None  # too few finite values
    opt.paces = np.r_[opt.paces, 100.0]
    assert opt.pace() == PaceStop(
        5, float(np.quantile(opt.paces[np.isfinite(opt.paces)], 0.25)))
    # a lower minimum sets the pace from fewer searches
    for bad in (0, 2.5):
        with pytest.raises((TypeError, ValueError), match="pace_min_searches"):
            IterationOptions(pace_min_searches=bad)
    few = CVAEOptimizer(seed=0, options=IterationOptions(
        pace_evals=5, pace_min_searches=3))
    few.paces = np.r_[4.0, np.nan, 2.0]
    assert few.pace() is None
    few.paces = np.r_[few.paces, 6.0]
    assert few.pace() == PaceStop(5, 4.0)

    problem = make_problem(dim=4)
    opt = CVAEOptimizer(n_rounds=3, n_starts=12, seed=3, options=(
        IterationOptions(pace_evals=3, pace_quantile=0.5)))
    result = opt.minimize(problem, progress_bar=False)
    # one value per Latin-hypercube search, each its best of 3
    assert opt.paces.size == sum(r.n_explore for r in opt.rounds)
    behind = [o for o in result.optimize_result.list
              if stopped_behind_pace(o)]
    assert sum(r.n_behind for r in opt.rounds) == len(behind) > 0
    assert all(o.id.startswith(("r1_", "r2_")) for o in behind)
    for o in behind:  # stopped at the count, above the pace
        assert len(o.history.get_fval_trace()) == 3
        assert o.fval > np.quantile(opt.paces[:12][np.isfinite(
            opt.paces[:12])], 0.5) or o.id.startswith("r2_")
    # their ends are no known optima
    ends = {tuple(np.round(x, 8)) for x in opt.ends.x}
    assert not any(tuple(np.round(o.x, 8)) in ends for o in behind)


def test_stall_check_counts_and_decides_by_the_share_that_went_on():
    from pypesto_cvae.basin import StallCheck

    for bad in (0, -1, 2.5, True):
        with pytest.raises(ValueError, match="StallCheck.searches"):
            StallCheck(bad)
    check = StallCheck(3)
    assert check.pending() and not check.holds()
    check.record(True)
    check.record(False)
    assert check.pending()
    check.record(False)
    assert not check.pending() and check.holds()   # 1 of 3 went on
    check.record(True)   # no more counting once the check is done
    assert (check.checked, check.went_on) == (3, 1)
    even = StallCheck(2)
    even.record(True)
    even.record(False)
    assert not even.holds()   # half is not fewer than half


def test_a_pending_stall_check_lets_the_search_run_on_once():
    from pypesto_cvae.basin import (
        KnownBasinReached,
        StallCheck,
        _StoppingObjective,
    )

    def basins(check):
        return KnownBasins(np.zeros((2, 1)), [10.0, 20.0], [-1], [1],
                           radius=0.0, fval_tol=1.0, stall_evals=3,
                           stall_check=check)

    check = StallCheck(1)
    objective = _StoppingObjective(lambda x: 10.2, basins(check))
    for _ in range(8):   # would stop at the 3rd evaluation
        objective(np.zeros(1))
    # its best value when the stop would have ended it
    assert objective._checked_best == 10.2
    # the check passes: the next search resting there stops
    check.record(False)
    assert check.holds()
    with pytest.raises(KnownBasinReached, match="value 10"):
        _rest_at(basins(check), 10.2)
    # a check that failed turns the stall stop off for the run
    failed = StallCheck(1)
    failed.record(True)
    assert not basins(failed).stalls()
    assert _rest_at(basins(failed), 10.2) == 10.2
    assert basins(None).stalls()


def test_a_stall_check_from_distinct_optima_lets_the_stop_act_before():
    from pypesto_cvae.basin import (
        KnownBasinReached,
        StallCheck,
        _StoppingObjective,
        distinct_values,
    )

    assert distinct_values([]) == 0
    assert distinct_values([1.0, 1.05, 1.09, 1.3, np.inf, np.nan]) == 2
    for bad in (-1, 1.5, True):
        with pytest.raises(ValueError, match="start"):
            StallCheck(1, start=bad)

    def basins(fval, check):
        fval = np.asarray(fval, float)
        return KnownBasins(np.zeros((fval.size, 1)), fval, [-1], [1],
                           radius=0.0, fval_tol=1.0, stall_evals=3,
                           stall_check=check)

    check = StallCheck(1, start=3)
    # two distinct values known (10.0 and 10.05 count as one): the stop
    # acts as without a check, and nothing is checked
    assert not check.sampling(np.array([10.0, 10.05, 20.0]))
    with pytest.raises(KnownBasinReached, match="value 10"):
        _rest_at(basins([10.0, 10.05, 20.0], check), 10.2)
    assert check.pending() and check.checked == 0
    # from three distinct values on, the would-be stop runs on
    assert check.sampling(np.array([10.0, 15.0, 20.0]))
    objective = _StoppingObjective(lambda x: 10.2,
                                   basins([10.0, 15.0, 20.0], check))
    for _ in range(8):
        objective(np.zeros(1))
    assert objective._checked_best == 10.2
    objective.check_end(10.2)
    assert check.holds() and not check.sampling(np.array([10.0, 15.0, 20.0]))
    with pytest.raises(ValueError, match="basin_stall_check_from"):
        IterationOptions(basin_stall_check_from=2)
    with pytest.raises(ValueError, match="basin_stall_check_from"):
        IterationOptions(basin_stall_check=3, basin_stall_check_from=-1)
    opt = CVAEOptimizer(
        local_optimizer=pypesto.optimize.FidesOptimizer(),
        options=IterationOptions(basin_stall_check=3,
                                 basin_stall_check_from=5))
    assert opt.stall_check == StallCheck(3, start=5)


def test_the_stall_check_counts_where_a_fides_search_ends():
    from pypesto_cvae.basin import StallCheck

    problem = make_problem()
    x0 = [0.1, 1.2, -0.1, 0.05]   # stalls at LOCAL's value, ends there
    plain = _search(problem, default_local_optimizer(), x0)
    basins = _basins(problem, radius=0.0)
    basins.stall_evals = 2
    basins.stall_check = StallCheck(1)
    checked = _search(
        problem, BasinStopOptimizer(default_local_optimizer(), basins), x0)
    # it ran to its end, no lower than its best value at the would-be stop
    assert checked.n_fval == plain.n_fval
    assert (basins.stall_check.checked, basins.stall_check.went_on) == (1, 0)
    stopped = _search(
        problem, BasinStopOptimizer(default_local_optimizer(), basins), x0)
    assert "known optimum" in str(stopped.message)
    assert stopped.n_fval < plain.n_fval
    # what counts: ends more than fval_tol below the search's best value
    # at the would-be stop; ends that say nothing do not count
    from pypesto_cvae.basin import (
        PACE_MESSAGE,
        PROGRESS_MESSAGE,
        _StoppingObjective,
    )

    basins.stall_check = StallCheck(9)
    objective = _StoppingObjective(lambda x: 10.0, basins)
    objective.check_end(5.0)   # not a search the stop would have ended
    assert basins.stall_check.checked == 0
    vars(objective)["_checked_best"] = 10.0
    for fval, message in ((8.5, ""), (9.5, ""), (np.inf, ""),
                          (5.0, PACE_MESSAGE), (5.0, PROGRESS_MESSAGE)):
        BasinStopOptimizer._check(pypesto.OptimizerResult(
            fval=fval, message=message), objective)
    assert (basins.stall_check.checked, basins.stall_check.went_on) == (2, 1)


def test_the_stall_check_is_one_per_run_and_validated():
    from pypesto_cvae.basin import StallCheck

    assert IterationOptions().basin_stall_check == 0
    for bad in (-1, 2.5, True):
        with pytest.raises(ValueError, match="basin_stall_check"):
            IterationOptions(basin_stall_check=bad)
    plain = CVAEOptimizer(local_optimizer=pypesto.optimize.FidesOptimizer())
    assert plain.stall_check is None
    assert plain.round_optimizer(make_problem()).basins.stall_check is None
    opt = CVAEOptimizer(local_optimizer=pypesto.optimize.FidesOptimizer(),
                        options=IterationOptions(basin_stall_check=3))
    assert opt.stall_check == StallCheck(3)
    problem = make_problem()
    first = opt.round_optimizer(problem).basins.stall_check
    assert first is opt.stall_check
    assert opt.round_optimizer(problem).basins.stall_check is first
    opt.stall_check.record(True)
    opt.reset()   # a new run starts a new check
    assert opt.stall_check == StallCheck(3)
    # without the stall stop there is nothing to check
    off = CVAEOptimizer(
        local_optimizer=pypesto.optimize.FidesOptimizer(),
        options=IterationOptions(basin_stall_check=3, basin_stall_evals=0))
    assert off.round_optimizer(problem).basins.stall_check is None
    assert cloudpickle.loads(cloudpickle.dumps(opt.stall_check)) \
        == opt.stall_check

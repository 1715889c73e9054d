"""Tests of the iterative CVAEOptimizer."""

from __future__ import annotations

import dataclasses

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pypesto
import pypesto.engine
import pypesto.optimize as optimize
import pypesto.store
import pypesto.visualize
import pytest
from conftest import make_problem

from pypesto_cvae import CVAEOptimizer, IterationOptions
from pypesto_cvae import iterative as iterative_module

SETTINGS = {"max_epochs": 60}


def _optimizer(seed=0, n_rounds=3, n_starts=8, **kwargs):
    return CVAEOptimizer(
        local_optimizer=optimize.ScipyOptimizer(), n_rounds=n_rounds,
        n_starts=n_starts, seed=seed, **SETTINGS, **kwargs,
    )


@pytest.fixture(scope="module")
def run():
    """Three rounds of eight starts on the Rastrigin problem."""
    problem = make_problem()
    opt = _optimizer()
    return problem, opt, opt.minimize(problem, progress_bar=False)


def test_result_holds_all_rounds_sorted_with_round_ids(run):
    """All starts are in one result, sorted, ids naming their round."""
    problem, opt, result = run
    ids = result.optimize_result.id
    assert len(ids) == 24
    for k in range(3):
        assert sorted(i for i in ids if i.startswith(f"r{k}_")) == sorted(
            f"r{k}_{i}" for i in range(8)
        )
    fvals = np.array(result.optimize_result.fval)
    finite = fvals[np.isfinite(fvals)]
    assert np.all(np.diff(finite) >= 0)
    assert result.problem is problem


def test_round_schedule(run):
    """Round 0 is Latin hypercube; later rounds mostly cVAE."""
    _, opt, _ = run
    assert (opt.rounds[0].n_cvae, opt.rounds[0].n_explore) == (0, 8)
    # 8 local searches of min_searches=10: 0.8 x 0.8 of round 1 is cVAE
    assert (opt.rounds[1].n_cvae, opt.rounds[1].n_explore) == (5, 3)
    assert opt.rounds[1].train_cpu_s > 0
    # round 2: 20 % explore, or 60 % if round 1 found no new optimum
    opt.rounds, last = opt.rounds[:2], opt.rounds[2]
    assert last.n_explore == round(8 * opt.explore_share())
    assert last.n_cvae + last.n_explore == 8
    opt.rounds.append(last)


def test_startpoint_method_is_restored(run):
    """The user's startpoint method is left as it was."""
    problem = make_problem()
    method = pypesto.startpoint.UniformStartpoints()
    problem.startpoint_method = method
    _optimizer(n_rounds=2).minimize(problem, progress_bar=False)
    assert problem.startpoint_method is method


def test_store_and_waterfall(run, tmp_path):
    """The result works with pypesto.store and pypesto.visualize."""
    _, _, result = run
    path = tmp_path / "result.hdf5"
    pypesto.store.write_result(result, str(path), overwrite=True)
    back = pypesto.store.read_result(str(path), optimize=True)
    assert back.optimize_result.id == result.optimize_result.id
    ax = pypesto.visualize.waterfall(back)
    assert ax is not None


def test_file_written_after_every_round(tmp_path, monkeypatch):
    """With a filename, each finished round is written before the next."""
    sizes = []
    original = iterative_module.write_checkpoint

    def spy(result, filename, state=None):
        sizes.append(len(result.optimize_result))
        original(result, filename, state)

    monkeypatch.setattr(iterative_module, "write_checkpoint", spy)
    path = tmp_path / "run.hdf5"
    _optimizer(n_rounds=3, n_starts=5).minimize(
        make_problem(), progress_bar=False, filename=path
    )
    assert sizes == [5, 10, 15]
    back = pypesto.store.read_result(str(path), optimize=True)
    assert len(back.optimize_result) == 15
    assert not list(tmp_path.glob(".*.tmp"))


def test_existing_file_needs_overwrite(tmp_path):
    """An existing result file is not replaced unless asked."""
    path = tmp_path / "run.hdf5"
    path.write_text("precious")
    with pytest.raises(FileExistsError):
        _optimizer(n_rounds=1).minimize(
            make_problem(), progress_bar=False, filename=path,
            overwrite=False,
        )
    assert path.read_text() == "precious"


def test_same_seed_same_run_other_seed_other_run(run):
    """Equal seeds reproduce all startpoints; other seeds differ."""
    _, _, result = run
    again = _optimizer().minimize(make_problem(), progress_bar=False)
    other = _optimizer(seed=1).minimize(make_problem(), progress_bar=False)

    def x0s(res):
        return {o.id: tuple(o.x0) for o in res.optimize_result}

    assert x0s(again) == x0s(result)
    assert x0s(other) != x0s(result)


def test_multiprocess_engine_gives_single_core_results(run):
    """MultiProcessEngine and the single core give the same starts."""
    _, _, result = run
    multi = _optimizer().minimize(
        make_problem(), engine=pypesto.engine.MultiProcessEngine(n_procs=2),
        progress_bar=False,
    )
    single = {o.id: o.fval for o in result.optimize_result}
    for o in multi.optimize_result:
        assert o.fval == pytest.approx(single[o.id], rel=1e-9, abs=1e-9)


def test_ask_tell_by_hand():
    """Users can drive rounds themselves with ask and tell."""
    problem = make_problem()
    opt = _optimizer(n_starts=6)
    for k in range(2):
        xs = opt.ask(problem)
        assert xs.shape == (6, 4)
        assert np.all(xs >= problem.lb) and np.all(xs <= problem.ub)
        problem.set_x_guesses(xs)
        problem.startpoint_method = pypesto.startpoint.UniformStartpoints(
            use_guesses=True
        )
        res = optimize.minimize(
            problem, optimize.ScipyOptimizer(), n_starts=6,
            history_options=iterative_module.TRACE_HISTORY_OPTIONS,
            progress_bar=False,
        )
        stats = opt.tell(problem, res)
        assert stats.round == k and stats.n_starts == 6
    assert len(opt.data) > 12


def test_first_round_size_and_explore_fraction():
    """IterationOptions set round-0 size and the exploration share."""
    opt = _optimizer(
        n_rounds=2, n_starts=10,
        options=IterationOptions(n_starts_first=12, explore_fraction=0.5),
    )
    opt.minimize(make_problem(), progress_bar=False)
    assert [r.n_starts for r in opt.rounds] == [12, 10]
    assert opt.rounds[1].n_cvae == 5


def test_fides_default_sees_only_feasible_starts():
    """With the default Fides optimizer no start exceeds the bounds."""
    problem = make_problem()
    opt = CVAEOptimizer(n_rounds=2, n_starts=5, seed=0, **SETTINGS)
    result = opt.minimize(problem, progress_bar=False)
    messages = " ".join(str(o.message) for o in result.optimize_result)
    assert "Exceeded" not in messages


def _starts(result) -> dict:
    """Per start id: its startpoint and final value."""
    return {o.id: (tuple(o.x0), o.fval) for o in result.optimize_result}


def _full_and_resumed(make, path):
    """Three rounds in one go, and two rounds to ``path`` resumed to three.

    ``make(n_rounds)`` builds the optimizer; returns ``(full optimizer,
    full result, resumed optimizer, resumed result)``.
    """
    full_opt = make(3)
    full = full_opt.minimize(make_problem(), progress_bar=False)
    make(2).minimize(make_problem(), progress_bar=False, filename=path)
    resumed_opt = make(3)
    resumed = resumed_opt.minimize(make_problem(), progress_bar=False,
                                   filename=path, resume=True)
    return full_opt, full, resumed_opt, resumed


def test_resume_continues_after_the_last_round(tmp_path):
    """A stopped run resumed from its file equals an uninterrupted run."""
    path = tmp_path / "run.hdf5"
    _, full, resumed_opt, resumed = _full_and_resumed(
        lambda n_rounds: _optimizer(n_rounds=n_rounds, n_starts=5), path)
    assert [r.round for r in resumed_opt.rounds] == [0, 1, 2]
    assert _starts(resumed) == _starts(full)
    back = pypesto.store.read_result(str(path), optimize=True)
    assert len(back.optimize_result) == 15


def test_resume_with_the_trend_equals_an_uninterrupted_run(tmp_path):
    """The trend is rebuilt from the stored starts (start ids name them)."""
    path = tmp_path / "run.hdf5"
    options = IterationOptions(trend_candidates=3, explore_fraction=0.5)
    full_opt, full, resumed_opt, resumed = _full_and_resumed(
        lambda n_rounds: _optimizer(n_rounds=n_rounds, n_starts=8,
                                    options=options), path)
    assert _starts(resumed) == _starts(full)
    assert len(resumed_opt.trend) == len(full_opt.trend) > 8


def test_resume_refuses_other_settings(tmp_path):
    """Resuming with another seed or size is refused with a clear error."""
    path = tmp_path / "run.hdf5"
    _optimizer(n_rounds=1, n_starts=5).minimize(
        make_problem(), progress_bar=False, filename=path
    )
    with pytest.raises(ValueError, match="seed"):
        _optimizer(seed=9, n_rounds=2, n_starts=5).minimize(
            make_problem(), progress_bar=False, filename=path, resume=True
        )
    with pytest.raises(FileNotFoundError):
        _optimizer(n_rounds=2).minimize(
            make_problem(), filename=tmp_path / "none.hdf5", resume=True
        )


def test_stored_data_stay_bounded():
    """max_stored caps the data kept between rounds, keeping the best."""
    opt = _optimizer(n_rounds=2, n_starts=5,
                     options=IterationOptions(max_stored=30))
    result = opt.minimize(make_problem(), progress_bar=False)
    assert len(opt.data) == 30
    assert opt.data.best()[1] == pytest.approx(
        min(np.nanmin(o.history.get_fval_trace())
            for o in result.optimize_result)
    )


def test_overhead_bound_limits_training():
    """max_overhead gives training only its CPU allowance (one epoch)."""
    opt = _optimizer(n_rounds=2, n_starts=5,
                     options=IterationOptions(max_overhead=1e-9))
    opt.minimize(make_problem(), progress_bar=False)
    assert opt.model.stats["epochs"] == 1
    free = _optimizer(n_rounds=2, n_starts=5)
    free.minimize(make_problem(), progress_bar=False)
    assert free.model.stats["epochs"] > 1


def test_stalled_rounds_raise_the_explore_share():
    """Rounds without a new optimum push starts to Latin hypercube."""
    from pypesto_cvae import RoundStats

    opt = _optimizer(options=IterationOptions(adaptive_explore=True))
    fixed = _optimizer()  # a fixed explore share is the default
    for opt_ in (opt, fixed):
        opt_.rounds = [
            RoundStats(round=k, n_starts=5, n_cvae=0, n_explore=5,
                       best_fval=f)
            for k, f in enumerate([10.0, 5.0, 5.5, 4.0])
        ]
    # 5.5 and 4.0 do not beat 5.0 by more than 1.92: two stalled rounds
    assert opt.stalled_rounds() == 2
    assert opt.explore_share() == pytest.approx(1 - 0.8 * 0.25)
    assert fixed.explore_share() == pytest.approx(0.2)
    opt.rounds.append(RoundStats(round=4, n_starts=5, n_cvae=0,
                                 n_explore=5, best_fval=1.0))
    assert opt.stalled_rounds() == 0
    assert opt.explore_share() == pytest.approx(0.2)


def test_rounds_count_new_optima_per_source(run):
    """Later rounds split their finished starts into learned/explore."""
    _, opt, result = run
    assert opt.rounds[0].n_done_cvae == opt.rounds[0].n_done_explore == 0
    for r in opt.rounds[1:]:
        k = r.round
        fvals = [o.fval for o in result.optimize_result.list
                 if o.id.startswith(f"r{k}_")]
        assert r.n_done_cvae + r.n_done_explore == np.sum(np.isfinite(fvals))
        assert r.n_done_cvae <= r.n_cvae and r.n_done_explore <= r.n_explore
        assert 0 <= r.n_new_cvae <= r.n_done_cvae
        assert 0 <= r.n_new_explore <= r.n_done_explore
        # learned starts are the round's first ids (CVAEOptimizer.ask)
        learned = [o for o in result.optimize_result.list
                   if o.id.startswith(f"r{k}_")
                   and int(o.id.split("_")[1]) < r.n_cvae]
        assert r.n_done_cvae == sum(np.isfinite(o.fval) for o in learned)
    earlier = [o.fval for o in result.optimize_result.list
               if o.id.startswith("r0_")]
    new_in_1 = [o for o in result.optimize_result.list
                if o.id.startswith("r1_") and np.isfinite(o.fval)
                and np.all(np.abs(np.array(earlier) - o.fval) > 0.1)]
    assert opt.rounds[1].n_new_cvae + opt.rounds[1].n_new_explore == len(
        new_in_1
    )


def test_improvement_reward_counts_new_best_optima():
    """explore_reward="improvement" counts starts beating all earlier ones."""
    problem = make_problem()
    # a run whose later round beats round 0 (learned starts in random
    # order, as when the test was written)
    options = IterationOptions(explore_gain=2.0, explore_reward="improvement",
                               improvement_tol=0.5, lowest_labels_first=False)
    opt = _optimizer(n_rounds=2, options=options)
    result = opt.minimize(problem, progress_bar=False)
    fvals = {k: np.array([o.fval for o in result.optimize_result.list
                          if o.id.startswith(f"r{k}_")]) for k in (0, 1)}
    earlier = fvals[0][np.isfinite(fvals[0])]
    later = fvals[1][np.isfinite(fvals[1])]
    better = np.sum(later < earlier.min() - 0.5)
    novel = sum(np.all(np.abs(earlier - f) > 0.1) for f in later)
    assert novel != better > 0  # the two rewards differ on this run
    r = opt.rounds[1]
    assert r.n_new_cvae + r.n_new_explore == better
    with pytest.raises(ValueError, match="explore_reward"):
        IterationOptions(explore_reward="best")


def _with_counts(opt, new_cvae, done_cvae, new_explore, done_explore):
    from pypesto_cvae import RoundStats

    opt.rounds = [
        RoundStats(round=0, n_starts=20, n_cvae=0, n_explore=20),
        RoundStats(round=1, n_starts=done_cvae + done_explore,
                   n_cvae=done_cvae, n_explore=done_explore,
                   n_done_cvae=done_cvae, n_new_cvae=new_cvae,
                   n_done_explore=done_explore, n_new_explore=new_explore),
    ]
    return opt


def test_explore_gain_follows_the_sources_novelty():
    """Learned starts that re-find known optima shift starts to LHS."""
    gain = IterationOptions(explore_gain=2.0)
    # learned: 2 new of 40; explore: 5 of 10 -> towards Latin hypercube
    stale = _with_counts(_optimizer(options=gain), 2, 40, 5, 10)
    rate_cvae, rate_explore = stale.novelty_rates()
    pooled = 7 / 50
    assert rate_cvae == pytest.approx((2 + 10 * pooled) / 50)
    assert rate_explore == pytest.approx((5 + 10 * pooled) / 20)
    odds = 0.25 * (rate_explore / rate_cvae) ** 2
    assert stale.explore_share() == pytest.approx(min(odds / (1 + odds), 0.8))
    assert stale.explore_share() > 0.5
    # as often new from both sources, or never new: the fixed share
    same = _with_counts(_optimizer(options=gain), 8, 40, 2, 10)
    assert same.explore_share() == pytest.approx(0.2)
    none = _with_counts(_optimizer(options=gain), 0, 40, 0, 10)
    assert np.isnan(none.novelty_rates()[0])
    assert none.explore_share() == pytest.approx(0.2)
    # learned starts finding more new optima: fewer explore, at least 0.1
    fresh = _with_counts(_optimizer(options=gain), 30, 40, 0, 10)
    assert fresh.explore_share() == pytest.approx(0.1)
    assert IterationOptions().explore_gain == 0.0  # off by default
    # without the gain, the counts change nothing
    off = _with_counts(
        _optimizer(options=IterationOptions(explore_gain=0.0)), 2, 40, 5, 10
    )
    assert off.explore_share() == pytest.approx(0.2)
    with pytest.raises(ValueError, match="explore_gain"):
        IterationOptions(explore_gain=-1.0)


def test_jitter_share_mixes_perturbed_best_ends_into_learned_starts():
    """jitter_fraction: learned starts alternate cVAE and jittered ends."""
    problem = make_problem()
    options = IterationOptions(jitter_fraction=0.5, jitter_sd=0.01,
                               stall_spread=0.0)
    opt = _optimizer(n_rounds=2, n_starts=12, options=options)
    result = opt.minimize(problem, progress_bar=False)
    r0, r1 = opt.rounds
    assert r0.n_jitter == 0 and r1.n_cvae > 0
    assert r1.n_jitter == round(0.5 * r1.n_cvae)
    assert r1.n_done_jitter <= r1.n_done_cvae
    assert 0 <= r1.n_new_jitter <= r1.n_done_jitter
    assert r1.n_new_jitter <= r1.n_new_cvae
    # the jittered starts lie within a few sd of the 5 best round-0 ends
    ends = [o for o in result.optimize_result.list if o.id.startswith("r0_")]
    best = np.array([o.x for o in sorted(ends, key=lambda o: o.fval)[:5]])
    starts = {int(o.id.split("_")[1]): np.asarray(o.x0)
              for o in result.optimize_result.list if o.id.startswith("r1_")}
    width = problem.ub - problem.lb
    near = [np.min(np.max(np.abs(best - starts[i]) / width, axis=1)) < 0.05
            for i in range(r1.n_cvae)]
    assert sum(near) >= r1.n_jitter
    # ... spread evenly among the learned ones, not all at one end
    assert near[0] != near[1] or near[1] != near[2]
    assert opt.jitter_share() == pytest.approx(0.5)  # no gain: fixed
    assert IterationOptions().jitter_fraction == 0.0  # off by default
    for bad in ({"jitter_fraction": 1.5}, {"jitter_gain": -1.0},
                {"jitter_best": 0}, {"jitter_sd": 0.0}):
        with pytest.raises((ValueError, TypeError)):
            IterationOptions(**bad)


def test_stall_jitter_moves_stalled_rounds_to_perturbed_best_ends():
    """stall_jitter: each stalled round moves learned starts to jitter."""
    from pypesto_cvae import RoundStats

    opt = _optimizer(options=IterationOptions(stall_jitter=0.4))
    opt.rounds = [
        RoundStats(round=k, n_starts=5, n_cvae=0, n_explore=5, best_fval=f)
        for k, f in enumerate([10.0, 5.0, 5.5, 4.0])
    ]
    assert opt.stalled_rounds() == 2
    assert opt.jitter_share() == pytest.approx(0.8)
    opt.options = IterationOptions(stall_jitter=0.4, jitter_fraction=0.3)
    assert opt.jitter_share() == 1.0   # capped
    opt.rounds.append(RoundStats(round=4, n_starts=5, n_cvae=0,
                                 n_explore=5, best_fval=1.0))
    assert opt.jitter_share() == pytest.approx(0.3)   # a new optimum
    assert IterationOptions().stall_jitter == 0.0   # off by default
    with pytest.raises(ValueError, match="stall_jitter"):
        IterationOptions(stall_jitter=-0.1)
    # in a run: with a tolerance no round can beat, round 1 is the cVAE's
    # (nothing stalled yet) and round 2 all jitter, with no network trained
    options = IterationOptions(stall_jitter=1.0, improvement_tol=1e9,
                               stall_spread=0.0)
    opt = _optimizer(n_rounds=3, n_starts=12, options=options)
    opt.minimize(make_problem(), progress_bar=False)
    r0, r1, r2 = opt.rounds
    assert r1.n_jitter == 0 and r1.n_cvae > 0 and r1.train_cpu_s > 0
    assert r2.n_cvae > 0 and r2.n_jitter == r2.n_cvae
    assert r2.train_cpu_s == 0


def _after_one_learned_round(options: dict, n_learned: int, **counts):
    """An optimizer told round 0 (20 Latin-hypercube starts) and round 1.

    Round 1: ``n_learned`` learned starts, all finished, with ``counts``
    (further ``RoundStats`` fields).
    """
    from pypesto_cvae import RoundStats

    opt = _optimizer(options=IterationOptions(**options))
    opt.rounds = [
        RoundStats(round=0, n_starts=20, n_cvae=0, n_explore=20),
        RoundStats(round=1, n_starts=n_learned, n_cvae=n_learned,
                   n_explore=0, n_done_cvae=n_learned, **counts),
    ]
    return opt


def test_jitter_gain_follows_the_learned_sources_novelty():
    """jitter_gain moves the learned share towards the fresher source."""

    def counts(new_cvae, done_cvae, new_jitter, done_jitter, **options):
        return _after_one_learned_round(
            options, done_cvae + done_jitter,
            n_new_cvae=new_cvae + new_jitter, n_jitter=done_jitter,
            n_done_jitter=done_jitter, n_new_jitter=new_jitter)

    mixed = {"jitter_fraction": 0.5, "jitter_gain": 2.0}
    # cVAE 2 new of 20, jitter 6 of 20 -> towards jitter
    opt = counts(2, 20, 6, 20, **mixed)
    rate_cvae, rate_jitter = opt.jitter_rates()
    pooled = 8 / 40
    assert rate_cvae == pytest.approx((2 + 10 * pooled) / 30)
    assert rate_jitter == pytest.approx((6 + 10 * pooled) / 30)
    odds = (rate_jitter / rate_cvae) ** 2
    assert opt.jitter_share() == pytest.approx(odds / (1 + odds))
    assert opt.jitter_share() > 0.5
    # the other way round, and bounded: each source keeps 10 %
    assert counts(6, 20, 2, 20, **mixed).jitter_share() < 0.5
    assert counts(20, 20, 0, 20, **mixed).jitter_share() == pytest.approx(0.1)
    assert counts(0, 20, 20, 20, **mixed).jitter_share() == pytest.approx(0.9)
    # nothing new yet, or no gain: the fixed share
    assert counts(0, 20, 0, 20, **mixed).jitter_share() == 0.5
    assert counts(2, 20, 6, 20, jitter_fraction=0.5).jitter_share() == 0.5
    # the learned/explore rates still count both kinds as learned
    assert opt.novelty_rates()[0] == pytest.approx(
        (8 + 10 * 8 / 40) / 50)


def test_interleave_spreads_the_second_rows_evenly():
    """_interleave keeps each part's order and spreads the second."""
    a = np.arange(6.0)[:, None]
    b = -np.arange(1.0, 4.0)[:, None]
    out = iterative_module._interleave(a, b)[:, 0]
    assert out.tolist() == [0, -1, 1, 2, -2, 3, 4, -3, 5]
    assert iterative_module._interleave(None, b).tolist() == b.tolist()


def test_spread_widens_the_generated_startpoints(run):
    """generate(spread=...) adds noise in the unit box, within bounds."""
    problem, opt, _ = run
    plain = opt.model.generate(200, np.random.default_rng(1))
    wide = opt.model.generate(200, np.random.default_rng(1), spread=0.3)
    assert np.all(wide >= problem.lb) and np.all(wide <= problem.ub)
    width = problem.ub - problem.lb
    assert np.mean(np.abs(wide - plain) / width) > 0.1
    assert np.mean(np.std(wide, axis=0) / width) > np.mean(
        np.std(plain, axis=0) / width
    )


def test_spent_overhead_allowance_reuses_the_last_model():
    """With no allowance left, a round samples without training."""
    from pypesto_cvae import RoundStats

    problem = make_problem()
    opt = _optimizer(n_rounds=2, n_starts=5,
                     options=IterationOptions(max_overhead=0.05))
    opt.minimize(problem, progress_bar=False)
    model = opt.model
    opt.rounds.append(RoundStats(round=2, n_starts=5, n_cvae=4, n_explore=1,
                                 train_cpu_s=1e6))
    xs = opt.ask(problem)
    assert opt.model is model
    assert opt._pending.train_cpu_s == 0 and opt._pending.n_cvae > 0
    assert xs.shape == (opt.n_starts, problem.dim)


def test_few_local_searches_shrink_the_learned_share():
    """Until min_searches starts finished, Latin hypercube fills in."""
    from pypesto_cvae import RoundStats

    opt = _optimizer()
    off = _optimizer(options=IterationOptions(min_searches=1))
    for opt_ in (opt, off):
        opt_.rounds = [RoundStats(round=0, n_starts=3, n_cvae=0,
                                  n_explore=3, best_fval=1.0)]
    assert opt.explore_share() == pytest.approx(1 - 0.8 * 0.3)
    assert off.explore_share() == pytest.approx(0.2)
    opt.rounds.append(RoundStats(round=1, n_starts=7, n_cvae=1,
                                 n_explore=6, best_fval=0.0))
    assert opt.explore_share() == pytest.approx(0.2)
    with pytest.raises(ValueError, match="min_searches"):
        IterationOptions(min_searches=0)


def test_no_learned_starts_before_learn_min_searches():
    """Rounds stay Latin hypercube until that many searches finished."""
    problem = make_problem()
    held = _optimizer(n_starts=4, options=IterationOptions(
        learn_min_searches=6))
    held.minimize(problem, progress_bar=False)
    assert [r.n_cvae for r in held.rounds[:2]] == [0, 0]
    assert [r.n_explore for r in held.rounds[:2]] == [4, 4]
    assert held.searches_seen() == 12
    assert held.rounds[2].n_cvae > 0   # 8 searches seen before round 2
    default = _optimizer(n_starts=4)
    default.minimize(problem, progress_bar=False)
    assert IterationOptions().learn_min_searches == 0
    assert default.rounds[1].n_cvae > 0
    for bad in (-1, 2.5, True):
        with pytest.raises(ValueError, match="learn_min_searches"):
            IterationOptions(learn_min_searches=bad)


def test_unstarted_exploration_points_come_back_first():
    """A round cut short leaves its Latin-hypercube points to the next."""
    problem = make_problem()
    opt = _optimizer(n_starts=6)
    xs = opt.ask(problem)
    res = iterative_module._run_round(
        problem, optimize.ScipyOptimizer(), xs[:2], ["a", "b"], None, False
    )
    opt.tell(problem, res)
    nxt = opt.ask(problem)
    n_cvae = opt._pending.n_cvae  # 0 if 2 starts are too little data
    assert opt._pending.n_explore == 6 - n_cvae
    # the explore rows start with the four points round 0 never ran
    reused = min(4, 6 - n_cvae)
    np.testing.assert_array_equal(
        nxt[n_cvae : n_cvae + reused], xs[2 : 2 + reused]
    )
    assert len(opt._unstarted) == 4 - reused


def test_base_spread_and_stall_spread_add_up(monkeypatch):
    """The cVAE's noise is spread + stall_spread x stalled rounds."""
    from pypesto_cvae import RoundStats

    problem = make_problem()
    opt = _optimizer(n_rounds=2, n_starts=5,
                     options=IterationOptions(spread=0.05, stall_spread=0.1))
    opt.minimize(problem, progress_bar=False)
    seen = []
    generate = type(opt.model).generate

    def spy(self, n, rng, target=None, spread=0.0, **kwargs):
        seen.append(spread)
        return generate(self, n, rng, target, spread, **kwargs)

    monkeypatch.setattr(type(opt.model), "generate", spy)
    for fvals in ([10.0, 5.0], [10.0, 5.0, 5.0, 4.0]):
        # no stall, then two rounds that do not beat 5.0 by 1.92
        opt.rounds = [RoundStats(round=k, n_starts=5, n_cvae=4, n_explore=1,
                                 best_fval=f) for k, f in enumerate(fvals)]
        opt._pending = None
        opt.ask(problem)
    assert seen == [pytest.approx(0.05), pytest.approx(0.25)]
    with pytest.raises(ValueError, match="spread"):
        IterationOptions(spread=-0.1)


@pytest.mark.parametrize("start_spread", [None, 0.0, 0.2])
def test_start_spread_sets_the_start_models_noise(monkeypatch, start_spread):
    """start_spread replaces spread on the start model's proposals only."""
    from pypesto_cvae.training import TrainedCVAE

    problem = make_problem()
    options = IterationOptions(spread=0.05, stall_spread=0.0,
                               start_spread=start_spread)
    opt = _optimizer(n_rounds=2, n_starts=24, options=options)
    opt.minimize(problem, progress_bar=False)
    seen = []
    generate = TrainedCVAE.generate

    def spy(self, n, rng, target=None, spread=0.0, **kwargs):
        seen.append((self is opt.start_model, spread))
        return generate(self, n, rng, target, spread, **kwargs)

    monkeypatch.setattr(TrainedCVAE, "generate", spy)
    opt.ask(problem)
    assert opt._pending.n_start > 0
    expected = 0.05 if start_spread is None else start_spread
    assert sorted(seen) == [(False, pytest.approx(0.05)),
                            (True, pytest.approx(expected))]
    with pytest.raises(ValueError, match="start_spread"):
        IterationOptions(start_spread=-0.1)


def test_lowest_labels_first_orders_the_learned_points(monkeypatch):
    """With the option, the cVAE's points come lowest label first."""
    from pypesto_cvae.training import TrainedCVAE

    problem = make_problem()
    seen = []
    generate = TrainedCVAE.generate

    def spy(self, n, rng, target=None, spread=0.0, ordered=False,
            **kwargs):
        seen.append(ordered)
        return generate(self, n, rng, target, spread, ordered, **kwargs)

    monkeypatch.setattr(TrainedCVAE, "generate", spy)
    for flag in (False, True):
        opt = _optimizer(n_rounds=2, n_starts=6, options=IterationOptions(
            lowest_labels_first=flag))
        opt.minimize(problem, progress_bar=False)
    assert seen == [False, True]
    assert IterationOptions().lowest_labels_first is True  # the default (v13)


def test_local_fraction_decodes_near_the_best_endpoints(monkeypatch):
    """local_fraction of the cVAE's points centre on the best endpoints."""
    problem = make_problem()
    opt = _optimizer(n_rounds=1, n_starts=10,
                     options=IterationOptions(local_fraction=0.5,
                                              explore_fraction=0.0))
    result = opt.minimize(problem, progress_bar=False)
    finals = sorted(o.fval for o in result.optimize_result
                    if np.isfinite(o.fval))
    # one row per distinct final point (equal ones are merged)
    ends = opt.ends.fval[np.isfinite(opt.ends.fval)]
    assert set(np.round(ends, 8)) == set(np.round(finals, 8))
    from pypesto_cvae.training import TrainedCVAE

    seen = {}
    near = TrainedCVAE.generate_near

    def spy(self, x, fval, n, rng, target=None, scale=0.5, spread=0.0,
            **kwargs):
        seen.update(fval=np.asarray(fval), n=n, scale=scale,
                    own=kwargs.get("own_label"))
        return near(self, x, fval, n, rng, target, scale, spread, **kwargs)

    monkeypatch.setattr(TrainedCVAE, "generate_near", spy)
    xs = opt.ask(problem)
    assert xs.shape == (10, problem.dim) and opt._pending.n_cvae == 10
    assert seen["n"] == 5 and seen["scale"] == 0.5 and seen["own"] is False
    opt.options = dataclasses.replace(opt.options, local_label="own")
    opt.ask(problem)
    assert seen["own"] is True
    assert seen["fval"][0] == pytest.approx(finals[0])
    assert 1 <= seen["fval"].size <= 5
    with pytest.raises(ValueError, match="local_fraction"):
        IterationOptions(local_fraction=1.5)
    with pytest.raises(ValueError, match="local_scale"):
        IterationOptions(local_scale=0)
    with pytest.raises(ValueError, match="local_label"):
        IterationOptions(local_label="best")


def test_label_by_endpoint_trains_on_the_searches_final_values():
    """label_by="endpoint": the data hold each search's final value."""
    problem = make_problem()
    opt = _optimizer(n_rounds=2, n_starts=5,
                     options=IterationOptions(label_by="endpoint"))
    result = opt.minimize(problem, progress_bar=False)
    finals = {round(float(o.fval), 8) for o in result.optimize_result
              if np.isfinite(o.fval)}
    values = opt.data.fval[np.isfinite(opt.data.fval)]
    # every finite value is some search's final value (after dedupe)
    assert set(np.round(values, 8)) <= finals
    assert opt.model is not None and opt.round == 2
    with pytest.raises(ValueError, match="label_by"):
        IterationOptions(label_by="end")


def test_an_ensemble_splits_the_learned_points_between_its_networks(
    monkeypatch,
):
    """n_models networks, each warm-started from its own, share a round."""
    from pypesto_cvae.training import TrainedCVAE

    problem = make_problem()
    opt = _optimizer(n_rounds=1, n_starts=10,
                     options=IterationOptions(n_models=3,
                                              explore_fraction=0.0,
                                              max_overhead=0.3))
    opt.minimize(problem, progress_bar=False)
    drawn = []
    generate = TrainedCVAE.generate

    def spy(self, n, *args, **kwargs):
        drawn.append((id(self), n))
        return generate(self, n, *args, **kwargs)

    monkeypatch.setattr(TrainedCVAE, "generate", spy)
    xs = opt.ask(problem, n_starts=10)
    assert xs.shape == (10, problem.dim) and opt._pending.n_cvae == 10
    models = [opt.model, *opt._extra_models]
    assert len({id(m) for m in models}) == 3
    assert sorted(n for _, n in drawn) == [3, 3, 4]
    assert {i for i, _ in drawn} == {id(m) for m in models}
    # other initialisations: the networks differ
    weights = [next(m.model.parameters()).detach().numpy() for m in models]
    assert not np.allclose(weights[0], weights[1])
    # each network's allowance is a third of the round's
    allowance = opt._round_config().training.max_cpu_s
    assert all(m.config.training.max_cpu_s == pytest.approx(allowance / 3)
               for m in models)
    with pytest.raises(ValueError, match="n_models"):
        IterationOptions(n_models=0)


def test_screen_candidates_pick_each_point_from_several(monkeypatch):
    """With a screen, later rounds draw k candidates per startpoint."""
    problem = make_problem()
    opt = _optimizer(n_starts=6,
                     options=IterationOptions(screen_candidates=4))
    xs0 = opt.ask(problem)
    res = iterative_module._run_round(
        problem, optimize.ScipyOptimizer(), xs0, list("abcdef"), None, False
    )
    opt.tell(problem, res)
    assert len(opt.screen) == 6
    sizes = []
    choose = opt.screen.choose
    monkeypatch.setattr(
        opt.screen, "choose",
        lambda c, k, by: sizes.append((len(c), k)) or choose(c, k, by),
    )
    xs = opt.ask(problem)
    stats = opt._pending
    assert xs.shape == (6, 4)
    expected = [(4 * stats.n_cvae, 4)] if stats.n_cvae else []
    assert sizes == expected + [(4 * stats.n_explore, 4)]


@pytest.mark.parametrize(
    "option, attribute",
    [("screen_candidates", "screen"), ("trend_candidates", "trend")],
)
def test_no_screen_leaves_the_startpoints_unchanged(option, attribute):
    """0 and 1 candidates give the same run as before the option."""
    problem = make_problem()
    runs = []
    for k in (0, 1):
        opt = _optimizer(n_rounds=2, n_starts=6,
                         options=IterationOptions(**{option: k}))
        res = opt.minimize(problem, progress_bar=False)
        runs.append(sorted(r.x0.tolist() for r in res.optimize_result.list))
        assert getattr(opt, attribute) is None
    assert runs[0] == runs[1]


@pytest.mark.parametrize("trend_learned", [False, True])
def test_trend_candidates_screen_the_latin_hypercube_points(
    monkeypatch, trend_learned
):
    """The trend learns from the exploration points only.

    It picks them, and with ``trend_learned`` the learned points as well.
    """
    problem = make_problem()
    opt = _optimizer(n_starts=6,
                     options=IterationOptions(trend_candidates=5,
                                              trend_learned=trend_learned,
                                              explore_fraction=0.5))
    xs0 = opt.ask(problem)
    res = iterative_module._run_round(
        problem, optimize.ScipyOptimizer(), xs0, list("abcdef"), None, False
    )
    opt.tell(problem, res)
    assert opt.screen is None and len(opt.trend) == 6
    calls = []
    choose = opt.trend.choose
    monkeypatch.setattr(
        opt.trend, "choose",
        lambda c, k, by: calls.append((len(c), k, by)) or choose(c, k, by),
    )
    xs = opt.ask(problem)
    stats = opt._pending
    assert xs.shape == (6, 4) and 0 < stats.n_explore < 6
    learned_call = [(5 * stats.n_cvae, 5, "trend")] if trend_learned else []
    assert calls == learned_call + [(5 * stats.n_explore, 5, "trend")]
    ids = [f"r1_{i}" for i in range(6)]
    res = iterative_module._run_round(
        problem, optimize.ScipyOptimizer(), xs, ids, None, False
    )
    opt.tell(problem, res)
    assert len(opt.trend) == 6 + stats.n_explore
    # a stored run's starts: learned ones come first in each round
    started = res.optimize_result.list
    learned = opt._learned_by_id(started)
    assert learned.tolist() == [
        int(o.id.split("_")[1]) < stats.n_cvae for o in started
    ]


def _fides_full_and_resumed(options, path):
    """:func:`_full_and_resumed` with Fides (the stops wrap Fides only)."""
    return _full_and_resumed(
        lambda n_rounds: CVAEOptimizer(
            local_optimizer=optimize.FidesOptimizer(), n_rounds=n_rounds,
            n_starts=12, seed=3, options=options, **SETTINGS,
        ), path)


def test_resume_with_the_pace_equals_an_uninterrupted_run(tmp_path):
    """The pace values are stored with the run (no trace histories are)."""
    full_opt, full, resumed_opt, resumed = _fides_full_and_resumed(
        IterationOptions(pace_evals=3), tmp_path / "run.hdf5")
    assert _starts(resumed) == _starts(full)
    assert sum(r.n_behind for r in full_opt.rounds) > 0
    np.testing.assert_array_equal(resumed_opt.paces, full_opt.paces)


def test_resume_with_a_pending_stall_check_equals_an_uninterrupted_run(
        tmp_path):
    """The stall check's counts are stored with the run."""
    full_opt, full, resumed_opt, resumed = _fides_full_and_resumed(
        IterationOptions(basin_stall_evals=3, basin_stall_check=20),
        tmp_path / "run.hdf5")
    assert _starts(resumed) == _starts(full)
    assert full_opt.stall_check.checked > 0
    assert full_opt.stall_check.pending()   # across the resume
    assert resumed_opt.stall_check == full_opt.stall_check
    # each round reports the counts so far
    last = full_opt.rounds[-1]
    assert (last.n_checked, last.n_went_on) == (
        full_opt.stall_check.checked, full_opt.stall_check.went_on)
    assert [r.n_checked for r in full_opt.rounds] == sorted(
        r.n_checked for r in full_opt.rounds)


def test_start_model_proposes_part_of_the_learned_starts():
    """start_fraction: a second cVAE draws part of the learned starts.

    It is trained on the Latin-hypercube and its own startpoints, each
    labelled by its search's end.
    """
    problem = make_problem()
    options = IterationOptions(start_fraction=0.5, explore_fraction=0.5)
    opt = _optimizer(n_rounds=3, n_starts=24, options=options)
    result = opt.minimize(problem, progress_bar=False)
    r0, r1, r2 = opt.rounds
    assert r0.n_start == 0 and r1.n_cvae > 0
    # round 0's 24 Latin-hypercube starts are enough to train it
    assert r1.n_start == round(0.5 * r1.n_cvae)
    assert r2.n_start == round(0.5 * r2.n_cvae)
    assert opt.start_model is not None
    # its data: every start but the cVAE's own, with the search's end
    starts = list(result.optimize_result.list)
    learned = opt._learned_by_id(starts)
    n_data = len(starts) - (learned.sum() - r1.n_start - r2.n_start)
    assert len(opt.starts) == n_data
    ends = {tuple(np.round(o.x0, 12)): o.fval for o in starts}
    for x, f in zip(opt.starts.x, opt.starts.fval, strict=True):
        assert ends[tuple(np.round(x, 12))] == pytest.approx(f)
    # with the overhead allowance spent, the last start model draws
    start_model = opt.start_model
    opt.options = dataclasses.replace(options, max_overhead=1e-12)
    opt.ask(problem)
    assert opt.start_model is start_model and opt._pending.n_start > 0
    assert opt._pending.train_cpu_s == 0
    assert IterationOptions().start_fraction == 0.5  # the default (v25)
    with pytest.raises(ValueError, match="start_fraction"):
        IterationOptions(start_fraction=1.5)


def test_start_gain_follows_the_models_lower_ends():
    """start_gain moves the learned share towards the model ending lower."""

    def counts(low_cvae, done_cvae, low_start, done_start, **options):
        return _after_one_learned_round(
            options, done_cvae + done_start, n_start=done_start,
            n_done_start=done_start, n_lower_cvae=low_cvae,
            n_lower_start=low_start)

    gain = {"start_fraction": 0.5, "start_gain": 2.0}
    # the cVAE 6 lower of 20, the start model 1 of 20 -> towards the cVAE
    opt = counts(6, 20, 1, 20, **gain)
    rate_cvae, rate_start = opt.start_rates()
    pooled = 7 / 40
    assert rate_cvae == pytest.approx((6 + 10 * pooled) / 30)
    assert rate_start == pytest.approx((1 + 10 * pooled) / 30)
    odds = (rate_start / rate_cvae) ** 2
    assert opt.start_share() == pytest.approx(odds / (1 + odds))
    assert opt.start_share() < 0.5
    # the other way round, and bounded: each model keeps 10 %
    assert counts(1, 20, 6, 20, **gain).start_share() > 0.5
    assert counts(20, 20, 0, 20, **gain).start_share() == pytest.approx(0.1)
    assert counts(0, 20, 20, 20, **gain).start_share() == pytest.approx(0.9)
    # the base share's odds are scaled, not replaced
    skewed = counts(6, 20, 1, 20, start_fraction=0.8, start_gain=2.0)
    assert skewed.start_share() == pytest.approx(4 * odds / (1 + 4 * odds))
    # nothing lower yet, no gain, or a share of 0 or 1: the fixed share
    assert counts(0, 20, 0, 20, **gain).start_share() == 0.5
    assert counts(6, 20, 1, 20, start_fraction=0.5).start_share() == 0.5
    for fixed in (0.0, 1.0):
        assert counts(6, 20, 1, 20, start_fraction=fixed,
                      start_gain=2.0).start_share() == fixed
    assert IterationOptions().start_gain == 0.0  # off by default
    with pytest.raises(ValueError, match="start_gain"):
        IterationOptions(start_gain=-1.0)


def test_start_gain_counts_and_follows_each_models_lower_ends():
    """Rounds count which model's starts ended lower; the split follows.

    Recounted here from the rounds' results: a start-model or cVAE start
    ends lower when its final value is more than ``improvement_tol``
    below every final value of the earlier rounds.
    """
    problem = make_problem()
    options = IterationOptions(start_fraction=0.5, explore_fraction=0.25,
                               start_gain=2.0)
    opt = _optimizer(n_rounds=4, n_starts=24, options=options)
    finals = np.empty(0)
    lower = {"cvae": 0, "start": 0}
    shares = []
    for k in range(4):
        share = opt.start_share()
        xs = opt.ask(problem)
        from_start = opt._asked_start.copy()
        pending = opt._pending
        res = iterative_module._run_round(
            problem, opt.round_optimizer(problem), xs,
            [f"r{k}_{i}" for i in range(len(xs))], None, False)
        stats = opt.tell(problem, res)
        results = res.optimize_result.list
        fvals = np.array([o.fval for o in results], dtype=float)
        if k:
            # the split asked for: the start model's share of the cVAE's
            assert pending.n_start == round(share * pending.n_cvae)
            shares.append(share)
            x0s = np.array([o.x0 for o in results])
            is_start = iterative_module._matches(x0s, from_start, problem)
            is_learned = iterative_module._matches(
                x0s, xs[: pending.n_cvae], problem)
            low = np.isfinite(fvals) & (
                fvals < finals.min() - options.improvement_tol)
            assert stats.n_done_start == int(
                (is_start & np.isfinite(fvals)).sum())
            assert stats.n_lower_start == int((is_start & low).sum())
            assert stats.n_lower_cvae == int(
                (is_learned & ~is_start & low).sum())
            lower["cvae"] += stats.n_lower_cvae
            lower["start"] += stats.n_lower_start
        finals = np.concatenate([finals, fvals[np.isfinite(fvals)]])
    # something ended lower, and the split moved away from 0.5 after it
    assert lower["cvae"] + lower["start"] > 0
    assert shares[0] == 0.5 and any(s != 0.5 for s in shares[1:])
    rate_cvae, rate_start = opt.start_rates()
    assert (opt.start_share() < 0.5) == (rate_start < rate_cvae)


@pytest.mark.parametrize("fallback", ["cvae", "lhs"])
def test_start_fallback_draws_the_untrained_start_models_share(fallback):
    """start_fallback: who draws the start model's share before it trains.

    With a data gate above round 0's 12 searches, the start model cannot
    train in round 1: by default the cVAE proposes its share, with
    ``"lhs"`` Latin hypercube does, and those searches become the start
    model's data, so that it trains sooner.
    """
    problem = make_problem()
    options = IterationOptions(start_fraction=0.5, explore_fraction=0.5,
                               start_fallback=fallback)
    opt = _optimizer(n_rounds=2, n_starts=12, options=options,
                     min_points=14)
    opt.minimize(problem, progress_bar=False)
    r0, r1 = opt.rounds
    assert r0.n_explore == 12 and r1.n_start == 0
    # explore share 0.5: 6 learned starts, half of them the start model's
    if fallback == "cvae":
        assert (r1.n_cvae, r1.n_explore) == (6, 6)
        assert len(opt.starts) == 12 + 6
    else:
        assert (r1.n_cvae, r1.n_explore) == (3, 9)
        assert len(opt.starts) == 12 + 9
    # enough data now: the start model draws in the next round
    opt.ask(problem)
    assert opt._pending.n_start == 3
    assert IterationOptions().start_fallback == "cvae"
    with pytest.raises(ValueError, match="start_fallback"):
        IterationOptions(start_fallback="uniform")


def test_reflect_spread_keeps_stalled_proposals_off_the_bounds():
    """reflect_spread: the stall spread's noise is mirrored at the bounds.

    After stalled rounds the noise is large (here ``stall_spread=2`` per
    stalled round); clipped, many coordinates of the proposals sit on a
    bound, mirrored none do.
    """
    problem = make_problem()
    on_bound = {}
    for reflect in (False, True):
        options = IterationOptions(stall_spread=2.0, explore_fraction=0.0,
                                   start_fraction=0.0, reflect_spread=reflect)
        opt = _optimizer(n_rounds=1, n_starts=12, options=options)
        opt.minimize(problem, progress_bar=False)
        opt.rounds[0].best_fval = -np.inf   # as if no round improved since
        opt.rounds.append(dataclasses.replace(opt.rounds[0], round=1))
        assert opt.stalled_rounds() == 1
        xs = opt.ask(problem, n_starts=200)
        assert opt._pending.n_cvae == 200
        on_bound[reflect] = np.mean((xs == problem.lb) | (xs == problem.ub))
    assert on_bound[False] > 0.3 and on_bound[True] == 0
    assert IterationOptions().reflect_spread is False


def test_start_model_not_given_to_the_jitter_share():
    """With every learned start a perturbed end, the start model is idle."""
    options = IterationOptions(start_fraction=0.5, jitter_fraction=1.0)
    opt = _optimizer(n_rounds=2, n_starts=12, options=options)
    opt.minimize(make_problem(), progress_bar=False)
    assert opt.rounds[1].n_jitter == opt.rounds[1].n_cvae > 0
    assert opt.rounds[1].n_start == 0


def test_resume_with_the_start_model_equals_an_uninterrupted_run(tmp_path):
    """The start model's data are stored with the run."""
    path = tmp_path / "run.hdf5"
    options = IterationOptions(start_fraction=0.5, explore_fraction=0.5)
    full_opt, full, resumed_opt, resumed = _full_and_resumed(
        lambda n_rounds: _optimizer(n_rounds=n_rounds, n_starts=16,
                                    options=options), path)
    assert _starts(resumed) == _starts(full)
    assert full_opt.rounds[2].n_start > 0
    np.testing.assert_array_equal(resumed_opt.starts.x, full_opt.starts.x)

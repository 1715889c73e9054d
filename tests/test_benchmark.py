"""Tests of the benchmark: metrics, censoring, tables and tiny runs."""

from __future__ import annotations

import csv
import dataclasses
import json
import time

import numpy as np
import pytest
from conftest import CORTISOL_YAML, make_problem

from pypesto_cvae.benchmark import (
    COLUMNS,
    SUCCESS_THRESHOLD,
    JitterOptimizer,
    RunRecord,
    best_known_value,
    environment,
    environments,
    format_summary,
    paired_hits,
    reached_interval,
    read_csv,
    run_method,
    run_metrics,
    summarize,
    tabulate,
    write_csv,
    write_plots,
    write_tables,
)
from pypesto_cvae.config import IterationOptions
from pypesto_cvae.iterative import CVAEOptimizer


def _record(method="lhs", repeat=0, **kwargs) -> RunRecord:
    base = {
        "problem": "toy",
        "method": method,
        "repeat": repeat,
        "budget_cpu_s": 10.0,
        "cpu_s": 10.5,
        "event_cpu": [0.5, 2.0, 6.0, 11.0],
        "event_evals": [1, 20, 70, 120],
        "event_fval": [50.0, 10.0, 3.0, 2.5],
        "start_fval": [10.0, 3.0, 2.5, 2.5, np.inf],
        "start_end_cpu": [2.0, 6.0, 8.0, 11.0, 9.0],
        "n_failed": 1,
    }
    base.update(kwargs)
    return RunRecord(**base)


def test_time_to_target_is_first_crossing():
    """Time and evaluations to target come from the first event below it."""
    row = run_metrics(_record(), best_known=1.5)
    assert row["target"] == pytest.approx(1.5 + SUCCESS_THRESHOLD)
    assert row["cpu_s_to_target"] == 6.0
    assert row["evals_to_target"] == 70
    assert row["reached_target"] is True
    assert row["best_nll"] == 3.0  # the event at 11 s is past the budget


def test_run_past_budget_is_censored():
    """A run reaching the target only after its budget counts as missed."""
    row = run_metrics(_record(), best_known=0.0)
    assert row["cpu_s_to_target"] is None
    assert row["evals_to_target"] is None
    assert row["reached_target"] is False


def test_successes_failures_and_overhead():
    """Successes count finished starts within budget; failures are shared."""
    rec = _record(overhead_cpu_s=2.1)
    row = run_metrics(rec, best_known=1.5)
    # finals 3.0 and 2.5 are within 1.92 of 1.5; the last ended too late
    assert row["successes"] == 2
    assert row["successes_per_cpu_s"] == pytest.approx(2 / 10.0)
    assert row["failed_fraction"] == pytest.approx(1 / 5)
    assert row["overhead_fraction"] == pytest.approx(2.1 / 10.5)
    assert set(row) == set(COLUMNS)


def test_best_known_takes_lowest_of_runs_nominal_reference():
    """The best known value is the minimum of all sources."""
    recs = [_record(), _record(event_fval=[4.0, -3.0, -3.5, -9.0])]
    assert best_known_value(recs) == -9.0
    assert best_known_value(recs, nominal=-20.0) == -20.0
    assert best_known_value(recs, reference=-30.0, nominal=5.0) == -30.0
    with pytest.raises(ValueError, match="finite"):
        best_known_value([_record(event_fval=[])])


def test_tabulate_and_summary_censor_median():
    """Medians treat censored runs as infinite time."""
    runs = [
        _record("lhs", 0),
        _record("lhs", 1, event_fval=[50.0, 40.0, 30.0, 20.0]),
        _record("lhs", 2, event_fval=[50.0, 40.0, 30.0, 20.0]),
        _record("cvae", 0),
    ]
    rows = tabulate(runs, nominal={"toy": 1.5})
    assert len(rows) == 4
    assert all(r["target"] == pytest.approx(3.42) for r in rows)
    summary = {s["method"]: s for s in summarize(rows)}
    assert summary["lhs"]["fraction_reached"] == pytest.approx(1 / 3)
    assert np.isinf(summary["lhs"]["median_cpu_s_to_target"])
    assert summary["cvae"]["median_cpu_s_to_target"] == 6.0
    text = format_summary(summarize(rows))
    assert "| lhs | 3 | never | 33% (6-79) |" in text


def test_reached_interval_and_paired_hits():
    """The fraction at target gets a Wilson interval; seeds are paired."""
    # Wilson 95 %: 8 of 16 -> 28-72 %, 0 of 10 -> 0-28 %
    assert reached_interval(8, 16) == pytest.approx((0.2800, 0.7200), abs=1e-3)
    low, high = reached_interval(0, 10)
    assert low == 0.0 and high == pytest.approx(0.2775, abs=1e-3)
    assert reached_interval(0, 0) == (0.0, 1.0)
    times = {"lhs": [None, None, 5.0, 1.0, None, None, None],
             "cvae": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, None],
             "pso": [None, None]}
    rows = [
        {"problem": "toy", "method": m, "repeat": k, "reached_target": hit,
         "cpu_s_to_target": times[m][k]}
        for m, hits in (("lhs", "0011000"), ("cvae", "1111110"),
                        ("pso", "00"))
        for k, hit in enumerate(c == "1" for c in hits)
    ]
    paired = {d["method"]: d for d in paired_hits(rows)}
    assert set(paired) == {"cvae", "pso"}
    cvae = paired["cvae"]
    assert (cvae["paired"], cvae["only_method"], cvae["only_base"]) == (
        7, 4, 0)
    assert cvae["p_value"] == pytest.approx(2 / 2**4)  # exact sign test
    assert paired["pso"]["p_value"] == 1.0  # no discordant pair
    # time to target: cvae sooner in seeds 0-2, 4, 5 (an unreached run is
    # slower than any that reached), lhs in seed 3, seed 6 a tie
    assert (cvae["faster_method"], cvae["faster_base"]) == (5, 1)
    assert cvae["p_faster"] == pytest.approx(2 * (1 + 6) / 2**6)
    assert paired["pso"]["p_faster"] == 1.0
    text = format_summary(summarize(tabulate(
        [_record("lhs", 0), _record("cvae", 0)], nominal={"toy": 1.5}
    )), paired_hits(rows))
    assert "| cvae | 7 | 4 | 0 | 0.12 | 5 / 1 | 0.22 |" in text
    # the same evaluation count to the target (the same round-0 search):
    # a tie, though the timer says 0.3 against 0.2 CPU-s
    same = [
        {"problem": "toy", "method": m, "repeat": 0, "reached_target": True,
         "cpu_s_to_target": t, "evals_to_target": e}
        for m, t, e in (("lhs", 0.3, 21), ("cvae", 0.2, 21), ("pso", 0.25,
                                                             20))
    ]
    paired = {d["method"]: d for d in paired_hits(same)}
    assert (paired["cvae"]["faster_method"],
            paired["cvae"]["faster_base"]) == (0, 0)
    # a different count is a different search: the CPU-s decide
    assert (paired["pso"]["faster_method"],
            paired["pso"]["faster_base"]) == (1, 0)


def test_summary_reports_the_largest_overhead():
    """The overhead column shows the median and the largest share."""
    runs = [_record("cvae", k, overhead_cpu_s=v)
            for k, v in enumerate([0.21, 0.42, 0.63])]
    summary = summarize(tabulate(runs, nominal={"toy": 1.5}))[0]
    assert summary["max_overhead_fraction"] == pytest.approx(0.63 / 10.5)
    assert summary["overhead_fraction"] == pytest.approx(0.42 / 10.5)
    assert "| 4.0% (6.0%) |" in format_summary([summary])


def test_record_json_round_trip_keeps_inf():
    """Run files keep non-finite values."""
    rec = _record()
    back = RunRecord.from_json(rec.to_json())
    assert back == rec
    assert np.isinf(back.start_fval[-1])


def test_environment_recorded_and_counted(tmp_path):
    """Run files keep their environment; results.json counts them.

    A folder with runs of two environments says so in summary.md; run
    files from before session 62 read back with an empty one.
    """
    env = environment()
    assert env["numpy"] == np.__version__
    assert env["python"].count(".") == 2 and env["cpu"]
    assert env["pypesto"] != "absent"
    old = json.loads(_record().to_json())
    del old["environment"]
    assert RunRecord.from_json(json.dumps(old)).environment == {}
    runs = [_record("lhs", 0, environment=env),
            _record("lhs", 1, environment=env),
            _record("cvae", 0)]
    back = RunRecord.from_json(runs[0].to_json())
    assert back.environment == env
    counted = environments(runs)
    assert [e["runs"] for e in counted] == [2, 1]
    assert counted[0] == {**env, "runs": 2} and counted[1] == {"runs": 1}
    rows = tabulate(runs, nominal={"toy": 1.5})
    write_tables(rows, tmp_path, envs=counted)
    data = json.loads((tmp_path / "results.json").read_text())
    assert data["environments"] == counted
    assert "come from 2 environments" in (tmp_path / "summary.md").read_text()
    write_tables(rows, tmp_path, envs=counted[:1])
    assert "environments" not in (tmp_path / "summary.md").read_text()


def test_write_tables_and_plots(tmp_path):
    """CSV/JSON tables have the columns; empty cells for censored runs."""
    runs = [_record("lhs", 0), _record("cvae", 0, event_fval=[9.0] * 4)]
    rows = tabulate(runs, nominal={"toy": 1.5})
    write_tables(rows, tmp_path)
    with open(tmp_path / "results.csv") as handle:
        table = list(csv.DictReader(handle))
    assert tuple(table[0]) == COLUMNS
    assert table[1]["cpu_s_to_target"] == ""
    data = json.loads((tmp_path / "results.json").read_text())
    assert data["rows"][0]["cpu_s_to_target"] == 6.0
    # lhs reached the target, cvae did not: one discordant seed pair
    summary = (tmp_path / "summary.md").read_text()
    assert "| lhs | 1 | 6.0 | 100% (21-100) |" in summary
    assert "toy: reaching the target, paired by seed" in summary
    assert "| cvae | 1 | 0 | 1 | 1.00 |" in summary
    paths = write_plots(runs, rows, tmp_path)
    assert len(paths) == 3 and all(p.stat().st_size > 0 for p in paths)


def test_csv_records_read_back_as_tabulated(tmp_path):
    """A kept results table pairs and summarises like the runs it came from."""
    runs = [
        _record("lhs", 0),
        _record("cvae", 0, event_fval=[9.0] * 4),   # never at the target
        _record("lhs", 1, event_cpu=[0.5, 2.0, 3.0, 11.0]),
        _record("cvae", 1, event_cpu=[0.5, 1.0, 4.0, 11.0],
                start_fval=[np.inf] * 5),
        _record("pso", 1),                          # no failed fraction
    ]
    rows = tabulate(runs, nominal={"toy": 1.5})
    write_csv(rows, tmp_path / "kept.csv")
    back = read_csv(tmp_path / "kept.csv")
    assert back == rows
    assert back[1]["reached_target"] is False
    assert back[1]["cpu_s_to_target"] is None
    assert back[4]["failed_fraction"] is None
    assert paired_hits(back) == paired_hits(rows)
    assert format_summary(summarize(back)) == format_summary(summarize(rows))
    (tmp_path / "other.csv").write_text("problem,method\ntoy,lhs\n")
    with pytest.raises(ValueError, match="not a benchmark table"):
        read_csv(tmp_path / "other.csv")


def test_jitter_points_stay_near_best_endpoints():
    """Jitter restarts around the best endpoints, with the explore share."""
    problem = make_problem(dim=3)
    # min_searches=1: the full learned share after the two starts below
    opt = JitterOptimizer(
        seed=0, n_best=1, sd=0.01, options=IterationOptions(min_searches=1)
    )
    opt.reset()
    xs = opt.ask(problem, n_starts=5)
    end = problem.get_full_vector(np.array([1.0, 1.0, 1.0]))
    res = [
        _fake_result(end, 2.0, xs[0]),
        _fake_result(end + 2, 9.0, xs[1]),
    ]
    opt.tell(problem, res)
    xs = opt.ask(problem, n_starts=10)
    stats = opt._pending
    n_new = 10 - round(opt.options.explore_fraction * 10)
    assert stats.n_cvae == n_new == 8
    width = problem.ub - problem.lb
    assert np.all(np.abs(xs[:n_new] - 1.0) < 0.06 * width)
    # a round without a new optimum widens the noise by the stall spread
    opt.tell(problem, [_fake_result(end, 2.5, xs[0])])
    assert opt.stalled_rounds() == 1
    wide = opt.ask(problem, n_starts=40)[: opt._pending.n_cvae]
    assert len(wide) > 5
    assert np.any(np.abs(wide - 1.0) > 0.06 * width)
    # the ablation has no start model, whatever the defaults
    assert opt.options.start_fraction == 0.0 and opt.starts is None


def _fake_result(x, fval, x0):
    import pypesto
    from pypesto.history import MemoryHistory

    history = MemoryHistory()
    history.update(x0, (0,), "mode_fun", {"fval": fval + 5.0})
    history.update(x, (0,), "mode_fun", {"fval": fval})
    return pypesto.OptimizerResult(
        id="s",
        x=np.asarray(x, float),
        fval=fval,
        fval0=fval + 5.0,
        x0=x0,
        history=history,
    )


@pytest.mark.parametrize("method", ["lhs", "jitter", "cvae", "pso"])
def test_tiny_run_respects_budget(method):
    """Each in-process method stops starting work once the budget is gone."""
    problem = make_problem(dim=2)
    rec = run_method(
        method,
        problem,
        1.5,
        repeat=1,
        problem_name="rastrigin",
        first_round=5,
        cvae_factory=lambda s: CVAEOptimizer(seed=s, max_epochs=20),
    )
    assert rec.method == method and rec.n_starts >= 1
    assert 0.3 < rec.cpu_s < 6.0
    assert np.all(np.diff(rec.event_fval) < 0)
    assert np.all(np.diff(rec.event_cpu) >= 0)
    row = run_metrics(rec, best_known=0.0)
    # only improvements within the budget count (a start may overrun it)
    events = zip(rec.event_fval, rec.event_cpu, strict=True)
    inside = [f for f, c in events if c <= 1.5]
    assert row["best_nll"] == pytest.approx(min(inside))


def test_a_budget_of_evaluations_makes_runs_reproducible():
    """Runs on an evaluation budget repeat exactly and stay within it.

    The cVAE's CPU allowance (``max_overhead``) is dropped: with it, the
    networks' training would stop at a timer and a rerun could differ.
    """
    budget = 300
    for method in ("lhs", "pso", "jitter", "cvae"):
        recs = [
            run_method(
                method, make_problem(dim=2), None, repeat=3,
                budget_evals=budget, first_round=5,
                cvae_factory=lambda s: CVAEOptimizer(
                    seed=s, max_epochs=20,
                    options=IterationOptions(max_overhead=1e-6),
                ),
            )
            for _ in range(2)
        ]
        a, b = recs
        assert a.budget_evals == budget and a.budget_cpu_s is None
        assert a.event_evals == b.event_evals, method
        assert a.event_fval == b.event_fval, method
        assert a.start_fval == b.start_fval, method
        assert a.start_end_evals == b.start_end_evals, method
        assert budget - 20 < a.start_end_evals[-1] <= budget, method
        assert len(a.start_end_evals) == a.n_starts
        if method in ("jitter", "cvae"):  # the same rounds, but timings
            assert len(a.rounds) >= 3
            assert _untimed(a.rounds) == _untimed(b.rounds), method
        if method == "cvae":  # trained every round: no allowance to spend
            learned = [r for r in a.rounds if r["n_cvae"]]
            assert learned and all(r["train_cpu_s"] > 0 for r in learned)
    # metrics count in evaluations: a cut at 60 evaluations censors later
    # hits whatever their CPU time
    rec = _record(budget_cpu_s=None, budget_evals=60,
                  start_end_evals=[20, 70, 90, 120, 100])
    row = run_metrics(rec, best_known=1.5)
    assert row["reached_target"] is False and row["best_nll"] == 10.0
    assert row["successes"] == 0 and row["budget_evals"] == 60
    row = run_metrics(dataclasses.replace(rec, budget_evals=80), 1.5)
    assert row["evals_to_target"] == 70 and row["cpu_s_to_target"] == 6.0
    assert row["successes"] == 1  # the start that ended at 70


def _untimed(rounds: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if not k.endswith("_s")}
            for r in rounds]


def test_an_evaluation_budget_is_one_unit_or_the_other():
    problem = make_problem(dim=2)
    with pytest.raises(ValueError, match="not both"):
        run_method("lhs", problem, 1.0, budget_evals=100)
    with pytest.raises(ValueError, match="not both"):
        run_method("lhs", problem, None)
    with pytest.raises(ValueError, match="positive integer"):
        run_method("lhs", problem, None, budget_evals=10.5)
    with pytest.raises(ValueError, match="CPU budget only"):
        run_method("sacess", problem, None, budget_evals=100)


def test_tables_by_evaluations_compare_evaluations(tmp_path):
    """Time to target, pairs and plots go by evaluations on such budgets."""
    runs = [
        _record("lhs", 0, budget_cpu_s=None, budget_evals=200,
                start_end_evals=[20, 70, 80, 120, 90]),
        # sooner in CPU-s (1.0 against 6.0) but later in evaluations
        _record("cvae", 0, budget_cpu_s=None, budget_evals=200,
                event_cpu=[0.5, 0.7, 1.0, 11.0],
                event_evals=[1, 20, 100, 120],
                start_end_evals=[20, 100, 110, 120, 90]),
    ]
    rows = tabulate(runs, nominal={"toy": 1.5})
    paired = paired_hits(rows)[0]
    assert (paired["faster_method"], paired["faster_base"]) == (0, 1)
    summary = summarize(rows)
    assert [s["median_evals_to_target"] for s in summary] == [70.0, 100.0]
    text = format_summary(summary, paired_hits(rows))
    assert "budget 200 evaluations per run" in text
    assert "| median evaluations to target |" in text
    assert "| cvae | 1 | 100 | 100% (21-100) |" in text
    write_tables(rows, tmp_path)
    assert read_csv(tmp_path / "results.csv") == rows
    paths = write_plots(runs, rows, tmp_path)
    assert len(paths) == 3


def test_tables_written_before_evaluation_budgets_read_back(tmp_path):
    rows = tabulate([_record("lhs", 0)], nominal={"toy": 1.5})
    write_csv(rows, tmp_path / "kept.csv")
    lines = (tmp_path / "kept.csv").read_text().splitlines()
    i = lines[0].split(",").index("budget_evals")
    old = [",".join(c for k, c in enumerate(line.split(",")) if k != i)
           for line in lines]
    (tmp_path / "old.csv").write_text("\n".join(old) + "\n")
    assert read_csv(tmp_path / "old.csv") == rows


def test_unknown_method_and_bad_budget_raise():
    """Input errors name the offending value."""
    with pytest.raises(ValueError, match="nelder"):
        run_method("nelder", make_problem(), 1.0)
    with pytest.raises(ValueError, match="budget"):
        run_method("lhs", make_problem(), 0.0)


@pytest.mark.amici
@pytest.mark.skipif(
    not CORTISOL_YAML.exists(), reason="cortisol PEtab problem missing"
)
def test_cli_benchmark_on_cortisol(tmp_path, capsys):
    """The CLI runs a small benchmark on a PEtab problem and writes tables."""
    pytest.importorskip("amici")
    from pypesto_cvae.cli import main

    status = main(
        [
            "benchmark",
            str(CORTISOL_YAML),
            "--methods",
            "lhs,cvae",
            "--repeats",
            "1",
            "--first-repeat",
            "1",
            "--budget",
            "2",
            "--first-round",
            "5",
            "--set",
            "max_epochs=20",
            "--out",
            str(tmp_path),
        ]
    )
    assert status == 0
    out = capsys.readouterr().out
    assert "### cortisol" in out and "| cvae |" in out
    with open(tmp_path / "results.csv") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["method"] for r in rows} == {"lhs", "cvae"}
    assert all(float(r["budget_cpu_s"]) == 2.0 for r in rows)
    assert {r["repeat"] for r in rows} == {"1"}

    # a best-known value found elsewhere lowers the target, and stays
    def targets(*extra):
        args = ["benchmark", str(CORTISOL_YAML), "--tables-only",
                "--out", str(tmp_path), *extra]
        assert main(args) == 0
        data = json.loads((tmp_path / "results.json").read_text())
        return {r["target"] for r in data["rows"]}, data["reference_nll"]

    before, stored = targets()
    assert stored == {}
    low, stored = targets("--reference", "cortisol=-1e6")
    assert stored == {"cortisol": -1e6}
    assert low == {-1e6 + SUCCESS_THRESHOLD} and low != before
    assert targets() == (low, stored)
    assert main(["benchmark", str(CORTISOL_YAML), "--tables-only", "--out",
                 str(tmp_path), "--reference", "cortisol"]) == 2


@pytest.mark.amici
@pytest.mark.skipif(
    not CORTISOL_YAML.exists(), reason="cortisol PEtab problem missing"
)
def test_cli_benchmark_by_evaluations(tmp_path, capsys):
    """--budget-unit evals: whole evaluations per run, no sacess."""
    pytest.importorskip("amici")
    from pypesto_cvae.cli import _without_sacess, main

    args = ["benchmark", str(CORTISOL_YAML), "--repeats", "1",
            "--budget-unit", "evals", "--first-round", "5",
            "--set", "max_epochs=20", "--out", str(tmp_path)]
    assert main([*args, "--methods", "lhs,cvae", "--budget", "150"]) == 0
    out = capsys.readouterr().out
    assert "budget 150 evaluations per run" in out
    rows = read_csv(tmp_path / "results.csv")
    assert {r["method"] for r in rows} == {"lhs", "cvae"}
    assert all(r["budget_evals"] == 150 and r["budget_cpu_s"] is None
               for r in rows)
    assert main([*args, "--methods", "lhs", "--budget", "1.5"]) == 2
    assert main([*args, "--methods", "sacess", "--budget", "150"]) == 2
    assert "CPU budget only" in capsys.readouterr().err
    assert _without_sacess(["lhs", "sacess"], named=False) == ["lhs"]


def test_cli_benchmark_records_solver_options(tmp_path, capsys):
    """--solver settings reach the runs and are kept in each run file.

    A run file made with other settings is run again, not reused.
    """
    pytest.importorskip("amici")
    from pypesto_cvae.cli import main

    args = ["benchmark", str(CORTISOL_YAML), "--repeats", "1",
            "--budget-unit", "evals", "--budget", "60", "--first-round", "3",
            "--methods", "lhs", "--out", str(tmp_path)]
    file = tmp_path / "runs" / "cortisol__lhs__0.json"
    assert main(args) == 0
    first = RunRecord.from_json(file.read_text())
    assert first.solver_options == {}
    assert first.environment == environment()
    # a run of another environment in the folder: the tables say so
    other = dataclasses.replace(first, repeat=1,
                                environment={**first.environment,
                                             "numpy": "0.0"})
    (tmp_path / "runs" / "cortisol__lhs__1.json").write_text(other.to_json())
    capsys.readouterr()
    assert main([*args, "--tables-only"]) == 0
    assert "come from 2 environments" in capsys.readouterr().out
    (tmp_path / "runs" / "cortisol__lhs__1.json").unlink()
    before = file.stat().st_mtime_ns
    assert main(args) == 0   # same settings: reused
    assert file.stat().st_mtime_ns == before
    assert main([*args, "--solver", "absolute_tolerance_fsa=1e-8"]) == 0
    rec = RunRecord.from_json(file.read_text())
    assert rec.solver_options == {"absolute_tolerance_fsa": 1e-8}
    assert file.stat().st_mtime_ns != before
    capsys.readouterr()
    assert main([*args, "--solver", "absolute_tolerance_fs=1e-8"]) == 2
    assert "Unknown AMICI solver setting" in capsys.readouterr().err
    assert main([*args, "--solver", "max_steps"]) == 2


def test_first_share_ends_round_zero_early():
    """With first_share, round 0 stops early and learned rounds follow."""
    problem = make_problem(dim=2)
    rec = run_method("jitter", problem, 1.5, first_round=500, first_share=0.3)
    assert len(rec.rounds) >= 2
    assert 2 <= rec.rounds[0]["n_starts"] < 500
    assert rec.rounds[1]["n_cvae"] > 0
    with pytest.raises(ValueError, match="first_share"):
        run_method("cvae", problem, 1.0, first_share=1.5)


def test_later_rounds_are_priced_per_start_that_did_not_fail():
    """Failed starts are charged to the price but not counted as starts."""
    from types import SimpleNamespace

    from pypesto_cvae.benchmark import _round_size

    rec = _record(budget_cpu_s=100.0, start_fval=[1.0] * 5 + [np.inf] * 5,
                  start_end_cpu=list(range(1, 11)), n_failed=5)
    clock = SimpleNamespace(record=rec, used=lambda: 20.0,
                            left=lambda: 80.0)
    later = SimpleNamespace(round=1)
    # 20 CPU-s over 5 starts that simulated: 4 CPU-s each, 20 starts left
    assert _round_size(later, clock, 10, min_size=1) == 7
    rec.n_failed = 0  # 2 CPU-s each: 40 starts left
    assert _round_size(later, clock, 10, min_size=1) == 13
    assert _round_size(SimpleNamespace(round=0), clock, 10) == 10


def test_pso_stops_evaluating_at_the_budget(monkeypatch):
    """A pilot that misjudges the cost cannot make PSO overrun its budget."""
    from pypesto_cvae import benchmark as bm

    problem = make_problem(dim=2)
    calls = []
    evaluate = problem.objective.get_fval

    def costly(x):  # about 2 ms of CPU per evaluation
        calls.append(1)
        t0 = time.process_time()
        while time.process_time() - t0 < 2e-3:
            pass
        return evaluate(x)

    monkeypatch.setattr(problem.objective, "get_fval", costly, raising=False)
    # the pilot (5 evaluations) looks 10 times cheaper than the rest
    real = bm._Clock.used
    monkeypatch.setattr(bm._Clock, "used", lambda self: real(self) * (
        0.1 if len(calls) <= 5 else 1.0))
    rec = run_method("pso", problem, 0.5, repeat=0)
    # without the stop: about 10 x 0.5 CPU-s of evaluations
    assert rec.cpu_s < 2.0 and len(calls) < 600
    assert np.isfinite(rec.start_fval[0])
    assert vars(problem.objective)["get_fval"] is costly  # restored


def test_a_startpoint_on_a_bound_is_not_a_failure():
    """Fides nudges a startpoint on a bound into the box; it still counts.

    pyPESTO then leaves ``fval0`` unset (the first evaluated vector is not
    the startpoint), which until session 8 made such starts count as
    failed; old run files are tabulated from their final values.
    """
    from pypesto_cvae import benchmark as bm
    from pypesto_cvae.iterative import default_local_optimizer

    problem = make_problem(dim=2)
    rec = _record(start_fval=[], start_end_cpu=[], n_failed=0,
                  budget_cpu_s=30.0)
    x0 = np.array([problem.lb[0], 1.0])
    result = bm._run_start(problem, default_local_optimizer(), x0, "0",
                           bm._Clock(rec))
    assert result.fval0 is None  # the premise: pyPESTO missed x0
    assert np.isfinite(rec.start_fval[0]) and rec.n_failed == 0
    # an old record that counted it: the table goes by the final values
    rec.n_failed = 1
    assert run_metrics(rec, best_known=0.0)["failed_fraction"] == 0.0
    rec.start_fval.append(np.inf)
    assert run_metrics(rec, best_known=0.0)["failed_fraction"] == 0.5


def test_lhs_shares_the_progress_stop_of_the_cvae_options():
    import pypesto
    import pypesto.optimize

    from pypesto_cvae import CVAEOptimizer, IterationOptions
    from pypesto_cvae.basin import BasinStopOptimizer, ProgressStop
    from pypesto_cvae.benchmark import _lhs_local_optimizer

    problem = pypesto.Problem(
        pypesto.Objective(fun=lambda x: float(np.sum(x**2))),
        lb=-np.ones(2), ub=np.ones(2),
    )
    fides = pypesto.optimize.FidesOptimizer()
    plain = CVAEOptimizer(seed=0)
    assert _lhs_local_optimizer(problem, fides, plain) is fides
    opt = CVAEOptimizer(seed=0, options=IterationOptions(progress_evals=30))
    local = _lhs_local_optimizer(problem, fides, opt)
    assert isinstance(local, BasinStopOptimizer)
    assert local.progress == ProgressStop(30, 0.5)
    # no known basins, no stops at optima of the same batch: only the
    # local optimizer's progress stop is shared
    assert len(local.basins) == 0 and not local.learn
    assert local.basins.stall_evals == 0


def test_the_time_limit_keeps_every_stop_of_the_local_optimizer():
    import pypesto.optimize

    from pypesto_cvae.basin import (
        BasinStopOptimizer,
        KnownBasins,
        ProgressStop,
    )
    from pypesto_cvae.benchmark import _limited

    basins = KnownBasins(np.zeros((1, 2)), [1.0], [-1.0, -1.0], [1.0, 1.0],
                         0.05, 1.0, 10)
    wrapped = BasinStopOptimizer(pypesto.optimize.FidesOptimizer(), basins,
                                 learn=True, progress=ProgressStop(40, 0.5))
    limited = _limited(wrapped, 7.0)
    assert limited.basins is basins  # shared: a round learns in place
    assert limited.learn and limited.progress == ProgressStop(40, 0.5)
    assert limited.optimizer.options["maxtime"] == 7.0
    assert "maxtime" not in (wrapped.optimizer.options or {})

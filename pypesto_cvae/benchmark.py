"""Methods side by side at an equal budget: runs, metrics, tables.

Each run of a method on a problem gets the same budget, of CPU-seconds or
of objective evaluations, and records, on one clock, when its best-so-far
objective value improved (CPU-seconds and evaluations, whatever the
budget's unit). From
these traces and the final value of every local optimization follow the
metrics of :data:`COLUMNS`: time (and evaluations) to reach the target
``best known + 1.92``, the best value reached within the budget, successful
starts per CPU-second, the share of starts whose simulation failed, and
the share of CPU time the cVAE spent on itself.

The clock is the CPU time of the benchmark process
(:func:`time.process_time`, one thread). Inside one local optimization the
time of each evaluation is the start's CPU time spread over its wall-clock
time trace. SACESS runs in worker processes: its CPU time is that of its
children (``resource.getrusage(RUSAGE_CHILDREN)``) plus the main process,
spread over the workers' wall-clock best-so-far traces.

With a budget of objective evaluations (``budget_evals``), a run stops
once its local searches have made that many evaluations (history
entries: one per Fides iteration, the first point included; the last
search is cut by Fides' ``maxiter``), the round sizes are priced in
evaluations, and the cVAE's training is bounded by its step cap
(``TrainingConfig.max_steps``) instead of a share of the CPU time
(``max_overhead`` is dropped). Nothing then depends on the CPU clock: a
run is reproducible from its seed on a given machine type, so two
variants differ by what they change, not by the timer. Training and
sampling are not charged to such a budget; ``overhead_fraction`` still
reports their share of the CPU time. ``sacess`` has no shared evaluation
count across its workers and runs on a CPU budget only.

Methods
-------
``lhs``
    Latin-hypercube multistart with the local optimizer (Fides).
``pso``
    pyPESTO's ``PyswarmsOptimizer``; its iteration count is set from a
    pilot estimate of the cost of one evaluation, and evaluations it asks
    for after the budget are not run.
``sacess``
    pyPESTO's ``SacessOptimizer`` (2 workers by default, spawn).
``jitter``
    The cVAE's round schedule, later rounds restarting from Gaussian
    perturbations of the best endpoints (:class:`JitterOptimizer`).
``cvae``
    :class:`~pypesto_cvae.iterative.CVAEOptimizer`; training and sampling
    count against its budget.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import logging
import math
import os
import resource
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np
import pypesto
import pypesto.optimize

from .basin import BasinStopOptimizer
from .config import IterationOptions
from .data import TRACE_HISTORY_OPTIONS
from .iterative import CVAEOptimizer, default_local_optimizer
from .startpoint import latin_hypercube
from .training import warm_up_torch

__all__ = [
    "COLUMNS",
    "BENCHMARK_OPTIONS",
    "METHODS",
    "REFERENCE_NLL",
    "SUCCESS_THRESHOLD",
    "JitterOptimizer",
    "RunRecord",
    "best_known_value",
    "environment",
    "environments",
    "environments_note",
    "format_paired",
    "format_summary",
    "paired_hits",
    "reached_interval",
    "run_benchmark",
    "run_method",
    "run_metrics",
    "sign_test",
    "stored_references",
    "summarize",
    "tabulate",
    "write_plots",
]

logger = logging.getLogger(__name__)

METHODS = ("lhs", "pso", "sacess", "jitter", "cvae")

#: ``IterationOptions`` of ``cvae`` (and ``jitter``) unless a factory is
#: given: the package defaults plus a 5 % bound on the cVAE's CPU overhead
#: (a run on a CPU budget is not reproducible from its seed anyway; on a
#: budget of evaluations the bound is dropped, see :func:`run_method`).
BENCHMARK_OPTIONS = {"max_overhead": 0.05}

#: A start (or run) succeeds within this distance of the best known value.
SUCCESS_THRESHOLD = 1.92

#: Best known NLLs published for the Benchmark-Models-PEtab problems (the
#: table in ``shared/benchmark-models/README.md``, pyPESTO's sign
#: convention). They only lower the target; the lowest value any run or
#: the nominal parameters reach is used when lower.
REFERENCE_NLL = {
    "Boehm_JProteomeRes2014": 138.2220,
    "Crauste_CellSystems2017": 190.4571,
    "Bruno_JExpBot2016": -46.6882,
    "Fujita_SciSignal2010": -66.581,
    "Fiedler_BMCSystBiol2016": -58.5839,
    "Brannmark_JBC2010": 141.8249,
    "Zheng_PNAS2012": -293.7012,
}

COLUMNS = (
    "problem",
    "method",
    "repeat",
    "budget_cpu_s",
    "budget_evals",
    "target",
    "cpu_s_to_target",
    "evals_to_target",
    "reached_target",
    "best_nll",
    "successes",
    "n_starts",
    "successes_per_cpu_s",
    "failed_fraction",
    "cpu_s",
    "overhead_fraction",
)


@dataclasses.dataclass
class RunRecord:
    """What one run of one method did, on the benchmark's CPU clock.

    Attributes
    ----------
    problem, method, repeat:
        What ran; ``repeat`` also seeds the run.
    budget_cpu_s:
        The CPU budget of the run (None with a budget of evaluations).
    budget_evals:
        The budget of objective evaluations of the run, if that is its
        unit (None: a CPU budget).
    cpu_s:
        CPU seconds used in all (the last start may overrun the budget;
        metrics only count what happened within it).
    event_cpu, event_evals, event_fval:
        Each improvement of the best-so-far value: CPU seconds and
        objective evaluations since the run began, and the new value.
    start_fval, start_end_cpu, start_end_evals:
        Final value of each local optimization (for ``pso`` and
        ``sacess``: of the run or of its local searches) and when it
        ended, in CPU-seconds and in evaluations since the run began
        (``start_end_evals`` empty in run files written before session
        40).
    n_failed:
        Starts that ended without a finite value, i.e. whose startpoint
        failed to simulate: a local search only moves to lower values, so
        it ends finite whenever its startpoint simulated (``pso``:
        evaluations that failed). pyPESTO's ``fval0`` is not used: it
        stays unset when Fides moves a startpoint that lies on a bound by
        about 1e-14 into the box, and until session 8 such starts (most
        clipped cVAE and jitter proposals) were counted as failed.
    overhead_cpu_s:
        CPU seconds spent on training and sampling (``cvae``, ``jitter``).
    clock:
        How CPU time was measured.
    rounds:
        Per-round statistics (``cvae``, ``jitter``; see
        :class:`~pypesto_cvae.iterative.RoundStats`).
    solver_options:
        AMICI solver settings the problem was loaded with
        (:func:`~pypesto_cvae.petab.apply_solver_options`); empty: AMICI's
        defaults (and in run files written before session 58).
    environment:
        What the run ran on (:func:`environment`: package versions,
        Python, platform, CPU); empty in run files written before
        session 62. A budget of evaluations repeats a run exactly only
        under the same packages and AMICI model build.
    """

    problem: str
    method: str
    repeat: int
    budget_cpu_s: float | None
    budget_evals: int | None = None
    cpu_s: float = 0.0
    event_cpu: list[float] = dataclasses.field(default_factory=list)
    event_evals: list[int] = dataclasses.field(default_factory=list)
    event_fval: list[float] = dataclasses.field(default_factory=list)
    start_fval: list[float] = dataclasses.field(default_factory=list)
    start_end_cpu: list[float] = dataclasses.field(default_factory=list)
    start_end_evals: list[int] = dataclasses.field(default_factory=list)
    n_failed: int = 0
    overhead_cpu_s: float = 0.0
    clock: str = "process_time"
    rounds: list[dict] = dataclasses.field(default_factory=list)
    solver_options: dict = dataclasses.field(default_factory=dict)
    environment: dict = dataclasses.field(default_factory=dict)

    def to_json(self) -> str:
        """JSON text (non-finite values as strings)."""
        data = dataclasses.asdict(self)
        data["start_fval"] = [_num(v) for v in self.start_fval]
        data["event_fval"] = [_num(v) for v in self.event_fval]
        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str) -> RunRecord:
        """Inverse of :meth:`to_json`."""
        data = json.loads(text)
        for key in ("start_fval", "event_fval"):
            data[key] = [float(v) for v in data[key]]
        return cls(**data)

    @property
    def n_starts(self) -> int:
        """Number of local optimizations (or runs) recorded."""
        return len(self.start_fval)

    @property
    def by_evals(self) -> bool:
        """Whether the budget is objective evaluations (else CPU-s)."""
        return self.budget_evals is not None

    @property
    def n_evals(self) -> int:
        """Objective evaluations when the last start (or run) ended."""
        return self.start_end_evals[-1] if self.start_end_evals else 0

    @property
    def budget(self) -> float:
        """The budget in its unit (evaluations or CPU-seconds)."""
        return float(self.budget_evals if self.by_evals else self.budget_cpu_s)


def _num(value: float):
    value = float(value)
    return value if math.isfinite(value) else str(value)


#: Distributions whose versions :func:`environment` records.
ENVIRONMENT_PACKAGES = (
    "pypesto-cvae", "pypesto", "amici", "fides", "petab", "numpy",
    "scipy", "torch", "sympy", "pyswarms", "pandas",
)


def environment() -> dict[str, str]:
    """What a run runs on: package versions, Python, platform and CPU.

    Stored in each run file (:attr:`RunRecord.environment`) and, over the
    runs of a folder, in ``results.json``. Under a budget of evaluations
    a run repeats exactly from its seed only under the same packages and
    AMICI model build: on a fresh checkout (session 62) the defaults'
    Boehm seed 0 took 552 evaluations to the target where the kept run
    of session 40 took 595, while two runs on the fresh build agreed.
    A missing package is recorded as ``"absent"``.
    """
    import platform
    from importlib import metadata

    env = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu": _cpu_model(),
    }
    for name in ENVIRONMENT_PACKAGES:
        try:
            env[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            env[name] = "absent"
    return env


def _cpu_model() -> str:
    """The CPU's model name (Linux), else :func:`platform.processor`."""
    import platform

    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def environments(records: Sequence[RunRecord]) -> list[dict]:
    """The distinct :attr:`RunRecord.environment` of runs, with counts.

    Each entry is an environment plus ``"runs"``, the number of runs made
    under it (runs from before session 62 share an empty one), most runs
    first.
    """
    counts: dict[str, int] = {}
    for rec in records:
        key = json.dumps(rec.environment, sort_keys=True)
        counts[key] = counts.get(key, 0) + 1
    return [
        {**json.loads(key), "runs": n}
        for key, n in sorted(counts.items(), key=lambda kv: -kv[1])
    ]


def environments_note(envs: Sequence[dict]) -> str:
    """A sentence for runs from several :func:`environments` ("" for one)."""
    if len(envs) < 2:
        return ""
    return (
        f"These runs come from {len(envs)} environments (package versions, "
        "platform, CPU; `environments` in results.json): runs of one seed "
        "under different ones are not exact repeats."
    )


class _Clock:
    """Clock of a run that turns optimizer results into events.

    It counts CPU time and objective evaluations; :meth:`used` and
    :meth:`left` are in the unit of the run's budget.
    """

    def __init__(self, record: RunRecord):
        self.record = record
        self.t0 = time.process_time()
        self.evals = 0
        self.best = np.inf

    def cpu(self) -> float:
        """CPU seconds since the run began."""
        return time.process_time() - self.t0

    def used(self) -> float:
        """Budget used: evaluations or CPU seconds."""
        return float(self.evals) if self.record.by_evals else self.cpu()

    def left(self) -> float:
        return self.record.budget - self.used()

    def add_trace(self, fvals, times, cpu0, cpu1, wall, evals=None):
        """Record improvements of a trace run between ``cpu0`` and ``cpu1``.

        ``times`` are wall-clock seconds since the trace began; they are
        mapped linearly onto the CPU interval. ``evals`` (default: one per
        entry) are the evaluation counts at the entries.
        """
        fvals = np.asarray(fvals, dtype=float)
        times = np.asarray(times, dtype=float)
        counts = np.arange(1, fvals.size + 1) if evals is None else evals
        scale = (cpu1 - cpu0) / wall if wall > 0 else 0.0
        rec = self.record
        for f, t, n in zip(fvals, times, counts, strict=True):
            if np.isfinite(f) and f < self.best:
                self.best = float(f)
                rec.event_cpu.append(float(min(cpu0 + t * scale, cpu1)))
                rec.event_evals.append(int(self.evals + n))
                rec.event_fval.append(float(f))
        self.evals += int(counts[-1]) if fvals.size else 0


def _history_traces(history):
    try:
        f = np.asarray(history.get_fval_trace(), dtype=float)
        t = np.asarray(history.get_time_trace(), dtype=float)
    except (AttributeError, NotImplementedError, KeyError):
        return np.empty(0), np.empty(0)
    return f, t


def _limited(optimizer, left: float, by_evals: bool = False):
    """A copy of a Fides optimizer that stops within ``left``.

    ``left`` is wall seconds (Fides' ``maxtime``) or, ``by_evals``,
    objective evaluations: Fides evaluates once per iteration after its
    first point, so ``maxiter`` becomes at most ``left - 1``.
    """
    if isinstance(optimizer, BasinStopOptimizer):
        limited = copy.copy(optimizer)  # the same basins, learn, progress
        limited.optimizer = _limited(optimizer.optimizer, left, by_evals)
        return limited
    if not isinstance(optimizer, pypesto.optimize.FidesOptimizer):
        return optimizer
    optimizer = copy.copy(optimizer)
    options = dict(optimizer.options or {})
    if by_evals:
        cap = max(int(left) - 1, 0)
        options["maxiter"] = int(min(options.get("maxiter", 1000), cap))
    else:
        options["maxtime"] = left
    optimizer.options = options
    return optimizer


def _run_start(problem, optimizer, x0, sid, clock: _Clock):
    """One local optimization from ``x0``, recorded on ``clock``."""
    cpu0, wall0 = clock.cpu(), time.time()
    limited = _limited(optimizer, max(clock.left(), 1.0),
                       clock.record.by_evals)
    result = limited.minimize(
        problem,
        x0=np.asarray(x0, dtype=float),
        id=sid,
        history_options=TRACE_HISTORY_OPTIONS,
        optimize_options=pypesto.optimize.OptimizeOptions(
            allow_failed_starts=True
        ),
    )
    cpu1, wall = clock.cpu(), time.time() - wall0
    f, t = _history_traces(result.history)
    clock.add_trace(f, t, cpu0, cpu1, wall)
    rec = clock.record
    final = float(result.fval) if result.fval is not None else np.inf
    rec.start_fval.append(final if np.isfinite(final) else np.inf)
    rec.start_end_cpu.append(cpu1)
    rec.start_end_evals.append(clock.evals)
    result.time = cpu1 - cpu0  # the CPU clock, also for max_overhead
    rec.n_failed += int(not np.isfinite(final))
    return result


def _lhs_local_optimizer(problem, local, opt: CVAEOptimizer):
    """``lhs``'s local optimizer: the cVAE's, progress stop included.

    ``IterationOptions.progress_evals`` only tightens when a local search
    ends, so ``lhs`` gets it too ("the same local optimizer as the
    cVAE"); the stops in known basins and behind the pace
    (``pace_evals``) compare a search with the run's others: they are part
    of the round machinery and stay with ``cvae`` and ``jitter``.
    """
    if not opt.options.progress_evals:
        return local
    only_progress = dataclasses.replace(
        opt.options, basin_radius=0.0, basin_stall_evals=0,
        basin_within_round=False, pace_evals=0,
    )
    return CVAEOptimizer(options=only_progress).round_optimizer(
        problem, local
    )


def _run_lhs(problem, rec, seed, local, first_round):
    clock = _Clock(rec)
    rng = np.random.default_rng(seed)
    lb, ub, i = problem.lb_init, problem.ub_init, 0
    while clock.left() > 0:
        batch = latin_hypercube(first_round, lb, ub, rng)
        for x0 in np.clip(batch, problem.lb, problem.ub):
            if clock.left() <= 0:
                break
            _run_start(problem, local, x0, f"lhs_{i}", clock)
            i += 1
    rec.cpu_s = clock.cpu()


class JitterOptimizer(CVAEOptimizer):
    """Ablation of the cVAE: restarts from perturbed best endpoints.

    Same rounds, round sizes and explore share as
    :class:`~pypesto_cvae.iterative.CVAEOptimizer`, but the learned share
    of a later round are the final points of the ``n_best`` best starts so
    far plus Gaussian noise with standard deviation ``sd`` times the box
    width; like the cVAE's proposals, the noise widens by
    ``IterationOptions.stall_spread`` times the box width per stalled
    round. ``sd`` takes the place of ``IterationOptions.spread``, which
    is not used. This is the cVAE optimizer with
    ``IterationOptions.jitter_fraction=1`` (``jitter_best=n_best``,
    ``jitter_sd=sd``) and ``start_fraction=0``: no network is trained and
    no start-model data are kept.
    """

    def __init__(self, *args, n_best: int = 5, sd: float = 0.1, **kwargs):
        if n_best < 1 or not sd > 0:
            raise ValueError(f"Need n_best >= 1 and sd > 0: {n_best}, {sd}")
        super().__init__(*args, **kwargs)
        self.options = dataclasses.replace(
            self.options, jitter_fraction=1.0, start_fraction=0.0,
            jitter_best=int(n_best), jitter_sd=float(sd),
        )


def _n_unfinished(rec: RunRecord) -> int:
    """Starts of a run that ended without a finite value."""
    return int(np.sum(~np.isfinite(np.asarray(rec.start_fval, float))))


def _round_size(opt, clock, first_round, min_size=5, max_size=50, split=3):
    """Round 0: ``first_round``; later 1/``split`` of the starts left.

    The starts left are priced at the budget (CPU time or evaluations)
    spent per start whose simulation did not fail (failed starts are
    charged, not counted):
    failed Latin-hypercube starts often stop within a fraction of a second
    (Elowitz: half of round 0) while learned starts fail less often, so a
    price averaged over all starts made the first learned round several
    times too large (BENCHMARKS.md, "v5").
    """
    if opt.round == 0:
        return first_round
    ok = clock.record.n_starts - clock.record.n_failed
    per_start = clock.used() / max(ok, 1)
    left = max(clock.left(), 0.0) / max(per_start, 1e-9)
    return int(np.clip(round(left / split), min_size, max_size))


def _run_rounds(
    problem, rec, opt: CVAEOptimizer, local, first_round, first_share=None
):
    """Rounds of ask -> local optimizations -> tell until the budget.

    With ``first_share``, round 0 also ends once that share of the budget
    is spent (after at least 2 starts), so that expensive problems still
    get learned rounds.
    """
    clock = _Clock(rec)
    opt.reset()
    while clock.left() > 0:
        k = opt.round
        xs = opt.ask(problem, n_starts=_round_size(opt, clock, first_round))
        local_k = opt.round_optimizer(problem, local)
        stop = rec.budget * (first_share or 1.0) if k == 0 else np.inf
        results = []
        for i, x0 in enumerate(xs):
            if clock.left() <= 0 or (i >= 2 and clock.used() > stop):
                break
            results.append(
                _run_start(problem, local_k, x0, f"r{k}_{i}", clock)
            )
        if not results:
            break
        stats = opt.tell(problem, results)
        rec.overhead_cpu_s += stats.train_cpu_s + stats.sample_cpu_s
        rec.rounds.append(
            {k: _num_or(v) for k, v in dataclasses.asdict(stats).items()}
        )
    rec.cpu_s = clock.cpu()


def _run_pso(problem, rec, seed, popsize=20, n_pilot=5):
    """Run PyswarmsOptimizer, its iterations sized by a pilot.

    Evaluations asked for after the budget is spent are not run.
    """
    clock = _Clock(rec)
    rng = np.random.default_rng(seed)
    pilot = latin_hypercube(n_pilot, problem.lb, problem.ub, rng)
    fp = [problem.objective.get_fval(x) for x in pilot]
    clock.add_trace(fp, np.zeros(n_pilot), 0.0, 0.0, 1.0)
    per_eval = clock.used() / n_pilot  # 1 with a budget of evaluations
    maxiter = max(1, int(clock.left() / (per_eval * popsize)))
    optimizer = pypesto.optimize.PyswarmsOptimizer(
        par_popsize=popsize, options={"maxiter": maxiter}
    )
    # pyswarms draws its swarm from numpy's global state
    state = np.random.get_state()
    np.random.seed(int(rng.integers(2**31)))  # noqa: NPY002
    cpu0, wall0 = clock.cpu(), time.time()
    # the pilot can misjudge the cost of an evaluation (Elowitz: most
    # pilot points fail at once): once the budget is spent, the swarm's
    # remaining evaluations return inf without simulating or being traced
    objective = problem.objective
    own = vars(objective).get("get_fval")
    evaluate, calls, evals_left = objective.get_fval, [0], clock.left()

    def within_budget(x):
        calls[0] += 1
        left = evals_left - calls[0] + 1 if rec.by_evals else clock.left()
        return evaluate(x) if left > 0 else np.inf

    objective.get_fval = within_budget
    try:
        result = optimizer.minimize(
            problem,
            x0=pilot[0],
            id="pso",
            history_options=TRACE_HISTORY_OPTIONS,
        )
    finally:
        if own is None:
            del objective.get_fval
        else:
            objective.get_fval = own
        np.random.set_state(state)  # noqa: NPY002
    cpu1 = clock.cpu()
    f, t = _history_traces(result.history)
    clock.add_trace(f, t, cpu0, cpu1, time.time() - wall0)
    rec.start_fval.append(float(result.fval))
    rec.start_end_cpu.append(cpu1)
    rec.start_end_evals.append(clock.evals)
    rec.n_failed = int(np.sum(~np.isfinite(np.concatenate([fp, f]))))
    rec.cpu_s = cpu1


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run_sacess(problem, rec, n_workers=2):
    """SACESS with a wall-time limit of budget / workers.

    Its clock is wall time x workers from each worker's own start, so the
    spawn and import time of the workers does not count towards time to
    target; ``cpu_s`` is the CPU time measured for the main process and
    its children (all of it, startup included).
    """
    from pypesto.optimize import SacessOptimizer

    clock = _Clock(rec)
    child0 = _children_cpu()
    walltime = rec.budget_cpu_s / n_workers
    with tempfile.TemporaryDirectory(prefix="sacess-") as tmp:
        sacess = SacessOptimizer(
            num_workers=n_workers,
            max_walltime_s=walltime,
            sacess_loglevel=logging.WARNING,
            ess_loglevel=logging.WARNING,
            tmpdir=tmp,
        )
        result = sacess.minimize(problem)
    cpu = clock.cpu() + _children_cpu() - child0
    n_eval = sum(w.n_eval for w in sacess.worker_results)
    events = []
    for hist in sacess.histories:
        f, t = _history_traces(hist)
        events.extend(zip(t, f, strict=True))
    events.sort()
    if events:
        t, f = np.array(events).T
        evals = np.maximum((t / walltime * n_eval).astype(int), 1)
        budget = rec.budget_cpu_s
        clock.add_trace(f, t, 0.0, budget, walltime, evals=evals)
    for opt in result.optimize_result.list:
        if not str(opt.message or "").startswith("Global best"):
            rec.start_fval.append(float(opt.fval))
            rec.start_end_cpu.append(rec.budget_cpu_s)
            rec.start_end_evals.append(n_eval)
    rec.n_failed = int(np.sum(~np.isfinite(rec.start_fval)))
    rec.cpu_s = cpu
    rec.clock = (
        f"events: wall time x {n_workers} workers; cpu_s: main + children "
        "CPU (getrusage), worker startup included"
    )


def run_method(
    method: str,
    problem: pypesto.Problem,
    budget_cpu_s: float | None,
    repeat: int = 0,
    *,
    budget_evals: int | None = None,
    problem_name: str = "problem",
    local_optimizer: pypesto.optimize.Optimizer | None = None,
    first_round: int = 10,
    first_share: float | None = None,
    cvae_factory: Callable[[int], CVAEOptimizer] | None = None,
    n_workers: int = 2,
) -> RunRecord:
    """Run one method once on a problem within a budget.

    Parameters
    ----------
    method:
        One of :data:`METHODS`.
    problem:
        The problem (finite bounds).
    budget_cpu_s:
        CPU seconds the run may spend; no local optimization starts past
        it, and one running is stopped at the remaining time (Fides).
        None with ``budget_evals``.
    repeat:
        Seed of the run.
    budget_evals:
        Instead of CPU seconds, objective evaluations the run may make;
        one local search running is stopped at the remaining count
        (Fides' ``maxiter``), and ``cvae`` and ``jitter`` run without
        ``IterationOptions.max_overhead`` (their training is bounded by
        its step cap), so the run is reproducible from its seed. Not for
        ``sacess``.
    problem_name:
        Name recorded with the run.
    local_optimizer:
        Local optimizer of ``lhs``, ``jitter`` and ``cvae`` (Fides).
    first_round:
        Latin-hypercube starts of round 0 (``cvae``, ``jitter``) and batch
        size of ``lhs`` (so all three share their first startpoints).
    first_share:
        If given, round 0 of ``cvae`` and ``jitter`` also ends once this
        share of the budget is spent.
    cvae_factory:
        ``seed -> CVAEOptimizer`` for ``cvae`` (default: the package's
        defaults with :data:`BENCHMARK_OPTIONS`); ``jitter`` takes its
        configuration and options, ``lhs`` its progress stop
        (``IterationOptions.progress_evals``).
    n_workers:
        SACESS workers.
    """
    if method not in METHODS:
        raise ValueError(f"Unknown method {method!r}; use one of {METHODS}.")
    if (budget_cpu_s is None) == (budget_evals is None):
        raise ValueError(
            "Give a budget of CPU seconds or of evaluations, not both: "
            f"budget_cpu_s={budget_cpu_s!r}, budget_evals={budget_evals!r}"
        )
    if budget_evals is not None:
        if budget_evals != int(budget_evals) or not budget_evals >= 1:
            raise ValueError(
                f"budget_evals must be a positive integer: {budget_evals!r}"
            )
        if method == "sacess":
            raise ValueError(
                "sacess runs on a CPU budget only: its worker processes "
                "share no count of evaluations."
            )
    elif not budget_cpu_s > 0:
        raise ValueError(f"budget_cpu_s must be positive: {budget_cpu_s!r}")
    if first_share is not None and not 0 < first_share <= 1:
        raise ValueError(f"first_share must be in (0, 1]: {first_share!r}")
    rec = RunRecord(
        problem_name, method, int(repeat),
        None if budget_cpu_s is None else float(budget_cpu_s),
        None if budget_evals is None else int(budget_evals),
    )
    if rec.by_evals:
        rec.clock = "budget: objective evaluations; cpu: process_time"
    local = local_optimizer or default_local_optimizer()
    factory = cvae_factory or (
        lambda s: CVAEOptimizer(
            seed=s, options=IterationOptions(**BENCHMARK_OPTIONS)
        )
    )
    if method == "lhs":
        local = _lhs_local_optimizer(problem, local, factory(repeat))
        _run_lhs(problem, rec, repeat, local, first_round)
    elif method == "pso":
        _run_pso(problem, rec, repeat)
    elif method == "sacess":
        _run_sacess(problem, rec, n_workers)
    else:
        opt = factory(repeat)
        if rec.by_evals and opt.options.max_overhead is not None:
            # a CPU allowance would make the run depend on the timer
            opt.options = dataclasses.replace(opt.options, max_overhead=None)
        if method == "cvae":
            warm_up_torch()  # once per process, before the clock starts
        if method == "jitter":
            opt = JitterOptimizer(
                seed=repeat, config=opt.config, options=opt.options
            )
        _run_rounds(problem, rec, opt, local, first_round, first_share)
    return rec


def best_known_value(
    records: Sequence[RunRecord],
    nominal: float | None = None,
    reference: float | None = None,
) -> float:
    """Lowest of all runs' values, the nominal value and a reference."""
    values = [v for r in records for v in r.event_fval]
    values += [v for v in (nominal, reference) if v is not None]
    finite = [v for v in values if np.isfinite(v)]
    if not finite:
        raise ValueError("No finite objective value to define a target.")
    return float(min(finite))


def run_metrics(
    rec: RunRecord,
    best_known: float,
    threshold: float = SUCCESS_THRESHOLD,
) -> dict:
    """One table row (see :data:`COLUMNS`) for a run.

    A run that does not reach ``best_known + threshold`` within its budget
    is censored: ``cpu_s_to_target`` and ``evals_to_target`` are None.
    Only events and starts within the budget (in its unit) count.
    """
    target = best_known + threshold
    cpu = np.asarray(rec.event_cpu, dtype=float)
    fval = np.asarray(rec.event_fval, dtype=float)
    finals = np.asarray(rec.start_fval, dtype=float)
    if rec.by_evals:
        inside = np.asarray(rec.event_evals, dtype=float) <= rec.budget
        ends = np.asarray(rec.start_end_evals, dtype=float) <= rec.budget
        spent = rec.cpu_s
    else:
        inside = cpu <= rec.budget
        ends = np.asarray(rec.start_end_cpu, dtype=float) <= rec.budget
        spent = min(rec.cpu_s, rec.budget) if rec.cpu_s > 0 else rec.budget
    hit = np.flatnonzero(inside & (fval <= target))
    successes = int(np.sum((finals <= target) & ends))
    return {
        "problem": rec.problem,
        "method": rec.method,
        "repeat": rec.repeat,
        "budget_cpu_s": rec.budget_cpu_s,
        "budget_evals": rec.budget_evals,
        "target": target,
        "cpu_s_to_target": float(cpu[hit[0]]) if hit.size else None,
        "evals_to_target": int(rec.event_evals[hit[0]]) if hit.size else None,
        "reached_target": bool(hit.size),
        "best_nll": float(np.min(fval[inside], initial=np.inf)),
        "successes": successes,
        "n_starts": rec.n_starts,
        "successes_per_cpu_s": successes / spent if spent > 0 else None,
        # from the final values, not n_failed, so that run files written
        # before session 8 (bound startpoints counted) tabulate correctly
        "failed_fraction": (
            _n_unfinished(rec) / rec.n_starts
            if rec.method != "pso" and rec.n_starts
            else None
        ),
        "cpu_s": rec.cpu_s,
        "overhead_fraction": rec.overhead_cpu_s / rec.cpu_s
        if rec.cpu_s > 0
        else 0.0,
    }


def tabulate(
    records: Sequence[RunRecord],
    nominal: Mapping[str, float] | None = None,
    references: Mapping[str, float] | None = None,
) -> list[dict]:
    """Rows of :data:`COLUMNS`, one per run, with per-problem targets."""
    nominal = dict(nominal or {})
    references = {**REFERENCE_NLL, **(references or {})}
    rows = []
    for name in dict.fromkeys(r.problem for r in records):
        runs = [r for r in records if r.problem == name]
        best = best_known_value(runs, nominal.get(name), references.get(name))
        rows.extend(run_metrics(r, best) for r in runs)
    return rows


def _median(values) -> float | None:
    values = [v for v in values if v is not None]
    return float(np.median(values)) if values else None


def reached_interval(hits: int, runs: int) -> tuple[float, float]:
    """95 % Wilson score interval of the fraction of runs at target.

    With the few runs a benchmark affords (8-36 per method), the interval
    is wide: 8 of 16 runs give 28-72 %.
    """
    if runs <= 0:
        return (0.0, 1.0)
    z = 1.959963984540054
    p = hits / runs
    centre = (p + z * z / (2 * runs)) / (1 + z * z / runs)
    half = (
        z * math.sqrt(p * (1 - p) / runs + z * z / (4 * runs * runs))
        / (1 + z * z / runs)
    )
    return (max(0.0, centre - half), min(1.0, centre + half))


def paired_hits(rows: Sequence[dict], base: str = "lhs") -> list[dict]:
    """Per problem and method: reaching the target, paired by seed.

    Runs of two methods with the same repeat index form a pair (a seeded
    method shares its first Latin-hypercube startpoints with ``lhs``;
    SACESS cannot be seeded, so its pairs are arbitrary and the test only
    compares the two rates, with less power).
    Of the pairs where only one of the two reached the target,
    ``only_method`` and ``only_base`` count each side; ``p_value`` is the
    exact two-sided McNemar (sign) test on them, the chance of a split at
    least this uneven if both methods reached the target equally often.
    The same for time to target, the headline: ``faster_method`` and
    ``faster_base`` count the pairs where one side reached the target in
    fewer CPU-seconds, or evaluations where that is the budget's unit (a
    run that never reached it counts as slower than
    any that did; pairs where neither did are ties, and so are pairs that
    reached it at the same evaluation count: the seeded methods share
    their first startpoints, so such runs reached it in the same search,
    evaluation for evaluation, and only the timer's noise tells their
    CPU-seconds apart), ``p_faster`` is the exact sign test on them.
    Methods without a run paired with ``base`` are left out.
    """
    hit: dict = {}
    for r in rows:
        reached = bool(r["reached_target"])
        evals = r.get("evals_to_target") if reached else None
        evals = None if evals in (None, "") else int(evals)
        t = evals if _by_evals(r) else r.get("cpu_s_to_target")
        t = float(t) if reached and t not in (None, "") else math.inf
        hit.setdefault(r["problem"], {}).setdefault(r["method"], {})[
            r["repeat"]
        ] = (reached, t, evals)
    out = []
    for problem, methods in hit.items():
        if base not in methods:
            continue
        ref = methods[base]
        for method, seeds in methods.items():
            common = sorted(set(seeds) & set(ref))
            if method == base or not common:
                continue
            a = sum(seeds[k][0] and not ref[k][0] for k in common)
            b = sum(ref[k][0] and not seeds[k][0] for k in common)
            fa = sum(_sooner(seeds[k], ref[k]) for k in common)
            fb = sum(_sooner(ref[k], seeds[k]) for k in common)
            out.append(
                {
                    "problem": problem,
                    "method": method,
                    "base": base,
                    "paired": len(common),
                    "only_method": a,
                    "only_base": b,
                    "p_value": sign_test(a, b),
                    "faster_method": fa,
                    "faster_base": fb,
                    "p_faster": sign_test(fa, fb),
                }
            )
    return out


def _by_evals(row: Mapping) -> bool:
    """Whether a table row's budget is objective evaluations."""
    return row.get("budget_evals") not in (None, "")


def _sooner(a: tuple, b: tuple) -> bool:
    """Whether run ``a`` reached the target sooner than run ``b``.

    Entries of :func:`paired_hits`: (reached, CPU-s or evaluations (the
    budget's unit), evaluations to the target or None); runs that reached
    it at the same evaluation count tie, whatever the timer says.
    """
    if a[2] is not None and a[2] == b[2]:
        return False
    return a[1] < b[1]


def sign_test(a: int, b: int) -> float:
    """Exact two-sided sign test of an ``a`` : ``b`` split (1 if none)."""
    n, k = a + b, min(a, b)
    if not n:
        return 1.0
    return min(1.0, 2 * sum(math.comb(n, i) for i in range(k + 1)) / 2**n)


def format_paired(paired: Sequence[dict]) -> str:
    """A Markdown table of :func:`paired_hits` output (one problem)."""
    if not paired:
        return ""
    base = paired[0]["base"]
    lines = [
        f"| method | seeds paired with {base} | only method | only {base} "
        f"| exact McNemar p | faster: method / {base} | sign test p |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for d in paired:
        lines.append(
            f"| {d['method']} | {d['paired']} | {d['only_method']} | "
            f"{d['only_base']} | {d['p_value']:.2f} | "
            f"{d['faster_method']} / {d['faster_base']} | "
            f"{d['p_faster']:.2f} |"
        )
    return "\n".join(lines)


def summarize(rows: Sequence[dict]) -> list[dict]:
    """Per problem and method: medians, fractions and spreads.

    ``median_cpu_s_to_target`` (and ``median_evals_to_target``) treats
    censored runs as never reaching the target (infinite time), so it is
    ``inf`` when fewer than half reach it. ``reached_low``/
    ``reached_high`` bound ``fraction_reached`` (:func:`reached_interval`).
    """
    out = []
    keys = dict.fromkeys((r["problem"], r["method"]) for r in rows)
    for problem, method in keys:
        sel = [
            r for r in rows if (r["problem"], r["method"]) == (problem, method)
        ]
        ttt = [_to_target(r, "cpu_s_to_target") for r in sel]
        ett = [_to_target(r, "evals_to_target") for r in sel]
        best = [r["best_nll"] for r in sel]
        hits = sum(bool(r["reached_target"]) for r in sel)
        low, high = reached_interval(hits, len(sel))
        out.append(
            {
                "problem": problem,
                "method": method,
                "runs": len(sel),
                "budget_cpu_s": sel[0]["budget_cpu_s"],
                "budget_evals": sel[0].get("budget_evals"),
                "target": sel[0]["target"],
                "median_cpu_s_to_target": float(np.median(ttt)),
                "median_evals_to_target": float(np.median(ett)),
                "fraction_reached": hits / len(sel),
                "reached_low": low,
                "reached_high": high,
                "median_best_nll": float(np.median(best)),
                "min_best_nll": float(np.min(best)),
                "max_best_nll": float(np.max(best)),
                "successes_per_cpu_s": _median(
                    r["successes_per_cpu_s"] for r in sel
                ),
                "failed_fraction": _median(r["failed_fraction"] for r in sel),
                "overhead_fraction": _median(
                    r["overhead_fraction"] for r in sel
                ),
                "max_overhead_fraction": max(
                    r["overhead_fraction"] for r in sel
                ),
                "median_cpu_s": _median(r["cpu_s"] for r in sel),
            }
        )
    return out


def _to_target(row: Mapping, key: str) -> float:
    """A row's time (``key``) to the target; ``inf`` if censored."""
    value = row.get(key)
    return np.inf if value is None else value


def _fmt(value, spec: str, none: str = "-") -> str:
    if value is None:
        return none
    if isinstance(value, float) and math.isinf(value):
        return "never" if value > 0 else "-inf"
    return format(value, spec)


def format_summary(
    summary: Sequence[dict], paired: Sequence[dict] = ()
) -> str:
    """A Markdown table per problem of :func:`summarize` output.

    "reached" shows the fraction of runs at target with its 95 % interval
    (:func:`reached_interval`); with ``paired`` (:func:`paired_hits`),
    each problem's table is followed by the paired comparison. With a
    budget of evaluations, time to target is in evaluations.
    """
    blocks = []
    for problem in dict.fromkeys(s["problem"] for s in summary):
        rows = [s for s in summary if s["problem"] == problem]
        by_evals = _by_evals(rows[0])
        unit, key, spec = (
            ("evaluations", "median_evals_to_target", ".0f") if by_evals
            else ("CPU-s", "median_cpu_s_to_target", ".1f")
        )
        budget = rows[0]["budget_evals" if by_evals else "budget_cpu_s"]
        lines = [
            f"### {problem}\n\nbudget {budget:g} {unit} per "
            f"run, target NLL {rows[0]['target']:.4f} (best known + "
            f"{SUCCESS_THRESHOLD})\n",
            f"| method | runs | median {unit} to target | reached (95 % CI) "
            "| median best NLL (min-max) | successes / CPU-s | failed "
            "starts | overhead (max) |\n"
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for s in rows:
            lines.append(
                f"| {s['method']} | {s['runs']} | "
                f"{_fmt(s.get(key), spec)} | "
                f"{s['fraction_reached']:.0%} ({_reached_ci(s)}) | "
                f"{s['median_best_nll']:.4f} ({s['min_best_nll']:.4f} - "
                f"{s['max_best_nll']:.4f}) | "
                f"{_fmt(s['successes_per_cpu_s'], '.3f')} | "
                f"{_fmt(s['failed_fraction'], '.0%')} | "
                f"{_fmt(s['overhead_fraction'], '.1%')} "
                f"({_fmt(s.get('max_overhead_fraction'), '.1%')}) |"
            )
        pairs = format_paired([d for d in paired if d["problem"] == problem])
        if pairs:
            lines += [f"\n{problem}: reaching the target, paired by seed\n",
                      pairs]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _reached_ci(s: dict) -> str:
    if "reached_low" not in s:  # a summary.json of an earlier version
        return "-"
    return f"{s['reached_low'] * 100:.0f}-{s['reached_high'] * 100:.0f}"


def _run_path(out_dir: Path, name: str, method: str, repeat: int) -> Path:
    return out_dir / "runs" / f"{name}__{method}__{repeat}.json"


def _load_runs(out_dir: Path, name: str) -> list[RunRecord]:
    paths = sorted((out_dir / "runs").glob(f"{name}__*.json"))
    return [RunRecord.from_json(p.read_text()) for p in paths]


def _budget_for(budget, name: str) -> float | None:
    if budget is None:
        return None
    if isinstance(budget, Mapping):
        value = budget.get(name, budget.get("default"))
        if value is None:
            raise ValueError(f"No budget for problem {name!r}: {budget}")
        return float(value)
    return float(budget)


def run_benchmark(
    yaml_paths: Sequence[str | os.PathLike],
    methods: Sequence[str] = METHODS,
    repeats: int = 3,
    budget_cpu_s: float | Mapping[str, float] | None = None,
    out_dir: str | os.PathLike = "runs/benchmark",
    *,
    budget_evals: int | Mapping[str, int] | None = None,
    first_repeat: int = 0,
    resume: bool = True,
    progress: Callable[[RunRecord], None] | None = None,
    cache_dir: str | os.PathLike | None = None,
    references: Mapping[str, float] | None = None,
    solver_options: Mapping[str, float | int] | None = None,
    **run_kwargs,
) -> list[dict]:
    """Run methods on PEtab problems and write tables and plots.

    Parameters
    ----------
    yaml_paths:
        PEtab v1 YAML files.
    methods:
        Names from :data:`METHODS`.
    repeats:
        Runs per problem and method, seeded ``first_repeat``,
        ``first_repeat + 1``, ...
    budget_cpu_s:
        CPU seconds per run, or a mapping problem name -> seconds (with an
        optional ``"default"``); 60 unless ``budget_evals`` is given.
    budget_evals:
        Objective evaluations per run instead (a number or a mapping like
        ``budget_cpu_s``): runs reproducible from their seed (see
        :func:`run_method`); not for ``sacess``.
    first_repeat:
        Seed of the first run, to add seeds to an existing ``out_dir``.
    out_dir:
        Output folder: ``runs/*.json`` (one file per run), ``results.json``
        and ``results.csv`` (one row per run), ``summary.json``,
        ``summary.md`` and figures.
    resume:
        Reuse run files with the same budget already in ``out_dir``
        (another process may have written them).
    progress:
        Called with each finished run.
    cache_dir:
        AMICI model cache (see :func:`~pypesto_cvae.petab.
        load_petab_problem`).
    references:
        Best-known NLLs by problem name, found outside these runs; like
        :data:`REFERENCE_NLL` they lower the target. Stored in
        ``results.json``; references stored there by an earlier call are
        kept unless given again.
    solver_options:
        AMICI solver settings for every problem
        (:func:`~pypesto_cvae.petab.apply_solver_options`), recorded in
        each run file; a run file made with other settings is not
        reused.
    **run_kwargs:
        Passed to :func:`run_method`.

    Returns
    -------
    The rows of :data:`COLUMNS` of every run in ``out_dir`` for these
    problems (runs of other methods found there included).
    """
    from .petab import load_petab_problem

    if first_repeat < 0 or repeats < 0:
        raise ValueError(
            f"first_repeat and repeats must be >= 0: {first_repeat!r}, "
            f"{repeats!r}"
        )
    bad = set(methods) - set(METHODS)
    if bad:
        raise ValueError(f"Unknown methods {sorted(bad)}; use {METHODS}.")
    if budget_evals is not None:
        if budget_cpu_s is not None:
            raise ValueError("Give budget_cpu_s or budget_evals, not both.")
        if "sacess" in methods:
            raise ValueError(
                "sacess runs on a CPU budget only: leave it out of the "
                "methods or give budget_cpu_s."
            )
    elif budget_cpu_s is None:
        budget_cpu_s = 60.0
    out = Path(out_dir)
    (out / "runs").mkdir(parents=True, exist_ok=True)
    nominal, names, env = {}, [], environment()
    for path in yaml_paths:
        loaded = load_petab_problem(
            path, cache_dir=cache_dir, solver_options=solver_options
        )
        name, names = loaded.name, [*names, loaded.name]
        nominal[name] = loaded.nominal_fval()
        if methods:
            loaded.gradient_fails()  # warns
        budget = _budget_for(budget_cpu_s, name)
        evals = _budget_for(budget_evals, name)  # run_method checks it
        for repeat in range(first_repeat, first_repeat + repeats):
            for method in methods:
                file = _run_path(out, name, method, repeat)
                if resume and file.exists():
                    old = RunRecord.from_json(file.read_text())
                    if (old.budget_cpu_s, old.budget_evals,
                            old.solver_options) == (
                            budget, evals, loaded.solver_options):
                        continue
                rec = run_method(
                    method,
                    loaded.problem,
                    budget,
                    repeat,
                    budget_evals=evals,
                    problem_name=name,
                    **run_kwargs,
                )
                rec.solver_options = dict(loaded.solver_options)
                rec.environment = dict(env)
                file.write_text(rec.to_json())
                logger.info(
                    "%s %s #%d: best %.6g, %.1f CPU-s, %d evaluations",
                    name,
                    method,
                    repeat,
                    min(rec.event_fval, default=np.inf),
                    rec.cpu_s,
                    rec.n_evals,
                )
                if progress is not None:
                    progress(rec)
    order = {m: i for i, m in enumerate(METHODS)}
    records = sorted(
        (r for n in names for r in _load_runs(out, n)),
        key=lambda r: (names.index(r.problem), order[r.method], r.repeat),
    )
    references = {**stored_references(out), **(references or {})}
    rows = tabulate(records, nominal, references)
    write_tables(rows, out, nominal, references, environments(records))
    write_plots(records, rows, out)
    return rows


def stored_references(out_dir) -> dict[str, float]:
    """References stored in ``out_dir/results.json`` (see run_benchmark)."""
    path = Path(out_dir) / "results.json"
    if not path.exists():
        return {}
    return dict(json.loads(path.read_text()).get("reference_nll", {}))


#: How :func:`read_csv` types each column (the rest are floats).
_CSV_TYPES = {
    "problem": str,
    "method": str,
    "repeat": int,
    "budget_evals": int,
    "evals_to_target": int,
    "successes": int,
    "n_starts": int,
    "reached_target": lambda text: text == "True",
}


def write_csv(rows: Sequence[dict], path) -> None:
    """Rows of :data:`COLUMNS` as CSV, one line per run (None: empty).

    This is ``results.csv``; the same file, renamed methods included, is
    how measured runs are kept in the repository (``records/``), where
    :func:`read_csv` reads them back to pool seeds across sessions.
    """
    import csv

    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {k: "" if row[k] is None else row[k] for k in COLUMNS}
            )


def read_csv(path) -> list[dict]:
    """Rows written by :func:`write_csv`, typed as :func:`tabulate` makes them.

    Empty cells become None; ``inf``/``nan`` floats come back as floats.
    Tables written before session 40 lack ``budget_evals`` (CPU budgets
    only): it reads as None. Raises ValueError if the header is neither.
    """
    import csv

    before_evals = tuple(c for c in COLUMNS if c != "budget_evals")
    with open(path, newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) not in (COLUMNS, before_evals):
            raise ValueError(
                f"{path}: not a benchmark table (columns "
                f"{reader.fieldnames}, expected {list(COLUMNS)})."
            )
        return [
            {
                k: None if row.get(k, "") == ""
                else _CSV_TYPES.get(k, float)(row[k])
                for k in COLUMNS
            }
            for row in reader
        ]


def write_tables(
    rows: Sequence[dict], out_dir, nominal=None, references=None,
    envs: Sequence[dict] = (),
) -> None:
    """``results.json``/``.csv`` (per run), ``summary.json``/``.md``.

    ``envs``: the runs' :func:`environments`, kept in ``results.json``;
    with more than one, ``summary.md`` says so, since runs of one seed
    under different builds are not exact repeats of each other.
    """
    out = Path(out_dir)
    meta = {
        "columns": list(COLUMNS),
        "nominal_nll": dict(nominal or {}),
        "reference_nll": dict(references or {}),
        "environments": [dict(e) for e in envs],
    }
    clean = [{k: _num_or(v) for k, v in r.items()} for r in rows]
    (out / "results.json").write_text(
        json.dumps({**meta, "rows": clean}, indent=1)
    )
    write_csv(rows, out / "results.csv")
    summary = summarize(rows)
    (out / "summary.json").write_text(
        json.dumps([{k: _num_or(v) for k, v in s.items()} for s in summary])
    )
    note = environments_note(envs)
    (out / "summary.md").write_text(
        format_summary(summary, paired_hits(rows)) + "\n"
        + (f"\n{note}\n" if note else "")
    )


def _num_or(value):
    return _num(value) if isinstance(value, float) else value


def write_plots(records: Sequence[RunRecord], rows, out_dir) -> list[Path]:
    """Per problem: top-21 best values, time to target, waterfall."""
    from . import plotting

    out, paths = Path(out_dir), []
    for name in dict.fromkeys(r.problem for r in records):
        runs = [r for r in records if r.problem == name]
        sel = [r for r in rows if r["problem"] == name]
        by_evals = _by_evals(sel[0])
        unit, key = (("objective evaluations", "evals_to_target") if by_evals
                     else ("CPU seconds", "cpu_s_to_target"))
        target = sel[0]["target"]
        budget = sel[0]["budget_evals" if by_evals else "budget_cpu_s"]
        best = target - SUCCESS_THRESHOLD
        finals = {}
        for r in runs:
            finals.setdefault(r.method, []).extend(r.start_fval)
        times = {}
        for r in sel:
            times.setdefault(r["method"], []).append(_to_target(r, key))
        figures = {
            "top21": plotting.best_values_by_method(finals, best),
            "time_to_target": plotting.time_to_target_curves(
                times, budget, xlabel=unit
            ),
            "waterfall": plotting.waterfall_by_method(finals, best),
        }
        for kind, ax in figures.items():
            ax.set_title(f"{name}: {ax.get_title()}")
            path = out / f"{name}_{kind}.png"
            plotting.save(ax, path)
            paths.append(path)
    return paths

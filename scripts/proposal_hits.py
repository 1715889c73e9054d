"""How often the first learned round's proposals reach the target.

The part of a ``cvae`` run that decides its time to target on Boehm is
the first learned round after a round 0 that missed the global basin
(BENCHMARKS.md, "v7": learned starts before the first hit reach the
target at 6-8 % per start). Whole benchmark runs measure that rate
through a few learned starts each; this script measures it directly.

``python scripts/proposal_hits.py run PETAB_YAML TARGET OUT_DIR SEEDS
VARIANTS [N]`` (SEEDS e.g. ``0-11``, VARIANTS comma-separated names of
:data:`VARIANTS`, N proposals per seed and variant, default 20): per
seed, round 0 is the benchmark's (10 Latin-hypercube Fides starts of
``CVAEOptimizer(seed)`` with the benchmark's options, so the same
startpoints as a ``cvae`` benchmark run of that seed); it is run once and
cached (``OUT_DIR/round0.SEED.pkl``). Seeds whose round 0 reached
``TARGET`` are skipped. For each variant, a copy of the round-0 state
proposes N startpoints (all from the variant's proposal: no Latin
hypercube share), each runs one Fides search, and the final values and
CPU seconds go to ``OUT_DIR/VARIANT.SEED.json``. Existing files are kept;
``PROCESSES=2`` runs two jobs at a time. ``--solver KEY=VALUE`` (after
the other arguments, repeatable) sets AMICI solver options
(:func:`pypesto_cvae.petab.apply_solver_options`), e.g. ``--solver
absolute_tolerance_fsa=1e-8`` for Elowitz_Nature2000; use one OUT_DIR
per set of solver options, since the round-0 cache does not record them.
The variants from ``uncapped`` on train to the step cap, as the cVAE
does under a budget of evaluations (``base`` keeps the benchmark's 5 %
CPU bound).

``python scripts/proposal_hits.py TARGET OUT_DIR`` prints per variant
the starts, hits and hit rate (with a 95 % interval from resampling
the seeds, since one seed's proposals share one model), CPU-s per
start and per hit, failed starts, and the hits per seed.
"""

from __future__ import annotations

import copy
import json
import logging
import multiprocessing
import os
import pickle
import sys
import time
from pathlib import Path

import numpy as np

from pypesto_cvae import CVAEOptimizer, IterationOptions, load_petab_problem
from pypesto_cvae import benchmark as bm
from pypesto_cvae.petab import parse_solver_options, quiet_amici
from pypesto_cvae.startpoint import latin_hypercube

#: name -> (proposal kind, cVAE settings, IterationOptions overrides)
VARIANTS = {
    "lhs": ("lhs", {}, {}),
    "base": ("cvae", {}, {}),
    "jitter": ("jitter", {}, {}),
    "uncapped": ("cvae", {}, {"max_overhead": None}),
    "temp2": ("cvae", {"temperature": 2.0}, {}),
    "temp05": ("cvae", {"temperature": 0.5}, {}),
    "t0": ("cvae", {}, {"target": 0.0}),
    "t01": ("cvae", {}, {"target": (0.0, 1.0)}),
    "tm2": ("cvae", {}, {"target": (-2.0, 0.0)}),
    "tm3": ("cvae", {}, {"target": (-3.0, -1.0)}),
    "kl01": ("cvae", {"kl_weight": 0.1}, {}),
    "kl1": ("cvae", {"kl_weight": 1.0}, {}),
    "lat2": ("cvae", {"latent_dim": 2}, {}),
    "lat8": ("cvae", {"latent_dim": 8}, {}),
    # base with other random numbers from round 1 on (network
    # initialisation, batches, draws): how much of the spread between
    # seeds is the luck of one training
    "reseed1": ("cvae", {"_reseed": 1}, {}),
    "reseed2": ("cvae", {"_reseed": 2}, {}),
    "ens3": ("cvae", {}, {"n_models": 3}),
    "ens3u": ("cvae", {}, {"n_models": 3, "max_overhead": None}),
    "nofilter": ("cvae", {"feasibility_neighbors": 0}, {}),
    "log": ("cvae", {"label_transform": "log"}, {}),
    # session 60-61's near proposals and noise on the learned share
    # (BENCHMARKS.md, "v56", "v57"), trained to the step cap
    "sp1": ("cvae", {}, {"max_overhead": None, "spread": 0.1}),
    "near0": ("cvae", {}, {"max_overhead": None, "local_fraction": 1.0,
                           "local_scale": 1.0, "start_fraction": 0.0}),
    "near25": ("cvae", {}, {"max_overhead": None, "local_fraction": 1.0,
                            "local_scale": 0.25, "start_fraction": 0.0}),
    "nearown": ("cvae", {}, {"max_overhead": None, "local_fraction": 1.0,
                             "local_scale": 0.25, "start_fraction": 0.0,
                             "local_label": "own"}),
    "near25sp": ("cvae", {}, {"max_overhead": None, "local_fraction": 1.0,
                              "local_scale": 0.25, "start_fraction": 0.0,
                              "spread": 0.1}),
}
ROUND0 = 10


#: AMICI solver options of every job (``--solver``), set per process
SOLVER: dict = {}


def _problem(yaml):
    logging.getLogger("amici").setLevel(logging.CRITICAL)
    logging.getLogger("pypesto_cvae").setLevel(logging.ERROR)
    problem = load_petab_problem(yaml, solver_options=SOLVER).problem
    quiet_amici(logging.CRITICAL)
    return problem


def _starts(problem, xs, prefix):
    """One Fides search per row of ``xs``: results and final values."""
    rec = bm.RunRecord("p", "m", 0, 1e9)
    clock = bm._Clock(rec)
    local = bm.default_local_optimizer()
    results = [bm._run_start(problem, local, x, f"{prefix}_{i}", clock)
               for i, x in enumerate(xs)]
    return results, rec


def _round0(yaml, seed, out: Path):
    path = out / f"round0.{seed}.pkl"
    if path.exists():
        # the script's own cache, written below
        return pickle.loads(path.read_bytes())  # noqa: S301
    problem = _problem(yaml)
    opt = CVAEOptimizer(seed=seed,
                        options=IterationOptions(**bm.BENCHMARK_OPTIONS))
    opt.reset()
    results, rec = _starts(problem, opt.ask(problem, ROUND0), "r0")
    opt.tell(problem, results)
    state = {"opt": opt, "fval": rec.start_fval,
             "cpu": np.diff([0.0, *rec.start_end_cpu]).tolist()}
    path.write_bytes(pickle.dumps(state))
    return state


def _round0_job(job):
    yaml, seed, out = job
    _round0(yaml, seed, Path(out))


def _proposals(problem, state, name, seed, n):
    kind, settings, options = VARIANTS[name]
    opt = copy.deepcopy(state["opt"])
    # round-0 states cached before IterationOptions.n_models existed
    vars(opt).setdefault("_extra_models", [])
    if kind == "lhs":
        rng = np.random.default_rng([seed, 1])
        xs = latin_hypercube(n, problem.lb_init, problem.ub_init, rng)
        return np.clip(xs, problem.lb, problem.ub), 0.0
    opts = {**vars(opt.options), **options, "explore_fraction": 0.0}
    if kind == "jitter":
        jit = bm.JitterOptimizer(seed=seed, options=IterationOptions(**opts))
        jit.__dict__.update({k: v for k, v in vars(opt).items()
                             if k not in ("options", "n_best", "sd")})
        opt = jit
    settings = dict(settings)
    if "_reseed" in settings:
        opt.rng = np.random.default_rng([seed, 100 + settings.pop("_reseed")])
    opt.options = IterationOptions(**opts)
    opt.config = opt.config.from_kwargs(opt.config, **settings)
    t0 = time.process_time()
    xs = opt.ask(problem, n)
    return xs, time.process_time() - t0


def _job(job):
    yaml, target, out, seed, name, n = job
    out = Path(out)
    path = out / f"{name}.{seed}.json"
    if path.exists():
        return
    state = _round0(yaml, seed, out)
    if min(state["fval"]) <= target:
        return
    problem = _problem(yaml)
    xs, ask_cpu = _proposals(problem, state, name, seed, n)
    _, rec = _starts(problem, xs, name)
    path.write_text(json.dumps({
        "variant": name, "seed": seed, "ask_cpu_s": ask_cpu,
        "fval": rec.start_fval,
        "cpu": np.diff([0.0, *rec.start_end_cpu]).tolist(),
    }))


def _init(solver: dict) -> None:
    SOLVER.update(solver)


def run(yaml, target, out, seeds, names, n, processes=1, solver=None):
    """Round 0 of each seed, then each variant's proposals and searches."""
    bad = sorted(set(names) - set(VARIANTS))
    if bad:
        raise SystemExit(f"Unknown variants {bad}; use {sorted(VARIANTS)}.")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    jobs = [(yaml, target, str(out), s, name, n)
            for name in names for s in seeds]
    with multiprocessing.get_context("spawn").Pool(
            processes, initializer=_init, initargs=(dict(solver or {}),)
    ) as pool:
        # round 0 first, once per seed
        pool.map(_round0_job, [(yaml, s, str(out)) for s in seeds])
        pool.map(_job, jobs, chunksize=1)


def table(target: float, out: Path) -> str:
    """Markdown table of the hit rates per variant in ``out``."""
    rows, skipped = [], []
    for path in sorted(out.glob("round0.*.pkl")):
        state = pickle.loads(path.read_bytes())  # noqa: S301 (own cache)
        if min(state["fval"]) <= target:
            skipped.append(path.stem.split(".")[1])
    runs = {}
    for path in sorted(out.glob("*.json")):
        data = json.loads(path.read_text())
        runs.setdefault(data["variant"], []).append(data)
    rng = np.random.default_rng(0)
    head = ("| variant | seeds | starts | hits | hit rate (95 % CI) | "
            "CPU-s/start | CPU-s/hit | failed | seeds +/- vs base | "
            "hits per seed |")
    rows = [head, "|" + "---|" * 10]
    base = {d["seed"]: np.sum(np.asarray(d["fval"]) <= target)
            for d in runs.get("base", [])}
    for name in VARIANTS:
        if name not in runs:
            continue
        data = sorted(runs[name], key=lambda d: d["seed"])
        f = np.concatenate([d["fval"] for d in data])
        cpu = np.concatenate([d["cpu"] for d in data])
        ask = sum(d["ask_cpu_s"] for d in data)
        hits = int(np.sum(f <= target))
        lo, hi = _seed_bootstrap(data, target, rng)
        per_hit = (cpu.sum() + ask) / hits if hits else np.inf
        diff = [np.sum(np.asarray(d["fval"]) <= target) - base[d["seed"]]
                for d in data if d["seed"] in base]
        paired = f"{sum(x > 0 for x in diff)}/{sum(x < 0 for x in diff)}"
        seeds = " ".join(str(int(np.sum(np.asarray(d["fval"]) <= target)))
                         for d in data)
        rows.append(
            f"| {name} | {len(data)} | {f.size} | {hits} | "
            f"{hits / f.size:.1%} ({lo:.0%}-{hi:.0%}) | "
            f"{cpu.mean():.2f} | {per_hit:.1f} | "
            f"{np.mean(~np.isfinite(f)):.0%} | {paired} | {seeds} |")
    note = (f"\nTarget {target}; seeds whose round 0 reached it (skipped): "
            f"{', '.join(skipped) or 'none'}.")
    return "\n".join(rows) + note


def _seed_bootstrap(data, target, rng, n=10_000):
    """95 % interval of the pooled hit rate, resampling whole seeds.

    The proposals of one seed come from one trained model, so their
    outcomes are correlated; the seeds are the independent units.
    """
    hits = np.array([np.sum(np.asarray(d["fval"]) <= target) for d in data])
    size = np.array([len(d["fval"]) for d in data])
    pick = rng.integers(len(data), size=(n, len(data)))
    rates = hits[pick].sum(1) / size[pick].sum(1)
    return tuple(np.quantile(rates, [0.025, 0.975]))


def _seeds(spec: str) -> list[int]:
    if "-" in spec:
        a, b = spec.split("-")
        return list(range(int(a), int(b) + 1))
    return [int(s) for s in spec.split(",")]


if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0] == "run":
        solver_args = []
        while "--solver" in args:
            i = args.index("--solver")
            solver_args.append(args[i + 1])
            del args[i:i + 2]
        yaml, target, out, seeds, names = args[1:6]
        n = int(args[6]) if len(args) > 6 else 20
        run(yaml, float(target), out, _seeds(seeds), names.split(","), n,
            int(os.environ.get("PROCESSES", "1")),
            parse_solver_options(solver_args))
    else:
        print(table(float(args[0]), Path(args[1])))

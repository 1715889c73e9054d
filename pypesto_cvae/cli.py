"""The ``pypesto-cvae`` command line.

``pypesto-cvae fit PETAB_YAML`` runs the iterative cVAE optimizer on a
PEtab problem, writes the result and a waterfall plot, and prints a
summary. User errors (missing files, bad settings) print one paragraph
and exit with status 2, without a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

import numpy as np

__all__ = ["main"]

logger = logging.getLogger(__name__)

USER_ERRORS = (
    ValueError,
    TypeError,
    FileNotFoundError,
    FileExistsError,
    PermissionError,
    IsADirectoryError,
    NotADirectoryError,
)


def _optimizer(name: str):
    import pypesto.optimize as optimize

    if name == "fides":
        return optimize.FidesOptimizer(verbose=logging.ERROR)
    if name.startswith("scipy"):
        method = name.partition(":")[2] or "L-BFGS-B"
        return optimize.ScipyOptimizer(method=method)
    raise ValueError(
        f"Unknown optimizer {name!r}; use 'fides' or 'scipy[:METHOD]'."
    )


def _engine(n_procs: int, mpi: bool = False):
    import pypesto.engine

    if mpi:
        from pypesto.engine.mpi_pool import MPIPoolEngine

        return MPIPoolEngine()
    if n_procs > 1:
        return pypesto.engine.MultiProcessEngine(n_procs=n_procs)
    return pypesto.engine.SingleCoreEngine()


def _load_config(path: str | None):
    from .config import CVAEConfig

    if path is None:
        return None
    try:
        data = json.loads(Path(path).read_text())
    except (OSError, json.JSONDecodeError) as err:
        raise ValueError(
            f"Cannot read the configuration {path}: {err}"
        ) from err
    return CVAEConfig.from_dict(data.get("config", data))


def _add_fit(sub) -> None:
    p = sub.add_parser("fit", help="run the iterative cVAE optimizer")
    p.add_argument("petab_yaml", help="PEtab v1 YAML file of the problem")
    p.add_argument(
        "--rounds",
        type=int,
        default=4,
        help="rounds, the Latin-hypercube round 0 included",
    )
    p.add_argument(
        "--starts", type=int, default=20, help="local optimizations per round"
    )
    p.add_argument(
        "--optimizer",
        default="fides",
        help="local optimizer: fides or scipy[:METHOD]",
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--out", default=None, help="output folder (default: runs/<problem>)"
    )
    p.add_argument(
        "--config",
        default=None,
        help="cVAE configuration JSON (e.g. from `tune`)",
    )
    p.add_argument(
        "--n-procs",
        type=int,
        default=1,
        help="worker processes for the local optimizations",
    )
    p.add_argument(
        "--sensitivity", choices=("forward", "adjoint"), default="forward"
    )
    p.add_argument(
        "--cache-dir",
        default=None,
        help="compiled-model cache (default ~/.cache/"
        "pypesto-cvae or $PYPESTO_CVAE_CACHE)",
    )
    _add_solver_option(p)
    p.add_argument("--no-progress", action="store_true")
    p.add_argument(
        "--mpi",
        action="store_true",
        help="run the local optimizations on MPI ranks (start with "
        "`mpiexec -n N python -m mpi4py.futures -m pypesto_cvae.cli fit ...`)",
    )
    p.add_argument(
        "--resume",
        action="store_true",
        help="continue the run in OUT/result.hdf5 after its last finished "
        "round (same settings needed); --rounds may be raised",
    )
    p.add_argument(
        "--save-model",
        default=None,
        metavar="FILE",
        help="also train a cVAE on all data and save it (e.g. OUT/model.pt)",
    )
    p.set_defaults(func=_cmd_fit)


def _cmd_fit(args) -> int:
    from . import plotting
    from .iterative import CVAEOptimizer
    from .petab import load_petab_problem

    optimizer = CVAEOptimizer(
        local_optimizer=_optimizer(args.optimizer),
        n_rounds=args.rounds,
        n_starts=args.starts,
        seed=args.seed,
        config=_load_config(args.config),
    )
    out = Path(args.out or Path("runs") / Path(args.petab_yaml).stem)
    out.mkdir(parents=True, exist_ok=True)  # fail before compiling
    loaded = load_petab_problem(
        args.petab_yaml,
        cache_dir=args.cache_dir,
        sensitivity_method=args.sensitivity,
        solver_options=_solver_args(args),
    )
    nominal = loaded.nominal_fval()
    loaded.gradient_fails()  # warns
    result = optimizer.minimize(
        loaded.problem,
        engine=_engine(args.n_procs, args.mpi),
        progress_bar=not args.no_progress,
        filename=out / "result.hdf5",
        resume=args.resume,
    )
    starts = result.optimize_result.list
    ax = plotting.waterfall_by_round(
        [s.fval for s in starts],
        [_round_of(s.id) for s in starts],
        references={"nominal parameters": nominal},
        title=f"{loaded.name}: cVAE optimizer",
    )
    plotting.save(ax, out / "waterfall.png")
    summary = _summary(loaded, result, optimizer, nominal)
    (out / "summary.json").write_text(json.dumps(summary, indent=2))
    _print_summary(summary, out)
    if getattr(args, "save_model", None):
        _save_fit_model(optimizer, args.save_model, args.seed)
    return 0


def _round_of(start_id: str) -> int:
    return int(start_id.split("_")[0].lstrip("r"))


def _summary(loaded, result, optimizer, nominal: float) -> dict:
    best = result.optimize_result.list[0]
    problem = loaded.problem
    free = problem.x_free_indices
    return {
        "problem": loaded.name,
        "best_fval": float(best.fval),
        "best_id": best.id,
        "nominal_fval": nominal,
        "parameters": {
            problem.x_names[i]: {
                "scale": problem.x_scales[i],
                "value": float(best.x[i]),
            }
            for i in free
        },
        "rounds": [vars(r) for r in optimizer.rounds],
        "failed_starts": int(sum(r.n_failed for r in optimizer.rounds)),
    }


def _print_summary(summary: dict, out: Path) -> None:
    best, nominal = summary["best_fval"], summary["nominal_fval"]
    verdict = "at or below" if best <= nominal + 1e-6 else "ABOVE"
    print(f"\nProblem {summary['problem']}")
    print(f"  best NLL            {best:.6f}  (start {summary['best_id']})")
    print(f"  NLL at nominal par. {nominal:.6f}  -> best is {verdict} it")
    print("  parameter       scale     estimate    linear value")
    for name, p in summary["parameters"].items():
        value = p["value"]
        lin = {"log10": 10**value, "log": np.exp(value)}.get(p["scale"], value)
        print(f"  {name:<15} {p['scale']:<6} {value:>12.5g} {lin:>14.5g}")
    print(
        "  round  starts  learned  (start model)  explore  failed  stopped"
        "  behind      best NLL  train CPU-s  new optima (learned/explore)"
    )
    for r in summary["rounds"]:
        new = f"{r.get('n_new_cvae', 0)}/{r.get('n_new_explore', 0)}"
        print(
            f"  {r['round']:>5} {r['n_starts']:>7} {r['n_cvae']:>8} "
            f"{r.get('n_start', 0):>14} "
            f"{r['n_explore']:>8} {r['n_failed']:>7} "
            f"{r.get('n_stopped', 0):>8} {r.get('n_behind', 0):>7} "
            f"{r['best_fval']:>13.6f} {r['train_cpu_s']:>12.2f}"
            f"  {new if r['round'] else '-':>9}"
        )
    print(f"  failed starts in all: {summary['failed_starts']}")
    print(
        f"  wrote {out / 'result.hdf5'}, {out / 'waterfall.png'}, "
        f"{out / 'summary.json'}"
    )


def _save_fit_model(optimizer, path: str, seed: int) -> None:
    from .persistence import save_model
    from .training import fit_cvae

    model = fit_cvae(
        optimizer.data, optimizer.config, seed, init=optimizer.model
    )
    save_model(model, path)
    print(
        f"  saved a cVAE trained on all {len(optimizer.data)} vectors: {path}"
    )


def _add_solver_option(p) -> None:
    p.add_argument(
        "--solver",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="AMICI solver setting (a Solver setter without set_), e.g. "
        "--solver absolute_tolerance_fsa=1e-8 --solver max_steps=100000; "
        "default: AMICI's",
    )


def _solver_args(args) -> dict:
    from .petab import parse_solver_options

    return parse_solver_options(args.solver)


def _add_problem_options(p) -> None:
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--config",
        default=None,
        help="cVAE configuration JSON (e.g. from `tune`)",
    )
    p.add_argument(
        "--cache-dir",
        default=None,
        help="compiled-model cache (default ~/.cache/"
        "pypesto-cvae or $PYPESTO_CVAE_CACHE)",
    )
    _add_solver_option(p)


def _add_analyze(sub) -> None:
    p = sub.add_parser(
        "analyze",
        help="what the cVAE learned: latent space, label calibration, "
        "failures by label, novelty",
    )
    p.add_argument("result_file", help="result HDF5 file written by `fit`")
    p.add_argument(
        "--petab", required=True, help="PEtab YAML file of the problem"
    )
    p.add_argument(
        "--out",
        default=None,
        help="output folder (default: next to the result, analysis/)",
    )
    p.add_argument(
        "--model",
        default=None,
        help="saved cVAE (fit --save-model); default: train one on the "
        "result's data",
    )
    p.add_argument(
        "--labels",
        type=float,
        nargs=3,
        default=(-0.5, 1.5, 9),
        metavar=("LOW", "HIGH", "N"),
        help="conditional labels to generate at: N from LOW to HIGH",
    )
    p.add_argument(
        "--per-label", type=int, default=20, help="vectors per label"
    )
    p.add_argument(
        "--lhs", type=int, default=100, help="Latin-hypercube samples"
    )
    p.add_argument(
        "--no-filter",
        action="store_true",
        help="skip the feasibility filter (raw decoder output)",
    )
    _add_problem_options(p)
    p.set_defaults(func=_cmd_analyze)


def _cmd_analyze(args) -> int:
    from .analysis import analyze, format_report, load_training_data
    from .persistence import load_model
    from .petab import load_petab_problem
    from .training import fit_cvae

    low, high, n = args.labels
    if n < 2 or n != int(n) or not low < high:
        raise ValueError("--labels needs LOW < HIGH and an integer N >= 2.")
    loaded = load_petab_problem(
        args.petab, cache_dir=args.cache_dir,
        solver_options=_solver_args(args),
    )
    problem = loaded.problem
    data = load_training_data(args.result_file, problem)
    if args.model:
        model = load_model(args.model, problem=problem)
    else:
        model = fit_cvae(data, _load_config(args.config), args.seed)
    report = analyze(
        model,
        problem,
        data,
        labels=np.linspace(low, high, int(n)),
        n_per_label=args.per_label,
        n_lhs=args.lhs,
        filtered=not args.no_filter,
        seed=args.seed,
    )
    out = Path(args.out or Path(args.result_file).parent / "analysis")
    out.mkdir(parents=True, exist_ok=True)
    files = _analysis_figures(report, loaded.name, out)
    summary = {"problem": loaded.name, **report.summary()}
    (out / "summary.json").write_text(json.dumps(summary, indent=2))
    text = format_report(summary)
    (out / "summary.txt").write_text(text + "\n")
    print(text)
    names = ", ".join(str(f) for f in [*files, out / "summary.txt"])
    print(f"  wrote {names}, {out / 'summary.json'}")
    return 0


def _analysis_figures(report, name: str, out: Path) -> list[Path]:
    from . import plotting

    lat, cal, nov = report.latent, report.calibration, report.novelty
    if lat.codes.shape[1] > 2:
        axes = [
            f"latent PC{i + 1} ({e:.0%} of variance)"
            for i, e in enumerate(lat.explained)
        ]
    else:
        axes = [f"latent dimension {i + 1}" for i in range(2)]
    figures = {
        "latent.png": plotting.latent_scatter(
            lat.coords,
            lat.fval,
            axis_labels=axes,
            auc=lat.auc,
            threshold=lat.threshold,
            title=f"{name}: latent codes (posterior means)",
        ),
        "calibration.png": plotting.label_calibration_plot(
            cal.labels,
            cal.fval,
            cal.label_fval,
            spearman=cal.spearman,
            best_training=report.best_training_fval,
            title=f"{name}: requested label vs achieved NLL",
        ),
        "failures.png": plotting.failure_fraction_plot(
            cal.labels,
            cal.failure_cvae,
            cal.failure_lhs,
            n_per_label=cal.fval.shape[1],
            n_lhs=cal.n_lhs,
            title=f"{name}: failed simulations by label",
        ),
        "novelty.png": plotting.novelty_plot(
            cal.labels,
            nov.generated,
            nov.training,
            nov.lhs,
            title=f"{name}: novelty of generated vectors",
        ),
    }
    for file, ax in figures.items():
        plotting.save(ax, out / file)
    return [out / f for f in figures]


def _add_tune(sub) -> None:
    p = sub.add_parser(
        "tune", help="tune cVAE hyperparameters with Optuna on a problem"
    )
    p.add_argument(
        "source",
        help="PEtab YAML (a first round is run) or a result HDF5 file "
        "(then give --petab)",
    )
    p.add_argument("--petab", default=None, help="PEtab YAML of a result")
    p.add_argument(
        "--out",
        default=None,
        help="output folder (default: runs/<problem>/tuning)",
    )
    p.add_argument("--trials", type=int, default=20, help="Optuna trials")
    p.add_argument(
        "--starts", type=int, default=20, help="first-round starts (YAML)"
    )
    p.add_argument(
        "--metric",
        choices=("median", "success"),
        default="median",
        help="median NLL of startpoints, or success rate of short local "
        "optimizations from them",
    )
    p.add_argument(
        "--startpoints",
        type=int,
        default=50,
        help="startpoints scored per trial (median)",
    )
    p.add_argument(
        "--local-starts",
        type=int,
        default=10,
        help="short local optimizations per trial (success)",
    )
    p.add_argument(
        "--max-epochs", type=int, default=None, help="cap training epochs"
    )
    p.add_argument(
        "--repeats",
        type=int,
        default=1,
        help="training runs (seeds) averaged per trial",
    )
    p.add_argument(
        "--optimizer",
        default="fides",
        help="local optimizer of the first round: fides or scipy[:METHOD]",
    )
    p.add_argument(
        "--timeout", type=float, default=None, help="seconds for the search"
    )
    _add_problem_options(p)
    p.set_defaults(func=_cmd_tune)


def _cmd_tune(args) -> int:
    try:
        import optuna
    except ImportError as err:
        raise ValueError(
            "`tune` needs Optuna: pip install 'pypesto-cvae[tune]'."
        ) from err

    from .analysis import load_training_data
    from .config import CVAEConfig
    from .petab import load_petab_problem
    from .tuning import first_round, save_parallel_coordinate, tune

    if not args.verbose:
        optuna.logging.set_verbosity(optuna.logging.WARNING)
    is_yaml = Path(args.source).suffix.lower() in (".yaml", ".yml")
    if not is_yaml and not args.petab:
        raise ValueError("Tuning on a result file needs --petab PETAB_YAML.")
    loaded = load_petab_problem(
        args.source if is_yaml else args.petab, cache_dir=args.cache_dir,
        solver_options=_solver_args(args),
    )
    out = Path(args.out or Path("runs") / loaded.name / "tuning")
    out.mkdir(parents=True, exist_ok=True)
    base = _load_config(args.config)
    if args.max_epochs:
        base = CVAEConfig.from_kwargs(base, max_epochs=args.max_epochs)
    if is_yaml:
        data = first_round(
            loaded.problem,
            args.starts,
            seed=args.seed,
            local_optimizer=_optimizer(args.optimizer),
            filename=out / "first_round.hdf5",
        )
    else:
        data = load_training_data(args.source, loaded.problem)
    result = tune(
        loaded.problem,
        data,
        n_trials=args.trials,
        seed=args.seed,
        metric=args.metric,
        base_config=base,
        timeout=args.timeout,
        n_startpoints=args.startpoints,
        n_local=args.local_starts,
        n_repeats=args.repeats,
    )
    result.save_config(out / "best_config.json")
    save_parallel_coordinate(result, out / "parallel_coordinates.png")
    summary = {"problem": loaded.name, **result.summary()}
    (out / "tuning.json").write_text(json.dumps(summary, indent=2))
    print(
        f"\nProblem {loaded.name}: {summary['n_trials']} trials, "
        f"{len(data)} training vectors"
    )
    print(
        f"  {result.target_name}: best {result.best_value:.6g} (trial "
        f"{summary['best_trial']}), default config {result.default_value:.6g}"
    )
    for key, value in summary["best_params"].items():
        print(f"  {key:<20} {value}")
    print(
        f"  wrote {out / 'best_config.json'} (use: fit --config), "
        f"{out / 'parallel_coordinates.png'}, {out / 'tuning.json'}"
    )
    return 0


def _add_benchmark(sub) -> None:
    p = sub.add_parser(
        "benchmark",
        help="compare lhs, pso, sacess, jitter and cvae at an equal budget",
    )
    p.add_argument("petab_yaml", nargs="+", help="PEtab v1 YAML files")
    p.add_argument(
        "--methods",
        default=None,
        help="comma-separated methods (default: all five; all but sacess "
        "with --budget-unit evals)",
    )
    p.add_argument("--repeats", type=int, default=3, help="runs (seeds)")
    p.add_argument(
        "--first-repeat",
        type=int,
        default=0,
        help="seed of the first run: runs are seeded FIRST_REPEAT, ..., "
        "FIRST_REPEAT + REPEATS - 1 (to add seeds to an --out folder)",
    )
    p.add_argument(
        "--budget",
        default="60",
        help="budget per run in --budget-unit: a number, and/or "
        "PROBLEM=VALUE items, comma-separated (e.g. "
        "60,Fujita_SciSignal2010=240)",
    )
    p.add_argument(
        "--budget-unit",
        choices=("cpu_s", "evals"),
        default="cpu_s",
        help="cpu_s (default): CPU-seconds, training and sampling "
        "included; evals: objective evaluations, so that a run is "
        "reproducible from its seed (the cVAE's training is then bounded "
        "by its step cap and not charged; sacess cannot run)",
    )
    p.add_argument(
        "--first-round",
        type=int,
        default=10,
        help="Latin-hypercube starts of round 0 (cvae, jitter) and the "
        "lhs batch size",
    )
    p.add_argument(
        "--first-share",
        type=float,
        default=None,
        help="end round 0 of cvae/jitter once this share of the budget "
        "is spent (default: run all --first-round starts)",
    )
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="cVAE setting (CVAEConfig or IterationOptions key), JSON "
        "value, e.g. --set kl_weight=0.3 --set 'target=[-1, 0]'; the "
        "benchmark adds max_overhead=0.05 on CPU budgets (--set "
        "max_overhead=null removes it; budgets of evaluations drop it)",
    )
    p.add_argument(
        "--reference",
        action="append",
        default=[],
        metavar="PROBLEM=NLL",
        help="a best-known NLL of a problem found elsewhere (e.g. by "
        "another study); it lowers the target like the published values "
        "built in; stored with the tables, so --tables-only keeps it",
    )
    p.add_argument("--config", default=None, help="cVAE configuration JSON")
    p.add_argument("--sacess-workers", type=int, default=2)
    p.add_argument("--out", default="runs/benchmark", help="output folder")
    p.add_argument(
        "--no-resume",
        action="store_true",
        help="rerun runs whose files already exist in --out",
    )
    p.add_argument(
        "--tables-only",
        action="store_true",
        help="run nothing; tabulate and plot the runs found in --out",
    )
    p.add_argument("--cache-dir", default=None)
    _add_solver_option(p)
    p.set_defaults(func=_cmd_benchmark)


def _budget_arg(text: str) -> dict:
    budget = {}
    for item in text.split(","):
        name, _, value = item.strip().rpartition("=")
        try:
            budget[name or "default"] = float(value)
        except ValueError:
            raise ValueError(f"Bad --budget item {item!r}.") from None
    return budget


def _without_sacess(methods: list[str], named: bool) -> list[str]:
    """Drop ``sacess`` from the default methods under an evaluation budget.

    ``named`` (given with --methods), it stays, and
    :func:`~pypesto_cvae.benchmark.run_benchmark` refuses it.
    """
    if named or "sacess" not in methods:
        return methods
    logger.warning("sacess left out: it runs on a CPU budget only.")
    return [m for m in methods if m != "sacess"]


def _reference_args(items: list[str]) -> dict[str, float]:
    references = {}
    for item in items:
        name, sep, value = item.rpartition("=")
        try:
            if not (sep and name):
                raise ValueError
            references[name.strip()] = float(value)
        except ValueError:
            raise ValueError(
                f"--reference needs PROBLEM=NLL, got {item!r}."
            ) from None
    return references


def _cvae_factory(args):
    import dataclasses

    from .benchmark import BENCHMARK_OPTIONS
    from .config import IterationOptions
    from .iterative import CVAEOptimizer

    settings, options = {}, dict(BENCHMARK_OPTIONS)
    fields = {f.name for f in dataclasses.fields(IterationOptions)}
    for item in args.set:
        key, sep, value = item.partition("=")
        if not sep:
            raise ValueError(f"--set needs KEY=VALUE, got {item!r}.")
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            pass
        (options if key in fields else settings)[key] = value
    config = _load_config(args.config)
    iteration = IterationOptions(**options)
    CVAEOptimizer(config=config, options=iteration, **settings)  # validate

    def factory(seed: int):
        return CVAEOptimizer(
            seed=seed, config=config, options=iteration, **settings
        )

    return factory


def _cmd_benchmark(args) -> int:
    from .benchmark import METHODS, run_benchmark

    named = args.methods is not None
    methods = [m.strip() for m in (args.methods or ",".join(METHODS))
               .split(",") if m.strip()]
    methods = [] if args.tables_only else methods
    out = Path(args.out)
    if not args.verbose:  # failed simulations are expected, and counted
        import amici.sim.sundials  # noqa: F401 - creates AMICI's loggers

        from .petab import quiet_amici

        logging.getLogger("amici").setLevel(logging.CRITICAL)
        quiet_amici(logging.CRITICAL)

    def progress(rec):
        print(
            f"  {rec.problem} {rec.method} #{rec.repeat}: best "
            f"{min(rec.event_fval, default=np.inf):.6g}, "
            f"{rec.cpu_s:.1f} CPU-s, {rec.n_evals} evaluations",
            flush=True,
        )

    budget = _budget_arg(args.budget)
    by_evals = args.budget_unit == "evals"
    if by_evals:
        methods = _without_sacess(methods, named)
    run_benchmark(
        args.petab_yaml,
        methods=methods,
        repeats=args.repeats,
        first_repeat=args.first_repeat,
        budget_cpu_s=None if by_evals else budget,
        budget_evals=budget if by_evals else None,
        out_dir=out,
        resume=not args.no_resume,
        progress=progress,
        cache_dir=args.cache_dir,
        references=_reference_args(args.reference),
        solver_options=_solver_args(args),
        first_round=args.first_round,
        first_share=args.first_share,
        cvae_factory=_cvae_factory(args),
        n_workers=args.sacess_workers,
    )
    print()
    # the summary as written (with the note on mixed environments)
    print((out / "summary.md").read_text().rstrip())
    print(f"\nwrote {out / 'results.csv'}, results.json, summary.md, plots")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``pypesto-cvae``."""
    parser = argparse.ArgumentParser(
        prog="pypesto-cvae",
        description="cVAE startpoints for pyPESTO multistart optimization",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="show debug logs (AMICI included)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    _add_fit(sub)
    _add_analyze(sub)
    _add_tune(sub)
    _add_benchmark(sub)
    return parser


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not verbose:
        for name in ("amici", "pypesto", "fides", "petab", "matplotlib"):
            logging.getLogger(name).setLevel(logging.ERROR)
        logging.getLogger("pypesto_cvae").setLevel(logging.INFO)
        # failed integrations are counted in the summaries; AMICI's own
        # per-failure ERROR lines would drown them
        import amici.sim.sundials  # noqa: F401 - sets AMICI's log levels

        from .petab import quiet_amici

        quiet_amici(logging.CRITICAL)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    _setup_logging(args.verbose)
    from .petab import PetabLoadError

    try:
        return args.func(args)
    except (PetabLoadError, *USER_ERRORS) as err:
        if args.verbose:
            raise
        print(f"pypesto-cvae: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("pypesto-cvae: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

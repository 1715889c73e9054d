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

USER_ERRORS = (
    ValueError,
    TypeError,
    FileNotFoundError,
    FileExistsError,
    PermissionError,
    IsADirectoryError,
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


def _engine(n_procs: int):
    import pypesto.engine

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
    p.add_argument("--no-progress", action="store_true")
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
    loaded = load_petab_problem(
        args.petab_yaml,
        cache_dir=args.cache_dir,
        sensitivity_method=args.sensitivity,
    )
    out = Path(args.out or Path("runs") / loaded.name)
    out.mkdir(parents=True, exist_ok=True)
    nominal = loaded.nominal_fval()
    result = optimizer.minimize(
        loaded.problem,
        engine=_engine(args.n_procs),
        progress_bar=not args.no_progress,
        filename=out / "result.hdf5",
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
    print("  round  starts  cVAE  explore  failed      best NLL  train CPU-s")
    for r in summary["rounds"]:
        print(
            f"  {r['round']:>5} {r['n_starts']:>7} {r['n_cvae']:>5} "
            f"{r['n_explore']:>8} {r['n_failed']:>7} "
            f"{r['best_fval']:>13.6f} {r['train_cpu_s']:>12.2f}"
        )
    print(f"  failed starts in all: {summary['failed_starts']}")
    print(
        f"  wrote {out / 'result.hdf5'}, {out / 'waterfall.png'}, "
        f"{out / 'summary.json'}"
    )


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

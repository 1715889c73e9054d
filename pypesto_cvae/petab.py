"""Load a PEtab v1 problem into a pyPESTO problem, with a model cache.

AMICI compiles each model to a C++ extension, which takes from seconds to
minutes. :func:`load_petab_problem` compiles a model once into a cache
folder keyed by the content of the PEtab files, and later calls (other
runs, other processes) reuse it. A file lock keeps concurrent runs from
compiling into the same folder at once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pypesto

__all__ = [
    "PetabLoadError",
    "LoadedProblem",
    "load_petab_problem",
    "apply_solver_options",
    "parse_solver_options",
    "default_cache_dir",
    "quiet_amici",
]

logger = logging.getLogger(__name__)


class PetabLoadError(ValueError):
    """A PEtab problem could not be read, validated or compiled."""


@dataclasses.dataclass
class LoadedProblem:
    """A pyPESTO problem with the PEtab problem it came from.

    Attributes
    ----------
    problem:
        The pyPESTO problem (AMICI objective, optimization scale).
    petab_problem:
        The ``petab.v1.Problem``.
    name:
        A short name: the YAML file's stem.
    yaml_path:
        The PEtab YAML file.
    solver_options:
        The AMICI solver settings applied on loading
        (:func:`apply_solver_options`); empty: AMICI's defaults.
    """

    problem: pypesto.Problem
    petab_problem: object
    name: str
    yaml_path: Path
    solver_options: dict = dataclasses.field(default_factory=dict)

    def nominal_x(self) -> np.ndarray:
        """Nominal values of the free parameters, optimization scale."""
        full = np.asarray(self.petab_problem.x_nominal_scaled, dtype=float)
        return self.problem.get_reduced_vector(full)

    def nominal_fval(self) -> float:
        """Objective value at the PEtab nominal parameters."""
        return float(self.problem.objective(self.nominal_x()))

    def gradient_fails(self) -> bool:
        """Whether the gradient fails at the nominal parameters.

        True, with a warning logged, if the objective value computes there
        but the value with its gradient does not: then AMICI's sensitivity
        tolerances are likely too tight, and many local searches will end
        at their first evaluation as "failed". With AMICI's defaults the
        forward sensitivities are held to the states' absolute tolerance,
        1e-16; on Fujita_SciSignal2010 that fails the gradient at the
        nominal parameters and at about half of all points
        (BENCHMARKS.md, "v54"), and ``absolute_tolerance_fsa=1e-8``
        (:func:`apply_solver_options`) mends it. False if the value fails
        too (then the nominal point does not simulate at all).
        """
        x = self.nominal_x()
        objective = self.problem.objective
        value, grad = objective(x, sensi_orders=(0, 1))
        if np.isfinite(value) and np.all(np.isfinite(grad)):
            return False   # the usual case: one evaluation
        fails = bool(np.isfinite(objective(x, sensi_orders=(0,))))
        if fails:
            logger.warning(
                "%s: the objective value computes at the nominal "
                "parameters but its gradient fails, so AMICI's sensitivity "
                "tolerances are likely too tight and many starts will "
                "fail at their first gradient. Try --solver "
                "absolute_tolerance_fsa=1e-8 (forward sensitivities; "
                "absolute_tolerance_b for adjoint), or in Python "
                "solver_options={'absolute_tolerance_fsa': 1e-8}.",
                self.name,
            )
        return fails


def default_cache_dir() -> Path:
    """``$PYPESTO_CVAE_CACHE``, else ``~/.cache/pypesto-cvae``."""
    env = os.environ.get("PYPESTO_CVAE_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "pypesto-cvae"


def _ensure_swig() -> None:
    """Point AMICI at the SWIG installed beside this Python, if needed.

    AMICI's model build needs the SWIG it was built with; the ``swig``
    package from PyPI installs it next to the interpreter, which is not on
    ``PATH`` when a virtual environment is used without activating it.
    """
    if "SWIG" in os.environ:
        return
    local = Path(sys.executable).parent / "swig"
    if local.exists():
        os.environ["SWIG"] = str(local)
    elif shutil.which("swig") is None:
        logger.warning("No SWIG found; AMICI cannot compile new models.")


#: Bumped whenever the way a PEtab problem becomes a model changes (e.g.
#: flattening of timepoint-specific overrides), so old cache entries are
#: not reused for a differently imported model.
_CACHE_VERSION = b"2"


def _files_digest(yaml_path: Path) -> str:
    """Hash of every file the YAML names, AMICI's and our import version."""
    import yaml

    config = yaml.safe_load(yaml_path.read_text())
    digest = hashlib.sha256(_CACHE_VERSION)
    names = [config.get("parameter_file")]
    for sub in config.get("problems", []):
        for key in sorted(sub):
            names.extend(sub[key] if isinstance(sub[key], list) else [])
    for name in names:
        if name:
            digest.update((yaml_path.parent / name).read_bytes())
    import amici

    digest.update(amici.__version__.encode())
    return digest.hexdigest()[:12]


@contextlib.contextmanager
def _locked(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{path}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _read_petab(yaml_path: Path):
    import petab.v1

    if not yaml_path.is_file():
        raise PetabLoadError(
            f"PEtab file not found: {yaml_path}. Give the path of the "
            "problem's YAML file (format_version 1)."
        )
    try:
        petab_problem = petab.v1.Problem.from_yaml(str(yaml_path))
    except Exception as err:  # noqa: BLE001 - any reader error
        raise PetabLoadError(
            f"Could not read the PEtab problem {yaml_path}: {err}. Check "
            "that the YAML names existing SBML and TSV files."
        ) from err
    lint = petab.v1.lint
    if lint.measurement_table_has_timepoint_specific_mappings(
        petab_problem.measurement_df,
        allow_scalar_numeric_noise_parameters=not (
            lint.observable_table_has_nontrivial_noise_formula(
                petab_problem.observable_df
            )
        ),
    ):
        # AMICI refuses per-timepoint observable/noise parameters; the
        # flattened problem (one observable per mapping) is equivalent.
        petab.v1.flatten_timepoint_specific_output_overrides(petab_problem)
    if petab.v1.lint_problem(petab_problem):
        raise PetabLoadError(
            f"The PEtab problem {yaml_path} fails linting (see the errors "
            "logged above); fix the tables, e.g. with `petablint`."
        )
    if not petab_problem.x_free_ids:
        raise PetabLoadError(
            f"The PEtab problem {yaml_path} estimates no parameter: set "
            "estimate=1 for the parameters to fit in its parameter table."
        )
    return petab_problem


def load_petab_problem(
    yaml_path: str | os.PathLike,
    *,
    cache_dir: str | os.PathLike | None = None,
    sensitivity_method: str = "forward",
    force_compile: bool = False,
    solver_options: Mapping[str, float | int] | None = None,
) -> LoadedProblem:
    """Load a PEtab v1 problem as a pyPESTO problem with AMICI.

    Parameters
    ----------
    yaml_path:
        The problem's PEtab YAML file.
    cache_dir:
        Where compiled models are kept (default: :func:`default_cache_dir`).
    sensitivity_method:
        ``"forward"`` or ``"adjoint"`` (better for many parameters).
    force_compile:
        Recompile even if the cache holds the model.
    solver_options:
        AMICI solver settings, e.g. ``{"absolute_tolerance_fsa": 1e-8}``
        (:func:`apply_solver_options`). None: AMICI's defaults.

    Returns
    -------
    The problem, with the PEtab problem it came from.

    Raises
    ------
    PetabLoadError
        If a file is missing or malformed, linting fails, nothing is
        estimated, or the model does not compile.
    """
    from pypesto.petab import PetabImporter

    yaml_path = Path(yaml_path).resolve()
    petab_problem = _read_petab(yaml_path)
    name = re.sub(r"\W", "_", yaml_path.stem)
    digest = _files_digest(yaml_path)
    model_name = f"m_{name}_{digest}"[:60]
    folder = Path(cache_dir or default_cache_dir()) / model_name
    _ensure_swig()
    import amici.sim.sundials  # noqa: F401 - sets AMICI's log levels

    quiet_amici()
    with _locked(folder):
        try:
            importer = PetabImporter(
                petab_problem,
                output_folder=str(folder),
                model_name=model_name,
                validate_petab=False,
            )
            problem = importer.create_problem(
                force_compile=force_compile, verbose=False
            )
        except Exception as err:  # noqa: BLE001 - AMICI build errors vary
            raise PetabLoadError(
                f"AMICI could not import or compile {yaml_path}: {err}"
            ) from err
    if sensitivity_method not in ("forward", "adjoint"):
        raise ValueError(
            "sensitivity_method must be 'forward' or 'adjoint', got "
            f"{sensitivity_method!r}."
        )
    _set_sensitivity_method(problem, sensitivity_method)
    applied = apply_solver_options(problem, solver_options or {})
    quiet_amici()
    return LoadedProblem(
        problem, petab_problem, yaml_path.stem, yaml_path, applied
    )


def _amici_solvers(problem: pypesto.Problem) -> list:
    objective = problem.objective
    objectives = getattr(objective, "_objectives", [objective])
    return [
        obj.amici_solver for obj in objectives
        if getattr(obj, "amici_solver", None) is not None
    ]


def apply_solver_options(
    problem: pypesto.Problem, options: Mapping[str, float | int]
) -> dict:
    """Set AMICI solver settings on every AMICI objective of ``problem``.

    Each key names a setter of ``amici.sim.sundials.Solver`` without its
    ``set_`` prefix: ``{"absolute_tolerance_fsa": 1e-8, "max_steps":
    100000}`` calls ``solver.set_absolute_tolerance_fsa(1e-8)`` and
    ``solver.set_max_steps(100000)``. The settings travel with the
    objective when it is pickled (engines, SACESS workers).

    AMICI's defaults hold the forward sensitivities to the states'
    absolute tolerance, 1e-16. On Fujita_SciSignal2010 that fails the
    error test at about half of all points whose states integrate, so
    every such start "fails" at its first gradient, and searches stop
    early where a step's gradient fails; ``absolute_tolerance_fsa=1e-8``
    lets them all compute (BENCHMARKS.md, "v54").

    Returns
    -------
    The settings applied, as a plain dict (empty if none).

    Raises
    ------
    ValueError
        For a key that is no solver setting (the message lists them), a
        value the setter refuses, or a problem without an AMICI objective.
    """
    options = dict(options)
    if not options:
        return {}
    solvers = _amici_solvers(problem)
    if not solvers:
        raise ValueError(
            "Solver options need an AMICI objective; this problem has none."
        )
    known = sorted(
        name[4:] for name in dir(solvers[0])
        if name.startswith("set_") and not name.startswith("set_sensitivity")
    )
    for key in options:
        if key not in known:
            raise ValueError(
                f"Unknown AMICI solver setting {key!r}; known: "
                f"{', '.join(known)}."
            )
    for solver in solvers:
        for key, value in options.items():
            try:
                getattr(solver, f"set_{key}")(value)
            except (TypeError, ValueError, RuntimeError) as err:
                raise ValueError(
                    f"AMICI refused solver setting {key}={value!r}: {err}"
                ) from err
    return options


def parse_solver_options(items: Sequence[str]) -> dict:
    """``["KEY=VALUE", ...]`` (the CLI's ``--solver``) as a dict.

    Values are JSON numbers (``1e-8``, ``100000``); integers stay
    integers, as setters like ``set_max_steps`` need.
    """
    options = {}
    for item in items:
        key, sep, text = item.partition("=")
        try:
            value = json.loads(text) if sep else None
        except json.JSONDecodeError:
            value = None
        if not key.strip() or isinstance(value, bool) or not isinstance(
            value, int | float
        ):
            raise ValueError(
                f"--solver needs KEY=NUMBER, e.g. "
                f"absolute_tolerance_fsa=1e-8; got {item!r}."
            )
        options[key.strip()] = value
    return options


def quiet_amici(level: int = logging.WARNING) -> None:
    """Raise AMICI's loggers that were set to DEBUG/INFO to ``level``.

    AMICI sets some of its loggers to DEBUG, which floods the output with
    parameter-mapping messages on every objective creation.
    """
    for name, log in logging.Logger.manager.loggerDict.items():
        if name.startswith("amici") and isinstance(log, logging.Logger):
            if log.level and log.level < level:
                log.setLevel(level)


def _set_sensitivity_method(problem: pypesto.Problem, method: str) -> None:
    import amici.sim.sundials as amici_sim

    for solver in _amici_solvers(problem):
        solver.set_sensitivity_method(
            amici_sim.SensitivityMethod.adjoint
            if method == "adjoint"
            else amici_sim.SensitivityMethod.forward
        )

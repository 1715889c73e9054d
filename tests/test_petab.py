"""Tests of PEtab loading and of the cortisol problem through AMICI."""

from __future__ import annotations

import importlib.util
import shutil
import time

import numpy as np
import pandas as pd
import pypesto.engine
import pytest
import scipy.linalg
from conftest import CORTISOL_YAML, ROOT, model_cache

from pypesto_cvae import CVAEOptimizer, PetabLoadError, load_petab_problem
from pypesto_cvae.petab import apply_solver_options, parse_solver_options

pytestmark = pytest.mark.amici


def _exact_nll(k: dict[str, float]) -> float:
    """Cortisol NLL from the exact solution of the linear ODE."""
    folder = CORTISOL_YAML.parent
    meas = pd.read_csv(folder / "measurements.tsv", sep="\t")
    obs = pd.read_csv(folder / "observables.tsv", sep="\t")
    a = np.zeros((5, 5))  # X1..X5
    for src, dst, rate in ((0, 3, "K3"), (3, 4, "K4"), (4, 3, "K5"),
                           (4, 2, "K2"), (3, 1, "K1")):
        a[src, src] -= k[rate]
        a[dst, src] += k[rate]
    sigma = dict(zip(obs.observableId, obs.noiseFormula.astype(float),
                     strict=True))
    nll = 0.0
    for _, row in meas.iterrows():
        x = scipy.linalg.expm(a * row.time) @ np.eye(5)[0]
        s = sigma[row.observableId]
        y = x[int(row.observableId[-1]) - 1]
        nll += 0.5 * np.log(2 * np.pi * s**2) + 0.5 * ((row.measurement - y)
                                                       / s) ** 2
    return nll


def test_nominal_nll_matches_exact_solution(cortisol):
    """AMICI's NLL at the true parameters equals the exact solution's."""
    true = {"K1": 3.6, "K2": 1.2, "K3": 26.6, "K4": 1.2, "K5": 1.2}
    assert cortisol.problem.x_names == list(true)
    assert cortisol.nominal_fval() == pytest.approx(_exact_nll(true),
                                                    abs=1e-5)


def test_model_cache_is_reused(cortisol):
    """A second load reuses the compiled model instead of compiling."""
    t0 = time.time()
    again = load_petab_problem(CORTISOL_YAML, cache_dir=model_cache())
    assert time.time() - t0 < 10
    assert again.nominal_fval() == pytest.approx(cortisol.nominal_fval())


def test_problem_regenerates_byte_for_byte(tmp_path):
    """generate.py writes exactly the files in the repository."""
    spec = importlib.util.spec_from_file_location(
        "generate", CORTISOL_YAML.parent / "generate.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write_problem(tmp_path)
    for path in CORTISOL_YAML.parent.iterdir():
        if path.suffix in (".tsv", ".xml", ".yaml"):
            assert (tmp_path / path.name).read_bytes() == path.read_bytes()


def test_missing_and_broken_files_give_clear_errors(tmp_path):
    """Missing files, lint failures and no estimates raise PetabLoadError."""
    with pytest.raises(PetabLoadError, match="not found"):
        load_petab_problem(tmp_path / "nope.yaml")
    folder = tmp_path / "cortisol"
    shutil.copytree(CORTISOL_YAML.parent, folder)
    (folder / "cortisol.yaml").write_text("format_version: 1\nproblems: [")
    with pytest.raises(PetabLoadError, match="Could not read"):
        load_petab_problem(folder / "cortisol.yaml")
    shutil.copy(CORTISOL_YAML, folder / "cortisol.yaml")
    params = pd.read_csv(folder / "parameters.tsv", sep="\t")
    params["estimate"] = 0
    params.to_csv(folder / "parameters.tsv", sep="\t", index=False)
    with pytest.raises(PetabLoadError, match="estimates no parameter"):
        load_petab_problem(folder / "cortisol.yaml")
    params["estimate"] = 1
    params.loc[0, "upperBound"] = -1.0
    params.to_csv(folder / "parameters.tsv", sep="\t", index=False)
    with pytest.raises(PetabLoadError, match="fails linting"):
        load_petab_problem(folder / "cortisol.yaml")


def test_cvae_optimizer_recovers_the_truth(cortisol):
    """Two small rounds reach an NLL at or below the true parameters'."""
    opt = CVAEOptimizer(n_rounds=2, n_starts=6, seed=0, max_epochs=60)
    result = opt.minimize(
        cortisol.problem, progress_bar=False,
        engine=pypesto.engine.MultiProcessEngine(n_procs=2),
    )
    assert result.optimize_result.fval[0] <= cortisol.nominal_fval() + 1e-6
    assert len(result.optimize_result) == 12
    assert len(opt.data) > 12 * 5


@pytest.mark.skipif(not (ROOT.parent / "shared").is_dir(),
                    reason="../shared benchmark data not available")
@pytest.mark.shared
def test_benchmark_problem_loads():
    """A problem from ../shared/benchmark-models loads and evaluates."""
    yaml = (ROOT.parent / "shared" / "benchmark-models"
            / "Boehm_JProteomeRes2014" / "Boehm_JProteomeRes2014.yaml")
    loaded = load_petab_problem(yaml, cache_dir=model_cache())
    assert loaded.problem.dim == 9
    assert loaded.nominal_fval() == pytest.approx(138.222, abs=1e-2)


def test_solver_options_apply_and_pickle():
    """Solver settings reach the AMICI solver, pickle, and are recorded.

    Unknown keys and refused values raise ValueError.
    """
    import cloudpickle

    loaded = load_petab_problem(
        CORTISOL_YAML, cache_dir=model_cache(),
        solver_options={"absolute_tolerance_fsa": 1e-7, "max_steps": 12345},
    )
    solver = loaded.problem.objective.amici_solver
    assert solver.get_absolute_tolerance_fsa() == pytest.approx(1e-7)
    assert solver.get_max_steps() == 12345
    assert loaded.solver_options == {"absolute_tolerance_fsa": 1e-7,
                                     "max_steps": 12345}
    copy = cloudpickle.loads(cloudpickle.dumps(loaded.problem))
    assert copy.objective.amici_solver.get_absolute_tolerance_fsa() == \
        pytest.approx(1e-7)
    assert copy.objective.amici_solver.get_max_steps() == 12345
    plain = load_petab_problem(CORTISOL_YAML, cache_dir=model_cache())
    assert plain.solver_options == {}
    assert plain.problem.objective.amici_solver.get_max_steps() != 12345
    with pytest.raises(ValueError, match="Unknown AMICI solver setting"):
        apply_solver_options(plain.problem, {"absolute_tolerance_fs": 1e-8})
    with pytest.raises(ValueError, match="refused"):
        apply_solver_options(plain.problem, {"max_steps": "many"})
    with pytest.raises(ValueError, match="no AMICI objective|none"):
        apply_solver_options(
            pypesto.Problem(pypesto.Objective(fun=lambda x: 0.0), [0], [1]),
            {"max_steps": 10},
        )


def test_parse_solver_options():
    """--solver KEY=NUMBER items: numbers kept as int or float."""
    assert parse_solver_options(
        ["absolute_tolerance_fsa=1e-8", "max_steps=100000"]
    ) == {"absolute_tolerance_fsa": 1e-8, "max_steps": 100000}
    assert isinstance(parse_solver_options(["max_steps=5"])["max_steps"], int)
    for bad in ("max_steps", "max_steps=lots", "=1", "x=true"):
        with pytest.raises(ValueError, match="KEY=NUMBER"):
            parse_solver_options([bad])


def test_gradient_failure_at_the_nominal_point_warns(cortisol, caplog):
    """A value that computes with a gradient that fails gives a warning."""
    from pypesto_cvae.petab import LoadedProblem

    assert not cortisol.gradient_fails()
    dim = cortisol.problem.dim

    def broken(gradient_value: float) -> LoadedProblem:
        objective = pypesto.Objective(
            fun=lambda x: float(np.sum(x**2)),
            grad=lambda x: np.full(dim, gradient_value),
        )
        problem = pypesto.Problem(objective, -10 * np.ones(dim),
                                  10 * np.ones(dim))
        return LoadedProblem(problem, cortisol.petab_problem, "broken",
                             CORTISOL_YAML)

    with caplog.at_level("WARNING", logger="pypesto_cvae"):
        assert broken(np.nan).gradient_fails()
    assert "absolute_tolerance_fsa=1e-8" in caplog.text
    caplog.clear()
    with caplog.at_level("WARNING", logger="pypesto_cvae"):
        assert not broken(1.0).gradient_fails()
    assert not caplog.text

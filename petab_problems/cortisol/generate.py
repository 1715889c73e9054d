"""Generate the PEtab v1 problem for the cortisol model of Kraan et al. (1992).

The model is BioModels BIOMD0000000916, a linear five-compartment model of
cortisol metabolism and excretion (mass action, time in days)::

    X1 -> X4     K3 * X1
    X4 <-> X5    K4 * X4 - K5 * X5
    X5 -> X3     K2 * X5
    X4 -> X2     K1 * X4

with X1(0) = 1 and all other species 0. Synthetic measurements of all five
species are computed from the exact solution ``x(t) = expm(A t) x0`` at the
true parameters plus seeded additive Gaussian noise (see :func:`noise_sigmas`).

Run ``python petab_problems/cortisol/generate.py`` to rewrite all files of the
problem in this folder; the output is byte-for-byte reproducible.
"""

from __future__ import annotations

from pathlib import Path

import libsbml
import numpy as np
import pandas as pd
import scipy.linalg

HERE = Path(__file__).resolve().parent
MODEL_ID = "cortisol_kraan1992"
SPECIES = ["X1", "X2", "X3", "X4", "X5"]
X0 = np.array([1.0, 0.0, 0.0, 0.0, 0.0])
#: True (nominal) rate constants in 1/day.
TRUE_PARAMETERS = {"K1": 3.6, "K2": 1.2, "K3": 26.6, "K4": 1.2, "K5": 1.2}
#: Mass-action reactions as (id, reactant, product, forward, reverse rate).
REACTIONS = [
    ("R_X1_X4", "X1", "X4", "K3", None),
    ("R_X4_X5", "X4", "X5", "K4", "K5"),
    ("R_X5_X3", "X5", "X3", "K2", None),
    ("R_X4_X2", "X4", "X2", "K1", None),
]
TIMEPOINTS = np.linspace(0.0, 3.0, 16)  # days, step 0.2
SEED = 916
FLOAT_FORMAT = "%.6g"
BIOMODELS_URI = "https://identifiers.org/biomodels.db/BIOMD0000000916"
NOTES = (
    '<body xmlns="http://www.w3.org/1999/xhtml"><p>Cortisol metabolism and '
    "excretion model of Kraan et al. (1992), re-implemented from BioModels "
    f"BIOMD0000000916 ({BIOMODELS_URI}) for the pypesto_cvae benchmark. "
    "Time unit: day.</p></body>"
)
YAML = f"""format_version: 1
parameter_file: parameters.tsv
problems:
- condition_files:
  - conditions.tsv
  measurement_files:
  - measurements.tsv
  observable_files:
  - observables.tsv
  sbml_files:
  - {MODEL_ID}.xml
"""


def rate_matrix(k: dict[str, float]) -> np.ndarray:
    """Return the matrix ``A`` of the linear ODE ``dx/dt = A x``.

    Parameters
    ----------
    k
        Rate constants keyed by parameter id (``K1`` .. ``K5``).

    Returns
    -------
    numpy.ndarray
        The 5x5 rate matrix in the species order ``X1`` .. ``X5``.
    """
    a = np.zeros((len(SPECIES), len(SPECIES)))
    for _, source, target, fwd, rev in REACTIONS:
        i, j = SPECIES.index(source), SPECIES.index(target)
        a[[i, j], i] += [-k[fwd], k[fwd]]
        if rev is not None:
            a[[j, i], j] += [-k[rev], k[rev]]
    return a


def simulate(k: dict[str, float], t: np.ndarray) -> np.ndarray:
    """Return the exact solution, shape ``(len(t), 5)``, at times ``t``.

    Parameters
    ----------
    k
        Rate constants keyed by parameter id.
    t
        Time points in days.
    """
    a = rate_matrix(k)
    return np.array([scipy.linalg.expm(a * ti) @ X0 for ti in t])


def noise_sigmas(x: np.ndarray) -> np.ndarray:
    """Noise model: ``sigma_i = 0.01 + 0.05 * max_t x_i(t)``, 3 digits.

    The maximum is over the true trajectory on the measurement grid. The
    rounded value is used both for sampling and as the ``noiseFormula``.

    Parameters
    ----------
    x
        True trajectory of shape ``(n_timepoints, 5)``.

    Returns
    -------
    numpy.ndarray
        Standard deviations, one per species.
    """
    return np.array([float(f"{0.01 + 0.05 * m:.3g}") for m in x.max(axis=0)])


def create_sbml() -> str:
    """Build the SBML level 3 version 1 model and return it as a string."""
    doc = libsbml.SBMLDocument(3, 1)
    model = doc.createModel()
    model.setId(MODEL_ID)
    model.setName("Kraan1992 cortisol metabolism and excretion")
    model.setMetaId(f"meta_{MODEL_ID}")
    model.setNotes(NOTES)
    cv = libsbml.CVTerm(libsbml.MODEL_QUALIFIER)
    cv.setModelQualifierType(libsbml.BQM_IS_DERIVED_FROM)
    cv.addResource(BIOMODELS_URI)
    model.addCVTerm(cv)
    comp = model.createCompartment()
    comp.setId("default")
    comp.setSize(1.0)
    comp.setSpatialDimensions(3)
    comp.setConstant(True)
    for sid, x0 in zip(SPECIES, X0, strict=True):
        sp = model.createSpecies()
        sp.setId(sid)
        sp.setCompartment("default")
        sp.setInitialConcentration(float(x0))
        sp.setHasOnlySubstanceUnits(False)
        sp.setBoundaryCondition(False)
        sp.setConstant(False)
    for pid, value in TRUE_PARAMETERS.items():
        par = model.createParameter()
        par.setId(pid)
        par.setValue(value)
        par.setConstant(True)
    for rid, source, target, fwd, rev in REACTIONS:
        rxn = model.createReaction()
        rxn.setId(rid)
        rxn.setReversible(rev is not None)
        rxn.setFast(False)
        for ref, sid in (
            (rxn.createReactant(), source),
            (rxn.createProduct(), target),
        ):
            ref.setSpecies(sid)
            ref.setStoichiometry(1.0)
            ref.setConstant(True)
        rate = f"{fwd} * {source}" + (f" - {rev} * {target}" if rev else "")
        rxn.createKineticLaw().setMath(
            libsbml.parseL3Formula(f"default * ({rate})")
        )
    return libsbml.writeSBMLToString(doc)


def create_tables() -> dict[str, pd.DataFrame]:
    """Create the conditions, observables, measurements, parameters tables.

    Returns
    -------
    dict[str, pandas.DataFrame]
        Tables keyed by file stem.
    """
    x_true = simulate(TRUE_PARAMETERS, TIMEPOINTS)
    sigmas = noise_sigmas(x_true)
    y = x_true + sigmas * np.random.default_rng(SEED).standard_normal(
        x_true.shape
    )
    observables = pd.DataFrame(
        {
            "observableId": [f"obs_{s}" for s in SPECIES],
            "observableFormula": SPECIES,
            "noiseFormula": sigmas,
            "noiseDistribution": "normal",
        }
    )
    measurements = pd.DataFrame(
        {
            "observableId": np.repeat(
                observables["observableId"], len(TIMEPOINTS)
            ),
            "simulationConditionId": "c0",
            "time": np.tile(TIMEPOINTS, len(SPECIES)),
            "measurement": y.T.ravel(),
        }
    )
    parameters = pd.DataFrame(
        {
            "parameterId": list(TRUE_PARAMETERS),
            "parameterScale": "log10",
            "lowerBound": 1e-3,
            "upperBound": 1e3,
            "nominalValue": list(TRUE_PARAMETERS.values()),
            "estimate": 1,
        }
    )
    return {
        "conditions": pd.DataFrame({"conditionId": ["c0"]}),
        "observables": observables,
        "measurements": measurements,
        "parameters": parameters,
    }


def write_problem(folder: Path = HERE) -> None:
    """Write the SBML model, TSV tables and ``cortisol.yaml`` to ``folder``.

    Parameters
    ----------
    folder
        Output directory.
    """
    (folder / f"{MODEL_ID}.xml").write_text(create_sbml(), encoding="utf-8")
    for stem, df in create_tables().items():
        df.to_csv(
            folder / f"{stem}.tsv",
            sep="\t",
            index=False,
            float_format=FLOAT_FORMAT,
            lineterminator="\n",
        )
    (folder / "cortisol.yaml").write_text(YAML, encoding="utf-8")


if __name__ == "__main__":
    write_problem()
    print(
        f"wrote PEtab problem {MODEL_ID} ({len(TIMEPOINTS) * len(SPECIES)} "
        f"measurements) to {HERE}"
    )

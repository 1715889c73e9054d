"""Where a cVAE trained on a stuck run's data proposes, against jitter.

``python scripts/proposal_geometry.py EDGE N OUT.npz [SEED]``

OUT.npz is a traced file of ``start_predictors.py run`` (Latin-hypercube
searches with their traces, all in the unit box). The first N searches
whose final values are at or above EDGE (failed ones too) stand for a
run that has seen only those optima: a cVAE is trained on their traces
with the settings of :class:`~pypesto_cvae.iterative.CVAEOptimizer`
(KL weight 0.01), and 400 startpoints of each kind are drawn (SEED,
default 0):

* ``cvae [-1, 0]``: the learned proposals at the iterative default
  labels, uniform in [-1, 0] (below the best seen), lowest first;
* ``cvae [-1, 0] + 0.1``: the same with noise of sd 0.1 of the box
  (``IterationOptions.spread=0.1``);
* ``cvae 0``, ``cvae 0 + 0.1``: at the best label, without and with
  noise (``target=0``);
* ``jitter``: the ends of the five best searches plus noise of sd 0.1,
  clipped to the box (the benchmark's ``jitter`` ablation);
* ``random``: uniform points;
* ``cvae [-1, 0], no filter``: as the first kind, but decoded without
  the feasibility filter (``feasibility_neighbors=0``: one candidate per
  label instead of the least failure-prone of ``oversample``), drawn
  last so that the rows above keep their random numbers;
* ``start model [-1, 0]``: a second cVAE of the same settings trained
  on the N searches' startpoints, each labelled by its search's final
  value (``IterationOptions.start_fraction``), drawn after all others.

Printed per kind: the median root-mean-square distance (unit box) to the
nearest search end, the share of coordinates on a bound, and the mean
end rank that the linear trend of those N searches' ends on their
startpoints predicts (:meth:`pypesto_cvae.screen.StartScreen.trend`;
0 is the best search, 1 the worst, failed ones last), and the share of
the 20 traced startpoints nearest to each proposal (all searches of the
file) whose searches ended below EDGE: where in the space of startpoints
the file's searches that left the stuck run's optima began.
"""

from __future__ import annotations

import sys

import numpy as np

from pypesto_cvae.config import CVAEConfig
from pypesto_cvae.data import TrainingSet
from pypesto_cvae.screen import StartScreen
from pypesto_cvae.startpoint import perturbed_points
from pypesto_cvae.training import fit_cvae

N_DRAWS = 400
#: The defaults of the benchmark's ``JitterOptimizer`` (``sd``, ``n_best``).
JITTER_SD = 0.1
N_BEST = 5


def stuck_searches(data, edge: float, n: int) -> list[int]:
    """Indices of the first ``n`` searches that ended at or above ``edge``."""
    ends = data["ends"]
    keep = [i for i in range(len(ends))
            if not np.isfinite(ends[i]) or ends[i] >= edge]
    return keep[:n]


def search_ends(data, ids: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Best traced point and final value of each finished search."""
    xs, fs = [], []
    for i in ids:
        f = data["ends"][i]
        if not np.isfinite(f):
            continue
        mask = data["tr_id"] == i
        tf = np.where(np.isfinite(data["tr_f"][mask]), data["tr_f"][mask],
                      np.inf)
        xs.append(data["tr_x"][mask][np.argmin(tf)])
        fs.append(f)
    return np.array(xs), np.array(fs)


#: Traced startpoints per proposal for the "below EDGE nearby" column.
N_NEAR = 20


def proposals(model, ends, end_f, rng) -> dict[str, np.ndarray]:
    """``N_DRAWS`` unit-box startpoints of each kind (module docstring)."""
    dim = ends.shape[1]
    best = ends[np.argsort(end_f)[:N_BEST]]
    return {
        "cvae [-1, 0]": model.generate(N_DRAWS, rng, (-1.0, 0.0),
                                       ordered=True),
        "cvae [-1, 0] + 0.1": model.generate(N_DRAWS, rng, (-1.0, 0.0),
                                             0.1, ordered=True),
        "cvae 0": model.generate(N_DRAWS, rng, 0.0),
        "cvae 0 + 0.1": model.generate(N_DRAWS, rng, 0.0, 0.1),
        "jitter": perturbed_points(best, N_DRAWS, JITTER_SD, np.zeros(dim),
                                   np.ones(dim), rng),
        "random": rng.random((N_DRAWS, dim)),
        "cvae [-1, 0], no filter": model.unfiltered().generate(
            N_DRAWS, rng, (-1.0, 0.0), ordered=True),
    }


def main(argv: list[str]) -> None:
    """Print the table of the module docstring."""
    edge, n, path = float(argv[0]), int(argv[1]), argv[2]
    rng = np.random.default_rng(int(argv[3]) if len(argv) > 3 else 0)
    data = np.load(path)
    ids = stuck_searches(data, edge, n)
    dim = data["starts"].shape[1]
    lb, ub = np.zeros(dim), np.ones(dim)
    mask = np.isin(data["tr_id"], ids)
    fval = data["tr_f"][mask]
    train = TrainingSet(data["tr_x"][mask],
                        np.where(np.isfinite(fval), fval, np.inf), lb, ub,
                        [str(s) for s in data["names"]])
    model = fit_cvae(train, CVAEConfig.iterative(), rng)
    starts = TrainingSet(data["starts"][ids],
                         np.where(np.isfinite(data["ends"][ids]),
                                  data["ends"][ids], np.inf), lb, ub,
                         train.x_names)
    ends, end_f = search_ends(data, ids)
    trend = StartScreen(lb, ub)
    trend.add(data["starts"][ids], data["ends"][ids],
              np.zeros(len(ids), dtype=bool))
    print(f"{len(ids)} searches ending at or above {edge:g} "
          f"({len(train)} traced points); best ends "
          + ", ".join(f"{f:.1f}" for f in np.sort(end_f)[:N_BEST]))
    below = np.isfinite(data["ends"]) & (data["ends"] < edge)
    kinds = proposals(model, ends, end_f, rng)
    kinds["start model [-1, 0]"] = fit_cvae(
        starts, CVAEConfig.iterative(), rng).generate(
            N_DRAWS, rng, (-1.0, 0.0), ordered=True)
    print(f"{below.sum()} of the file's {below.size} searches ended below "
          f"{edge:g}")
    print("\n| proposals | median distance to nearest end | "
          "coordinates on a bound | mean predicted end rank | "
          f"below {edge:g} among the {N_NEAR} nearest startpoints |\n"
          "|---|---:|---:|---:|---:|")
    for name, x in kinds.items():
        dist = np.sqrt(((x[:, None] - ends[None]) ** 2).mean(axis=2))
        bound = np.mean((x < 1e-3) | (x > 1 - 1e-3))
        d0 = ((x[:, None] - data["starts"][None]) ** 2).sum(axis=2)
        near = below[np.argsort(d0, axis=1)[:, :N_NEAR]].mean()
        print(f"| {name} | {np.median(dist.min(axis=1)):.3f} | "
              f"{bound:.1%} | {trend.trend(x).mean():.2f} | {near:.1%} |")


if __name__ == "__main__":
    main(sys.argv[1:])

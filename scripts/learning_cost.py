"""Measure the cost of learning: training and sampling time of the cVAE.

Against the number of parameters (5 to 281) and the training-set size
(10^3 to 10^6 vectors), with the default configuration, one CPU thread.
Synthetic data: uniform vectors in the unit box with a quadratic objective
and 10 % failures, which is what the trainer sees from real histories.

Run: .venv/bin/python scripts/learning_cost.py  (prints a Markdown table)
"""

from __future__ import annotations

import resource
import time

import numpy as np

from pypesto_cvae import CVAEConfig, TrainingSet, fit_cvae

CASES = [(5, 10_000), (20, 10_000), (50, 10_000), (100, 10_000),
         (281, 10_000), (50, 1_000), (50, 100_000), (50, 1_000_000),
         (281, 1_000_000)]


def synthetic(dim: int, n: int, rng) -> TrainingSet:
    """Vectors with a quadratic objective; 10 % marked as failed."""
    x = rng.random((n, dim))
    fval = np.sum((x - 0.3) ** 2, axis=1)
    fval[rng.random(n) < 0.1] = np.inf
    return TrainingSet(x=x, fval=fval, lb=np.zeros(dim), ub=np.ones(dim),
                       x_names=[f"p{i}" for i in range(dim)])


def main() -> None:
    """Print one table row per case."""
    rng = np.random.default_rng(0)
    config = CVAEConfig()
    print("| parameters | vectors | used for training | epochs | "
          "train CPU-s | sample 1000 CPU-s | peak RSS GiB |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for dim, n in CASES:
        data = synthetic(dim, n, rng)
        t0 = time.process_time()
        model = fit_cvae(data, config, rng)
        t1 = time.process_time()
        model.generate(1000, rng, target=(-1.0, 0.0))
        t2 = time.process_time()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
        print(f"| {dim} | {n:,} | {model.stats['n_points']:,} | "
              f"{model.stats['epochs']} | {t1 - t0:.1f} | {t2 - t1:.2f} | "
              f"{rss:.1f} |", flush=True)
        del data, model


if __name__ == "__main__":
    main()

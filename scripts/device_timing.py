"""Wall-clock time of cVAE training and sampling per torch device.

``python scripts/device_timing.py [DEVICE ...]`` (default: ``cpu``, and
``cuda`` when torch sees a GPU) trains the iterative optimizer's cVAE
(:meth:`pypesto_cvae.config.CVAEConfig.iterative`) on synthetic data of
12 parameters (Crauste's size) and 281 (the lipid model's), 20 000
vectors (the default ``max_points``), for a fixed 2 000 optimizer
steps (the default ``max_steps``; early stopping off, so every device
does the same work), then draws 10 000 startpoints; prints one
Markdown row per case. ``cpu`` uses one torch thread (the package
default, ``num_threads``), ``cpu16`` sixteen.
"""

from __future__ import annotations

import sys
import time

import numpy as np
import torch

from pypesto_cvae import CVAEConfig, TrainingSet, fit_cvae

CASES = ((12, 20_000), (281, 20_000))


def _data(dim: int, n: int) -> TrainingSet:
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 1, (n, dim))
    fval = np.sum((x - 0.7) ** 2, axis=1) + 0.1 * rng.normal(size=n)
    return TrainingSet(x=x, fval=fval, lb=np.zeros(dim), ub=np.ones(dim),
                       x_names=[f"p{i}" for i in range(dim)])


def _time(dim: int, n: int, device: str,
          steps: int = 2000) -> tuple[float, float]:
    threads = 16 if device == "cpu16" else 1
    config = CVAEConfig.from_kwargs(
        CVAEConfig.iterative(), device=device.removesuffix("16"),
        num_threads=threads, max_epochs=10**6, patience=10**6,
        max_steps=steps,
    )
    data = _data(dim, n)
    t0 = time.perf_counter()
    model = fit_cvae(data, config, rng=0)
    if device == "cuda":
        torch.cuda.synchronize()
    train = time.perf_counter() - t0
    t0 = time.perf_counter()
    with torch.inference_mode():
        model.generate(10_000, np.random.default_rng(1))
    return train, time.perf_counter() - t0


def main(devices: list[str]) -> None:
    """Print one Markdown row per case and device."""
    print("| parameters | vectors | device | training (2000 steps), s "
          "| 10 000 startpoints, s |")
    print("|---:|---:|---|---:|---:|")
    for dim, n in CASES:
        for device in devices:
            _time(dim, 500, device, steps=20)  # warm-up (CUDA context)
            train, sample = _time(dim, n, device)
            print(f"| {dim} | {n} | {device} | {train:.2f} | {sample:.3f} |",
                  flush=True)


if __name__ == "__main__":
    main(sys.argv[1:] or ["cpu"] + (["cuda"] if torch.cuda.is_available()
                                    else []))

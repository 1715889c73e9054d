"""The cVAE on a CUDA device (``TrainingConfig.device="cuda"``).

Skipped where torch sees no CUDA device (CI, most laptops); run on a GPU
machine with ``python -m pytest tests/test_cuda.py``.
"""

from __future__ import annotations

import pickle

import cloudpickle
import numpy as np
import pypesto.optimize as optimize
import pytest
import torch
from conftest import (
    lhs_training_set,
    make_problem,
    quadratic_training_set,
    rastrigin_first_round,
)

from pypesto_cvae import (
    CVAEConfig,
    CVAEOptimizer,
    CVAEStartpoints,
    fit_cvae,
)
from pypesto_cvae.persistence import load_model, save_model

pytestmark = pytest.mark.skipif(
    not torch.cuda.is_available(), reason="needs a CUDA device"
)

SETTINGS = {"max_epochs": 150, "hidden_layers": (32, 32), "device": "cuda"}


def _on_cuda(trained) -> bool:
    return next(trained.model.parameters()).device.type == "cuda"


def test_training_on_cuda_learns_the_condition():
    """Trained on the GPU, low labels still give lower objective values."""
    model = fit_cvae(quadratic_training_set(),
                     CVAEConfig.from_kwargs(**SETTINGS), rng=0)
    assert _on_cuda(model)
    rng = np.random.default_rng(1)
    low = model.generate(300, rng, target=0.0)
    high = model.generate(300, rng, target=1.0)
    assert isinstance(low, np.ndarray) and np.all(np.isfinite(low))

    def f(x):
        return np.sum((x - 0.8) ** 2, axis=1)

    assert np.median(f(low)) < 0.5 * np.median(f(high))


def test_cuda_and_cpu_training_agree():
    """Same seed on both devices: the same model up to float rounding."""
    data = quadratic_training_set()
    cuda = fit_cvae(data, CVAEConfig.from_kwargs(**SETTINGS), rng=0)
    cpu = fit_cvae(
        data, CVAEConfig.from_kwargs(**{**SETTINGS, "device": "cpu"}), rng=0
    )
    a = cuda.generate(200, np.random.default_rng(5), target=0.0)
    b = cpu.generate(200, np.random.default_rng(5), target=0.0)
    # 150 epochs of Adam amplify rounding differences a little
    assert np.median(np.abs(a - b)) < 0.05


@pytest.fixture(scope="module")
def first_round():
    return rastrigin_first_round()


def test_cuda_startpoints_pickle_to_the_cpu(first_round):
    """Pickled copies hold a CPU network and sample what the GPU one does."""
    startpoints = CVAEStartpoints.from_result(first_round, seed=3,
                                              **SETTINGS)
    assert _on_cuda(startpoints.model)
    problem = make_problem()
    for dumps, loads in ((pickle.dumps, pickle.loads),
                         (cloudpickle.dumps, cloudpickle.loads)):
        copy = loads(dumps(startpoints))
        assert not _on_cuda(copy.model)
        assert _on_cuda(startpoints.model)  # the original stays put
        x_gpu = loads(dumps(startpoints))  # same RNG state as `copy`
        x_gpu.model = startpoints.model
        a, b = copy(8, problem), x_gpu(8, problem)
        assert a.shape == (8, 4)
        assert np.all(a >= problem.lb) and np.all(a <= problem.ub)
        np.testing.assert_allclose(a, b, atol=1e-4)


def test_saved_cuda_model_loads_on_either_device(tmp_path):
    """A GPU-trained model saved to disk loads on the CPU and on the GPU."""
    trained = fit_cvae(lhs_training_set(make_problem(), 400),
                       CVAEConfig.from_kwargs(**SETTINGS), rng=1)
    path = save_model(trained, tmp_path / "model.pt")
    on_cpu = load_model(path, device="cpu")
    on_gpu = load_model(path, device="cuda")
    assert not _on_cuda(on_cpu) and _on_cuda(on_gpu)
    a = on_cpu.generate(50, np.random.default_rng(2), target=0.0)
    b = on_gpu.generate(50, np.random.default_rng(2), target=0.0)
    np.testing.assert_allclose(a, b, atol=1e-4)


def test_iterative_optimizer_trains_on_cuda():
    """CVAEOptimizer runs its rounds with the network on the GPU."""
    problem = make_problem()
    opt = CVAEOptimizer(
        local_optimizer=optimize.ScipyOptimizer(), n_rounds=3, n_starts=8,
        seed=0, max_epochs=60, hidden_layers=(32, 32), device="cuda",
    )
    result = opt.minimize(problem, progress_bar=False)
    assert len(result.optimize_result) == 24
    assert sum(r.n_cvae for r in opt.rounds) > 0
    assert np.isfinite(result.optimize_result[0].fval)

"""Fit a conditional VAE to a training set and draw vectors from it.

:func:`fit_cvae` splits the data, trains with Adam and early stopping on a
validation split and keeps the best weights. The result, a
:class:`TrainedCVAE`, bundles the network with everything needed to use it
on its problem: bounds, parameter names, the label transform, the
configuration, and a small feasibility model that estimates from the
nearest training vectors whether a new vector will fail to simulate.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import functools
import logging
import time

import numpy as np
import torch
from pypesto.util import tqdm

from .config import CVAEConfig
from .data import LabelTransform, TrainingSet
from .model import ConditionalVAE

__all__ = [
    "InsufficientDataError",
    "TrainingDivergedError",
    "TrainedCVAE",
    "fit_cvae",
    "min_training_points",
    "reflect_into_unit_box",
    "warm_up_torch",
]

logger = logging.getLogger(__name__)

#: Vectors kept for the nearest-neighbour feasibility estimate.
_FEASIBILITY_POINTS = 5000


class InsufficientDataError(ValueError):
    """Too few finite evaluations to train a cVAE."""


class TrainingDivergedError(InsufficientDataError):
    """No training epoch gave a finite loss; there is no model to keep."""


def min_training_points(dim: int, min_points: int | None = None) -> int:
    """Fewest finite evaluations a cVAE is trained on.

    ``min_points`` if given (``TrainingConfig.min_points``), else
    ``max(10, dim)``.
    """
    return max(10, dim) if min_points is None else int(min_points)


def torch_generator(rng: np.random.Generator) -> torch.Generator:
    """A CPU torch generator seeded from an owned numpy generator."""
    return torch.Generator().manual_seed(int(rng.integers(2**62)))


@dataclasses.dataclass
class TrainedCVAE:
    """A trained cVAE together with its problem context.

    Parameters
    ----------
    model:
        The network, in evaluation mode.
    config:
        Network, training and sampling settings it was built with.
    transform:
        Map from objective values to labels.
    lb, ub:
        Bounds of the free parameters (objective scale) that define the
        unit box.
    x_names:
        Free parameter ids, in order.
    x_scales:
        Their scales, if known.
    feasible_u, failed:
        Training vectors in the unit box, shape (m, dim), and whether
        each failed to simulate; used by :meth:`failure_risk`.
    stats:
        Training statistics: epochs, losses, time, data counts.
    """

    model: ConditionalVAE
    config: CVAEConfig
    transform: LabelTransform
    lb: np.ndarray
    ub: np.ndarray
    x_names: list[str]
    x_scales: list[str] | None
    feasible_u: np.ndarray
    failed: np.ndarray
    stats: dict = dataclasses.field(default_factory=dict)

    @property
    def dim(self) -> int:
        """Number of free parameters."""
        return self.lb.size

    def unfiltered(self) -> TrainedCVAE:
        """Return a copy with the feasibility filter switched off.

        The copy shares the network; it decodes one candidate per label
        (``feasibility_neighbors=0``) instead of keeping the least
        failure-prone of ``oversample``.
        """
        sampling = dataclasses.replace(
            self.config.sampling, feasibility_neighbors=0
        )
        config = dataclasses.replace(self.config, sampling=sampling)
        return dataclasses.replace(self, config=config)

    def failure_risk(self, u: np.ndarray) -> np.ndarray:
        """Share of failed simulations among the nearest training vectors.

        Parameters
        ----------
        u:
            Candidate vectors in the unit box, shape (n, dim).

        Returns
        -------
        Estimated failure probability per candidate, shape (n,); zeros
        when no training vector failed or the filter is disabled.
        """
        k = min(self.config.sampling.feasibility_neighbors, self.failed.size)
        if k == 0 or not self.failed.any():
            return np.zeros(u.shape[0])
        ref = self.feasible_u
        d2 = (u**2).sum(1)[:, None] - 2 * u @ ref.T + (ref**2).sum(1)[None, :]
        nearest = np.argpartition(d2, k - 1, axis=1)[:, :k]
        return self.failed[nearest].mean(axis=1)

    def draw_labels(self, n: int, rng: np.random.Generator, target=None):
        """Labels for ``n`` new vectors at ``target`` (default: config)."""
        target = self.config.sampling.target if target is None else target
        if isinstance(target, tuple | list):
            return rng.uniform(target[0], target[1], size=n)
        return np.full(n, float(target))

    def labels_of(self, fval: np.ndarray) -> np.ndarray:
        """The labels of objective values (failed ones: the failure label)."""
        return self.transform.with_failures(
            fval, self.config.sampling.failure_label
        )

    def encode(self, x: np.ndarray, fval: np.ndarray) -> np.ndarray:
        """Posterior means of vectors, shape (n, latent_dim).

        Parameters
        ----------
        x:
            Vectors in the objective's scale, shape (n, dim).
        fval:
            Their objective values, shape (n,); each vector is encoded
            with its own label (failed ones with the failure label), as
            during training.
        """
        labels = self.labels_of(fval)
        u = np.clip((np.asarray(x, float) - self.lb) / (self.ub - self.lb),
                    0.0, 1.0)
        device = next(self.model.parameters()).device
        with torch_threads(self.config.training.num_threads):
            codes = self.model.embed(
                torch.as_tensor(u, dtype=torch.float32, device=device),
                torch.as_tensor(labels, dtype=torch.float32, device=device),
            )
        return codes.cpu().numpy().astype(float)

    def generate_unit(
        self,
        labels: np.ndarray,
        rng: np.random.Generator,
        codes: np.ndarray | None = None,
        temperature: float | None = None,
    ) -> np.ndarray:
        """Decode vectors in the unit box at ``labels``, filtered.

        ``oversample`` candidates are decoded per label; of each group the
        one with the lowest estimated failure risk is kept. The latent
        draws are centred on ``codes`` (one row per label; default: the
        prior's centre) with standard deviation ``temperature`` (default:
        the sampling configuration's).
        """
        sampling = self.config.sampling
        if temperature is None:
            temperature = sampling.temperature
        labels = np.asarray(labels, dtype=float)
        n, m = labels.size, sampling.oversample
        if sampling.feasibility_neighbors == 0 or not self.failed.any():
            m = 1
        centres = None
        if codes is not None:
            centres = torch.as_tensor(np.repeat(codes, m, axis=0))
        with torch_threads(self.config.training.num_threads):
            cand = self.model.sample(
                torch.as_tensor(np.repeat(labels, m)),
                temperature=temperature,
                generator=torch_generator(rng),
                centres=centres,
            )
        cand = cand.cpu().numpy().astype(float).reshape(n, m, self.dim)
        if m == 1:
            return cand[:, 0]
        risk = self.failure_risk(cand.reshape(n * m, self.dim))
        risk = risk.reshape(n, m) + 1e-9 * rng.random((n, m))
        return cand[np.arange(n), np.argmin(risk, axis=1)]

    def generate(
        self,
        n: int,
        rng: np.random.Generator,
        target=None,
        spread: float = 0.0,
        ordered: bool = False,
        reflect: bool = False,
    ) -> np.ndarray:
        """``n`` new vectors in the objective's scale, within the bounds.

        ``spread`` > 0 adds Gaussian noise with that standard deviation in
        the unit box (i.e. as a share of each parameter's range) to the
        decoded vectors, to leave the basins the data know; noise that
        leaves the box is clipped to its faces, or with ``reflect``
        mirrored back into it (so that large noise spreads the vectors
        over the box instead of piling them up on its faces). With
        ``ordered``, the labels drawn from a ``target`` range are sorted,
        so the vectors come lowest label (most ambitious) first; the
        random numbers drawn are the same.
        """
        labels = self.draw_labels(n, rng, target)
        if ordered:
            labels = np.sort(labels)
        u = self.generate_unit(labels, rng)
        return self._to_box(u, rng, spread, reflect)

    def generate_near(
        self,
        x: np.ndarray,
        fval: np.ndarray,
        n: int,
        rng: np.random.Generator,
        target=None,
        scale: float = 0.5,
        spread: float = 0.0,
        reflect: bool = False,
        own_label: bool = False,
    ) -> np.ndarray:
        """``n`` new vectors decoded from latent codes near those of ``x``.

        Each new vector picks one row of ``x`` at random, draws a latent
        code from a normal distribution with standard deviation ``scale``
        around that row's posterior mean (:meth:`encode`), and decodes it
        at a label drawn from ``target``, or with ``own_label`` at that
        row's own label (the code decoded as it was encoded, so that
        the draws vary the row's reconstruction instead of moving it
        towards the low labels). The variation thus follows the
        directions the network learned from the data around those vectors
        rather than isotropic noise. ``spread`` and ``reflect`` as in
        :meth:`generate`.
        """
        codes = self.encode(x, fval)
        pick = rng.integers(len(codes), size=n)
        if own_label:
            labels = self.labels_of(fval)[pick]
        else:
            labels = self.draw_labels(n, rng, target)
        u = self.generate_unit(labels, rng, codes=codes[pick],
                               temperature=scale)
        return self._to_box(u, rng, spread, reflect)

    def _to_box(
        self, u: np.ndarray, rng, spread: float, reflect: bool = False
    ) -> np.ndarray:
        """Unit-box vectors, with noise of sd ``spread``, to the bounds."""
        if spread > 0:
            u = u + spread * rng.standard_normal(u.shape)
            u = reflect_into_unit_box(u) if reflect else np.clip(u, 0.0, 1.0)
        return self.lb + u * (self.ub - self.lb)


def reflect_into_unit_box(u: np.ndarray) -> np.ndarray:
    """``u`` mirrored at the faces of [0, 1] until it lies inside.

    Gaussian noise of any size, reflected this way, leaves the points in
    the box with a density that tends to the uniform one as the noise
    grows (clipping instead puts a growing share on the faces).
    """
    u = np.mod(np.asarray(u, dtype=float), 2.0)
    return np.where(u > 1.0, 2.0 - u, u)


@functools.cache
def warm_up_torch() -> None:
    """Pay torch's one-time start-up cost in this process now.

    The first training step of a process initialises torch's CPU kernels
    and autograd (about 1.5 CPU-s here); later ones do not. The benchmark
    calls this before a run's clock starts, as imports are not charged to
    any method either.
    """
    model = torch.nn.Linear(2, 1)
    loss = model(torch.zeros(4, 2)).pow(2).sum()
    loss.backward()
    torch.optim.Adam(model.parameters()).step()


@contextlib.contextmanager
def torch_threads(n: int):
    """Run a block with ``n`` torch CPU threads, then restore the count."""
    before = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def _split(n: int, fraction: float, rng: np.random.Generator):
    perm = rng.permutation(n)
    n_val = int(round(fraction * n)) if n >= 20 else 0
    return perm[n_val:], perm[:n_val]


def _epoch(model, x, c, idx, batch_size, kl_weight, gen, optimizer):
    """One pass over ``idx``; returns the mean loss."""
    perm = idx[torch.randperm(idx.numel(), generator=gen)]
    total = 0.0
    for start in range(0, perm.numel(), batch_size):
        batch = perm[start : start + batch_size]
        loss = model.loss(x[batch], c[batch], kl_weight, gen).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += float(loss.detach()) * batch.numel()
    return total / max(perm.numel(), 1)


def _build_model(dim, config, seed, init):
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = ConditionalVAE(dim, config.network)
    if isinstance(init, TrainedCVAE):
        same = init.dim == dim and init.config.network == config.network
        init = init.model.state_dict() if same else None
    if init is not None:
        try:
            model.load_state_dict(init)
        except RuntimeError:
            logger.debug("Warm-start weights do not fit; starting afresh.")
    return model.to(config.training.device)


def _train(model, u, labels, split, tcfg, rng, progress_bar):
    """Adam with early stopping; leaves the best weights in ``model``."""
    x_t = torch.as_tensor(u, dtype=torch.float32, device=tcfg.device)
    c_t = torch.as_tensor(labels, dtype=torch.float32, device=tcfg.device)
    train_idx, val_idx = (torch.as_tensor(i) for i in split)
    gen = torch_generator(rng)
    optimizer = torch.optim.Adam(model.parameters(), lr=tcfg.learning_rate)
    val_seed = int(rng.integers(2**62))
    best, best_state, stale, history = np.inf, None, 0, []
    per_epoch = -(-train_idx.numel() // tcfg.batch_size)
    n_epochs = min(tcfg.max_epochs, -(-tcfg.max_steps // max(per_epoch, 1)))
    epochs = tqdm(range(n_epochs), enable=progress_bar, leave=False)
    t0 = time.process_time()
    for _ in epochs:
        model.train()
        loss = _epoch(
            model,
            x_t,
            c_t,
            train_idx,
            tcfg.batch_size,
            tcfg.kl_weight,
            gen,
            optimizer,
        )
        monitor = loss
        if val_idx.numel():
            model.eval()
            with torch.no_grad():
                monitor = float(
                    model.loss(
                        x_t[val_idx],
                        c_t[val_idx],
                        tcfg.kl_weight,
                        torch.Generator().manual_seed(val_seed),
                    ).mean()
                )
        history.append((loss, monitor))
        if monitor < best - 1e-6:
            best, stale = monitor, 0
            best_state = copy.deepcopy(model.state_dict())
        else:
            stale += 1
            if stale >= tcfg.patience:
                break
        if tcfg.max_cpu_s is not None:
            # stop before an epoch that would overrun the allowance
            spent = time.process_time() - t0
            if spent * (len(history) + 1) / len(history) > tcfg.max_cpu_s:
                break
    if best_state is None:
        last = history[-1][1] if history else np.nan
        raise TrainingDivergedError(
            f"The cVAE's loss was not finite in any of {len(history)} "
            f"epoch(s) (last: {last:.3g}); no model was kept."
        )
    model.load_state_dict(best_state)
    model.eval()
    return best, history


def fit_cvae(
    data: TrainingSet,
    config: CVAEConfig | None = None,
    rng: np.random.Generator | int | None = None,
    *,
    init: TrainedCVAE | dict | None = None,
    progress_bar: bool = False,
) -> TrainedCVAE:
    """Train a conditional VAE on a training set.

    Parameters
    ----------
    data:
        Evaluated vectors and objective values of one problem.
    config:
        Network, training and sampling settings (defaults if None).
    rng:
        Source of all randomness (split, initial weights, batches).
    init:
        A model of an earlier round, or its ``state_dict``, to start from
        (warm start); used when dimension and network shape agree.
    progress_bar:
        Show a progress bar over epochs.

    Returns
    -------
    The trained model with its problem context.

    Raises
    ------
    InsufficientDataError
        If there are fewer finite evaluations than
        :func:`min_training_points` (or ``TrainingConfig.min_points``);
        :class:`TrainingDivergedError`, a subclass, if no epoch gave a
        finite loss.
    """
    config = config or CVAEConfig()
    rng = np.random.default_rng(rng)
    tcfg = config.training
    needed = min_training_points(data.dim, tcfg.min_points)
    if data.n_finite < needed:
        raise InsufficientDataError(
            f"Only {data.n_finite} finite evaluations for {data.dim} "
            f"parameters; the cVAE needs at least {needed} "
            "(TrainingConfig.min_points)."
        )
    t0 = time.process_time()
    data = data.subsample(tcfg.max_points, rng)
    transform = LabelTransform.fit(config.sampling.label_transform, data.fval)
    labels = data.labels(transform, config.sampling.failure_label)
    u = data.to_unit(data.x)
    with torch_threads(tcfg.num_threads):
        model = _build_model(data.dim, config, int(rng.integers(2**62)), init)
        split = _split(len(data), tcfg.validation_fraction, rng)
        best, history = _train(
            model, u, labels, split, tcfg, rng, progress_bar
        )
    keep = rng.permutation(len(data))[:_FEASIBILITY_POINTS]
    stats = {
        "epochs": len(history),
        "best_loss": best,
        "loss_history": history,
        "n_points": len(data),
        "n_failed": int(data.failed.sum()),
        "cpu_s": time.process_time() - t0,
    }
    logger.debug(
        "cVAE trained: %s",
        {k: v for k, v in stats.items() if k != "loss_history"},
    )
    return TrainedCVAE(
        model=model,
        config=config,
        transform=transform,
        lb=data.lb.copy(),
        ub=data.ub.copy(),
        x_names=list(data.x_names),
        x_scales=data.x_scales,
        feasible_u=u[keep],
        failed=data.failed[keep].copy(),
        stats=stats,
    )

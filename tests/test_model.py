"""Tests of the conditional VAE network."""

from __future__ import annotations

import torch

from pypesto_cvae.config import NetworkConfig
from pypesto_cvae.model import ConditionalVAE


def _model(dim=3):
    with torch.random.fork_rng():
        torch.manual_seed(0)
        return ConditionalVAE(dim, NetworkConfig((8, 8), latent_dim=2))


def test_shapes_and_unit_box():
    """Encoder, decoder and sampler give the documented shapes."""
    model = _model()
    x, c = torch.rand(5, 3), torch.rand(5)
    mean, logvar = model.encode(x, c)
    assert mean.shape == logvar.shape == (5, 2)
    out = model.sample(torch.zeros(7), generator=torch.Generator())
    assert out.shape == (7, 3)
    assert bool(((out >= 0) & (out <= 1)).all())
    assert model.loss(x, c, 0.5).shape == (5,)


def test_condition_changes_the_output():
    """The decoder depends on the label."""
    model = _model()
    z = torch.zeros(1, 2)
    low = model.decode(z, torch.tensor([0.0]))
    high = model.decode(z, torch.tensor([1.0]))
    assert not torch.allclose(low, high)


def test_kl_weight_enters_the_loss():
    """A larger KL weight gives a larger loss for a non-trivial posterior."""
    model = _model()
    x, c = torch.rand(4, 3), torch.rand(4)
    gen = torch.Generator().manual_seed(1)
    loss0 = model.loss(x, c, 0.0, torch.Generator().manual_seed(1))
    loss1 = model.loss(x, c, 10.0, gen)
    assert bool((loss1 > loss0).all())

"""The conditional variational autoencoder (torch only).

Vectors live in the unit box ``[0, 1]^dim``; the condition is one scalar
label per vector (low = good objective value). Encoder and decoder are MLPs
that both see the label. The decoder ends in a sigmoid, so every decoded
vector lies in the unit box.
"""

from __future__ import annotations

import torch
from torch import nn

from .config import NetworkConfig

__all__ = ["ConditionalVAE"]


def _mlp(sizes: list[int], activation: str) -> nn.Sequential:
    layers: list[nn.Module] = []
    for n_in, n_out in zip(sizes[:-2], sizes[1:-1], strict=True):
        layers += [nn.Linear(n_in, n_out), getattr(nn, activation)()]
    layers.append(nn.Linear(sizes[-2], sizes[-1]))
    return nn.Sequential(*layers)


class ConditionalVAE(nn.Module):
    """Conditional VAE for vectors in the unit box.

    Parameters
    ----------
    dim:
        Length of the vectors (number of free parameters).
    config:
        Hidden layers, latent dimension and activation.
    """

    def __init__(self, dim: int, config: NetworkConfig | None = None):
        super().__init__()
        self.config = config or NetworkConfig()
        self.dim = int(dim)
        hidden = list(self.config.hidden_layers)
        latent = self.config.latent_dim
        act = self.config.activation
        self.encoder = _mlp([dim + 1, *hidden, 2 * latent], act)
        self.decoder = _mlp([latent + 1, *hidden[::-1], dim], act)

    @property
    def latent_dim(self) -> int:
        """Dimension of the latent space."""
        return self.config.latent_dim

    def encode(
        self, x: torch.Tensor, c: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Posterior mean and log-variance, each shape (n, latent_dim)."""
        out = self.encoder(torch.cat([x, c.reshape(-1, 1)], dim=1))
        mean, logvar = out.chunk(2, dim=1)
        return mean, logvar.clamp(-12.0, 8.0)

    def decode(self, z: torch.Tensor, c: torch.Tensor) -> torch.Tensor:
        """Vectors in the unit box, shape (n, dim), from codes and labels."""
        return torch.sigmoid(
            self.decoder(torch.cat([z, c.reshape(-1, 1)], dim=1))
        )

    def loss(
        self,
        x: torch.Tensor,
        c: torch.Tensor,
        kl_weight: float,
        generator: torch.Generator | None = None,
    ) -> torch.Tensor:
        """Per-vector loss, shape (n,).

        The sum over coordinates of the squared reconstruction error plus
        ``kl_weight`` times the KL divergence of the posterior from the
        standard normal prior (a beta-VAE objective).
        """
        mean, logvar = self.encode(x, c)
        eps = torch.randn(mean.shape, generator=generator).to(mean.device)
        z = mean + eps * torch.exp(0.5 * logvar)
        recon = ((self.decode(z, c) - x) ** 2).sum(dim=1)
        kl = 0.5 * (mean**2 + logvar.exp() - 1.0 - logvar).sum(dim=1)
        return recon + kl_weight * kl

    @torch.no_grad()
    def sample(
        self,
        labels: torch.Tensor,
        temperature: float = 1.0,
        generator: torch.Generator | None = None,
        centres: torch.Tensor | None = None,
    ) -> torch.Tensor:
        """Decode normal codes at the given labels.

        Parameters
        ----------
        labels:
            One label per requested vector, shape (n,).
        temperature:
            Standard deviation of the latent draws.
        generator:
            Source of randomness.
        centres:
            Means of the latent draws, shape (n, latent_dim); default:
            the prior's, zero.

        Returns
        -------
        Vectors in the unit box, shape (n, dim).
        """
        device = next(self.parameters()).device
        labels = labels.to(device=device, dtype=torch.float32)
        shape = (labels.shape[0], self.latent_dim)
        z = torch.randn(shape, generator=generator)
        z = temperature * z.to(device)
        if centres is not None:
            z = z + centres.to(device=device, dtype=torch.float32)
        return self.decode(z, labels)

    @torch.no_grad()
    def embed(self, x: torch.Tensor, c: torch.Tensor) -> torch.Tensor:
        """Posterior means (latent codes), shape (n, latent_dim)."""
        return self.encode(x, c)[0]

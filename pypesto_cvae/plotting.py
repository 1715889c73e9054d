"""Figures from plain arrays and tables.

This module imports nothing else of ours: every function takes numbers and
labels and returns a matplotlib axes, so it can be reused on any data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

__all__ = ["waterfall_by_round", "save"]


def _offset(values: np.ndarray, best: float) -> np.ndarray:
    return values - best + 1.0


def waterfall_by_round(
    fvals: Sequence[float],
    rounds: Sequence[int],
    references: Mapping[str, float] | None = None,
    ax: plt.Axes | None = None,
    title: str = "Waterfall plot",
) -> plt.Axes:
    """Sorted final objective values, coloured by round.

    Parameters
    ----------
    fvals:
        Final objective value of each start (non-finite ones are counted in
        the title and left out).
    rounds:
        Round of each start.
    references:
        Named objective values drawn as horizontal lines (e.g. the value at
        the nominal parameters).
    ax:
        Axes to draw into (default: a new figure).
    title:
        Axes title.

    Returns
    -------
    The axes.
    """
    fvals = np.asarray(fvals, dtype=float)
    rounds = np.asarray(rounds, dtype=int)
    ok = np.isfinite(fvals)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4.5))
    if not ok.any():
        ax.set_title(f"{title}: no start ended with a finite value")
        return ax
    order = np.argsort(fvals[ok])
    values, rnds = fvals[ok][order], rounds[ok][order]
    best = float(values[0])
    refs = dict(references or {})
    low = min([best, *[v for v in refs.values() if np.isfinite(v)]])
    cmap = plt.get_cmap("viridis", max(rounds.max() + 1, 2))
    for k in np.unique(rnds):
        sel = rnds == k
        ax.scatter(
            np.flatnonzero(sel) + 1,
            _offset(values[sel], low),
            s=18,
            color=cmap(k),
            label=f"round {k}",
            zorder=3,
        )
    ax.plot(
        np.arange(1, values.size + 1),
        _offset(values, low),
        color="0.7",
        lw=1,
        zorder=2,
    )
    for (name, value), style in zip(
        refs.items(), ("--", ":", "-.", "--"), strict=False
    ):
        if np.isfinite(value):
            ax.axhline(
                _offset(value, low),
                color="k",
                ls=style,
                lw=1,
                label=f"{name} ({value:.4g})",
            )
    ax.set_yscale("log")
    ax.set_xlabel("start, sorted by final objective value")
    ax.set_ylabel(f"objective − ({low:.6g}) + 1")
    n_bad = int((~ok).sum())
    ax.set_title(
        title + (f" ({n_bad} failed starts not shown)" if n_bad else "")
    )
    ax.legend(fontsize="small")
    ax.grid(alpha=0.3)
    return ax


def save(ax: plt.Axes, path) -> None:
    """Save the figure of ``ax`` to ``path`` and close it."""
    fig = ax.figure
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)

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

__all__ = [
    "waterfall_by_round",
    "save",
    "best_values_by_method",
    "time_to_target_curves",
    "waterfall_by_method",
]


def _offset(values: np.ndarray, low: float) -> np.ndarray:
    """``values - low + 1`` for a log axis of objective values."""
    return np.asarray(values, dtype=float) - low + 1.0


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
    suffix = f" ({n_bad} failed starts not shown)" if n_bad else ""
    return _finish(ax, title + suffix)


def _finish(ax: plt.Axes, title: str) -> plt.Axes:
    """Title, a small legend and a light grid: the common figure style."""
    ax.set_title(title)
    ax.legend(fontsize="small", loc="best")
    ax.grid(alpha=0.3)
    return ax


def save(ax: plt.Axes, path) -> None:
    """Save the figure of ``ax`` to ``path`` and close it."""
    fig = ax.figure
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


# --------------------------------------------------------------------------
# What the cVAE learned (pypesto_cvae.analysis); arrays in, axes out.
# --------------------------------------------------------------------------


def latent_scatter(
    coords: np.ndarray,
    fval: np.ndarray,
    *,
    axis_labels: Sequence[str] = ("latent axis 1", "latent axis 2"),
    auc: float | None = None,
    threshold: float | None = None,
    ax: plt.Axes | None = None,
    title: str = "Latent codes of the training vectors",
) -> plt.Axes:
    """Latent codes in 2-D, coloured by objective value.

    Parameters
    ----------
    coords:
        2-D positions, shape (n, 2) (e.g. PCA of the posterior means).
    fval:
        Objective value (NLL) of each vector; non-finite ones (failed
        simulations) are drawn as grey crosses.
    axis_labels:
        Labels of the two axes.
    auc:
        Cross-validated AUC of low vs high NLL, shown in the title.
    threshold:
        NLL that splits low from high, shown in the legend.
    ax:
        Axes to draw into (default: a new figure).
    title:
        Axes title.
    """
    from matplotlib.colors import LogNorm

    coords = np.asarray(coords, dtype=float)
    fval = np.asarray(fval, dtype=float)
    ok = np.isfinite(fval)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 5.5))
    if (~ok).any():
        ax.scatter(
            *coords[~ok].T,
            marker="x",
            s=12,
            color="0.6",
            label=f"failed simulation ({int((~ok).sum())})",
            zorder=1,
        )
    if ok.any():
        low = float(fval[ok].min())
        order = np.argsort(-fval[ok])  # best drawn on top
        offset = _offset(fval[ok][order], low)
        sc = ax.scatter(
            *coords[ok][order].T,
            c=offset,
            s=10,
            cmap="viridis_r",
            norm=LogNorm(vmin=1.0, vmax=max(offset.max(), 1.0 + 1e-9)),
            zorder=2,
            label="finite NLL"
            + (
                f" (low: NLL ≤ {threshold:.5g})"
                if threshold is not None
                else ""
            ),
        )
        bar = ax.figure.colorbar(sc, ax=ax)
        bar.set_label(f"NLL − ({low:.6g}) + 1  (log scale)")
    ax.set_xlabel(axis_labels[0])
    ax.set_ylabel(axis_labels[1])
    if auc is not None:
        title += f"\nlow vs high NLL: cross-validated AUC = {auc:.3f}"
    return _finish(ax, title)


def label_calibration_plot(
    labels: np.ndarray,
    achieved: np.ndarray,
    label_fval: np.ndarray,
    *,
    spearman: float | None = None,
    best_training: float | None = None,
    ax: plt.Axes | None = None,
    title: str = "Label calibration",
) -> plt.Axes:
    """Requested conditional label against the NLL achieved.

    Parameters
    ----------
    labels:
        Requested labels, shape (n_labels,).
    achieved:
        NLL of the vectors generated at each label, shape
        (n_labels, n); non-finite values (failed simulations) are counted
        in the legend and left out.
    label_fval:
        The NLL each label stands for (the inverse label transform),
        drawn as a line.
    spearman:
        Rank correlation of label and achieved NLL, shown in the title.
    best_training:
        Best NLL of the training data, drawn as a horizontal line.
    ax:
        Axes to draw into (default: a new figure).
    title:
        Axes title.
    """
    labels = np.asarray(labels, dtype=float)
    achieved = np.asarray(achieved, dtype=float)
    label_fval = np.asarray(label_fval, dtype=float)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 5))
    ok = np.isfinite(achieved)
    pool = [achieved[ok], label_fval[np.isfinite(label_fval)]]
    if best_training is not None:
        pool.append(np.atleast_1d(best_training))
    pool = np.concatenate(pool)
    low = float(pool.min()) if pool.size else 0.0
    step = np.diff(labels).min() if labels.size > 1 else 1.0
    jitter = np.linspace(-0.25, 0.25, achieved.shape[1]) * step
    for i, lab in enumerate(labels):
        sel = ok[i]
        ax.scatter(
            lab + jitter[sel],
            _offset(achieved[i, sel], low),
            s=10,
            alpha=0.5,
            color="tab:blue",
            label="generated vector" if i == 0 else None,
        )
    med = np.array(
        [
            np.median(a[np.isfinite(a)]) if np.isfinite(a).any() else np.nan
            for a in achieved
        ]
    )
    ax.plot(
        labels,
        _offset(med, low),
        "o-",
        color="tab:blue",
        label="median over finite",
        zorder=3,
    )
    ax.plot(
        labels,
        _offset(label_fval, low),
        "s--",
        color="tab:orange",
        label="NLL the label stands for (inverse transform)",
        zorder=3,
    )
    if best_training is not None:
        ax.axhline(
            _offset(best_training, low),
            color="k",
            ls=":",
            lw=1,
            label=f"best training NLL ({best_training:.6g})",
        )
    n_bad = int((~ok).sum())
    if n_bad:
        ax.plot([], [], " ", label=f"{n_bad} failed simulations not shown")
    ax.set_yscale("log")
    ax.set_xlabel("requested conditional label (0 = best seen, 1 = worst)")
    ax.set_ylabel(f"achieved NLL − ({low:.6g}) + 1  (log scale)")
    if spearman is not None:
        title += f"\nSpearman rank correlation = {spearman:.3f}"
    return _finish(ax, title)


def failure_fraction_plot(
    labels: np.ndarray,
    fraction: np.ndarray,
    fraction_lhs: float,
    *,
    n_per_label: int | None = None,
    n_lhs: int | None = None,
    ax: plt.Axes | None = None,
    title: str = "Failed simulations by label",
) -> plt.Axes:
    """Share of failed simulations per requested label beside LHS.

    Parameters
    ----------
    labels:
        Requested labels, shape (n_labels,).
    fraction:
        Share of generated vectors whose simulation failed, per label.
    fraction_lhs:
        The same share for Latin-hypercube samples (a horizontal line).
    n_per_label, n_lhs:
        Sample sizes, shown in the legend.
    ax:
        Axes to draw into (default: a new figure).
    title:
        Axes title.
    """
    labels = np.asarray(labels, dtype=float)
    fraction = np.asarray(fraction, dtype=float)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4.5))
    width = 0.8 * (np.diff(labels).min() if labels.size > 1 else 1.0)
    ax.bar(
        labels,
        fraction,
        width=width,
        color="tab:blue",
        alpha=0.8,
        label="cVAE" + (f" ({n_per_label} per label)" if n_per_label else ""),
    )
    if np.isfinite(fraction_lhs):
        ax.axhline(
            fraction_lhs,
            color="tab:red",
            ls="--",
            label=f"Latin hypercube ({fraction_lhs:.1%}"
            + (f" of {n_lhs})" if n_lhs else ")"),
        )
    top = float(np.nanmax([*fraction, fraction_lhs, 0.1]))
    ax.set_ylim(0, min(1.1, top * 1.2))
    for lab, frac in zip(labels, fraction, strict=True):
        ax.annotate(
            f"{frac:.0%}",
            (lab, frac),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            fontsize="small",
        )
    ax.set_xlabel("requested conditional label (0 = best seen, 1 = worst)")
    ax.set_ylabel("share of failed simulations")
    ax.set_title(title)
    ax.legend(fontsize="small", loc="upper left")
    ax.grid(alpha=0.3, axis="y")
    return ax


def novelty_plot(
    labels: np.ndarray,
    generated: np.ndarray,
    training: np.ndarray,
    lhs: np.ndarray | None = None,
    *,
    ax: plt.Axes | None = None,
    title: str = "Novelty of generated vectors",
) -> plt.Axes:
    """Nearest-training-vector distances per label, with references.

    Parameters
    ----------
    labels:
        Requested labels, shape (n_labels,).
    generated:
        Distance (unit box) of each generated vector to its nearest
        training vector, shape (n_labels, n).
    training:
        Nearest-neighbour spacing within the training data (its median is
        a horizontal line).
    lhs:
        Distances of Latin-hypercube points to the training data (median
        as a horizontal line).
    ax:
        Axes to draw into (default: a new figure).
    title:
        Axes title.
    """
    labels = np.asarray(labels, dtype=float)
    generated = np.asarray(generated, dtype=float)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 5.2))
    step = np.diff(labels).min() if labels.size > 1 else 1.0
    ax.boxplot(
        list(generated),
        positions=labels,
        widths=0.6 * step,
        manage_ticks=False,
    )
    ax.plot([], [], color="tab:orange", label="generated (median, quartiles)")
    ax.axhline(
        np.median(training),
        color="k",
        ls=":",
        label=f"training NN spacing (median {np.median(training):.3g})",
    )
    if lhs is not None and np.size(lhs):
        ax.axhline(
            np.median(lhs),
            color="tab:red",
            ls="--",
            label=f"Latin hypercube to training (median {np.median(lhs):.3g})",
        )
    positive = np.concatenate([generated.ravel(), np.ravel(training)])
    if (positive > 0).any():
        ax.set_yscale("log")
    ax.set_xticks(labels)
    ax.set_xticklabels([f"{v:g}" for v in labels])
    ax.set_xlabel("requested conditional label (0 = best seen, 1 = worst)")
    ax.set_ylabel("distance to nearest training vector\n(unit box, log scale)")
    ax.set_title(title)
    ax.legend(
        fontsize="small",
        loc="upper center",
        bbox_to_anchor=(0.5, -0.2),
        ncol=2,
    )
    ax.grid(alpha=0.3, axis="y")
    return ax


__all__ += [
    "failure_fraction_plot",
    "label_calibration_plot",
    "latent_scatter",
    "novelty_plot",
]


def _method_colors(names: Sequence[str]) -> dict:
    cmap = plt.get_cmap("tab10")
    return {name: cmap(i % 10) for i, name in enumerate(names)}


def best_values_by_method(
    fvals: Mapping[str, Sequence[float]],
    best: float | None = None,
    n_top: int = 21,
    ax: plt.Axes | None = None,
    title: str = "best runs per method",
) -> plt.Axes:
    """The seed paper's Figure 4.10B: the ``n_top`` best values, sorted.

    Parameters
    ----------
    fvals:
        Method name -> final objective values of its runs (or starts);
        non-finite values are left out.
    best:
        Reference value subtracted (default: the lowest value shown); the
        y axis shows ``value - best + 1`` on a log scale.
    n_top:
        How many of the best values per method are drawn.
    ax:
        Axes to draw into (default: a new figure).
    title:
        Axes title.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4.5))
    data = {
        k: np.sort(np.asarray(v, float)[np.isfinite(v)])[:n_top]
        for k, v in fvals.items()
    }
    shown = [v for v in data.values() if v.size]
    if not shown:
        ax.set_title(f"{title}: no finite value")
        return ax
    low = min(v[0] for v in shown) if best is None else best
    colors = _method_colors(list(data))
    for name, values in data.items():
        if values.size:
            ax.plot(
                np.arange(1, values.size + 1),
                _offset(values, low),
                "o-",
                ms=4,
                color=colors[name],
                label=name,
            )
    ax.set_yscale("log")
    ax.set_xlabel(f"rank (best {n_top} per method)")
    ax.set_ylabel(f"objective − ({low:.6g}) + 1")
    return _finish(ax, title)


def time_to_target_curves(
    times: Mapping[str, Sequence[float]],
    budget: float,
    ax: plt.Axes | None = None,
    title: str = "runs at target",
    xlabel: str = "CPU seconds",
) -> plt.Axes:
    """Fraction of runs that reached the target vs CPU time, per method.

    Parameters
    ----------
    times:
        Method name -> time to target of each run (``inf`` for runs that
        never reached it).
    budget:
        Budget per run (the end of the x axis).
    ax:
        Axes to draw into (default: a new figure).
    title:
        Axes title.
    xlabel:
        Unit of ``times`` and ``budget`` (e.g. "objective evaluations").
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4.5))
    colors = _method_colors(list(times))
    for name, values in times.items():
        values = np.asarray(values, float)
        if values.size == 0:
            continue
        hit = np.sort(values[np.isfinite(values)])
        x = np.concatenate([[0.0], hit, [budget]])
        y = np.concatenate([[0.0], np.arange(1, hit.size + 1), [hit.size]])
        ax.step(
            x,
            y / values.size,
            where="post",
            color=colors[name],
            label=f"{name} ({hit.size}/{values.size})",
        )
    ax.set_xlim(0, budget)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("fraction of runs at target")
    return _finish(ax, title)


def waterfall_by_method(
    fvals: Mapping[str, Sequence[float]],
    best: float | None = None,
    ax: plt.Axes | None = None,
    title: str = "waterfall",
) -> plt.Axes:
    """Sorted final values of all starts, one line per method.

    Parameters
    ----------
    fvals:
        Method name -> final objective values (non-finite ones are
        counted in the legend and left out).
    best:
        Reference value (default: the lowest finite value).
    ax:
        Axes to draw into (default: a new figure).
    title:
        Axes title.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4.5))
    arrays = {k: np.asarray(v, float) for k, v in fvals.items()}
    finite = [v[np.isfinite(v)] for v in arrays.values()]
    if not any(v.size for v in finite):
        ax.set_title(f"{title}: no finite value")
        return ax
    low = min(v.min() for v in finite if v.size) if best is None else best
    colors = _method_colors(list(arrays))
    for name, values in arrays.items():
        ok = np.sort(values[np.isfinite(values)])
        if ok.size:
            n_bad = values.size - ok.size
            ax.plot(
                np.arange(1, ok.size + 1) / values.size,
                _offset(ok, low),
                ".-",
                ms=3,
                lw=1,
                color=colors[name],
                label=f"{name} ({values.size} starts, {n_bad} failed)",
            )
    ax.set_yscale("log")
    ax.set_xlabel("fraction of starts, sorted by final value")
    ax.set_ylabel(f"objective − ({low:.6g}) + 1")
    return _finish(ax, title)

"""Small numpy classifiers for the analyses: PCA, ROC AUC, logistic CV.

No scikit-learn: a 2-D PCA view, the ROC AUC of a score, and the
cross-validated AUC of an L2-regularised logistic regression fitted with
scipy, all on plain arrays.
"""

from __future__ import annotations

import numpy as np
from scipy import optimize as sp_optimize
from scipy import stats as sp_stats

__all__ = ["cross_validated_auc", "pca_2d", "roc_auc"]


def pca_2d(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Two-dimensional view of codes: PCA if there are more dimensions.

    Returns
    -------
    coords:
        Shape (n, 2); the codes themselves (centred) when the latent space
        has two dimensions, padded with zeros when it has one.
    explained:
        Share of the variance each of the two axes explains.
    """
    codes = np.asarray(codes, dtype=float)
    centred = codes - codes.mean(axis=0)
    var = centred.var(axis=0).sum()
    if codes.shape[1] <= 2:
        coords = np.zeros((codes.shape[0], 2))
        coords[:, : codes.shape[1]] = centred
        explained = coords.var(axis=0) / var if var > 0 else np.zeros(2)
        return coords, explained
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    coords = centred @ vt[:2].T
    total = (s**2).sum()
    explained = s[:2] ** 2 / total if total > 0 else np.zeros(2)
    return coords, explained


def roc_auc(score: np.ndarray, positive: np.ndarray) -> float:
    """Area under the ROC curve (Mann-Whitney), ties counted half."""
    positive = np.asarray(positive, dtype=bool)
    n_pos, n_neg = int(positive.sum()), int((~positive).sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    ranks = sp_stats.rankdata(score)
    u = ranks[positive].sum() - n_pos * (n_pos + 1) / 2
    return float(u / (n_pos * n_neg))


def _features(z: np.ndarray, quadratic: bool) -> np.ndarray:
    return np.hstack([z, z**2]) if quadratic else z


def _fit_logistic(f: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    """Weights (bias last) of an L2-regularised logistic regression."""
    a = np.hstack([f, np.ones((f.shape[0], 1))])
    sign = 2.0 * y - 1.0

    def loss(w):
        m = sign * (a @ w)
        value = np.logaddexp(0.0, -m).mean() + 0.5 * l2 * (w[:-1] ** 2).sum()
        p = sp_stats.logistic.cdf(-m)
        grad = -(a * (sign * p)[:, None]).mean(axis=0)
        grad[:-1] += l2 * w[:-1]
        return value, grad

    res = sp_optimize.minimize(
        loss, np.zeros(a.shape[1]), jac=True, method="L-BFGS-B"
    )
    return res.x


def cross_validated_auc(
    z: np.ndarray,
    positive: np.ndarray,
    *,
    n_folds: int = 5,
    quadratic: bool = True,
    l2: float = 1e-3,
    rng: np.random.Generator | int | None = 0,
) -> tuple[float, list[float]]:
    """Cross-validated AUC of a logistic regression on features ``z``.

    Parameters
    ----------
    z:
        Features, shape (n, k), e.g. latent codes.
    positive:
        Class of each row, shape (n,).
    n_folds:
        Stratified folds; each is scored by a model fitted on the others.
    quadratic:
        Add the squares of the features, so that a class concentrated in
        the middle (or the tails) of a direction is also recognised.
    l2:
        Ridge penalty on the (standardised) weights.
    rng:
        Seed or generator of the fold assignment.

    Returns
    -------
    auc:
        AUC of the pooled out-of-fold scores (0.5: no separation, 1:
        perfect).
    per_fold:
        AUC within each fold.
    """
    z = np.asarray(z, dtype=float)
    y = np.asarray(positive, dtype=bool)
    if n_folds < 2:
        raise ValueError(f"n_folds must be >= 2, got {n_folds!r}.")
    if min(y.sum(), (~y).sum()) < n_folds:
        raise ValueError(
            f"Each class needs at least n_folds={n_folds} members, got "
            f"{int(y.sum())} and {int((~y).sum())}."
        )
    rng = np.random.default_rng(rng)
    folds = np.empty(y.size, dtype=int)
    for cls in (True, False):
        idx = rng.permutation(np.flatnonzero(y == cls))
        folds[idx] = np.arange(idx.size) % n_folds
    f = _features(z, quadratic)
    score = np.empty(y.size)
    per_fold = []
    for k in range(n_folds):
        test = folds == k
        mean, std = f[~test].mean(0), f[~test].std(0) + 1e-12
        w = _fit_logistic((f[~test] - mean) / std, y[~test], l2)
        score[test] = ((f[test] - mean) / std) @ w[:-1] + w[-1]
        per_fold.append(roc_auc(score[test], y[test]))
    return roc_auc(score, y), per_fold

"""L2-regularised logistic regression by Newton's method, for the shipped logistic models (the verifier,
the confidence calibration): training code, used by scripts/ only."""

from __future__ import annotations

import numpy as np

from onrecord.attribute.verify import Verifier


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """Weights and intercept for standardised `x` (the intercept is not penalised)."""
    design = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(design @ w)))
        grad = design.T @ (p - y) + penalty * w
        hess = (design * (p * (1 - p))[:, None]).T @ design + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def fitted(names: list[str], x: np.ndarray, y: np.ndarray, l2: float, threshold: float, meta: dict) -> Verifier:
    """A logistic model over the named facts, standardised on `x`."""
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    coef, intercept = fit_logistic((x - mean) / scale, y, l2)
    return Verifier(names, mean, scale, coef, intercept, threshold, meta)

"""The parameters of the analyses: which analysis reads which, their defaults and checks.

The Analytics page shows one control per parameter (:data:`PARAMETERS`) and the command line
one flag; both start from :data:`DEFAULT_PARAMS` and :func:`check_params` checks what they
pass (:class:`AnalysisError`: one line for the user).
"""

from __future__ import annotations

from typing import Any

NAMES: tuple[str, ...] = ("kpis", "rfm", "segments", "classify", "churn", "propensity",
                          "winprob", "clv", "rules", "campaigns", "tickets", "forecast",
                          "quality", "basket", "anomalies", "satisfaction")
DEFAULT_PARAMS: dict[str, Any] = {
    "horizon_days": 180, "k_min": 2, "k_max": 6, "clv_months": 12, "propensity_days": 90,
    "method": "kmeans", "min_samples": 0, "model": "random_forest", "target": "any",
    "discount_rate": 12.0, "period": "month", "loyal_min_quarters": 2, "loyal_quarters": 4,
    "churn_window_days": 90, "theme_method": "kmeans", "themes": 0, "text_source": "tickets",
    "tune": False, "min_support_pct": 0.5, "min_confidence_pct": 20.0,
}
# The parameters each analysis reads (the others ignore them): the page's controls, the flags.
PARAMETERS: dict[str, tuple[str, ...]] = {
    "kpis": ("period", "loyal_min_quarters", "loyal_quarters", "churn_window_days"),
    "segments": ("method", "k_min", "k_max", "min_samples"),
    "classify": ("model", "tune"),
    "churn": ("horizon_days",),
    "propensity": ("propensity_days", "target"),
    "clv": ("clv_months", "discount_rate"),
    "tickets": ("text_source", "theme_method", "themes"),
    "basket": ("min_support_pct", "min_confidence_pct"),
}
CHOICES: dict[str, tuple[str, ...]] = {
    "period": ("month", "quarter"), "method": ("kmeans", "dbscan"),
    "model": ("random_forest", "decision_tree", "logistic", "svm"),
    # Text themes: their own method parameter, because k-means/DBSCAN of segments and
    # k-means/NMF of texts are different choices (and the page remembers each separately).
    "theme_method": ("kmeans", "nmf"), "text_source": ("tickets", "needs"),
}
# Accepted range of each numeric parameter (min_samples 0: 2 x the number of features;
# themes 0: chosen by silhouette, and 1 is refused: one theme says nothing).
LIMITS: dict[str, tuple[float, float]] = {
    "horizon_days": (30, 730), "k_min": (2, 12), "k_max": (2, 15), "clv_months": (1, 60),
    "propensity_days": (14, 365), "min_samples": (0, 200), "discount_rate": (0.0, 50.0),
    "loyal_min_quarters": (1, 8), "loyal_quarters": (1, 8), "churn_window_days": (7, 730),
    "themes": (0, 20), "min_support_pct": (0.1, 50.0), "min_confidence_pct": (1.0, 100.0),
}


class AnalysisError(Exception):
    """The analysis cannot run on this data (one line for the user)."""


def _flag(name: str, value: Any) -> bool:
    """A yes/no parameter from a bool, 0/1 or the words true/false, yes/no, on/off."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in ("true", "yes", "on", "1"):
        return True
    if text in ("false", "no", "off", "0", ""):
        return False
    raise AnalysisError(f"{name}: {value!r} is not yes or no")


def check_params(params: dict[str, Any] | None) -> dict[str, Any]:
    """DEFAULT_PARAMS updated with ``params``, each converted to its default's type and checked
    against CHOICES and LIMITS; AnalysisError (one line) names the first bad one."""
    merged = {**DEFAULT_PARAMS, **(params or {})}
    for name, default in DEFAULT_PARAMS.items():
        value = merged[name]
        if isinstance(default, bool):  # bool("false") is True: read yes/no words as such
            merged[name] = _flag(name, value)
            continue
        try:
            value = type(default)(value)
        except (TypeError, ValueError):
            raise AnalysisError(f"{name}: {value!r} is not a {type(default).__name__}") from None
        if name in CHOICES and value not in CHOICES[name]:
            raise AnalysisError(f"{name}: {value!r}; one of: {', '.join(CHOICES[name])}")
        low, high = LIMITS.get(name, (None, None))
        if low is not None and high is not None and not low <= value <= high:
            raise AnalysisError(f"{name}: {value} is outside {low:g}..{high:g}")
        merged[name] = value.strip() if isinstance(value, str) else value
    if not merged["target"]:
        merged["target"] = "any"
    if merged["loyal_min_quarters"] > merged["loyal_quarters"]:
        raise AnalysisError("loyal_min_quarters must not exceed loyal_quarters")
    if merged["themes"] == 1:
        raise AnalysisError("themes: 1; 0 (automatic) or 2..20")
    return merged

"""User-configured rule engine and weighted scores (seed 001 §3.2 and §4): the one vocabulary
of scoring rules.

A :class:`Rule` is ``field operator value -> category and/or points``. Rules are evaluated
vectorised over a whole DataFrame (one row per customer). Missing values (NaN/None) match only
"is empty". "top %" / "bottom %" take a percentage p of the rows: "monetary top % 20" matches
the rows at or above the column's 80th percentile (of the frame evaluated; ties all match). A
:class:`RuleSet` gives each row the category of the first matching rule that has a category (in
rule order, else ``default_category``) and the sum of the points of every matching rule. The
weighted score is g(x) = sum(w_i x_i) / sum(w_i) over normalised columns.

Everything serialises to JSON-able dicts (``to_dict`` / ``from_dict``). Storage keeps those
dicts (``storage.scoring_rules`` checks them) and ``services.scoring`` converts in one place.
The vocabulary (the dataclasses) needs no pandas, so the rules dialog and the ``rules``
command import this module without it: numpy and pandas are imported by the functions that
evaluate rules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

PERCENT_OPERATORS: tuple[str, ...] = ("top %", "bottom %")
OPERATORS: tuple[str, ...] = (
    "==",
    "!=",
    ">",
    ">=",
    "<",
    "<=",
    "in",
    "not in",
    "contains",
    "between",
    "is empty",
    "is not empty",
    *PERCENT_OPERATORS,
)
NORMALISATIONS: tuple[str, ...] = ("minmax", "zscore", "none")


def _jsonable(value: Any) -> Any:
    if isinstance(value, (tuple, set, list)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "item") and hasattr(value, "dtype"):  # a numpy scalar
        return value.item()
    if hasattr(value, "isoformat"):  # a Timestamp or datetime
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Rule:
    """One condition ``field operator value`` with the category and points it gives."""

    field: str
    operator: str
    value: Any = None
    category: str | None = None
    points: float = 0.0
    name: str = ""

    def __post_init__(self) -> None:
        if self.operator not in OPERATORS:
            raise ValueError(f"unknown operator {self.operator!r}")
        if self.operator == "between" and (
            not isinstance(self.value, (list, tuple)) or len(self.value) != 2
        ):
            raise ValueError("'between' needs a [low, high] pair")

    def label(self) -> str:
        """The rule's name, or ``field operator value`` when it has none."""
        if self.name:
            return self.name
        value = "" if self.value is None else f" {self.value}"
        return f"{self.field} {self.operator}{value}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-able dict (tuples/sets become lists, numpy scalars Python numbers)."""
        value = _jsonable(self.value)
        return {
            "field": self.field,
            "operator": self.operator,
            "value": value,
            "category": self.category,
            "points": self.points,
            "name": self.name,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Rule:
        """Inverse of :meth:`to_dict`; missing keys take their defaults."""
        return cls(
            field=str(data["field"]),
            operator=str(data["operator"]),
            value=data.get("value"),
            category=data.get("category"),
            points=float(data.get("points", 0.0)),
            name=str(data.get("name", "")),
        )


def _is_number(value: Any) -> bool:
    import numpy as np

    return isinstance(value, (int, float, np.number)) and not isinstance(value, bool)


def _coerce(series: pd.Series, value: Any) -> tuple[pd.Series, Any]:
    """Align types: numbers compare numerically, datetime columns against Timestamps."""
    import pandas as pd

    sample = value[0] if isinstance(value, (list, tuple)) and value else value
    if pd.api.types.is_datetime64_any_dtype(series):
        if isinstance(value, (list, tuple)):
            return series, [pd.Timestamp(v) for v in value]
        return series, pd.Timestamp(value)
    if _is_number(sample) and not pd.api.types.is_numeric_dtype(series):
        return pd.to_numeric(series, errors="coerce"), value
    return series, value


def _empty(series: pd.Series) -> pd.Series:
    import pandas as pd

    missing = series.isna()
    if not pd.api.types.is_numeric_dtype(series):
        missing |= series.astype(str).str.strip().eq("")
    return missing


def _percentile_rule(column: pd.Series, rule: Rule) -> tuple[str, float]:
    """A "top %" / "bottom %" rule as ">=" / "<=" the column's percentile (NaN: no values)."""
    import pandas as pd

    numbers = pd.to_numeric(column, errors="coerce").astype(float)
    share = float(rule.value) / 100.0
    top = rule.operator == "top %"
    threshold = float(numbers.quantile(1.0 - share if top else share)) \
        if numbers.notna().any() else float("nan")
    return (">=" if top else "<="), threshold


def rule_mask(frame: pd.DataFrame, rule: Rule) -> pd.Series:
    """Boolean Series: rows of ``frame`` matching ``rule`` (unknown field -> no match)."""
    import pandas as pd

    if rule.field not in frame.columns:
        return pd.Series(False, index=frame.index)
    raw = frame[rule.field]
    op = rule.operator
    if op == "is empty":
        return _empty(raw)
    if op == "is not empty":
        return ~_empty(raw)
    value = rule.value
    if op in PERCENT_OPERATORS:
        op, value = _percentile_rule(raw, rule)
    series, value = _coerce(raw, value)
    present = series.notna()
    if op in ("==", "!=", ">", ">=", "<", "<="):
        compare = {
            "==": series.eq,
            "!=": series.ne,
            ">": series.gt,
            ">=": series.ge,
            "<": series.lt,
            "<=": series.le,
        }[op]
        result = compare(value)
    elif op in ("in", "not in"):
        values = list(value) if isinstance(value, (list, tuple, set)) else [value]
        result = series.isin(values)
        result = ~result if op == "not in" else result
    elif op == "contains":
        needle = str(value).casefold()
        result = series.astype(str).str.casefold().str.contains(needle, regex=False)
    else:
        low, high = value
        result = series.ge(low) & series.le(high)
    return (result.fillna(False).astype(bool)) & present


@dataclass(frozen=True)
class RuleSet:
    """Ordered rules plus the category of rows no categorising rule matched."""

    rules: tuple[Rule, ...] = ()
    default_category: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-able dict: {"rules": [...], "default_category": ...}."""
        return {
            "rules": [r.to_dict() for r in self.rules],
            "default_category": self.default_category,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RuleSet:
        """Inverse of :meth:`to_dict`."""
        rules = tuple(Rule.from_dict(r) for r in data.get("rules", []))
        return cls(rules, data.get("default_category"))


def apply_rules(frame: pd.DataFrame, rules: RuleSet | Sequence[Rule]) -> pd.DataFrame:
    """Evaluate all rules on all rows at once.

    Columns: category (first matching categorising rule, else the default), points (sum of
    matching rules' points), matches (number of matching rules). Same index as ``frame``.
    """
    import numpy as np
    import pandas as pd

    ruleset = rules if isinstance(rules, RuleSet) else RuleSet(tuple(rules))
    category = pd.Series(ruleset.default_category, index=frame.index, dtype=object)
    decided = pd.Series(False, index=frame.index)
    points = np.zeros(len(frame))
    matches = np.zeros(len(frame), dtype=np.int64)
    for rule in ruleset.rules:
        mask = rule_mask(frame, rule)
        points += np.where(mask, rule.points, 0.0)
        matches += mask.to_numpy(dtype=np.int64)
        if rule.category is not None:
            newly = mask & ~decided
            category[newly] = rule.category
            decided |= newly
    return pd.DataFrame(
        {"category": category, "points": points, "matches": matches}, index=frame.index
    )


NAME_SEPARATOR = "; "


def matched_names(frame: pd.DataFrame, rules: Sequence[Rule]) -> pd.Series:
    """"label; label" of the rules each row matches ("" for none), in rule order."""
    import numpy as np
    import pandas as pd

    if not rules or not len(frame):
        return pd.Series("", index=frame.index, dtype=object)
    masks = np.column_stack([rule_mask(frame, rule).to_numpy(dtype=bool) for rule in rules])
    combos, inverse = np.unique(masks, axis=0, return_inverse=True)
    labels = np.array([NAME_SEPARATOR.join(r.label() for r, hit in zip(rules, combo, strict=True)
                                           if hit) for combo in combos], dtype=object)
    return pd.Series(labels[np.ravel(inverse)], index=frame.index, dtype=object)


@dataclass(frozen=True)
class WeightedScore:
    """Weights per column, columns where lower is better, and the normalisation.

    normalise: 'minmax' (x - min) / (max - min), 'zscore' (x - mean) / std, or 'none'.
    """

    weights: dict[str, float] = field(default_factory=dict)
    lower_is_better: tuple[str, ...] = ()
    normalise: str = "minmax"

    def __post_init__(self) -> None:
        if self.normalise not in NORMALISATIONS:
            raise ValueError(f"unknown normalisation {self.normalise!r}")
        if any(w < 0 for w in self.weights.values()):
            raise ValueError("weights must be non-negative")

    def to_dict(self) -> dict[str, Any]:
        """JSON-able dict."""
        return {
            "weights": dict(self.weights),
            "lower_is_better": list(self.lower_is_better),
            "normalise": self.normalise,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> WeightedScore:
        """Inverse of :meth:`to_dict`."""
        return cls(
            {str(k): float(v) for k, v in data.get("weights", {}).items()},
            tuple(data.get("lower_is_better", ())),
            str(data.get("normalise", "minmax")),
        )


def normalise_columns(
    frame: pd.DataFrame,
    columns: Sequence[str],
    method: str = "minmax",
    lower_is_better: Sequence[str] = (),
) -> pd.DataFrame:
    """Normalised copies of ``columns``; lower-is-better columns are negated before scaling.

    minmax maps to 0..1 (a constant column -> 0.5); zscore to mean 0, std 1 (constant -> 0).
    """
    import pandas as pd

    out = pd.DataFrame(index=frame.index)
    for col in columns:
        x = pd.to_numeric(frame[col], errors="coerce").astype(float)
        if col in lower_is_better:
            x = -x
        if method == "minmax":
            span = x.max() - x.min()
            out[col] = (x - x.min()) / span if span > 0 else x * 0 + 0.5
        elif method == "zscore":
            std = x.std(ddof=0)
            out[col] = (x - x.mean()) / std if std > 0 else x * 0
        else:
            out[col] = x
    return out


def weighted_score(frame: pd.DataFrame, score: WeightedScore) -> pd.Series:
    """g(x) = sum_i w_i x_i / sum_i w_i over the normalised columns.

    A missing x_i drops its term from both sums (NaN when all are missing).
    """
    import numpy as np
    import pandas as pd

    columns = [c for c, w in score.weights.items() if w > 0]
    x = normalise_columns(frame, columns, score.normalise, score.lower_is_better)
    weights = np.array([score.weights[c] for c in columns], dtype=float)
    values = x.to_numpy(dtype=float)
    present = ~np.isnan(values)
    numerator = np.where(present, values, 0.0) @ weights
    denominator = present.astype(float) @ weights
    with np.errstate(invalid="ignore", divide="ignore"):
        g = np.where(denominator > 0, numerator / denominator, np.nan)
    return pd.Series(g, index=frame.index, name="score")

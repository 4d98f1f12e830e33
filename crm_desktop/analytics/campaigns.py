"""Campaign effect evaluation (seed 002 §2.5, §4.1): rates, cost, ROI, lift, chi-square.

Cost of a campaign = actual_cost when known, else budget. Revenue = sum of the members'
attributed revenue.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import chi2_contingency


def _safe_div(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    return numerator / denominator.where(denominator != 0)


def campaign_performance(campaigns: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """One row per campaign (index campaign_id).

    members, responses, conversions; response_rate = responses / members; conversion_rate =
    conversions / members; cost; cost_per_response = cost / responses; cost_per_conversion =
    cost / conversions; revenue; roi = (revenue - cost) / cost. Undefined ratios are NaN.
    """
    flags = members.assign(
        responded=members["responded"].fillna(False).astype(bool),
        converted=members["converted"].fillna(False).astype(bool),
        revenue=pd.to_numeric(members["revenue"], errors="coerce").fillna(0.0),
    )
    grouped = flags.groupby("campaign_id")
    stats = pd.DataFrame(
        {
            "members": grouped.size(),
            "responses": grouped["responded"].sum(),
            "conversions": grouped["converted"].sum(),
            "revenue": grouped["revenue"].sum(),
        }
    )
    info = campaigns.set_index("id")
    out = info[["name"]].join(stats, how="left")
    out.index.name = "campaign_id"
    for col in ("members", "responses", "conversions"):
        out[col] = out[col].fillna(0).astype(np.int64)
    out["revenue"] = out["revenue"].fillna(0.0)
    cost = pd.to_numeric(info["actual_cost"], errors="coerce")
    out["cost"] = cost.fillna(pd.to_numeric(info["budget"], errors="coerce")).fillna(0.0)
    out["response_rate"] = _safe_div(out["responses"], out["members"])
    out["conversion_rate"] = _safe_div(out["conversions"], out["members"])
    out["cost_per_response"] = _safe_div(out["cost"], out["responses"])
    out["cost_per_conversion"] = _safe_div(out["cost"], out["conversions"])
    out["roi"] = _safe_div(out["revenue"] - out["cost"], out["cost"])
    return out


def _with_segments(members: pd.DataFrame, segments: pd.Series) -> pd.DataFrame:
    seg = members["customer_id"].map(segments)
    frame = members.assign(segment=seg.fillna("(none)").astype(str))
    frame["responded"] = frame["responded"].fillna(False).astype(bool)
    frame["converted"] = frame["converted"].fillna(False).astype(bool)
    return frame


def segment_lift(
    members: pd.DataFrame, segments: pd.Series, outcome: str = "responded"
) -> pd.DataFrame:
    """Per segment (``segments`` maps customer_id -> segment): members, positives, rate and
    lift = segment rate / overall rate (NaN when the overall rate is 0)."""
    frame = _with_segments(members, segments)
    grouped = frame.groupby("segment")[outcome]
    out = pd.DataFrame({"members": grouped.size(), "positives": grouped.sum().astype(np.int64)})
    out["rate"] = out["positives"] / out["members"]
    overall = frame[outcome].mean() if len(frame) else np.nan
    out["lift"] = out["rate"] / overall if overall and overall > 0 else np.nan
    return out.sort_values("lift", ascending=False)


@dataclass(frozen=True, eq=False)
class ChiSquareResult:
    """Test of independence between segment and outcome.

    chi2 / p_value are the headline figures: Yates-corrected on a 2x2 table
    (``yates_corrected`` True), uncorrected otherwise. Both variants are kept on 2x2 tables.
    cramers_v = sqrt(chi2_uncorrected / (n * (min(rows, cols) - 1))).
    """

    chi2: float
    p_value: float
    dof: int
    cramers_v: float
    yates_corrected: bool
    chi2_uncorrected: float
    p_value_uncorrected: float
    chi2_corrected: float | None
    p_value_corrected: float | None
    n: int
    table: pd.DataFrame
    expected: pd.DataFrame
    low_expected_share: float

    @property
    def significant(self) -> bool:
        """True when p_value < 0.05."""
        return self.p_value < 0.05


def chi_square_test(table: pd.DataFrame) -> ChiSquareResult:
    """Chi-square test of independence on a contingency table (rows x columns of counts).

    chi2 = sum (O - E)^2 / E with E = row total * column total / n; on 2x2 tables the
    headline uses Yates' correction (|O - E| - 0.5)^2 / E. Rows/columns summing to 0 are
    dropped. ``low_expected_share`` = share of cells with E < 5 (test unreliable if > 0.2).
    """
    counts = table.loc[table.sum(axis=1) > 0, table.sum(axis=0) > 0]
    if counts.shape[0] < 2 or counts.shape[1] < 2:
        raise ValueError("the table needs at least two non-empty rows and columns")
    observed = counts.to_numpy(dtype=float)
    plain = chi2_contingency(observed, correction=False)
    is_2x2 = observed.shape == (2, 2)
    corrected = chi2_contingency(observed, correction=True) if is_2x2 else None
    n = int(observed.sum())
    k = min(observed.shape) - 1
    cramers_v = float(np.sqrt(plain.statistic / (n * k))) if n and k else 0.0
    head = corrected if corrected is not None else plain
    expected = pd.DataFrame(plain.expected_freq, index=counts.index, columns=counts.columns)
    return ChiSquareResult(
        chi2=float(head.statistic),
        p_value=float(head.pvalue),
        dof=int(plain.dof),
        cramers_v=cramers_v,
        yates_corrected=is_2x2,
        chi2_uncorrected=float(plain.statistic),
        p_value_uncorrected=float(plain.pvalue),
        chi2_corrected=float(corrected.statistic) if corrected is not None else None,
        p_value_corrected=float(corrected.pvalue) if corrected is not None else None,
        n=n,
        table=counts,
        expected=expected,
        low_expected_share=float((plain.expected_freq < 5).mean()),
    )


def response_independence(
    members: pd.DataFrame, segments: pd.Series, outcome: str = "responded"
) -> ChiSquareResult:
    """Chi-square test of ``outcome`` (responded/converted) against segment.

    Builds the segment x {no, yes} table from the members and calls :func:`chi_square_test`.
    """
    frame = _with_segments(members, segments)
    table = pd.crosstab(frame["segment"], frame[outcome].map({False: "no", True: "yes"}))
    for col in ("no", "yes"):
        if col not in table:
            table[col] = 0
    return chi_square_test(table[["no", "yes"]])

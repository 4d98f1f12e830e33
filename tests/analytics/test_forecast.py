"""Weighted pipeline and won-revenue trend, by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_desktop.analytics import forecast as fc


def opportunities() -> pd.DataFrame:
    t = pd.to_datetime
    return pd.DataFrame(
        {
            "status": ["open", "open", "open", "open", "won", "open"],
            "amount": [1000.0, 500.0, 200.0, 300.0, 9999.0, 50.0],
            "probability": [0.5, np.nan, 1.0, 0.1, 1.0, 0.2],
            "stage_probability": [0.2, 0.4, 0.5, 0.1, 1.0, 0.2],
            "expected_close": t(
                ["2024-07-10", "2024-07-30", "2024-08-05", "2024-05-01", "2024-07-01", None]
            ),
        }
    )


def test_weighted_pipeline_by_expected_close_month() -> None:
    out = fc.weighted_pipeline(opportunities())
    assert [str(p) for p in out["period"]] == ["2024-05", "2024-07", "2024-08"]
    assert out["amount"].tolist() == [300.0, 1500.0, 200.0]
    assert out["weighted"].tolist() == pytest.approx([30.0, 500 + 200, 200.0])
    assert out["count"].tolist() == [1, 2, 1]


def test_overdue_and_undated_deals_move_to_the_current_month() -> None:
    out = fc.weighted_pipeline(opportunities(), as_of="2024-07-15").set_index("period")
    july = out.loc[pd.Period("2024-07", "M")]
    assert july["count"] == 4 and july["overdue"] == 1
    assert july["weighted"] == pytest.approx(500 + 200 + 30 + 10)
    custom = pd.Series([1.0] * 6)
    scored = fc.weighted_pipeline(opportunities(), probabilities=custom)
    assert scored["weighted"].tolist() == scored["amount"].tolist()


def test_won_revenue_trend_fits_a_line_and_projects() -> None:
    months = pd.date_range("2024-01-01", periods=6, freq="MS") + pd.Timedelta(days=14)
    won = pd.DataFrame(
        {
            "status": "won",
            "amount": [100.0 + 20 * i for i in range(6)],
            "closed_at": months,
        }
    )
    lost = pd.DataFrame({"status": ["lost"], "amount": [1e6], "closed_at": [months[0]]})
    result = fc.won_revenue_trend(pd.concat([won, lost], ignore_index=True), months_ahead=3)
    assert result.slope == pytest.approx(20.0) and result.intercept == pytest.approx(100.0)
    assert result.r2 == pytest.approx(1.0)
    assert result.history["revenue"].tolist() == won["amount"].tolist()
    assert [str(p) for p in result.projection["period"]] == ["2024-07", "2024-08", "2024-09"]
    assert result.projection["revenue"].tolist() == pytest.approx([220.0, 240.0, 260.0])


def test_trend_fills_empty_months_and_clips_projection() -> None:
    won = pd.DataFrame(
        {
            "status": "won",
            "amount": [300.0, 100.0],
            "closed_at": pd.to_datetime(["2024-01-10", "2024-03-10"]),
        }
    )
    result = fc.won_revenue_trend(won, months_ahead=4, as_of="2024-04-30")
    assert result.history["revenue"].tolist() == [300.0, 0.0, 100.0, 0.0]
    assert result.slope < 0 and (result.projection["revenue"] >= 0).all()
    assert result.projection["revenue"].iloc[-1] == 0.0
    empty = fc.won_revenue_trend(won.assign(status="lost"))
    assert empty.history.empty and empty.r2 is None


def test_trend_leaves_the_partial_as_of_month_out_of_the_fit() -> None:
    # 100, 120, 140, 160 in Jan-Apr and 10 so far on 3 May: the complete months say +20/month
    closed = pd.to_datetime(["2024-01-15", "2024-02-15", "2024-03-15", "2024-04-15", "2024-05-02"])
    won = pd.DataFrame(
        {"status": "won", "amount": [100.0, 120.0, 140.0, 160.0, 10.0], "closed_at": closed}
    )
    result = fc.won_revenue_trend(won, months_ahead=2, as_of="2024-05-03")
    assert result.slope == pytest.approx(20.0) and result.intercept == pytest.approx(100.0)
    assert result.r2 == pytest.approx(1.0) and result.n_fitted_months == 4
    history = result.history
    assert list(history.columns) == ["period", "revenue", "fitted", "partial"]
    assert history["revenue"].tolist() == [100.0, 120.0, 140.0, 160.0, 10.0]
    assert history["partial"].tolist() == [False, False, False, False, True]
    assert history["fitted"].iloc[-1] == pytest.approx(180.0)  # the line, not the 10 so far
    assert [str(p) for p in result.projection["period"]] == ["2024-06", "2024-07"]
    assert result.projection["revenue"].tolist() == pytest.approx([200.0, 220.0])


def test_trend_without_as_of_or_complete_months() -> None:
    won = pd.DataFrame(
        {"status": "won", "amount": [50.0, 30.0], "closed_at": pd.to_datetime(["2024-05-01"] * 2)}
    )
    only_partial = fc.won_revenue_trend(won, months_ahead=1, as_of="2024-05-20")
    assert only_partial.slope == 0.0 and only_partial.intercept == 80.0
    assert only_partial.n_fitted_months == 1 and only_partial.history["partial"].tolist() == [True]
    complete = fc.won_revenue_trend(won, months_ahead=1)
    assert complete.history["partial"].tolist() == [False] and complete.n_fitted_months == 1

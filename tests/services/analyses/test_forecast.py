"""The sales forecast weights open deals by the win-probability model when enough closed deals
train it, and by stage probability otherwise; the quality figures say which.

Hand-made frames (no database): closed deals alternate won / lost by amount parity, three open
deals of 1,000, 2,000 and 4,000 at stage probability 0.2, 0.5 and 0.8 (stage-weighted: 200 +
1,000 + 3,200 = 4,400), all expected to close in 2025-02.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crm_desktop.analytics import forecast, winprob
from crm_desktop.analytics.winprob import MIN_CLOSED as WINPROB_MIN_CLOSED
from crm_desktop.analytics.winprob import model_opportunities
from crm_desktop.services.analyses.forecast import run_forecast
from crm_desktop.services.analyses.steps import Steps

STAGE_WEIGHTED = 0.2 * 1000 + 0.5 * 2000 + 0.8 * 4000


class Frames:
    """A frame cache with hand-made frames (what load() asks a FrameCache for)."""

    def __init__(self, **frames: pd.DataFrame) -> None:
        self.frames = frames

    def get(self, name: str, columns: list[str] | None = None) -> pd.DataFrame:
        frame = self.frames[name]
        return frame if columns is None else frame[list(columns)]


def opportunities(closed: int, won: str = "alternate") -> pd.DataFrame:
    rng = np.random.default_rng(0)
    rows = []
    for i in range(closed):
        amount = float(500 + 100 * i)
        is_won = (i % 2 == 0) if won == "alternate" else True
        created = pd.Timestamp("2023-01-01") + pd.Timedelta(days=10 * i)
        rows.append({"status": "won" if is_won else "lost", "amount": amount,
                     "stage_order": 6 if is_won else 7, "stage_probability": 1.0 if is_won else 0.0,
                     "created_at": created,
                     "closed_at": created + pd.Timedelta(days=int(rng.integers(10, 90))),
                     "expected_close": created + pd.Timedelta(days=60),
                     "lead_source": "web" if i % 3 else "referral", "owner": f"o{i % 2}"})
    for amount, p in ((1000.0, 0.2), (2000.0, 0.5), (4000.0, 0.8)):
        rows.append({"status": "open", "amount": amount, "stage_order": 2,
                     "stage_probability": p, "created_at": pd.Timestamp("2024-12-01"),
                     "closed_at": pd.NaT, "expected_close": pd.Timestamp("2025-02-15"),
                     "lead_source": "web", "owner": "o1"})
    frame = pd.DataFrame(rows)
    frame.insert(0, "id", np.arange(1, len(frame) + 1))
    frame.insert(1, "customer_id", frame["id"] % 5 + 1)
    frame["probability"] = frame["stage_probability"]
    frame["name"] = "Deal " + frame["id"].astype(str)
    return frame


ORDERS = pd.DataFrame({"id": [1], "customer_id": [1], "ordered_at": [pd.Timestamp("2025-01-10")],
                       "amount": [100.0], "status": ["paid"]})


def run(opps: pd.DataFrame):
    return run_forecast(None, {}, Steps(None, None, Frames(opportunities=opps, orders=ORDERS)))


def test_enough_closed_deals_weight_by_the_win_probability_model():
    opps = opportunities(40)
    outcome = run(opps)
    q = outcome.quality
    assert q["weights"] == "win probability model"
    report = winprob.fit_win_probability(model_opportunities(opps), ORDERS, cv=3)
    assert q["weighted"] == pytest.approx(report.scores["weighted_amount"].sum(), abs=0.01)
    assert q["weighted"] != pytest.approx(STAGE_WEIGHTED)
    assert q["weighted (stage probability)"] == pytest.approx(STAGE_WEIGHTED)
    assert q["win model back-test WAPE"] == pytest.approx(report.wape, abs=1e-4)
    assert q["win model back-test MAPE"] == pytest.approx(report.mape, abs=1e-4)
    assert q["win model trained on"] == 40 and "win model AUC" in q
    # The shape the page shows: one period of three open deals, the chart's pipeline line.
    assert outcome.table[["period", "count", "amount"]].to_dict("records") == [
        {"period": "2025-02", "count": 3, "amount": 7000.0}]
    assert outcome.table["weighted"].sum() == pytest.approx(q["weighted"], abs=0.01)
    assert np.nansum(outcome.chart.series["weighted pipeline"]) == pytest.approx(q["weighted"],
                                                                    abs=0.01)


def test_too_few_closed_deals_weight_by_stage_probability():
    outcome = run(opportunities(WINPROB_MIN_CLOSED - 1))
    q = outcome.quality
    assert q["weights"] == "stage probability" and q["weighted"] == pytest.approx(STAGE_WEIGHTED)
    assert q["win model"] == f"n/a (29 closed deals, needs {WINPROB_MIN_CLOSED})"
    assert "weighted (stage probability)" not in q and "win model AUC" not in q
    staged = forecast.weighted_pipeline(opportunities(29), as_of=pd.Timestamp("2025-01-10"))
    assert outcome.table["weighted"].tolist() == staged["weighted"].tolist()


def test_a_model_that_cannot_train_falls_back_and_says_why():
    q = run(opportunities(40, won="all")).quality
    assert q["weights"] == "stage probability" and q["weighted"] == pytest.approx(STAGE_WEIGHTED)
    assert str(q["win model"]).startswith("n/a (need at least 10 closed opportunities")


def test_a_model_no_better_than_guessing_is_not_used(monkeypatch):
    real = winprob.fit_deals

    def guessing(*args, **kwargs):
        import dataclasses

        return dataclasses.replace(real(*args, **kwargs), auc=0.5)

    monkeypatch.setattr(winprob, "fit_deals", guessing)
    q = run(opportunities(40)).quality
    assert q["weights"] == "stage probability" and q["weighted"] == pytest.approx(STAGE_WEIGHTED)
    assert q["win model"] == "not used (AUC 0.5, needs > 0.55)"

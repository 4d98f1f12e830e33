"""The basket, anomalies and satisfaction analyses on hand-made frames with a planted answer:
a product pair with known support, confidence and lift; a customer who stopped buying; ticket
ratings that follow the response time (and ratings that follow nothing)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from crm_desktop.services.analyses.apply import apply_outcome
from crm_desktop.services.analyses.behaviour import reason_text, run_anomalies, run_basket
from crm_desktop.services.analyses.parameters import check_params
from crm_desktop.services.analyses.satisfaction import run_satisfaction
from crm_desktop.services.analyses.steps import Steps
from crm_desktop.services.outcome import write
from crm_desktop.storage import analytics_store
from crm_desktop.storage.customers import create_customer

START = pd.Timestamp("2024-01-01")


class Frames:
    def __init__(self, **frames: pd.DataFrame) -> None:
        self.frames = frames

    def get(self, name: str, columns: list[str] | None = None) -> pd.DataFrame:
        frame = self.frames[name]
        return frame if columns is None else frame[list(columns)]


def steps(**frames: pd.DataFrame) -> Steps:
    return Steps(None, None, Frames(**frames))


def customers(n: int) -> pd.DataFrame:
    return pd.DataFrame({"id": range(1, n + 1), "name": [f"Customer {i}" for i in
                                                          range(1, n + 1)],
                         "category": "Retail", "needs": None,
                         "created_at": START - pd.Timedelta(days=30)})


def basket_frames() -> dict[str, pd.DataFrame]:
    """1,000 paid orders of 10 customers: Printer (1) and Toner (2) together in 100, Printer
    alone in 100, Toner alone in 50, two filler products in the others; 50 cancelled orders
    hold both (they must not count). Customer 10 bought Printer but never Toner."""
    rng = np.random.default_rng(3)
    orders, lines = [], []
    names = {1: "Printer", 2: "Toner"}
    for order in range(1, 1051):
        paid = order <= 1000
        customer = 10 if order in (150, 151) else 1 + order % 9
        orders.append((order, customer, START + pd.Timedelta(hours=order), 10.0, "EUR",
                       "paid" if paid else "cancelled"))
        if order <= 100 or not paid:
            products = [1, 2]
        elif order <= 200:
            products = [1]
        elif order <= 250:
            products = [2]
        else:
            products = []
        products += [int(p) for p in rng.choice(np.arange(10, 40), 2, replace=False)]
        for product in products:
            lines.append((order, customer, START + pd.Timedelta(hours=order), product,
                          names.get(product, f"Filler {product}"), "Supplies", 5.0))
    return {
        "orders": pd.DataFrame(orders, columns=["id", "customer_id", "ordered_at", "amount",
                                                "currency", "status"]),
        "order_lines": pd.DataFrame(lines, columns=["order_id", "customer_id", "ordered_at",
                                                    "product_id", "product_name",
                                                    "product_category", "amount"]),
        "customers": customers(10),
    }


def test_basket_finds_the_planted_pair_with_its_figures():
    outcome = run_basket(None, check_params({"min_support_pct": 1.0}), steps(**basket_frames()))
    table = outcome.table.set_index(["antecedent", "consequent"])
    printer_toner = table.loc[("Printer", "Toner")]
    assert printer_toner["support"] == pytest.approx(0.1)  # 100 of 1,000 paid orders
    assert printer_toner["confidence"] == pytest.approx(0.5)  # 100 of Printer's 200
    assert printer_toner["lift"] == pytest.approx(0.5 / 0.15, abs=1e-3)  # Toner in 150
    toner_printer = table.loc[("Toner", "Printer")]
    assert toner_printer["confidence"] == pytest.approx(100 / 150, abs=1e-4)
    assert printer_toner["orders"] == 100 and printer_toner["consequent_ids"] == "2"
    assert outcome.quality["orders"] == 1000 and outcome.quality["rules"] == len(table)
    suggestions = outcome.results[0][1].set_index("customer_id")
    assert suggestions.loc[10, "product"] == "Toner"
    assert suggestions.loc[10, "because"] == ["Printer"]


def test_basket_suggestions_are_stored_per_customer(db):
    write(db, lambda s: [create_customer(s, {"name": f"C{i}"}) for i in range(10)])
    outcome = run_basket(db, check_params({}), steps(**basket_frames()))
    assert apply_outcome(db, outcome).value["next_products"] == len(outcome.results[0][1])
    stored = analytics_store.load_results(db, "next_products").set_index("customer_id")
    assert stored.loc[10, "label"] == "Toner"
    assert stored.loc[10, "details"]["products"][0] == "Toner"
    assert stored.loc[10, "details"]["product_ids"][0] == 2


def anomaly_frames() -> dict[str, pd.DataFrame]:
    """60 customers ordering about every 10 days for two years; customer 7 stopped 200 days
    before the last order anyone placed."""
    rng = np.random.default_rng(5)
    rows = []
    end = START + pd.Timedelta(days=730)
    for customer in range(1, 61):
        when = START + pd.Timedelta(days=float(rng.uniform(0, 10)))
        stop = end - pd.Timedelta(days=200) if customer == 7 else end
        while when < stop:
            rows.append((len(rows) + 1, customer, when, float(rng.lognormal(4, 0.3)), "EUR",
                         "paid"))
            when += pd.Timedelta(days=float(rng.gamma(8, 10 / 8)))
    orders = pd.DataFrame(rows, columns=["id", "customer_id", "ordered_at", "amount",
                                         "currency", "status"])
    lines = orders.rename(columns={"id": "order_id"})[["order_id", "customer_id",
                                                       "ordered_at", "amount"]]
    lines = lines.assign(product_id=1, product_name="Paper", product_category="Supplies")
    return {"orders": orders, "order_lines": lines, "customers": customers(60)}


def test_a_planted_stop_in_buying_is_flagged_with_its_reason():
    outcome = run_anomalies(None, check_params({}), steps(**anomaly_frames()))
    table = outcome.table.set_index("customer_id")
    assert 7 in table.index
    row = table.loc[7]
    assert row["name"] == "Customer 7" and row["reason_key"] == "gap_vs_usual"
    key, days, usual = row["reasons"][0]
    assert key == "gap_vs_usual" and 195 <= days <= 225 and 8 <= usual <= 12  # + last gap
    assert row["reason"].startswith(f"no order for {days:.0f} days (usually every")
    assert len(table) <= 3  # steady buyers are left alone
    assert outcome.quality["flagged"] == len(table)


def test_reason_texts():
    assert reason_text(("order_size_drop", 40.0, 120.5)) == (
        "orders shrank to 40.00 on average (usually 120.50)")
    assert reason_text(("mix_shift", "Paper", None)) == "buys less Paper, more (no category)"


def tickets_frame(signal: bool, n: int = 600) -> pd.DataFrame:
    """Tickets over a year; with ``signal`` the rating is 5 for an answer within 4 hours and
    2 after a day (plus noise); without, the rating is random. The last 20 are still open."""
    rng = np.random.default_rng(11)
    opened = START + pd.to_timedelta(np.sort(rng.uniform(0, 365, n)), unit="D")
    hours = rng.choice([1.0, 2.0, 30.0, 48.0], n)
    if signal:
        rating = np.where(hours < 4, 5, 2) + rng.choice([-1, 0, 0, 0], n)
    else:
        rating = rng.integers(1, 6, n)
    status = np.where(np.arange(n) >= n - 20, "open", "closed")
    return pd.DataFrame({
        "id": range(1, n + 1), "customer_id": 1 + np.arange(n) % 30,
        "type": "consultation", "category": None, "priority": "normal", "status": status,
        "channel": "email", "subject": [f"Ticket {i}" for i in range(1, n + 1)],
        "opened_at": opened, "first_response_at": opened + pd.to_timedelta(hours, unit="h"),
        "resolved_at": pd.Series(opened + pd.to_timedelta(hours + 2, unit="h")).where(
            status == "closed"),
        "sla_due": opened + pd.Timedelta(hours=72),
        "satisfaction": pd.Series(np.clip(rating, 1, 5), dtype=float).where(status == "closed"),
    })


@pytest.mark.parametrize("signal", [True, False])
def test_satisfaction_beats_the_mean_only_where_there_is_signal(signal):
    surveys = pd.DataFrame(columns=["id", "customer_id", "score", "responded_at", "comment"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        outcome = run_satisfaction(None, check_params({}), steps(
            tickets=tickets_frame(signal), orders=anomaly_frames()["orders"].iloc[:0],
            customers=customers(30), survey_responses=surveys))
    quality = outcome.quality
    assert {"model_mse", "baseline_mse", "model_mae", "baseline_mae"} <= set(quality)
    assert quality["beats_baseline"] == ("yes" if signal else "no")
    if signal:
        assert quality["model_mse"] < 0.7 * quality["baseline_mse"]
    assert len(outcome.table) == 20 and set(outcome.table["status"]) == {"open"}
    assert outcome.table["predicted"].is_monotonic_increasing
    assert str(quality["nps"]).startswith("n/a")

"""The model-based analyses: churn, purchase propensity, win probability of open deals and
customer lifetime value."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crm_desktop.analytics.charts import Chart, hist_chart
from crm_desktop.analytics.figures import num
from crm_desktop.services.analyses import explained
from crm_desktop.services.analyses.currencies import load_one_currency
from crm_desktop.services.analyses.outcome import AnalysisOutcome
from crm_desktop.services.analyses.parameters import AnalysisError
from crm_desktop.services.analyses.steps import Steps, need

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.services.insights.reason_book import ReasonBook
    from crm_desktop.storage.database import Database

def _hist(values: pd.Series, title: str, xlabel: str) -> Chart:
    return hist_chart(values, title, xlabel, "Customers")


def _buyers(orders: pd.DataFrame) -> int:
    from crm_desktop.analytics.features import paid_orders

    return int(paid_orders(orders, ("customer_id",))["customer_id"].nunique())


# The columns churn reads (a million customers' names, addresses and ticket texts are most of
# a gigabyte it does not need). Empty: whole frames (a test compares the two).
CHURN_COLUMNS: dict[str, tuple[str, ...]] = {
    "customers": ("id", "created_at"),
    "orders": ("customer_id", "ordered_at", "amount", "currency", "status"),
    "tickets": ("customer_id", "opened_at", "type", "status", "satisfaction"),
    "interactions": ("customer_id", "occurred_at"),
    "survey_responses": ("customer_id", "responded_at", "score"),
}


def run_churn(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    import dataclasses

    import pandas as pd

    from crm_desktop.analytics import churn, summaries
    from crm_desktop.analytics.features import paid_orders
    from crm_desktop.services.insights.summary import churn_sentences, quality_note

    f, left = load_one_currency(database, steps, "customers", "orders", "tickets",
                                "interactions", "survey_responses",
                                columns=CHURN_COLUMNS or None)
    need(_buyers(f["orders"]), 50, "churn needs customers with orders")
    # Churn reads only the paid orders' customer, time and amount, and the revenue figures
    # below only those of the last REVENUE_DAYS. The loaded orders frame goes now, and
    # fit_churn gets the only reference to the paid ones (popped from ``f``), which it lets
    # go before scoring every customer (at a million customers: 130 + 75 MB through the fit,
    # when the frames are not kept in a cache for the next analyses).
    f["orders"] = paid_orders(f["orders"])
    cutoff = pd.to_datetime(f["orders"]["ordered_at"]).max()
    recent = explained.orders_last_year(f["orders"], cutoff)
    # The reasons of the customers at medium or high risk are read as each chunk of them is
    # scored: the report then holds neither every customer's features nor their contributions
    reasons = explained.ExplainedAsScored("churn", explained.RISK_NAMES)
    try:
        report = churn.fit_churn(f["customers"], f.pop("orders"), f["tickets"],
                                 f["interactions"], f["survey_responses"],
                                 cutoff=cutoff, horizon_days=float(params["horizon_days"]),
                                 progress=steps.sub(0.3, 0.93), cancelled=steps.cancelled,
                                 each_chunk=reasons)
    except ValueError as error:
        raise AnalysisError(f"churn: {error}") from error
    table = report.scores.reset_index(drop=True)
    table["risk"] = explained.bands(table["churn_probability"], explained.RISK_NAMES)
    steps.at(0.95, "Reasons")
    why = reasons.result()
    table["reasons"] = why.column(table["customer_id"])
    revenue = explained.revenue_last_year(recent, report.cutoff)
    table["revenue_12m"] = table["customer_id"].map(revenue).fillna(0.0).round(2)
    quality: dict[str, float | str] = {f"AUC ({k})": num(v) for k, v in report.auc.items()}
    quality.update({"chosen_model": report.chosen_model, "base_rate": num(report.base_rate),
                    "trained_on": report.n_train,
                    # fitted on a stratified sample of this many buyers (churn.MAX_FIT_ROWS)
                    **({"sampled_from": report.sampled_from} if report.sampled_from else {}),
                    "horizon_days": int(report.horizon_days),
                    "holdout": _holdout_text(report),
                    "holdout_trained_on": report.n_holdout_train, "tested_on": report.n_test,
                    "cutoff": str(report.cutoff.date()), **left.quality()})
    counts = table["risk"].value_counts()
    bands = pd.DataFrame({"risk": list(explained.RISK_NAMES),
                          "from_probability": [summaries.LIKELY, summaries.MEDIUM_RISK, 0.0]})
    bands["customers"] = bands["risk"].map(counts).fillna(0).astype(int)
    bands["share"] = (bands["customers"] / max(1, len(table))).round(4)
    high = table.loc[table["risk"] == "high", "customer_id"]
    facts = dataclasses.replace(summaries.churn_summary(report, recent),
                                top_reason_keys=why.top_keys(high))
    chosen = f"AUC ({report.chosen_model})"
    note = quality_note(chosen, "auc", quality.get(chosen))
    linear = report.chosen_model == "logistic"
    drivers = report.drivers.head(10)
    what = "coefficient per SD; + raises risk" if linear else "importance"
    chart = Chart("barh", [str(i) for i in drivers.index][::-1], drivers.tolist()[::-1],
                  f"Churn drivers ({report.chosen_model}: {what})", "", "")
    return AnalysisOutcome(
        "churn", quality, table, chart,
        [("churn", table, "churn_probability", "risk", ("reasons",))],
        detail=bands, detail_title="Customers per churn risk band",
        summary=[*churn_sentences(facts), *left.sentences()],
        notes={chosen: note} if note else {},
        columns={"customer_id": "customer", "churn_probability": "probability", "risk": "band",
                 "reasons": "reasons", "revenue_12m": "money", "from_probability": "probability",
                 "customers": "count", "share": "share"},
        currency=left.currency, groups="risk", reasons=why.book)


def run_propensity(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    import dataclasses

    import pandas as pd

    from crm_desktop.analytics import propensity, summaries
    from crm_desktop.services.insights.summary import propensity_sentences, quality_note

    f, left = load_one_currency(database, steps, "customers", "orders", "order_lines")
    need(_buyers(f["orders"]), 50, "propensity needs customers with orders")
    target = str(params["target"])
    category = None if target.lower() == "any" else target
    if category is not None and not f["order_lines"]["product_category"].eq(category).any():
        raise AnalysisError(f"no order lines in product category {category!r}")
    try:
        report = propensity.fit_propensity(
            f["customers"], f["orders"], f["order_lines"],
            horizon_days=float(params["propensity_days"]), category=category,
            progress=steps.sub(0.3, 0.93), cancelled=steps.cancelled)
    except ValueError as error:
        raise AnalysisError(f"propensity: {error}") from error
    table = report.scores.reset_index(drop=True)
    table["target"] = "any" if category is None else category
    table["band"] = explained.bands(table["probability"], explained.LIKELY_NAMES)
    steps.at(0.95, "Reasons")
    hopeful = table.loc[table["band"] != "unlikely", "customer_id"]
    why = explained.explain("propensity", report.pipeline, report.features, hopeful)
    table["reasons"] = why.column(table["customer_id"])
    quality: dict[str, float | str] = {
        "target": "any purchase" if category is None else f"category {category}",
        "horizon_days": int(report.horizon_days), "AUC": num(report.auc),
        "base_rate": num(report.base_rate), "intercept": num(report.intercept),
        "customers": len(table), **left.quality()}
    coefficients = report.coefficients
    order = coefficients.abs().sort_values(ascending=False).index
    detail = pd.DataFrame({"feature": [str(i) for i in order],
                           "b": coefficients.reindex(order).round(4).to_numpy()})
    likely = table.loc[table["band"] == "likely", "customer_id"]
    facts = dataclasses.replace(summaries.propensity_summary(report),
                                top_reason_keys=why.top_keys(likely))
    note = quality_note("AUC", "auc", quality["AUC"])
    title = "Purchase propensity" if category is None else f"Propensity: {category}"
    return AnalysisOutcome(
        "propensity", quality, table, _hist(table["probability"], title, "Probability"),
        [("propensity", table, "probability", "target", ("band", "reasons"))], detail=detail,
        detail_title="f(x) = 1 / (1 + exp(-(a + b.x))): b per SD",
        summary=[*propensity_sentences(facts), *left.sentences()],
        notes={"AUC": note} if note else {},
        columns={"customer_id": "customer", "probability": "probability", "band": "band",
                 "reasons": "reasons", "target": "text"},
        currency=left.currency, groups="band", reasons=why.book)


def run_winprob(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    import dataclasses

    from crm_desktop.analytics import summaries, winprob
    from crm_desktop.services.insights.summary import quality_note, win_sentences

    f, left = load_one_currency(database, steps, "opportunities", "orders")
    closed = f["opportunities"]["status"].isin(["won", "lost"])
    need(int(closed.sum()), winprob.MIN_CLOSED, "win probability needs closed opportunities")
    opportunities = f["opportunities"]
    try:
        report = winprob.fit_deals(opportunities, f["orders"], progress=steps.sub(0.3, 0.93),
                                   cancelled=steps.cancelled)
    except ValueError as error:
        raise AnalysisError(f"win probability: {error}") from error
    table = report.scores.reset_index(drop=True).drop(columns=["factors"], errors="ignore")
    by_id = opportunities.set_index("id")
    table.insert(1, "name", table["opportunity_id"].map(by_id["name"]).to_numpy())
    table.insert(2, "customer_id", table["opportunity_id"].map(by_id["customer_id"]).to_numpy())
    table["amount"] = table["opportunity_id"].map(by_id["amount"]).astype(float).to_numpy()
    table["band"] = explained.bands(table["win_probability"], explained.LIKELY_NAMES)
    steps.at(0.95, "Reasons")
    why = explained.explain("win", report.model, report.open_features, table["opportunity_id"])
    table["reasons"] = why.column(table["opportunity_id"])
    quality = {"AUC": num(report.auc), "Brier": num(report.brier),
               "calibration": "sigmoid (Platt), 3-fold",
               "back-test MAPE": num(report.mape), "back-test WAPE": num(report.wape),
               "trained_on": report.n_train, "win_rate": num(report.win_rate),
               "open_deals": len(table),
               "weighted_forecast": num(table["weighted_amount"].sum(), 2), **left.quality()}
    back = report.backtest.tail(18)
    x = [str(p) for p in (back["month"] if "month" in back.columns else back.index)]
    chart = Chart("line", x, back["actual"].astype(float).tolist(), "Back-test: won vs forecast",
                  "", "Amount", series={"forecast": back["forecast"].astype(float).tolist()})
    detail = back.assign(month=x).round({"forecast": 2, "actual": 2, "error": 2, "ape": 4})
    likely = table.loc[table["band"] == "likely", "opportunity_id"]
    facts = dataclasses.replace(
        summaries.win_summary(report, opportunities), top_reason_keys=why.top_keys(likely))
    note = quality_note("AUC", "auc", quality["AUC"])
    return AnalysisOutcome(
        "winprob", quality, table, chart,
        [("winprob", deals_per_customer(table, why.book), "value", None, ("deals",))],
        detail=detail, detail_title="Back-test of the weighted forecast per month",
        summary=[*win_sentences(facts), *left.sentences()],
        notes={"AUC": note} if note else {},
        columns={"opportunity_id": "opportunity", "name": "text", "customer_id": "customer",
                 "win_probability": "probability", "weighted_amount": "money",
                 "amount": "money", "band": "band", "reasons": "reasons", "forecast": "money",
                 "actual": "money", "error": "money", "ape": "share",
                 "weighted_forecast": "money"},
        currency=left.currency, groups="band", reasons=why.book,
        # Apply also stores each open deal's probability on the deal (opportunities.
        # win_probability), where the pipeline cards and the deal's detail read it.
        deal_results=table[["opportunity_id", "win_probability"]])


def deals_per_customer(table: pd.DataFrame, book: ReasonBook | None) -> pd.DataFrame:
    """One row per customer with open deals (what Apply stores, kind "winprob"): value = the
    best win probability, deals = {opportunity id: {p, reasons}} (the reasons as stored
    lists; ``book``: the reasons the table's ``reasons`` column points into)."""
    import pandas as pd

    reasons = (book.stored(table["reasons"].tolist()) if book is not None
               else [None] * len(table))
    deals: dict[int, dict[str, Any]] = {}
    best: dict[int, float] = {}
    for opp, customer, p, said in zip(table["opportunity_id"].tolist(),
                                      table["customer_id"].tolist(),
                                      table["win_probability"].tolist(), reasons, strict=True):
        customer = int(customer)
        deals.setdefault(customer, {})[str(int(opp))] = {"p": round(float(p), 4),
                                                          "reasons": said or []}
        best[customer] = max(best.get(customer, 0.0), float(p))
    customers = list(deals)
    return pd.DataFrame({"customer_id": customers, "value": [best[c] for c in customers],
                         "deals": [deals[c] for c in customers]})


def _holdout_text(report: Any) -> str:
    """How the churn models' AUC was measured, in one line."""
    import pandas as pd

    t0 = report.cutoff - pd.Timedelta(days=report.horizon_days)
    t1 = t0 - pd.Timedelta(days=report.horizon_days)
    if report.holdout == "time":
        return (f"later period: fitted at {t1.date()} on churn up to {t0.date()}, "
                f"tested at {t0.date()} on churn up to {report.cutoff.date()}")
    return "30% of customers (too little earlier history for a later-period test)"

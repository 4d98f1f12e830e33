"""The descriptive analyses: key figures (KPIs), RFM segments and campaign response."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crm_desktop.analytics.charts import Chart
from crm_desktop.analytics.figures import num
from crm_desktop.services.analyses.currencies import campaign_money, load_one_currency
from crm_desktop.services.analyses.outcome import AnalysisOutcome
from crm_desktop.services.analyses.steps import DETAIL_ROWS, Steps, load, need

if TYPE_CHECKING:
    from crm_desktop.analytics.campaigns import ChiSquareResult
    from crm_desktop.storage.database import Database

# Every KPI of the issue, as the kpis outcome names it (plus "customers: <status>" per status).
KPI_KEYS: tuple[str, ...] = (
    "customers", "revenue_12m", "revenue_growth", "aov", "customer_value", "csat",
    "mean_satisfaction", "nps", "loyalty_index", "loyal_customers", "loyal_definition",
    "churn_rate", "churn_period_days", "win_rate", "sales_cycle_mean_days",
    "sales_cycle_median_days", "sla_resolution", "sla_first_response",
)


# The columns the KPIs read of the frames they load (the orders' and customers' figures are
# sums in SQL: services/kpi_sums.py). Empty: whole frames (a test compares the two).
KPI_COLUMNS: dict[str, tuple[str, ...]] = {
    "opportunities": ("status", "created_at", "closed_at", "currency"),
    "tickets": ("opened_at", "first_response_at", "resolved_at", "sla_due", "satisfaction"),
    "survey_responses": ("score", "responded_at"),
}


# The orders' columns the key figures read when the process holds them (the warm-up loads them
# for churn and lifetime value), and up to how many orders they are read from that frame rather
# than summed in SQL: at 330,000 orders pandas takes 0.2 s of CPU where SQL takes 1.3 s, at 3.3
# million its temporaries were 120-380 MB over the cached frames (the process's peak).
KPI_ORDER_COLUMNS = ("customer_id", "ordered_at", "amount", "currency", "status")
FRAME_KPI_ORDERS = 1_000_000


def run_kpis(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    """The key figures of one currency's orders (currencies.py's rule), and of the deals
    (that currency's), tickets and surveys from their frames. The orders' figures come from
    the orders frame when the process holds a small one, else from sums in SQL (no orders
    frame, no temporaries of 3 million orders: the process's peak at a million customers)."""
    import pandas as pd

    from crm_desktop.analytics import kpi
    from crm_desktop.analytics.features import as_of_date
    from crm_desktop.services import kpi_sums
    from crm_desktop.services.analyses.currencies import one_currency, order_currency
    from crm_desktop.storage import order_sums

    f = load(database, steps, "opportunities", "tickets", "survey_responses",
             columns=KPI_COLUMNS or None)
    min_quarters, quarters = int(params["loyal_min_quarters"]), int(params["loyal_quarters"])
    window = float(params["churn_window_days"])
    period = str(params["period"])
    cache = steps.frames
    rows = cache.cached_rows("orders", KPI_ORDER_COLUMNS) if cache is not None else None
    steps.at(0.4, "Revenue and loyalty")
    if cache is not None and rows is not None and rows <= FRAME_KPI_ORDERS:
        # orders the process already holds: pandas reads them faster than SQL sums them
        f, left = one_currency({**f, "orders": cache.get("orders", KPI_ORDER_COLUMNS)},
                               database)
        when = as_of_date(f["orders"])
        by_period = kpi.revenue_by_period(f["orders"], period, when)
        orders = kpi_sums.frame_kpis(f["orders"], when, churn_window_days=window,
                                     loyal_min_quarters=min_quarters, loyal_quarters=quarters)
        del f["orders"]
    else:
        f, left, overview = order_currency(database, f)
        last = overview.last_by_currency.get(left.currency)
        # no order in it: as analytics.features.as_of_date of no orders
        when = last if last is not None else pd.Timestamp.now(tz="UTC").tz_localize(
            None).normalize()
        by_period = kpi_sums.revenue_by_period(database, when, period, left.currency)
        orders = kpi_sums.order_kpis(database, when, churn_window_days=window,
                                     loyal_min_quarters=min_quarters, loyal_quarters=quarters,
                                     currency=left.currency)
    steps.at(0.8, "Service and sales")
    activity = kpi.activity_kpis(f["opportunities"], f["tickets"], f["survey_responses"], when)
    statuses = order_sums.customer_statuses(database)
    quality: dict[str, float | str] = {"as_of": str(when.date()),
                                       "customers": sum(statuses.values())}
    for status, count in sorted(statuses.items()):
        quality[f"customers: {status}"] = count
    quality.update({
        "revenue_12m": num(orders.revenue_12m, 2),
        "revenue_growth": num(kpi.last_complete_growth(by_period, when, period)),
        "aov": num(orders.average_order_value, 2),
        "customer_value": num(orders.customer_value, 2),
        "csat": num(activity["csat"]), "mean_satisfaction": num(activity["mean_satisfaction"], 2),
        "nps": num(activity["nps"], 1),
        "loyalty_index": num(orders.loyalty_index), "loyal_customers": orders.loyal_customers,
        "loyal_definition": f"orders in >= {min_quarters} of the last {quarters} quarters",
        "churn_rate": num(orders.churn_rate), "churn_period_days": int(window),
        "win_rate": num(activity["win_rate"]),
        "sales_cycle_mean_days": num(activity["sales_cycle_mean_days"], 1),
        "sales_cycle_median_days": num(activity["sales_cycle_median_days"], 1),
        "sla_resolution": num(activity["sla_resolution"]),
        "sla_first_response": num(activity["sla_first_response"]), **left.quality(),
    })
    table = by_period.copy()
    table["period"] = table["period"].astype(str)
    chart = Chart("line", table["period"].tolist(), table["revenue"].astype(float).tolist(),
                  f"Revenue per {period}", "", "Revenue")
    return AnalysisOutcome("kpis", quality, table, chart, summary=left.sentences(),
                           columns={c: "money" for c in KPI_MONEY}, currency=left.currency)


# The money figures of the key figures (shown with the currency).
KPI_MONEY = ("revenue", "revenue_12m", "aov", "customer_value")


# What RFM reads of the orders (analytics.rfm: recency, frequency and value of paid orders).
RFM_ORDER_COLUMNS = ("customer_id", "ordered_at", "amount", "currency", "status")


def run_rfm(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    from crm_desktop.analytics import rfm
    from crm_desktop.analytics.segment_profiles import rfm_profiles
    from crm_desktop.analytics.summaries import segments_summary
    from crm_desktop.services.analyses.segments import PROFILE_COLUMNS, profile_detail
    from crm_desktop.services.insights.summary import segments_sentences

    f, left = load_one_currency(database, steps, "orders",
                                columns={"orders": RFM_ORDER_COLUMNS})
    table = rfm.rfm_frame(f["orders"], progress=steps.sub(0.3, 0.9), cancelled=steps.cancelled)
    need(len(table), 5, "RFM needs customers with paid orders")
    summary = rfm.segment_summary(table.set_index("customer_id"))
    quality: dict[str, float | str] = {"customers": len(table), "segments": len(summary),
                                       **left.quality()}
    chart = Chart("barh", [str(s) for s in summary.index], summary["customers"].tolist(),
                  "Customers per RFM segment", "Customers", "")
    # RFM segments keep their standard names ("Champions", "At risk").
    profiles = rfm_profiles(table.set_index("customer_id")).assign(
        name=lambda frame: frame.index.astype(str))
    detail = profile_detail(profiles.rename_axis("segment"))
    # No categories: an RFM segment is a result (kind "rfm"), not a category to learn from.
    return AnalysisOutcome(
        "rfm", quality, table, chart, [("rfm", table, "rfm_score", "segment")],
        detail=detail.drop(columns=["segment"]), detail_title="RFM segments: who is in each",
        summary=[*segments_sentences(segments_summary(profiles)), *left.sentences()],
        columns={**PROFILE_COLUMNS, "segment": "segment", "rfm_score": "count",
                 "r_score": "count", "f_score": "count", "m_score": "count",
                 "fm_score": "count"},
        currency=left.currency, groups="segment")


def chi_square_quality(test: ChiSquareResult) -> dict[str, float | str]:
    """The chi-square figures, saying whether Yates' continuity correction was used (it is on
    a 2x2 table only)."""
    return {
        "chi2": num(test.chi2), "p_value": num(test.p_value), "dof": test.dof,
        "cramers_v": num(test.cramers_v),
        # Constant texts (translated as they are): Yates' correction applies to 2x2 tables only.
        "yates_correction": ("yes (2x2 table)" if test.yates_corrected
                             else "no (table larger than 2x2)"),
        "low_expected_cells": num(test.low_expected_share),
    }


def run_campaigns(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    """Per campaign: members targeted, responses, conversions, cost, ROI; against its holdout
    (when it has one) the lift of response and conversion with a test and a 95% interval;
    the chi-square of response against RFM segment for its own members. The quality figures
    sum the campaigns and keep the chi-square pooled over all of them; the detail is the
    response lift per RFM segment."""
    from crm_desktop.analytics import campaigns as camp
    from crm_desktop.analytics.rfm import rfm_frame

    f, left = load_one_currency(database, steps, "campaigns", "campaign_members", "orders")
    members = f["campaign_members"]
    held = members["holdout"].fillna(False).astype(bool) if "holdout" in members else (
        members["campaign_id"] < 0)
    targeted = members[~held]
    need(len(targeted), 10, "campaign analysis needs campaign members")
    steps.at(0.5, "Campaign performance")
    perf = camp.campaign_performance(f["campaigns"], targeted)
    names = f["campaigns"].set_index("id")["name"]
    # No cost, revenue or ROI for a campaign whose cost is in another currency.
    table = campaign_money(perf.reset_index(), f["campaigns"], left.currency)
    if "name" not in table.columns:
        table.insert(1, "name", table["campaign_id"].map(names))
    members_n, responses = int(table["members"].sum()), int(table["responses"].sum())
    conversions, cost = int(table["conversions"].sum()), float(table["cost"].sum())
    revenue = float(table["revenue"].sum())
    quality: dict[str, float | str] = {
        "campaigns": len(table), "members": members_n, "responses": responses,
        "conversions": conversions,
        "response_rate": num(responses / members_n if members_n else None),
        "conversion_rate": num(conversions / members_n if members_n else None),
        "cost_per_response": num(cost / responses if responses else None, 2),
        "cost_per_conversion": num(cost / conversions if conversions else None, 2),
        "roi": num((revenue - cost) / cost if cost else None),
        "chi2_test": "RFM segment x responded, pooled over all campaigns (per campaign: "
                     "segment_p in the table)", **left.quality(),
    }
    steps.at(0.7, "Response by segment")
    segments = (rfm_frame(f["orders"]).set_index("customer_id")["segment"].astype(object)
                if len(f["orders"]) else _no_segments())
    try:
        quality.update(chi_square_quality(camp.response_independence(targeted, segments)))
    except ValueError as error:
        quality["chi2"] = f"n/a ({error})"
    steps.at(0.8, "Lift over the holdouts")
    table = _with_effects(table, members, segments, names, quality)
    lift = camp.segment_lift(targeted, segments).reset_index()
    lift = lift.rename(columns={"positives": "responses", "rate": "response_rate"})
    top = table.dropna(subset=["roi"]).sort_values("roi").tail(12)
    chart = Chart("barh", top["name"].astype(str).tolist(), top["roi"].astype(float).tolist(),
                  "Campaign ROI", "ROI", "")
    return AnalysisOutcome("campaigns", quality, table, chart, detail=lift.head(DETAIL_ROWS),
                           detail_title="Response lift per RFM segment (rate / overall rate)",
                           summary=left.sentences(), currency=left.currency,
                           columns={"cost": "money", "revenue": "money",
                                    "cost_per_response": "money",
                                    "cost_per_conversion": "money"})


def _no_segments() -> Any:
    """customer_id -> segment when there are no orders: nobody has one."""
    import pandas as pd

    return pd.Series(dtype=object)


EFFECT_COLUMNS = ("holdout", "response_lift", "response_ci_low", "response_ci_high",
                  "response_p", "conversion_lift", "conversion_ci_low", "conversion_ci_high",
                  "conversion_p", "segment_chi2", "segment_p")


def _with_effects(table: Any, members: Any, segments: Any, names: Any,
                  quality: dict[str, float | str]) -> Any:
    """The campaigns table with each campaign's lift over its holdout and its own chi-square
    (services.campaign_effect.evaluate); the counts in ``quality``."""
    from crm_desktop.services.campaign_effect import evaluate

    rows = []
    for campaign_id in table["campaign_id"].tolist():
        found = evaluate(members, segments, int(campaign_id), str(names.get(campaign_id, "")))
        row: dict[str, Any] = {"holdout": found.holdout}
        for effect in found.effects:
            short = "response" if effect.outcome == "responded" else "conversion"
            row.update({f"{short}_lift": round(effect.difference, 4),
                        f"{short}_ci_low": round(effect.ci_low, 4),
                        f"{short}_ci_high": round(effect.ci_high, 4),
                        f"{short}_p": round(effect.p_value, 4)})
        test = found.segment_test
        if test is not None and test.p_value is not None:
            row.update({"segment_chi2": round(test.chi2 or 0.0, 3),
                        "segment_p": round(test.p_value, 4)})
        rows.append(row)
    extra = table.iloc[:0, :0].assign(**{c: [] for c in EFFECT_COLUMNS}) if not rows else None
    import pandas as pd

    effects = pd.DataFrame(rows, columns=list(EFFECT_COLUMNS)) if extra is None else extra
    out = pd.concat([table.reset_index(drop=True), effects.reset_index(drop=True)], axis=1)
    out["holdout"] = out["holdout"].fillna(0).astype(int)
    measured = out[out["holdout"] > 0]
    quality["campaigns_with_holdout"] = len(measured)
    quality["response_lift_significant"] = int(
        (measured["response_p"] < 0.05).sum()) if len(measured) else 0
    quality["lift"] = "targeted rate - holdout rate; 95% Newcombe interval; z or Fisher test"
    return out

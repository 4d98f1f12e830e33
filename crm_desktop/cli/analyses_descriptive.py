"""The descriptive analyses of :mod:`crm_desktop.cli.analyses`: KPIs, RFM, campaign response
and text themes: of tickets (with themes over time and ticket-volume anomalies) or of the
needs written on customers (each customer with its theme)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crm_desktop.cli.analyses import (
    AnalysisError,
    AnalysisOutcome,
    Chart,
    Steps,
    as_of,
    load,
    need,
    num,
    rfm_frame,
)

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.analytics.campaigns import ChiSquareResult
    from crm_desktop.storage.database import Database

# Every KPI of the issue, as the kpis outcome names it (plus "customers: <status>" per status).
KPI_KEYS: tuple[str, ...] = (
    "customers", "revenue_12m", "revenue_growth", "aov", "customer_value", "csat",
    "mean_satisfaction", "nps", "loyalty_index", "loyal_customers", "loyal_definition",
    "churn_rate", "churn_period_days", "win_rate", "sales_cycle_mean_days",
    "sales_cycle_median_days", "sla_resolution", "sla_first_response",
)
DETAIL_ROWS = 100  # the second table stays small: it is filled on the GUI thread


def run_kpis(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    from crm_desktop.analytics import kpi

    f = load(database, steps, "customers", "orders", "opportunities", "tickets",
             "survey_responses")
    when = as_of(f["orders"])
    min_quarters, quarters = int(params["loyal_min_quarters"]), int(params["loyal_quarters"])
    window = float(params["churn_window_days"])
    period = str(params["period"])
    report = kpi.compute_kpis(f["customers"], f["orders"], f["opportunities"], f["tickets"],
                              f["survey_responses"], as_of=when, period=period,
                              churn_window_days=window, loyal_min_quarters=min_quarters,
                              loyal_quarters=quarters, progress=steps.sub(0.3, 0.9),
                              cancelled=steps.cancelled)
    steps.at(0.92, "Loyal customers")
    loyal = kpi.loyal_customers(f["orders"], when, min_quarters, quarters)
    quality: dict[str, float | str] = {"as_of": str(when.date()), "customers": len(f["customers"])}
    for status, count in sorted(report.customers_by_status.items()):
        quality[f"customers: {status}"] = count
    quality.update({
        "revenue_12m": num(report.revenue_last_12_months, 2),
        "revenue_growth": num(report.revenue_growth),
        "aov": num(report.average_order_value, 2),
        "customer_value": num(report.customer_value, 2),
        "csat": num(report.csat), "mean_satisfaction": num(report.mean_satisfaction, 2),
        "nps": num(report.nps, 1),
        "loyalty_index": num(report.loyalty_index), "loyal_customers": len(loyal),
        "loyal_definition": f"orders in >= {min_quarters} of the last {quarters} quarters",
        "churn_rate": num(report.churn_rate), "churn_period_days": int(window),
        "win_rate": num(report.win_rate),
        "sales_cycle_mean_days": num(report.sales_cycle_mean_days, 1),
        "sales_cycle_median_days": num(report.sales_cycle_median_days, 1),
        "sla_resolution": num(report.sla_resolution),
        "sla_first_response": num(report.sla_first_response),
    })
    table = report.revenue_by_period.copy()
    table["period"] = table["period"].astype(str)
    chart = Chart("line", table["period"].tolist(), table["revenue"].astype(float).tolist(),
                  f"Revenue per {period}", "", "Revenue")
    return AnalysisOutcome("kpis", quality, table, chart)


def run_rfm(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    from crm_desktop.analytics import rfm

    f = load(database, steps, "orders")
    table = rfm_frame(f["orders"], steps)
    need(len(table), 5, "RFM needs customers with paid orders")
    summary = rfm.segment_summary(table.set_index("customer_id"))
    quality: dict[str, float | str] = {"customers": len(table), "segments": len(summary)}
    chart = Chart("barh", [str(s) for s in summary.index], summary["customers"].tolist(),
                  "Customers per RFM segment", "Customers", "")
    # No categories: an RFM segment is a result (kind "rfm"), not a category to learn from.
    return AnalysisOutcome("rfm", quality, table, chart,
                           [("rfm", table, "rfm_score", "segment")])


def chi_square_quality(test: ChiSquareResult) -> dict[str, float | str]:
    """The chi-square figures, saying whether Yates' continuity correction was used (it is on
    a 2x2 table only)."""
    rows, columns = test.table.shape
    return {
        "chi2": num(test.chi2), "p_value": num(test.p_value), "dof": test.dof,
        "cramers_v": num(test.cramers_v),
        "yates_correction": (f"yes ({rows}x{columns} table)" if test.yates_corrected
                             else f"no ({rows}x{columns} table)"),
        "low_expected_cells": num(test.low_expected_share),
    }


def run_campaigns(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    from crm_desktop.analytics import campaigns as camp

    f = load(database, steps, "campaigns", "campaign_members", "orders")
    need(len(f["campaign_members"]), 10, "campaign analysis needs campaign members")
    steps.at(0.5, "Campaign performance")
    perf = camp.campaign_performance(f["campaigns"], f["campaign_members"])
    names = f["campaigns"].set_index("id")["name"]
    table = perf.reset_index()
    if "name" not in table.columns:
        table.insert(1, "name", table["campaign_id"].map(names))
    members, responses = int(table["members"].sum()), int(table["responses"].sum())
    conversions, cost = int(table["conversions"].sum()), float(table["cost"].sum())
    revenue = float(table["revenue"].sum())
    quality: dict[str, float | str] = {
        "campaigns": len(table), "members": members, "responses": responses,
        "conversions": conversions,
        "response_rate": num(responses / members if members else None),
        "conversion_rate": num(conversions / members if members else None),
        "cost_per_response": num(cost / responses if responses else None, 2),
        "cost_per_conversion": num(cost / conversions if conversions else None, 2),
        "roi": num((revenue - cost) / cost if cost else None),
        "chi2_test": "RFM segment x responded",
    }
    steps.at(0.7, "Response by segment")
    segments = rfm_frame(f["orders"]).set_index("customer_id")["segment"]
    try:
        quality.update(chi_square_quality(
            camp.response_independence(f["campaign_members"], segments)))
    except ValueError as error:
        quality["chi2"] = f"n/a ({error})"
    lift = camp.segment_lift(f["campaign_members"], segments).reset_index()
    lift = lift.rename(columns={"positives": "responses", "rate": "response_rate"})
    top = table.dropna(subset=["roi"]).sort_values("roi").tail(12)
    chart = Chart("barh", top["name"].astype(str).tolist(), top["roi"].astype(float).tolist(),
                  "Campaign ROI", "ROI", "")
    return AnalysisOutcome("campaigns", quality, table, chart, detail=lift.head(DETAIL_ROWS),
                           detail_title="Response lift per RFM segment (rate / overall rate)")


def _week_label(period: Any) -> str:
    return str(period.start_time.date()) if hasattr(period, "start_time") else str(period)


def _themes(texts: pd.Series, params: dict[str, Any], steps: Steps) -> Any:
    """text.text_themes with the analysis' method and number of themes (0: by silhouette over
    2..8); a number the texts cannot fill is one line for the user."""
    from crm_desktop.analytics import text

    themes = int(params["themes"])
    if themes:
        need(len(texts), themes + 1, f"{themes} themes need more texts")
    try:
        return text.text_themes(texts, themes or None, method=str(params["theme_method"]),
                                k_range=range(2, 9), progress=steps.sub(0.3, 0.88),
                                cancelled=steps.cancelled)
    except ValueError as error:
        raise AnalysisError(f"themes: {error}") from error


def _theme_quality(result: Any, source: str, counted: str, texts: int) -> dict[str, float | str]:
    """Source, method, themes (and how their number was chosen), the texts, the silhouette."""
    method = {"kmeans": "k-means", "nmf": "NMF"}.get(result.method, result.method)
    auto = bool(result.silhouettes)  # text_themes scores each k only when it chooses k
    return {
        "source": source, "method": method, "themes": result.n_themes,
        "themes_chosen": "by silhouette (2 to 8)" if auto else "as set", counted: texts,
        "silhouette": (num(result.silhouettes.get(result.n_themes)) if auto
                       else "n/a (number of themes set)")}


def _theme_summary(result: Any, names: dict[int, str], count: str, total: int) -> pd.DataFrame:
    """One row per theme (largest first): theme, name, ``count``, share, top_terms."""
    import pandas as pd

    table = pd.DataFrame({"theme": list(names), "name": list(names.values()),
                          count: [result.sizes.get(k, 0) for k in names],
                          "top_terms": [", ".join(result.top_terms.get(k, [])) for k in names]})
    table.insert(3, "share", (table[count] / max(1, total)).round(4))
    return table.sort_values(count, ascending=False)


def run_tickets(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    """Themes of ticket texts (subject + body; table: one row per theme, detail: weeks of
    unusual ticket volume) or, with text_source "needs", of customers' needs (table: one row
    per customer with its theme; detail: the themes; over time by the customer's created_at).
    """
    import pandas as pd

    from crm_desktop.analytics import text

    if params["text_source"] == "needs":
        return _needs_themes(database, params, steps)
    f = load(database, steps, "tickets")
    tickets = f["tickets"]
    texts = text.ticket_texts(tickets)
    need(len(texts), 10, "ticket themes need tickets")
    result = _themes(texts, params, steps)
    names = result.theme_names()
    table = _theme_summary(result, names, "tickets", len(texts))
    steps.at(0.9, "Themes over time")
    opened = tickets.loc[result.labels.index, "opened_at"]
    monthly = text.themes_over_time(result.labels, opened, "M")
    steps.at(0.95, "Volume anomalies")
    weekly = text.volume_anomalies(opened, freq="W", window=12, min_periods=6)
    flagged = weekly[weekly["is_anomaly"].astype(bool)] if len(weekly) else weekly
    anomalies = pd.DataFrame({
        "week": [_week_label(p) for p in flagged["period"]],
        "tickets": flagged["count"].astype(int).to_numpy(),
        "expected": flagged["baseline"].astype(float).round(1).to_numpy(),
        "upper": flagged["upper"].astype(float).round(1).to_numpy(),
        "direction": flagged["direction"].to_numpy() if "direction" in flagged else [],
    }).tail(DETAIL_ROWS)
    quality = _theme_quality(result, "tickets (subject + body)", "tickets", len(texts))
    quality.update({
        "weeks": len(weekly), "anomalous_weeks": len(flagged),
        "anomaly_rule": "beyond 12-week median +- 3.5 MAD",
    })
    return AnalysisOutcome("tickets", quality, table, _themes_chart(monthly, names),
                           detail=anomalies,
                           detail_title=f"Weeks with unusual ticket volume: {len(flagged)}")


def _needs_themes(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    import pandas as pd

    from crm_desktop.analytics import text

    customers = load(database, steps, "customers")["customers"]
    needs = customers["needs"].fillna("").astype(str).str.strip()
    written = customers[needs.ne("")]
    texts = needs[written.index]
    need(len(texts), 10, "needs themes need customers with needs")
    result = _themes(texts, params, steps)
    names = result.theme_names()
    labels = result.labels
    table = pd.DataFrame({
        "customer_id": written["id"].to_numpy(), "name": written["name"].to_numpy(),
        "theme": labels.to_numpy(), "theme_name": labels.map(names).to_numpy(),
        "needs": texts.to_numpy()}).sort_values(["theme", "customer_id"])
    summary = _theme_summary(result, names, "customers", len(texts))
    steps.at(0.9, "Themes over time")
    created = pd.to_datetime(written["created_at"])
    quality = _theme_quality(result, "customers' needs", "customers", len(texts))
    if created.notna().any():
        monthly = text.themes_over_time(labels[created.notna()], created.dropna(), "M")
        quality["over_time"] = "by the customer's created_at"
    else:
        monthly = pd.DataFrame()
        quality["over_time"] = "n/a (no creation dates)"
    chart = _themes_chart(monthly, names, "Customers' needs: themes per month (by created)",
                          "All customers")
    return AnalysisOutcome("tickets", quality, table, chart, detail=summary.head(DETAIL_ROWS),
                           detail_title="Themes of customers' needs")


def _themes_chart(monthly: pd.DataFrame, names: dict[int, str],
                  title: str = "Ticket themes per month", total: str = "All tickets") -> Chart:
    """Texts per month, all and per theme (the largest eight)."""
    if monthly.empty:
        return Chart("line", [], [], title)
    order = monthly.sum().sort_values(ascending=False).index[:8]
    series = {names.get(int(k), str(k)): monthly[k].astype(float).tolist() for k in order}
    return Chart("line", [str(p) for p in monthly.index], monthly.sum(axis=1).astype(float)
                 .tolist(), title, "", total, series=series)


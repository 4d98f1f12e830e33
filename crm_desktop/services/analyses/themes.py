"""Text themes: of tickets (subject + body; with themes over time and ticket-volume
anomalies) or of the needs written on customers (each customer with its theme)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crm_desktop.analytics.charts import Chart
from crm_desktop.analytics.figures import num
from crm_desktop.services.analyses.outcome import AnalysisOutcome
from crm_desktop.services.analyses.parameters import AnalysisError
from crm_desktop.services.analyses.steps import DETAIL_ROWS, Steps, load, need

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.storage.database import Database


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


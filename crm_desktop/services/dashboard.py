"""The dashboard's figures: KPI tiles and the data of each chart, as small plain data.

:func:`dashboard_figures` computes the order figures (revenue, AOV, loyalty, churn rate,
customers per status, the RFM grid) from sums in SQL (storage/order_sums.py: no orders or
customers frame), loads the small frames for the other KPIs, runs the campaign and ticket-theme
analyses, reads stored churn scores, CLV and segments and the top influencers, and returns plain
data (lists and dicts) that the page draws on the GUI thread. Everything is small: histograms
are binned here and the segment scatter is a sample of at most ``SCATTER_POINTS`` customers
(:mod:`crm_desktop.analytics.charts`: the binning and sampling the analyses use too), since
every list is pickled back from the background process and drawn on the GUI thread. pandas
and the analytics are imported inside the functions. :func:`data_rows` gives the numbers
behind the charts as rows for the CSV export.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

    from crm_desktop.analytics import CancelFn, ProgressFn
    from crm_desktop.storage.database import Database
    from crm_desktop.storage.frame_cache import FrameCache


def dashboard_figures(database: Database, rules: Mapping[str, int] | None = None,
                      progress: ProgressFn | None = None, cancelled: CancelFn | None = None,
                      frames: FrameCache | None = None) -> dict[str, Any]:
    """The dashboard's data (warnings of the analytics silenced). The app's background process
    calls it by reference with its frame cache (``ChildService.call(dashboard_figures, rules)``).

    `rules` are the user's churn window and loyal-customer rule (`churn_window_days`,
    `loyal_min_quarters`, `loyal_quarters`; checked like the KPI analysis' parameters)."""
    import warnings

    from crm_desktop.services.analyses.parameters import PARAMETERS, check_params

    checked = check_params(dict(rules or {}))
    kpi_rules = {name: checked[name] for name in PARAMETERS["kpis"] if name != "period"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _compute(database, progress, cancelled, frames, kpi_rules)


def _compute(database: Database, progress: ProgressFn | None, cancelled: CancelFn | None,
             frames: FrameCache | None, rules: dict[str, Any]) -> dict[str, Any]:
    import pandas as pd

    from crm_desktop.analytics import campaigns as camp
    from crm_desktop.analytics import kpi
    from crm_desktop.analytics.charts import histogram
    from crm_desktop.analytics.features import REVENUE_STATUSES
    from crm_desktop.analytics.rfm import rfm_frame_of_sums
    from crm_desktop.services import kpi_sums
    from crm_desktop.services.analyses.steps import Steps, load
    from crm_desktop.services.dashboard_money import money_figures, paid_sums
    from crm_desktop.storage import graph_store, order_sums

    steps = Steps(progress, cancelled, frames)
    loads = frames.loads if frames is not None else None
    f = load(database, steps, *_FRAMES, columns=FRAME_COLUMNS or None)
    # The orders' figures are sums in SQL (no orders frame: 3 million orders and the KPIs'
    # temporaries were most of the process's memory at a million customers)
    overview = order_sums.orders_overview(database)
    when = overview.last_ordered_at
    if when is None:
        when = pd.Timestamp.now(tz="UTC").tz_localize(None).normalize()
    steps.at(0.3, "Loyalty and churn")
    orders = kpi_sums.order_kpis(database, when,
                                 churn_window_days=float(rules["churn_window_days"]),
                                 loyal_min_quarters=int(rules["loyal_min_quarters"]),
                                 loyal_quarters=int(rules["loyal_quarters"]))
    steps.at(0.45, "Service and sales")
    activity = kpi.activity_kpis(f["opportunities"], f["tickets"], f["survey_responses"], when)
    money = money_figures(paid_sums(database, when, overview.currencies), f["opportunities"],
                          when)
    statuses = order_sums.customer_statuses(database)
    tiles = {
        "customers": int(sum(statuses.values())),
        "active": int(statuses.get("customer", 0)),
        # revenue and AOV per currency (Amounts); growth of the usual currency's revenue
        **money["tiles"],
        "win_rate": activity["win_rate"], "csat": activity["csat"],
        "nps": activity["nps"], "churn_rate": orders.churn_rate,
        "churn_window_days": int(rules["churn_window_days"]),
        "loyalty_index": orders.loyalty_index,
    }
    data: dict[str, Any] = {"tiles": tiles, "as_of": str(when.date())}
    data["revenue"] = money["revenue"]
    steps.at(0.55, "Pipeline")
    data["funnel"] = money["funnel"]
    steps.at(0.6, "RFM")
    sums = order_sums.customer_sums(database, when, REVENUE_STATUSES)
    rfm = rfm_frame_of_sums(sums, when) if len(sums) else None
    del sums
    if rfm is not None and len(rfm):
        grid = rfm.pivot_table(index="r_score", columns="fm_score", values="customer_id",
                               aggfunc="count", fill_value=0).reindex(
            index=range(1, 6), columns=range(1, 6), fill_value=0)
        data["rfm"] = grid.astype(int).values.tolist()
    else:
        data["rfm"] = []
    steps.at(0.62, "Stored results")
    stored = _stored_results(database, frames, loads)
    steps.at(0.64, "Segments")
    data["scatter"] = _segment_scatter(rfm, stored["segment"])
    if data["scatter"]["source"] != "rfm":  # stored segments: the names users gave them
        from crm_desktop.storage.segment_names import segment_names

        data["scatter"]["names"] = segment_names(database)
    steps.at(0.66, "Churn risk")
    data["churn"] = histogram(stored["churn"], bounds=(0.0, 1.0)).as_dict()
    # The bins span CLV up to its 99th percentile; the last also counts the few above.
    data["clv"] = histogram(stored["clv"], open_quantile=0.99).as_dict()
    steps.at(0.7, "Campaigns")
    if len(f["campaign_members"]):
        perf = camp.campaign_performance(f["campaigns"], f["campaign_members"])
        names = f["campaigns"].set_index("id")["name"]
        perf = perf.dropna(subset=["roi"]).sort_values("roi").tail(8)
        labels = perf["name"] if "name" in perf.columns else perf.index.map(names)
        data["campaigns"] = {"x": [str(n) for n in labels], "y": perf["roi"].astype(float)
                             .tolist()}
    else:
        data["campaigns"] = {"x": [], "y": []}
    steps.at(0.75, "Ticket themes")
    data["themes"] = _themes(database, f["tickets"], steps)
    steps.at(0.95, "Influencers")
    with database.engine.connect() as connection:
        top = graph_store.top_influencers(connection, limit=8)
    data["influencers"] = {"x": [p.name for p in top], "y": [p.influence for p in top]}
    return data


# The columns the dashboard reads of each frame: at a million customers the whole frames are
# gigabytes (names, addresses, texts), these a few hundred MB. The tickets' texts are read for
# the latest 1,000 only (:func:`_themes`). Empty: whole frames (tests compare the two).
FRAME_COLUMNS: dict[str, tuple[str, ...]] = {
    "opportunities": ("id", "stage", "stage_order", "amount", "currency", "status",
                      "created_at", "closed_at"),
    "tickets": ("id", "category", "opened_at", "first_response_at", "resolved_at", "sla_due",
                "satisfaction"),
    "survey_responses": ("score", "responded_at"),
    "campaigns": ("id", "name", "budget", "actual_cost"),
    "campaign_members": ("campaign_id", "responded", "converted", "revenue"),
}
_FRAMES = ("opportunities", "tickets", "survey_responses", "campaigns", "campaign_members")


# The stored results of the last dashboard, per frame cache: reading 100,000 results takes
# 0.4-0.5 s per kind, and they have not changed while the cache has loaded no frame again (any
# commit makes the cache reload the frames the dashboard asks for first).
_RESULTS_MEMO: dict[int, tuple[Any, dict[str, Any]]] = {}


def _stored_results(database: Database, frames: FrameCache | None,
                    loads: int | None) -> dict[str, Any]:
    """The stored results the charts show: churn and CLV values (a histogram each), the
    segments' customer_id, label and PCA projection (pc1, pc2) for the scatter."""
    from crm_desktop.storage import analytics_store

    if frames is not None and loads is not None and frames.loads == loads:
        memo = _RESULTS_MEMO.get(id(frames))
        if memo is not None and memo[0] is frames:
            return memo[1]
    results = {"segment": analytics_store.result_projection(database, "segment"),
               **{kind: analytics_store.result_values(database, kind)
                  for kind in ("churn", "clv")}}
    if frames is not None:
        _RESULTS_MEMO.clear()
        _RESULTS_MEMO[id(frames)] = (frames, results)
    return results


def _segment_scatter(rfm: Any, segments: Any) -> dict[str, Any]:
    """The segment scatter: the PCA projection (pc1, pc2) of the last applied segmentation
    when it stored one ("source": "pca"), else customers by recency (days since the last
    order) and monetary value (total spend), each in the segment of the last applied
    segmentation or else its RFM segment; a fixed random sample of at most
    ``analytics.charts.SCATTER_POINTS``."""
    from crm_desktop.analytics.charts import sample

    empty: dict[str, Any] = {"x": [], "y": [], "group": [], "groups": [], "total": 0,
                             "source": "rfm"}
    projected = _pca_scatter(segments)
    if projected is not None:
        return projected
    if rfm is None or not len(rfm):
        return empty
    table = rfm[rfm["monetary"] > 0]  # a log axis
    source = "rfm"
    labels = table["segment"]
    stored = segments.dropna(subset=["label"])
    if len(stored):
        source = "segments"
        by_customer = stored.set_index("customer_id")["label"]
        labels = table["customer_id"].map(by_customer)
    table = table.assign(group=labels.fillna("").astype(str))
    if source == "segments":
        table = table[table["group"] != ""]
    if not len(table):
        return empty
    shown = sample(table)
    groups = _group_order(table["group"], source)
    index = {g: i for i, g in enumerate(groups)}
    return {"x": shown["recency"].astype(float).round(1).tolist(),
            "y": shown["monetary"].astype(float).round(2).tolist(),
            "group": [index[g] for g in shown["group"]], "groups": groups,
            "total": int(len(table)), "source": source}


def _pca_scatter(segments: Any) -> dict[str, Any] | None:
    """The applied segments on their first two principal components, or None when the
    stored segments carry no projection (an older run, or none applied)."""
    import pandas as pd

    from crm_desktop.analytics.charts import sample

    if segments is None or not len(segments) or "pc1" not in segments:
        return None
    table = pd.DataFrame({
        "x": segments["pc1"].to_numpy(), "y": segments["pc2"].to_numpy(),
        "group": segments["label"].fillna("").astype(str).to_numpy(),
    }).dropna(subset=["x", "y"])
    table = table[table["group"] != ""]
    if not len(table):
        return None
    shown = sample(table)
    groups = _group_order(table["group"], "segments")
    index = {g: i for i, g in enumerate(groups)}
    return {"x": shown["x"].round(3).tolist(), "y": shown["y"].round(3).tolist(),
            "group": [index[g] for g in shown["group"]], "groups": groups,
            "total": int(len(table)), "source": "pca"}


def _group_order(groups: Any, source: str) -> list[str]:
    """RFM segments in their usual order (best first), stored segments by name."""
    present = set(groups.unique())
    if source == "rfm":
        from crm_desktop.analytics.rfm import SEGMENTS

        ordered = [s for s in SEGMENTS if s in present]
        return ordered + sorted(present - set(ordered))
    return sorted(present, key=lambda g: (len(g), g))  # "Segment 2" before "Segment 10"


def _themes(database: Database, tickets: Any, steps: Any) -> dict[str, list[Any]]:
    """Ticket themes of the last 1,000 tickets (falls back to ticket categories); their
    subjects and bodies are read for those tickets only."""
    from crm_desktop.analytics import text
    from crm_desktop.storage import frames

    recent = tickets.sort_values("opened_at").tail(1000)
    if len(recent) >= 20 and not {"subject", "body"} <= set(recent.columns):
        texts = frames.ticket_texts(database, recent["id"].tolist()).set_index("id")
        recent = recent.assign(subject=recent["id"].map(texts["subject"]),
                               body=recent["id"].map(texts["body"]))
    if len(recent) >= 20:
        try:
            result = text.text_themes(text.ticket_texts(recent), k_range=range(3, 8),
                                      progress=steps.sub(0.75, 0.95), cancelled=steps.cancelled)
            names = result.theme_names(2)
            pairs = sorted(((result.sizes.get(k, 0), n) for k, n in names.items()))
            return {"x": [n for _, n in pairs], "y": [c for c, _ in pairs]}
        except ValueError:
            pass
    counts = recent["category"].fillna("?").value_counts().head(8).sort_values()
    return {"x": [str(i) for i in counts.index], "y": counts.astype(int).tolist()}


def data_rows(data: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """The dashboard data as (chart, label, value) rows for the CSV export."""
    from crm_desktop.storage.amounts import Amounts

    rows: list[tuple[str, str, Any]] = []
    for key, value in data["tiles"].items():
        if isinstance(value, Amounts):  # money per currency: one row each ("revenue EUR")
            rows += [("kpi", f"{key} {currency}", str(part)) for currency, part in value.parts]
        else:
            rows.append(("kpi", key, value))
    for chart in ("revenue", "funnel", "campaigns", "themes", "influencers"):
        unit = f" ({data[chart]['currency']})" if data[chart].get("currency") else ""
        rows += [(chart, f"{x}{unit}", y) for x, y in zip(data[chart]["x"], data[chart]["y"],
                                                          strict=True)]
    for r, row in enumerate(data["rfm"], start=1):
        rows += [("rfm", f"R{r} FM{fm}", n) for fm, n in enumerate(row, start=1)]
    rows += _hist_rows("churn_risk", data["churn"], 2)
    rows += _hist_rows("clv", data["clv"], 0)
    scatter = data["scatter"]
    counts = [0] * len(scatter["groups"])
    for g in scatter["group"]:
        counts[g] += 1
    rows += [("segment_scatter", f"{name} (sampled customers)", n)
             for name, n in zip(scatter["groups"], counts, strict=True)]
    if scatter["total"]:
        rows.append(("segment_scatter", "customers", scatter["total"]))
    return rows


def _hist_rows(chart: str, hist: dict[str, Any], digits: int) -> list[tuple[str, str, Any]]:
    """One row per bin: ("churn_risk", "0.05-0.10", 123); an open last bin says "12,000+"."""
    edges, counts = hist["edges"], hist["counts"]
    rows = []
    for i, count in enumerate(counts):
        low, high = edges[i], edges[i + 1]
        if hist.get("open_end") and i == len(counts) - 1:
            label = f"{low:.{digits}f}+"
        else:
            label = f"{low:.{digits}f}-{high:.{digits}f}"
        rows.append((chart, label, count))
    return rows

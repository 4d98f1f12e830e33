"""The sales forecast: open deals by expected close month, weighted by the win-probability
model (else by stage probability), and the linear trend of won revenue."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crm_desktop.analytics.charts import Chart
from crm_desktop.analytics.figures import num
from crm_desktop.services.analyses.currencies import load_one_currency
from crm_desktop.services.analyses.outcome import AnalysisOutcome
from crm_desktop.services.analyses.steps import Steps, need

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.storage.database import Database


def run_forecast(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    """Open deals by expected close month, weighted = sum(amount x p) with p from
    ``analytics.winprob.forecast_weights`` (the win-probability model, else stage probabilities; the stage
    weighting is shown beside the model's), and the linear trend of won revenue 3 months on.
    """
    from crm_desktop.analytics import forecast, winprob
    from crm_desktop.analytics.features import as_of_date

    f, left = load_one_currency(database, steps, "opportunities", "orders")
    opportunities = f["opportunities"]
    need(len(opportunities), 5, "forecast needs opportunities")
    probabilities, weights = winprob.forecast_weights(
        opportunities, f["orders"], progress=steps.sub(0.3, 0.85), cancelled=steps.cancelled)
    steps.at(0.9, "Weighted pipeline")
    when = as_of_date(f["orders"])
    pipeline = forecast.weighted_pipeline(opportunities, as_of=when,
                                          probabilities=probabilities)
    trend = forecast.won_revenue_trend(opportunities, months_ahead=3, as_of=when)
    table = pipeline.copy()
    table["period"] = table["period"].astype(str)
    projection = trend.projection.assign(period=trend.projection["period"].astype(str))
    quality = {"open_deals": int(pipeline["count"].sum()) if len(pipeline) else 0,
               "open_amount": num(pipeline["amount"].sum(), 2),
               "weighted": num(pipeline["weighted"].sum(), 2), **weights}
    if probabilities is not None:
        staged = forecast.weighted_pipeline(opportunities, as_of=when)
        quality["weighted (stage probability)"] = num(staged["weighted"].sum(), 2)
    quality.update({
        "overdue_deals": int(pipeline["overdue"].sum()) if len(pipeline) else 0,
        "trend_slope_per_month": num(trend.slope, 2), "trend_r2": num(trend.r2),
        "projected_3_months": num(projection["revenue"].sum(), 2), **left.quality()})
    return AnalysisOutcome("forecast", quality, table, forecast_chart(trend, pipeline),
                           detail=projection.round({"revenue": 2}),
                           detail_title="Won revenue projected by the linear trend",
                           summary=left.sentences(),
                           columns={c: "money" for c in MONEY_COLUMNS},
                           currency=left.currency)


# The forecast's money columns (shown with the currency's sign).
MONEY_COLUMNS = ("amount", "weighted", "revenue", "fitted", "open_amount",
                 "weighted (stage probability)", "trend_slope_per_month", "projected_3_months")


def forecast_chart(trend: Any, pipeline: pd.DataFrame) -> Chart:
    """Won revenue per month, its linear trend (projected ahead) and the weighted pipeline
    of open deals by expected close month, on one month axis."""
    import pandas as pd

    history, projection = trend.history, trend.projection
    periods = [*history["period"], *projection["period"], *pipeline["period"]]
    title = "Won revenue, trend and weighted pipeline"
    if not periods:
        return Chart("line", [], [], title)
    months = pd.period_range(min(periods), max(periods), freq="M")
    won = history.set_index("period")["revenue"].reindex(months)
    line = pd.concat([history.set_index("period")["fitted"],
                      projection.set_index("period")["revenue"]]).reindex(months)
    series = {"trend (projected)": line.astype(float).tolist()}
    if len(pipeline):
        weighted = pipeline.set_index("period")["weighted"].astype(float).reindex(months)
        inside = (months >= pipeline["period"].min()) & (months <= pipeline["period"].max())
        series["weighted pipeline"] = weighted.where(~inside, weighted.fillna(0.0)).tolist()
    return Chart("line", [str(m) for m in months], won.astype(float).tolist(), title, "",
                 "Won revenue", series=series)

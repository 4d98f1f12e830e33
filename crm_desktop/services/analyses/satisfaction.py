"""Satisfaction prediction as an analysis: each ticket's 1-5 rating from what is known before
it is asked, judged on a later period against always predicting the mean (MSE and MAE of
both, and whether the model really beats the mean); the NPS group of each customer when
there are enough survey answers.

Rows: the open and pending tickets, the likeliest to end unhappy first (predicted rating,
``likely_unhappy`` at or below 2.5). Apply stores per customer the lowest predicted rating
of their open tickets (result kind ``satisfaction_risk``; details: the tickets) and, with
surveys, the predicted NPS group (kind ``nps_group``; value: the predicted 0-10 score).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crm_desktop.analytics.charts import Chart
from crm_desktop.analytics.figures import num
from crm_desktop.services.analyses.outcome import AnalysisOutcome
from crm_desktop.services.analyses.parameters import AnalysisError
from crm_desktop.services.analyses.steps import Steps, load

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.storage.database import Database

RISK_KIND = "satisfaction_risk"
NPS_KIND = "nps_group"
TABLE_COLUMNS = ("ticket_id", "customer_id", "name", "subject", "status", "opened_at",
                 "predicted", "likely_unhappy")


def _risks(table: pd.DataFrame) -> pd.DataFrame:
    """Per customer: the lowest prediction of their open tickets and those tickets."""
    import pandas as pd

    if table.empty:
        return pd.DataFrame(columns=["customer_id", "predicted", "label", "ticket_ids"])
    grouped = table.sort_values("predicted").groupby("customer_id", sort=False)
    out = pd.DataFrame({"predicted": grouped["predicted"].first(),
                        "ticket_ids": grouped["ticket_id"].agg(lambda s: [int(i) for i in s]),
                        "likely_unhappy": grouped["likely_unhappy"].any()})
    out["label"] = out["likely_unhappy"].map({True: "likely unhappy", False: "ok"})
    return out.rename_axis("customer_id").reset_index()


def run_satisfaction(database: Database, params: dict[str, Any],
                     steps: Steps) -> AnalysisOutcome:
    import pandas as pd

    from crm_desktop.analytics import satisfaction as sat

    f = load(database, steps, "tickets", "orders", "customers", "survey_responses")
    tickets = f["tickets"]
    try:
        result = sat.predict_satisfaction(tickets, f["orders"],
                                          progress=steps.sub(0.3, 0.75),
                                          cancelled=steps.cancelled)
    except ValueError as error:
        raise AnalysisError(f"satisfaction: {error}") from error
    q = result.quality
    quality: dict[str, float | str] = {
        "model_mse": num(q.model_mse), "baseline_mse": num(q.baseline_mse),
        "model_mae": num(q.model_mae), "baseline_mae": num(q.baseline_mae),
        "improvement": num(q.improvement), "p_value": num(q.p_value),
        "beats_baseline": "yes" if q.beats_baseline else "no",
        "baseline": f"always the training mean ({q.baseline_value:.2f})",
        "trained_on": q.n_train, "tested_on": q.n_test,
        "test_period_from": str(q.split_at.date()),
    }
    open_ = result.predictions[result.predictions["status"].isin(sat.OPEN_STATUSES)]
    info = tickets.set_index("id")
    names = f["customers"].set_index("id")["name"]
    table = pd.DataFrame({
        "ticket_id": open_["ticket_id"].astype(int).to_numpy(),
        "customer_id": open_["customer_id"].astype(int).to_numpy(),
        "name": open_["customer_id"].map(names).to_numpy(),
        "subject": open_["ticket_id"].map(info["subject"]).to_numpy(),
        "status": open_["status"].to_numpy(),
        "opened_at": open_["opened_at"].to_numpy(),
        "predicted": open_["predicted"].astype(float).round(2).to_numpy(),
        "likely_unhappy": (open_["predicted"] <= result.unhappy_at).to_numpy(),
    }, columns=list(TABLE_COLUMNS)).sort_values(["predicted", "ticket_id"], kind="stable")
    quality["open_tickets"] = len(table)
    quality["likely_unhappy"] = int(table["likely_unhappy"].sum())
    quality["unhappy_at"] = f"predicted rating <= {result.unhappy_at}"
    risks = _risks(table)
    results: list[Any] = [(RISK_KIND, risks, "predicted", "label", ("ticket_ids",))] \
        if len(risks) else []
    steps.at(0.8, "Net Promoter groups")
    detail = _nps(f, quality, results, steps)
    chart = Chart("bar", ["model MSE", "mean MSE", "model MAE", "mean MAE"],
                  [q.model_mse, q.baseline_mse, q.model_mae, q.baseline_mae],
                  "Satisfaction: error on the later period (lower is better)", "", "Error")
    return AnalysisOutcome("satisfaction", quality, table.reset_index(drop=True), chart, results,
                           detail=detail, detail_title="Predicted Net Promoter groups")


def _nps(f: dict[str, pd.DataFrame], quality: dict[str, float | str], results: list[Any],
         steps: Steps) -> pd.DataFrame | None:
    """The NPS prediction's figures into ``quality`` and its result into ``results`` when
    there are enough survey answers; the predicted groups' counts."""
    import pandas as pd

    from crm_desktop.analytics import satisfaction as sat

    try:
        nps = sat.predict_nps(f["survey_responses"], f["orders"], f["tickets"], f["customers"],
                              progress=steps.sub(0.8, 0.98), cancelled=steps.cancelled)
    except ValueError as error:
        quality["nps"] = f"n/a ({error})"
        return None
    quality.update({
        "nps_model_mse": num(nps.quality.model_mse),
        "nps_baseline_mse": num(nps.quality.baseline_mse),
        "nps_beats_baseline": "yes" if nps.quality.beats_baseline else "no",
        "nps_group_accuracy": num(nps.accuracy),
        "nps_group_baseline_accuracy": num(nps.baseline_accuracy)})
    predictions = nps.predictions
    results.append((NPS_KIND, predictions, "predicted_score", "predicted_group",
                    ("p_detractor", "p_passive", "p_promoter")))
    counts = predictions["predicted_group"].value_counts()
    return pd.DataFrame({"group": [str(g) for g in sat.NPS_GROUPS],
                         "customers": [int(counts.get(g, 0)) for g in sat.NPS_GROUPS]})

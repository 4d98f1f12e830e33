"""Churn fitted on every buyer against a stratified sample of them (prints figures; asserts
nothing).

    python bench/churn_sample.py --db PATH [--caps 25000 50000]

At a million customers the churn models are fitted on a stratified sample of
``analytics.churn.MAX_FIT_ROWS`` buyers (every customer is still scored). This compares, on
the same frames, the fit on every buyer with fits on samples of each cap: the holdout AUC of
each model (measured on the sample's test rows), how closely the scores of every customer
agree with the whole fit's (Spearman rank correlation; the share of customers whose risk band
changes), the time and the peak resident memory of the fit (ru_maxrss can only grow, so each
fit runs in a child process). The machine is shared: times are ratios to the whole fit in
this run.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import time
from pathlib import Path
from typing import Any

MB = 1024


def _fit(db: str, cap: int | None, queue: Any) -> None:
    import warnings

    warnings.simplefilter("ignore")
    from crm_desktop.analytics import churn
    from crm_desktop.services.analyses.models import CHURN_COLUMNS
    from crm_desktop.storage import frames
    from crm_desktop.storage.database import open_database

    database = open_database(db, upgrade=False, verify=False)
    f = {name: getattr(frames, name)(database, list(columns))
         for name, columns in CHURN_COLUMNS.items()}
    database.close()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    report = churn.fit_churn(f["customers"], f["orders"], f["tickets"], f["interactions"],
                             f["survey_responses"], max_rows=cap)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queue.put({"cap": cap, "auc": report.auc, "chosen": report.chosen_model,
               "n_train": report.n_train, "sampled_from": report.sampled_from,
               "seconds": seconds, "peak_mb": peak / MB, "frames_mb": before / MB,
               "scores": report.scores.set_index("customer_id")["churn_probability"]})


def run(db: str, cap: int | None) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_fit, args=(db, cap, queue))
    process.start()
    result: dict[str, Any] = queue.get()
    process.join()
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--caps", type=int, nargs="+", default=[25_000, 50_000])
    args = parser.parse_args()
    from crm_desktop.analytics.summaries import risk_bands

    whole = run(str(args.db), None)
    print(f"machine shared with other engineers; {len(whole['scores']):,} customers scored")
    print(f"{'fit':<22}{'AUC logistic':>13}{'AUC forest':>11}{'chosen':>15}{'rank corr':>10}"
          f"{'band moved':>11}{'time':>7}{'peak MB':>9}{'(frames)':>9}")
    bands = risk_bands(whole["scores"])
    for result in [whole, *(run(str(args.db), cap) for cap in args.caps)]:
        scores = result["scores"].reindex(whole["scores"].index)
        corr = scores.rank().corr(whole["scores"].rank())
        moved = float((risk_bands(scores) != bands).mean())
        label = ("every buyer" if result["cap"] is None else
                 f"{result['n_train']:,} of {result['sampled_from'] or result['n_train']:,}")
        print(f"{label:<22}{result['auc']['logistic']:13.4f}"
              f"{result['auc']['random_forest']:11.4f}{result['chosen']:>15}{corr:10.4f}"
              f"{moved:11.2%}{result['seconds'] / whole['seconds']:6.2f}x"
              f"{result['peak_mb']:9.0f}{result['frames_mb']:9.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

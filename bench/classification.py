"""Benchmark of the classifier's four models on a generated telecom churn table (prints figures).

    python bench/classification.py --rows 7000 10000 [--exact-svm]

The table (tests/analytics/telco_like.py) has 19 mixed columns like the public telecom churn
table the issue measured (the SVM took 206 s there at 7,043 rows). For each size and model:
seconds for fit_classifier (5-fold cross-validation, refit, importances), accuracy, AUC and the
form that ran. ``--exact-svm`` also times an RBF SVM on all rows at the first size as the
baseline (as before, except that its permutation importance now uses 1,000 rows).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_desktop.analytics import classification as cl  # noqa: E402
from crm_desktop.analytics import classification_svm  # noqa: E402
from tests.analytics.telco_like import telco_table  # noqa: E402


def run(rows: int, model: str) -> None:
    X, y = telco_table(rows)
    started = time.perf_counter()
    report = cl.fit_classifier(X, y, model=model, cv=5)
    seconds = time.perf_counter() - started
    tried = ", ".join(f"{k} {v:.3f}" for k, v in report.variant_accuracy.items())
    print(
        f"{rows:>6,} {model:<14} {seconds:7.1f} s  accuracy {report.accuracy:.3f}  "
        f"AUC {report.roc_auc or 0:.3f}  form {report.variant} ({tried}) {report.best_params}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[7000, 10000])
    parser.add_argument("--models", nargs="+", default=list(cl.MODELS))
    parser.add_argument("--exact-svm", action="store_true")
    args = parser.parse_args(argv)
    print(f"{'rows':>6} {'model':<14} {'time':>9}")
    for rows in args.rows:
        for model in args.models:
            run(rows, model)
    if args.exact_svm:
        # The former behaviour: every size uses the exact RBF SVM.
        limit = classification_svm.SVM_FULL_MAX_ROWS
        classification_svm.SVM_FULL_MAX_ROWS = 10**9
        run(args.rows[0], "svm")
        classification_svm.SVM_FULL_MAX_ROWS = limit


if __name__ == "__main__":
    main()

"""`crm-desktop analytics NAME --db PATH [--json] [--apply] [options]` for the analyses of
:mod:`crm_desktop.services.analyses` (kpis, rfm, segments, churn, clv, ...).

Prints the quality figures, the small detail table (confusion matrix, anomalies, lift...) and
the first rows of the result table, or with --json an object {name, quality, rows: the first
50 records, detail: its records, applied}. --apply stores the per-customer results
(analytics_results) and, for classify and rules, fills empty customer categories.

Each analysis gets the flags of the parameters it reads (``parameters.PARAMETERS``): the same
names (``--k-min`` is ``k_min``) and defaults (``parameters.DEFAULT_PARAMS``) as the page's
controls, except where :data:`FLAG_NAMES` gives a parameter a shorter flag in its analysis
(``analytics tickets --method nmf --source needs``).
"""

from __future__ import annotations

import argparse
import math
from typing import Any

from crm_desktop.services.analyses.parameters import CHOICES, DEFAULT_PARAMS, NAMES, PARAMETERS

HELP = "run one analysis (quality figures and the top rows of its result)"
ROWS = 50

# (metavar, help) per parameter; the default is appended from DEFAULT_PARAMS.
FLAGS: dict[str, tuple[str, str]] = {
    "period": ("PERIOD", "revenue per month or quarter"),
    "loyal_min_quarters": ("N", "a loyal customer ordered in at least N of the last quarters"),
    "loyal_quarters": ("N", "how many recent quarters the loyalty rule looks at"),
    "churn_window_days": ("N", "churn rate: share of active customers lost in the last N days"),
    "method": ("METHOD", "kmeans (k by silhouette) or dbscan (eps by the k-distance knee)"),
    "k_min": ("K", "kmeans: smallest k tried"),
    "k_max": ("K", "kmeans: largest k tried"),
    "min_samples": ("N", "dbscan: points for a dense core; 0 = 2 x the number of features"),
    "model": ("MODEL", "classifier, evaluated by 3-fold cross-validation"),
    "horizon_days": ("N", "a customer has churned after N days without an order"),
    "propensity_days": ("N", "probability of buying within the next N days"),
    "target": ("CATEGORY", "'any' purchase, or buying from this product category"),
    "clv_months": ("N", "CLV horizon in months"),
    "discount_rate": ("PCT", "annual discount rate of future value, in percent"),
    "text_source": ("SOURCE", "the texts: tickets (subject + body) or customer needs"),
    "theme_method": ("METHOD", "kmeans or nmf (non-negative matrix factorisation)"),
    "themes": ("N", "number of themes; 0 = chosen by silhouette (2 to 8)"),
    "tune": ("", "choose the model's settings by a small cross-validated grid search first"),
    "min_support_pct": ("PCT", "keep product groups in at least this percent of paid orders"),
    "min_confidence_pct": ("PCT", "keep rules right at least this percent of the time"),
}
# The flag of a parameter whose name only makes sense beside the other analyses' parameters
# (segments' --method is another parameter); an analysis never reads two with one flag.
FLAG_NAMES: dict[str, str] = {"theme_method": "method", "text_source": "source",
                              "min_support_pct": "min_support",
                              "min_confidence_pct": "min_confidence"}


def _analysis_of(parser: argparse.ArgumentParser) -> str | None:
    name = parser.prog.split()[-1] if parser.prog else ""
    return name if name in NAMES else None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--apply", action="store_true",
                        help="store the per-customer results (classify, rules: also fill "
                             "empty customer categories)")
    add_action_arguments(parser)
    name = _analysis_of(parser)
    params = PARAMETERS.get(name, ()) if name else tuple(FLAGS)
    for param in params:
        metavar, text = FLAGS[param]
        default = DEFAULT_PARAMS[param]
        choices = CHOICES.get(param)
        # Without an analysis every parameter is a flag: only then could two names clash.
        flag = FLAG_NAMES.get(param, param) if name else param
        if isinstance(default, bool):
            parser.add_argument(f"--{flag.replace('_', '-')}", dest=param, action="store_true",
                                default=default, help=text)
            continue
        parser.add_argument(f"--{flag.replace('_', '-')}", dest=param, type=type(default),
                            default=default, choices=choices,
                            metavar=None if choices else metavar,
                            help=f"{text} (default {default})")


def params_of(args: argparse.Namespace) -> dict[str, Any]:
    """The analysis parameters given on the command line (their defaults when not given)."""
    return {name: getattr(args, name) for name in PARAMETERS.get(args.analysis, ())
            if hasattr(args, name)}


def _plain(value: Any) -> Any:
    if isinstance(value, list | tuple):  # e.g. an anomaly's reasons: (key, numbers...)
        return [_plain(v) for v in value]
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, (int, float, str, bool)) or value is None:
        return value
    return str(value)


def records(table: Any, limit: int = ROWS) -> list[dict[str, Any]]:
    """The first ``limit`` rows as JSON-able dicts."""
    return [{str(k): _plain(v) for k, v in row.items()}
            for row in table.head(limit).to_dict("records")]


def run(args: argparse.Namespace) -> int:
    from crm_desktop.cli import CommandError
    from crm_desktop.cli.analytics_actions import act, wants_action
    from crm_desktop.cli.analytics_text import json_rows, print_outcome, summary_lines
    from crm_desktop.cli.common import open_existing, print_json
    from crm_desktop.services.analyses.apply import apply_outcome
    from crm_desktop.services.analyses.parameters import AnalysisError
    from crm_desktop.services.analyses.run import run_analysis

    with open_existing(args) as database:
        try:
            outcome = run_analysis(database, args.analysis, params_of(args))
        except AnalysisError as error:
            raise CommandError(f"{args.analysis}: {error}") from None
        written = apply_outcome(database, outcome).value if args.apply else {}
        done = act(database, outcome, args) if wants_action(args) else []
    detail = outcome.detail
    if args.json:
        print_json({"name": outcome.name, "summary": summary_lines(outcome),
                    "quality": {k: _plain(v) for k, v in outcome.quality.items()},
                    "rows": json_rows(outcome, ROWS), "applied": written,
                    "detail_title": outcome.detail_title or None,
                    "detail": records(detail, len(detail)) if detail is not None else None,
                    "actions": done})
        return 0
    print_outcome(outcome, TITLES.get(outcome.name, outcome.name), written)
    for line in done:
        print(line)
    return 0


# The analyses' titles as the command line prints them above the summary.
TITLES = {"kpis": "Key figures", "rfm": "RFM segments", "segments": "Behaviour segments",
          "classify": "Predicted categories", "churn": "Churn risk",
          "propensity": "Purchase propensity", "winprob": "Win probability of open deals",
          "clv": "Customer lifetime value", "rules": "Rule-based scoring",
          "campaigns": "Campaign response", "tickets": "Text themes",
          "forecast": "Sales forecast", "quality": "Data quality",
          "basket": "What sells together", "anomalies": "Unusual buying",
          "satisfaction": "Satisfaction"}


def add_action_arguments(parser: argparse.ArgumentParser) -> None:
    """Flags that act on the result's customers (cli.analytics_actions)."""
    group = parser.add_argument_group(
        "acting on the customers of the result",
        "choose rows with --group (a risk band, a likelihood band or a segment; churn "
        "defaults to 'high', propensity and winprob to 'likely', the rest to every row), "
        "then any of the actions")
    group.add_argument("--group", "--risk", "--band", "--segment", dest="group",
                       metavar="GROUP", help="high/medium/low, likely/possible/unlikely, or a "
                                             "segment's name")
    group.add_argument("--top", type=int, metavar="N", help="only the first N chosen rows")
    group.add_argument("--campaign", metavar="NAME",
                       help="create a campaign NAME with them as targeted members")
    group.add_argument("--tasks", metavar="SUBJECT", nargs="?", const="Follow up",
                       help="give each a follow-up task (subject default 'Follow up')")
    group.add_argument("--due", metavar="DATE", help="the tasks' due date (default tomorrow)")
    group.add_argument("--owner", metavar="NAME",
                       help="the tasks' owner (default each customer's owner)")
    group.add_argument("--tag", metavar="TAG", help="add TAG to their tags")
    group.add_argument("--export", metavar="FILE", help="write them to FILE (.csv or .xlsx)")

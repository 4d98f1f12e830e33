"""`analytics ANALYSIS --db PATH [--json]`: run one analysis and print its results.

An analysis is a handler `run_<name>(args) -> int` in a module of its own; `ANALYSES` maps the
name to (module, function). To add one, add a line to the dict. The module is imported when the
parser is built (so keep its top-level imports light: pandas, analytics and storage are imported
inside the handler) and may define `HELP` (one line for `--help`) and `add_arguments(parser)`
for options beyond `--db` and `--json`, which every analysis gets.
"""

from __future__ import annotations

import importlib
from typing import Any

from crm_desktop.cli.common import add_db_argument

ANALYSES: dict[str, tuple[str, str]] = {
    "graph": ("crm_desktop.cli.analytics_graph", "run_graph"),
    **{name: ("crm_desktop.cli.analytics_commands", "run") for name in (
        "kpis", "rfm", "segments", "classify", "churn", "propensity", "winprob", "clv",
        "rules", "campaigns", "tickets", "forecast", "quality")},
}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("analytics", help="run an analysis on a database")
    analyses = parser.add_subparsers(dest="analysis", metavar="ANALYSIS", required=True)
    for name, (module_name, function) in ANALYSES.items():
        module = importlib.import_module(module_name)
        sub = analyses.add_parser(name, help=getattr(module, "HELP", None))
        add_db_argument(sub)
        sub.add_argument("--json", action="store_true", help="print a JSON object")
        add_arguments = getattr(module, "add_arguments", None)
        if add_arguments is not None:
            add_arguments(sub)
        sub.set_defaults(handler=getattr(module, function))

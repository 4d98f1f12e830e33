"""`analytics ANALYSIS --db PATH [--json]`: run one analysis and print its results.

An analysis is a handler `(args) -> int` in a module of its own; `ANALYSES` maps the name to
(module, handler). To add one, add a line to the dict. The modules are imported with the parser
(so keep their top-level imports light: pandas, analytics and storage are imported inside the
handler) and may define `HELP` (one line for `--help`) and `add_arguments(parser)` for options
beyond `--db` and `--json`, which every analysis gets.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from crm_desktop.cli import analytics_commands, analytics_graph
from crm_desktop.cli.common import add_db_argument
from crm_desktop.services.analyses.parameters import NAMES

ANALYSES: dict[str, tuple[ModuleType, Callable[[Any], int]]] = {
    "graph": (analytics_graph, analytics_graph.run_graph),
    **{name: (analytics_commands, analytics_commands.run) for name in NAMES},
}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("analytics", help="run an analysis on a database")
    analyses = parser.add_subparsers(dest="analysis", metavar="ANALYSIS", required=True)
    for name, (module, handler) in ANALYSES.items():
        sub = analyses.add_parser(name, help=getattr(module, "HELP", None))
        add_db_argument(sub)
        sub.add_argument("--json", action="store_true", help="print a JSON object")
        add_arguments = getattr(module, "add_arguments", None)
        if add_arguments is not None:
            add_arguments(sub)
        sub.set_defaults(handler=handler)

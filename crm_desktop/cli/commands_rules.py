"""`rules show|set|reset`: the scoring rules and weights the "rules" analysis uses.

The file `rules set` reads is what `rules show --json` prints:
``{"rules": {"version": 1, "rules": [...], "default_category": ...},
"weights": {"version": 1, "weights": {...}, "lower_is_better": [...]}}``; either part may be
left out (it is then kept as it is). See crm_desktop/storage/scoring_rules.py for the shape;
the reading, checking and storing is crm_desktop/services/scoring.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_desktop.cli.common import add_db_argument, open_existing, print_json

if TYPE_CHECKING:
    from crm_desktop.analytics.scoring import RuleSet, WeightedScore

BAD_INPUT = 2


def register(subparsers: Any) -> None:
    rules = subparsers.add_parser(
        "rules", help="show, set or reset the scoring rules and weights",
        description="The rules and weights of the 'rules' analysis (stored in the database).",
    )
    actions = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="print the rules and weights in force")
    add_db_argument(show)
    show.add_argument("--json", action="store_true",
                      help="print JSON (the format `rules set` reads)")
    show.set_defaults(handler=run_show)

    put = actions.add_parser("set", help="check and store rules and weights from a JSON file",
                             description="Nothing is stored unless the whole file is valid.")
    add_db_argument(put)
    put.add_argument("file", type=Path, metavar="FILE.json")
    put.set_defaults(handler=run_set)

    reset = actions.add_parser("reset", help="go back to the default rules and weights")
    add_db_argument(reset)
    reset.set_defaults(handler=run_reset)


def run_show(args: argparse.Namespace) -> int:
    from crm_desktop.services import scoring

    with open_existing(args) as database:
        rules, weights = scoring.load_rules(database), scoring.load_weights(database)
        stored = scoring.is_stored(database)
    if args.json:
        print_json({"rules": scoring.rules_data(rules), "weights": scoring.weights_data(weights)})
        return 0
    print(describe(rules, weights, stored))
    return 0


def describe(rules: RuleSet, weights: WeightedScore, stored: dict[str, bool]) -> str:
    """The rules and weights as text, one rule per line."""
    source = {True: "stored", False: "default"}
    lines = [f"Rules ({source[stored['rules']]}), first matching category wins:"]
    for i, rule in enumerate(rules.rules, 1):
        value = "" if rule.value is None else f" {json.dumps(rule.value, ensure_ascii=False)}"
        gives = [f"category {rule.category!r}"] if rule.category else []
        if rule.points:
            gives.append(f"{rule.points:+g} points")
        name = f"  [{rule.name}]" if rule.name else ""
        lines.append(f"  {i}. {rule.field} {rule.operator}{value} -> "
                     f"{', '.join(gives) or 'nothing'}{name}")
    lines.append(f"  otherwise: category {rules.default_category!r}")
    lines.append(f"Weights ({source[stored['weights']]}), score = sum(w*x)/sum(w), x min-max "
                 "normalised:")
    for name, weight in weights.weights.items():
        lower = "  (lower is better)" if name in weights.lower_is_better else ""
        lines.append(f"  {name}: {weight:g}{lower}")
    return "\n".join(lines)


def run_set(args: argparse.Namespace) -> int:
    from crm_desktop.services import scoring

    def bad(message: str) -> int:
        print(f"crm-desktop: error: {args.file}: {message}", file=sys.stderr)
        return BAD_INPUT

    try:
        data = json.loads(args.file.read_text(encoding="utf-8"))
    except OSError as error:
        return bad(error.strerror or str(error))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return bad(f"not valid JSON ({error})")
    if (not isinstance(data, dict) or not data or set(data) - {"rules", "weights"}
            or any(part is None for part in data.values())):
        return bad('expected an object with "rules" and/or "weights"')
    with open_existing(args) as database:
        try:
            scoring.save_scoring(database, data.get("rules"), data.get("weights"))
        except scoring.ScoringRulesError as error:
            return bad(str(error))
    parts = [f"{len(data['rules'].get('rules', []))} rules" if "rules" in data else "",
             f"{len(data['weights'].get('weights', {}))} weights" if "weights" in data else ""]
    print(f"stored {' and '.join(p for p in parts if p)} in {args.db}")
    return 0


def run_reset(args: argparse.Namespace) -> int:
    from crm_desktop.services.scoring import reset_scoring

    with open_existing(args) as database:
        reset_scoring(database)
    print(f"{args.db}: scoring rules and weights are the defaults again")
    return 0

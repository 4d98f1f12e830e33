"""`crm-desktop analytics NAME ... --campaign NAME --tasks --tag TAG --export FILE`: act on
the customers of a result, through services.insights.actions (the same writes the Analytics
page makes). The rows are chosen by --group (default: the band worth acting on) and --top."""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.services.analyses.outcome import AnalysisOutcome
    from crm_desktop.storage.database import Database

# The band a result's actions take when no --group is given.
DEFAULT_GROUP = {"churn": "high", "propensity": "likely", "winprob": "likely"}


def wants_action(args: argparse.Namespace) -> bool:
    return any(getattr(args, name, None) for name in ("campaign", "tasks", "tag", "export"))


def chosen_rows(outcome: AnalysisOutcome, group: str | None,
                top: int | None = None) -> pd.DataFrame:
    """The rows of ``group`` (a value of the result's group column, or a segment's English
    name or the name the user gave it, any case); every row without a group. Raises ValueError naming the groups there are."""
    from crm_desktop.services.insights.cells import cell_text

    table = outcome.table
    group = group or DEFAULT_GROUP.get(outcome.name)
    column = outcome.groups
    if group and column and column in table.columns:
        kind = (outcome.columns or {}).get(column)
        values = table[column].astype(str)
        given = getattr(outcome, "names", None)
        names = {v: cell_text(kind, v, names=given) for v in values.unique().tolist()}
        wanted = {v for v, name in names.items()
                  if group.lower() in (v.lower(), name.lower())}
        if not wanted:
            choices = ", ".join(sorted(set(names.values())))
            raise ValueError(f"no group {group!r} in the result; one of: {choices}")
        table = table[values.isin(wanted).to_numpy()]
    elif group:
        raise ValueError(f"the {outcome.name} result has no groups to choose {group!r} from")
    return table.head(top) if top else table


def act(database: Database, outcome: AnalysisOutcome, args: argparse.Namespace) -> list[str]:
    """Run the actions asked for; returns one line per action done."""
    from crm_desktop.cli import CommandError
    from crm_desktop.cli.analytics_text import shown_frame
    from crm_desktop.services.insights import actions
    from crm_desktop.storage.errors import StorageError, ValidationError

    if "customer_id" not in outcome.table.columns:
        raise CommandError(f"{outcome.name}: the result has no customers to act on")
    try:
        rows = chosen_rows(outcome, args.group, args.top)
    except ValueError as error:
        raise CommandError(f"{outcome.name}: {error}") from None
    ids = rows["customer_id"].tolist()
    done: list[str] = [f"chose {len(actions.unique_ids(ids)):,} customers"]
    try:
        if args.campaign:
            made = actions.campaign_with(database, args.campaign, ids).value
            done.append(f"campaign {made.campaign_id} {args.campaign!r}: "
                        f"{len(made.member_ids):,} members")
        if args.tasks:
            tasks = actions.tasks_for(database, ids, args.tasks, _due(args.due),
                                      owner=args.owner).value
            done.append(f"{len(tasks):,} follow-up tasks {args.tasks!r}")
        if args.tag:
            change = actions.tag_customers(database, ids, args.tag).value
            done.append(f"tagged {len(change.before):,} customers {change.tag!r}")
        if args.export:
            shown = shown_frame(outcome, rows)
            count = actions.export_rows(args.export, list(shown.columns),
                                        shown.itertuples(index=False, name=None))
            done.append(f"exported {count:,} rows to {args.export}")
    except ValidationError as error:
        raise CommandError(f"{error.field}: {error.message}") from None
    except StorageError as error:
        raise CommandError(str(error)) from None
    return done


def _due(text: str | None) -> datetime:
    from crm_desktop.cli import CommandError

    if not text:
        tomorrow = datetime.now() + timedelta(days=1)
        return tomorrow.replace(hour=9, minute=0, second=0, microsecond=0)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--due: {text!r} is not a date (YYYY-MM-DD)") from None

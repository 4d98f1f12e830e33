"""The sales pipeline's operations: create and edit opportunities, move them between stages
(with the stage history), win or lose them, undo a move; and what the page and the dialog read.

    outcome = pipeline.move(database, 7, won_stage, "Best price")   # Outcome[StageMove]
    pipeline.undo_move(database, outcome.value)                      # back as it was
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from crm_desktop.models import Opportunity
from crm_desktop.services.editing import Edit, set_fields
from crm_desktop.services.money import clean_currency, default_currency
from crm_desktop.services.outcome import Outcome, read, write
from crm_desktop.storage import board, pipeline, pipeline_details
from crm_desktop.storage.errors import QT_TRANSLATE_NOOP, ValidationError
from crm_desktop.storage.pipeline import StageMove
from crm_desktop.storage.pipeline_details import OpportunityDetail, StageChoice
from crm_desktop.storage.validation import parse_date, parse_money, require

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crm_desktop.storage.database import Database

__all__ = ["EDITABLE", "OpportunityDetail", "StageChoice", "StageMove", "create_opportunity",
           "detail", "load_board", "lose", "move", "stages", "undo_move",
           "update_opportunity", "win"]

# What the opportunity dialog edits (the stage changes through `move`, keeping its history).
EDITABLE = ("name", "customer_id", "amount", "currency", "expected_close", "owner",
            "probability_override", "lead_source", "notes")


# Reads -----------------------------------------------------------------------------------------
def stages(database: Database) -> list[StageChoice]:
    """The stages of the default pipeline, in order (the pipeline is made on first use)."""
    return read(database, pipeline_details.stage_choices)


def detail(database: Database, opportunity_id: int) -> OpportunityDetail | None:
    """One opportunity with its stage history (None when it no longer exists)."""
    return read(database, lambda s: pipeline_details.opportunity_detail(s, opportunity_id))


def load_board(database: Database, flt: board.BoardFilter, limit: int,
               order: str) -> tuple[board.Board, list[str]]:
    """The board's figures and top cards, and the owners to filter by (run in a worker)."""
    return read(database, lambda s: (board.load_board(s, None, flt, limit, order),
                                     board.owners(s)))


# Writes ----------------------------------------------------------------------------------------
def _clean(database: Database, values: Mapping[str, Any]) -> dict[str, Any]:
    """Checked values of an opportunity (the fields given; ValidationError names the first bad
    one)."""
    cleaned = dict(values)
    if "name" in cleaned:
        cleaned["name"] = require(cleaned["name"], "name")
    if "customer_id" in cleaned and not cleaned["customer_id"]:
        raise ValidationError("customer_id", QT_TRANSLATE_NOOP("errors", "is required"))
    if "amount" in cleaned:
        cleaned["amount"] = parse_money(cleaned["amount"], "amount")
    if "currency" in cleaned:
        cleaned["currency"] = clean_currency(cleaned["currency"], default_currency(database))
    if "expected_close" in cleaned:
        cleaned["expected_close"] = parse_date(cleaned["expected_close"], "expected_close")
    override = cleaned.get("probability_override")
    if override is not None and not 0 <= int(override) <= 100:
        raise ValidationError("probability_override", QT_TRANSLATE_NOOP("errors", "must be between 0 and 100 %"))
    return cleaned


def create_opportunity(database: Database, values: Mapping[str, Any]) -> Outcome[int]:
    """A new opportunity in its first stage (or `stage_id`), with its first history entry."""
    cleaned = _clean(database, {"currency": None, **values})
    return write(database, lambda s: pipeline.create_opportunity(s, cleaned).id)


def update_opportunity(database: Database, opportunity_id: int,
                       values: Mapping[str, Any]) -> Outcome[Edit[dict[str, Any]]]:
    """Change the fields of `EDITABLE` given; the Edit's `before` undoes it."""
    cleaned = _clean(database, values)
    return write(database, lambda s: set_fields(s, Opportunity, opportunity_id, cleaned,
                                                EDITABLE))


def move(database: Database, opportunity_id: int, stage_id: int,
         reason: str | None = None) -> Outcome[StageMove]:
    """Move to a stage (won and lost need a reason); `undo_move(outcome.value)` undoes it."""
    return write(database, lambda s: pipeline.move(s, opportunity_id, stage_id, reason))


def undo_move(database: Database, done: StageMove) -> Outcome[int]:
    """Put the opportunity back where it was before `done`, without a history entry."""
    return write(database, lambda s: pipeline.undo_move(s, done).id)


def win(database: Database, opportunity_id: int, reason: str) -> Outcome[StageMove]:
    """Move to the won stage of its pipeline."""
    return _close(database, opportunity_id, "won", reason)


def lose(database: Database, opportunity_id: int, reason: str) -> Outcome[StageMove]:
    """Move to the lost stage of its pipeline."""
    return _close(database, opportunity_id, "lost", reason)


def _close(database: Database, opportunity_id: int, kind: str,
           reason: str) -> Outcome[StageMove]:
    def work(session: Session) -> StageMove:
        stage = pipeline.closing_stage(session, opportunity_id, kind)
        return pipeline.move(session, opportunity_id, stage.id, reason)

    return write(database, work)

"""Row counts and health checks of a database (the `stats` and `check` commands).

The SQL is storage.direct's, which the commands run on a plain connection when they can.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from crm_desktop.models import (
    AuditEntry,
    Campaign,
    CampaignMember,
    ContactPoint,
    Contract,
    Customer,
    Interaction,
    Opportunity,
    Order,
    OrderLine,
    Pipeline,
    Product,
    Quote,
    QuoteLine,
    Relationship,
    SalesTarget,
    Segment,
    Stage,
    StageChange,
    SurveyResponse,
    Ticket,
    TicketMessage,
)
from crm_desktop.storage import audit_chain
from crm_desktop.storage import row_counts as kept_counts
from crm_desktop.storage.direct import ENTITY_TABLES, HealthReport
from crm_desktop.storage.errors import DamagedDatabase
from crm_desktop.storage.row_counts import live_count_sql
from crm_desktop.storage.sqlite_functions import foreign_key_problems

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

# Entity name (as the CLI and UI call it) -> model.
ENTITIES = {
    "customers": Customer, "contact_points": ContactPoint, "relationships": Relationship,
    "interactions": Interaction, "products": Product, "pipelines": Pipeline, "stages": Stage,
    "opportunities": Opportunity, "stage_changes": StageChange, "quotes": Quote,
    "quote_lines": QuoteLine, "orders": Order, "order_lines": OrderLine, "contracts": Contract,
    "campaigns": Campaign, "campaign_members": CampaignMember, "segments": Segment,
    "tickets": Ticket, "ticket_messages": TicketMessage, "survey_responses": SurveyResponse,
    "sales_targets": SalesTarget, "audit_log": AuditEntry,
}


def row_counts(database: Database) -> dict[str, int]:
    """Live rows per entity (rows in the trash are not counted)."""
    return live_counts(database, list(ENTITIES))


def is_empty(database: Database) -> bool:
    """No customer row at all, deleted ones included (one indexed probe)."""
    with database.engine.connect() as connection:
        return connection.exec_driver_sql("SELECT 1 FROM customers LIMIT 1").first() is None


def live_counts(database: Database, entities: Sequence[str]) -> dict[str, int]:
    """Live rows of a few kinds of record (the status bar's counts)."""
    counts = {}
    with database.engine.connect() as connection:
        cursor = audit_chain.cursor_of(connection)
        try:
            kept = kept_counts.read(cursor)  # what the triggers keep (storage.row_counts)
        finally:
            cursor.close()
        for name in entities:
            table, soft = ENTITY_TABLES[name]
            counts[name] = kept[table] if kept is not None else int(
                connection.exec_driver_sql(live_count_sql(table, soft)).scalar() or 0)
    return counts


def audit_problems(database: Database) -> list[str]:
    """Each changed, added or deleted audit entry (the hash chain, see `audit_chain`)."""
    from crm_desktop.storage.database import raw_connection

    with raw_connection(database) as connection:
        cursor = connection.cursor()
        try:
            return audit_chain.verify(cursor)
        finally:
            cursor.close()


def check(database: Database, full: bool = True) -> HealthReport:
    """Schema version, damage, foreign keys, the search index and the audit chain
    (`direct.health` is the same on a plain connection). `full`: `integrity_check` and foreign
    keys; else the quick check, trusting the stamp of an unchanged file (check_stamps)."""
    from crm_desktop.storage.database import SCHEMA_HEAD
    from crm_desktop.storage.direct import damage_of, index_and_audit_problems
    from crm_desktop.storage.integrity import damaged

    try:
        with database.engine.connect() as connection:
            damage = damage_of(connection, full, database.passphrase)
            problems = [*damage, *(foreign_key_problems(connection) if full else ()),
                        *index_and_audit_problems(connection)]
            if full:
                cursor = audit_chain.cursor_of(connection)
                try:
                    problems += kept_counts.problems(cursor)
                finally:
                    cursor.close()
    except DamagedDatabase as error:  # too damaged for the checks to finish
        damage = problems = list(error.problems) or [str(error)]
    advice = str(damaged(database.path, tuple(damage))) if damage else None
    try:
        version = database.schema_version()
        waiting = 0
        if not damage and version == SCHEMA_HEAD:
            from crm_desktop.storage.direct import search_waiting

            with database.engine.connect() as connection:
                waiting = search_waiting(connection)
    except DamagedDatabase:
        version, waiting = None, 0
    return HealthReport(version, SCHEMA_HEAD, tuple(problems), advice, waiting)

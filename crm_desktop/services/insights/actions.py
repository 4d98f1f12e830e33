"""Act on the customers of a result (a risk band, a segment, selected rows): make a campaign
that targets them, give each a follow-up task, tag them, export them. Each write is one
transaction, audited, returns what it changed and has its undo here (the page pushes both).

The customers come as ids (the rows' ``customer_id``); ids of customers since deleted are left
out quietly (a result can be older than the last edit).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_desktop.services.outcome import Outcome, write
from crm_desktop.storage.errors import ValidationError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crm_desktop.storage.database import Database

_CHUNK = 5000  # ids per IN (...) list: SQLite limits the parameters of one statement


def unique_ids(customer_ids: Iterable[Any]) -> list[int]:
    """The ids in order, each once (missing values left out)."""
    seen: dict[int, None] = {}
    for value in customer_ids:
        if value is None or value != value:
            continue
        seen.setdefault(int(value), None)
    return list(seen)


def _live(session: Session, ids: Sequence[int]) -> list[int]:
    from sqlalchemy import select

    from crm_desktop.models import Customer

    found: set[int] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        found.update(session.scalars(select(Customer.id).where(
            Customer.id.in_(chunk), Customer.deleted_at.is_(None))))
    return [i for i in ids if i in found]


def _need(ids: Sequence[int]) -> None:
    if not ids:
        raise ValidationError("customers", "choose at least one customer")


# ------------------------------------------------------------------------------ campaign
@dataclass(frozen=True)
class CampaignMade:
    """A campaign made from a result: its id and the members added (what the undo removes)."""

    campaign_id: int
    member_ids: tuple[int, ...]


def campaign_with(database: Database, name: str, customer_ids: Iterable[Any],
                  values: Mapping[str, Any] | None = None) -> Outcome[CampaignMade]:
    """A new campaign called ``name`` (planned today, ``values`` for the rest of its plan)
    with the customers as targeted members."""
    from crm_desktop.models import Campaign
    from crm_desktop.services.campaigns import clean_campaign
    from crm_desktop.storage import campaigns as store
    from crm_desktop.storage import query
    from crm_desktop.storage.query_filter import Filter

    ids = unique_ids(customer_ids)
    _need(ids)
    cleaned = clean_campaign({"name": name, **(values or {})})

    def work(session: Session) -> CampaignMade:
        campaign = query.create(session, Campaign, **cleaned)
        members: list[int] = []
        for start in range(0, len(ids), _CHUNK):
            members += store.add_members_from_filter(
                session, campaign.id, [Filter("id", "in", ids[start:start + _CHUNK])])
        return CampaignMade(campaign.id, tuple(members))

    return write(database, work)


def undo_campaign(database: Database, made: CampaignMade) -> Outcome[int]:
    """Take the members off again and move the campaign to the trash."""
    from crm_desktop.models import Campaign
    from crm_desktop.storage import campaigns as store
    from crm_desktop.storage import query

    def work(session: Session) -> int:
        removed = store.remove_members(session, made.member_ids)
        query.soft_delete(session, Campaign, made.campaign_id)
        return removed

    return write(database, work)


def redo_campaign(database: Database, made: CampaignMade,
                  customer_ids: Iterable[Any]) -> Outcome[CampaignMade]:
    """Bring the campaign back from the trash with the same customers."""
    from crm_desktop.models import Campaign
    from crm_desktop.storage import campaigns as store
    from crm_desktop.storage import query
    from crm_desktop.storage.query_filter import Filter

    ids = unique_ids(customer_ids)

    def work(session: Session) -> CampaignMade:
        query.restore(session, Campaign, made.campaign_id)
        members: list[int] = []
        for start in range(0, len(ids), _CHUNK):
            members += store.add_members_from_filter(
                session, made.campaign_id, [Filter("id", "in", ids[start:start + _CHUNK])])
        return CampaignMade(made.campaign_id, tuple(members))

    return write(database, work)


# ------------------------------------------------------------------------------ tasks
def tasks_for(database: Database, customer_ids: Iterable[Any], subject: str,
              due_at: datetime, owner: str | None = None) -> Outcome[tuple[int, ...]]:
    """A follow-up task (``subject``, due ``due_at``, for ``owner`` or the customer's owner)
    for each customer; the value is the tasks' ids (the undo moves them to the trash)."""
    from sqlalchemy import select

    from crm_desktop.models import Customer
    from crm_desktop.storage import activities

    ids = unique_ids(customer_ids)
    _need(ids)
    if not (subject or "").strip():
        raise ValidationError("subject", "is required")

    def work(session: Session) -> tuple[int, ...]:
        live = _live(session, ids)
        owners: dict[int, str | None] = {}
        if owner is None:
            for start in range(0, len(live), _CHUNK):
                owners.update((int(i), o) for i, o in session.execute(
                    select(Customer.id, Customer.owner).where(
                        Customer.id.in_(live[start:start + _CHUNK]))))
        made = [activities.log_interaction(session, {
            "customer_id": cid, "kind": "task", "subject": subject.strip(), "due_at": due_at,
            "owner": owner if owner is not None else owners.get(cid)}).id for cid in live]
        return tuple(made)

    return write(database, work)


# ------------------------------------------------------------------------------ tags
@dataclass(frozen=True)
class TagChange:
    """Each tagged customer's tags before (what the undo puts back)."""

    tag: str
    before: Mapping[int, str | None]


def tag_customers(database: Database, customer_ids: Iterable[Any],
                  tag: str) -> Outcome[TagChange]:
    """Add ``tag`` to each customer's tags (customers who have it already are left alone)."""
    from crm_desktop.models import Customer
    from crm_desktop.storage import query
    from crm_desktop.storage.validation import normalize_tags

    ids = unique_ids(customer_ids)
    _need(ids)
    clean = normalize_tags(tag)
    if not clean or "," in clean:
        raise ValidationError("tag", "give one tag (no commas)")

    def work(session: Session) -> TagChange:
        before: dict[int, str | None] = {}
        for cid in _live(session, ids):
            row = query.get(session, Customer, cid)
            tags = normalize_tags(row.tags) or ""
            if clean in [t.strip() for t in tags.split(",")]:
                continue
            before[cid] = row.tags
            row.tags = normalize_tags(f"{tags}, {clean}")
        session.flush()
        return TagChange(clean, before)

    return write(database, work)


def untag(database: Database, change: TagChange) -> Outcome[int]:
    """Put the tags back as they were before :func:`tag_customers`."""
    from crm_desktop.models import Customer
    from crm_desktop.storage import query

    def work(session: Session) -> int:
        for cid, tags in change.before.items():
            query.get(session, Customer, cid).tags = tags
        session.flush()
        return len(change.before)

    return write(database, work)


# ------------------------------------------------------------------------------ export
def export_rows(path: Path | str, headers: Sequence[str],
                rows: Iterable[Sequence[Any]]) -> int:
    """Write rows as shown (names, percentages, reasons in words) to a .csv or .xlsx file;
    returns how many were written."""
    from crm_desktop.storage.errors import StorageError
    from crm_desktop.storage.export.files import write_csv, write_xlsx

    out = Path(path)
    if not out.parent.exists():
        raise StorageError(f"folder {out.parent} does not exist")
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise StorageError(f"cannot export to {out.name}: the file must end in .csv or .xlsx")
    try:
        if suffix == ".xlsx":
            return write_xlsx(out, headers, rows, title="customers")
        return write_csv(out, headers, rows)
    except OSError as error:
        raise StorageError(f"cannot write {out}: {error.strerror or error}") from None

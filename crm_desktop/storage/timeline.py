"""What the customer detail shows: summary, one timeline of everything, related people.

Each function is one or two indexed queries (every table here has an index on `customer_id`),
so a detail pane loads in a few milliseconds even at a million customers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from crm_desktop.storage.amounts import Amounts

TIMELINE_KINDS = ("interaction", "order", "opportunity", "ticket", "campaign")

# One UNION ALL over everything that happened with a customer, newest first. Times are stored
# as ISO text by SQLAlchemy, so ordering the text orders the times.
_TIMELINE = """
SELECT 'interaction' AS kind, i.kind AS sub, i.id AS record_id,
       COALESCE(i.occurred_at, i.due_at) AS at, i.subject AS title,
       COALESCE(i.outcome, i.body) AS detail, NULL AS amount, NULL AS currency, i.done AS done
  FROM interactions i WHERE i.customer_id = :cid AND i.deleted_at IS NULL
UNION ALL
SELECT 'order', o.status, o.id, o.ordered_at, o.number, o.notes, o.total, o.currency, NULL
  FROM orders o WHERE o.customer_id = :cid AND o.deleted_at IS NULL
UNION ALL
SELECT 'opportunity', op.status, op.id, COALESCE(op.closed_at, op.created_at), op.name,
       s.name, op.amount, op.currency, NULL
  FROM opportunities op JOIN stages s ON s.id = op.stage_id
 WHERE op.customer_id = :cid AND op.deleted_at IS NULL
UNION ALL
SELECT 'ticket', t.status, t.id, t.opened_at, t.number || ' ' || t.subject, t.priority,
       NULL, NULL, NULL
  FROM tickets t WHERE t.customer_id = :cid AND t.deleted_at IS NULL
UNION ALL
SELECT 'campaign',
       CASE WHEN m.converted_at IS NOT NULL THEN 'converted'
            WHEN m.responded_at IS NOT NULL THEN 'responded'
            WHEN m.sent_at IS NOT NULL THEN 'sent' ELSE 'targeted' END,
       c.id, COALESCE(m.converted_at, m.responded_at, m.sent_at, m.targeted_at, m.created_at),
       c.name, m.response, NULL, NULL, NULL
  FROM campaign_members m JOIN campaigns c ON c.id = m.campaign_id
 WHERE m.customer_id = :cid AND c.deleted_at IS NULL
ORDER BY at DESC, record_id DESC
LIMIT :limit
"""


@dataclass(frozen=True)
class TimelineItem:
    kind: str  # one of TIMELINE_KINDS
    sub: str  # call/meeting/... for interactions, the status for the others
    record_id: int  # id in the kind's table (the campaign's id for campaign events)
    at: datetime | None
    title: str
    detail: str | None
    amount: Decimal | None
    currency: str | None
    done: bool | None  # tasks: completed or not


@dataclass(frozen=True)
class CustomerSummary:
    id: int
    kind: str
    name: str
    company_id: int | None
    company: str | None
    job_title: str | None
    status: str
    category: str | None
    tags: str | None
    rating: int | None
    owner: str | None
    city: str | None
    email: str | None
    phone: str | None
    touch_every_days: int | None
    deleted: bool
    # Analytics results (analytics_results rows), when computed: kind -> (value, label).
    scores: dict[str, tuple[float | None, str | None]]
    next_follow_up: datetime | None
    # The rest of the record (the detail pane's Details tab): PROFILE_FIELDS by name, every
    # email and phone, the custom fields.
    profile: dict[str, Any] = field(default_factory=dict)
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    custom_fields: dict[str, Any] = field(default_factory=dict)
    # What the customer has paid (paid orders, as revenue counts them), per currency: orders
    # in different currencies are never added together.
    paid: Amounts = Amounts()
    # The segment names users gave (storage.segment_names: name key -> name), when the
    # customer has a stored segment.
    segment_names: dict[str, str] = field(default_factory=dict)


# The customer's fields shown in the Details tab besides the header's.
PROFILE_FIELDS = ("company_role", "department", "birthday", "website", "street", "postal_code",
                  "region", "country", "industry", "lead_source", "needs", "notes")


@dataclass(frozen=True)
class RelatedPerson:
    id: int
    name: str
    relation: str  # relationship kind, "company", "colleague" (same company) or "employee"
    detail: str | None  # job title or relationship strength


def _time(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def customer_timeline(connection: Connection, customer_id: int,
                      limit: int = 200) -> list[TimelineItem]:
    """Interactions, orders, opportunities, tickets and campaign responses, newest first."""
    rows = connection.execute(text(_TIMELINE), {"cid": customer_id, "limit": limit}).all()
    return [
        TimelineItem(
            kind=row[0], sub=row[1] or "", record_id=row[2], at=_time(row[3]),
            title=row[4] or "", detail=row[5],
            amount=(Decimal(int(row[6])) / 100).quantize(Decimal("0.01"))
            if row[6] is not None else None,
            currency=row[7], done=bool(row[8]) if row[0] == "interaction" and row[1] == "task"
            else None,
        )
        for row in rows
    ]


def customer_summary(connection: Connection, customer_id: int) -> CustomerSummary | None:
    row = connection.execute(text("""
        SELECT c.id, c.kind, c.name, c.company_id, p.name, c.job_title, c.status, c.category,
               c.tags, c.rating, c.owner, c.city,
               (SELECT value FROM contact_points WHERE customer_id = c.id AND kind = 'email'
                 ORDER BY is_primary DESC, id LIMIT 1),
               (SELECT value FROM contact_points WHERE customer_id = c.id AND kind = 'phone'
                 ORDER BY is_primary DESC, id LIMIT 1),
               c.touch_every_days, c.deleted_at IS NOT NULL,
               (SELECT min(due_at) FROM interactions WHERE customer_id = c.id AND kind = 'task'
                  AND done = 0 AND deleted_at IS NULL),
               c.custom_fields, c.company_role, c.department, c.birthday, c.website, c.street,
               c.postal_code, c.region, c.country, c.industry, c.lead_source, c.needs, c.notes
          FROM customers c LEFT JOIN customers p ON p.id = c.company_id
         WHERE c.id = :cid
    """), {"cid": customer_id}).first()
    if row is None:
        return None
    scores = {
        kind: (value, label)
        for kind, value, label in connection.execute(text(
            "SELECT kind, value, label FROM analytics_results WHERE customer_id = :cid"
        ), {"cid": customer_id})
    }
    names: dict[str, str] = {}
    if scores.get("segment", (None, None))[1]:
        from crm_desktop.storage.segment_names import SETTING_KEY, parsed

        names = parsed(connection.execute(text("SELECT value FROM settings WHERE key = :key"),
                                          {"key": SETTING_KEY}).scalar())
    return CustomerSummary(
        segment_names=names,
        id=row[0], kind=row[1], name=row[2], company_id=row[3], company=row[4],
        job_title=row[5], status=row[6], category=row[7], tags=row[8], rating=row[9],
        owner=row[10], city=row[11], email=row[12], phone=row[13], touch_every_days=row[14],
        deleted=bool(row[15]), scores=scores, next_follow_up=_time(row[16]),
        custom_fields=_mapping(row[17]),
        profile={name: _profile_value(name, value)
                 for name, value in zip(PROFILE_FIELDS, row[18:], strict=True)},
        emails=_contacts(connection, customer_id, "email"),
        phones=_contacts(connection, customer_id, "phone"),
        paid=Amounts.from_cents(
            (str(currency), int(cents)) for currency, cents in connection.execute(text(
                "SELECT currency, SUM(total) FROM orders WHERE customer_id = :cid"
                " AND status = 'paid' AND deleted_at IS NULL GROUP BY currency"
            ), {"cid": customer_id})),
    )


def _contacts(connection: Connection, customer_id: int, kind: str) -> tuple[str, ...]:
    return tuple(str(value) for value in connection.execute(text(
        "SELECT value FROM contact_points WHERE customer_id = :cid AND kind = :kind "
        "ORDER BY is_primary DESC, id"), {"cid": customer_id, "kind": kind}).scalars())


def _mapping(value: Any) -> dict[str, Any]:
    """The custom fields column (JSON text from plain SQL) as a dict; {} when none or bad."""
    if isinstance(value, dict):
        return value
    try:
        loaded = json.loads(value) if value else None
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _profile_value(name: str, value: Any) -> Any:
    if name == "birthday" and isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return value


def related_people(connection: Connection, customer_id: int,
                   limit: int = 50) -> list[RelatedPerson]:
    """Relationships both ways, the customer's company, colleagues there, and employees."""
    rows = connection.execute(text("""
        SELECT c.id, c.name, r.kind, printf('%.0f%%', r.strength * 100)
          FROM relationships r JOIN customers c ON c.id = r.target_id
         WHERE r.source_id = :cid AND r.deleted_at IS NULL AND c.deleted_at IS NULL
        UNION ALL
        SELECT c.id, c.name, r.kind, printf('%.0f%%', r.strength * 100)
          FROM relationships r JOIN customers c ON c.id = r.source_id
         WHERE r.target_id = :cid AND r.deleted_at IS NULL AND c.deleted_at IS NULL
        UNION ALL
        SELECT p.id, p.name, 'company', NULL
          FROM customers me JOIN customers p ON p.id = me.company_id
         WHERE me.id = :cid AND p.deleted_at IS NULL
        UNION ALL
        SELECT * FROM (
            SELECT c.id, c.name, 'colleague', c.job_title
              FROM customers me JOIN customers c ON c.company_id = me.company_id
             WHERE me.id = :cid AND c.id <> me.id AND c.deleted_at IS NULL LIMIT :limit)
        UNION ALL
        SELECT * FROM (
            SELECT c.id, c.name, 'employee', c.job_title
              FROM customers c WHERE c.company_id = :cid AND c.deleted_at IS NULL LIMIT :limit)
        LIMIT :limit
    """), {"cid": customer_id, "limit": limit}).all()
    seen: set[int] = set()
    people = []
    for row in rows:
        if row[0] in seen:
            continue
        seen.add(row[0])
        people.append(RelatedPerson(id=row[0], name=row[1], relation=row[2], detail=row[3]))
    return people


@dataclass(frozen=True)
class CustomerDetail:
    summary: CustomerSummary | None
    timeline: list[TimelineItem]
    related: list[RelatedPerson]


def customer_detail(connection: Connection, customer_id: int,
                    limit: int = 200) -> CustomerDetail:
    """Everything the detail pane shows, in one call (what its worker runs)."""
    return CustomerDetail(
        summary=customer_summary(connection, customer_id),
        timeline=customer_timeline(connection, customer_id, limit),
        related=related_people(connection, customer_id),
    )

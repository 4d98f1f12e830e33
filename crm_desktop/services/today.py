"""Today: whom to contact today and why, ranked by the expected value of the contact.

Each customer with something due gets one row: its reasons (phrasebook keys ``today:*`` and
the churn model's reasons), strongest first, and a score in the database's currency that adds
up what each reason puts at stake:

===================  ======================================================================
churn risk (high)    probability x the customer's value (stored lifetime value, else last
                     year's paid revenue; at least MIN_VALUE so new customers rank too)
follow-up overdue    value x (0.3 + 0.05 per day overdue, at most 1); due today: value x 0.3
stay in touch        value x (0.2 + 0.01 per day past the date, at most 0.5)
deal closing soon    win probability (stored, else 0.5) x amount; half when there was
                     activity in the last week and it is not overdue
open complaint       value x 0.3; x 0.6 when the satisfaction model expects them unhappy
===================  ======================================================================

A next product to offer (the basket analysis' suggestion) is added as a reason to a row, not a
row of its own. Snoozed customers are left out until the day they were snoozed to.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from crm_desktop.services.insights.render import Sentence, from_list
from crm_desktop.services.outcome import Outcome, write
from crm_desktop.storage import today as store

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crm_desktop.storage.database import Database

MIN_VALUE = 100.0
RECENT_DAYS = 7  # activity this recent makes a closing deal less urgent


@dataclass(frozen=True)
class TodayRow:
    """One customer to contact: why (reasons, strongest first) and what is at stake."""

    customer_id: int
    name: str
    company: str | None
    owner: str | None
    score: float
    reasons: tuple[Sentence, ...]
    task_ids: tuple[int, ...] = ()
    deal_ids: tuple[int, ...] = ()
    ticket_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class TodayList:
    rows: tuple[TodayRow, ...]
    currency: str
    today: date
    total: int  # customers with a reason before the limit


@dataclass
class _Acc:
    parts: list[tuple[float, Sentence]] = field(default_factory=list)
    tasks: list[int] = field(default_factory=list)
    deals: list[int] = field(default_factory=list)
    tickets: list[int] = field(default_factory=list)
    score: float = 0.0  # the sum of the parts' scores (the model's reasons add nothing)
    model: tuple[float, Any] | None = None  # churn: its score, its reasons (JSON or a list)


def today_list(database: Database, owner: str | None = None, limit: int | None = 50,
               today: date | None = None) -> TodayList:
    """Who to contact ``today`` (default: the date of this computer), best first."""
    from crm_desktop.services.money import default_currency

    today = today or date.today()
    facts = store.read_facts(database, today, owner)
    hidden = store.snoozed(database, today)
    rows, total = rank(facts, hidden, limit)
    return TodayList(tuple(rows), default_currency(database), today, total)



def today_list_in_background(database: Database, owner: str | None = None,
                             limit: int | None = 50, *, progress: Any = None,
                             cancelled: Any = None, frames: Any = None) -> TodayList:
    """`today_list` as the app's background process calls it (``ChildService.call`` passes
    its progress, cancel check and frame cache, which the list does not use): a second of
    pandas and Python there instead of in a thread of the window's process, where it held
    the GIL from the GUI thread for 100-800 ms at 100,000 customers."""
    return today_list(database, owner, limit)

def rank(facts: store.TodayFacts, hidden: Mapping[int, date] | None = None,
         limit: int | None = None) -> tuple[list[TodayRow], int]:
    """The first ``limit`` rows (None: all) of the facts, highest score first, and how many
    customers have a reason (snoozed customers left out). Every customer is scored; the rows
    (reasons sorted, the churn model's reasons decoded) are made only for those shown: at
    100,000 customers 15,000 have a reason and the list shows 100."""
    today = facts.today
    acc: dict[int, _Acc] = {}

    def value(cid: int) -> float:
        return max(facts.values.get(cid, 0.0), MIN_VALUE)

    def add(cid: int, score: float, sentence: Sentence) -> _Acc:
        entry = acc.get(cid)
        if entry is None:
            entry = acc[cid] = _Acc()
        entry.parts.append((score, sentence))
        entry.score += score
        return entry

    for task_id, cid, subject, due, stay, every in facts.tasks:
        late = (today - due.date()).days
        if stay:
            days = late + int(every or 0)
            sentence = Sentence("today:stay_in_touch", (days, int(every or 0))) if every else \
                Sentence("today:task_overdue", (late, subject))
            score = value(cid) * min(0.5, 0.2 + 0.01 * max(late, 0))
        elif late > 0:
            sentence = Sentence("today:task_overdue", (late, subject))
            score = value(cid) * min(1.0, 0.3 + 0.05 * late)
        else:
            sentence = Sentence("today:task_due", (subject,))
            score = value(cid) * 0.3
        add(cid, score, sentence).tasks.append(task_id)
    for cid, (p, reasons) in facts.churn.items():
        sentence = Sentence("today:churn_risk", (round(p, 4), round(value(cid), 2)))
        entry = add(cid, p * value(cid), sentence)
        entry.model = (p * value(cid), reasons)  # its reasons: decoded if the row is shown
    for deal_id, cid, name, amount, _currency, close, p_win, last in facts.deals:
        p = 0.5 if p_win is None else float(p_win)
        quiet = (today - last.date()).days if last is not None else None
        overdue = (today - close).days
        if overdue > 0:
            sentence = Sentence("today:deal_overdue", (overdue, name, round(amount, 2)))
        elif quiet is None or quiet >= RECENT_DAYS:
            sentence = Sentence("today:deal_closing", ((close - today).days, name,
                                                       round(amount, 2),
                                                       quiet if quiet is not None else 0))
        else:
            continue  # closing soon and in hand: nothing to do today
        weight = 1.0 if overdue > 0 or quiet is None or quiet >= RECENT_DAYS else 0.5
        add(cid, p * amount * weight, sentence).deals.append(deal_id)
    for ticket_id, cid, subject, opened in facts.tickets:
        days = max(0, (today - opened.date()).days)
        unhappy = cid in facts.unhappy
        key = "today:unhappy_ticket" if unhappy else "today:complaint_open"
        add(cid, value(cid) * (0.6 if unhappy else 0.3),
            Sentence(key, (days, subject))).tickets.append(ticket_id)
    hidden = hidden or {}
    unknown = ("", None, None)
    order = sorted(((-round(entry.score, 2), facts.customers.get(cid, unknown)[0], cid)
                    for cid, entry in acc.items() if cid not in hidden))
    rows = []
    for _score, _name, cid in order[:limit] if limit else order:
        entry = acc[cid]
        parts = list(entry.parts)
        if entry.model is not None:  # the model's own reasons follow, just below the churn line
            score, raw = entry.model
            reasons = json.loads(raw).get("reasons") or [] if isinstance(raw, str) else raw
            parts += [(score * 0.999 - i * 1e-9, from_list(r))
                      for i, r in enumerate(list(reasons)[:2])]
        parts.sort(key=lambda item: -item[0])
        sentences = [s for _score, s in parts]
        if cid in facts.next_products:
            sentences.append(Sentence("today:next_product",
                                      (", ".join(facts.next_products[cid][:2]),)))
        name, company, owner = facts.customers.get(cid, unknown)
        rows.append(TodayRow(cid, name, company, owner, round(entry.score, 2), tuple(sentences),
                             tuple(entry.tasks), tuple(entry.deals), tuple(entry.tickets)))
    return rows, len(order)


# ------------------------------------------------------------------------------ actions
@dataclass(frozen=True)
class Snoozed:
    """What a snooze changed: the customers' previous snooze days (None: not snoozed)."""

    before: Mapping[int, str | None]


def snooze(database: Database, customer_ids: Iterable[int], until: date) -> Outcome[Snoozed]:
    """Hide customers from Today until ``until`` (undone by :func:`unsnooze`)."""
    ids = [int(i) for i in customer_ids]

    def work(session: Session) -> Snoozed:
        stored = _snoozes(session)
        before = {cid: stored.get(str(cid)) for cid in ids}
        for cid in ids:
            stored[str(cid)] = until.isoformat()
        _save(session, stored, until)
        return Snoozed(before)

    return write(database, work)


def unsnooze(database: Database, change: Snoozed) -> Outcome[int]:
    def work(session: Session) -> int:
        stored = _snoozes(session)
        for cid, day in change.before.items():
            if day is None:
                stored.pop(str(cid), None)
            else:
                stored[str(cid)] = day
        _save(session, stored, None)
        return len(change.before)

    return write(database, work)


def _snoozes(session: Session) -> dict[str, str]:
    from sqlalchemy import select

    from crm_desktop.models import Setting

    row = session.scalars(select(Setting).where(Setting.key == store.SNOOZE_KEY)).first()
    return dict(row.value or {}) if row is not None else {}


def _save(session: Session, stored: dict[str, str], today: date | None) -> None:
    """Write the snoozes back (days already over are dropped: the list stays small)."""
    from sqlalchemy import select

    from crm_desktop.models import Setting

    floor = (date.today() if today is None else min(today, date.today())).isoformat()
    kept = {k: v for k, v in stored.items() if v > floor}
    row = session.scalars(select(Setting).where(Setting.key == store.SNOOZE_KEY)).first()
    if row is None:
        session.add(Setting(key=store.SNOOZE_KEY, value=kept))
    else:
        row.value = kept
    session.flush()


def log_call(database: Database, customer_id: int, subject: str,
             at: datetime | None = None) -> Outcome[int]:
    """Record a call with the customer (it moves their stay-in-touch date)."""
    from crm_desktop.services.activities import log_activity

    values: dict[str, Any] = {"customer_id": customer_id, "kind": "call", "subject": subject}
    if at is not None:
        values["occurred_at"] = at
    return log_activity(database, values)


def tomorrow(today: date | None = None) -> date:
    return (today or date.today()) + timedelta(days=1)

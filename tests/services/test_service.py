"""Customer service operations without Qt: open and edit tickets, reply, resolve with a rating
and the undo of a resolve; the reads of the tickets page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from crm_desktop.models import AuditEntry, Ticket, utcnow
from crm_desktop.services import service
from crm_desktop.services.outcome import write
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.errors import NotFound, ValidationError


@pytest.fixture
def customer_id(db):
    return write(db, lambda s: create_customer(s, {"name": "王小明"}).id).value


def new_ticket(db, customer_id, **values):
    return service.open_ticket(db, {"customer_id": customer_id, "subject": "Printer jams",
                                    **values}).value


def test_open_sets_the_sla_and_the_first_message(db, customer_id):
    outcome = service.open_ticket(db, {"customer_id": customer_id, "subject": "Printer jams",
                                       "priority": "urgent", "body": "Every page."})
    ticket, messages = service.ticket_view(db, outcome.value)
    assert (ticket.subject, ticket.priority, ticket.status) == ("Printer jams", "urgent", "open")
    assert ticket.customer_name == "王小明"
    assert ticket.sla_due - ticket.opened_at == timedelta(hours=4)
    assert [(m.direction, m.body) for m in messages] == [("in", "Every page.")]
    assert outcome.changes.ids("tickets") == {outcome.value} and "ticket_messages" in outcome.changes


@pytest.mark.parametrize(("values", "field"), [
    ({"subject": " "}, "subject"), ({"priority": "asap"}, "priority"),
    ({"channel": "pigeon"}, "channel"), ({"customer_id": None}, "customer"),
])
def test_open_refuses_bad_values(db, customer_id, values, field):
    with pytest.raises(ValidationError) as caught:
        service.open_ticket(db, {"customer_id": customer_id, "subject": "x", **values})
    assert caught.value.field == field


def test_edit_and_its_undo(db, customer_id):
    ticket_id = new_ticket(db, customer_id, owner="ann")
    outcome = service.update_ticket(db, ticket_id, {"subject": "Printer jams", "owner": "bob",
                                                    "priority": "high"})
    assert outcome.value.before == {"owner": "ann", "priority": "normal"}
    assert outcome.changes.ids("tickets") == {ticket_id}
    service.update_ticket(db, ticket_id, outcome.value.before)
    form = service.form(db, ticket_id)
    assert (form.owner, form.priority) == ("ann", "normal")
    with pytest.raises(ValidationError):
        service.update_ticket(db, ticket_id, {"type": "praise"})
    with pytest.raises(ValidationError) as caught:
        service.update_ticket(db, ticket_id, {"customer_id": customer_id})
    assert caught.value.field == "customer_id"


def test_reply_answers_the_sla_and_is_audited(db, customer_id):
    ticket_id = new_ticket(db, customer_id)
    outcome = service.reply(db, ticket_id, "We are sending a technician.", author="me")
    assert outcome.changes.ids("ticket_messages") == {outcome.value}
    ticket, messages = service.ticket_view(db, ticket_id)
    assert ticket.status == "pending"
    assert messages[-1].body == "We are sending a technician." and messages[-1].author == "me"
    with pytest.raises(ValidationError):
        service.reply(db, ticket_id, "   ")
    with db.session() as session:
        assert session.scalars(select(AuditEntry).where(
            AuditEntry.entity == "ticket_messages",
            AuditEntry.entity_id == outcome.value)).first() is not None


def test_resolve_with_rating_and_undo(db, customer_id):
    ticket_id = new_ticket(db, customer_id)
    service.reply(db, ticket_id, "On it")
    with pytest.raises(ValidationError) as caught:
        service.resolve(db, ticket_id, satisfaction=6)
    assert caught.value.field == "satisfaction"
    outcome = service.resolve(db, ticket_id, satisfaction=4, feedback="Fast and friendly")
    edit = outcome.value
    assert edit.before == {"status": "pending", "resolved_at": None, "satisfaction": None,
                           "feedback": None}
    assert edit.after["status"] == "resolved" and edit.after["satisfaction"] == 4
    with pytest.raises(ValidationError, match="already resolved"):
        service.resolve(db, ticket_id)
    service.set_resolution(db, ticket_id, edit.before)
    with db.session() as session:
        ticket = session.get(Ticket, ticket_id)
        assert (ticket.status, ticket.satisfaction, ticket.resolved_at, ticket.feedback) == (
            "pending", None, None, None)
        assert ticket.first_response_at is not None  # the reply's, kept
    service.set_resolution(db, ticket_id, edit.after)  # redo
    assert service.ticket_view(db, ticket_id)[0].satisfaction == 4
    with pytest.raises(ValidationError):
        service.set_resolution(db, ticket_id, {"subject": "sneaky"})


def test_reads_of_the_page(db, customer_id):
    late = new_ticket(db, customer_id, opened_at=utcnow() - timedelta(days=5))
    new_ticket(db, customer_id, priority="low")
    assert service.count_overdue(db) == 1
    assert service.ticket_view(db, late)[0].overdue
    write(db, lambda s: s.get(Ticket, late).__setattr__("deleted_at", utcnow()))
    assert service.ticket_view(db, late) == (None, [])
    assert service.ticket_view(db, late, trash=True)[0].id == late
    with pytest.raises(NotFound):
        service.form(db, late)

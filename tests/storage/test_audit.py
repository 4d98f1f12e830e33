"""One session hook records create, update, delete and restore with old and new values."""

from __future__ import annotations

from sqlalchemy import select

from crm_desktop.models import AuditEntry, Customer
from crm_desktop.storage import query
from crm_desktop.storage.customers import create_customer


def entries(db, action=None):
    with db.session() as session:
        stmt = select(AuditEntry).order_by(AuditEntry.id)
        if action:
            stmt = stmt.where(AuditEntry.action == action)
        return [(e.entity, e.action, e.field, e.old_value, e.new_value)
                for e in session.scalars(stmt)]


def test_create_update_delete_restore_are_audited(db):
    db.actor = "tester"
    with db.session() as session:
        customer_id = create_customer(session, {"name": "Old name", "city": "Oslo"},
                                      emails=["o@example.com"]).id
    created = entries(db, "create")
    assert ("customers", "create", "name", None, "Old name") in created
    assert ("contact_points", "create", "value", None, "o@example.com") in created

    with db.session() as session:
        query.update(session, Customer, customer_id, name="New name", city="Oslo")
    assert entries(db, "update") == [("customers", "update", "name", "Old name", "New name")]

    with db.session() as session:
        query.soft_delete(session, Customer, customer_id)
    deleted = entries(db, "delete")
    assert len(deleted) == 1 and deleted[0][2] == "deleted_at" and deleted[0][3] is None

    with db.session() as session:
        query.restore(session, Customer, customer_id)
    restored = entries(db, "restore")
    assert len(restored) == 1 and restored[0][4] is None

    with db.session() as session:
        query.soft_delete(session, Customer, customer_id)
        query.empty_trash(session, Customer)
    purged = entries(db, "purge")
    assert ("customers", "purge", "name", "New name", None) in purged

    with db.session() as session:
        actors = set(session.scalars(select(AuditEntry.actor)))
        assert actors == {"tester"}


def test_rolled_back_changes_leave_no_audit(db):
    try:
        with db.session() as session:
            create_customer(session, {"name": "Ghost"})
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert entries(db) == []

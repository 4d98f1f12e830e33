"""A write reports what it changed (from the session hook), and the generic record operations
(trash, restore, empty the trash, edit fields) are audited and report their rows."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from crm_desktop.models import AuditEntry, Customer
from crm_desktop.services import records
from crm_desktop.services.outcome import write
from crm_desktop.storage.changes import Changes
from crm_desktop.storage.customers import create_customer


def _customer(db, name: str = "Ada", **values) -> int:
    return write(db, lambda s: create_customer(s, {"name": name, **values},
                                               emails=["ada@example.com"]).id).value


def test_write_reports_the_rows_it_touched(db):
    outcome = write(db, lambda s: create_customer(s, {"name": "Ada"},
                                                  emails=["ada@example.com"]).id)
    assert outcome.changes.ids("customers") == {outcome.value}
    assert "contact_points" in outcome.changes and "audit_log" not in outcome.changes


def test_also_names_what_bulk_statements_changed(db):
    outcome = write(db, lambda s: None, also=Changes.of("orders"))
    assert outcome.changes.entities == {"orders"} and outcome.changes.ids("orders") == set()


def test_a_failed_write_changes_nothing(db):
    with pytest.raises(RuntimeError):
        write(db, lambda s: (create_customer(s, {"name": "Ghost"}), _fail()))
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Customer)) == 0


def _fail() -> None:
    raise RuntimeError("disk on fire")


def test_trash_restore_and_empty_trash(db):
    ids = [_customer(db, "A"), _customer(db, "B")]
    trashed = records.trash(db, "customers", ids)
    assert trashed.value == 2 and trashed.changes.ids("customers") == set(ids)
    with db.session() as session:
        assert all(session.get(Customer, i).deleted_at is not None for i in ids)
    restored = records.restore(db, "customers", ids[:1])
    assert restored.changes.ids("customers") == {ids[0]}
    purged = records.empty_trash(db, "customers")
    assert purged.value == 1 and purged.changes.ids("customers") == {ids[1]}
    with db.session() as session:
        assert session.get(Customer, ids[1]) is None
        actions = set(session.scalars(select(AuditEntry.action).where(
            AuditEntry.entity_id == ids[1])))
    assert {"create", "delete", "purge"} <= actions


def test_update_fields_and_read_them_back(db):
    customer_id = _customer(db, city="Oslo")
    assert records.field_values(db, "customers", customer_id, ["city"]) == {"city": "Oslo"}
    outcome = records.update_fields(db, "customers", customer_id, {"city": "Bergen"})
    assert outcome.changes.ids("customers") == {customer_id}
    assert records.field_values(db, "customers", customer_id, ["city"]) == {"city": "Bergen"}


def test_unknown_kind_of_record_is_refused(db):
    with pytest.raises(ValueError, match="unknown kind"):
        records.trash(db, "spaceships", [1])

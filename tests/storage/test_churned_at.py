"""`churned_at` records when a customer became churned: only a change of status moves it.

Issue 10, bug 1: the customer dialog always sends `status`, and every save of a churned
customer used to stamp `churned_at` with the time of the edit.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from crm_desktop.models import Customer, utcnow
from crm_desktop.storage.customers import create_customer, update_customer

CHURNED = datetime(2026, 1, 7, 9, 30)


def _churned_customer(db) -> int:
    with db.session() as session:
        return create_customer(session, {"name": "Gone Ltd", "status": "churned",
                                         "churned_at": CHURNED},
                               emails=["gone@example.com"], phones=["+14155550100"]).id


def _churned_at(db, customer_id: int) -> tuple[str, datetime | None]:
    with db.session() as session:
        customer = session.get(Customer, customer_id)
        assert customer is not None
        return customer.status, customer.churned_at


def test_saving_a_churned_customer_again_keeps_churned_at(db):
    customer_id = _churned_customer(db)
    with db.session() as session:
        update_customer(session, customer_id, {"status": "churned", "city": "Lyon"})
    assert _churned_at(db, customer_id) == ("churned", CHURNED)


def test_an_update_without_status_keeps_churned_at(db):
    customer_id = _churned_customer(db)
    with db.session() as session:
        update_customer(session, customer_id, {"city": "Lyon"})
    assert _churned_at(db, customer_id) == ("churned", CHURNED)


def test_the_dialogs_save_of_an_unchanged_churned_customer_keeps_churned_at(db):
    """Exactly the call `CustomerDialog.save` makes: every plain field, contacts, region."""
    customer_id = _churned_customer(db)
    values = {
        "kind": "person", "name": "Gone Ltd", "job_title": None, "status": "churned",
        "category": None, "tags": None, "rating": None, "birthday": None, "city": "Lyon",
        "country": None, "owner": None, "touch_every_days": None, "notes": "edited",
        "company_id": None,
    }
    with db.session() as session:
        update_customer(session, customer_id, values, ["gone@example.com"], ["+14155550100"],
                        "US")
    assert _churned_at(db, customer_id) == ("churned", CHURNED)


def test_becoming_churned_stamps_now(db):
    with db.session() as session:
        customer_id = create_customer(session, {"name": "Soon Gone", "status": "customer"}).id
    before = utcnow()
    with db.session() as session:
        update_customer(session, customer_id, {"status": "churned"})
    status, churned_at = _churned_at(db, customer_id)
    assert status == "churned" and churned_at is not None and before <= churned_at <= utcnow()


def test_becoming_churned_at_a_given_time_keeps_that_time(db):
    with db.session() as session:
        customer_id = create_customer(session, {"name": "Soon Gone", "status": "customer"}).id
    with db.session() as session:
        update_customer(session, customer_id, {"status": "churned", "churned_at": CHURNED})
    assert _churned_at(db, customer_id) == ("churned", CHURNED)


@pytest.mark.parametrize("status", ["lead", "prospect", "customer"])
def test_leaving_churned_clears_churned_at(db, status):
    customer_id = _churned_customer(db)
    with db.session() as session:
        update_customer(session, customer_id, {"status": status})
    assert _churned_at(db, customer_id) == (status, None)


def test_a_customer_that_is_not_churned_has_no_churned_at(db):
    with db.session() as session:
        customer_id = create_customer(session, {"name": "Loyal", "status": "customer",
                                                "churned_at": CHURNED}).id
    assert _churned_at(db, customer_id) == ("customer", None)


def test_creating_a_churned_customer_stamps_now_unless_given(db):
    before = utcnow()
    with db.session() as session:
        stamped = create_customer(session, {"name": "New but gone", "status": "churned"}).id
    given = _churned_customer(db)
    status, churned_at = _churned_at(db, stamped)
    assert status == "churned" and churned_at is not None and before <= churned_at <= utcnow()
    assert _churned_at(db, given) == ("churned", CHURNED)


def test_restoring_a_churned_customer_with_its_old_churned_at(db):
    """Undo of 'churned -> customer' in the dialog writes the old values back, churned_at
    included: the customer is churned again since the original time, not since the undo."""
    customer_id = _churned_customer(db)
    with db.session() as session:
        update_customer(session, customer_id, {"status": "customer"})
    with db.session() as session:
        update_customer(session, customer_id, {"status": "churned", "churned_at": CHURNED})
    assert _churned_at(db, customer_id) == ("churned", CHURNED)


def _import(db, tmp_path, rows: list[list[str]]):
    from crm_desktop.storage.importing import run_import

    path = tmp_path / "status.csv"
    path.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
    return run_import(db, path, on_match="update", on_invalid="abort")


def test_importing_follows_the_same_rule(db, tmp_path):
    gone = _churned_customer(db)
    with db.session() as session:
        back = create_customer(session, {"name": "Back again", "status": "churned",
                                         "churned_at": CHURNED}, emails=["back@example.com"]).id
        create_customer(session, {"name": "Leaving", "status": "customer"},
                        emails=["leaving@example.com"])
    before = utcnow()
    report = _import(db, tmp_path, [
        ["email", "status", "churned_at", "name"],
        ["gone@example.com", "churned", "", ""],  # still churned: unchanged
        ["back@example.com", "customer", "", ""],  # came back: cleared
        ["leaving@example.com", "churned", "", ""],  # churned now
        ["new@example.com", "churned", "2024-05-06 07:08:09", "New but gone"],  # given time
        ["newer@example.com", "churned", "", "Newer but gone"],  # new: stamped now
    ])
    assert (report.imported, report.updated) == (2, 3)
    assert _churned_at(db, gone) == ("churned", CHURNED)
    assert _churned_at(db, back) == ("customer", None)
    with db.session() as session:
        stamped = {c.name: c.churned_at for c in session.query(Customer).filter(
            Customer.name.in_(["Leaving", "Newer but gone", "New but gone"]))}
    assert stamped.pop("New but gone") == datetime(2024, 5, 6, 7, 8, 9)
    assert all(at is not None and before <= at <= utcnow() for at in stamped.values())

"""The audit actor is the app's user stored in the database, not LOGNAME at every write; it
can be changed (audited), and every entry names the machine too."""

from __future__ import annotations

import getpass

import pytest

from crm_desktop.services.audit import identity, set_actor
from crm_desktop.storage.audit_log import record_history
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.database import open_database
from crm_desktop.storage.errors import ValidationError
from crm_desktop.storage.maintenance import audit_problems


def _create(db, name: str) -> int:
    with db.session() as session:
        return create_customer(session, {"name": name}).id


def test_the_os_account_at_creation_is_stored_and_logname_is_not_read_again(db_path,
                                                                            monkeypatch):
    stored = getpass.getuser()  # who made the template database
    first = open_database(db_path)
    assert first.actor == stored != "mallory"
    first.close()
    monkeypatch.setenv("LOGNAME", "mallory")
    monkeypatch.setenv("USER", "mallory")
    database = open_database(db_path)
    customer_id = _create(database, "Acme")
    history = record_history(database, "customers", customer_id)
    assert history and {entry.actor for entry in history} == {stored}
    database.close()


def test_a_changed_name_is_used_stored_and_audited(db_path):
    database = open_database(db_path)
    old = database.actor
    outcome = set_actor(database, "  Li   Wei ")
    assert outcome.value == "Li Wei" and "settings" in outcome.changes
    customer_id = _create(database, "北京公司")
    assert {e.actor for e in record_history(database, "customers", customer_id)} == {"Li Wei"}
    database.close()
    again = open_database(db_path)  # the CLI and the next start read the stored name
    assert identity(again) == ("Li Wei", again.machine)
    with again.engine.connect() as connection:
        renamed = connection.exec_driver_sql(
            "SELECT actor, old_value, new_value FROM audit_log WHERE entity = 'settings' "
            "AND field = 'value'").all()
    assert renamed == [(old, old, "Li Wei")]
    assert audit_problems(again) == []
    again.close()


def test_an_explicit_actor_wins_for_this_session(db_path):
    database = open_database(db_path)
    database.actor = "batch job"
    customer_id = _create(database, "Acme")
    assert {e.actor for e in record_history(database, "customers", customer_id)} == {"batch job"}
    database.close()


@pytest.mark.parametrize("name", ["", "   ", "x" * 101, "tab\there\x00"])
def test_bad_names_are_refused_with_the_field(db, name):
    with pytest.raises(ValidationError) as raised:
        set_actor(db, name)
    assert raised.value.field == "actor"

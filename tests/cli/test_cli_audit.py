"""`audit`, `actor`, and what `check` and `unmerge` say about a log edited with sqlite3."""

from __future__ import annotations

import csv
import json
import sqlite3

import pytest

from crm_desktop.cli import main
from crm_desktop.storage.customers import create_customer


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _sql(path, statement, *params):
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(statement, params).fetchall()
        connection.commit()
    finally:
        connection.close()
    return rows


@pytest.fixture
def filled(db, db_path):
    with db.session() as session:
        create_customer(session, {"name": "李娜", "city": "上海"}, emails=["li.na@example.cn"])
        create_customer(session, {"name": "Acme Ltd", "city": "Paris"})
        create_customer(session, {"name": "ACME Limited", "city": "Lyon"})
    db.close()
    return db_path


def test_audit_lists_filters_and_exports(capsys, filled, tmp_path):
    code, out, _ = run(capsys, "audit", "--db", str(filled), "--entity", "customers",
                       "--id", "1", "--json")
    entries = json.loads(out)
    assert code == 0 and entries and {(e["entity"], e["entity_id"]) for e in entries} == \
        {("customers", 1)}
    assert {"李娜", "上海"} <= {e["new_value"] for e in entries}
    code, out, _ = run(capsys, "audit", "--db", str(filled), "--text", "上海")
    assert code == 0 and "上海" in out and len(out.splitlines()) == 1
    target = tmp_path / "log.csv"
    code, out, _ = run(capsys, "audit", "--db", str(filled), "--since", "2000-01-01",
                       "--export", str(target))
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    total = _sql(filled, "SELECT count(*) FROM audit_log")[0][0]
    assert code == 0 and out.strip() == f"{target}: {total} audit entries"
    assert len(rows) == total + 1


def test_audit_bad_arguments_give_one_line(capsys, filled):
    code, _, err = run(capsys, "audit", "--db", str(filled), "--id", "3")
    assert code == 1 and err.strip() == "crm-desktop: error: --id needs --entity"
    with pytest.raises(SystemExit):
        run(capsys, "audit", "--db", str(filled), "--since", "yesterday")
    assert "'yesterday' is not a date" in capsys.readouterr().err


def test_actor_shows_and_changes_the_name(capsys, filled):
    code, out, _ = run(capsys, "actor", "--db", str(filled), "--set", "Li Wei")
    assert code == 0 and out.startswith("Li Wei on ")
    run(capsys, "stats", "--db", str(filled))
    code, out, _ = run(capsys, "actor", "--db", str(filled))
    assert out.startswith("Li Wei on ")
    code, _, err = run(capsys, "actor", "--db", str(filled), "--set", " ")
    assert code == 1 and err.strip() == "crm-desktop: error: actor: the name cannot be empty"


def test_check_reports_an_edited_and_a_deleted_entry(capsys, filled):
    code, out, _ = run(capsys, "check", "--db", str(filled))
    assert code == 0 and out.strip().endswith("ok")
    ids = [row[0] for row in _sql(filled, "SELECT id FROM audit_log ORDER BY id")]
    _sql(filled, "UPDATE audit_log SET new_value = 'Somebody' WHERE id = ?", ids[1])
    code, out, _ = run(capsys, "check", "--db", str(filled))
    assert code == 1
    assert f"problem: audit entry {ids[1]} was changed after it was written" in out
    _sql(filled, "DELETE FROM audit_log WHERE id = ?", ids[4])
    code, out, _ = run(capsys, "check", "--db", str(filled))
    assert code == 1 and out.strip().endswith("NOT OK")
    assert f"problem: audit entries between entry {ids[3]} and entry {ids[5]} were deleted" \
        in out


def test_unmerge_refuses_a_tampered_snapshot(capsys, filled):
    code, out, _ = run(capsys, "merge", "--db", str(filled), "--survivor", "2", "--loser", "3")
    merge_id = int(out.rsplit(" ", 1)[1])
    (text,) = _sql(filled, "SELECT new_value FROM audit_log WHERE id = ?", merge_id)[0]
    _sql(filled, "UPDATE audit_log SET new_value = ? WHERE id = ?",
         text.replace('"Acme Ltd"', '"Tampered Name Ltd"'), merge_id)
    before = _sql(filled, "SELECT * FROM customers ORDER BY id")
    entries = _sql(filled, "SELECT count(*) FROM audit_log")
    code, out, err = run(capsys, "unmerge", "--db", str(filled), "--merge-id", str(merge_id))
    assert code == 1 and out == ""
    assert err == (f"crm-desktop: error: merge {merge_id}: its snapshot in the audit log was "
                   "changed after it was written; refusing to use it\n")
    assert _sql(filled, "SELECT * FROM customers ORDER BY id") == before
    assert _sql(filled, "SELECT count(*) FROM audit_log") == entries
    assert "Tampered" not in json.dumps(before, default=str)

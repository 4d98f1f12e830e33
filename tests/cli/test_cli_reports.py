"""`report sales` on a small demo database: text, JSON, exports, bad input."""

from __future__ import annotations

import json

import pytest

from crm_desktop.cli import commands_reports, main
from crm_desktop.services import reports
from tests.conftest import demo_database_file


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory, template_db):
    return demo_database_file(tmp_path_factory, template_db, "cli_reports", 150, 2)


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_parser_knows_the_services_reports_and_groupings():
    assert tuple(reports.REPORTS) == commands_reports.REPORT_NAMES
    assert commands_reports.GROUPINGS == reports.DIMENSIONS


def test_json_equals_the_service(capsys, demo_path):
    from datetime import date

    from crm_desktop.storage.database import open_database

    code, out, _ = run(capsys, "report", "sales", "--db", demo_path, "--by", "owner",
                       "--from", "2025-01-01", "--to", "2025-12-31", "--json")
    data = json.loads(out)
    with open_database(demo_path) as database:
        expected = reports.sales_report(database, "owner", date(2025, 1, 1), date(2025, 12, 31))
    assert code == 0 and data == expected.to_dict()
    assert data["from"] == "2025-01-01" and data["rows"]


def test_text_and_exports(capsys, demo_path, tmp_path):
    code, out, _ = run(capsys, "report", "sales", "--db", demo_path)
    assert code == 0 and out.startswith("sales by month, all dates")
    assert "revenue" in out.splitlines()[1]
    code, out, err = run(capsys, "report", "sales", "--db", demo_path, "--by", "city", "--out",
                         tmp_path / "cities.csv")
    assert code == 0 and "rows written to" in err
    header = (tmp_path / "cities.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("city,currency,revenue,orders,deals_won")
    code, _, err = run(capsys, "report", "sales", "--db", demo_path, "--by", "product", "--out",
                       tmp_path / "products.xlsx")
    assert code == 0 and (tmp_path / "products.xlsx").stat().st_size > 0


def test_bad_input(capsys, demo_path, tmp_path):
    with pytest.raises(SystemExit):
        main(["report", "sales", "--db", str(demo_path), "--from", "yesterday"])
    assert "is not a date" in capsys.readouterr().err
    code, _, err = run(capsys, "report", "sales", "--db", demo_path, "--from", "2025-02-01",
                       "--to", "2025-01-01")
    assert code == 1 and err.strip() == "crm-desktop: error: to: 2025-01-01 is before 2025-02-01"
    code, _, err = run(capsys, "report", "sales", "--db", tmp_path / "missing.db")
    assert code == 1 and "does not exist" in err

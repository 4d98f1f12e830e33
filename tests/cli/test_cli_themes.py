"""`analytics tickets --method --themes --source`: the text themes' parameters as flags."""

from __future__ import annotations

import json

import pytest

from crm_desktop.cli import main
from tests.conftest import demo_database_file


@pytest.fixture(scope="module")
def demo(tmp_path_factory, template_db):
    return demo_database_file(tmp_path_factory, template_db, "tickets-cli", 300, 5)


def test_cli_flags(capsys, demo):
    assert main(["analytics", "tickets", "--db", str(demo), "--json", "--method", "nmf",
                 "--themes", "3", "--source", "needs"]) == 0
    report = json.loads(capsys.readouterr().out)
    q = report["quality"]
    assert (q["source"], q["method"], q["themes_chosen"]) == ("customers' needs", "NMF", "as set")
    assert {"customer_id", "theme", "theme_name"} <= set(report["rows"][0])
    assert report["detail_title"] == "Themes of customers' needs"
    for argv in (["--method", "dbscan"], ["--source", "notes"], ["--themes", "x"]):
        with pytest.raises(SystemExit):
            main(["analytics", "tickets", "--db", str(demo), *argv])

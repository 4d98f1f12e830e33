"""`campaigns create --suggested-product`: a campaign at the customers to whom the product is
suggested, its members added with a holdout; an unknown product is one line."""

from __future__ import annotations

import json

from crm_desktop.cli import main
from tests.services.test_suggested_campaigns import suggested  # noqa: F401 - a fixture


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_create_for_a_suggested_product(capsys, db, db_path, suggested):  # noqa: F811
    code, out, _ = run(capsys, "campaigns", "create", "--db", db_path,
                       "--suggested-product", "Toner", "--holdout", "0.5", "--json")
    made = json.loads(out)
    assert code == 0 and (made["product"], made["customers"], made["members"]) == (
        "Toner", 2, 2)
    code, out, _ = run(capsys, "campaigns", "create", "--db", db_path,
                       "--suggested-product", str(suggested["paper"]), "--name", "Paper week")
    assert code == 0 and "'Paper week' planned with 1 members" in out
    code, _, err = run(capsys, "campaigns", "create", "--db", db_path,
                       "--suggested-product", "Stapler")
    assert code != 0 and "suggested to no customer" in err

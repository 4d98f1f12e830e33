"""`print quote|order` and `company set|show` from the command line."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from crm_desktop.cli import main
from crm_desktop.services import sales
from crm_desktop.services.outcome import write
from crm_desktop.storage.customers import create_customer
from crm_desktop.storage.database import open_database
from crm_desktop.storage.sales import LineInput
from tests.services.test_company_profile import PNG

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="pdftotext (poppler-utils) is not installed")


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def quote_db(db_path, qapp):
    """A quote (id 1) that became an order (id 1). ``qapp``: the QApplication the UI tests
    share exists before printing could make a plain QGuiApplication."""
    with open_database(db_path) as db:
        customer = write(db, lambda s: create_customer(s, {"name": "Ada Lovelace"}).id).value
        quote = sales.create_quote(db, {"customer_id": customer, "currency": "EUR"},
                                   [LineInput("Analytical engine", 2, "1500.00")]).value
        sales.accept_quote(db, quote)
    return db_path


@needs_poppler
def test_company_set_then_print_quote_and_invoice(capsys, quote_db, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    code, out, _ = run(capsys, "company", "set", "--db", quote_db, "--name", "Babbage & Co",
                       "--address", "1 Dorset St\\nLondon", "--logo", logo, "--terms",
                       "Net 30", "--currency", "eur")
    assert code == 0 and "company details stored" in out
    code, out, _ = run(capsys, "company", "show", "--db", quote_db, "--json")
    shown = json.loads(out)
    assert shown["address"] == "1 Dorset St\nLondon" and shown["default_currency"] == "EUR"
    assert shown["logo"] == {"type": "png", "bytes": len(PNG)}
    code, _, err = run(capsys, "print", "quote", "1", "--db", quote_db, "--out",
                       tmp_path / "q.pdf")
    assert code == 0 and "quote Q-000001 written to" in err and "(1 page, en)" in err
    text = subprocess.run(["pdftotext", str(tmp_path / "q.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Babbage & Co" in text and "Ada Lovelace" in text and "€3,000.00" in text
    code, _, err = run(capsys, "print", "order", "1", "--db", quote_db, "--out",
                       tmp_path / "i.pdf", "--invoice", "--lang", "zh_CN")
    assert code == 0 and "invoice SO-000001" in err
    text = subprocess.run(["pdftotext", str(tmp_path / "i.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "发票" in text and "Net 30" in text


def test_print_refusals(capsys, quote_db, tmp_path):
    code, _, err = run(capsys, "print", "quote", "9", "--db", quote_db, "--out",
                       tmp_path / "q.pdf")
    assert code == 1 and err.strip() == "crm-desktop: error: no quote with id 9"
    code, _, err = run(capsys, "print", "quote", "1", "--db", quote_db, "--out",
                       tmp_path / "no" / "q.pdf")
    assert code == 1 and "does not exist" in err
    with pytest.raises(SystemExit):
        main(["print", "quote", "1", "--db", str(quote_db), "--out", "x.pdf", "--lang", "fr"])
    assert "documents are printed in en or zh_CN" in capsys.readouterr().err
    code, _, err = run(capsys, "company", "set", "--db", quote_db, "--logo", tmp_path / "x")
    assert code == 1 and "logo: cannot read" in err
    code, _, err = run(capsys, "company", "set", "--db", quote_db)
    assert code == 1 and "nothing to change" in err

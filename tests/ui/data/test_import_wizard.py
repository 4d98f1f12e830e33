"""The import wizard driven through its widgets; the export, duplicates, merge and backup UI."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard
from sqlalchemy import func, select

from crm_desktop.models import Customer
from crm_desktop.storage.customers import create_customer

CSV = ("Full Name,E-mail,Mobile,Rating\n"
       "Ada Lovelace,ada@example.com,(415) 555-0100,5\n"
       "Bad Row,not-an-email,,\n"
       "Alan Turing,alan@example.org,+44 20 7946 0123,4\n")


def _count(db) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(Customer)) or 0)


@pytest.fixture
def csv_file(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_wizard_imports_a_small_csv(qtbot, context, db, csv_file, tmp_path):
    from crm_desktop.ui.data.import_wizard import ImportWizard

    changed: list[str] = []
    context.changed.connect(changed.append)
    wizard = ImportWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.choose_page.file_edit.setText(str(csv_file))
    assert wizard.choose_page.isComplete()
    wizard.next()
    mapping_page = wizard.mapping_page
    qtbot.waitUntil(mapping_page.isComplete, timeout=10_000)
    assert wizard.mapping() == {"Full Name": "name", "E-mail": "email",
                                "Mobile": "phone_mobile", "Rating": "rating"}
    assert mapping_page.table.rowCount() == 4
    assert "ada@example.com" in mapping_page.table.item(1, 1).text()
    template = tmp_path / "map.json"
    from crm_desktop.storage.importing import save_template

    save_template(template, "customers", {"Rating": None})
    mapping_page.load_template_file(template)
    assert wizard.mapping()["Rating"] is None
    wizard.next()
    preview_page = wizard.preview_page
    qtbot.waitUntil(lambda: preview_page.ready, timeout=10_000)
    assert preview_page.invalid.rowCount() == 1
    assert preview_page.invalid.item(0, 0).text() == "3"
    assert preview_page.invalid.item(0, 1).text() == "email"
    assert "2 new" in preview_page.summary.text()
    assert _count(db) == 0
    _save_pages(wizard, tmp_path)
    wizard.next()
    run_page = wizard.run_page
    qtbot.waitUntil(run_page.isComplete, timeout=20_000)
    assert wizard.report is not None and wizard.report.imported == 2, run_page.status.text()
    assert "2 imported" in run_page.status.text() and run_page.bar.value() == 1000
    assert _count(db) == 2 and "customers" in changed
    with db.session() as session:
        ada = session.scalars(select(Customer).where(Customer.name == "Ada Lovelace")).one()
        assert ada.rating is None and ada.primary_phone == "+14155550100"
    wizard.accept()


def _to_preview(qtbot, wizard, path: Path, encoding: str | None = None):
    wizard.show()
    wizard.choose_page.file_edit.setText(str(path))
    if encoding is not None:
        combo = wizard.choose_page.encoding_combo
        combo.setCurrentIndex(combo.findData(encoding))
    wizard.next()
    qtbot.waitUntil(wizard.mapping_page.isComplete, timeout=10_000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.ready, timeout=10_000)
    return wizard.preview_page


def test_wizard_shows_the_encoding_and_the_combo_overrides_it(qtbot, context, db, tmp_path):
    """A GBK file with one line in UTF-8: detected GB18030, the UTF-8 line listed as invalid;
    choosing UTF-8 in the combo reads the file again in UTF-8 and lists the GBK lines."""
    from crm_desktop.ui.data.import_wizard import ImportWizard

    path = tmp_path / "gbk.csv"
    path.write_bytes("Name,City\n张伟,北京\n李娜,上海\n".encode("gbk")
                     + "王芳,广州\n".encode() + "刘洋,深圳\n".encode("gbk"))
    wizard = ImportWizard(context)
    qtbot.addWidget(wizard)
    assert wizard.choose_page.encoding_combo.currentData() == ""  # detect
    preview_page = _to_preview(qtbot, wizard, path)
    assert "GB18030" in wizard.mapping_page.status.text()
    assert "Read as GB18030 (detected" in preview_page.summary.text()
    assert preview_page.invalid.rowCount() == 1
    assert preview_page.invalid.item(0, 0).text() == "4"
    assert "line 4 is UTF-8 text" in preview_page.invalid.item(0, 3).text()
    _save_pages(wizard, tmp_path)
    wizard.back()
    wizard.back()
    preview_page = _to_preview(qtbot, wizard, path, "utf-8")
    assert wizard.source is not None and wizard.source.encoding == "utf-8"
    assert "Read as UTF-8 (chosen" in preview_page.summary.text()
    assert [preview_page.invalid.item(r, 0).text() for r in range(3)] == ["2", "3", "5"]
    wizard.reject()


def test_wizard_applies_the_cell_limit_from_settings(qtbot, context, db, tmp_path):
    from crm_desktop.ui.data.import_wizard import ImportWizard
    from crm_desktop.ui.preferences import Preferences

    Preferences(import_max_cell_chars=1000).save(context.settings)
    path = tmp_path / "long.csv"
    path.write_text("Name,Notes\nAda,short\nGrace," + "x" * 1500 + "\n", encoding="utf-8")
    wizard = ImportWizard(context)
    qtbot.addWidget(wizard)
    preview_page = _to_preview(qtbot, wizard, path)
    assert preview_page.invalid.rowCount() == 1
    assert "more than the import limit of 1,000" in preview_page.invalid.item(0, 3).text()
    wizard.reject()


def _save_pages(wizard: QWizard, folder: Path) -> None:
    """PNG of the current page (look at them: tests/ui renders offscreen)."""
    wizard.grab().save(str(folder / f"wizard_{wizard.currentId()}.png"))


def test_wizard_abort_on_invalid_writes_nothing(qtbot, context, db, csv_file):
    from crm_desktop.ui.data.import_wizard import ImportWizard

    wizard = ImportWizard(db)  # a bare database works too (the wizard makes its own runner)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.choose_page.file_edit.setText(str(csv_file))
    wizard.next()
    qtbot.waitUntil(wizard.mapping_page.isComplete, timeout=10_000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.ready, timeout=10_000)
    wizard.preview_page.abort_invalid.setChecked(True)
    wizard.next()
    qtbot.waitUntil(wizard.run_page.isComplete, timeout=20_000)
    assert "row 3, email" in wizard.run_page.status.text()
    assert "Nothing was imported" in wizard.run_page.status.text()
    assert _count(db) == 0
    wizard.reject()
    assert wizard.services.runner.shutdown(timeout_ms=10_000)


def test_wizard_reports_an_unreadable_file(qtbot, context, tmp_path, monkeypatch):
    from crm_desktop.ui import errors
    from crm_desktop.ui.data.import_wizard import ImportWizard

    shown: list[object] = []
    monkeypatch.setattr("crm_desktop.ui.data.import_pages.show_error",
                        lambda parent, error: shown.append(error))
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    wizard = ImportWizard(context)
    qtbot.addWidget(wizard)
    wizard.choose_page.file_edit.setText(str(empty))
    wizard.show()
    wizard.next()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "is empty" in wizard.mapping_page.status.text()
    assert not wizard.mapping_page.isComplete()
    assert errors.describe(shown[0]).endswith("is empty")
    wizard.reject()


def test_export_dialog_writes_the_file(qtbot, context, db, tmp_path):
    from crm_desktop.ui.data.export_dialog import ExportDialog

    with db.session() as session:
        create_customer(session, {"name": "Ada", "city": "Paris"}, phones=["+14155550100"])
        create_customer(session, {"name": "Bob", "city": "Rome"})
    out = tmp_path / "out.csv"
    dialog = ExportDialog(context, "customers", filters=[("city", "eq", "Paris")])
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(out))
    dialog.start_export()
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=10_000)
    assert dialog.written == 1
    assert "'+14155550100" in out.read_text("utf-8-sig")
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("vcf"))
    assert dialog.path_edit.text().endswith(".vcf")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("orders"))
    assert dialog.format_combo.findData("vcf") == -1


def test_duplicates_merge_and_undo(qtbot, context, db):
    from crm_desktop.ui.data.duplicates_dialog import DuplicatesDialog
    from crm_desktop.ui.data.merge_dialog import MergeDialog

    with db.session() as session:
        one = create_customer(session, {"name": "John Smith", "city": "Paris"},
                              emails=["john@example.com"]).id
        two = create_customer(session, {"name": "Jon Smith", "job_title": "CTO"},
                              emails=["JOHN@example.com"]).id
    dialog = DuplicatesDialog(context, context.undo_stack)
    qtbot.addWidget(dialog)
    dialog.search()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
    merge = MergeDialog(context, one, two)
    qtbot.addWidget(merge)
    assert merge.choice("job_title") == "loser" and merge.choice("city") == "survivor"
    merge.set_choice("city", "loser")
    merge.accept()
    assert merge.merge_id is not None
    dialog.record_merge(merge)
    with db.session() as session:
        assert session.get(Customer, two).deleted_at is not None
        assert session.get(Customer, one).job_title == "CTO"
    assert context.undo_stack.canUndo()
    context.undo_stack.undo()
    with db.session() as session:
        assert session.get(Customer, two).deleted_at is None
        assert session.get(Customer, one).job_title is None
    context.undo_stack.redo()
    with db.session() as session:
        assert session.get(Customer, two).deleted_at is not None


def test_backup_actions(qtbot, context, db, db_path, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from crm_desktop.ui import backup_actions

    made = backup_actions.auto_backup(db_path, keep=2)
    assert made is not None and made.exists()
    target = tmp_path / "manual.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert backup_actions.backup_now(db, None, wait=True) == target and target.exists()
    with db.session() as session:
        create_customer(session, {"name": "After the backup"})
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    safety = backup_actions.restore_from(db_path, None)
    assert safety is not None and safety.exists()
    assert _count(db) == 0


def test_wizard_lists_a_kept_phone_number(qtbot, context, db, tmp_path):
    """A phone of the right length outside phonenumbers' known ranges is imported and listed
    as kept (issue 10, bug 3)."""
    from crm_desktop.ui.data.import_wizard import ImportWizard

    path = tmp_path / "sg.csv"
    path.write_text("Full Name,Mobile\nTan Wei,+6599824833\nLim,+65 998\n", encoding="utf-8")
    wizard = ImportWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.choose_page.file_edit.setText(str(path))
    wizard.next()
    qtbot.waitUntil(wizard.mapping_page.isComplete, timeout=10_000)
    wizard.next()
    preview_page = wizard.preview_page
    qtbot.waitUntil(lambda: preview_page.ready, timeout=10_000)
    table = preview_page.invalid
    rows = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert [row[:2] for row in rows] == [["3", "phone_mobile"], ["2", "phone_mobile"]]
    assert "Singapore (SG)" in rows[0][3] and not rows[0][3].startswith("Kept")
    assert rows[1][3].startswith("Kept: +65 9982 4833 is not a valid number for Singapore")
    assert "1 new" in preview_page.summary.text()
    assert "Kept with a warning: 1" in preview_page.summary.text()
    _save_pages(wizard, tmp_path)
    wizard.next()
    qtbot.waitUntil(wizard.run_page.isComplete, timeout=20_000)
    assert wizard.report.imported == 1 and len(wizard.report.warnings) == 1
    wizard.accept()


def test_cancel_is_disabled_once_the_import_has_landed(qtbot, context, db):
    """The search indexing runs after the import's commit: cancelling then cannot undo the
    import, so the button goes grey (and the step is named, translated)."""
    from crm_desktop.ui.data.import_wizard import ImportWizard

    wizard = ImportWizard(context)
    qtbot.addWidget(wizard)
    page = wizard.run_page
    page._progress(0.5, "importing customers")
    assert page.cancel_button.isEnabled() and page.status.text() == "Importing customers…"
    page._progress(0.8, "indexing for search")
    assert not page.cancel_button.isEnabled()
    assert page.status.text() == "Indexing for search…"

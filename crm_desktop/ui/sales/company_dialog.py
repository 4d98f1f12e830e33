"""The company details printed on quotes, orders and invoices: name, address, tax id,
contacts, terms, logo and the default currency of new records. Saved through
`services.company_profile` (one audited write); the caller pushes the undo step, which saves
the profile as it was before."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from crm_desktop.services import company_profile
from crm_desktop.services.company_profile import CompanyProfile, Logo
from crm_desktop.services.outcome import Outcome
from crm_desktop.storage.database import Database
from crm_desktop.ui.dialogs.form import FormDialog
from crm_desktop.ui.qt_typed import named

_LINES = ("name", "tax_id", "email", "phone", "website")


class CompanyDialog(FormDialog):
    """After a save: ``before_profile`` (the profile as it was) and ``outcome``."""

    field_aliases = {"currency": "default_currency"}  # services.money names it "currency"

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Company details for printing"), "companyDialog", parent)
        self.database = database
        self.profile = company_profile.load_profile(database)
        self.before_profile: CompanyProfile = self.profile
        self.outcome: Outcome[CompanyProfile] | None = None
        self.logo: Logo | None = self.profile.logo
        titles = {"name": self.tr("Company name"), "tax_id": self.tr("Tax id"),
                  "email": self.tr("Email"), "phone": self.tr("Phone"),
                  "website": self.tr("Website")}
        for key in _LINES:
            self.add_field(key, titles[key], QLineEdit(getattr(self.profile, key)))
        address = QPlainTextEdit(self.profile.address)
        address.setMaximumHeight(64)
        self.add_field("address", self.tr("Address"), address)
        terms = QPlainTextEdit(self.profile.terms)
        terms.setMaximumHeight(64)
        self.add_field("terms", self.tr("Terms"), terms,
                       hint=self.tr("Printed under the totals, e.g. payment within 30 days"))
        currency = QLineEdit(self.profile.default_currency)
        currency.setMaxLength(3)
        self.add_field("default_currency", self.tr("Default currency"), currency)
        logo_box = QWidget()
        row = QHBoxLayout(logo_box)
        row.setContentsMargins(0, 0, 0, 0)
        self.logo_preview = named(QLabel(), "logoPreview")
        self.logo_preview.setFixedHeight(40)
        choose = named(QPushButton(self.tr("Choose…")), "chooseLogo")
        choose.clicked.connect(self.ask_logo)
        remove = named(QPushButton(self.tr("Remove")), "removeLogo")
        remove.clicked.connect(lambda: self.set_logo(None))
        row.addWidget(self.logo_preview, 1)
        row.addWidget(choose)
        row.addWidget(remove)
        self.add_field("logo", self.tr("Logo"), logo_box)
        self.set_logo(self.logo)
        self.resize(480, self.sizeHint().height())

    def ask_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the logo"), "",
            self.tr("Images (*.png *.jpg *.jpeg *.gif *.bmp)"))
        if path:
            self.load_logo(path)

    def load_logo(self, path: str) -> None:
        """Check the image (type, at most 2 MB); a bad file is named under the field."""
        from crm_desktop.storage.errors import ValidationError

        self.clear_errors()
        try:
            self.set_logo(company_profile.logo_from_file(path))
        except ValidationError as error:
            self.set_error("logo", error.message)

    def set_logo(self, logo: Logo | None) -> None:
        self.logo = logo
        if logo is None:
            self.logo_preview.setText(self.tr("(no logo)"))
            return
        pixmap = QPixmap()
        pixmap.loadFromData(logo.data)
        self.logo_preview.setPixmap(pixmap.scaledToHeight(
            36, Qt.TransformationMode.SmoothTransformation))

    def changes(self) -> dict[str, Any]:
        values: dict[str, Any] = {key: self.text(key) or "" for key in (*_LINES, "address",
                                                                        "terms")}
        values["default_currency"] = self.text("default_currency") or ""
        values["logo"] = self.logo
        return values

    def save(self) -> None:
        self.before_profile = company_profile.load_profile(self.database)
        self.outcome = company_profile.save_profile(self.database, self.changes())

"""File > Backup…: back up now, restore, and the automatic backup settings (when, keep N)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.storage import backup as storage_backup
from crm_desktop.ui import backup_actions
from crm_desktop.ui.data.data_common import DatabaseOrContext, database_path, services
from crm_desktop.ui.qt_typed import named
from crm_desktop.ui.theme import spin_box_look


class BackupDialog(QDialog):
    """`BackupDialog(database_or_context, parent)`."""

    def __init__(self, database: DatabaseOrContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupDialog")
        self.setWindowTitle(self.tr("Backups"))
        self.services = services(database, self)
        self.path = database_path(database)
        settings = self.services.settings
        self.keep = named(spin_box_look(QSpinBox()), "keepSpin")
        self.keep.setRange(1, 999)
        self.keep.setValue(backup_actions.keep_setting(settings))
        self.keep.valueChanged.connect(lambda n: settings.setValue(backup_actions.KEEP_KEY, n))
        self.when = named(QComboBox(), "autoCombo")
        for value, label in (("startup", self.tr("When the app starts")),
                             ("exit", self.tr("When the app closes")),
                             ("both", self.tr("When it starts and when it closes")),
                             ("off", self.tr("Never"))):
            self.when.addItem(label, value)
        self.when.setCurrentIndex(self.when.findData(backup_actions.auto_setting(settings)))
        self.when.currentIndexChanged.connect(
            lambda _i: settings.setValue(backup_actions.AUTO_KEY, self.when.currentData()))
        self.list = named(QListWidget(), "backupList")
        form = QFormLayout()
        form.addRow(self.tr("Automatic backup:"), self.when)
        form.addRow(self.tr("Keep the newest:"), self.keep)
        now = named(QPushButton(self.tr("Back up now…")), "backupNow")
        now.clicked.connect(self._backup_now)
        restore = named(QPushButton(self.tr("Restore from backup…")), "restoreButton")
        restore.clicked.connect(self._restore)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(now, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(restore, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Automatic backups (newest first):")))
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.refresh()
        self.resize(560, 420)

    def refresh(self) -> None:
        self.list.clear()
        if self.path is None:
            return
        folder = storage_backup.default_folder(self.path)
        for path in reversed(storage_backup.backups(folder)):
            self.list.addItem(path.name)

    def _backup_now(self) -> None:
        backup_actions.backup_now(self.services.context or self.services.database, self)

    def _restore(self) -> None:
        if self.path is not None and backup_actions.restore_from(
                self.path, self.parentWidget(), self.services.apply,
                passphrase=self.services.database.passphrase):
            self.refresh()


def open_dialog(context: DatabaseOrContext, parent: QWidget | None = None) -> BackupDialog:
    dialog = BackupDialog(context, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog

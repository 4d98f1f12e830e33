"""Errors of the importers: a message for the user naming the file, row and field."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crm_desktop.storage.errors import StorageError

if TYPE_CHECKING:
    from crm_desktop.storage.importing.api import ImportReport


class ImportError_(StorageError):  # noqa: N801 - the trailing _ keeps it apart from the builtin
    """The file cannot be imported (unreadable, empty, not a table, ...); nothing was written."""


class ImportAborted(ImportError_):
    """Invalid rows were found and the user chose to abort; `report` lists them."""

    def __init__(self, message: str, report: ImportReport) -> None:
        super().__init__(message)
        self.report = report


class ImportCancelled(ImportError_):
    """The user cancelled; the transaction was rolled back."""

    def __init__(self, message: str = "import cancelled: nothing was imported") -> None:
        super().__init__(message)

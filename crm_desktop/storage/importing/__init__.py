"""Importing customers, orders, opportunities, tickets and interactions from CSV, Excel, vCard.

Public API: `read_source`, `preview`, `run_import`, `ImportReport`, `Preview`, `InvalidValue`,
the errors `ImportError_`, `ImportAborted`, `ImportCancelled`, and (in `mapping`)
`guess_mapping`, `save_template`, `load_template`.
"""

from crm_desktop.storage.importing.api import (
    ImportReport,
    Preview,
    preview,
    read_source,
    resolve_mapping,
    run_import,
)
from crm_desktop.storage.importing.errors import ImportAborted, ImportCancelled, ImportError_
from crm_desktop.storage.importing.fields import FIELDS, KINDS
from crm_desktop.storage.importing.mapping import guess_mapping, load_template, save_template
from crm_desktop.storage.importing.validate import InvalidValue

__all__ = [
    "FIELDS", "KINDS", "ImportAborted", "ImportCancelled", "ImportError_", "ImportReport",
    "InvalidValue", "Preview", "guess_mapping", "load_template", "preview", "read_source",
    "resolve_mapping", "run_import", "save_template",
]

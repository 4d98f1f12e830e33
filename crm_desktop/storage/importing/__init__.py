"""Importing customers, orders, opportunities, tickets and interactions from CSV, Excel, vCard.

Public API: `read_source`, `preview`, `run_import`, `ImportReport`, `Preview`, `InvalidValue`,
the errors `ImportError_`, `ImportAborted`, `ImportCancelled`, and (in `mapping`)
`guess_mapping`, `save_template`, `load_template`.

The names are loaded when first used (PEP 562): the import's checking process
(`importing.parallel`) imports modules of this package without SQLAlchemy and the models,
which `api` needs (they would double its start-up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crm_desktop.storage.importing.api import (
        ImportReport,
        Preview,
        preview,
        read_source,
        resolve_mapping,
        run_import,
    )
    from crm_desktop.storage.importing.errors import (
        ImportAborted,
        ImportCancelled,
        ImportError_,
    )
    from crm_desktop.storage.importing.fields import FIELDS, KINDS
    from crm_desktop.storage.importing.mapping import (
        guess_mapping,
        load_template,
        save_template,
    )
    from crm_desktop.storage.importing.validate import InvalidValue

__all__ = [
    "FIELDS", "KINDS", "ImportAborted", "ImportCancelled", "ImportError_", "ImportReport",
    "InvalidValue", "Preview", "guess_mapping", "load_template", "preview", "read_source",
    "resolve_mapping", "run_import", "save_template",
]


def __getattr__(name: str) -> Any:
    """The public names, each imported on first use (import statements the layer contracts
    see, no import by string)."""
    if name in ("ImportReport", "Preview", "preview", "read_source", "resolve_mapping",
                "run_import"):
        from crm_desktop.storage.importing import api

        value = getattr(api, name)
    elif name in ("ImportAborted", "ImportCancelled", "ImportError_"):
        from crm_desktop.storage.importing import errors

        value = getattr(errors, name)
    elif name in ("FIELDS", "KINDS"):
        from crm_desktop.storage.importing import fields

        value = getattr(fields, name)
    elif name in ("guess_mapping", "load_template", "save_template"):
        from crm_desktop.storage.importing import mapping

        value = getattr(mapping, name)
    elif name == "InvalidValue":
        from crm_desktop.storage.importing import validate

        value = getattr(validate, name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value

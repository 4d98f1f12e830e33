"""Typed stand-ins for two PySide6 conveniences its type stubs reject, so mypy checks the ui.

- `named(widget, "saveButton")`: sets the objectName (what tests and accessibility tools find
  a widget by) and returns the widget, where PySide6 would accept `QPushButton(text,
  objectName="saveButton")` at run time but its stubs do not.
- `translate(context, text)`: `QCoreApplication.translate` with a `str` result and a short name.
- `QT_TRANSLATE_NOOP(context, text)`: marks a source text for translation (lupdate looks for the
  name) and returns it as a `str` (PySide6's returns `object` in its stubs).
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject

Q = TypeVar("Q", bound=QObject)


def named(widget: Q, name: str) -> Q:
    widget.setObjectName(name)
    return widget


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate finds
    return text


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`QCoreApplication.translate`, shorter at call sites outside a QObject; lupdate reads
    `translate("Context", "text")` calls by this name (the context must be a literal)."""
    return QCoreApplication.translate(context, text, disambiguation, n)

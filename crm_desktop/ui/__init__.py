"""Qt user interface: the only package that imports PySide6."""

from crm_desktop.ui import qt_fixes as _qt_fixes

_qt_fixes.install()  # PySide6 6.12.0 emit() reference bug: see qt_fixes.py

"""Work-arounds for bugs of the Qt binding, applied once when `crm_desktop.ui` is imported.

PySide6 6.12.0 returns `True`/`False` from `SignalInstance.emit()` and `.disconnect()` without
taking a reference: every call from Python lowers the reference count of `True`, and after a few
hundred emits CPython aborts ("bool_dealloc: deallocating True or False"). The fix below is only
installed when a quick probe shows the bug, so a fixed PySide6 is left alone.
"""

from __future__ import annotations

import ctypes
import logging
import sys
import warnings
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

_PROBES = 16
_installed = False


def _bool_refs() -> int:
    return sys.getrefcount(True) + sys.getrefcount(False)


def _drops_references(call: Callable[[], Any]) -> bool:
    before = _bool_refs()
    for _ in range(_PROBES):
        call()
    return before - _bool_refs() >= _PROBES


def _add_reference(method: Callable[..., Any], name: str) -> Callable[..., Any]:
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    incref.restype = None

    def fixed(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = method(self, *args, **kwargs)
        if result is True or result is False:
            incref(result)
        return result

    # (Not copying __doc__: reading a PySide method's __doc__ builds every QtCore signature,
    # ~50 ms of start-up.)
    fixed.__name__ = name
    return fixed


def install() -> None:
    """Probe `emit` and `disconnect`; wrap the ones that drop a reference to a bool."""
    global _installed
    if _installed:
        return
    _installed = True
    from PySide6.QtCore import QObject, Signal, SignalInstance

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()

    def handler() -> None:
        pass

    def connect_and_disconnect() -> None:
        probe.ping.connect(handler)
        probe.ping.disconnect(handler)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        broken_emit = _drops_references(probe.ping.emit)
        broken_disconnect = _drops_references(connect_and_disconnect)
    if broken_emit:
        SignalInstance.emit = _add_reference(SignalInstance.emit, "emit")  # type: ignore[method-assign]
    if broken_disconnect:
        SignalInstance.disconnect = _add_reference(  # type: ignore[method-assign]
            SignalInstance.disconnect, "disconnect")
    if broken_emit or broken_disconnect:
        log.debug("PySide6 bool reference fix installed (emit=%s, disconnect=%s)",
                  broken_emit, broken_disconnect)
    probe.deleteLater()
    _pin_none()


def _pin_none() -> None:
    """PySide6 6.12.0 on Python 3.11 also returns `None` from every void method (`setPen`,
    `setText`, `resize`, ...) without taking a reference, so painting a few thousand items
    aborts the process ("none_dealloc: deallocating None"). `None` is never freed anyway, so
    when the probe shows the bug its reference count is raised far beyond reach, which is what
    Python 3.12 does for every interpreter singleton (immortal objects)."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.setObjectName("probe")
    if before - sys.getrefcount(None) >= _PROBES:
        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
        log.debug("PySide6 None reference fix installed")

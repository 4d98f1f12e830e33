"""Work done in steps of the event loop, so the window repaints and answers in between.

`next_step(receiver, fn)` runs `fn` in a later step: after the timers that are due, input and
paint. A 0 ms single shot is a posted call instead, and Qt runs a chain of posted calls (each
step posting the next) before any timer: a page built or filled "in steps" that way still kept
the window's timers (and a heartbeat that measures stalls) waiting for the whole chain.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

STEP_MS = 1  # a timer: other timers due, input and paint events run before it


def next_step(receiver: QObject, fn: Callable[[], object]) -> None:
    """Run `fn` in a later step of the event loop (not at all once `receiver` is deleted)."""
    QTimer.singleShot(STEP_MS, receiver, fn)

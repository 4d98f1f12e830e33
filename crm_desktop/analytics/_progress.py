"""Progress reporting and cancellation shared by the long-running analytics functions.

A worker passes ``progress(fraction, message)`` to drive a progress bar and ``cancelled()`` to ask
the computation to stop; :func:`report` forwards the progress and raises :class:`Cancelled` when
the cancel check is true. Both callables are optional so every function also runs headless.
"""

from __future__ import annotations

from collections.abc import Callable

ProgressFn = Callable[[float, str], None]
CancelFn = Callable[[], bool]


class Cancelled(Exception):
    """Raised inside an analytics function when the caller's ``cancelled()`` returned true."""


def report(
    progress: ProgressFn | None,
    cancelled: CancelFn | None,
    fraction: float,
    message: str,
) -> None:
    """Check for cancellation, then report ``fraction`` (clamped to 0..1) and ``message``.

    Raises :class:`Cancelled` when ``cancelled()`` is true, before reporting anything.
    """
    if cancelled is not None and cancelled():
        raise Cancelled(message)
    if progress is not None:
        progress(min(1.0, max(0.0, float(fraction))), message)

"""The window's warm-up, run in a worker while the window is idle after start: the pages'
modules imported and their `prepare` steps run before anyone chooses a page."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database
    from crm_desktop.ui.pages.base import Page

log = logging.getLogger(__name__)


def load_pages(loaders: list[Callable[[], type[Page]]], prepares: list[Callable[[], None]],
               reads: list[Callable[[Database], object]], database: Database,
               cancelled: Callable[[], bool]) -> list[Callable[[], None]]:
    """Import the pages' modules (in a worker), so showing a page only builds its widgets; then
    run the pages' `prepare` steps (the heavy imports their first build and first load need:
    pandas, the charts), then the reads their builds make on the GUI thread (`warm_read`: the
    statements compiled once, here). Returns the prepare steps done.

    Run while the window is idle after start: a prepare step run when its page was chosen held
    the GIL in module initialisation for stretches of 80-270 ms (pandas for the pipeline's
    target line at 100k customers), which the GUI thread, building the page, waited for."""
    for load in loaders:
        if cancelled():
            return []
        try:
            load()
        except Exception:  # the page shows the error when it is opened
            log.debug("page module could not be imported", exc_info=True)
    done: list[Callable[[], None]] = []
    for prepare in prepares:
        if cancelled():
            break
        try:
            prepare()
        except Exception:  # run again (and reported) when its page is opened
            log.debug("page preparation failed", exc_info=True)
            continue
        done.append(prepare)
    for warm in reads:
        if cancelled():
            break
        try:
            warm(database)
        except Exception:  # the page's build makes the read again (and reports it)
            log.debug("page warm-up read failed", exc_info=True)
    return done

"""Runs `crm-desktop --self-test` with one step broken on purpose (tests/test_self_test.py runs
this in a subprocess: `python -m tests.self_test_targets STEP [ARGS]`)."""

from __future__ import annotations

import sys
from typing import Any


def broken_analysis(database: Any, name: str, params: Any, progress: Any = None,
                    cancelled: Any = None, frames: Any = None) -> Any:
    """Run in the background process instead of the real analysis (passed by reference)."""
    raise ValueError("deliberately broken analysis")


def _broken_step(state: Any) -> str:
    raise OSError("deliberately broken step")


def main(broken: str, *argv: str) -> int:
    import crm_desktop.self_test as self_test
    from crm_desktop.cli import main as cli_main

    if broken == "analysis":  # fails for real, in the background process
        self_test.analysis_function = lambda: broken_analysis
    else:
        self_test.STEPS = [(name, _broken_step if name == broken else step)
                           for name, step in self_test.STEPS]
    return cli_main(["--self-test", *argv])


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:]))

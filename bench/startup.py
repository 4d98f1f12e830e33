"""Start-to-window time of the app, frozen or from source (prints figures, asserts nothing).

    python bench/startup.py                                   # from source (python -m crm_desktop)
    python bench/startup.py --exe dist/crm-desktop/crm-desktop  # the frozen one-folder app
    python bench/startup.py --exe dist/crm-desktop/crm-desktop --source   # both, same database

Each run starts the app as a user would (`gui --db FILE` on a demo database made once), with
CRM_DESKTOP_QUIT_WHEN_SHOWN set: the app prints a line when its window is shown and another when
the first customer rows are, then quits. The time is from just before the process is started to
each line, so it includes everything a user waits for (the frozen bootloader, imports, Qt).
Settings and data folders point into a temporary folder. The first run of each is reported apart
(cold file cache); the median and range are over the rest.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crm_desktop.app import QUIT_WHEN_SHOWN  # noqa: E402


def make_database(folder: Path, customers: int) -> Path:
    from crm_desktop.storage.database import open_database
    from crm_desktop.storage.demo.generate import generate

    path = folder / "startup.db"
    database = open_database(path)
    generate(database, customers, seed=3)
    database.close()
    return path


def one_run(command: list[str], env: dict[str, str]) -> tuple[float, float | None]:
    """Seconds from the start to 'window shown' and to 'rows shown' (None if it never came)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               env=env, text=True)
    window = rows = None
    assert process.stdout is not None
    for line in process.stdout:
        now = time.perf_counter() - started
        if "window shown" in line:
            window = now
        elif "rows shown" in line:
            rows = now
    process.wait(timeout=60)
    if window is None:
        raise SystemExit(f"{' '.join(command)}: no 'window shown' line (exit {process.returncode})")
    return window, rows


def measure(label: str, command: list[str], env: dict[str, str], runs: int) -> None:
    results = [one_run(command, env) for _ in range(runs + 1)]
    first, rest = results[0], results[1:]

    def figures(values: list[float]) -> str:
        return (f"median {statistics.median(values):.2f} s (min {min(values):.2f}, "
                f"max {max(values):.2f})")

    windows = [w for w, _ in rest]
    rows = [r for _, r in rest if r is not None]
    print(f"{label}: window shown: first {first[0]:.2f} s, then {figures(windows)}")
    if rows:
        first_rows = f"{first[1]:.2f} s" if first[1] is not None else "-"
        print(f"{label}: first rows:   first {first_rows}, then {figures(rows)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--exe", type=Path, help="the frozen app's executable")
    parser.add_argument("--source", action="store_true",
                        help="with --exe: also measure from source, for comparison")
    parser.add_argument("--runs", type=int, default=5, help="runs after the first (default 5)")
    parser.add_argument("--customers", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="crm-desktop-startup-") as name:
        folder = Path(name)
        database = make_database(folder, args.customers)
        env = dict(os.environ, **{QUIT_WHEN_SHOWN: "1"},
                   XDG_CONFIG_HOME=str(folder / "config"), XDG_DATA_HOME=str(folder / "data"))
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        print(f"{args.customers:,} customers; Qt platform {env['QT_QPA_PLATFORM']}; "
              f"{args.runs} runs after the first")
        arguments = ["gui", "--db", str(database)]
        if args.exe is not None:
            measure("frozen", [str(args.exe.resolve()), *arguments], env, args.runs)
        if args.exe is None or args.source:
            measure("source", [sys.executable, "-m", "crm_desktop", *arguments], env, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

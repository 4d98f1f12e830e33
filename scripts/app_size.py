"""How big the frozen app is and what takes the room.

    python scripts/app_size.py [dist/crm-desktop] [--top 15] [--max-mb 400]

Prints the folder's total (as `du` counts it: MiB of whole files) and its largest entries: the
executable and each item of the bundle folder (_internal/: a package such as PySide6 or scipy,
or a single library), with PySide6's Qt libraries counted on their own. With --max-mb, exits 1
when the total is over that budget.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

MIB = 1024 * 1024


def size_of(path: Path) -> int:
    if path.is_symlink():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def entries(folder: Path) -> list[tuple[int, str]]:
    """(bytes, name relative to the folder) of the executable and each bundle item."""
    found: list[tuple[int, str]] = []
    for item in folder.iterdir():
        if item.is_dir() and item.name in ("_internal", "Frameworks", "Resources"):
            for inner in item.iterdir():
                qt = inner / "Qt" / "lib"
                if inner.name == "PySide6" and qt.is_dir():
                    found.append((size_of(qt), f"{item.name}/PySide6/Qt/lib"))
                    found.append((size_of(inner) - size_of(qt), f"{item.name}/PySide6 (rest)"))
                else:
                    found.append((size_of(inner), f"{item.name}/{inner.name}"))
        else:
            found.append((size_of(item), item.name))
    return sorted(found, reverse=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=Path("dist/crm-desktop"))
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--max-mb", type=float, help="fail when the total is over this (MiB)")
    args = parser.parse_args()
    if not args.folder.is_dir():
        print(f"app_size: {args.folder} is not a folder (build the app first)", file=sys.stderr)
        return 2
    total = size_of(args.folder)
    files = sum(1 for p in args.folder.rglob("*") if p.is_file())
    print(f"{args.folder}: {total / MIB:.0f} MB in {files:,} files; largest entries:")
    for size, name in entries(args.folder)[:args.top]:
        print(f"  {size / MIB:7.1f} MB  {name}")
    if args.max_mb is not None and total / MIB > args.max_mb:
        print(f"app_size: {total / MIB:.0f} MB is over the budget of {args.max_mb:.0f} MB",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

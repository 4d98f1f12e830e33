"""Benchmark of the audit hash chain (prints figures, asserts nothing).

    python bench/audit_chain.py [--entries 100000]

On a fresh database: writing N audit entries sealed onto the chain (`audit_chain.append`, one
transaction) against the same rows inserted unsealed (the baseline: what writing them cost
before the chain), then verifying the whole chain (`audit_chain.verify`, what `check` adds)
against reading the same rows (`SELECT ... ORDER BY id`, the baseline), and checking one entry
(`is_intact`, what unmerge adds).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_desktop.models import new_uuid  # noqa: E402
from crm_desktop.storage import audit_chain  # noqa: E402
from crm_desktop.storage.database import open_database  # noqa: E402

_PLAIN = (f"INSERT INTO audit_log ({', '.join(audit_chain.CONTENT)}) "
          f"VALUES ({', '.join('?' * len(audit_chain.CONTENT))})")


def _rows(count: int) -> list[tuple[object, ...]]:
    at = "2026-01-01 10:00:00.000000"
    return [(new_uuid(), at, at, "customers", i, new_uuid(), "update", "city", "Oslo",
             f"City {i}", at, "li", "laptop") for i in range(count)]


def _timed(action) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    args = parser.parse_args()
    rows = _rows(args.entries)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        open_database(path).close()
        connection = sqlite3.connect(path)
        cursor = connection.cursor()
        plain = _timed(lambda: (cursor.executemany(_PLAIN, rows), connection.rollback()))
        sealed = _timed(lambda: (audit_chain.append(cursor, rows), connection.commit()))
        read = _timed(lambda: cursor.execute(
            "SELECT * FROM audit_log ORDER BY id").fetchall())
        problems: list[str] = []
        verify = _timed(lambda: problems.extend(audit_chain.verify(cursor)))
        middle = args.entries // 2
        one = _timed(lambda: audit_chain.is_intact(cursor, middle))
        connection.close()
    n = args.entries
    print(f"{n:,} audit entries")
    print(f"write unsealed (baseline) {plain:8.3f} s")
    print(f"write sealed              {sealed:8.3f} s   x{sealed / plain:.2f} of the baseline, "
          f"{sealed / n * 1e6:.1f} µs per entry")
    print(f"read all (baseline)       {read:8.3f} s")
    print(f"verify the chain          {verify:8.3f} s   x{verify / read:.2f} of reading, "
          f"{len(problems)} problems")
    print(f"check one entry           {one * 1000:8.3f} ms")


if __name__ == "__main__":
    main()

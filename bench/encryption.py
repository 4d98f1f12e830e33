"""What encryption at rest costs: the same demo database plain and encrypted (SQLCipher), timed
side by side in one run (prints figures, asserts nothing).

    python bench/encryption.py --customers 20000

Steps: open (key derivation + schema check), generate (bulk load), count customers, a search,
the first customers page, an online backup, and encrypting / decrypting the whole file.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_desktop.storage import backup, encryption  # noqa: E402
from crm_desktop.storage.database import open_database  # noqa: E402
from crm_desktop.storage.demo.generate import generate  # noqa: E402

PASSPHRASE = "bench passphrase"


def timed(fn: Callable[[], Any], repeat: int = 1) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(folder: Path, customers: int, passphrase: str | None) -> dict[str, float]:
    from crm_desktop.storage.lists.core import ListQuery, fetch_page
    from crm_desktop.storage.lists.customers import customer_list
    from crm_desktop.storage.search.customers import find_customers

    path = folder / ("secret.db" if passphrase else "plain.db")
    figures: dict[str, float] = {}
    database = open_database(path, passphrase=passphrase)
    figures["generate"] = timed(lambda: generate(database, customers, seed=1))
    database.close()

    def reopen() -> None:
        open_database(path, passphrase=passphrase).close()

    figures["open"] = timed(reopen, repeat=3)
    database = open_database(path, passphrase=passphrase)

    def count() -> None:
        with database.engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM orders").scalar()

    figures["count orders"] = timed(count, repeat=3)
    figures["search 'li'"] = timed(lambda: find_customers(database, "li", limit=50), repeat=3)
    query = ListQuery(customer_list())
    figures["first page"] = timed(lambda: fetch_page(database, query, (0, 200, False)),
                                  repeat=3)
    figures["backup"] = timed(
        lambda: backup.backup(path, folder / "backups", passphrase=passphrase))
    database.close()
    figures["size MB"] = path.stat().st_size / 1e6
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "p").mkdir()
        (folder / "e").mkdir()
        plain = measure(folder / "p", args.customers, None)
        secret = measure(folder / "e", args.customers, PASSPHRASE)
        print(f"{args.customers:,} customers     plain    encrypted   ratio")
        for step in plain:
            unit = "" if step.endswith("MB") else " s"
            print(f"{step:<16} {plain[step]:8.3f}{unit}  {secret[step]:8.3f}{unit}  "
                  f"{secret[step] / plain[step] if plain[step] else float('nan'):6.2f}x")
        path = folder / "p" / "plain.db"
        print(f"encrypt file     {timed(lambda: encryption.encrypt(path, PASSPHRASE)):8.3f} s")
        print(f"decrypt file     {timed(lambda: encryption.decrypt(path, PASSPHRASE)):8.3f} s")


if __name__ == "__main__":
    main()

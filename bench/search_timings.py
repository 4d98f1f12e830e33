"""Search latency by query kind, beside a raw FTS5 trigram query (imported by bench/storage.py).

    python bench/search_timings.py DB            # every kind, through SQLAlchemy
    python bench/search_timings.py DB --email [N] [--no-trigram] [--cpu]  # email and domain

Queries are sampled from the database itself (seeded), so every kind has real hits:
prefix (first three letters of an English name), substring (three letters from the middle),
Chinese two-character (a two-character piece of a Chinese name), email, phone digits.
"""

from __future__ import annotations

import random
import re
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from crm_desktop.storage.database import open_database
from crm_desktop.storage.search.customers import search_customers

_CJK = re.compile(r"[\u4e00-\u9fff]")
# What the email figures time: wall time, or with --cpu the searching thread's CPU time (on a
# machine shared with other benchmarks, wall-time p95 measures the scheduler more than the
# search: a search that waits for a core shows its time slice).
CLOCK = time.perf_counter


def sample_queries(path: Path, per_kind: int = 200, seed: int = 7) -> dict[str, list[str]]:
    rng = random.Random(seed)
    connection = sqlite3.connect(path)
    max_id = connection.execute("SELECT max(id) FROM customers").fetchone()[0] or 0
    names_latin: list[str] = []
    names_cjk: list[str] = []
    emails: list[str] = []
    phones: list[str] = []
    for _ in range(per_kind * 20):
        if min(len(names_latin), len(names_cjk), len(emails), len(phones)) >= per_kind:
            break
        row = connection.execute(
            "SELECT c.name, (SELECT normalized FROM contact_points WHERE customer_id = c.id "
            "AND kind = 'email' LIMIT 1), (SELECT normalized FROM contact_points "
            "WHERE customer_id = c.id AND kind = 'phone' LIMIT 1) FROM customers c WHERE c.id = ?",
            (rng.randint(1, max_id),),
        ).fetchone()
        if row is None:
            continue
        name, email, phone = row
        (names_cjk if _CJK.search(name) else names_latin).append(name)
        if email:
            emails.append(email)
        if phone:
            phones.append(phone)
    connection.close()
    words = [w for n in names_latin for w in n.split() if len(w) >= 5]
    queries = {
        "prefix": [w[:3].lower() for w in words],
        "substring": [w[1:4].lower() for w in words],
        "chinese_2char": [n[i : i + 2] for n in names_cjk for i in [rng.randrange(len(n) - 1)]],
        "email": emails,
        "phone": [p[-8:] for p in phones],
    }
    return {kind: items[:per_kind] for kind, items in queries.items() if items}


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


def bench_search(path: Path, per_kind: int = 200) -> dict[str, tuple[float, float]]:
    queries = sample_queries(path, per_kind)
    database = open_database(path)
    raw = sqlite3.connect(path)
    results: dict[str, tuple[float, float]] = {}
    baseline: list[float] = []
    print(f"{'search kind':<15}{'p50 ms':>9}{'p95 ms':>9}   (n)")
    with database.engine.connect() as connection:
        for kind, items in queries.items():
            search_customers(connection, items[0])  # warm the page cache
            timings = []
            for text in items:
                start = time.perf_counter()
                search_customers(connection, text, limit=20)
                timings.append((time.perf_counter() - start) * 1000)
                if kind in ("substring", "email"):
                    start = time.perf_counter()
                    raw.execute(
                        "SELECT rowid FROM customer_search WHERE customer_search MATCH ? LIMIT 20",
                        ('"' + text.replace('"', '""') + '"',),
                    ).fetchall()
                    baseline.append((time.perf_counter() - start) * 1000)
            results[kind] = _percentiles(timings)
            print(f"{kind:<15}{results[kind][0]:9.2f}{results[kind][1]:9.2f}   ({len(items)})")
    if baseline:
        results["raw_fts5_baseline"] = _percentiles(baseline)
        p50, p95 = results["raw_fts5_baseline"]
        print(f"{'raw FTS5':<15}{p50:9.2f}{p95:9.2f}   ({len(baseline)})  baseline")
    raw.close()
    database.close()
    return results


def _timed_searches(path: Path, queries: list[str], cold: bool,
                    search: Callable[[sqlite3.Connection, str], object]) -> list[float]:
    """Milliseconds per `search` of each query: on one connection (warm: its page cache
    fills), or on a new read-only connection per query (cold: the OS cache stays as it is)."""
    from crm_desktop.storage.sqlite_functions import connect_read_only

    connection = connect_read_only(path)
    search(connection, queries[0])  # the schema and the first pages, as a command would
    timings = []
    for text in queries:
        if cold:
            connection.close()
            connection = connect_read_only(path)
            connection.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        start = CLOCK()
        search(connection, text)
        timings.append((CLOCK() - start) * 1000)
    connection.close()
    return timings


def _trigram_only(connection: sqlite3.Connection, query: str) -> object:
    """What answered email queries before revision 0006: the trigram index."""
    from crm_desktop.storage.search import customers

    plan = customers._address_plan
    customers._address_plan = lambda _query: None  # type: ignore[assignment]
    try:
        return customers.search_direct(connection, query, 20)
    finally:
        customers._address_plan = plan  # type: ignore[assignment]


def _joined(connection: sqlite3.Connection, query: str) -> object:
    """The email path as revision 0006 made it: one query joining every candidate (200) to
    its search index row."""
    from crm_desktop.storage.search import customers

    kind, prefix, _fallback = customers._address_plan(query) or ("", "", False)
    rows = connection.execute(
        "SELECT DISTINCT c.id, c.name, s.company, s.emails, s.phones, c.city FROM "
        "contact_points p CROSS JOIN customers c ON c.id = p.customer_id "
        "CROSS JOIN customer_search s ON s.rowid = c.id WHERE p.kind = 'email' AND "
        + customers._ADDRESS_RANGE[kind] + " AND c.deleted_at IS NULL LIMIT :cap",
        {"low": prefix, "high": prefix + customers._AFTER_PREFIX,
         "cap": customers._CANDIDATES}).fetchall()
    return customers._ranked(rows, query, 20)


def _now(connection: sqlite3.Connection, query: str) -> object:
    from crm_desktop.storage.search.customers import search_direct

    return search_direct(connection, query, 20)


def bench_email(path: Path, per_kind: int = 200, trigram: bool = True) -> None:
    """Email and domain search: p50/p95 cold and warm, now (candidates without the search
    index, its rows for the hits shown), beside two baselines in the same run: revision
    0006's one query (every candidate joined to its search index row) and, unless not
    `trigram`, the trigram index alone (what answered these queries before 0006)."""
    emails = sample_queries(path, per_kind)["email"]
    rng = random.Random(11)
    domains = [email.partition("@")[2] for email in emails]
    kinds = {"email": emails, "domain": [f"@{d}" for d in domains],
             "bare domain": rng.sample(domains, len(domains)),
             "email prefix": [email[: email.index("@") + 3] for email in emails]}
    clock = "CPU" if CLOCK is time.thread_time else "wall"
    print(f"{path} ({path.stat().st_size / 1e9:.2f} GB): email search p50/p95 ms ({clock}), "
          f"{per_kind} queries per kind; budget p95 < 10 ms")
    ways: dict[str, Callable[[sqlite3.Connection, str], object]] = {
        "trigram": _trigram_only, "0006 joined": _joined, "now": _now}
    if not trigram:
        del ways["trigram"]
    print(f"{'kind':<14}{'temperature':<12}" + "".join(f"{w + ' p50':>16}{'p95':>8}"
                                                      for w in ways) + f"{'p95 ratio':>11}")
    for kind, queries in kinds.items():
        for cold in (False, True):
            figures = {way: _percentiles(_timed_searches(path, queries, cold, search))
                       for way, search in ways.items()}
            ratio = figures["0006 joined"][1] / figures["now"][1]
            print(f"{kind:<14}{'cold' if cold else 'warm':<12}"
                  + "".join(f"{p50:16.2f}{p95:8.2f}" for p50, p95 in figures.values())
                  + f"{ratio:10.1f}x")


if __name__ == "__main__":
    import sys

    if "--cpu" in sys.argv:
        CLOCK = time.thread_time
    if sys.argv[2:3] == ["--email"]:  # [queries per kind] [--no-trigram] [--cpu]
        bench_email(Path(sys.argv[1]), *(int(n) for n in sys.argv[3:4] if n.isdigit()),
                    trigram="--no-trigram" not in sys.argv)
    else:
        bench_search(Path(sys.argv[1]))

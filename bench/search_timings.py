"""Search latency by query kind, beside a raw FTS5 trigram query (imported by bench/storage.py).

    python bench/search_timings.py DB            # every kind, through SQLAlchemy
    python bench/search_timings.py DB --email [N]  # email and domain: email index vs trigram

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
from pathlib import Path

from crm_desktop.storage.database import open_database
from crm_desktop.storage.search.customers import search_customers

_CJK = re.compile(r"[\u4e00-\u9fff]")


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


def _timed_searches(path: Path, queries: list[str], cold: bool) -> list[float]:
    """Milliseconds per `search_direct` of each query: on one connection (warm: its page cache
    fills), or on a new read-only connection per query (cold: the OS cache stays as it is)."""
    from crm_desktop.storage.search.customers import search_direct
    from crm_desktop.storage.sqlite_functions import connect_read_only

    connection = connect_read_only(path)
    search_direct(connection, queries[0])  # the schema and the first pages, as a command would
    timings = []
    for text in queries:
        if cold:
            connection.close()
            connection = connect_read_only(path)
            connection.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        start = time.perf_counter()
        search_direct(connection, text, limit=20)
        timings.append((time.perf_counter() - start) * 1000)
    connection.close()
    return timings


def bench_email(path: Path, per_kind: int = 200) -> None:
    """Email and domain search: p50/p95 cold and warm, through the email indexes (revision
    0006) beside the trigram index alone (what answered these queries before), in one run."""
    from crm_desktop.storage.search import customers

    emails = sample_queries(path, per_kind)["email"]
    rng = random.Random(11)
    domains = [email.partition("@")[2] for email in emails]
    kinds = {"email": emails, "domain": [f"@{d}" for d in domains],
             "bare domain": rng.sample(domains, len(domains)),
             "email prefix": [email[: email.index("@") + 3] for email in emails]}
    print(f"{path} ({path.stat().st_size / 1e9:.2f} GB): email search p50/p95 ms, "
          f"{per_kind} queries per kind")
    print(f"{'kind':<14}{'temperature':<12}{'trigram p50':>12}{'p95':>8}{'email index p50':>17}"
          f"{'p95':>8}{'ratio p95':>11}")
    plan = customers._address_plan
    for kind, queries in kinds.items():
        for cold in (False, True):
            customers._address_plan = lambda _query: None  # type: ignore[assignment]
            try:
                before = _percentiles(_timed_searches(path, queries, cold))
            finally:
                customers._address_plan = plan  # type: ignore[assignment]
            after = _percentiles(_timed_searches(path, queries, cold))
            print(f"{kind:<14}{'cold' if cold else 'warm':<12}{before[0]:12.2f}{before[1]:8.2f}"
                  f"{after[0]:17.2f}{after[1]:8.2f}{before[1] / after[1]:10.1f}x")


if __name__ == "__main__":
    import sys

    if sys.argv[2:3] == ["--email"]:  # [queries per kind]
        bench_email(Path(sys.argv[1]), *(int(n) for n in sys.argv[3:4]))
    else:
        bench_search(Path(sys.argv[1]))

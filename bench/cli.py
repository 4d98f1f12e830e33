"""Benchmark of the quick commands end to end (prints figures, asserts nothing).

    python bench/cli.py --db /tmp/speed1m.db [--runs 5] [--program "crm-desktop"]

Times `crm-desktop search`, `stats`, `check` and `check --full` as whole processes (start,
imports, query, output) beside two baselines measured in the same run: `python -c pass` (the
interpreter's own start) and `python -c "import sqlite3; ..."` running the same SQL as the
command (the sqlite3 shell's figure: the `sqlite3` program may not be installed); for `stats`
also the `count(*)` of every table it ran before revision 0008 kept the counts. Budget: under
0.25 s at 1,000,000 customers (`check --full` reads the whole file: no budget).

The integrity stamps (storage.check_stamps) go to a temporary folder, emptied before each
command: "first" is the call that finds no stamp (and runs `PRAGMA quick_check`), the median
and best are of the later calls. With `--after-write` (the database is WRITTEN: give a copy)
the stamp is kept and each command's "first" call comes right after a write through the
command line (`crm-desktop import` of a one-customer CSV, whose own opening checks the file):
our own writes keep the file trusted, so it should cost what the later calls cost. `PRAGMA quick_check` alone is timed once too. `--program` runs
another command line (e.g. an older checkout through `python -m crm_desktop`) to compare.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_desktop.storage.direct import ENTITY_TABLES  # noqa: E402
from crm_desktop.storage.row_counts import TABLE, live_count_sql  # noqa: E402
from crm_desktop.storage.search.customers import _CANDIDATES, _plan  # noqa: E402

QUERIES = ("ada", "Adams", "伟", "gmail", "4155")


def _search_sql(query: str) -> str:
    """The SQL `search` runs for `query` (as storage.search.customers builds it)."""
    trigram, short = _plan(query)
    where = []
    if trigram:
        where.append(f"customer_search MATCH {_literal(trigram)}")
    if short:
        where.append(f"customer_short MATCH {_literal(short)}")
    source = ("customer_search s JOIN customer_short g ON g.rowid = s.rowid" if short
              else "customer_search s")
    return ("SELECT c.id, c.name, s.company, s.emails, s.phones, c.city FROM (SELECT s.rowid "
            f"AS rid, s.company, s.emails, s.phones FROM {source} WHERE {' AND '.join(where)}) s "
            f"JOIN customers c ON c.id = s.rid WHERE c.deleted_at IS NULL LIMIT {_CANDIDATES}")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _stats_sql() -> list[str]:
    """What `stats` reads: the counts the triggers keep (revision 0008, storage.row_counts)."""
    return ["SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE "
            f"'{TABLE}!_%' ESCAPE '!'", f"SELECT name, live FROM {TABLE}"]


def _count_sql() -> list[str]:
    """What `stats` ran before 0008 (and runs on a file whose counts are not kept)."""
    return [live_count_sql(table, soft) for table, soft in ENTITY_TABLES.values()]


CHECK_SQL = ["SELECT version_num FROM alembic_version",
             "SELECT count(*) FROM customer_search_docsize", "SELECT count(*) FROM customers",
             "SELECT * FROM audit_chain", "SELECT * FROM audit_log ORDER BY id"]
CHECK_FULL_SQL = ["PRAGMA integrity_check", "PRAGMA foreign_key_check", *CHECK_SQL]


def sqlite3_program(db: Path, statements: list[str]) -> list[str]:
    script = (f"import sqlite3; c = sqlite3.connect({str(db)!r}); "
              f"[print(len(c.execute(s).fetchall())) for s in {statements!r}]")
    return [sys.executable, "-c", script]


def timed(argv: list[str], runs: int) -> tuple[float, float]:
    """(median, best) seconds of `runs` runs of the process (after one warm-up run)."""
    once(argv)
    times = [once(argv) for _ in range(runs)]
    return statistics.median(times), min(times)


def once(argv: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False,
                          text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):  # check exits 1 on a problem
        raise SystemExit(f"{shlex.join(argv)} failed: {done.stderr.strip()}")
    return elapsed


def _one_customer_write(program: list[str], db: str, folder: Path, number: int) -> float:
    """Seconds of `crm-desktop import` adding one customer (a new one each time)."""
    source = folder.parent / f"{folder.name}-write-{number}.csv"
    source.write_text(f"name,email\nBench Writer {number},bench.writer{number}@example.com\n",
                      encoding="utf-8")
    try:
        return once([*program, "import", "--db", db, str(source)])
    finally:
        source.unlink()


def quick_check_seconds(db: Path) -> float:
    import sqlite3

    connection = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    start = time.perf_counter()
    connection.execute("PRAGMA quick_check").fetchall()
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--program", default=str(Path(sys.executable).with_name("crm-desktop")),
                        help="the command line of crm-desktop (default: this venv's)")
    parser.add_argument("--queries", nargs="*", default=list(QUERIES),
                        help="what `search` looks for (default: %(default)s)")
    parser.add_argument("--after-write", action="store_true",
                        help="time each command's first call right after a CLI write "
                        "(writes the database: give a copy)")
    parser.add_argument("--only", nargs="*", default=["search", "stats", "check", "full"],
                        help="search, stats, check, full (check --full), quick_check, rfm "
                        "(analytics rfm: not in the budget)")
    args = parser.parse_args()
    program = shlex.split(args.program)
    db = str(args.db)
    stamps = Path(tempfile.mkdtemp(prefix="bench-stamps-"))
    os.environ["CRM_DESKTOP_CHECK_STAMPS"] = str(stamps)  # the commands inherit it
    bare, _ = timed([sys.executable, "-c", "pass"], args.runs)
    print(f"{args.db} ({args.db.stat().st_size / 1e9:.2f} GB), {args.runs} runs each "
          f"(median, best; first: without a stamp); python -c pass: {bare * 1e3:.0f} ms; "
          f"{shlex.join(program)}")
    if "quick_check" in args.only:
        print(f"PRAGMA quick_check alone: {quick_check_seconds(args.db):.1f} s")
    cases: list[tuple[str, list[str], list[str]]] = []
    if "search" in args.only:
        for query in args.queries:
            cases.append((f"search {query}", [*program, "search", "--db", db, query],
                          [_search_sql(query)]))
    if "stats" in args.only:
        cases.append(("stats", [*program, "stats", "--db", db], _stats_sql()))
        counting, counting_best = timed(sqlite3_program(args.db, _count_sql()), args.runs)
        print(f"count(*) of every table (stats before 0008) in sqlite3: {counting * 1e3:.0f} ms "
              f"(best {counting_best * 1e3:.0f})")
    if "check" in args.only:
        cases.append(("check", [*program, "check", "--db", db], CHECK_SQL))
    if "full" in args.only:
        cases.append(("check --full", [*program, "check", "--full", "--db", db],
                      CHECK_FULL_SQL))
    if "rfm" in args.only:
        from crm_desktop.services.analyses.descriptive import RFM_ORDER_COLUMNS
        from crm_desktop.storage.frames import _ORDERS

        cases.append(("analytics rfm", [*program, "analytics", "rfm", "--db", db],
                      [f"SELECT {', '.join(RFM_ORDER_COLUMNS)} FROM ({_ORDERS})"]))
    try:
        if args.after_write:
            started = time.perf_counter()
            once([*program, "stats", "--db", db])  # the full check, once: the stamp
            print(f"first stats (stamps the file): {time.perf_counter() - started:.1f} s")
        for number, (label, command, statements) in enumerate(cases):
            if args.after_write:
                write = _one_customer_write(program, db, stamps, number)
                first = once(command)
                print(f"  a CLI write (import of one customer): {write:.1f} s; then {label}: "
                      f"{first * 1e3:.0f} ms")
            else:
                shutil.rmtree(stamps, ignore_errors=True)
                first = once(command)
            ours, best = timed(command, args.runs)
            raw, raw_best = timed(sqlite3_program(args.db, statements), args.runs)
            verdict = "met" if ours < 0.25 else "NOT met"
            if label.startswith(("analytics", "check --full")):
                verdict = "(no budget)"
            print(f"{label:14s} first {first * 1e3:7.0f} ms, then {ours * 1e3:7.0f} ms (best "
                  f"{best * 1e3:5.0f})   sqlite3 same SQL {raw * 1e3:7.0f} ms (best "
                  f"{raw_best * 1e3:5.0f})   x{ours / raw:4.1f} of sqlite3, "
                  f"+{(ours - bare) * 1e3:5.0f} ms over python   budget 250 ms: {verdict}")
    finally:
        shutil.rmtree(stamps, ignore_errors=True)


if __name__ == "__main__":
    main()

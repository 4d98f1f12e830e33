"""The import entry points: `read_source`, `preview` and `run_import`.

    report = run_import(db, "contacts.csv", region="CN", on_invalid="skip", on_match="update")

Steps: read the file (readers), map columns to fields (mapping), validate every row (validate,
rows), match rows against the database and each other (match), then write everything in one
transaction (load, load_records). Nothing is written when the file cannot be read, when the
user aborts on invalid rows, when the import is cancelled or when anything fails: the
transaction is rolled back, so an import lands whole or not at all.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_desktop.storage.importing import mapping as mapping_mod
from crm_desktop.storage.importing.customer_import import import_customers
from crm_desktop.storage.importing.errors import ImportAborted, ImportCancelled, ImportError_
from crm_desktop.storage.importing.fields import KINDS
from crm_desktop.storage.importing.limits import ImportLimits
from crm_desktop.storage.importing.load import begin_immediate
from crm_desktop.storage.importing.load_records import resolve_stages, write_records
from crm_desktop.storage.importing.match import Duplicate, plan_records
from crm_desktop.storage.importing.readers import Source, read
from crm_desktop.storage.importing.rows import RecordRow, build_record
from crm_desktop.storage.importing.stream import StreamedSource, open_source
from crm_desktop.storage.importing.validate import Checker, InvalidValue, RowReader
from crm_desktop.storage.search import backlog as search_backlog

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

log = logging.getLogger(__name__)
Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]
MappingArg = dict[str, str | None] | str | Path | None
_CHECK_EVERY = 2000


@dataclass
class ImportReport:
    """What an import did (or, for a preview or dry run, would do)."""

    rows: int = 0
    imported: int = 0
    updated: int = 0
    skipped: int = 0
    invalid: list[InvalidValue] = field(default_factory=list)
    # Values kept although they may be wrong (a phone number outside the known ranges).
    warnings: list[InvalidValue] = field(default_factory=list)
    mapping: dict[str, str | None] = field(default_factory=dict)
    kind: str = "customers"
    duplicates: list[Duplicate] = field(default_factory=list)
    companies_created: int = 0
    dry_run: bool = False
    file: str = ""
    format: str = ""
    encoding: str | None = None
    delimiter: str | None = None

    @property
    def invalid_rows(self) -> int:
        return len({problem.row for problem in self.invalid})

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows, "imported": self.imported, "updated": self.updated,
            "skipped": self.skipped,
            "invalid": [problem._asdict() for problem in self.invalid],
            "warnings": [warning._asdict() for warning in self.warnings],
            "mapping": dict(self.mapping),
            "kind": self.kind, "duplicates": [asdict(d) for d in self.duplicates],
            "companies_created": self.companies_created, "dry_run": self.dry_run,
            "file": self.file, "format": self.format, "encoding": self.encoding,
            "delimiter": self.delimiter,
        }


@dataclass
class Preview:
    report: ImportReport
    headers: list[str]
    sample: list[list[str]]


def read_source(path: Path | str, limits: ImportLimits | None = None,
                encoding: str | None = None) -> Source:
    """Read the file (CSV, Excel or vCard); `ImportError_` with a message when it cannot be.
    `encoding` overrides the detected one (`decoding.CHOICES`); `limits` the default limits."""
    return read(path, limits, encoding)


def resolve_mapping(headers: list[str], kind: str, given: MappingArg) -> dict[str, str | None]:
    """The mapping to use: a template file or dict (guesses for columns it does not name)."""
    if given is None:
        chosen = mapping_mod.guess_mapping(headers, kind)
    else:
        if isinstance(given, str | Path):
            template_kind, template = mapping_mod.load_template(given)
            if template_kind != kind:
                raise ImportError_(f"the mapping template is for {template_kind}, not {kind}")
        else:
            template = dict(given)
        chosen = mapping_mod.apply_template(headers, template, kind)
    return mapping_mod.check_mapping(chosen, headers, kind)


def _never(_fraction: float, _message: str) -> None:
    return None


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects (halves the time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _validate(source: Source, kind: str, chosen: dict[str, str | None], region: str,
              progress: Progress, cancelled: Cancelled | None, report: ImportReport
              ) -> tuple[list[Any], list[InvalidValue]]:
    reader = RowReader(Checker(kind, region), source.headers, chosen)
    valid: list[RecordRow] = []
    invalid: list[InvalidValue] = []
    total = len(source.rows)
    for index, (number, cells) in enumerate(source.rows):
        if index % _CHECK_EVERY == 0:
            if cancelled is not None and cancelled():
                raise ImportCancelled()
            progress(0.45 * index / max(1, total), "checking rows")
        values, problems = reader.read(number, cells)
        if problems:
            invalid.extend(problems)
            continue
        built = build_record(kind, number, values)
        if isinstance(built, InvalidValue):
            invalid.append(built)
        else:
            valid.append(built)
    report.warnings = reader.warnings
    return valid, invalid


def run_import(
    database: Database,
    path: Path | str,
    kind: str = "customers",
    mapping: MappingArg = None,
    region: str = "US",
    on_invalid: str = "skip",
    on_match: str = "update",
    dry_run: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    source: Source | None = None,
    limits: ImportLimits | None = None,
    encoding: str | None = None,
    search_index: bool = True,
) -> ImportReport:
    """Import `path` into `database`; all or nothing. See the module docstring. `limits`: the
    largest file and cell accepted (`importing.limits.DEFAULT_LIMITS`); `encoding`: the text
    encoding to read a CSV or vCard file in instead of the detected one.

    New customers reach the search index after the import's commit (storage.search.backlog):
    with `search_index` (the default) this call indexes them before it returns (the last
    part of the progress, "indexing for search"); without, the caller does
    (`search.backlog.finish`), and search finds them meanwhile by a slower path."""
    if kind not in KINDS:
        raise ImportError_(f"cannot import {kind!r}: choose one of {', '.join(KINDS)}")
    if on_invalid not in ("skip", "abort"):
        raise ImportError_("on_invalid must be 'skip' or 'abort'")
    if on_match not in ("update", "skip"):
        raise ImportError_("on_match must be 'update' or 'skip'")
    progress = progress or _never
    indexing = search_index and kind == "customers" and not dry_run
    with _gc_paused():
        report = _run(database, path, kind, mapping, region, on_invalid, on_match, dry_run,
                      _scaled(progress, 0.0, _IMPORTED) if indexing else progress, cancelled,
                      source, limits, encoding)
    if indexing:
        # Committed: a cancel now stops the indexing only (the rest waits, still found).
        search_backlog.finish(database, _scaled(progress, _IMPORTED, 1.0 - _IMPORTED),
                              cancelled)
        progress(1.0, "saving")
    return report


# The share of the progress bar the import takes before its search indexing.
_IMPORTED = 0.8


def _scaled(progress: Progress, start: float, share: float) -> Progress:
    return lambda fraction, message: progress(start + share * fraction, message)


def _run(database: Database, path: Path | str, kind: str, mapping: MappingArg, region: str,
         on_invalid: str, on_match: str, dry_run: bool, progress: Progress,
         cancelled: Cancelled | None, source: Source | None,
         limits: ImportLimits | None = None, encoding: str | None = None) -> ImportReport:
    started = time.perf_counter()
    owned = source is None
    streamed: Source | StreamedSource
    if source is not None:
        streamed = source
    elif kind == "customers":  # checked and written as it is read
        streamed = open_source(path, limits, encoding)
    else:
        streamed = read(path, limits, encoding)
    if isinstance(streamed, Source):
        source = streamed
        log.debug("read %s rows in %.2f s", len(source.rows), time.perf_counter() - started)
    chosen = resolve_mapping(streamed.headers, kind, mapping)
    if source is None:  # a stream: its rows and rejected rows are counted as they come
        report = ImportReport(
            mapping=chosen, kind=kind, dry_run=dry_run, file=str(streamed.path),
            format=streamed.format, encoding=streamed.encoding, delimiter=streamed.delimiter)
        import_customers(database, streamed, chosen, region, on_invalid, on_match, dry_run,
                         progress, cancelled, report)
        log.debug("done in %.2f s", time.perf_counter() - started)
        return report
    report = ImportReport(
        rows=len(source.rows) + len(source.rejected), mapping=chosen, kind=kind,
        dry_run=dry_run, file=str(source.path), format=source.format,
        encoding=source.encoding, delimiter=source.delimiter,
        invalid=[InvalidValue(row, "(row)", "", why) for row, why in source.rejected],
    )
    if kind == "customers":
        import_customers(database, source, chosen, region, on_invalid, on_match, dry_run,
                         progress, cancelled, report, release=owned)
    else:
        _import_records(database, source, kind, chosen, region, on_invalid, on_match, dry_run,
                        progress, cancelled, report)
    log.debug("done in %.2f s", time.perf_counter() - started)
    return report


def _import_records(database: Database, source: Source, kind: str, chosen: dict[str, str | None],
                    region: str, on_invalid: str, on_match: str, dry_run: bool,
                    progress: Progress, cancelled: Cancelled | None,
                    report: ImportReport) -> None:
    """Orders, opportunities, tickets, interactions: validate all, match, write."""
    valid, invalid = _validate(source, kind, chosen, region, progress, cancelled, report)
    progress(0.45, "matching existing records")
    with database.session() as session:
        if not dry_run:
            begin_immediate(session)
        conn = session.connection()
        if kind == "opportunities":
            invalid += resolve_stages(session, valid)
            bad = {p.row for p in invalid}
            valid = [row for row in valid if row.row not in bad]
        plan = plan_records(conn, kind, valid, on_match)
        invalid += plan.invalid
        invalid = report.invalid + invalid  # rows the reader could not read come first
        invalid.sort(key=lambda p: p.row)
        report.invalid = invalid
        report.duplicates = plan.duplicates
        report.imported = len(plan.new)
        report.updated = len(plan.updates)
        report.skipped = report.rows - report.imported - report.updated
        if dry_run:
            session.rollback()
            return
        if invalid and on_invalid == "abort":
            raise ImportAborted(abort_message(invalid), report)
        summary = {"file": Path(source.path).name, "rows": report.rows,
                   "skipped": report.skipped, "invalid_rows": report.invalid_rows,
                   "warnings": len(report.warnings)}

        def write_progress(fraction: float, message: str) -> None:
            progress(0.5 + 0.5 * fraction, message)

        write_records(session, kind, plan, summary, write_progress, cancelled)
        progress(1.0, "saving")


def preview(
    database: Database,
    path: Path | str,
    kind: str = "customers",
    mapping: MappingArg = None,
    region: str = "US",
    on_match: str = "update",
    source: Source | None = None,
    sample: int = 20,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    limits: ImportLimits | None = None,
    encoding: str | None = None,
) -> Preview:
    """Validate every row and match it, writing nothing: what `run_import` would do."""
    source = source or read(path, limits, encoding)
    report = run_import(database, path, kind, mapping, region, "skip", on_match, dry_run=True,
                        progress=progress, cancelled=cancelled, source=source)
    return Preview(report, source.headers, source.sample(sample))


def abort_message(invalid: list[InvalidValue]) -> str:
    first = invalid[0]
    shown = "" if not first.value or first.value in first.reason else f" (value {first.value!r})"
    more = f" (and {len(invalid) - 1} more problems)" if len(invalid) > 1 else ""
    return (f"row {first.row}, {first.field}: {first.reason}{shown}{more}; "
            "import aborted, nothing was imported")

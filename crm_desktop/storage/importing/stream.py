"""A CSV file read as the import goes: checking and writing start at the first chunk of rows
instead of after the whole file.

`open_source(path)` reads the bytes and decodes them whole (encoding detection and the marks of
undecodable lines as `readers.read` does them: 0.07 s at 100,000 rows), then parses and strips
the cells (the csv module and `str.strip`, 0.7-0.9 s at 100,000 rows) one chunk at a time, from
`StreamedSource.chunks`. The rows, their numbers and the rows rejected are those `read` gives
(both go through `readers.CsvText.chunks`); what a stream cannot know before its end, the
number of rows, is estimated from the line count for progress. Files a stream would not help
(a single chunk), cannot describe in advance (no header row: the width of the widest row names
the columns) or that are not CSV are read whole, as a `readers.Source`.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crm_desktop.storage.importing import detect
from crm_desktop.storage.importing.csv_columns import Row, joined
from crm_desktop.storage.importing.errors import ImportError_
from crm_desktop.storage.importing.limits import DEFAULT_LIMITS, ImportLimits
from crm_desktop.storage.importing.readers import (
    CsvText,
    Source,
    read,
    read_bytes,
    split_header,
)


@dataclass
class StreamedSource:
    """A CSV file whose rows come chunk by chunk (`chunks`); `rows_read` and `rejected` grow as
    they do. Same fields as `readers.Source` except `rows`."""

    path: Path
    headers: list[str]
    encoding: str | None
    delimiter: str | None
    estimated_rows: int
    _pending: Sequence[Row]
    _rest: Generator[tuple[Sequence[Row], list[tuple[int, str]]], None, None]
    rejected: list[tuple[int, str]] = field(default_factory=list)
    rows_read: int = 0
    notes: list[str] = field(default_factory=list)
    format: str = "csv"

    def chunks(self, size: int) -> Iterator[Sequence[Row]]:
        """The data rows, `size` at a time (the last chunk may be shorter): the same chunks as
        slicing `readers.read(path).rows` (held as columns, `ColumnRows`, where the file's
        text allows). `ImportError_` on a record the csv module cannot
        parse, or when the file turns out to hold no data row at all."""
        buffer = self._pending
        self._pending = []
        for rows, rejected in self._rest:
            self.rejected.extend(rejected)
            buffer = joined(buffer, rows)
            while len(buffer) >= size:
                chunk, buffer = buffer[:size], buffer[size:]
                self.rows_read += len(chunk)
                yield chunk
        if buffer:
            self.rows_read += len(buffer)
            yield buffer
        if not self.rows_read and not self.rejected:
            raise ImportError_(f"{self.path.name} has a header row but no data rows")


# Records parsed per step: small enough that checking starts early, large enough that the
# csv module's and str.strip's loops in C dominate.
_STEP = 5000


def open_source(path: Path | str, limits: ImportLimits | None = None,
                encoding: str | None = None) -> Source | StreamedSource:
    """The file at `path` as a `StreamedSource` when it is a CSV file longer than one chunk
    with a header row, else read whole (`readers.read`). `ImportError_` as `read` raises it,
    for the file as a whole (a damaged record: when its chunk is reached)."""
    path = Path(path)
    limits = limits or DEFAULT_LIMITS
    data = read_bytes(path, limits)
    if detect.detect_format(path, data[:4096]) != "csv":
        return read(path, limits, encoding)
    text = CsvText.decode(path, data, encoding)
    del data
    steps = text.chunks(limits, _STEP)
    pending: Sequence[Row] = []
    rejected: list[tuple[int, str]] = []
    for rows, first_rejected in steps:  # the first step holding a row: the header's
        pending = rows
        rejected.extend(first_rejected)
        if pending:
            break
    headers, rows = split_header(pending)
    lines = text.text.count("\n")
    if not headers or len(rows) == len(pending) or lines <= _STEP:
        # empty (read says why), headerless (its width is the widest row's), or one chunk
        steps.close()
        return read(path, limits, encoding)
    return StreamedSource(path, headers, text.encoding, text.delimiter,
                          estimated_rows=max(1, lines), _pending=rows,
                          _rest=steps, rejected=rejected)

"""A CSV text without a quote character, cut into columns a step of records at a time.

Without a quote character the csv module's rules come down to this: a record is a line (ended
by "\\r\\n", "\\r" or "\\n"; a line break at the very end ends the last record, it does not
start one) and its cells are the line cut at each delimiter. So when every line of a step has
the same number of delimiters, its cells are one `split` of the step's text with its line
breaks turned into delimiters, and each column a slice of that list (`flat[i::width]`): a few C
loops instead of the csv module's record lists, a strip per row and a transposition per chunk
(0.85 s of the importing thread at 100,000 rows, 0.2 s this way). The columns are handed over
as they are (`ColumnRows`): `cells.BatchReader` reads them without turning them into rows.

`readers.CsvText.chunks` takes this path when the whole text has no quote character, no NUL
and no undecodable line; a step whose lines differ in width or that holds a line longer than
the cell limit goes through the row-by-row rules (`rows_of`, given by the caller), so the rows,
their numbers and the rows rejected are those of the csv module (tests/storage/
test_import_columns.py compares them on hostile texts).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from operator import methodcaller
from typing import overload

from crm_desktop.storage.export.files import restore_cell

Row = tuple[int, list[str]]


class ColumnRows(Sequence[Row]):
    """Rows of a chunk held column by column, every row with `width` cells: a sequence of
    (row number, cells) like `readers.Rows` for whoever wants rows."""

    __slots__ = ("columns", "numbers")

    def __init__(self, numbers: list[int], columns: list[list[str]]) -> None:
        self.numbers = numbers
        self.columns = columns

    @property
    def width(self) -> int:
        return len(self.columns)

    def __len__(self) -> int:
        return len(self.numbers)

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> ColumnRows: ...

    def __getitem__(self, index: int | slice) -> Row | ColumnRows:
        if isinstance(index, slice):
            return ColumnRows(self.numbers[index], [column[index] for column in self.columns])
        return self.numbers[index], [column[index] for column in self.columns]

    def __iter__(self) -> Iterator[Row]:
        return zip(self.numbers, map(list, zip(*self.columns, strict=True)), strict=True)

    def __repr__(self) -> str:
        return f"ColumnRows({list(self)!r})"


def joined(first: Sequence[Row], then: Sequence[Row]) -> Sequence[Row]:
    """The rows of both, in order: columns when both are columns of one width, else rows."""
    if not first:
        return then
    if not then:
        return first
    if (isinstance(first, ColumnRows) and isinstance(then, ColumnRows)
            and first.width == then.width):
        return ColumnRows(first.numbers + then.numbers,
                          [a + b for a, b in zip(first.columns, then.columns, strict=True)])
    return [*first, *then]


def plain(text: str, bad_lines: dict[int, str]) -> bool:
    """Whether `text` can be cut without the csv module: no quote character, no NUL (cells
    with one are rejected row by row) and no undecodable line."""
    return '"' not in text and "\x00" not in text and not bad_lines


RowsOf = Callable[[list[list[str]], int], tuple[list[Row], list[tuple[int, str]]]]


def chunks(text: str, delimiter: str, size: int, strip: Callable[[str], str],
           longest: int | None, rows_of: RowsOf
           ) -> Iterator[tuple[Sequence[Row], list[tuple[int, str]]]]:
    """(rows, rejected rows) per `size` records of a `plain` text, as `readers.CsvText.chunks`
    gives them. `strip`: how a cell is stripped; `longest`: the cell limit when the text is
    long enough to exceed it; `rows_of(records, records before)`: the row-by-row rules, for a
    step this path does not take."""
    newline = _newline(text)
    if newline is None:  # line breaks of several kinds: all made "\n"
        text, newline = text.replace("\r\n", "\n").replace("\r", "\n"), "\n"
    if not text:
        return
    if text.endswith(newline):  # ends the last record
        text = text[:-len(newline)]
    stripping = strip is not str.strip or _needs_strip(text, delimiter, newline)
    apostrophes = "'" in text
    count = methodcaller("count", delimiter)
    done = 0  # records before this step
    position, end, step = 0, len(text), len(newline)
    find = text.find
    while position <= end:
        stop = position
        for _ in range(size):
            stop = find(newline, stop) + step
            if stop < step:
                stop = end + step
                break
        lines = text[position:stop - step].split(newline)
        position = stop
        before, done = done, done + len(lines)
        widths = set(map(count, lines))
        if len(widths) != 1 or (longest is not None and max(map(len, lines)) > longest):
            yield rows_of([line.split(delimiter) if line else [] for line in lines], before)
            continue
        width = widths.pop() + 1
        flat = (delimiter.join(lines) if len(lines) > 1 else lines[0]).split(delimiter)
        if stripping:
            flat = list(map(strip, flat))
        columns = [flat[i::width] for i in range(width)]
        numbers = list(range(before + 1, done + 1))
        if "" in columns[0]:
            numbers, columns = _without_blank_rows(numbers, columns)
        if apostrophes:
            columns = [_restored(column) for column in columns]
        yield ColumnRows(numbers, columns), []


def _newline(text: str) -> str | None:
    """The text's one kind of line break ("\\n" when it has none), or None for several."""
    returns = text.count("\r")
    if not returns:
        return "\n"
    if returns == text.count("\n") == text.count("\r\n"):
        return "\r\n"
    return None if "\n" in text else "\r"


def _needs_strip(text: str, delimiter: str, newline: str) -> bool:
    """Whether a cell may start or end with white space (a blank line counts too). One
    search per separator, each found by its literal first character (one search for both,
    or for white space before a separator, scans every character: 3-6 times slower)."""
    if text[:1].isspace() or text[-1:].isspace():
        return True
    return any(re.search(f"{sep}(?:\\s|(?<=\\s{sep}))", text) is not None
               for sep in (re.escape(delimiter), re.escape(newline)))


def _without_blank_rows(numbers: list[int], columns: list[list[str]]
                        ) -> tuple[list[int], list[list[str]]]:
    """Without the rows whose every cell is empty (the csv reader's rule: skipped, their
    numbers not reused)."""
    first = columns[0]
    blank = [i for i in range(len(first)) if not first[i] and not any(
        column[i] for column in columns)]
    if not blank:
        return numbers, columns
    dropped = set(blank)
    keep = [i for i in range(len(numbers)) if i not in dropped]
    return [numbers[i] for i in keep], [[column[i] for i in keep] for column in columns]


def _restored(column: list[str]) -> list[str]:
    """The column with the export's formula neutralisation undone (`restore_cell`)."""
    joined_cells = "\n".join(column)
    if joined_cells[:1] == "'" or "\n'" in joined_cells:
        return list(map(restore_cell, column))
    return column


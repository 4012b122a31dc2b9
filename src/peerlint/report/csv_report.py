"""``scan --format csv``: one row per finding, for a supervisor's own spreadsheet.

Rows are written as notes arrive (nothing is held). Cells that a spreadsheet would run as
a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) are prefixed
with ``'``, the usual guard against formula injection from exported text.
"""

from __future__ import annotations

import csv
from typing import TextIO

from peerlint.findings import NoteResult
from peerlint.report.redaction import Redactor

COLUMNS = (
    "path",
    "id",
    "author",
    "date",
    "rule",
    "category",
    "level",
    "line",
    "column",
    "start",
    "end",
    "text",
    "message",
    "suggestion",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


class CsvWriter:
    """Writes the header at once, then the findings of each note handed to :meth:`add`."""

    def __init__(self, stream: TextIO, redactor: Redactor | None = None) -> None:
        self._writer = csv.writer(stream, lineterminator="\n")
        self._writer.writerow(COLUMNS)
        self._redactor = redactor

    def add(self, result: NoteResult) -> None:
        """Write one row per finding of the note (a clean note writes nothing)."""
        if self._redactor is not None:
            result = self._redactor.note(result)
        for f in result.findings:
            row = (
                result.path,
                result.id,
                result.author,
                result.date,
                f.rule,
                f.category,
                f.level,
                f.line,
                f.column,
                f.start,
                f.end,
                f.text,
                f.message,
                f.suggestions[0] if f.suggestions else None,
            )
            self._writer.writerow([_cell(v) for v in row])

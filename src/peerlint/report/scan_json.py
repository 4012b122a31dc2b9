"""``scan --format json``: the ``check`` contract (json_report), streamed note by note.

Each note is written as it is scanned, with its ``author`` and ``date``; ``summary`` comes
last and adds ``by_author``, ``by_month`` and ``skipped`` to the ``check`` summary keys.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from peerlint import __version__
from peerlint.findings import NoteResult
from peerlint.report.json_report import note_dict
from peerlint.report.redaction import Redactor


def _indented(value: Any, indent: int) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + " " * indent)


class JsonWriter:
    """Opens the document at once, appends each note, closes it with the summary."""

    def __init__(self, stream: TextIO, redactor: Redactor | None = None) -> None:
        self._stream = stream
        self._redactor = redactor
        self._first = True
        stream.write('{\n  "version": ' + json.dumps(__version__) + ',\n  "notes": [')

    def add(self, result: NoteResult) -> None:
        """Write one note (path, id, author, date, findings)."""
        if self._redactor is not None:
            result = self._redactor.note(result)
        self._stream.write(
            ("\n    " if self._first else ",\n    ") + _indented(note_dict(result), 4)
        )
        self._first = False

    def close(self, summary: dict[str, Any]) -> None:
        """Finish the document with its summary."""
        self._stream.write(("]" if self._first else "\n  ]") + ',\n  "summary": ')
        self._stream.write(_indented(summary, 2) + "\n}\n")

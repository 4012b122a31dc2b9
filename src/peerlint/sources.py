"""Reading notes: files, folders, stdin and note collections (JSONL, CSV).

Sources yield either a :class:`Note` or a :class:`SourceError`; they never
raise for bad input, so one unreadable file in a batch is reported while the
rest are still checked. Note text is only ever returned to the caller: nothing
here logs or stores it.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = frozenset({".txt", ".md"})
COLLECTION_SUFFIXES = frozenset({".jsonl", ".csv"})
NOTE_SUFFIXES = TEXT_SUFFIXES | COLLECTION_SUFFIXES
STDIN = "-"
# A progress note is a few kilobytes; a file far larger than any export is a mistake.
MAX_FILE_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Fields:
    """Which columns/keys of a collection hold what."""

    id: str = "id"
    text: str = "text"
    author: str = "author"
    date: str = "date"


@dataclass(frozen=True)
class Note:
    path: str
    text: str
    id: str | None = None
    author: str | None = None
    date: str | None = None

    @property
    def label(self) -> str:
        """How people refer to the note: the path, plus the row id for collections."""
        return f"{self.path}#{self.id}" if self.id is not None else self.path


@dataclass(frozen=True)
class SourceError:
    """Input that could not be read; ``where`` is the file, with a line or row if known."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


Item = Note | SourceError


@dataclass(frozen=True)
class Decoded:
    """Note text plus how it was stored, so a fix can write it back the same way."""

    text: str
    encoding: str  # a Python codec name without BOM handling, e.g. "utf-8", "utf-16-le"
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


def decode_bytes(data: bytes) -> Decoded:
    """Decode note bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM.

    Raises ValueError with a plain-language reason for binary or undecodable data."""
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding), encoding, bom)
            except UnicodeDecodeError:
                raise ValueError("invalid UTF-16 text") from None
    if b"\x00" in data[:8192]:
        raise ValueError("binary file, not a text note")
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    try:
        return Decoded(data[len(bom) :].decode("utf-8"), "utf-8", bom)
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (invalid byte at offset {exc.start})") from None


def decode(data: bytes) -> str:
    """The text of note bytes (see :func:`decode_bytes`)."""
    return decode_bytes(data).text


def _read_bytes(path: Path) -> bytes:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ValueError(f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
    return path.read_bytes()


def _text_of(where: str, path: Path | None) -> str | SourceError:
    try:
        data = sys.stdin.buffer.read() if path is None else _read_bytes(path)
        return decode(data)
    except FileNotFoundError:
        return SourceError(where, "no such file or folder")
    except IsADirectoryError:
        return SourceError(where, "is a folder")
    except PermissionError:
        return SourceError(where, "permission denied")
    except OSError as exc:
        return SourceError(where, f"cannot read: {exc.strerror or exc}")
    except ValueError as exc:
        return SourceError(where, str(exc))


def _field(row: dict[str, object], name: str) -> str | None:
    value = row.get(name)
    return None if value is None or value == "" else str(value)


def _jsonl_notes(where: str, text: str, fields: Fields) -> Iterator[Item]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield SourceError(f"{where}:{number}", f"not valid JSON ({exc.msg})")
            continue
        if not isinstance(row, dict):
            yield SourceError(f"{where}:{number}", "expected a JSON object per line")
            continue
        body = row.get(fields.text)
        if not isinstance(body, str):
            yield SourceError(f"{where}:{number}", f"no text field {fields.text!r}")
            continue
        yield Note(
            where,
            body,
            id=_field(row, fields.id) or str(number),
            author=_field(row, fields.author),
            date=_field(row, fields.date),
        )


def _csv_notes(where: str, text: str, fields: Fields) -> Iterator[Item]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        yield SourceError(where, f"malformed CSV: {exc}")
        return
    if not header or fields.text not in header:
        yield SourceError(where, f"no {fields.text!r} column (columns: {', '.join(header or [])})")
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield SourceError(f"{where}:{reader.line_num}", f"malformed CSV: {exc}")
            return
        if None in row:
            yield SourceError(f"{where}:{reader.line_num}", "row has more cells than the header")
            continue
        body = row.get(fields.text)
        if body is None:
            yield SourceError(f"{where}:{reader.line_num}", f"row has no {fields.text!r} cell")
            continue
        yield Note(
            where,
            body,
            id=_field(row, fields.id) or str(reader.line_num),
            author=_field(row, fields.author),
            date=_field(row, fields.date),
        )


def notes_from_file(
    path: Path | None, fields: Fields = Fields(), where: str | None = None
) -> Iterator[Item]:
    """The notes in one file (``path`` None means standard input)."""
    label = where or str(path)
    text = _text_of(label, path)
    if isinstance(text, SourceError):
        yield text
        return
    suffix = path.suffix.lower() if path is not None else ""
    if suffix == ".jsonl":
        yield from _jsonl_notes(label, text, fields)
    elif suffix == ".csv":
        yield from _csv_notes(label, text, fields)
    else:
        yield Note(label, text)


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in NOTE_SUFFIXES:
                yield Path(root, name)


def iter_notes(targets: Iterable[str], fields: Fields = Fields()) -> Iterator[Item]:
    """Every note under the targets: files, folders (recursive) or ``-`` for stdin."""
    for target in targets:
        if target == STDIN:
            yield from notes_from_file(None, fields, where="<stdin>")
            continue
        path = Path(target)
        if path.is_dir():
            for file in _walk(path):
                yield from notes_from_file(file, fields)
        elif path.exists() or path.is_symlink():
            yield from notes_from_file(path, fields)
        else:
            yield SourceError(target, "no such file or folder")

"""Reading notes: files, folders, stdin and note collections (JSONL, CSV).

Sources yield either a :class:`Note` or a :class:`SourceError`; they never
raise for bad input, so one unreadable file in a batch is reported while the
rest are still checked. Note text is only ever returned to the caller: nothing
here logs or stores it.
"""

from __future__ import annotations

import codecs
import csv
import fnmatch
import io
import itertools
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = frozenset({".txt", ".md"})
COLLECTION_SUFFIXES = frozenset({".jsonl", ".csv"})
FHIR_SUFFIXES = frozenset({".json"})  # a FHIR DocumentReference or a Bundle of them
NOTE_SUFFIXES = TEXT_SUFFIXES | COLLECTION_SUFFIXES | FHIR_SUFFIXES
STDIN = "-"
# A progress note is a few kilobytes; a file far larger than any export is a mistake.
# Collections (JSONL, CSV) are streamed row by row instead, so only one row is capped.
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


def _utf16_bom(data: bytes) -> tuple[bytes, str] | None:
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return bom, encoding
    return None


# C0 control characters never found in a typed note (tab, line feed, form feed and
# carriage return are): their presence means the bytes are not text in a legacy code page.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _utf8_or_cp1252(data: bytes) -> tuple[str, str]:
    """UTF-8 when valid, else Windows-1252 (what many EHR exports write) when the bytes
    are plausible text in it. Raises ValueError naming the first non-UTF-8 byte."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        reason = f"not UTF-8 text (invalid byte at offset {exc.start})"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise ValueError(reason) from None
    if _CONTROL.search(text):
        raise ValueError(reason)
    return text, "cp1252"


def decode_bytes(data: bytes) -> Decoded:
    """Decode note bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or cp1252
    (Windows-1252, common in EHR exports) for plausible text that is not UTF-8.

    Raises ValueError with a plain-language reason for binary or undecodable data."""
    utf16 = _utf16_bom(data)
    if utf16 is not None:
        bom, encoding = utf16
        try:
            return Decoded(data[len(bom) :].decode(encoding), encoding, bom)
        except UnicodeDecodeError:
            raise ValueError("invalid UTF-16 text") from None
    if b"\x00" in data[:8192]:
        raise ValueError("binary file, not a text note")
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    text, encoding = _utf8_or_cp1252(data[len(bom) :])
    return Decoded(text, encoding, bom)


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
    except OSError as exc:
        return _os_error(where, exc)
    except ValueError as exc:
        return SourceError(where, str(exc))


def _os_error(where: str, exc: OSError) -> SourceError:
    if isinstance(exc, FileNotFoundError):
        return SourceError(where, "no such file or folder")
    if isinstance(exc, IsADirectoryError):
        return SourceError(where, "is a folder")
    if isinstance(exc, PermissionError):
        return SourceError(where, "permission denied")
    return SourceError(where, f"cannot read: {exc.strerror or exc}")


def _field(row: dict[str, object], name: str) -> str | None:
    value = row.get(name)
    return None if value is None or value == "" else str(value)


class _LineDecodeError(ValueError):
    """A line of a streamed collection that is not text; ``number`` is 1-based."""

    def __init__(self, number: int, reason: str) -> None:
        super().__init__(reason)
        self.number = number


def _stream_lines(path: Path) -> Iterator[str | _LineDecodeError]:
    """The lines of a collection file (line endings kept), decoded one at a time so a
    huge export never sits in memory. Opening problems raise OSError/ValueError before
    the first line; a line that is not text is yielded as a :class:`_LineDecodeError`
    (in UTF-16, where the stream cannot resync, it is raised)."""
    with path.open("rb") as handle:
        head = handle.read(8192)
        handle.seek(0)
        utf16 = _utf16_bom(head)
        if utf16 is not None:
            handle.seek(len(utf16[0]))
            reader = io.TextIOWrapper(handle, encoding=utf16[1], newline="")
            number = 0
            try:
                for line in reader:
                    number += 1
                    yield line
            except UnicodeDecodeError:
                raise _LineDecodeError(number + 1, "invalid UTF-16 text") from None
            return
        if b"\x00" in head:
            raise ValueError("binary file, not a text note")
        if head.startswith(codecs.BOM_UTF8):
            handle.seek(len(codecs.BOM_UTF8))
        number = 0
        while raw := handle.readline(MAX_FILE_BYTES + 1):
            number += 1
            if len(raw) > MAX_FILE_BYTES:
                yield _LineDecodeError(number, "line is longer than the size limit")
                # Skip the rest of the over-long line.
                while raw and not raw.endswith(b"\n"):
                    raw = handle.readline(MAX_FILE_BYTES)
                continue
            try:
                yield _utf8_or_cp1252(raw)[0]
            except ValueError as exc:
                yield _LineDecodeError(number, str(exc))


def _strict_lines(lines: Iterable[str | _LineDecodeError]) -> Iterator[str]:
    """Lines for readers that cannot skip one (CSV records span lines): raise at a bad one."""
    for line in lines:
        if isinstance(line, _LineDecodeError):
            raise line
        yield line


def _jsonl_notes(
    where: str, lines: Iterable[str | _LineDecodeError], fields: Fields
) -> Iterator[Item]:
    numbered = enumerate(lines, start=1)
    while True:
        try:
            number, line = next(numbered)
        except StopIteration:
            return
        except _LineDecodeError as exc:
            # Undecodable UTF-16 ends the stream: report it; the rest of the file is lost.
            yield SourceError(f"{where}:{exc.number}", str(exc))
            return
        if isinstance(line, _LineDecodeError):
            yield SourceError(f"{where}:{line.number}", str(line))
            continue
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


def _csv_notes(
    where: str, lines: Iterable[str | _LineDecodeError], fields: Fields
) -> Iterator[Item]:
    reader = csv.DictReader(_strict_lines(lines))
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        yield SourceError(where, f"malformed CSV: {exc}")
        return
    except _LineDecodeError as exc:
        yield SourceError(f"{where}:{exc.number}", str(exc))
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
        except _LineDecodeError as exc:
            yield SourceError(f"{where}:{exc.number}", str(exc))
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
    suffix = path.suffix.lower() if path is not None else ""
    if path is not None and suffix in COLLECTION_SUFFIXES:
        lines = _stream_lines(path)
        try:
            first = next(lines, None)
        except OSError as exc:
            yield _os_error(label, exc)
            return
        except ValueError as exc:
            yield SourceError(label, str(exc))
            return
        stream = itertools.chain([] if first is None else [first], lines)
        reader = _jsonl_notes if suffix == ".jsonl" else _csv_notes
        yield from reader(label, stream, fields)
        return
    text = _text_of(label, path)
    if isinstance(text, SourceError):
        yield text
    elif suffix in FHIR_SUFFIXES:
        from peerlint.fhir import fhir_notes

        yield from fhir_notes(label, text)
    else:
        yield Note(label, text)


def glob_matches(relative: str, patterns: Iterable[str]) -> bool:
    """Whether a path relative to the scanned folder (``/``-separated) matches a glob.

    ``*`` also crosses folders; a pattern matches the whole relative path, the file
    name alone, or (for ``**/x`` patterns) any tail of the path."""
    name = relative.rsplit("/", 1)[-1]
    for pattern in patterns:
        bare = pattern.rstrip("/")
        while bare.startswith("**/"):
            bare = bare[3:]
        if fnmatch.fnmatchcase(relative, pattern) or fnmatch.fnmatchcase(name, bare):
            return True
        if bare != pattern and fnmatch.fnmatchcase(relative, bare):
            return True
    return False


def walk_folder(
    folder: Path, include: Sequence[str] = (), exclude: Sequence[str] = ()
) -> Iterator[Path]:
    """Note files under ``folder``, recursively and in a stable order, skipping hidden
    files and folders and filtered by ``include``/``exclude`` globs (see glob_matches)."""
    for root, dirs, files in os.walk(folder):
        base = Path(root).relative_to(folder).as_posix()
        prefix = "" if base == "." else base + "/"
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and not (exclude and glob_matches(prefix + d, exclude))
        )
        for name in sorted(files):
            if name.startswith(".") or Path(name).suffix.lower() not in NOTE_SUFFIXES:
                continue
            relative = prefix + name
            if include and not glob_matches(relative, include):
                continue
            if exclude and glob_matches(relative, exclude):
                continue
            yield Path(root, name)


def iter_notes(
    targets: Iterable[str],
    fields: Fields = Fields(),
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> Iterator[Item]:
    """Every note under the targets: files, folders (recursive) or ``-`` for stdin.

    ``include``/``exclude`` are globs that filter what folder walks find (a file named
    on the command line is always read)."""
    for target in targets:
        if target == STDIN:
            yield from notes_from_file(None, fields, where="<stdin>")
            continue
        path = Path(target)
        if path.is_dir():
            for file in walk_folder(path, include, exclude):
                yield from notes_from_file(file, fields)
        elif path.exists() or path.is_symlink():
            yield from notes_from_file(path, fields)
        else:
            yield SourceError(target, "no such file or folder")

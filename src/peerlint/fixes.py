"""Fixes: apply exact replacements to note files without ever losing text.

Only whole-note files (``.txt``/``.md``) are fixed: rows of a CSV/JSONL export belong
to the system that exported them. A fix re-reads the file and refuses to write when it
changed since it was checked; it keeps the file's encoding, byte-order mark and line
endings (replacements never touch line breaks); and it writes a temporary file in the
same folder, flushes it to disk and renames it over the note, so a crash or a kill at
any moment leaves either the old note or the new one, never a mix or nothing.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from peerlint.findings import Finding
from peerlint.sources import TEXT_SUFFIXES, decode_bytes

if TYPE_CHECKING:
    from peerlint.checker import CheckedNote, CheckRun

TEMP_SUFFIX = ".peerlint-tmp"


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str


def is_fixable(path: str, note_id: str | None) -> bool:
    """Whether fixes may be written to this note: a whole ``.txt``/``.md`` file."""
    return note_id is None and Path(path).suffix.lower() in TEXT_SUFFIXES and Path(path).is_file()


def planned_edits(findings: Iterable[Finding], unsafe: bool = False) -> list[Edit]:
    """The edits ``--fix`` makes: safe fixes (and unsafe ones when asked), never
    two that overlap (the first one wins; the next run picks up the rest)."""
    edits: list[Edit] = []
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        if f.fix is None or not (f.fix.safe or unsafe):
            continue
        if edits and f.start < edits[-1].end:
            continue
        edits.append(Edit(f.start, f.end, f.fix.replacement))
    return edits


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """``text`` with non-overlapping ``edits`` applied (offsets refer to ``text``)."""
    out: list[str] = []
    last = 0
    for edit in sorted(edits, key=lambda e: e.start):
        if edit.start < last:
            raise ValueError("overlapping edits")
        out.append(text[last : edit.start])
        out.append(edit.replacement)
        last = edit.end
    out.append(text[last:])
    return "".join(out)


def unified_diff(path: str, old: str, new: str) -> str:
    """A ``diff -u`` style preview of a fix (nothing is written)."""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically: a temporary file in the same folder,
    flushed and fsynced, then renamed over the original (keeping its permissions)."""
    folder = path.parent
    mode = path.stat().st_mode & 0o7777 if path.exists() else None
    fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class FixError(Exception):
    """A fix that was not written; the note is untouched. The message names the file."""


def write_fixed(path: Path, checked_text: str, edits: Sequence[Edit]) -> str | None:
    """Apply ``edits`` to the note file; return the new text, or None when nothing
    changed (the file is not touched at all, so its mtime stays). Raises FixError,
    leaving the file as it was, when it changed since it was checked or cannot be
    written back in its own encoding."""
    if not edits:
        return None
    try:
        data = path.read_bytes()
        decoded = decode_bytes(data)
    except (OSError, ValueError) as exc:
        raise FixError(f"{path}: cannot re-read the note: {exc}") from None
    if decoded.text != checked_text:
        raise FixError(f"{path}: changed since it was checked; not fixed (run again)")
    new_text = apply_edits(decoded.text, edits)
    if new_text == decoded.text:
        return None
    try:
        encoded = decoded.encode(new_text)
    except UnicodeEncodeError:
        raise FixError(
            f"{path}: the fix cannot be written in the note's encoding ({decoded.encoding}); "
            "not fixed"
        ) from None
    try:
        atomic_write(path, encoded)
    except OSError as exc:
        raise FixError(f"{path}: cannot write: {exc.strerror or exc}; not fixed") from None
    return new_text


# --- interactive ----------------------------------------------------------------------

Ask = Callable[[str], str]


@dataclass
class Walk:
    """State of an interactive walk across notes: ``quit`` stops asking everywhere."""

    quit: bool = False
    accepted: int = 0


def choose_interactively(
    findings: Sequence[Finding], ask: Ask, show: Callable[[Finding], None], walk: Walk
) -> list[Edit]:
    """Ask about each finding: [a]ccept its replacement, [s]kip, [e]dit (type your own
    wording) or [q]uit (stop asking; what was accepted so far is still written)."""
    edits: list[Edit] = []
    for finding in sorted(findings, key=lambda f: f.start):
        if walk.quit:
            break
        if edits and finding.start < edits[-1].end:
            continue
        show(finding)
        has_fix = finding.fix is not None
        choices = "[a]ccept, [s]kip, [e]dit, [q]uit" if has_fix else "[s]kip, [e]dit, [q]uit"
        while True:
            try:
                answer = ask(f"{choices}? ").strip().lower()[:1]
            except EOFError:  # input closed: stop asking, keep what was accepted
                answer = "q"
            if answer == "a" and finding.fix is not None:
                edits.append(Edit(finding.start, finding.end, finding.fix.replacement))
                break
            if answer == "e":
                try:
                    wording = ask(f"replace {finding.text!r} with (empty: skip): ")
                except EOFError:
                    wording = ""
                if wording.strip() and "\n" not in wording:
                    edits.append(Edit(finding.start, finding.end, wording.strip()))
                break
            if answer == "s":
                break
            if answer == "q":
                walk.quit = True
                break
    walk.accepted += len(edits)
    return edits


def _no_show(checked: CheckedNote, finding: Finding) -> None:
    """Interactive mode with nothing to display the finding on (tests)."""


# --- a whole check run ----------------------------------------------------------------


@dataclass
class FixReport:
    """What a fix pass did, for the one-line summary and the exit code."""

    passages: int = 0
    files: int = 0
    diffs: list[str] = field(default_factory=list)
    not_applied: list[str] = field(default_factory=list)  # one line per note not fixed


def fix_run(
    run: CheckRun,
    mode: str,
    relint: Callable[[CheckedNote, str], CheckedNote],
    unsafe: bool = False,
    ask: Ask | None = None,
    show: Callable[[CheckedNote, Finding], None] | None = None,
) -> FixReport:
    """Apply fixes to the notes of ``run`` in place (``mode`` "fix" or "interactive"), or
    collect diffs without writing ("diff"). Fixed notes are linted again through
    ``relint`` so the report shows what is left. Never raises for one bad file: its
    problem is recorded in ``not_applied`` and the other notes are still fixed."""
    report = FixReport()
    walk = Walk()
    rows: dict[str, int] = {}
    for position, checked in enumerate(run.notes):
        note = checked.result
        if not note.findings:
            continue
        if mode != "interactive" and not planned_edits(note.findings, unsafe):
            continue
        if not is_fixable(note.path, note.id):
            if note.id is not None:
                rows[note.path] = rows.get(note.path, 0) + 1
            else:
                report.not_applied.append(
                    f"{note.label}: not fixed: fixes are applied to .txt and .md note files only"
                )
            continue
        if mode == "interactive":
            if walk.quit or ask is None:
                break
            edits = choose_interactively(
                note.findings, ask, functools.partial(show or _no_show, checked), walk
            )
        else:
            edits = planned_edits(note.findings, unsafe)
        if not edits:
            continue
        if mode == "diff":
            new_text = apply_edits(note.text, edits)
            if new_text != note.text:
                report.diffs.append(unified_diff(note.path, note.text, new_text))
                report.passages += len(edits)
                report.files += 1
            continue
        try:
            written = write_fixed(Path(note.path), note.text, edits)
        except FixError as exc:
            report.not_applied.append(str(exc))
            continue
        if written is not None:
            report.passages += len(edits)
            report.files += 1
            run.notes[position] = relint(checked, written)
    for path, count in rows.items():
        report.not_applied.append(
            f"{path}: not fixed: fixes are not applied to rows of CSV/JSONL exports "
            f"({count} note{'s' if count != 1 else ''} with fixable passages); "
            "fix them in the system that exported them"
        )
    return report

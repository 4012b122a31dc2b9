"""``peerlint watch DIR``: check notes as they appear or change in an export folder.

Polling with ``os.scandir`` (through :func:`peerlint.sources.walk_folder`) and file
signatures (size, mtime) needs no dependency and works on network shares, where
inotify-style events often do not arrive. A file is checked only once its signature
has stayed the same for ``settle`` seconds, so a note still being written by an EHR
export is never reported half-way. Each version of a file is checked once.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from peerlint.checker import Checker, CheckRun
from peerlint.fixes import atomic_write
from peerlint.report.json_report import note_dict
from peerlint.sources import walk_folder

Signature = tuple[int, int]  # size, mtime in ns
SIDECAR_SUFFIX = ".peerlint.json"


def sidecar_path(note: Path) -> Path:
    """Where ``--json-beside`` writes a note's result: a hidden file next to it, which
    folder walks skip, so it is never read back as a note."""
    return note.with_name(f".{note.name}{SIDECAR_SUFFIX}")


@dataclass
class WatchOptions:
    settle: float = 1.0  # seconds a file must stay unchanged before it is checked
    interval: float = 0.5  # seconds between polls
    json_beside: bool = False
    log: Path | None = None
    once: bool = False  # check what is there, once settled, then stop
    max_duration: float | None = None  # stop after this many seconds


@dataclass
class _Seen:
    signature: Signature
    since: float  # when this signature was first observed


@dataclass
class Watcher:
    """Polls ``folder`` and checks settled new or changed notes."""

    folder: Path
    checker: Checker
    options: WatchOptions
    emit: Callable[[Path, CheckRun], None]
    clock: Callable[[], float] = time.monotonic
    _seen: dict[Path, _Seen] = field(default_factory=dict)
    _checked: dict[Path, Signature] = field(default_factory=dict)

    def _signatures(self) -> dict[Path, Signature]:
        found: dict[Path, Signature] = {}
        log = self.options.log.resolve() if self.options.log is not None else None
        for path in walk_folder(self.folder):
            if log is not None and path.resolve() == log:
                continue
            try:
                st = os.stat(path)
            except OSError:  # removed between listing and stat
                continue
            found[path] = (st.st_size, st.st_mtime_ns)
        return found

    def poll(self) -> list[Path]:
        """Look at the folder once; return the notes that are settled and not yet checked
        in this version."""
        now = self.clock()
        current = self._signatures()
        for gone in set(self._seen) - set(current):
            del self._seen[gone]
            self._checked.pop(gone, None)
        ready: list[Path] = []
        for path, signature in current.items():
            seen = self._seen.get(path)
            if seen is None or seen.signature != signature:
                self._seen[path] = seen = _Seen(signature, now)
            if self._checked.get(path) == signature:
                continue
            if now - seen.since >= self.options.settle:
                ready.append(path)
        return ready

    @property
    def pending(self) -> int:
        """Notes seen but not yet checked in their current version."""
        return sum(1 for p, s in self._seen.items() if self._checked.get(p) != s.signature)

    def check(self, path: Path) -> CheckRun:
        """Check one settled note, then write its sidecar and log line if asked."""
        signature = self._seen[path].signature
        run = self.checker.check([str(path)])
        self._checked[path] = signature
        if self.options.json_beside:
            atomic_write(sidecar_path(path), (_document(path, run) + "\n").encode("utf-8"))
        if self.options.log is not None:
            with self.options.log.open("a", encoding="utf-8") as handle:
                handle.write(_document(path, run, indent=None) + "\n")
        self.emit(path, run)
        return run

    def step(self) -> int:
        """One poll and the checks it makes ready; returns how many notes were checked."""
        ready = self.poll()
        for path in ready:
            self.check(path)
        return len(ready)

    def run(self, sleep: Callable[[float], None] = time.sleep) -> None:
        """Poll until stopped (Ctrl-C raises KeyboardInterrupt to the caller), until
        ``max_duration`` has passed, or with ``once`` until every note was checked."""
        started = self.clock()
        while True:
            self.step()
            if self.options.once and not self.pending:
                return
            elapsed = self.clock() - started
            limit = self.options.max_duration
            if limit is not None and elapsed >= limit:
                return
            pause = self.options.interval
            if limit is not None:
                pause = min(pause, max(0.0, limit - elapsed))
            sleep(pause)


def _document(path: Path, run: CheckRun, indent: int | None = 2) -> str:
    """The JSON contract for one file's notes, plus when and any read errors."""
    data = {
        "path": str(path),
        "checked_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "notes": [note_dict(r) for r in run.results],
        "errors": [str(e) for e in run.errors],
        "known": run.known,
    }
    return json.dumps(data, ensure_ascii=False, indent=indent)

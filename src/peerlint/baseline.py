"""Baselines: record today's findings so that a hook in a legacy folder blocks only new ones.

A finding is remembered by a fingerprint that survives unrelated edits to the note:
its rule, the flagged passage and two words on either side (all case- and
inflection-normalised), and which occurrence of that same combination it is. Line
numbers and offsets are left out, so adding a paragraph above does not make old
findings "new". The file stores only paths, row ids, rule ids and one-way hashes —
never note text.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peerlint import __version__
from peerlint.config import phrase_key
from peerlint.findings import Finding

BASELINE_NAME = ".peerlint-baseline.json"
FORMAT_VERSION = 1
CONTEXT_WORDS = 2
# How far to look for context words on either side of a passage.
_CONTEXT_CHARS = 80
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


class BaselineError(Exception):
    """A baseline file that cannot be read or written; the message names the file."""


def _context(text: str, finding: Finding) -> tuple[str, str]:
    before = _WORD.findall(text[max(0, finding.start - _CONTEXT_CHARS) : finding.start])
    after = _WORD.findall(text[finding.end : finding.end + _CONTEXT_CHARS])
    return (
        phrase_key(" ".join(before[-CONTEXT_WORDS:])),
        phrase_key(" ".join(after[:CONTEXT_WORDS])),
    )


def fingerprints(text: str, findings: Sequence[Finding]) -> list[str]:
    """One fingerprint per finding (same order), stable under unrelated edits."""
    seen: Counter[str] = Counter()
    out: list[str] = []
    for finding in findings:
        before, after = _context(text, finding)
        base = "\x1f".join((finding.rule, phrase_key(finding.text), before, after))
        index = seen[base]
        seen[base] += 1
        digest = hashlib.sha256(f"{base}\x1f{index}".encode()).hexdigest()
        out.append(digest[:32])
    return out


def note_key_path(note_path: str, folder: Path) -> str:
    """A note's path as stored in a baseline: relative to the baseline's folder when
    inside it, so the baseline works from any working directory."""
    path = Path(note_path)
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


NoteKey = tuple[str, str | None]  # note path (see note_key_path), row id
FindingKey = tuple[str, str]  # rule, fingerprint


@dataclass
class Baseline:
    """The recorded findings of one baseline file, per note."""

    path: Path
    notes: dict[NoteKey, Counter[FindingKey]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """Read a baseline; a missing file is an empty baseline."""
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(path)
        except (OSError, UnicodeDecodeError) as exc:
            raise BaselineError(f"{path}: cannot read baseline: {exc}") from None
        baseline = cls(path)
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
                raise ValueError(f"expected a peerlint baseline, version {FORMAT_VERSION}")
            for item in data["findings"]:
                note_id = item.get("id")
                note = (str(item["path"]), None if note_id is None else str(note_id))
                found = baseline.notes.setdefault(note, Counter())
                found[(str(item["rule"]), str(item["fingerprint"]))] += 1
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise BaselineError(f"{path}: not a valid baseline file ({exc})") from None
        return baseline

    def __len__(self) -> int:
        return sum(sum(c.values()) for c in self.notes.values())

    def _note(self, note_path: str, note_id: str | None) -> NoteKey:
        return note_key_path(note_path, self.path.parent), note_id

    def new_findings(
        self, note_path: str, note_id: str | None, text: str, findings: Sequence[Finding]
    ) -> tuple[list[Finding], int]:
        """The findings not recorded in the baseline, and how many were recorded."""
        recorded = self.notes.get(self._note(note_path, note_id))
        if not recorded or not findings:
            return list(findings), 0
        budget = Counter(recorded)
        kept: list[Finding] = []
        known = 0
        for finding, fp in zip(findings, fingerprints(text, findings), strict=True):
            if budget[(finding.rule, fp)] > 0:
                budget[(finding.rule, fp)] -= 1
                known += 1
            else:
                kept.append(finding)
        return kept, known

    def record(
        self, note_path: str, note_id: str | None, text: str, findings: Sequence[Finding]
    ) -> None:
        """Remember a note's current findings (replacing what was recorded for it)."""
        keys = zip((f.rule for f in findings), fingerprints(text, findings), strict=True)
        self.notes[self._note(note_path, note_id)] = Counter(keys)

    def forget_file(self, note_path: str) -> None:
        """Drop every recorded note of a file (before recording its rows afresh)."""
        where = note_key_path(note_path, self.path.parent)
        for key in [k for k in self.notes if k[0] == where]:
            del self.notes[key]

    def to_json(self) -> str:
        """The file's content: sorted, so re-recording unchanged notes changes nothing."""
        rows: list[dict[str, Any]] = []
        for (path, note_id), found in sorted(
            self.notes.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")
        ):
            for (rule, fp), count in sorted(found.items()):
                row = {"path": path, "id": note_id, "rule": rule, "fingerprint": fp}
                rows.extend(dict(row) for _ in range(count))
        document = {
            "version": FORMAT_VERSION,
            "tool": f"peerlint {__version__}",
            "findings": rows,
        }
        return json.dumps(document, indent=2) + "\n"

    def save(self) -> None:
        """Write the baseline atomically (a half-written baseline would hide nothing)."""
        from peerlint.fixes import atomic_write

        try:
            atomic_write(self.path, self.to_json().encode("utf-8"))
        except OSError as exc:
            raise BaselineError(
                f"{self.path}: cannot write baseline: {exc.strerror or exc}"
            ) from None

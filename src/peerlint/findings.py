"""Findings: what the engine hands to reporters. Plain, immutable, serialisable."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from peerlint.signals import Signals


@dataclass(frozen=True)
class Fix:
    """A replacement for ``text[start:end]``. Only ``safe`` fixes are applied by default."""

    replacement: str
    safe: bool


@dataclass(frozen=True, slots=True)
class Finding:
    """One drifting passage. ``start``/``end`` are character offsets into the note
    (end exclusive); ``line`` and ``column`` are 1-based."""

    rule: str
    category: str
    level: str
    start: int
    end: int
    line: int
    column: int
    text: str
    message: str
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = field(default=None)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rule": self.rule,
            "category": self.category,
            "level": self.level,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "message": self.message,
            "suggestions": list(self.suggestions),
        }
        if self.fix is not None:
            data["fix"] = {"replacement": self.fix.replacement, "safe": self.fix.safe}
        return data


@dataclass(frozen=True)
class NoteResult:
    """The findings of one note, with what reporters need to show them."""

    path: str
    findings: tuple[Finding, ...]
    id: str | None = None
    text: str = ""
    author: str | None = None
    date: str | None = None
    signals: Signals | None = None

    @property
    def label(self) -> str:
        return f"{self.path}#{self.id}" if self.id is not None else self.path


def summarize(results: list[NoteResult]) -> dict[str, Any]:
    """Counts shared by every reporter."""
    by_level: dict[str, int] = {}
    by_category: dict[str, int] = {}
    for result in results:
        for f in result.findings:
            by_level[f.level] = by_level.get(f.level, 0) + 1
            by_category[f.category] = by_category.get(f.category, 0) + 1
    return {
        "notes": len(results),
        "notes_with_findings": sum(1 for r in results if r.findings),
        "findings": sum(by_level.values()),
        "by_level": by_level,
        "by_category": by_category,
    }

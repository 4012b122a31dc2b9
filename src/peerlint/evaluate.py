"""``peerlint eval``: how well the rules agree with a gold-annotated corpus.

A finding counts when it overlaps a gold span by at least one character. The
overall scores ignore categories (did we flag the drifting passage at all?);
per-category scores also require the categories to agree. Clean notes are
counted separately: a supervisor's trust depends on them staying silent.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peerlint.categories import CATEGORIES
from peerlint.engine import Engine
from peerlint.findings import Finding


class GoldError(Exception):
    """A gold file that cannot be used; the message names file and line."""


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    text: str
    category: str


@dataclass(frozen=True)
class GoldNote:
    id: str
    text: str
    clean: bool
    drift: tuple[GoldSpan, ...]


def load_gold(path: Path) -> list[GoldNote]:
    """Read gold JSONL and verify every offset against its text."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read: {exc}") from None
    notes: list[GoldNote] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
            text = row["text"]
            spans = tuple(
                GoldSpan(int(d["start"]), int(d["end"]), str(d["text"]), str(d["category"]))
                for d in row.get("drift", [])
            )
            note = GoldNote(str(row["id"]), text, bool(row.get("clean", not spans)), spans)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{where}: not valid JSON ({exc.msg})") from None
        except (KeyError, TypeError, ValueError) as exc:
            raise GoldError(f"{where}: missing or malformed field {exc}") from None
        for span in spans:
            if text[span.start : span.end] != span.text:
                raise GoldError(f"{where}: span {span.start}-{span.end} is not {span.text!r}")
            if span.category not in CATEGORIES:
                raise GoldError(f"{where}: unknown category {span.category!r}")
        if note.clean and spans:
            raise GoldError(f"{where}: a clean note has drift spans")
        notes.append(note)
    return notes


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


@dataclass
class Tally:
    gold: int = 0
    recalled: int = 0
    findings: int = 0
    correct: int = 0

    @property
    def recall(self) -> float:
        return self.recalled / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.findings if self.findings else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "recalled": self.recalled,
            "findings": self.findings,
            "correct": self.correct,
            "recall": round(self.recall, 4),
            "precision": round(self.precision, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Report:
    overall: Tally = field(default_factory=Tally)
    strict: Tally = field(default_factory=Tally)
    by_category: dict[str, Tally] = field(default_factory=lambda: {c: Tally() for c in CATEGORIES})
    notes: int = 0
    clean_notes: int = 0
    clean_notes_flagged: int = 0
    missed: list[tuple[str, GoldSpan]] = field(default_factory=list)
    false_alarms: list[tuple[str, Finding]] = field(default_factory=list)
    wrong_category: list[tuple[str, GoldSpan, Finding]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "notes": self.notes,
            "clean_notes": self.clean_notes,
            "clean_notes_flagged": self.clean_notes_flagged,
            "overall": self.overall.as_dict(),
            "category_strict": self.strict.as_dict(),
            "by_category": {c: t.as_dict() for c, t in self.by_category.items()},
            "missed": [{"id": i, **s.__dict__} for i, s in self.missed],
            "false_alarms": [
                {"id": i, "rule": f.rule, "category": f.category, "text": f.text, "start": f.start}
                for i, f in self.false_alarms
            ],
            "wrong_category": [
                {"id": i, "text": s.text, "gold": s.category, "found": f.category, "rule": f.rule}
                for i, s, f in self.wrong_category
            ],
        }


def evaluate(engine: Engine, notes: Sequence[GoldNote]) -> Report:
    report = Report()
    for note in notes:
        findings = engine.lint(note.text)
        report.notes += 1
        if note.clean:
            report.clean_notes += 1
            report.clean_notes_flagged += bool(findings)
        _score(report, note, findings)
    return report


def _score(report: Report, note: GoldNote, findings: list[Finding]) -> None:
    for tally in (report.overall, report.strict):
        tally.gold += len(note.drift)
        tally.findings += len(findings)
    for span in note.drift:
        cat = report.by_category[span.category]
        cat.gold += 1
        touching = [f for f in findings if _overlaps(f.start, f.end, span.start, span.end)]
        if touching:
            report.overall.recalled += 1
        else:
            report.missed.append((note.id, span))
        if any(f.category == span.category for f in touching):
            report.strict.recalled += 1
            cat.recalled += 1
        elif touching:
            report.wrong_category.append((note.id, span, touching[0]))
    for f in findings:
        report.by_category[f.category].findings += 1
        touching_gold = [s for s in note.drift if _overlaps(f.start, f.end, s.start, s.end)]
        if touching_gold:
            report.overall.correct += 1
        else:
            report.false_alarms.append((note.id, f))
        if any(s.category == f.category for s in touching_gold):
            report.strict.correct += 1
            report.by_category[f.category].correct += 1

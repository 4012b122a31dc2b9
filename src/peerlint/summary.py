"""Aggregates of a scan: by category, staff member and month, top phrases, example passages.

Built one note at a time (:meth:`ScanSummary.add`) so a scan never holds its notes: memory
grows with the number of staff, months and distinct phrases, not with the number of notes.
Rates are findings per 100 notes, so staff who write more notes are not made to look worse.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from peerlint.categories import CATEGORIES
from peerlint.findings import Finding, NoteResult
from peerlint.redact import find_names
from peerlint.sources import SourceError

NO_AUTHOR = "(no author)"
NO_DATE = "(no date)"
# Characters of note text kept on each side of an example passage.
CONTEXT_CHARS = 160
EXAMPLES_PER_CATEGORY = 3


@dataclass
class Tally:
    """Counts for one group of notes (everyone, one staff member, one month)."""

    notes: int = 0
    notes_with_findings: int = 0
    findings: int = 0
    by_category: Counter[str] = field(default_factory=Counter)

    def per_100(self, count: int | None = None) -> float:
        """Findings (or ``count``) per 100 notes of this group."""
        value = self.findings if count is None else count
        return 100.0 * value / self.notes if self.notes else 0.0

    def add(self, categories: Sequence[str]) -> None:
        """Count one note with findings of these categories (one entry per finding)."""
        self.notes += 1
        if categories:
            self.notes_with_findings += 1
            self.findings += len(categories)
            counts = self.by_category
            for category in categories:
                counts[category] = counts.get(category, 0) + 1

    def as_dict(self) -> dict[str, Any]:
        return {
            "notes": self.notes,
            "notes_with_findings": self.notes_with_findings,
            "findings": self.findings,
            "per_100_notes": round(self.per_100(), 1),
            "by_category": _ordered(self.by_category),
        }


@dataclass
class Phrase:
    """A flagged phrase as written (first spelling seen), how often, and what to say instead."""

    text: str
    count: int
    rule: str
    category: str
    suggestions: tuple[str, ...]


@dataclass(frozen=True)
class Example:
    """One flagged passage with a little of the note around it, for the report."""

    category: str
    rule: str
    note: str  # path, plus the row id for collections
    author: str | None
    date: str | None
    before: str
    phrase: str
    after: str
    message: str
    suggestion: str | None
    names: frozenset[str]  # words of the note that may be person names (for --redact)


@lru_cache(maxsize=4096)
def month_of(date: str | None) -> str | None:
    """``YYYY-MM`` of a note date: ISO 8601 / FHIR (``2024-03-05``, ``2024-03``,
    ``20240305``) or US ``M/D/YYYY`` as EHRs export it; None when it cannot be read."""
    if not date:
        return None
    text = date.strip()
    match = re.match(r"(\d{4})-(\d{1,2})(?:\b|-|T)", text) or re.match(
        r"(\d{4})(\d{2})\d{2}\b", text
    )
    if match:
        year, month = int(match.group(1)), int(match.group(2))
    else:
        us = re.match(r"(\d{1,2})/\d{1,2}/(\d{4})\b", text)
        if not us:
            return None
        year, month = int(us.group(2)), int(us.group(1))
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 and 1900 <= year <= 2200 else None


def _ordered(counts: Counter[str]) -> dict[str, int]:
    """Category counts in the checklist's order (unknown categories last)."""
    known = [c for c in CATEGORIES if counts.get(c)]
    return {c: counts[c] for c in [*known, *sorted(set(counts) - set(CATEGORIES))]}


class ScanSummary:
    """Everything the terminal summary, the HTML report and ``summary`` in JSON show."""

    def __init__(self, vocabulary: Iterable[str] = ()) -> None:
        self.total = Tally()
        self.by_level: Counter[str] = Counter()
        self.by_author: dict[str, Tally] = {}
        self.by_month: dict[str, Tally] = {}
        self.phrases: dict[str, Phrase] = {}
        self.examples: dict[str, list[Example]] = {}
        self.skipped: list[SourceError] = []
        self.inputs: set[str] = set()
        self.first_date: str | None = None
        self.last_date: str | None = None
        self.vocabulary = frozenset(w.lower() for w in vocabulary)
        self._phrase_keys: dict[str, str] = {}

    @property
    def notes_with_findings(self) -> int:
        return self.total.notes_with_findings

    def add(self, result: NoteResult) -> None:
        """Count one scanned note."""
        self.inputs.add(result.path)
        categories = [f.category for f in result.findings]
        self.total.add(categories)
        for finding in result.findings:
            self.by_level[finding.level] = self.by_level.get(finding.level, 0) + 1
        author = result.author or NO_AUTHOR
        tally = self.by_author.get(author)
        if tally is None:
            tally = self.by_author[author] = Tally()
        tally.add(categories)
        month = month_of(result.date)
        tally = self.by_month.get(month or NO_DATE)
        if tally is None:
            tally = self.by_month[month or NO_DATE] = Tally()
        tally.add(categories)
        if month:
            if self.first_date is None or month < self.first_date:
                self.first_date = month
            if self.last_date is None or month > self.last_date:
                self.last_date = month
        for finding in result.findings:
            key = self._phrase_keys.get(finding.text)
            if key is None:
                # "Pt", "pt" and "pt." are one phrase for a supervisor.
                folded = " ".join(finding.text.lower().split()).rstrip(".")
                key = self._phrase_keys[finding.text] = folded
            phrase = self.phrases.get(key)
            if phrase is None:
                self.phrases[key] = Phrase(
                    " ".join(finding.text.split()),
                    1,
                    finding.rule,
                    finding.category,
                    finding.suggestions[:2],
                )
            else:
                phrase.count += 1
            self._maybe_example(result, finding)

    def add_error(self, error: SourceError) -> None:
        """Remember an input that could not be read (listed in every summary)."""
        self.skipped.append(error)

    def _maybe_example(self, result: NoteResult, finding: Finding) -> None:
        chosen = self.examples.setdefault(finding.category, [])
        if len(chosen) >= EXAMPLES_PER_CATEGORY or any(e.rule == finding.rule for e in chosen):
            return
        text = result.text
        chosen.append(
            Example(
                category=finding.category,
                rule=finding.rule,
                note=result.label,
                author=result.author,
                date=result.date,
                before=text[max(0, finding.start - CONTEXT_CHARS) : finding.start],
                phrase=text[finding.start : finding.end],
                after=text[finding.end : finding.end + CONTEXT_CHARS],
                message=finding.message,
                suggestion=finding.suggestions[0] if finding.suggestions else None,
                names=frozenset(find_names(text, self.vocabulary)),
            )
        )

    def top_phrases(self, count: int = 15) -> list[Phrase]:
        """The most frequent flagged phrases, most frequent first."""
        return sorted(self.phrases.values(), key=lambda p: (-p.count, p.text.lower()))[:count]

    def months(self) -> list[tuple[str, Tally]]:
        """Months in order, with every month between the first and the last (a month
        without notes shows as a gap, not as if it never happened); undated notes last."""
        dated = sorted(m for m in self.by_month if m != NO_DATE)
        out: list[tuple[str, Tally]] = []
        if dated:
            year, month = map(int, dated[0].split("-"))
            while (label := f"{year:04d}-{month:02d}") <= dated[-1]:
                out.append((label, self.by_month.get(label, Tally())))
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        if NO_DATE in self.by_month:
            out.append((NO_DATE, self.by_month[NO_DATE]))
        return out

    def authors(self) -> list[tuple[str, Tally]]:
        """Staff members by rate per 100 notes, highest first (ties by name)."""
        return sorted(self.by_author.items(), key=lambda item: (-item[1].per_100(), item[0]))

    def as_json(self, staff_alias: dict[str, str] | None = None) -> dict[str, Any]:
        """``summary`` of ``scan --format json``: the ``check`` keys plus ``by_author``,
        ``by_month`` and ``skipped`` (authors replaced by ``staff_alias`` when redacting)."""
        alias = staff_alias or {}
        return {
            "notes": self.total.notes,
            "findings": self.total.findings,
            "by_level": dict(sorted(self.by_level.items())),
            "by_category": _ordered(self.total.by_category),
            "by_author": {alias.get(a, a): t.as_dict() for a, t in self.by_author.items()},
            "by_month": {m: t.as_dict() for m, t in self.months()},
            "skipped": [{"where": e.where, "message": e.message} for e in self.skipped],
        }

"""Wiring for one run: sources -> engine -> results. No output formatting here."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from peerlint.engine import Engine
from peerlint.findings import NoteResult
from peerlint.rules import Rule
from peerlint.signals import note_signals
from peerlint.sources import Fields, Note, SourceError, iter_notes


@dataclass
class Outcome:
    results: list[NoteResult] = field(default_factory=list)
    errors: int = 0


def lint_note(engine: Engine, note: Note) -> NoteResult:
    findings = engine.lint(note.text)
    return NoteResult(
        path=note.path,
        id=note.id,
        findings=tuple(findings),
        text=note.text,
        author=note.author,
        date=note.date,
        signals=note_signals(note.text, findings),
    )


def run_check(
    rules: Sequence[Rule],
    targets: Iterable[str],
    fields: Fields,
    on_error: Callable[[str], None],
) -> Outcome:
    """Lint every note under ``targets``; bad inputs go to ``on_error`` and are counted."""
    engine = Engine(rules)
    outcome = Outcome()
    for item in iter_notes(targets, fields):
        if isinstance(item, SourceError):
            outcome.errors += 1
            on_error(str(item))
        else:
            outcome.results.append(lint_note(engine, item))
    return outcome

"""``peerlint check`` under configuration: each note is linted with the settings of its
own ``.peerlint.yaml`` (and per-path overrides), accepted terms are dropped, and findings
recorded in a baseline are hidden. Engines are compiled once per distinct rule set.

Imports spaCy (through the engine): only commands that lint use this module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from peerlint.baseline import BASELINE_NAME, Baseline
from peerlint.categories import level_rank
from peerlint.config import Configs, Resolved, Settings, is_allowed, rules_for
from peerlint.engine import Engine
from peerlint.findings import Finding, NoteResult
from peerlint.rules import Rule, turned_off
from peerlint.signals import note_signals
from peerlint.sources import Note, SourceError, iter_notes


@dataclass(frozen=True)
class CheckedNote:
    """One note's result and the settings it was checked under."""

    result: NoteResult
    settings: Settings
    resolved: Resolved

    @property
    def failing(self) -> bool:
        threshold = level_rank(self.settings.fail_on)
        return any(level_rank(f.level) >= threshold for f in self.result.findings)


@dataclass
class CheckRun:
    notes: list[CheckedNote] = field(default_factory=list)
    errors: list[SourceError] = field(default_factory=list)
    known: int = 0  # findings hidden because a baseline records them
    rules: dict[str, Rule] = field(default_factory=dict)  # every rule in force

    @property
    def results(self) -> list[NoteResult]:
        return [n.result for n in self.notes]

    @property
    def failing(self) -> bool:
        return any(n.failing for n in self.notes)


class Checker:
    """Lints notes under their configs; build once per command and reuse."""

    def __init__(
        self, configs: Configs, use_baseline: bool = True, baseline_path: Path | None = None
    ) -> None:
        self.configs = configs
        self.use_baseline = use_baseline
        self.baseline_path = baseline_path
        self._engines: dict[tuple[object, ...], Engine] = {}
        self._baselines: dict[Path, Baseline] = {}

    def baseline_file(self, resolved: Resolved) -> Path:
        """Where a config's baseline lives: beside the config, else the current folder."""
        if self.baseline_path is not None:
            return self.baseline_path
        return resolved.config.folder / BASELINE_NAME

    def baseline(self, resolved: Resolved) -> Baseline:
        """The (cached) baseline for a config; raises BaselineError when unreadable."""
        path = self.baseline_file(resolved).resolve()
        if path not in self._baselines:
            self._baselines[path] = Baseline.load(path)
        return self._baselines[path]

    def engine(self, resolved: Resolved, settings: Settings) -> Engine:
        key = settings.rule_key
        if key not in self._engines:
            in_force = rules_for(resolved.rules, settings)
            self._engines[key] = Engine(in_force, turned_off(resolved.rules, in_force))
        return self._engines[key]

    def lint(self, note: Note, resolved: Resolved) -> CheckedNote:
        """Lint one note with its settings and drop accepted terms (no baseline)."""
        settings = resolved.settings_for(note.path)
        findings: list[Finding] = self.engine(resolved, settings).lint(note.text)
        if settings.allow:
            findings = [f for f in findings if not is_allowed(f.text, settings.allow)]
        result = NoteResult(
            path=note.path,
            id=note.id,
            findings=tuple(findings),
            text=note.text,
            author=note.author,
            date=note.date,
            signals=note_signals(note.text, findings),
        )
        return CheckedNote(result, settings, resolved)

    def hide_known(self, checked: CheckedNote) -> tuple[CheckedNote, int]:
        """Drop findings that the note's baseline records."""
        if not self.use_baseline or not checked.result.findings:
            return checked, 0
        r = checked.result
        kept, known = self.baseline(checked.resolved).new_findings(r.path, r.id, r.text, r.findings)
        if not known:
            return checked, 0
        return replace(checked, result=replace(r, findings=tuple(kept))), known

    def check(
        self, targets: Iterable[str], on_error: Callable[[SourceError], None] | None = None
    ) -> CheckRun:
        """Every note under ``targets``; unreadable inputs are collected, never raised."""
        run = CheckRun()
        for target in targets:
            resolved = self.configs.for_target(target)
            for item in iter_notes([target], resolved.fields):
                if isinstance(item, SourceError):
                    run.errors.append(item)
                    if on_error is not None:
                        on_error(item)
                    continue
                checked, known = self.hide_known(self.lint(item, resolved))
                run.known += known
                run.notes.append(checked)
        for engine in self._engines.values():
            run.rules.update((r.id, r) for r in engine.rules)
        return run

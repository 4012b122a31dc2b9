"""Turning matches into findings, without spaCy.

A match is just (rule, start, end). Building the :class:`Finding` from it needs only
the rule and the note text, so results kept as offsets (the scan cache, worker
processes) become findings again without loading spaCy or compiling any matcher.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from peerlint.categories import level_rank
from peerlint.findings import Finding, Fix
from peerlint.rules import Rule, Suggestion


@dataclass(frozen=True)
class _RuleOutput:
    """What every finding of one rule shares, computed once."""

    rank: int
    suggestions: tuple[str, ...]
    fix: Suggestion | None


class FindingBuilder:
    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = list(rules)
        self.index = {rule.id: i for i, rule in enumerate(self.rules)}
        self._outputs = [
            _RuleOutput(level_rank(r.level), tuple(s.text for s in r.suggest), r.fix)
            for r in self.rules
        ]

    def rank(self, index: int) -> int:
        """The severity of rule ``index``, for ordering overlapping matches."""
        return self._outputs[index].rank

    def make(self, text: str, index: int, start: int, end: int) -> Finding:
        """The finding rule ``index`` makes at ``text[start:end]``."""
        rule = self.rules[index]
        output = self._outputs[index]
        matched = text[start:end]
        fix = output.fix
        return Finding(
            rule=rule.id,
            category=rule.category,
            level=rule.level,
            start=start,
            end=end,
            line=text.count("\n", 0, start) + 1,
            column=start - text.rfind("\n", 0, start),
            text=matched,
            message=rule.message,
            suggestions=output.suggestions,
            fix=Fix(match_case(fix.text, matched), fix.safe) if fix is not None else None,
        )

    def rebuild(self, rule_id: str, start: int, end: int, text: str) -> Finding:
        """The finding ``rule_id`` made at ``text[start:end]``; KeyError for an unknown rule."""
        return self.make(text, self.index[rule_id], start, end)


def match_case(replacement: str, original: str) -> str:
    """Keep a sentence-initial capital: "This writer" -> "I", "Refused" -> "Declined"."""
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement

"""Executing rule-pack examples, LanguageTool style: a pack cannot ship an example that lies.

Each rule's ``match`` examples must produce a finding of that rule (on the
``[[marked]]`` passage when one is marked) and its ``no_match`` examples must
not. Examples run through the full engine, so quotation context and ``unless``
exceptions apply exactly as they do for real notes; overlap resolution is off so
that another rule's longer match cannot hide this one.
"""

from __future__ import annotations

from collections.abc import Sequence

from peerlint.engine import Engine
from peerlint.rules import Example, Rule, RulePack


def _found(engine: Engine, rule: Rule, example: Example) -> list[str]:
    return [f.text for f in engine.lint(example.text, resolve_overlaps=False) if f.rule == rule.id]


def check_rule(engine: Engine, rule: Rule) -> list[str]:
    """Problems with one rule's examples, as readable sentences."""
    problems: list[str] = []
    for example in rule.examples.parsed("match"):
        found = _found(engine, rule, example)
        if not found:
            problems.append(f"should match but did not: {example.text!r}")
        elif example.marked is not None and example.marked not in found:
            problems.append(f"matched {found} instead of {example.marked!r} in {example.text!r}")
    for example in rule.examples.parsed("no_match"):
        found = _found(engine, rule, example)
        if found:
            problems.append(f"should not match but found {found}: {example.text!r}")
    return problems


def run_examples(packs: Sequence[RulePack]) -> tuple[list[str], int]:
    """(failure messages naming pack file and rule, number of examples run)."""
    rules = [rule for pack in packs for rule in pack.rules]
    engine = Engine(rules)
    engine.verify()
    failures: list[str] = []
    total = 0
    for pack in packs:
        for rule in pack.rules:
            total += len(rule.examples.match) + len(rule.examples.no_match)
            failures.extend(f"{pack.path}: rule {rule.id}: {p}" for p in check_rule(engine, rule))
    return failures, total

"""Executing rule-pack examples, LanguageTool style: a pack cannot ship an example that lies,
or a token value that can never match (``dead_token_values``).

Each rule's ``match`` examples must produce a finding of that rule (on the
``[[marked]]`` passage when one is marked) and its ``no_match`` examples must
not. Examples run through the full engine, so quotation context and ``unless``
exceptions apply exactly as they do for real notes; overlap resolution is off so
that another rule's longer match cannot hide this one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from peerlint.engine import Engine
from peerlint.rules import Example, Rule, RulePack

# The token attributes whose values are literal words.
_LITERAL_ATTRS = ("WORD", "LOWER", "ORTH", "TEXT")
# What a clitic such as "'s" or "n't" is split from, to see whether it ever is.
_HOSTS = ("she", "he", "it", "Dana", "that", "I", "they", "we", "do")


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
            failures.extend(
                f"{pack.path}: rule {rule.id}: token value {v!r} can never match one token"
                for v in dead_token_values(engine, rule)
            )
    return failures, total


def _literal_values(spec: dict[str, Any]) -> Iterator[str]:
    for attr in _LITERAL_ATTRS:
        value = spec.get(attr)
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for key in ("IN", "NOT_IN"):
                yield from (v for v in value.get(key, ()) if isinstance(v, str))


def _one_token(engine: Engine, value: str) -> bool:
    """Whether ``value`` is ever a single token as the engine splits text."""
    if value[:1] in "'’":
        return any(value in [t.text for t in engine.tokenizer(h + value)] for h in _HOSTS)
    return [t.text for t in engine.tokenizer(f"x {value} y")][1:-1] == [value]


def dead_token_values(engine: Engine, rule: Rule) -> list[str]:
    """Literal token values in ``rule``'s patterns that can never match one token
    ("follow-up" is three tokens, "he's" two, and "'d" is never split off)."""
    patterns = [*rule.patterns, *(u for u in rule.unless if not isinstance(u, str))]
    values = {v for p in patterns for spec in p for v in _literal_values(spec)}
    return sorted(v for v in values if not _one_token(engine, v))

"""Every shipped pack is valid and every example in it tells the truth."""

from __future__ import annotations

import pytest
from spacy.matcher import Matcher

from peerlint.categories import CATEGORIES
from peerlint.engine import Engine, _compile_pattern, make_tokenizer
from peerlint.pack_tests import check_rule, dead_token_values
from peerlint.rules import builtin_pack_paths, load_packs

PACKS = load_packs()
RULES = [rule for pack in PACKS for rule in pack.rules]
ENGINE = Engine(RULES)


def test_there_is_a_pack_for_every_category() -> None:
    assert {r.category for r in RULES} == set(CATEGORIES)
    assert len(builtin_pack_paths()) >= len(CATEGORIES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_examples(rule) -> None:  # type: ignore[no-untyped-def]
    assert check_rule(ENGINE, rule) == []
    assert dead_token_values(ENGINE, rule) == []  # every token value can match a token


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_no_match_examples_and_guidance(rule) -> None:  # type: ignore[no-untyped-def]
    # Precision matters as much as recall: every rule shows an ordinary sentence it leaves alone.
    assert rule.examples.no_match, f"{rule.id} has no no_match example"
    assert rule.why.strip() and rule.message.strip()


def test_every_token_pattern_passes_spacys_own_validation() -> None:
    # The engine builds Matchers with validate=False, trusting the pack schema's checks;
    # this keeps that trust honest for every shipped pattern and unless pattern.
    matcher = Matcher(make_tokenizer().vocab, validate=True)
    for rule in RULES:
        for pattern in [*rule.patterns, *(u for u in rule.unless if not isinstance(u, str))]:
            matcher.add(rule.id, [_compile_pattern(pattern)])
    with_patterns = {
        r.id for r in RULES if r.patterns or any(not isinstance(u, str) for u in r.unless)
    }
    assert len(matcher) == len(with_patterns)

"""Deegan's examples (seed 003) are the specification: every drift passage flagged,
her preferred note and the account of LM's voices left alone.

The seed is read from ../shared/seeds at test time rather than copied into the repository.
"""

from __future__ import annotations

import re

import pytest

import peerlint

from .conftest import SEEDS

SEED = next(iter(sorted(SEEDS.glob("003_*.txt"))), None) if SEEDS.is_dir() else None
pytestmark = pytest.mark.skipif(SEED is None, reason="shared/seeds is not beside the checkout")


def seed_text() -> str:
    assert SEED is not None
    return SEED.read_text(encoding="utf-8")


def paragraph_starting(prefix: str) -> str:
    for paragraph in re.split(r"\n\s*\n", seed_text()):
        stripped = paragraph.strip().strip('“”"')
        if stripped.startswith(prefix):
            return stripped
    raise AssertionError(f"no paragraph starting {prefix!r} in seed 003")


def flagged(text: str) -> set[tuple[str, str]]:
    return {(f.category, f.text.lower()) for f in peerlint.lint(text)}


def covers(findings: set[tuple[str, str]], category: str, words: str) -> bool:
    return any(c == category and words in t for c, t in findings)


def test_lm_clinical_narrative_is_flagged() -> None:
    found = flagged(paragraph_starting("LM is a black cisgender female"))
    for category, words in [
        ("clinical-language", "hallucinations"),
        ("clinical-language", "internal stimuli"),
        ("clinical-language", "presents as"),
        ("labeling", "refused"),
        ("clinical-language", "lacks insight"),
    ]:
        assert covers(found, category, words), (category, words, found)


def test_peer_specialist_plan_with_sister_is_flagged() -> None:
    found = flagged(paragraph_starting("LM is home now"))
    assert any(c == "deciding-for" and "supervise" in t for c, t in found), found


def test_example_3_drift_is_flagged() -> None:
    found = flagged(paragraph_starting("John and this writer met"))
    for category, words in [
        ("depersonalizing", "this writer"),
        ("labeling", "agitated"),
        ("clinical-language", "delusional"),
    ]:
        assert covers(found, category, words), (category, words, found)


def test_deegan_preferred_note_is_clean() -> None:
    assert peerlint.lint(paragraph_starting("John and I met together in the park")) == []


def test_peer_account_of_lm_voices_is_clean() -> None:
    assert peerlint.lint(paragraph_starting("Some of the voices LM hears")) == []

"""The gold corpora are well-formed: every offset slices its text, categories are known."""

from __future__ import annotations

from pathlib import Path

import pytest

from peerlint.engine import Engine
from peerlint.evaluate import GoldError, evaluate, load_gold
from peerlint.rules import load_packs

from .conftest import ROOT

GOLD = sorted((ROOT / "corpora").glob("*/gold.jsonl"))


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.parent.name)
def test_every_gold_offset_matches_its_text(path: Path) -> None:
    notes = load_gold(path)  # raises GoldError naming the line on any bad offset
    assert notes
    assert len({n.id for n in notes}) == len(notes)


def test_dev_corpus_size_and_balance() -> None:
    notes = load_gold(ROOT / "corpora" / "dev" / "gold.jsonl")
    assert len(notes) >= 200
    assert sum(n.clean for n in notes) >= 70


def test_bad_gold_offsets_are_reported_with_line(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text(
        '{"id": "a", "text": "He is agitated.", "drift": []}\n'
        '{"id": "b", "text": "He is agitated.", "drift": [{"start": 0, "end": 2, "text": "is", "category": "labeling"}]}\n'
    )
    with pytest.raises(GoldError, match=r"g\.jsonl:2: span 0-2 is not 'is'"):
        load_gold(path)


def test_eval_scores_overlap_and_categories(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text(
        '{"id": "a", "text": "John and this writer met. She lacks insight.", "drift": ['
        '{"start": 9, "end": 20, "text": "this writer", "category": "depersonalizing"},'
        '{"start": 30, "end": 43, "text": "lacks insight", "category": "labeling"}]}\n'
        '{"id": "b", "text": "We walked and she said she felt safer.", "clean": true, "drift": []}\n'
    )
    engine = Engine([r for p in load_packs() for r in p.rules])
    report = evaluate(engine, load_gold(path))
    assert (report.overall.gold, report.overall.recalled) == (2, 2)
    assert report.overall.precision == 1.0
    # "lacks insight" is found, but as clinical-language, not the gold's labeling
    assert report.strict.recalled == 1
    assert report.by_category["labeling"].recall == 0.0
    assert [(i, s.text) for i, s, _ in report.wrong_category] == [("a", "lacks insight")]
    assert (report.clean_notes, report.clean_notes_flagged) == (1, 0)

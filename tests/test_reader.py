"""The sentence reader: its features, its thresholds, the shipped weights and the engine's use."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pytest

from peerlint.engine import Engine
from peerlint.reader import (
    SentenceReader,
    grams,
    note_features,
    sentence_bounds,
    shipped_reader,
)
from tests.conftest import make_rule

ROOT = Path(__file__).resolve().parent.parent


def tiny_model(**overrides: Any) -> dict[str, Any]:
    model: dict[str, Any] = {
        "bias": -3.0,
        "drift": {"to get": 2.0, "attention": 2.0, "told him": 4.0},
        "categories": ["directive", "motive-attribution"],
        "category_bias": [0.0, 0.0],
        "category": {"told him": [2.0, -2.0], "attention": [-1.0, 1.0]},
        "thresholds": {"beside_findings": 0.7, "alone": 0.95, "clean": 0.1, "clean_note": 0.5},
    }
    model.update(overrides)
    return model


def test_features_are_lower_cased_words_and_runs_of_two_and_three() -> None:
    assert grams("I told HIM, twice") == {
        "i",
        "told",
        "him",
        "twice",
        "i told",
        "told him",
        "him twice",
        "i told him",
        "told him twice",
    }


def test_sentences_are_trimmed_of_bullets_and_end_punctuation() -> None:
    text = "- Met at the library.\n- She cried to get attention, \nOK"
    assert [text[s:e] for s, e in sentence_bounds(text)] == [
        "Met at the library",
        "She cried to get attention",
    ]


def test_probability_is_the_logistic_of_the_summed_weights() -> None:
    reader = SentenceReader(tiny_model())
    assert reader.probability(grams("nothing here")) == pytest.approx(1 / (1 + math.e**3))
    assert reader.probability(grams("cried to get attention")) == pytest.approx(
        1 / (1 + math.e**-1)
    )
    assert reader.category(grams("cried for attention")) == "motive-attribution"
    assert reader.category(grams("I told him so")) == "directive"


def test_a_sentence_is_read_with_the_words_of_the_sentences_either_side() -> None:
    text = "We met at noon. She cried. Then lunch."
    features = [f for _, _, f in note_features(text)]
    assert {"she", "cried", "she cried", "p:we", "p:noon", "n:then", "n:lunch"} <= features[1]
    assert not any(f.startswith("p:") for f in features[0])
    assert not any(f.startswith("n:") for f in features[2])
    assert "p:we met" not in features[1]  # only single words of the neighbours


def test_the_threshold_is_higher_in_a_note_with_no_other_finding() -> None:
    reader = SentenceReader(tiny_model())
    text = "She cried to get attention."  # p = 0.73
    scored = reader.score(text)
    assert [r.category for r in reader.read(scored, [], beside_findings=True)] == [
        "motive-attribution"
    ]
    assert reader.read(scored, [], beside_findings=False) == []
    sure = "I told him to get attention."  # p = 0.99
    assert len(reader.read(reader.score(sure), [], beside_findings=False)) == 1


def test_a_sentence_another_finding_touches_is_not_read() -> None:
    reader = SentenceReader(tiny_model())
    text = "She cried to get attention. I told him to get attention."
    readings = reader.read(reader.score(text), [(0, 3)], beside_findings=True)
    assert [text[r.start : r.end] for r in readings] == ["I told him to get attention"]


def test_a_span_is_clearly_clean_only_in_a_note_that_reads_clean_throughout() -> None:
    reader = SentenceReader(tiny_model())
    calm = "We walked to the park. She showed me her garden."  # p = 0.05 and 0.05
    assert reader.clearly_clean(reader.score(calm), 3, 9)
    assert not reader.clearly_clean(reader.score("We walked to the park."), 3, 9)  # alone
    mixed = "We walked to the park. She cried to get attention."  # p = 0.05, then 0.73
    scored = reader.score(mixed)
    assert not reader.clearly_clean(scored, 3, 9)  # the rest of the note reads as drift
    assert not reader.clearly_clean(scored, 30, 35)  # its own sentence does


def unseen_sets_in_ci() -> set[str]:
    unseen = re.search(r'UNSEEN="([^"]*)"', (ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    assert unseen is not None
    return set(unseen.group(1).split())


def test_the_shipped_reader_never_trained_on_a_set_ci_treats_as_unseen() -> None:
    meta = shipped_reader().metadata
    assert unseen_sets_in_ci() <= set(meta["held_out"])
    assert not set(meta["trained_on"]) & set(meta["held_out"])
    assert set(shipped_reader().categories) == {
        "assessment",
        "clinical-language",
        "deciding-for",
        "depersonalizing",
        "directive",
        "labeling",
        "motive-attribution",
        "role-drift",
    }


def test_the_shipped_weights_are_what_the_training_script_makes() -> None:
    pytest.importorskip("sklearn")
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "train_reader", ROOT / "corpora" / "train_reader.py"
    )
    assert spec is not None and spec.loader is not None
    train_reader = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train_reader)
    meta = shipped_reader().metadata
    gold = [ROOT / "corpora" / name / "gold.jsonl" for name in meta["trained_on"]]
    if not all(p.exists() for p in gold):
        pytest.skip("a training set is missing from corpora/")
    fresh = train_reader.train(gold)
    shipped = json.loads((ROOT / "src" / "peerlint" / "data" / "reader.json").read_text())
    assert fresh["metadata"]["sentences"] == meta["sentences"]
    assert fresh["thresholds"] == shipped["thresholds"]
    shared = fresh["drift"].keys() & shipped["drift"].keys()
    assert len(shared) >= 0.99 * len(shipped["drift"])
    assert max(abs(fresh["drift"][k] - shipped["drift"][k]) for k in shared) < 0.01


def reader_engine(*categories: str) -> Engine:
    rules = [make_rule(f"reads-{c}", c, detector="sentence-reader") for c in categories]
    return Engine([make_rule("pt", "depersonalizing", terms=["pt"]), *rules])


def test_the_engine_reports_a_reading_under_its_categorys_rule() -> None:
    text = "She keeps bringing up her ex to get the group on her side."
    found = reader_engine("motive-attribution").lint(text)
    assert [(f.rule, f.text) for f in found] == [
        ("reads-motive-attribution", "She keeps bringing up her ex to get the group on her side")
    ]
    # without a reader rule for that category, nothing is said
    assert reader_engine("directive").lint(text) == []


def test_a_rule_finding_in_plainly_peer_voice_is_dropped() -> None:
    engine = reader_engine("motive-attribution")
    ordinary = (
        "Benny said the kitchen hadn't been clean since Monday, and we laughed. "
        "He showed me the new shelves he built."
    )
    assert [
        f.rule
        for f in Engine([make_rule("clean", "depersonalizing", terms=["clean"])]).lint(ordinary)
    ] == ["clean"]
    with_reader = Engine(
        [make_rule("clean", "depersonalizing", terms=["clean"]), *engine.rules[1:]]
    )
    assert with_reader.lint(ordinary) == []
    assert [f.rule for f in with_reader.lint("Pt has been clean since Monday.")] == ["clean"]
    # one sentence alone is never judged clean this way
    alone = "Benny said the kitchen hadn't been clean since Monday."
    assert [f.rule for f in with_reader.lint(alone)] == ["clean"]


def test_the_reader_does_not_read_quoted_words_or_what_a_rule_already_flagged() -> None:
    engine = reader_engine("motive-attribution")
    quoted = 'She said, "She keeps bringing up her ex to get the group on her side."'
    assert engine.lint(quoted) == []
    flagged = "Pt keeps bringing up her ex to get the group on her side."
    assert [f.rule for f in engine.lint(flagged)] == ["pt"]


def test_a_rule_turned_off_keeps_the_reader_away_from_its_sentences() -> None:
    text = "She keeps bringing up her ex to get the group on her side."
    reader_rule = make_rule("reads", "motive-attribution", detector="sentence-reader")
    guess = make_rule("guess", "motive-attribution", terms=["to get the group on her side"])
    assert [f.rule for f in Engine([reader_rule]).lint(text)] == ["reads"]
    assert [f.rule for f in Engine([reader_rule, guess]).lint(text)] == ["guess"]
    # the user ignored "guess": neither it nor the reader speaks there
    assert Engine([reader_rule], quiet=[guess]).lint(text) == []
    # a quiet reader rule reads nothing
    assert Engine([guess], quiet=[reader_rule]).lint("Met at noon. " + text)[0].rule == "guess"
    assert Engine([], quiet=[reader_rule]).lint(text) == []

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerlint.normalize import fold_whitespace, spelling_variants, word_key

INFLECTION_GROUPS = [
    ["lack", "lacks", "lacked", "lacking"],
    ["refuse", "refused", "refuses", "refusing"],
    ["decompensate", "decompensated", "decompensates", "decompensating"],
    ["deny", "denies", "denied", "denying"],
    ["admit", "admits", "admitted", "admitting"],
    ["tell", "tells", "telling", "told"],
    ["agitate", "agitated", "agitating", "agitates"],
    ["hope", "hoping", "hoped", "hopes"],
    ["agree", "agreed", "agreeing", "agrees"],
    ["need", "needs", "needed", "needing"],
    ["cry", "cries", "cried", "crying"],
    ["compel", "compelled", "compelling"],
    ["stop", "stopped", "stopping", "stops"],
    ["comply", "complies", "complied", "complying"],
    ["take", "took", "taken", "takes", "taking"],
    ["hallucination", "hallucinations", "Hallucinations", "HALLUCINATIONS"],
]


@pytest.mark.parametrize("forms", INFLECTION_GROUPS, ids=lambda g: g[0])
def test_inflections_share_one_key(forms: list[str]) -> None:
    assert len({word_key(f) for f in forms}) == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("decompensate", "decompensation"),  # derivations are listed by rule authors
        ("patient", "patience"),
        ("his", "hi"),  # "HI" (homicidal ideation) must not collide with "his"
        ("compliance", "compliant"),
    ],
)
def test_distinct_words_keep_distinct_keys(a: str, b: str) -> None:
    assert word_key(a) != word_key(b)


def test_spelling_variants_cover_hyphen_space_and_joined() -> None:
    assert spelling_variants("non-compliant") == ["non-compliant", "non compliant", "noncompliant"]
    assert spelling_variants("lacks insight") == ["lacks insight"]


def test_fold_whitespace_joins_lines_and_maps_offsets_back() -> None:
    text = "She lacks\r\n    insight  today.\n\nNext paragraph"
    folded = fold_whitespace(text)
    assert folded.text == "She lacks insight today.\nNext paragraph"
    for word in ("insight", "today", "Next", "paragraph", "She"):
        assert folded.original_offset(folded.text.index(word)) == text.index(word)
    end = folded.text.index("today") + len("today")
    assert folded.original_offset(end) == text.index("today") + len("today")


@given(st.lists(st.sampled_from(["word", "x", " ", "  ", "\n", "\r\n", "\t", "\n\n", "a-b"])))
def test_fold_whitespace_maps_every_word_start(parts: list[str]) -> None:
    text = "".join(parts)
    folded = fold_whitespace(text)
    originals = [
        i for i in range(len(text)) if not text[i].isspace() and (i == 0 or text[i - 1].isspace())
    ]
    folded_starts = [
        i
        for i in range(len(folded.text))
        if not folded.text[i].isspace() and (i == 0 or folded.text[i - 1].isspace())
    ]
    assert [folded.original_offset(i) for i in folded_starts] == originals


@pytest.mark.parametrize(
    ("past", "base"),
    [
        ("came", "come"),
        ("blew", "blow"),
        ("threw", "throw"),
        ("lost", "lose"),
        ("chose", "choose"),
        ("added", "add"),
        ("laid", "lay"),
        ("staffed", "staff"),
        ("scoffing", "scoff"),
        ("padded", "pad"),
    ],
)
def test_irregular_past_tenses_share_the_base_key(past: str, base: str) -> None:
    assert word_key(past) == word_key(base)


def test_drunk_the_label_is_not_drink_the_noun() -> None:
    # "a drunk" (a label) must not key like "a drink" (ordinary).
    assert word_key("drunk") != word_key("drink")


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("minimised", "minimized"),
        ("analyse", "analyze"),
        ("hospitalisation", "hospitalization"),
        ("apologising", "apologize"),
    ],
)
def test_british_spellings_key_like_american(british: str, american: str) -> None:
    assert word_key(british) == word_key(american)


def test_short_words_ending_in_ise_are_left_alone() -> None:
    assert word_key("rise") == word_key("rising") != word_key("riz")

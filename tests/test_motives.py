"""The imputed-motive detector: the writer's guess at a purpose the person never gave."""

from __future__ import annotations

import pytest

from peerlint.engine import Engine
from peerlint.motives import imputed_motive_spans

from .conftest import make_rule


def spans(text: str) -> list[str]:
    return [text[s:e] for s, e in imputed_motive_spans(text)]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (
            "I think she plays up her pain to get the housing letter.",
            ["I think she plays up her pain to get the housing letter"],
        ),
        # "came in just for" is a put-down with or without the guess before it
        ("Probably came in just for the bus tokens.", ["came in just for the bus tokens"]),
        ("Pt asking for clonazepam again, likely why he called.", ["likely why he called"]),
        (
            "My guess is he skips the job club so he doesn't have to see his old boss.",
            ["My guess is he skips the job club so he doesn't have to see his old boss"],
        ),
        # no stated guess, but a plain put-down of why they came
        ("Marco was at the picnic just for the free burgers again.", ["just for the free burgers"]),
        ("He asks for his PRN just to get a buzz.", ["just to get a buzz"]),
    ],
)
def test_a_guessed_purpose_is_found(note: str, expected: list[str]) -> None:
    assert spans(note) == expected


@pytest.mark.parametrize(
    "note",
    [
        # the person's own goal or account
        "I think she'd like to go back to school to get her GED.",
        "I think he wants to save up to get a car.",
        "She said she comes to group just to get out of the house.",
        "Probably she told me she goes to the pantry for the free bread.",
        # the writer's own purpose
        "I think I'll call the clinic to get the forms.",
        "I think we should go early to avoid the line.",
        # a guess with no purpose in it
        "I think she is proud of the garden.",
        "Probably tired after the night shift.",
    ],
)
def test_their_own_purpose_or_no_purpose_is_not(note: str) -> None:
    assert spans(note) == []


def test_quoted_guesses_are_exempt() -> None:
    engine = Engine([make_rule("motive", "motive-attribution", detector="imputed-motive")])
    assert [f.text for f in engine.lint("I think he only came for the free lunch.")] == [
        "I think he only came for the free lunch"
    ]
    assert engine.lint('He laughed: "I think he only came for the free lunch."') == []

"""The behind-their-back detector: the note says the person was not told of the writer's act."""

from __future__ import annotations

import pytest

from peerlint.secrecy import secrecy_spans


def spans(text: str) -> list[str]:
    return [text[s:e] for s, e in secrecy_spans(text)]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (
            "Texted his mom about the missed shift without telling him.",
            ["Texted his mom about the missed shift without telling him"],
        ),
        # the secrecy alone points back at the act before it
        (
            "Called the shelter to hold a bed. Haven't told Lou yet.",
            ["Called the shelter to hold a bed. Haven't told Lou yet"],
        ),
        (
            "- Signed her up for the class before she'd agreed",
            ["Signed her up for the class before she'd agreed"],
        ),
    ],
)
def test_acting_behind_their_back_is_found(note: str, expected: list[str]) -> None:
    assert spans(note) == expected


@pytest.mark.parametrize(
    "note",
    [
        "She hasn't told her psychiatrist yet, and wants to do it herself.",  # the person's choice
        "He asked me not to tell his mom, so I didn't.",
        "I shared that I didn't tell my family for a year either.",  # the writer's own story
        "I told him what the landlord said.",
    ],
)
def test_their_own_secrets_and_own_story_are_not(note: str) -> None:
    assert spans(note) == []

"""The enlisted-other detector: the writer arranging for a third party to act on the person."""

from __future__ import annotations

import pytest

from peerlint.arrangements import arrangement_spans


def spans(text: str) -> list[str]:
    return [text[s:e] for s, e in arrangement_spans(text)]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (
            "I'll have his aunt hold his phone at night.",
            ["I'll have his aunt hold his phone at night"],
        ),
        ("- Will get the nurse to check her sugars", ["Will get the nurse to check her sugars"]),
        (
            "Writer will ask his PO to drop by unannounced.",
            ["Writer will ask his PO to drop by unannounced"],
        ),
    ],
)
def test_enlisting_someone_is_found(note: str, expected: list[str]) -> None:
    assert spans(note) == expected


@pytest.mark.parametrize(
    "note",
    [
        "She'll have her sister drive her to the clinic.",  # the person's own plan
        "At her request I'll ask her mom to bring the photos.",
        "I'll let his mom know he wants a visit.",  # not "have", "get" or "ask"
        "I'll ask him what he wants to do.",  # the person, not a third party
    ],
)
def test_their_own_plans_are_not(note: str) -> None:
    assert spans(note) == []

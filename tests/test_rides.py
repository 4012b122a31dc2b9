"""The ride-only detector: a drive plus a line saying nothing else happened."""

from __future__ import annotations

import pytest

from peerlint.engine import Engine
from peerlint.rides import ride_only_spans

from .conftest import make_rule


def spans(text: str) -> list[str]:
    return [text[s:e] for s, e in ride_only_spans(text)]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        # the closing right behind the drive is part of the finding
        (
            "0900-1130 Drove Jimmy Tran to his C&P exam and back. Waited in lot. No other contact.",
            ["Drove Jimmy Tran to his C&P exam and back. Waited in lot. No other contact"],
        ),
        # an initial or "St." does not end the drive
        (
            "Drove Baxter Q. to his appt at St. Brigid's and back. No other contact.",
            ["Drove Baxter Q. to his appt at St. Brigid's and back. No other contact"],
        ),
        # the closing first, the drive after it: the drive alone
        (
            "TRANSPORT ONLY\nGave Ms. Odom a ride to the food bank. She was quiet.",
            ["Gave Ms. Odom a ride to the food bank"],
        ),
        (
            "Pt transported to IHS dialysis and back; no further services",
            ["transported to IHS dialysis and back; no further services"],
        ),
        # a drive with no closing, someone else driving, "no other contact with"
        ("Drove her to the pantry and back; we talked about her kids.", []),
        ("Her mom drove her to the clinic and back. No other contact this week.", []),
        ("Drove Ana to the pantry. She has no other contact with her brother.", []),
    ],
)
def test_ride_only_spans(note: str, expected: list[str]) -> None:
    assert spans(note) == expected


def test_the_detector_finding_is_exempt_inside_quotes() -> None:
    engine = Engine([make_rule("ride", "role-drift", detector="ride-only")])
    assert [f.text for f in engine.lint("Drove Kwame to probation. No other contact.")] == [
        "Drove Kwame to probation. No other contact"
    ]
    assert engine.lint('He said, "Drove Kwame to probation, no other contact."') == []

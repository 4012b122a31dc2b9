"""The ran-their-affairs detector: the writer booking, cancelling or moving what is the person's."""

from __future__ import annotations

import pytest

from peerlint.affairs import affair_spans
from peerlint.engine import Engine
from tests.conftest import make_rule


def spans(text: str) -> list[str]:
    return [text[s:e] for s, e in affair_spans(text)]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("I cancelled his Tuesday interview.", ["I cancelled his Tuesday interview"]),
        (
            "- dropped her from Statistics - too much load",
            ["dropped her from Statistics"],
        ),
        (
            "Decided he's not ready, moved him back to the mailroom - will explain",
            ["moved him back to the mailroom"],
        ),
        (
            "Writer put his name down for the Saturday group.",
            ["Writer put his name down for the Saturday group"],
        ),
        ("Booked a bed at Harbor House for her.", ["Booked a bed at Harbor House for her"]),
        ("I rescheduled Dana's intake to Friday.", ["I rescheduled Dana's intake to Friday"]),
    ],
)
def test_running_their_affairs_is_found(note: str, expected: list[str]) -> None:
    assert spans(note) == expected


@pytest.mark.parametrize(
    "note",
    [
        "She asked me to call, so I rescheduled her intake to Friday.",
        "He wanted help with the phone tree. I booked his appointment while he listened.",
        "We signed her up together at the front desk.",
        "He signed up for the forklift class himself.",
        "She cancelled her appointment because her son was sick.",  # the person acts
        "- made her own plan for tomorrow",
        "Her sister dropped her off at the shelter.",
    ],
)
def test_their_own_acts_and_requests_are_not(note: str) -> None:
    assert spans(note) == []


def test_the_detector_runs_in_the_engine_and_spares_quotes() -> None:
    engine = Engine([make_rule("affairs", "deciding-for", detector="ran-their-affairs")])
    assert [f.text for f in engine.lint("I cancelled his Tuesday interview.")] == [
        "I cancelled his Tuesday interview"
    ]
    assert engine.lint('He said, "I cancelled his Tuesday interview."') == []

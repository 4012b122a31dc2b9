"""The watched-the-dose detector: watching a dose go down, or counting the person's medicine."""

from __future__ import annotations

import pytest

from peerlint.engine import Engine
from peerlint.medwatch import med_watch_spans
from tests.conftest import make_rule


def spans(text: str) -> list[str]:
    return [text[s:e] for s, e in med_watch_spans(text)]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("I sat with him until he swallowed it.", ["sat with him until he swallowed it"]),
        (
            "- Stood by to confirm she took the Seroquel",
            ["Stood by to confirm she took the Seroquel"],
        ),
        (
            "Waited in the kitchen till his strip dissolved.",
            ["Waited in the kitchen till his strip dissolved"],
        ),
        ("I counted out her pill bottles.", ["counted out her pill bottles"]),
        ("Checked Leon's pill organizer, 3 missed.", ["Checked Leon's pill organizer"]),
        ("- Pill count on Tanya's gabapentin", ["Pill count on"]),
    ],
)
def test_watching_and_counting_are_found(note: str, expected: list[str]) -> None:
    assert spans(note) == expected


@pytest.mark.parametrize(
    "note",
    [
        "She counted her pills and showed me her chart.",  # the person's own count
        "We sat on the porch until the rain stopped.",
        "I waited in the lobby while she saw the doctor.",
        "He checked the bus schedule.",
    ],
)
def test_the_persons_own_counts_and_ordinary_waits_are_not(note: str) -> None:
    assert spans(note) == []


def test_the_detector_runs_in_the_engine_and_spares_quotes() -> None:
    engine = Engine([make_rule("meds", "role-drift", detector="watched-the-dose")])
    assert [f.text for f in engine.lint("I counted his pills.")] == ["counted his pills"]
    assert engine.lint('She said, "my mom counted my pills every night."') == []

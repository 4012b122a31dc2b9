"""The reported-slip detector: the writer passing the person's slips to someone else."""

from __future__ import annotations

import pytest

from peerlint.reports import reporting_spans


def spans(text: str) -> list[str]:
    return [text[s:e] for s, e in reporting_spans(text)]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (
            "After group I texted his sister that he'd been using again.",
            ["I texted his sister that he'd been using again"],
        ),
        (
            "- Will notify the house manager if she misses curfew",
            ["Will notify the house manager if she misses curfew"],
        ),
        (
            "Writer updated the team that Rosa has been skipping meals.",
            ["Writer updated the team that Rosa has been skipping meals"],
        ),
    ],
)
def test_passing_on_a_slip_is_found(note: str, expected: list[str]) -> None:
    assert spans(note) == expected


@pytest.mark.parametrize(
    "note",
    [
        "With his OK I let his doctor know he has been drinking more.",
        "She asked me to tell her mom she missed the bus.",
        "Her mom told the team she's been drinking.",  # someone else passing it on
        "I called his sister to plan the birthday dinner.",  # no slip
        "We called his PO together to say he'd be late.",
    ],
)
def test_sharing_they_chose_or_no_slip_is_not(note: str) -> None:
    assert spans(note) == []

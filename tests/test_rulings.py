"""The laid-down-rule detector: the writer telling the person a requirement or a threat."""

from __future__ import annotations

import pytest

from peerlint.rulings import ruling_spans


def spans(text: str) -> list[str]:
    return [text[s:e] for s, e in ruling_spans(text)]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (
            "On the way out I warned him he'll lose the bed if he misses curfew again.",
            ["I warned him he'll lose the bed if he misses curfew again"],
        ),
        ("- Told Dana she must be at every group", ["Told Dana she must be at every group"]),
        (
            "Writer stressed that it's important she keep every appointment.",
            ["Writer stressed that it's important she keep every appointment"],
        ),
        # one finding per sentence, from the first telling
        (
            "I told him he has to go and I told him no matter what.",
            ["I told him he has to go and I told him no matter what"],
        ),
    ],
)
def test_a_requirement_told_to_the_person_is_found(note: str, expected: list[str]) -> None:
    assert spans(note) == expected


@pytest.mark.parametrize(
    "note",
    [
        "I told her she doesn't have to decide today.",
        "I let him know he can come by whenever he wants.",
        "I told him I have to leave at three.",  # the writer's own obligation
        "She told me her PO said she has to attend every single group.",  # someone else's rule
        "I told him when I got out I was nervous about every single thing too.",  # own story
        "I told her she can't help how she feels.",
        "I told him about the art class on Tuesday.",  # telling, no requirement
    ],
)
def test_offers_and_other_peoples_rules_are_not(note: str) -> None:
    assert spans(note) == []

"""The eight drift categories, each tied to a sign in Pat Deegan's Supervisor Checklist.

The checklist (seed 003) is what supervisors already use; every finding points
back to the sign it evidences so a supervisor can use the report to structure
supervision rather than to score people.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    name: str
    title: str
    checklist_sign: str
    seeds: tuple[str, ...]


CATEGORIES: dict[str, Category] = {
    c.name: c
    for c in (
        Category(
            "clinical-language",
            "Clinical language",
            "Is the peer supporter adopting clinical language and terms in verbal or written "
            "communication? (clinical idioms such as diagnosis, decompensating, suicidal)",
            ("003", "001"),
        ),
        Category(
            "motive-attribution",
            "Motive attribution",
            "Notes do not attribute motive to behaviour (triangulating, manipulative, "
            "sabotaging, help-seeking-rejecting).",
            ("003",),
        ),
        Category(
            "labeling",
            "Judgemental labels",
            "Notes are peer-centric: they describe what happened rather than judging the "
            "person or questioning their credibility.",
            ("003",),
        ),
        Category(
            "depersonalizing",
            "Depersonalizing",
            "Notes are written with the person, in first person, about a person: could the "
            "participant co-produce or review this note?",
            ("003",),
        ),
        Category(
            "directive",
            "Telling / advising",
            "Is the peer supporter telling/advising what to do?",
            ("003", "004"),
        ),
        Category(
            "deciding-for",
            "Deciding for the person",
            "Is the peer supporter making decisions for program participants? (including "
            "planning behind their back)",
            ("003",),
        ),
        Category(
            "assessment",
            "Performing assessments",
            "Is the peer supporter performing assessments such as determination of suicide risk?",
            ("003", "001"),
        ),
        Category(
            "role-drift",
            "Doing another job",
            "Is the peer supporter drifting into another role: medication or drug-test "
            "overseer, sponsor, therapist, religious adviser, bill collector, transport?",
            ("004", "001", "000"),
        ),
    )
}

LEVELS = ("info", "warning", "error")


def level_rank(level: str) -> int:
    """Order levels so that thresholds like ``--fail-on warning`` can compare them."""
    return LEVELS.index(level)

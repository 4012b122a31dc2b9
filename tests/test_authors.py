"""Shared notes: another discipline's section is not the peer's writing."""

from __future__ import annotations

import pytest

from peerlint.authors import other_author_spans, peer_text

SHARED = (
    "SHARED NOTE - 5 NORTH\n"
    "CLINICIAN (R. Dumont, LICSW): Pt admitted 3/2. Affect constricted.\n"
    "Plan: d/c home w/ IOP referral.\n"
    "PEER (J. Amaral, CPS): Met with Yusuf. He lacks insight.\n"
)


def sections(text: str) -> list[str]:
    return [text[s:e] for s, e in other_author_spans(text)]


def test_the_other_section_runs_to_the_next_label() -> None:
    assert sections(SHARED) == [
        "CLINICIAN (R. Dumont, LICSW): Pt admitted 3/2. Affect constricted.\n"
        "Plan: d/c home w/ IOP referral.\n"
    ]


def test_a_section_after_the_peers_runs_to_the_end() -> None:
    note = "Peer specialist: Sat with Ana.\nNursing note: Pt med compliant, AH reported."
    assert sections(note) == ["Nursing note: Pt med compliant, AH reported."]


@pytest.mark.parametrize(
    "note",
    [
        # a peer's own note: other roles named at a line start are still the peer writing
        "RN: said he slept well.\nPt lacks insight.",
        "Per RN: pt agitated overnight.\nPEER: I sat with him.",
        "Spoke w/ MD: plan to d/c Fri.\nPeer: Met with Jo.",
        # a clock time is not a label; nor is a heading without a role
        "PHONE CHECK-IN 10:15\nPeer specialist note. Nurse 2:30 said pt fine.",
        "Plan: d/c Fri.\nPEER: Met with Jo.",
        # only clinicians' sections, no peer's: not a shared note
        "CLINICIAN (P. Nakamura, MD): Pt w/ hx.\nRN: Denies SI/HI.",
    ],
)
def test_not_a_shared_note(note: str) -> None:
    assert other_author_spans(note) == []


def test_credentials_count_in_capitals_only() -> None:
    assert sections("md notes: pt fine\nPEER: hi") == []
    assert sections("Dr. Shah, MD: pt fine\nPEER: hi") == ["Dr. Shah, MD: pt fine\n"]


def test_peer_text_blanks_other_sections_and_keeps_offsets() -> None:
    kept = peer_text(SHARED)
    assert len(kept) == len(SHARED)
    assert "Affect" not in kept and "lacks insight" in kept
    assert kept.index("lacks insight") == SHARED.index("lacks insight")
    assert kept.count("\n") == SHARED.count("\n")

"""Note-level signals and the --rewrite draft."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import peerlint
from peerlint.cli import app
from peerlint.rewrite import draft, guess_name
from peerlint.signals import note_signals

GOOD = (
    "Marisol and I met at the drop-in over coffee. She said the voices were loud last night, "
    "so she barely slept. We walked to the library because she wanted somewhere quiet. She "
    "said the walk helped, and that reading the same poem over and over calms her down. I "
    "shared that walking helps me too when my head is busy. She decided to talk with her doctor "
    "on Monday and asked if I could come with her."
)
THIRD_PERSON = (
    "This writer met with client at the unit. Client was observed pacing and staff reported "
    "poor sleep, poor appetite and symptoms of psychosis, impaired judgment and unable to "
    "attend groups; the team discussed barriers to discharge and problems with the housing "
    "application at length during the meeting this afternoon on the unit with the nurse "
    "manager and the social worker present for the whole meeting."
)


def test_good_peer_note_has_no_concerns() -> None:
    signals = note_signals(GOOD, peerlint.lint(GOOD))
    assert signals.first_person and signals.own_words
    assert signals.concerns() == []


def test_short_telegraphic_note_is_not_nagged() -> None:
    note = "Left a voicemail for Dana re: Friday."
    assert note_signals(note, peerlint.lint(note)).concerns() == []


def test_third_person_deficit_note_gets_three_concerns() -> None:
    signals = note_signals(THIRD_PERSON, peerlint.lint(THIRD_PERSON))
    assert not signals.first_person and signals.third_person_self
    assert not signals.own_words
    assert signals.deficits >= 3 and signals.strengths == 0
    concerns = signals.concerns()
    assert len(concerns) == 3
    assert (
        "first person" in concerns[0] and "own words" in concerns[1] and "deficits" in concerns[2]
    )


def test_signals_in_json_and_text_output() -> None:
    runner = CliRunner()
    data = json.loads(runner.invoke(app, ["check", "-f", "json", "-"], input=THIRD_PERSON).output)
    signals = data["notes"][0]["signals"]
    assert signals["first_person"] is False and len(signals["concerns"]) == 3
    text = runner.invoke(app, ["check", "-"], input=THIRD_PERSON).output
    assert "<stdin>: info [whole note] The note is not in your own voice" in text


def test_guess_name_prefers_the_person_named_in_the_note() -> None:
    assert guess_name("John and this writer met. He was agitated. Team met John later.") == "John"
    assert guess_name("Met at the park on Monday. We walked.") is None


def test_draft_applies_safe_swaps_and_prompts_for_the_rest() -> None:
    note = "John and this writer met in the park today. He was agitated and walked fast."
    result = draft(note, peerlint.lint(note))
    assert result.startswith("John and I met in the park today. He was [agitated -> ")
    assert "{name}" not in result and "what John did and said" in result
    assert result.endswith(" and walked fast.")


def test_draft_keeps_text_without_findings_unchanged() -> None:
    assert draft(GOOD, peerlint.lint(GOOD)) == GOOD


def test_check_rewrite_prints_a_draft() -> None:
    note = "John and this writer met in the park today.\n"
    out = CliRunner().invoke(app, ["check", "--rewrite", "-"], input=note).output
    assert "Draft for <stdin>" in out
    assert out.rstrip().endswith("John and I met in the park today.")


def test_check_rewrite_in_json_puts_the_draft_in_the_note() -> None:
    note = "John and this writer met in the park today.\n"
    data = json.loads(
        CliRunner().invoke(app, ["check", "-f", "json", "--rewrite", "-"], input=note).output
    )
    assert data["notes"][0]["draft"] == "John and I met in the park today.\n"


def test_signals_read_only_the_peers_section_of_a_shared_note() -> None:
    note = (
        "CLINICIAN (A. Sorensen, LMHC): Pt w/ hx psychosis, paranoid, poor insight.\n"
        f"PEER (D. Whitfield, RCS): {GOOD}"
    )
    shared, alone = note_signals(note, peerlint.lint(note)), note_signals(GOOD, peerlint.lint(GOOD))
    assert (shared.deficits, shared.strengths, shared.concerns()) == (
        alone.deficits,
        alone.strengths,
        alone.concerns(),
    )
    assert alone.deficits == 0 < shared.words - alone.words < 6  # only the label added

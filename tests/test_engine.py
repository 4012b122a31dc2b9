"""Matching behaviour of the engine, with rules built here so pack edits cannot hide a bug."""

from __future__ import annotations

import dataclasses

import pytest

import peerlint
from peerlint.engine import CHUNK_CHARS, Engine
from peerlint.findings import Finding

from .conftest import make_rule


def texts(findings: list[Finding]) -> list[str]:
    return [f.text for f in findings]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(
        [
            make_rule("lacks-insight", terms=["lack insight", "lack of insight"]),
            make_rule(
                "compliance",
                terms=["non-compliant", "compliance", "med compliance"],
                unless=["HIPAA compliance"],
            ),
            make_rule("abbrev", exact=["SI/HI", "AH/VH"], category="assessment", level="error"),
            make_rule(
                "this-writer",
                "depersonalizing",
                terms=["this writer"],
                suggest=[{"replace": "I", "safe": True}],
            ),
            make_rule("refused", "labeling", terms=["refuse"], suggest=[{"replace": "declined"}]),
            make_rule(
                "told-to",
                "directive",
                patterns=[
                    [
                        {"WORD": "tell"},
                        {"LOWER": {"IN": ["him", "her", "them"]}},
                        {"LOWER": {"IN": ["he", "she", "they"]}},
                        {"WORD": {"IN": ["need", "have", "must"]}},
                        {"LOWER": "to"},
                    ]
                ],
            ),
            make_rule(
                "patient",
                "depersonalizing",
                terms=["patient", "the patient"],
                unless=[
                    "patient portal",
                    [{"LOWER": "patient"}, {"LOWER": ","}, {"IS_ALPHA": True}, {"LOWER": "voice"}],
                ],
            ),
            make_rule("scare", "labeling", detector="scare-quotes"),
        ]
    )


def test_every_inflection_and_capitalisation_matches(engine: Engine) -> None:
    for form in (
        "lacks insight",
        "lacked insight",
        "Lacking insight",
        "LACKS INSIGHT",
        "lack of insight",
    ):
        assert texts(engine.lint(f"Team says she {form} today.")) == [form], form


def test_offsets_slice_the_note(engine: Engine) -> None:
    note = "Line one.\r\nShe is non-compliant and\n  lacks\n     insight; SI/HI reviewed."
    found = engine.lint(note)
    assert texts(found) == ["non-compliant", "lacks\n     insight", "SI/HI"]
    for f in found:
        assert note[f.start : f.end] == f.text
        line_start = note.rfind("\n", 0, f.start) + 1
        assert (f.line, f.column) == (note.count("\n", 0, f.start) + 1, f.start - line_start + 1)


def test_hyphen_and_spacing_variants(engine: Engine) -> None:
    assert texts(engine.lint("noncompliant, non compliant, non-\ncompliant")) == [
        "noncompliant",
        "non compliant",
        "non-\ncompliant",
    ]


def test_case_sensitive_exact_terms(engine: Engine) -> None:
    assert texts(engine.lint("Pt denies SI/HI and AH/VH.")) == ["SI/HI", "AH/VH"]
    assert engine.lint("si/hi in lowercase is not the abbreviation") == []


def test_token_pattern_with_inflected_anchor(engine: Engine) -> None:
    found = engine.lint("Yesterday I told him he has to take them. " * 3)
    assert texts(found) == ["told him he has to"] * 3
    assert {f.rule for f in found} == {"told-to"}


def test_pattern_far_into_a_long_note(engine: Engine) -> None:
    note = "We walked. " * 500 + "I tell her she must to go."
    assert texts(engine.lint(note)) == ["tell her she must to"]


def test_quoted_speech_is_exempt_but_scare_quotes_are_flagged(engine: Engine) -> None:
    note = 'She said "they say I lack insight and I refuse to care." She says she is "fine".'
    found = engine.lint(note)
    assert [(f.rule, f.text) for f in found] == [("scare", '"fine"')]


@pytest.mark.parametrize(
    "note",
    [
        '"I refused," he said.',
        'He told me, "I lack insight, apparently."',
        "She said “I’m non-compliant and proud of it.”",
    ],
)
def test_person_speech_with_speaker_is_exempt(engine: Engine, note: str) -> None:
    assert engine.lint(note) == []


@pytest.mark.parametrize(
    ("note", "flagged"),
    [
        # a short quote in a clause where someone speaks, and no scare quote: their word
        ('She said her back is "non-compliant" today.', []),
        ('He calls the bench "non-compliant" and laughs.', []),
        # ... but not with no one speaking, nor the writer's own quote
        ('Her back is "non-compliant" today.', ["non-compliant"]),
        ('I said it was "non-compliant", to be honest.', ["non-compliant"]),
    ],
)
def test_a_short_quote_where_someone_speaks_is_theirs(
    engine: Engine, note: str, flagged: list[str]
) -> None:
    assert texts(engine.lint(note)) == flagged


def test_negation_does_not_exempt(engine: Engine) -> None:
    assert texts(engine.lint("She does not lack insight.")) == ["lack insight"]


def test_unless_phrase_and_pattern_cancel_ordinary_senses(engine: Engine) -> None:
    assert engine.lint("Finished HIPAA compliance training.") == []
    assert engine.lint("She checked the patient portal.") == []
    assert engine.lint("He read in a patient, steady voice.") == []
    assert texts(engine.lint("Met the patient at noon.")) == ["the patient"]


@pytest.mark.parametrize(
    ("note", "flagged"),
    [
        ("He is due in court\nRefuses sober living", ["Refuses"]),  # a new line item
        ("He is due in court refuses sober living", []),
        ("He is due in court\nrefuses sober living", []),  # a phrase broken mid-way
        ("DUE IN COURT\nRefuses sober living", []),  # read with its header
        ("He is due in court. Refuses\nsober living", ["Refuses"]),
    ],
)
def test_an_exception_does_not_reach_into_another_line_item(note: str, flagged: list[str]) -> None:
    engine = Engine([make_rule("refused", "labeling", terms=["refuse"], unless=["court refuses"])])
    assert texts(engine.lint(note)) == flagged


def test_overlaps_resolve_to_the_longest_match(engine: Engine) -> None:
    found = engine.lint("Team discussed med compliance.")
    assert [(f.rule, f.text) for f in found] == [("compliance", "med compliance")]
    all_hits = engine.lint("Team discussed med compliance.", resolve_overlaps=False)
    assert sorted(texts(all_hits)) == ["compliance", "med compliance"]


def test_fixes_keep_a_sentence_initial_capital(engine: Engine) -> None:
    first, second = engine.lint("This writer met John. He refused lunch.")
    assert first.fix is not None and (first.fix.replacement, first.fix.safe) == ("I", True)
    assert second.fix is not None and (second.fix.replacement, second.fix.safe) == (
        "declined",
        False,
    )
    capital = engine.lint("Refused lunch.")[0]
    assert capital.fix is not None and capital.fix.replacement == "Declined"


def test_findings_are_immutable_and_serialisable(engine: Engine) -> None:
    finding = engine.lint("She lacks insight.")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.start = 0  # type: ignore[misc]
    data = finding.to_dict()
    assert set(data) >= {
        "rule",
        "category",
        "level",
        "start",
        "end",
        "line",
        "column",
        "text",
        "message",
        "suggestions",
    }


def test_huge_text_is_chunked_without_losing_offsets(engine: Engine) -> None:
    line = "We met and walked by the river together today.\n"
    note = line * (CHUNK_CHARS // len(line) + 5) + "She lacks insight.\n"
    assert len(note) > CHUNK_CHARS
    (finding,) = engine.lint(note)
    assert note[finding.start : finding.end] == "lacks insight"
    assert finding.line == note.count("\n", 0, finding.start) + 1


def test_public_api_uses_builtin_packs() -> None:
    found = peerlint.lint("John and this writer met in the park today.")
    assert [(f.rule, f.text) for f in found] == [("this-writer", "this writer")]


def test_anchor_prefers_a_rare_run_of_literal_tokens() -> None:
    from peerlint.engine import WINDOW, _anchor, _literal_keys

    def anchor(pattern: list[dict[str, object]]):  # type: ignore[no-untyped-def]
        return _anchor(_literal_keys(pattern), pattern)

    told = anchor([{"WORD": "tell"}, {"LOWER": {"IN": ["him", "her", "told"]}}, {"LOWER": "to"}])
    # Word keys, each once: "tell" and "told" are one key.
    assert told.sequences == (("tell", "her", "to"), ("tell", "him", "to"), ("tell", "tell", "to"))
    assert (told.before, told.after) == (0, 0)
    # Common words alone never anchor: "meds" is rarer than "to take".
    meds = anchor(
        [{"LOWER": "to"}, {"WORD": "take"}, {"IS_ALPHA": True, "OP": "*"}, {"LOWER": "meds"}]
    )
    assert meds.sequences == (("med",),)
    assert (meds.before, meds.after) == (WINDOW, 0)


def test_patterns_match_around_unbounded_operators_and_optional_tokens() -> None:
    engine = Engine(
        [
            make_rule(
                "take-meds",
                "directive",
                patterns=[
                    [
                        {"LOWER": "to"},
                        {"WORD": "take"},
                        {"IS_ALPHA": True, "OP": "*"},
                        {"LOWER": "meds"},
                    ]
                ],
            ),
            make_rule(
                "ensure",
                "deciding-for",
                patterns=[
                    [
                        {"LOWER": "will", "OP": "?"},
                        {"WORD": "ensure"},
                        {"LOWER": {"IN": ["he", "she"]}},
                    ]
                ],
            ),
        ]
    )
    assert [f.text for f in engine.lint("I want you to take all of your meds today.")] == [
        "to take all of your meds"
    ]
    assert [f.text for f in engine.lint("I will ensure she goes. Staff ensured he ate.")] == [
        "will ensure she",
        "ensured he",
    ]
    assert engine.lint("She wants to take a walk. The meds are in the kitchen.") == []


@pytest.mark.parametrize(
    ("note", "scare"),
    [
        ('She says she is "fine".', True),
        ('Her "boyfriend" picked her up.', True),
        ('He admitted smoking "once".', True),
        ('Client was "sick" again.', True),
        ('He said he is staying with a friend who is "a lot."', False),  # not about the person
        ('She said her own word is "the storm."', False),  # her own term
        ('We went to "Bingo Night" at the center.', False),  # a title
        ('The room is "clean" now.', False),
        ('They said they are "fine".', True),  # singular they: the person
        # how they say they have been doing, a mood field, what they say something does
        ('He says he\'s been sleeping "fine" lately.', True),
        ('Says she\'s doing "okay".', True),
        ('Says they\'re "fine" but texting at 3am.', True),
        ('MSE: mood "ok", affect bright.', True),
        ('Stopped lithium, says it "dulls" her.', True),
        ('He said work was "brutal" this week.', False),  # about his work, not him
        ('He\'s been "clean" 40 days and says he likes that word.', False),  # his own term
        # someone else's label, passed on with its owner named
        ('Her psychiatrist says she "lacks insight," she told me.', False),
        ('His nurse had told him yesterday that he was "decompensating".', False),
        ('She talked about her mom calling her "dramatic" her whole life.', False),
        ('His old case manager once wrote that he was "manipulative".', False),
        ('In treatment I was labeled "noncompliant".', False),
        ('Her daughter keeps telling her she\'s "paranoid" about the neighbours.', False),
        ('The social worker, Ms Kerr, wrote that Joy was "uncooperative" last time.', False),
        ('She laughed. He is "fine" now, she says.', True),  # the next clause has no owner
        ('Dana said she is "fine".', True),  # a name saying it is still her account
        ('Writer called consumer, she says she is "fine".', True),  # the writer phoning
        ('I was called in, and she is "fine" again.', True),  # summoned, not labelled
        # a phrase of their own that they said is their words; a lone word is still doubted
        ('He said he\'s "hanging in."', False),
        ('She said her "quit date" is in May.', False),
        ('Her "quit date" is in May.', True),
    ],
)
def test_scare_quotes_question_the_person_only(note: str, scare: bool) -> None:
    engine = Engine([make_rule("scare", "labeling", detector="scare-quotes")])
    assert bool(engine.lint(note)) is scare


@pytest.mark.parametrize(
    ("note", "flagged"),
    [
        # labels once put on the writer are their own story
        ("When I was in treatment they called me noncompliant.", []),
        ("In rehab I was labeled noncompliant and it stuck.", []),
        ("My doctor said I lacked insight, and I shared how that felt.", []),
        ("I shared that I went off my meds once and was noncompliant for a year.", []),
        ("I told her I've had a label on my record too, non-compliant, and I fought it.", []),
        ('I told her that I\'ve had that label too, "non-compliant," and I fought it.', []),
        ("I have the same diagnosis too and was non-compliant for years.", []),
        # a label someone else used, with its owner named (a role, or a titled name)
        ('She told me the registrar said she "lacks insight" and asked me about it.', []),
        ('The social worker, Ms Kerr, wrote that Joy was "non-compliant" last time.', []),
        ('In school a counselor put "non-compliant" on my file, I told him.', []),
        ('She said her counselor uses the word "non-compliant" and she is fine with it.', []),
        # ... filed under it by someone else, or named by a named person
        ('At intake one of the guards wrote him up as "non-compliant" for asking twice.', []),
        ('Her OB flagged her as "noncompliant" for a missed scan.', []),
        ('Okafor described his history as "non-compliant" at the last visit.', []),
        ("I told him I'd been called non-compliant in my family too.", []),
        ("At 19 I had a file that said borderline and non-compliant, and I believed it.", []),
        ("I've had psychiatrists who called me treatment-resistant.", []),
        ("A doctor wrote me off as non-compliant in my twenties.", []),
        ("It took me years to stop calling myself non-compliant.", []),
        ("I shared how it felt when my chart said non-compliant.", []),
        # ... but only the label, or the clause: the person's own passages still count
        ("Staff called me noncompliant at first. Pt is non-compliant.", ["non-compliant"]),
        ("Dana called me at noon. She is non-compliant.", ["non-compliant"]),
        ("When I got there she was non-compliant.", ["non-compliant"]),  # not a story
        ("I shared that she is non-compliant.", ["non-compliant"]),  # not about the writer
        ("I shared how she was non-compliant.", ["non-compliant"]),
        ('I flagged her as "non-compliant" to the team.', ["non-compliant"]),  # the writer's label
        ("When I was in rehab I felt that way too, but she lacks insight.", ["lacks insight"]),
        # an instruction to phone the writer is not a label someone put on them
        ("I told him to call me as he is non-compliant.", ["non-compliant"]),
        # the story's own clause, when the writer is its subject
        ("I was non-compliant for years back when I was using, I told her.", []),
        # summoned is not labelled: "I was called to the ED for ..."
        ("I was called to the unit for a non-compliant man.", ["non-compliant"]),
        ("I was called non-compliant for years.", []),
        ("She is non-compliant, like I was when I was in treatment.", ["non-compliant"]),
        ("I was there but she lacks insight when I was using.", ["lacks insight"]),
    ],
)
def test_the_writers_own_story_is_exempt(engine: Engine, note: str, flagged: list[str]) -> None:
    assert texts(engine.lint(note)) == flagged


@pytest.mark.parametrize(
    ("note", "flagged"),
    [
        # what the voices say is the person's experience, reported
        ("She said the voices were loud and told her she has to leave.", []),
        ("Her voices keep telling her she needs to hide.", []),
        ("The voices told him he must go, he said.", []),
        ("He hears CAH telling him he needs to run.", []),  # CAH itself is not in this engine
        # ... but not when the writer speaks, or when the voices are not the speaker
        ("The voices were quiet and I told her she needs to rest.", ["told her she needs to"]),
        ("We talked about the voices and told him he needs to call.", ["told him he needs to"]),
        ("The voices have been saying she is bad, and she lacks insight.", ["lacks insight"]),
        ("The voices told him to go, but I told him he needs to stay.", ["told him he needs to"]),
    ],
)
def test_what_the_voices_say_is_not_the_writers(
    engine: Engine, note: str, flagged: list[str]
) -> None:
    assert texts(engine.lint(note)) == flagged


@pytest.mark.parametrize(
    ("note", "flagged"),
    [
        # the person telling of their own acts: the writer is not the one telling
        ("She said her mom told her she needs to move out.", []),
        ("Dev explained his PO told him he has to be in by ten.", []),
        ("Sam said he blew 0.00 and his PO told him he has to stay sober.", []),  # not a stop
        # ... but clinical words in the paraphrase still count, and so does the writer
        (
            "She said she is non-compliant and her mom told her she needs to stop.",
            ["non-compliant"],
        ),
        ("She said she's fine, but I told her she needs to go.", ["told her she needs to"]),
        ("I said her mom told her she needs to move out.", ["told her she needs to"]),
    ],
)
def test_the_persons_own_account_is_not_the_writers_act(
    engine: Engine, note: str, flagged: list[str]
) -> None:
    assert texts(engine.lint(note)) == flagged


@pytest.mark.parametrize(
    ("note", "flagged"),
    [
        # someone else doing it, or the person's own plan: not the writer telling
        ("He told me the desk clerk told him he has to sign twice.", []),
        ("His PO told him he has to attend NA.", []),
        ("Kim decided to tell them they have to leave.", []),
        ("He told me his sister threw him out and told him he has to go.", []),
        ("She wants to tell them they need to back off.", []),
        # an act the person asked the writer not to do: a boundary recorded, not crossed
        ("He didn't want me to tell him he has to go.", []),
        ("She asked me not to tell them they have to leave.", []),
        # ... but still the writer: an opening word that is no name, the writer's own
        # subject, a bare past form (a telegraphic plan), the writer named in the act
        ("Then told him he needs to rest.", ["told him he needs to"]),
        ("Already told him he has to stop.", ["told him he has to"]),
        ("I explained the rules again and told her she needs to stop.", ["told her she needs to"]),
        ("Wanted to tell him he has to stop.", ["tell him he has to"]),
        ("The undersigned told him he has to stop.", ["told him he has to"]),
        ("He wanted me to tell him he has to stop.", ["tell him he has to"]),
        (
            "His mom told him he has to go but I told him he needs to stay.",
            ["told him he needs to"],
        ),
    ],
)
def test_an_act_someone_else_does_is_not_the_writers(
    engine: Engine, note: str, flagged: list[str]
) -> None:
    assert texts(engine.lint(note)) == flagged


@pytest.mark.parametrize(
    ("attr", "word", "other"),
    [
        ("IS_ALPHA", "voices", "42"),
        ("IS_ASCII", "voices", "café"),
        ("IS_DIGIT", "42", "voices"),
        ("IS_LOWER", "voices", "Voices"),
        ("IS_UPPER", "AVH", "Avh"),
        ("IS_TITLE", "Dana", "dana"),
        ("IS_PUNCT", "!", "voices"),
        ("LIKE_NUM", "3,000", "voices"),
        ("LIKE_NUM", "three", "tree"),
        ("LIKE_NUM", "Second", "sound"),
    ],
)
def test_every_allowed_token_flag_is_computed(attr: str, word: str, other: str) -> None:
    engine = Engine([make_rule("flag", patterns=[[{"LOWER": "said"}, {attr: True}]])])
    assert [f.text for f in engine.lint(f"She said {word} twice.")] == [f"said {word}"]
    assert engine.lint(f"She said {other} twice.") == []


@pytest.mark.parametrize(
    ("note", "flagged"),
    [
        ('She said "I lack insight, apparently."', []),
        ('I told her, "You lack insight."', ["lack insight"]),  # the writer's own words
        ('"You lack insight," I said.', ["lack insight"]),
        ('We told him: "You lack insight."', ["lack insight"]),
        ('He told me, "I lack insight, they say."', []),  # his words, told to me
    ],
)
def test_the_writer_quoting_themselves_is_the_writers_voice(
    engine: Engine, note: str, flagged: list[str]
) -> None:
    assert texts(engine.lint(note)) == flagged


def test_the_next_sentences_speaker_is_not_the_quotes(engine: Engine) -> None:
    assert engine.lint('She said "I lack insight, ha." I said that is not my word.') == []


def test_a_pattern_spacy_rejects_is_a_rule_pack_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # Token patterns are compiled on first use; verify() (run by test-rules) compiles all.
    import peerlint.engine as engine_module
    from peerlint.rules import RulePackError

    engine = Engine([make_rule("odd", patterns=[[{"LOWER": "said"}]])])
    monkeypatch.setattr(
        engine_module, "_compile_pattern", lambda p: [{"LOWER": "said", "OP": "often"}]
    )
    with pytest.raises(RulePackError, match="rule odd: token pattern"):
        engine.verify()
    with pytest.raises(RulePackError, match="token pattern"):
        engine.lint("She said so.")


def test_token_patterns_are_compiled_only_when_a_note_needs_them() -> None:
    engine = Engine(
        [
            make_rule("a", patterns=[[{"LOWER": "told"}, {"LOWER": "him"}]]),
            make_rule("b", patterns=[[{"LOWER": "warned"}, {"LOWER": "her"}]]),
        ]
    )
    assert [f.rule for f in engine.lint("I told him.")] == ["a"]
    built = [p._matcher is not None for _, p, _, _ in engine._patterns]
    assert built == [True, False]


def test_a_repeating_token_matches_however_often_it_repeats() -> None:
    pattern = [
        {"LOWER": "zork"},
        {"LOWER": "is"},
        {"LOWER": "very", "OP": "+"},
        {"LOWER": "blorp"},
    ]
    engine = Engine([make_rule("p", patterns=[pattern])])
    for note in ("zork is very blorp", "zork is very very blorp", "zork is very very very blorp"):
        assert [f.text for f in engine.lint(note)] == [note]
    assert engine.lint("zork is blorp") == []


@pytest.mark.parametrize("op", ["{1,3}", "{2}", "{1,}", "{,3}"])
def test_a_counted_token_reaches_as_far_as_its_count(op: str) -> None:
    pattern = [{"LOWER": "zork"}, {"IS_ALPHA": True, "OP": op}, {"LOWER": "blorp"}]
    engine = Engine([make_rule("p", patterns=[pattern])])
    # the anchor is 'zork' or 'blorp'; the match must be found from either end
    assert [f.text for f in engine.lint("a zork very big blorp b")] == ["zork very big blorp"]


def test_i_shared_that_mine_is_the_writers_story(engine: Engine) -> None:
    assert engine.lint("I shared that mine used to be called non-compliant.") == []


def test_how_the_person_is_named_is_kept_inside_a_longer_finding() -> None:
    engine = Engine(
        [
            make_rule("educated-on", "directive", terms=["educated pt on", "educated him on"]),
            make_rule("pt", "depersonalizing", terms=["pt"]),
            make_rule("compliance", "clinical-language", terms=["pt on med"]),
        ]
    )
    found = [(f.rule, f.text) for f in engine.lint("Educated pt on med compliance.")]
    # The nested name stays; a nested finding of another kind is still resolved away.
    assert found == [("educated-on", "Educated pt on"), ("pt", "pt")]


def test_the_writer_reminding_in_quotes_is_the_writers_voice(engine: Engine) -> None:
    assert [f.text for f in engine.lint('I reminded her, "You lack insight."')] == ["lack insight"]


def test_a_line_break_before_a_bullet_ends_the_sentence() -> None:
    # a pattern that needs the end of a sentence, as many guards do
    engine = Engine([make_rule("ends", patterns=[[{"LOWER": "unmotivated"}, {"ORTH": "."}]])])
    note = "• Resistant, unmotivated\n• Rent current\n- unmotivated\n  - next"
    found = engine.lint(note)
    assert [(f.text, f.start) for f in found] == [
        ("unmotivated\n", 13),
        ("unmotivated\n", 42),
    ]
    # a line broken mid-phrase is not a bullet: no sentence ends there
    assert engine.lint("She is unmotivated\nabout it.") == []


def test_another_disciplines_section_of_a_shared_note_is_exempt(engine: Engine) -> None:
    note = (
        'CLINICIAN (M. Okafor, RN): Pt non-compliant, says she is "fine". AH/VH.\n'
        "PEER (T. Baptiste, CPS): Called Priya. She lacks insight, and the patient is tired."
    )
    assert texts(engine.lint(note)) == ["lacks insight", "the patient"]
    # the same words in a peer's own note are the peer's
    own = note.replace("CLINICIAN (M. Okafor, RN)", "Update")
    assert texts(engine.lint(own))[:3] == ["non-compliant", '"fine"', "AH/VH"]


@pytest.fixture(scope="module")
def told_engine() -> Engine:
    """A directive rule on the telling and a deciding-for rule on what is told."""
    return Engine(
        [
            make_rule(
                "told-to",
                "directive",
                patterns=[
                    [
                        {"WORD": "tell"},
                        {"LOWER": {"IN": ["him", "her"]}},
                        {"LOWER": {"IN": ["she", "he"]}, "OP": "?"},
                        {"LOWER": {"IN": ["needs"]}, "OP": "?"},
                        {"LOWER": "to"},
                    ]
                ],
            ),
            make_rule(
                "report",
                "deciding-for",
                patterns=[
                    [
                        {"WORD": "call"},
                        {"LOWER": {"IN": ["his", "her"]}},
                        {"LOWER": "sponsor"},
                        {"LOWER": "with", "OP": "?"},
                        {"LOWER": "me", "OP": "?"},
                    ]
                ],
            ),
        ]
    )


@pytest.mark.parametrize(
    ("note", "flagged"),
    [
        # what the writer told the person to do is the person's act: only the telling counts
        ("Told him to call his sponsor tonight.", ["Told him to"]),
        ("I told her she needs to call her sponsor.", ["told her she needs to"]),
        # ... unless the writer is in the act, or nothing flags the telling
        ("Told him to call his sponsor with me.", ["Told him to", "call his sponsor with me"]),
        ("Encouraged him to call his sponsor.", ["call his sponsor"]),
        ("I will call his sponsor.", ["call his sponsor"]),
    ],
)
def test_what_the_writer_told_the_person_to_do_is_theirs(
    told_engine: Engine, note: str, flagged: list[str]
) -> None:
    assert texts(told_engine.lint(note, resolve_overlaps=False)) == flagged


def test_every_detector_the_schema_accepts_has_an_implementation() -> None:
    from typing import get_args

    from peerlint.rules import Rule

    (names,) = (a for a in get_args(Rule.model_fields["detector"].annotation) if get_args(a))
    rules = [make_rule(f"d{i}", detector=name) for i, name in enumerate(get_args(names))]
    engine = Engine(rules)  # an unknown name fails here
    assert engine.lint("A plain note about the garden.") == []

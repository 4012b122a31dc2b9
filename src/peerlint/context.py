"""Context: whose words a passage is, and whom it is about.

A person's own words in quotation marks are theirs to choose ("I'm manic," she
said) and are never drift. A lone word in quotes with no speaker (says she is
"fine") is a known way notes question credibility (Park et al. 2021), so it is
reported instead of exempted. And a peer worker's own recovery story ("when I was
in treatment they called me noncompliant") is the heart of peer support, not a
label put on the person: passages in it are exempt too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTE = re.compile(r'"([^"]{1,600}?)"|“([^”]{1,600}?)”')
_WORD = re.compile(r"[A-Za-z0-9']+")
_SPEECH_VERBS = (
    r"said|says|say|stated|states|told (?:me|us|the group)|asked|asks|replied|answered|"
    r"shared|explained|wrote|writes|texted|yelled|shouted|whispered|added|responded|"
    r"repeated|described it as|calls? (?:it|them|this|that)|called (?:it|them|this|that)|"
    r"put it|in (?:his|her|their|own) words|words were|the words|quote|asked for|"
    r"told (?:him|her|them)|exclaimed|joked|laughed|sang|read|the term|nicknamed|named|titled|"
    r"(?:own )?words? (?:is|was|are|were|for it)|calls? (?:him|her|them|herself|himself|themselves)"
)
_SPEAKER_BEFORE = re.compile(
    rf"\b(?:{_SPEECH_VERBS})(?:\s+to\s+(?:me|us|him|her|them|the group))?\s*[,:]?\s*$", re.I
)
_SPEAKER_AFTER = re.compile(
    rf"^\s*,?\s*(?:he|she|they|I|we|[A-Z][a-z]+)\s+(?:{_SPEECH_VERBS})\b", re.I
)
# The writer quoting themselves ('I told him, "You need to go to detox."', '"Sit down,"
# I said') is the writer's voice, not the person's: rules apply inside.
_WRITER_VERBS = (
    rf"{_SPEECH_VERBS}|reminded|warned|insisted|instructed|ordered|urged|advised|"
    r"directed|cautioned|stressed|emphasi[sz]ed|reiterated|pointed out|made it clear"
)
_WRITER_BEFORE = re.compile(
    rf"\b(?:I|we|this writer|writer)\s+(?:\w+\s+){{0,2}}?(?:{_WRITER_VERBS})"
    rf"(?:\s+(?:to\s+)?(?:me|us|him|her|them|the group|everyone|the team))?\s*[,:]?\s*$",
    re.I,
)
_WRITER_AFTER = re.compile(rf"^\s*,?\s*(?:I|we|this writer|writer)\s+(?:{_WRITER_VERBS})\b", re.I)
# What comes right before a quoted lone word when it questions the person's account:
# the person as subject of a be/feel verb (she is "fine", he was "sick"), a possessive
# (her "boyfriend"), the person doing something in quotes (she "forgot"), or a
# credibility verb a few words back (admitted smoking "once", reports "pain").
_CREDIBILITY_CUE = re.compile(
    r"(?:(?:\b(?i:he|she|they|pt|client)|\b[A-Z][a-z]+)"  # the person: a pronoun or a name
    r"(?i:'s| is| was| were| are|'re| be| been| being| feels| felt| seems| seemed| looks| looked|"
    r" became| got| gets| getting| would| will|'ll|'d)"
    # ... and how they say they have been doing: he's been "sober", she's doing "okay",
    # he's been sleeping "fine"
    r"(?i: (?:been|has been|have been|had been))?(?i: [a-z]+ing)?"
    r"(?i: (?:very|so|really|just|still|feeling|being|acting|kind of|a bit))?"
    r"|\b(?i:his|her|their|he|she|they)"
    r"|\b(?i:mood)\s*:?"  # a mental-status field: mood "ok"
    r"|\b(?i:says|said|say) it"  # says it "dulls" her
    r"|\b(?i:admit\w*|den(?:y|ies|ied)|claim\w*|insist\w*|reports?|reported|states?|stated|"
    r"swears?|swore|alleges?|alleged)\b[\w ,']{0,24}?)\s*$"
)


# Someone else's words about the person, reported in quotes: "her psychiatrist says she
# "lacks insight"", "his nurse told him he was "decompensating"", "her mom calling her
# "dramatic"", "he was labeled "noncompliant"". The writer is passing on a label someone
# else used, with its owner named: that is reported speech, not the writer's judgement.
_OTHERS = (
    r"nurses?|doctors?|dr\.?|docs?|psychiatrists?|psych|prescribers?|therapists?|"
    r"counsell?ors?|clinicians?|case ?managers?|case ?workers?|social ?workers?|workers?|"
    r"staff|team|unit|providers?|po|parole officer|probation officer|officers?|cops?|police|"
    r"judge|lawyer|landlord|manager|boss|supervisor|teachers?|pastor|sponsor|"
    r"registrar|consultant|gps?|midwi(?:fe|ves)|health visitor|psychologist|solicitor|"
    r"advocate|key ?worker|care coordinator|cpn|magistrate|court|housing officer|"
    r"(?-i:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][a-z]+)|"
    r"mom|mother|dad|father|parents?|sister|brother|aunt|uncle|grand(?:ma|mother|pa|father)|"
    r"sons?|daughters?|kids?|children|cousins?|niece|nephew|in-laws|step(?:mom|mum|dad)|"
    r"family|wife|husband|partner|boyfriend|girlfriend|ex|friends?|roommate|neighbou?r|"
    r"someone|somebody|people|everyone|everybody|the (?:er|ed|hospital|va|clinic|shelter)|"
    r"chart|records?|file|paperwork|notes?|discharge (?:papers|paperwork|summary)"
)
_LABEL_VERBS = (
    r"told|tells?|telling|said|says?|saying|wrote|writes?|written|called|calls?|calling|"
    r"labell?ed|labell?ing|labels?|described|describes?|charted|documented|diagnosed|"
    r"noted|thinks?|thought|used to say|kept saying|keeps saying|put (?:it|him|her|them) down as|"
    r"put|stamped|wrote down|slapped|uses? the (?:word|term)|used the (?:word|term)"
)
_REPORTED_BY_OTHER = re.compile(
    rf"\b(?i:{_OTHERS})(?:'s|'d|'ve)?(?:,[^,.;!?\n]{{1,40}},)?\s+(?:[\w']+\s+){{0,3}}?"
    rf"(?i:{_LABEL_VERBS})\b"
    rf"|\b(?i:was|were|been|being|got|gets|get)\s+(?i:told|called|labell?ed|described|"
    rf"diagnosed|charted|written up)\b(?!\s+(?i:to|in|into|out|back|over|up|for|by|at)\b)"
    rf"|\b(?i:calling|called|calls|labell?ed|labell?ing)\s+(?i:her|him|them|me)\b"
    # someone other than the writer filing the person under a label: "one of them wrote her
    # up as", "her midwife flagged her as" -- not "I flagged her as", the writer's own
    r"|(?<!\bI )(?<!\b[Ww]e )\b(?i:wr(?:ote|ites?|itten|iting))\s+(?i:her|him|them|me)\s+up\b"
    r"|(?<!\bI )(?<!\b[Ww]e )\b(?i:flag(?:s|ged|ging)?|mark(?:s|ed)?|list(?:s|ed)?|"
    r"cod(?:es|ed)|class(?:ed|ified)|tag(?:s|ged)?|pegged|branded|deemed|sees?|saw|"
    r"treat(?:s|ed)?|refer(?:s|red)? to|descri(?:bes?|bed))\s+(?i:her|him|them|me)\s+as\b"
    # a named person's word for it: "Kaur called his depression", "Rosa described it as"
    r"|\b(?!(?:Writer|Staff|Peer|Pt|Client|Consumer|Then|Also|Today)\b)[A-Z][a-z]+\s+"
    r"(?:(?i:has|had|once|always|just|then)\s+)?(?i:called|calls|"
    r"labell?ed|diagnosed|charted|documented|described|wrote down|put down)\b"
)
_CLAUSE_START = re.compile(r"[.!?;\n](?=[^.!?;\n]*$)")


def _reported_by_other(text: str, start: int) -> bool:
    """Whether the clause leading up to a quote at ``start`` names someone else as its speaker."""
    return bool(_REPORTED_BY_OTHER.search(_clause_before(text, start)))


@dataclass(frozen=True)
class Quote:
    """A quoted passage: ``start``/``end`` include the quotation marks."""

    start: int
    end: int
    speech: bool  # someone's words: a speaker is named, or it is a whole phrase
    writer: bool = False  # ... and that someone is the writer

    @property
    def theirs(self) -> bool:
        """The person's (or someone else's) own words, where no rule applies."""
        return self.speech and not self.writer

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1


def find_quotes(text: str) -> list[Quote]:
    """Every double-quoted passage that does not cross a blank line, classified."""
    quotes: list[Quote] = []
    if '"' not in text and "“" not in text:
        return quotes
    for m in _QUOTE.finditer(text):
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        if "\n\n" in inner or not inner.strip():
            continue
        before = text[max(0, m.start() - 60) : m.start()]
        after = text[m.end() : m.end() + 40]
        words = len(_WORD.findall(inner))
        # A speaker after the quote counts only when it attaches to it:
        # "fine", she said / "No!" he said -- not the next sentence's speaker.
        attached = after.lstrip().startswith(",") or inner.rstrip()[-1:] in (",", "!", "?", ".")
        speaker_before = bool(_SPEAKER_BEFORE.search(before))
        speech = (
            words >= 3
            or speaker_before
            or (attached and bool(_SPEAKER_AFTER.match(after)))
            or _reported_by_other(text, m.start())
        )
        # '"Sit down," I said' -- but not 'She said "I'm fine." I said...', the next sentence.
        tied = after.lstrip().startswith(",") or inner.rstrip()[-1:] in (",", "!", "?")
        writer = bool(_WRITER_BEFORE.search(before)) or (
            not speaker_before and tied and bool(_WRITER_AFTER.match(after))
        )
        quotes.append(Quote(m.start(), m.end(), speech or writer, writer))
    return quotes


def is_scare_quote(text: str, quote: Quote) -> bool:
    """A short quote with no speaker, after a word that makes it question the person."""
    if quote.speech:
        return False
    inner_start, inner_end = quote.inner
    inner = text[inner_start:inner_end]
    if inner[:1].isupper() and not inner.isupper() and quote.start > 0:
        # A capitalised name of a thing ("Bingo Night", "WRAP") is a title, not a judgement,
        # unless it starts the sentence.
        preceding = text[: quote.start].rstrip()
        if preceding and preceding[-1] not in ".!?\n":
            return False
    words = len(_WORD.findall(inner))
    if words > 2 or (words == 2 and _TOLD_IN_CLAUSE.search(_clause_before(text, quote.start))):
        # a phrase of their own that they said ("he said he's "hanging in"") is their words;
        # a lone word is still the writer's doubt ("she says she is "fine"")
        return False
    if _THEIR_TERM_AFTER.match(text, quote.end):
        return False
    return bool(_CREDIBILITY_CUE.search(text[max(0, quote.start - 30) : quote.start]))


# The writer saying the quoted word is the person's own: 'he's been "clean" 40 days and
# said he hates that word but uses it anyway', '"sober," her word for it'.
_THEIR_TERM_AFTER = re.compile(
    r"[^.!?\n]{0,60}?\b(?:that|the|his|her|their)\s+(?:own\s+)?(?:word|term|phrase)\b", re.I
)


_TOLD_IN_CLAUSE = re.compile(
    r"\b(?:said|says|say|told me|tells me|asked|asks|described|describes|calls|called|put it)\b",
    re.I,
)


def _clause_before(text: str, start: int) -> str:
    """The clause leading up to ``start``."""
    before = text[max(0, start - 160) : start]
    cut = _CLAUSE_START.search(before)
    return before[cut.end() :] if cut else before


def speech_spans(text: str, quotes: list[Quote]) -> list[tuple[int, int]]:
    """The inner spans of other people's quoted words, where no rule applies: their
    speech, and a short quote that is no scare quote in a clause where someone speaks
    (said her back is "cranky", he calls it "hostile architecture")."""
    return [
        q.inner
        for q in quotes
        if q.theirs
        or (
            not q.speech
            and _someone_else_speaks(_clause_before(text, q.start))
            and not is_scare_quote(text, q)
        )
    ]


_WRITER_SAYS = re.compile(
    r"\b(?:I|[Ww]e)\s+(?:\w+\s+)?(?:said|say|told|tell|asked|ask|described|call|called|put it)\b"
)


def _someone_else_speaks(clause: str) -> bool:
    return bool(_TOLD_IN_CLAUSE.search(clause)) and not _WRITER_SAYS.search(clause)


# --- the writer's own story ---------------------------------------------------

_CLAUSE_END = re.compile(r"\.(?!\d)|[;!?\n]|\bbut\b", re.I)  # not "0.00"
_LABEL_END = re.compile(
    r"[,.;:!?\n]|\b(?:and|but|because|when|at|on|about|back|from|to|in|after|before|so)\b", re.I
)
# A label someone put on the writer: "they called me noncompliant", "labeled me as
# manipulative", "diagnosed me with". Only the next few words are the label. Not an
# instruction to phone the writer ("told him to call me as his sponsor", "call me if").
_LABELED_ME = re.compile(
    r"\b(?:labell?ed|diagnosed|charted|pegged|branded|considered|described|wrote me up|"
    r"written up|treated|called|calling|(?<!\bto )(?<!\bcan )calls?)\s+(?:me|myself)\b"
    r"(?:\s+(?:as|with))?|\bwr(?:ote|ites?|itten) me off(?:\s+as)?",
    re.I,
)
_LABEL_WORDS = 4
# The rest of the clause is the writer's own story: "I was labeled treatment-resistant",
# "my doctor said I lacked insight", "when I was in rehab I refused everything",
# "I shared that I went off mine without telling anyone".
_OWN_STORY = re.compile(
    r"\bI(?:'d| was| got| had been| have been| 've been|'ve been|'d been| used to be| was once|"
    r" was always)\s+"
    # "I was called noncompliant" -- not summoned: "I was called to the ED for ..."
    r"(?:called(?!\s+(?:to|in|into|out|back|over|up|away|for|by|at|about|on|after|when)\b)|"
    r"labell?ed|diagnosed(?:\s+(?:with|as))?|told (?:that )?I|considered|seen as|"
    r"written up(?:\s+as)?|described as|charted as|treated as|branded(?:\s+as)?|pegged as)"
    r"|\b(?:they|staff|everyone|people|the team|the doctors?|my (?:doctor|psychiatrist|nurse|"
    r"therapist|counsell?or|case manager|family|mom|dad|mother|father|chart|records?|file))\s+"
    r"(?:said|says|thought|think|wrote|decided|told me|kept saying|used to say)\s+(?:that\s+)?"
    r"I(?:'m| am| was| had| have| lacked| lack| needed| need| should)\b"
    r"|\b(?:when|back when|while|after|before|since) I (?:was|got|first got|first went|went|"
    r"came|started|used to be)\s+(?:using|drinking|in (?:treatment|rehab|detox|the hospital|"
    r"jail|prison|active addiction|my addiction|early recovery|the psych ward|residential)|"
    r"inpatient|locked up|homeless|on the street|first diagnosed|diagnosed|hospitalized|"
    r"committed|struggling|out of (?:jail|prison|the hospital|treatment)|off my meds)"
    r"|\bI shared (?:that |how |about |what )?(?=(?:I|my|mine|when I|back when)\b)"
    r"|\bI shared (?:how it felt|what it was like|what it felt like|the time)\b"
    r"|\bmy own (?:story|experience|recovery|history)\b"
    # "I had a chart that said borderline", "I've had doctors who called me difficult"
    r"|\bI(?:'ve| have|'d| had)?\s+(?:had|got)\s+(?:a |my |one |some )?(?:chart|file|record|"
    r"discharge (?:papers|summary)|papers|paperwork|doctors?|psychiatrists?|nurses?|staff|"
    r"therapists?|counsell?ors?|workers?|people)\s+(?:that |who |which )?"
    r"(?:said|says|called|labell?ed|wrote|listed|put|used)\b"
    r"|\bI(?:'ve| have|'d| had)\s+(?:had\s+|got\s+|carried\s+)?(?:a|that|the same|this|my own)\s+"
    r"(?:label|diagnosis|dx)\b",
    re.I,
)


def own_story_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that tell the writer's own story or labels once put on them."""
    spans: list[tuple[int, int]] = []
    for m in _LABELED_ME.finditer(text):
        rest = text[m.end() : m.end() + 80]
        stop = _LABEL_END.search(rest)
        label = rest[: stop.start()] if stop else rest
        words = label.split()[:_LABEL_WORDS]
        if words:
            spans.append((m.start(), m.end() + label.index(words[-1]) + len(words[-1])))
    for m in _OWN_STORY.finditer(text):
        stop = _CLAUSE_END.search(text, m.end())
        spans.append((_own_clause_start(text, m.start()), stop.start() if stop else len(text)))
    return spans


_I_SUBJECT = re.compile(
    r"\s*(?:[-*•]\s*)?I(?:'m|'d|'ve|\s+(?:was|am|had|have|used to|got|felt|did))\b"
)
_SOMEONE_ELSE = re.compile(r"\b(?:he|she|they|him|her|them|his|their)\b", re.I)


def _own_clause_start(text: str, start: int) -> int:
    """Where the writer's story starts: its own clause, when that clause is about the
    writer ("I was a real drama queen back when I was using"); else where the cue starts."""
    begin = max(0, start - 300)
    for cut in _CLAUSE_END.finditer(text, begin, start):
        begin = cut.end()
    before = text[begin:start]
    if _I_SUBJECT.match(before) and not _SOMEONE_ELSE.search(before):
        return begin
    return start


# --- what the person says they did or will do -------------------------------------

# "She said she isn't ready to talk to the police yet", "He said his sponsor had him write
# his fourth step": the person telling of their own acts and plans, in the writer's
# paraphrase. Telling, deciding and doing another job are things the *writer* does, so
# those rules do not apply here; clinical or judging words still do (a paraphrase can
# drift). It ends at the clause, or where the writer comes in ("she said she needs me to").
WRITER_ACTS = frozenset({"directive", "deciding-for", "role-drift"})
# Acts the writer does (deciding, reporting, enlisting): told to the person, they are the
# person's. Not role-drift: what is told can be the other job ("told him to read Romans 8").
TOLD_ACTS = frozenset({"deciding-for"})  # see telling_before
_TELLS_OWN = re.compile(
    r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[A-Z][a-z]+)\s+(?:(?:also|then|just)\s+)?"
    r"(?:said|says|told me|explained|mentioned|shared|stated|added|thinks|thought|feels|felt|"
    r"decided|wants|wanted|hopes|plans)\s+(?:that\s+)?(?=(?:he|she|they|his|her|their)\b)"
)
_TELLS_OWN_END = re.compile(r"\.(?!\d)|[;!?\n]|\b(?:but|I|me|my|we|us)\b")


def own_account_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` where the person tells of their own acts (see WRITER_ACTS)."""
    spans: list[tuple[int, int]] = []
    for m in _TELLS_OWN.finditer(text):
        stop = _TELLS_OWN_END.search(text, m.end())
        spans.append((m.end(), stop.start() if stop else len(text)))
    return spans


# --- acts someone else does --------------------------------------------------------

# Someone other than the writer doing the act: "the front desk person made him sign",
# "his PO told him he has to attend NA", "her mom told her she needs to move out". The
# subject comes right before the act's finite verb (adverbs may come between), and the act
# has an object, so the telegraphic passive ("Pt redirected x2", "Noor encouraged to
# attend") is still the writer's, and so is a plan the note records ("Sister will
# supervise her meds"). _NOT_A_NAME: capitalised words that open a clause but are nobody.
_NOT_A_NAME = (
    r"(?!(?:Then|Also|Today|Later|Again|So|And|But|Finally|First|Next|Afterwards|After|"
    r"Yesterday|Tonight|Tomorrow|Plan|This|That|Will|Just|Still|We|Writer|Staff|Peer|Please|"
    r"Have|Has|Had|When|While|Since|Once|Already|Now|Never|Always|Often|Soon|Earlier|Per|"
    r"Again|Twice|Both|Each|Every|Some|Most|All|Only|Even|Maybe|Perhaps|[A-Z][a-z]+ly)\b)"
)
_NAME = rf"(?-i:{_NOT_A_NAME}[A-Z][a-z]+)"  # a capitalised word that may be someone's name
_THIRD_SUBJECT = re.compile(
    r"^\s*(?:[-*•]\s*)?(?:(?:and|then|but|so|later|today|also)\s+)*"
    rf"(?:.*\b(?:he|she|they|{_NOT_A_NAME}[A-Z][a-z]+)\s+(?:told me|tells me|said|says|"
    r"mentioned|explained|shared)(?:\s+that)?\s+)?"
    rf"(?:\b(?:he|she|they)|{_NAME}|"
    r"\b(?:the|his|her|their)(?:\s+(?!(?:undersigned|writer|peer|staff|team|and|but|or|then|"
    r"again|to|that|when|so|me|us|him|her|them|I|we)\b)[\w-]+){1,4}?)\s+"
    r"(?:(?:also|then|just|still|now|already|finally|first|later|actually|has|have|had|did|"
    r"does|never|always|often|usually|sometimes)\s+)*$",
    re.I,
)
# ... or the person's own intention: "wants to talk w/ Dr. Ames herself", "she wanted to
# talk through telling his boss", "figuring out how to tell her job she needs a week". A
# bare past form ("Decided to call his mom", "Planned to drug test") may be the writer's
# own plan in a telegraphic note, so it needs its subject.
_THEN_ACT = r"\s+(?:to\s+)?(?:(?:talk|think|work)\s+(?:thru|through|about)\s+)?$"
_INTENDS = re.compile(
    r"(?<!\bI )(?<!\b[Ww]e )"
    r"\b(?:wants|plans|hopes|would like|is (?:ready|going|planning|hoping|thinking about)|"
    rf"figur(?:e|es|ing) out how){_THEN_ACT}"
    rf"|\b(?:he|she|they|{_NAME})\s+(?:(?:also|then|just|really)\s+)?"
    r"(?:wanted|planned|hoped|decided|chose|was (?:ready|going|planning|hoping|thinking about))"
    rf"{_THEN_ACT}",
    re.I,
)
# The act's verb, finite (the subject did it), then its object.
_FINITE_THEN_OBJECT = re.compile(
    r"(?:(?!(?:was|is|has|does|as|us|his|its|this|thus|yes|less|unless)\b)\w+(?:ed|s)|told|made|"
    r"took|gave|kept|sent|got|let|put|held|drove|brought|set|paid|left|bought|wrote|said|had|"
    r"threw|sold|found|ran|broke|chose|spoke|stole|hid|met|spent|lent|lost|quit|rode|saw|shut|"
    r"taught|tore|woke|swore|led|fed|dug|hung|shook|forgave|forbade|bit|hit|cut|beat)"
    r"\s+(?:him|her|them|me|us|his|their|the|a|an|(?-i:[A-Z][a-z]+))\b",
    re.I,
)
_WRITER_IN_ACT = re.compile(r"\b(?:I|[Ww]e)\b")
# ... or an act the person asked the writer not to do: "didn't want me to sign him up",
# "asked me not to tell his mom". The writer is recording a boundary, not crossing it.
_DECLINED = re.compile(
    r"\b(?:(?:did|does|do|would|will)(?:n't| not)|won't|never)\s+want(?:s|ed)?\s+(?:me|us)\s+to\s+$"
    r"|\b(?:asked|asks|told|tells|begged|warned|reminded)\s+(?:me|us)\s+not\s+to\s+$",
    re.I,
)


def acted_by_someone_else(text: str, start: int, end: int) -> bool:
    """Whether the act at ``start:end`` is done by someone other than the writer, or is
    something the person says they mean to do (see WRITER_ACTS). Not when the writer
    comes into the act itself ("asked me not to tell his mom, but I mentioned it")."""
    if _WRITER_IN_ACT.search(text, start, end):
        return False
    before = _clause_before(text, start)
    if _INTENDS.search(before) or _DECLINED.search(before):
        return True
    return bool(_THIRD_SUBJECT.match(before) and _FINITE_THEN_OBJECT.match(text, start))


# What the writer tells the person to do: "told him to check in w/ his PO", "told her she
# needs to call her sponsor". The telling is the drift (the directive rules find it);
# what is told is the person's act, not the writer reporting to a PO or deciding.
_TOLD_TO_ACT = re.compile(
    r"\b(?:told|tell|tells|telling|asked|ask|asks|asking|encouraged|encourage|encouraging|"
    r"advised|advise|urged|urge|reminded|remind|instructed|instruct|pushed|push|pressed|"
    r"prompted|prompt|coached|coach|directed|direct)\s+"
    rf"(?:him|her|them|{_NAME})\s+"
    r"(?:(?:that\s+)?(?:he|she|they)\s+(?:needs|need|has|have|had|must|should|ought|got)\s+)?"
    r"to\s+(?:(?:go|come|just|also|then|either|both|first)\s+)?$",
    re.I,
)


_WRITER_OR_ME = re.compile(r"\b(?:I|me|we|us)\b", re.I)


def telling_before(text: str, start: int, end: int) -> int | None:
    """Where "told him to" starts, when the act at ``start:end`` is what the writer tells
    the person to do (and the writer is not in the act: "asked them to read it with me")."""
    if _WRITER_OR_ME.search(text, start, end):
        return None
    before = _clause_before(text, start)
    m = _TOLD_TO_ACT.search(before)
    return start - len(before) + m.start() if m else None


# --- what the voices say --------------------------------------------------------

# The voices someone hears speaking ("the voices were loud and told him to move his tent",
# "her voices keep telling her she's a burden"): what they say is the person's experience,
# reported, not the writer telling or judging. The voices must be the subject (a verb right
# after them), and no "I" or "we" may come between them and the speaking verb, so that
# "the voices were quiet and I told him to rest" is still the writer's. What they say ends
# at the clause: a comma, "but", or the writer ("..., and she is clearly symptomatic").
_VOICES_SPEAK = re.compile(
    r"\b(?:the|his|her|their|my|your)\s+(?:\w+\s+)?voices?\s+"
    r"(?:(?:were|was|are|is|had|have|kept|keep|keeps|got|get|started|would|will|also|still|"
    r"then|again|always|sometimes|often|now|began)\b(?:(?!\b(?:I|we)\b)[^.;!?\n]){0,60}?)?"
    r"\b(?P<says>told|tells?|telling|said|says?|saying|ordered|orders?|ordering|commanded|"
    r"commands?|commanding|wanted|wants?|called|calls?|calling)\b",
    re.I,
)


_VOICES_END = re.compile(r"[,.;!?\n]|\b(?:[Bb]ut|I|[Ww]e)\b")  # the clause, until the writer speaks


# ... and in chart words ("command AH telling her to hurt herself"), where the chart word is
# itself clinical language (the span starts at the speaking verb either way)
_CHARTED_VOICES_SPEAK = re.compile(
    r"\b(?:AH|AVH|CAH|[Cc]ommand (?:AH|hallucinations?))\s+"
    r"(?P<says>told|tells?|telling|saying|says?|ordering|orders?|commanding)\b"
)


def voices_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` reporting what the voices someone hears told them: from the
    speaking verb to the end of the clause."""
    spans: list[tuple[int, int]] = []
    for pattern in (_VOICES_SPEAK, _CHARTED_VOICES_SPEAK):
        for m in pattern.finditer(text):
            stop = _VOICES_END.search(text, m.end())
            spans.append((m.start("says"), stop.start() if stop else len(text)))
    return spans

"""Note-level signals from the checklist's "peer identity vs peer drift" table (seed 003).

Passages tell a supervisor *where* a note drifts; these tell them how the note reads
as a whole: is it in the peer's own first-person voice, does it carry the person's
own words, and does it dwell on strengths or on deficits and symptoms?

They are reported only when there is evidence, never for mere absence in a short or
telegraphic note ("Left a voicemail." has no "I" and no quote, and is fine), so that
good notes stay quiet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from peerlint.authors import peer_text
from peerlint.context import find_quotes
from peerlint.findings import Finding

_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'll|I'd|me|my|we|we're|we've|us|our)\b")
_THIRD_PERSON_SELF = re.compile(
    r"\b(?:this|the) (?:writer|worker|peer specialist|staff member)\b", re.I
)
# Reported speech: the person's account, in their words or close to them.
_REPORTED = re.compile(
    r"\b(?:said|says|shared|told me|told us|asked|explained|described|wants|wanted|"
    r"decided|chose|hopes|likes|loves|talked about|mentioned|put it)\b",
    re.I,
)
_STRENGTHS = re.compile(
    r"\b(?:strengths?|proud|enjoy(?:s|ed)?|hope(?:s|ful)?|goals?|decided|chose|wants?|"
    r"plans?|good at|skills?|helped|helps|worked on|managed to|figured out|laughed|"
    r"excited|looking forward|interested|learn(?:ed|ing)?|resilien\w*|creative|"
    r"connect(?:ed|ion)|support(?:ed)? (?:me|others|a friend)|volunteer\w*)\b",
    re.I,
)
_DEFICIT_CATEGORIES = frozenset(
    {"clinical-language", "labeling", "motive-attribution", "assessment"}
)
_DEFICITS = re.compile(
    r"\b(?:symptom\w*|deficits?|impair\w*|unable|fail(?:s|ed|ing)?|poor|low functioning|"
    r"diagnos\w*|disorder|illness|barriers?|problems?)\b",
    re.I,
)
# Below this many words a note is too short for "carries the person's own words" to mean much.
MIN_WORDS_FOR_VOICE = 60


@dataclass(frozen=True)
class Signals:
    first_person: bool  # written in the peer's own voice ("I", "we")
    third_person_self: bool  # refers to the writer as "this writer" and the like
    own_words: bool  # quotes the person or reports what they said, wanted or decided
    strengths: int
    deficits: int
    words: int

    def concerns(self) -> list[str]:
        """Plain-language notes for a writer, only where the evidence is clear."""
        out: list[str] = []
        if self.third_person_self and not self.first_person:
            out.append(
                "The note is not in your own voice: write it in the first person "
                '("Dana and I met"), as a relationship between two people.'
            )
        if self.words >= MIN_WORDS_FOR_VOICE and not self.own_words:
            out.append(
                "The person's own words are missing: add what they said, wanted or decided, "
                "in their words."
            )
        if self.deficits >= 3 and self.deficits > 2 * self.strengths:
            out.append(
                f"The note dwells on deficits and symptoms ({self.deficits}) over strengths "
                f"({self.strengths}): add what went well, what helped and what the person wants."
            )
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "first_person": self.first_person,
            "own_words": self.own_words,
            "strengths": self.strengths,
            "deficits": self.deficits,
            "concerns": self.concerns(),
        }


def note_signals(text: str, findings: list[Finding]) -> Signals:
    """Signals of one note, from its text and the findings already made on it. Only
    the peer's own writing counts: not another discipline's section of a shared note."""
    text = peer_text(text)
    deficit_findings = sum(1 for f in findings if f.category in _DEFICIT_CATEGORIES)
    return Signals(
        first_person=bool(_FIRST_PERSON.search(text)),
        third_person_self=bool(_THIRD_PERSON_SELF.search(text)),
        own_words=any(q.theirs for q in find_quotes(text)) or bool(_REPORTED.search(text)),
        strengths=len(_STRENGTHS.findall(text)),
        deficits=deficit_findings + len(_DEFICITS.findall(text)),
        words=len(text.split()),
    )

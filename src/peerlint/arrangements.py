"""The writer arranging for someone else to act on the person: deciding for them.

"I'll have her mother-in-law give her the Zoloft every morning", "Will have the unit leader
reassign him", "I'm going to get his sister to check his room". Who is enlisted and what they
are to do differ every time; the shape is the writer (or a plan line) having, getting or asking
a third party to do something. An arrangement the person asked for is theirs.
"""

from __future__ import annotations

import re

from peerlint.reports import THIRD_PARTY
from peerlint.sentences import content_end, lead_length, sentences

_ENLISTS = re.compile(
    r"(?:^\s*(?:[-*•]\s*)?(?:plan:?\s*)?(?:will|going\s+to)\s+"
    r"|\b(?:I|we|peer|writer|this\s+writer)(?:'ll|\s+will|\s+am\s+going\s+to|'m\s+going\s+to|"
    r"\s+plan\s+to|\s+want\s+to|\s+need\s+to|\s+may|\s+might|\s+could)\s+(?:also\s+|then\s+|just\s+)?)"
    rf"(?:have|get|ask)\s+{THIRD_PARTY}\s+(?:to\s+)?(?!know\b)[a-z]+",
    re.IGNORECASE,
)
_THEIR_CHOICE = re.compile(
    r"\b(?:with\s+(?:his|her|their)\s+(?:ok|okay|permission|consent)|at\s+(?:his|her|their)\s+"
    r"request|as\s+(?:he|she|they)\s+asked|(?:he|she|they)\s+(?:asked|wanted|would\s+like)|"
    r"(?:his|her|their)\s+idea|if\s+(?:he|she|they)\s+(?:wants?|likes?|agrees?))\b",
    re.IGNORECASE,
)


def arrangement_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each passage where the writer enlists someone to act on the person."""
    spans: list[tuple[int, int]] = []
    for base, body in sentences(text):
        if _THEIR_CHOICE.search(body):
            continue
        enlists = _ENLISTS.search(body)
        if enlists is None:
            continue
        spans.append(
            (base + enlists.start() + lead_length(enlists.group()), base + content_end(body))
        )
    return spans

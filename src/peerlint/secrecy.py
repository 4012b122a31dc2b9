"""The writer acting behind the person's back: what the note says the person was not told.

"Called his PO to report late arrivals at work, didn't tell D", "I have asked the house manager
to search her room this week without telling her", "we agreed not to bring it up with Ingrid".
The act differs every time; the note itself says the person was kept out of it. The finding
covers the sentence, act and secrecy together (and the sentence before, when the secrecy
stands alone: "Called his PO. Didn't tell him."). What the person keeps from others is theirs
("she hasn't told her psychiatrist yet").
"""

from __future__ import annotations

import re

from peerlint.sentences import content_end, sentences

_WHO = r"(?:him|her|them|(?-i:[A-Z][a-z]*))"
_KEPT_FROM_THEM = re.compile(
    r"\b(?:(?:I|we)\s+)?(?:did\s+not|didn't|have\s+not|haven't|will\s+not|won't|"
    r"am\s+not\s+going\s+to|agreed\s+not\s+to)\s+(?:yet\s+)?"
    r"(?:tell|told|mention|mentioned|bring\s+(?:it|this|that)\s+up|brought\s+(?:it|this|that)\s+up|"
    r"inform|informed|discuss|discussed|review|reviewed|run\s+it\s+by)\b"
    r"(?:\s+(?:it|this|that|any\s+of\s+this|about\s+\w+))?\s+(?:to\s+|with\s+|w/\s*)?"
    rf"{_WHO}\b"
    r"|\bwithout\s+(?:telling|asking|informing|consulting|running\s+it\s+by|talking\s+to|"
    rf"checking\s+with|letting)\s+{_WHO}\b"
    r"|\bbehind\s+(?:his|her|their)\s+back\b"
    r"|\bbefore\s+(?:he|she|they)(?:'d|\s+had)?\s+(?:agreed|decided|said\s+yes|chosen)\b",
    re.IGNORECASE,
)
# The person keeping something from others, or the writer's own story.
_THEIRS = re.compile(
    r"\b(?:(?:he|she|they)|(?-i:[A-Z][a-z]+))\s+(?:hasn't|has\s+not|haven't|didn't|did\s+not|"
    r"doesn't|won't|wants\s+to|would\s+rather)\b"
    r"|\b(?:she|he|they)\s+(?:asked|wants|wanted)\s+(?:me\s+)?(?:not\s+)?to\b"
    r"|\bI\s+shared\s+(?:that|how|when)\b|\bmy\s+own\b|\bwhen\s+I\s+was\b|\bI\s+used\s+to\b",
    re.IGNORECASE,
)
_LEAD = re.compile(r"\s*(?:[-*•]\s*)?")


def secrecy_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in which the writer acts without the person knowing."""
    spans: list[tuple[int, int]] = []
    previous: int | None = None  # where the sentence before this one starts
    for base, body in sentences(text):
        lead = _LEAD.match(body)
        start = base + (lead.end() if lead else 0)
        kept = _KEPT_FROM_THEM.search(body)
        if kept is not None and not _THEIRS.search(body, 0, kept.end()):
            # "Called his PO. Didn't tell him.": the secrecy alone points back at the act
            alone = not body[: kept.start()].strip(" -*•\t\n")
            spans.append(
                (previous if alone and previous is not None else start, base + content_end(body))
            )
        if body.strip():
            previous = start
    return spans

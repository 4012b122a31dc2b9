"""The writer reporting the person's slips to someone else: surveillance, not support.

"I called the crew leader to let him know Ubaldo had been drinking", "Confirmed to mom that
he missed 2 sessions", "I'll give her pediatrician a heads-up that she's asking". Who is told
and how differ every time; the shape is the writer passing on to a third party something the
person did or failed to do. Sharing the person asked for, or did with them, is theirs
("with her OK I let her doctor know", "at his request I called his PO").
"""

from __future__ import annotations

import re

from peerlint.sentences import content_end, lead_length, sentences

# Someone in the person's life or care other than the writer (shared with arrangements.py).
THIRD_PARTY = (
    r"(?:(?:his|her|their|the)\s+)?(?:mom|mother|mum|dad|father|parents|sister|brother|aunt|uncle|"
    r"grandma|grandmother|wife|husband|partner|girlfriend|boyfriend|family|daughter|son|"
    r"po|p\.o\.|probation(?:\s+officer)?|parole(?:\s+officer)?|officer|judge|court|caseworker|"
    r"case\s+manager|cm|social\s+worker|sw|therapist|counselor|counsellor|psychiatrist|prescriber|"
    r"doctor|pcp|pediatrician|nurse|team|treatment\s+team|landlord|house\s+manager|"
    r"(?:crew|unit|team|shift)\s+(?:leader|lead|supervisor)|supervisor|boss|employer|manager|"
    r"advisor|professor|teacher|ra|coach|cps|dcfs|aot(?:\s+coordinator)?|coordinator|sponsor)(?:-in-law)?"
)
# The writer passing it on: "called X to let him know", "told X", "confirmed to X", "emailed X".
_PASSED_ON = re.compile(
    r"(?:^\s*(?:[-*•]\s*)?(?:plan:?\s*)?(?:will\s+)?|\b(?:I|we|peer|writer|this\s+writer)"
    r"(?:'ll|\s+will|\s+am\s+going\s+to|'m\s+going\s+to|\s+plan\s+to)?\s+(?:also\s+|then\s+)?)"
    r"(?:called|call|phoned|texted|text|emailed|email|messaged|told|tell|informed|inform|notified|"
    r"notify|updated|update|alerted|alert|warned|confirmed\s+to|confirm\s+to|reported\s+to|"
    r"report\s+to|let|gave|give|kept|keep|shared\s+with|flagged\s+(?:it\s+)?(?:to|with))\s+"
    rf"{THIRD_PARTY}\b",
    re.IGNORECASE,
)
# What is passed on: the person's slip.
_SLIP = re.compile(
    r"\b(?:(?:he|she|they|(?-i:[A-Z][a-z]+))(?:'s|'d|\s+is|\s+was|\s+has|\s+had|\s+hasn't|\s+hadn't|"
    r"\s+isn't|\s+wasn't|\s+been)?(?:\s+been)?\s+(?:drinking|using|used|relapsed|high|drunk|"
    r"missed|missing|skipped|skipping|stopped|off\s+(?:his|her|their)|not\s+(?:taking|going|"
    r"attending|showing)|no-showed|late|out\s+all\s+night|asking|positive|dirty)"
    r"|(?:last|latest|recent)\s+(?:screen|test|uds|ua)\s+(?:was\s+)?(?:positive|dirty|hot)"
    r"|if\s+(?:he|she|they)\s+(?:misses|skips|uses|drinks|relapses|doesn't|don't))\b",
    re.IGNORECASE,
)
# Sharing the person asked for or did with the writer.
_THEIR_CHOICE = re.compile(
    r"\b(?:with\s+(?:his|her|their)\s+(?:ok|okay|permission|consent|blessing)|at\s+(?:his|her|their)"
    r"\s+request|as\s+(?:he|she|they)\s+asked|(?:he|she|they)\s+(?:asked|wanted)\s+me\s+to|"
    r"together|with\s+(?:him|her|them)\s+(?:there|present|on\s+the\s+line)|(?:he|she|they)\s+"
    r"(?:told|called|texted|asked|let)|(?:his|her|their)\s+idea)\b",
    re.IGNORECASE,
)


def reporting_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each passage where the writer passes on the person's slip."""
    spans: list[tuple[int, int]] = []
    for base, body in sentences(text):
        if _THEIR_CHOICE.search(body):
            continue
        passed = _PASSED_ON.search(body)
        if passed is None or _SLIP.search(body, passed.end()) is None:
            continue
        start = passed.start() + lead_length(passed.group())
        spans.append((base + start, base + content_end(body)))
    return spans

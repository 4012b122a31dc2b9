"""A visit that was only a ride: the drive, and a line saying nothing else happened.

"Drove Jimmy Tran to his C&P exam and back. Waited in lot. No other contact." records a
driver's job, but the drive and the closing can lie further apart than a token pattern
reaches, and either alone is ordinary ("drove her to the pantry, we talked about her
garden"). Only the two together make the finding, and it lands on the drive, where the
writer has something to add.
"""

from __future__ import annotations

import re

# The note says the ride was the whole contact.
_NOTHING_ELSE = re.compile(
    r"\b(?:no (?:other|further|additional|more) (?:contact|services?|interactions?|support)"
    r"(?! (?:with|from|since|between))"
    r"|transport(?:ation)?[ -]only|rides? only"
    r"|(?:the|our|my) (?:whole|entire|only) (?:visit|contact))\b",
    re.IGNORECASE,
)
# The writer's drive: "Drove Kwame to", "Transported to court", "gave him a ride to".
_RIDE = re.compile(
    r"\b(?:drove|transported|shuttled|ferried|gave (?:\S+ ){1,3}?a (?:ride|lift))"
    r"(?= (?:\S+ ){0,4}?(?:to|from|back)\b)",
    re.IGNORECASE,
)
# Someone else at the wheel: "she drove", "her mom transported her", "who gave him a ride".
_OTHER_DRIVER = re.compile(
    r"\b(?:she|he|they|who|mom|mum|mother|dad|father|sister|brother|friend|aunt|uncle|"
    r"wife|husband|partner|cousin|staff|police|ems|ambulance)"
    r"(?: (?:also|then|just|had|has|was|were|already))? ?$",
    re.IGNORECASE,
)
# A full stop after these does not end the clause ("Baxter Q. to", "St. Brigid's").
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\b(?:St|Dr|Mr|Mrs|Ms|Mt|Jr|Sr|Ave|Rd|appt|Co))$")
_CLAUSE_END = re.compile(r"[;\n!?]|\.(?=\s|$)|, no\b", re.IGNORECASE)
# How far after the drive the closing may come and still be joined to it ("... and back.
# Waited in lot. No other contact.").
_JOIN_CHARS = 60


def ride_only_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each drive in a note that says the ride was all there was; a
    closing close behind the drive is part of the span."""
    closings = list(_NOTHING_ELSE.finditer(text))
    if not closings:
        return []
    spans = []
    for ride in _RIDE.finditer(text):
        sentence = text[text.rfind("\n", 0, ride.start()) + 1 : ride.start()]
        if _OTHER_DRIVER.search(sentence.rsplit(".", 1)[-1]):
            continue
        end = _clause_end(text, ride.end())
        after = next((c for c in closings if c.start() >= end), None)
        if after is not None and after.start() - end <= _JOIN_CHARS:
            end = after.end()
        spans.append((ride.start(), end))
    return spans


def _clause_end(text: str, start: int) -> int:
    for stop in _CLAUSE_END.finditer(text, start):
        if stop.group() == "." and _ABBREVIATION.search(text, 0, stop.start()):
            continue
        return stop.start()
    return len(text.rstrip())

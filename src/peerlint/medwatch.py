"""The writer watching a dose go down or counting the person's pills: a medication monitor's job.

"Stood by to confirm he swallowed the gabapentin", "stayed in the hallway until she took her
clonazepam", "counted the vials in his bag", "pill count on Tanya's gabapentin". Peer
specialists are not medication monitors (seed 003); the shape is a watch that lasts until a
dose is taken, or a count of the person's medicine. The person counting their own pills is
not marked, nor is anything inside the person's quoted words (the engine exempts quotes).
"""

from __future__ import annotations

import re

from peerlint.sentences import sentences

# The person, not the writer, doing it: "she counted her pills", "we sat until she took them".
_THE_PERSON_BEFORE = re.compile(r"(?<![\w'])(?:he|she|they|we)\s$", re.IGNORECASE)

# Longest first, so "pill organizer" is not cut short at "pill".
_MEDICINE = (
    r"(?:pill\s*box(?:es)?|pill\s+organi[sz]ers?|pill\s+bottles?|blister\s+packs?|bubble\s+packs?|"
    r"pills?|vials?|bottles?|tablets?|tabs|strips?|films?|meds|medications?|doses|capsules|"
    r"patches|lockbox)"
)
_WATCHED_THE_DOSE = re.compile(
    r"\b(?:stayed|waited|stood(?:\s+(?:by|there|over\s+(?:him|her|them)))?|"
    r"watched|sat|remained|hung\s+around|observed|lingered)\b[^.;\n]{0,60}?"
    r"\b(?:until|till|til|while|to\s+(?:confirm|make\s+sure|see|check|verify|ensure))\b"
    # ...and the dose going down, not a wait for one ("while she waited on her first dose")
    r"(?!\s+(?:he|she|they)\s+waited)[^.;\n]{0,40}?\b(?:took|takes|take|taking|swallow\w*|"
    r"dissolv\w*|inject\w*|(?:dose|meds?|pills?|strip|shot)\s+(?:was|were)\s+(?:given|taken|down))\b"
    # on to the end of the clause: "...till his Suboxone strip dissolved"
    r"[^.;,:!?\n]{0,40}?(?=\s*(?:[.;,:!?\n]|\s-\s|$))",
    re.IGNORECASE,
)
_COUNTED_THEIR_MEDICINE = re.compile(
    r"\b(?:count(?:ed|ing)?|recount(?:ed)?|tallied|checked|went\s+through|"
    r"inspected|looked\s+(?:in|through))(?:\s+(?:out|up|through))?\s+"
    rf"(?:his|her|their|the|[A-Z][a-z]+'s)\s+(?:[\w-]+\s+){{0,2}}{_MEDICINE}\b"
    r"|\bpill\s+counts?\s+(?:on|of|for)\b",
    re.IGNORECASE,
)


def med_watch_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each watch over a dose and each count of the person's medicine."""
    spans: list[tuple[int, int]] = []
    for base, body in sentences(text):
        for shape in (_WATCHED_THE_DOSE, _COUNTED_THEIR_MEDICINE):
            found = shape.search(body)
            while found is not None:
                start = found.start()
                # (checked here, not as a lookbehind, so the regex can skip to its verbs)
                if _THE_PERSON_BEFORE.search(body, max(0, start - 6), start):
                    found = shape.search(body, start + 1)
                    continue
                spans.append((base + start, base + found.end()))
                found = shape.search(body, found.end())
    return sorted(spans)

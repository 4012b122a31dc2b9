"""The writer guessing why the person does something: a purpose they never gave.

"I think she amplifies her pain to get the disability letter", "likely came in just for the
bus pass", "keeps asking for his PRN just to get a buzz". The words differ every time, but
the shape does not: the writer's guess ("I think", "likely", "probably"), the person doing
something, and a purpose clause ("to get", "so he doesn't have to", "for the free"). Word
lists cannot keep up with the verbs; the shape can be read with a few regular expressions.

A purpose the person states or chooses is theirs ("she said she goes to get out of the
house", "I think she'd like to go back to school to get her GED"), so the person's own goal
verbs and reported speech end the guess.
"""

from __future__ import annotations

import re

from peerlint.sentences import content_end, sentences

# The writer's guess, said out loud.
_GUESS = re.compile(
    r"\b(?:I (?:think|believe|suspect|feel like|bet|guess|get the (?:sense|feeling)(?: that)?)"
    r"|I'm (?:pretty |fairly )?sure|my (?:guess|sense|read|hunch) is(?: that)?"
    r"|(?:most |very )?likely|probably|prob|clearly|obviously|seems? like|apparently)\b",
    re.IGNORECASE,
)
# The person, then what they do ("she amplifies", "he's working", "came in").
_PERSON_ACTS = re.compile(
    r"^\s*(?:that\s+)?(?:(?:he|she|they|(?-i:[A-Z][a-z]+))(?:'s|'re|\s+(?:is|was|are|were|has|had|"
    r"keeps|kept|only|just|really|mostly|always))?\s+|(?:just|only|mostly|really)\s+)?"
    r"(?:came|comes|come|showed|shows|called|calls|went|goes|is|was|keeps|kept|"
    r"(?!(?:to|for|so|the|a|an|and|but|in|at|on|of|that|this|it|we|I|me|my)\b)\w+)\b",
    re.IGNORECASE,
)
# A purpose or gain clause: "to get", "so he doesn't have to", "for the free", "to avoid".
_PURPOSE = re.compile(
    r"\b(?:(?:just|only|mostly|mainly|really)\s+)?"
    r"(?:to\s+(?:get(?:\s+(?:out\s+of|back\s+at|away\s+with|a\s+rise))?|avoid|escape|dodge|"
    r"stay\s+(?:home|out|on|off)|keep\s+(?:staff|me|us|everyone|people|the\s+\w+)|look|"
    r"score|win|manipulate|punish|test)"
    r"|so\s+(?:that\s+)?(?:he|she|they)\s+(?:can|could|doesn't|don't|won't|wouldn't|does\s+not|"
    r"do\s+not|will\s+not|gets|get)"
    r"|in\s+order\s+to|as\s+a\s+way\s+to|is\s+a\s+way\s+to"
    r"|for\s+(?:the\s+)?(?:free|attention|sympathy|reassurance|drama|benefits|check|money|"
    r"meds|pills|benzos|script|scripts|drugs|perks)"
    r"|why\s+(?:he|she|they)\s+(?:came|comes|called|calls|showed\s+up))\b",
    re.IGNORECASE,
)
# Without a stated guess, only a purpose that is plainly a put-down is a guess at motive.
_PLAIN_SNEER = re.compile(
    r"\b(?:(?:just|only|mostly)\s+(?:(?:there|here|in)\s+)?for\s+the\s+free\s+\w+"
    r"|(?:there|here|came|comes|shows\s+up|showed\s+up)\s+(?:in\s+)?(?:just|only|mostly)\s+for\s+"
    r"(?:the\s+)?\w+(?:\s+\w+)?"
    r"|just\s+to\s+get\s+(?:a\s+buzz|high|loaded|out\s+of)\b[^.;!?\n]*"
    r"|to\s+get\s+back\s+at\s+\w+"
    r"|(?:is|was)\s+a\s+way\s+to\s+keep\s+\w+(?:\s+\w+)?)",
    re.IGNORECASE,
)
# The person's own goal or account: theirs to give ("she wants to ... to get", "she said").
_THEIR_OWN = re.compile(
    r"\b(?:want|wants|wanted|would\s+like|'d\s+like|hopes?|hoped|hoping|plans?|planned|planning|"
    r"decided|chose|chooses|saving|saves|saved|needs?\s+to|goal|"
    r"said|says|told\s+me|tells\s+me|shared|explained|mentioned|asked|put\s+it|in\s+(?:his|her|their)\s+words)\b",
    re.IGNORECASE,
)
_WRITER_SUBJECT = re.compile(r"^\s*(?:that\s+)?(?:I|we|I'm|I've|I'll|we're|my|our)\b")


def imputed_motive_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each passage where the writer guesses the person's purpose."""
    spans: list[tuple[int, int]] = []
    for base, body in sentences(text):
        found = _guessed(body) or _sneered(body)
        if found:
            spans.append((base + found[0], base + found[1]))
    return spans


def _guessed(body: str) -> tuple[int, int] | None:
    for guess in _GUESS.finditer(body):
        rest = body[guess.end() :]
        if _WRITER_SUBJECT.match(rest) or not _PERSON_ACTS.match(rest):
            continue
        purpose = _PURPOSE.search(rest)
        if purpose is None or _THEIR_OWN.search(rest, 0, purpose.start()):
            continue
        return guess.start(), content_end(body)
    return None


def _sneered(body: str) -> tuple[int, int] | None:
    sneer = _PLAIN_SNEER.search(body)
    if sneer is None or _THEIR_OWN.search(body, 0, sneer.start()):
        return None
    if _WRITER_SUBJECT.match(body) or re.search(r"\b(?:I|we)\b", body[: sneer.start()]):
        return None
    return sneer.start(), sneer.end()

"""The writer laying down a rule or a consequence: telling the person what they must do.

"I let him know he'll be dead by summer if he doesn't go to detox", "I reminded her that the
judge expects her at every single group", "peer told her the line is for real emergencies
only". The telling verb is ordinary and the content is different every time; what makes it
a directive is that the writer tells the person a requirement, a limit or a threat. A token
pattern would need one rule per wording, so this reads the shape: the writer telling the
person, then within the same sentence a requirement about the person.

What the writer offers is not a requirement ("she doesn't have to decide today", "he can
call me any time"), and neither is the writer's own obligation ("I told him I have to leave").
"""

from __future__ import annotations

import re

from peerlint.sentences import content_end, sentences

_PERSON = r"(?:him|her|them|(?-i:[A-Z][a-z]+))"
# The writer telling the person: "I told him", "let her know", "peer reminded them",
# "made it clear", "spelled out", "laid it out for him", "gave her the hard truth".
_TELLING = re.compile(
    r"(?:^|\b(?:I|we|peer|writer|this\s+writer|(?-i:Coach))\s+|^\s*(?:[-*•]\s*)?)"
    rf"(?:(?:also|then|again|just|firmly|gently|clearly|strongly)\s+)?"
    rf"(?:told|tell|reminded|remind|warned|let\s+{_PERSON}\s+know|informed|explained\s+to\s+{_PERSON}|"
    r"explained|made\s+(?:it\s+)?(?:clear|sure\s+(?:he|she|they)\s+understood)|"
    rf"spelled\s+(?:it\s+)?out(?:\s+for\s+{_PERSON})?|laid\s+(?:it\s+)?out(?:\s+for\s+{_PERSON})?|"
    r"gave\s+(?:him|her|them)\s+the\s+(?:hard\s+)?truth|stressed|emphasized|emphasised)\b",
    re.IGNORECASE,
)
_TOLD_WHOM = re.compile(rf"^\s*(?:{_PERSON}\s+)?(?:that\s+)?", re.IGNORECASE)
# A requirement, limit or threat about the person.
_REQUIREMENT = re.compile(
    r"\b(?:(?:he|she|they|you|u)\s+(?:has|have|had|needs?|needed|must|is\s+required|are\s+required|"
    r"is\s+expected|are\s+expected|got)\s+to"
    r"|(?:he|she|they|you|u)(?:\s+must|\s+should|'d\s+better|\s+had\s+better|\s+better)\s+"
    r"(?!(?:feel|know|have\s+been)\b)(?!be\s+(?:proud|so|really|very|tired|exhausted|relieved|"
    r"happy|glad|scared|worried|hard)\b)\w+"
    r"|(?:he|she|they|you|u)(?:'ll|\s+will|\s+would|'d)\s+(?:be\s+)?(?:dead|lose|end\s+up|get\s+"
    r"(?:kicked|discharged|violated|sanctioned|evicted))"
    r"|if\s+(?:he|she|they|you|u)\s+(?:doesn't|don't|does\s+not|do\s+not|won't|can't|keeps?|misses?|"
    r"skips?|uses?|fails?)\b"
    r"|(?:won't|will\s+not|can't|cannot)\s+\w+(?:\s+\w+){0,5}\s+unless"
    r"|(?:he|she|they|you|u)\s+(?:can't|cannot|can\s+not)\s+(?!help\b)\w+"
    r"|expects\s+(?:him|her|them)\s+(?:at|to)"
    r"|(?:is|are)\s+(?:not\s+optional|mandatory|required|non-negotiable)"
    r"|(?:is|are)\s+(?:only\s+)?for\s+(?:real\s+)?\w+\s+only|only\s+for\s+\w+\s+who"
    r"|one\s+(?:slip|use|drink|strike)\s+(?:means|and)"
    r"|no\s+matter\s+what|every\s+single"
    r"|(?:it's|it\s+is)\s+(?:important|essential|critical|vital)\s+(?:that\s+)?(?:he|she|they))\b",
    re.IGNORECASE,
)
# An offer or permission is not a requirement, nor is what someone else requires of the writer.
_NOT_REQUIRED = re.compile(
    r"\b(?:doesn't|don't|does\s+not|do\s+not|didn't|won't)\s+(?:have|need)\s+to"
    r"|\b(?:only\s+if|whenever|if\s+(?:he|she|they)\s+(?:wants?|likes?|chooses?|decides?))\b",
    re.IGNORECASE,
)
_WRITER_CONTENT = re.compile(r"^\s*(?:him|her|them\s+)?(?:that\s+)?(?:I|we|my|our)\b")
_WRITER_IN_CONTENT = re.compile(r"\b(?:I|I'm|I've|I'd|we|we're)\b")


def ruling_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each passage where the writer tells the person a requirement."""
    spans: list[tuple[int, int]] = []
    for base, body in sentences(text):
        for telling in _TELLING.finditer(body):
            rest = body[telling.end() :]
            if _WRITER_CONTENT.match(rest):
                continue
            requirement = _REQUIREMENT.search(rest)
            if requirement is None or _NOT_REQUIRED.search(rest, 0, requirement.end() + 20):
                continue
            if _WRITER_IN_CONTENT.search(rest, 0, requirement.start()):
                continue  # the writer's own story: "I told him when I got out I was nervous"
            start = telling.start() + len(telling.group()) - len(telling.group().lstrip(" -*•"))
            spans.append((base + start, base + content_end(body)))
            break
    return spans

"""The writer running the person's affairs for them: deciding for them.

"Cancelled his Fri interview", "dropped her from Statistics", "moved him back to the clerical
unit", "made Pilar's psychiatry appt", "mapped out her whole study schedule for her". The
verbs and objects differ every time; the shape is the writer (or a chart line with the writer
left out) booking, cancelling, enrolling, moving or planning something that is the person's to
decide. When the sentence or the one before it says the person asked, chose or agreed, the act
is theirs and is not marked.
"""

from __future__ import annotations

import re

from peerlint.sentences import content_end, lead_length, sentences

# Who acts: the writer, or nobody named at the start of a sentence, bullet or " - " item.
_HEDGE = r"(?:(?:already|also|just|then|quickly|simply|finally|went\s+ahead\s+and)\s+)*"
_WRITER = (
    r"(?:(?<![\w'])(?:I|I've|I'd|this\s+writer|writer|peer|PSS)\s+"
    r"(?:(?:already|also|just|then|quickly|simply|finally|have|had|went\s+ahead\s+and|"
    r"took\s+it\s+upon\s+myself\s+to|decided\s+to)\s+)*"
    rf"|^\s*(?:[-*•]\s*)?(?:plan:?\s*)?{_HEDGE}|(?:\s[-+&]|,)\s+{_HEDGE})"
)
_HIM = r"(?:him|her|them)"
_HIS = r"(?:his|her|their|[A-Z][a-z]+'s)(?!\s+own\b)"
_BOOKING = (
    r"(?:appt|appointment|interview|intake|visit|session|class(?:es)?|shift|hours|dose|bed|"
    r"plan|schedule|court\s+date|hearing|meeting|group)s?\b"
)
_ACTS = (
    # signed him up for, put her down for, booked them into
    r"(?:signed|enrolled|registered|booked|scheduled|rescheduled|slotted|pencill?ed|put|set)"
    rf"\s+{_HIM}\s+(?:up\s+|down\s+|in\s+)?(?:for|in|into|on|onto)\b(?!\s+notice\b)"
    # cancelled his interview, made Pilar's appt
    r"|(?:cancell?ed|rescheduled|moved|switched|changed|booked|scheduled|made|set\s+up|pushed|"
    rf"postponed|called\s+off)\s+{_HIS}\s+(?:[\w/-]+\s+){{0,3}}?{_BOOKING}"
    # dropped her from Statistics, took him off the list
    r"|(?:dropped|withdrew|pulled|removed|took|unenrolled|disenrolled)"
    rf"\s+{_HIM}\s+(?:off\s+(?:of\s+)?(?:the|his|her|their|a)\b|out\s+of|from)\s"
    # moved him back to the clerical unit
    rf"|(?:moved|transferred|switched|reassigned|bumped|placed)\s+{_HIM}\s+(?:back\s+)?"
    r"(?:to|into|onto|down\s+to|up\s+to)\b"
    # reserved a bed at Harbor House for her
    r"|(?:reserved|held|booked|grabbed|claimed)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}"
    rf"(?:bed|slot|spot|seat|room|place)\b(?:\s+[\w.']+){{0,4}}\s+for\s+{_HIM}\b"
    rf"|put\s+{_HIS}\s+name\s+(?:down|on)\b"
    # emailed her professor to request an incomplete on her behalf
    # (filling in their forms is the case manager's job: role-drift's doing-for)
    r"|(?:emailed|e-mailed|called|phoned|texted|wrote\s+to|contacted|messaged)\s+[^,.;]{1,60}?"
    r"\s+on\s+(?:his|her|their)\s+behalf\b"
    # mapped out her whole study schedule for her
    r"|(?:mapped\s+out|planned\s+out|planned|wrote\s+out|picked\s+out|chose)"
    rf"\s+{_HIS}\s+(?:[\w-]+\s+){{0,3}}[\w-]+\s+for\s+{_HIM}\b"
)
_RUNS_THEIR_AFFAIRS = re.compile(_WRITER + "(?:" + _ACTS + ")", re.IGNORECASE)
# Every act above opens with one of these words: a sentence without one is skipped cheaply.
_ACT_WORD = re.compile(
    r"\b(?:signed|enrolled|registered|booked|scheduled|rescheduled|slotted|pencill?ed|put|set|"
    r"cancell?ed|moved|switched|changed|made|pushed|postponed|called|dropped|withdrew|pulled|"
    r"removed|took|unenrolled|disenrolled|transferred|reassigned|bumped|placed|reserved|held|"
    r"grabbed|claimed|emailed|e-mailed|phoned|texted|wrote|contacted|messaged|mapped|planned|"
    r"picked|chose)\b",
    re.IGNORECASE,
)
_THEIR_CHOICE = re.compile(
    r"\b(?:(?:he|she|they|[A-Z][a-z]+)\s+(?:had\s+|has\s+|have\s+)?(?:asked|wanted|requested|"
    r"chose|decided|agreed|picked|said\s+(?:yes|ok|okay|sure))"
    r"|at\s+(?:his|her|their)\s+(?:own\s+)?request|together|we\s+both"
    r"|(?:his|her|their)\s+(?:own\s+)?(?:idea|choice|call|ok|okay|permission|consent|blessing)"
    r"|if\s+(?:he|she|they)\s+(?:wants?|likes?|decides?)|(?:he|she|they)(?:\s+would|'d)\s+like)",
    re.IGNORECASE,
)
# The act ends where the next clause begins: "booked her into group and told her to go".
_CLAUSE_END = re.compile(r"\s+[-+&]\s|,|\s+(?:and|but|so|because|since|then)\s")


def affair_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each act in which the writer runs the person's affairs for them."""
    spans: list[tuple[int, int]] = []
    previous = ""
    for base, body in sentences(text):
        before, previous = previous, body
        if not _ACT_WORD.search(body):
            continue
        if _THEIR_CHOICE.search(body) or _THEIR_CHOICE.search(before):
            continue
        for act in _RUNS_THEIR_AFFAIRS.finditer(body):
            passage = act.group()
            start = act.start() + len(passage) - len(passage.lstrip(" -+&*•\t\n,"))
            start += lead_length(body[start:])
            clause_end = _CLAUSE_END.search(body, act.end())
            end = clause_end.start() if clause_end else content_end(body)
            spans.append((base + start, base + end))
    return spans

"""Sentences of a note, for the detectors that read a passage's shape with regular expressions.

A sentence ends at a full stop, semicolon, question or exclamation mark, or at a line break
that opens a new item (a bullet or a capital); a line broken mid-phrase carries on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_SENTENCE = re.compile(r"[^.;!?\n]+(?:\n(?![ \t]*(?:[-*•]|[A-Z]))[^.;!?\n]+)*")


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of each sentence of ``text``."""
    for m in _SENTENCE.finditer(text):
        yield m.start(), m.group()


def content_end(sentence: str) -> int:
    """Where a sentence's words end, before trailing spaces, commas and closing brackets."""
    return len(sentence.rstrip(" ,:\t\n)"))


_LEAD = re.compile(r"\s*(?:[-*•]\s*)?(?:plan:?\s*)?", re.IGNORECASE)


def lead_length(passage: str) -> int:
    """How many characters of bullet and "Plan:" open ``passage``: they are not the act."""
    lead = _LEAD.match(passage)
    return lead.end() if lead else 0

"""Sections of a shared note that another discipline wrote.

Some EHRs export one note per encounter with a section per author:

    CLINICIAN (R. Dumont, LICSW): Pt is a 34 y/o male admitted 3/2 ...
    PEER (J. Amaral, CPS): Met with Yusuf after team meeting ...

The clinician's section is clinical by design and is not the peer's to rewrite, so
no rule applies to it, as with other people's quoted words. A note counts as shared
only when it labels both a peer's section and another discipline's: in a peer's own
note, "RN: said he slept well" is still the peer writing.
"""

from __future__ import annotations

import re

# A section label opens a line: "CLINICIAN (M. Okafor, RN):", "Nursing note:", "PEER:".
# Not a clock time ("CHECK-IN 10:15") and not reported speech ("Per RN:", "Spoke w/ MD:").
_LABEL = re.compile(
    r"^[ \t]*(?:[-*•][ \t]*)?(?!(?:per|according|spoke|talked|called|met|asked|told|from|via|"
    r"with|w/|re|discussed|update)\b)(?P<label>[A-Za-z][^:\n]{0,60}?(?<![\d\s])):(?!\d)",
    re.M | re.I,
)
_PEER = re.compile(
    r"\b(?:peer|cps|cpss|pss|cprs|crps|prss|rcs|cpc|cpsw|cpra|bridger|"
    r"recovery (?:coach|support|specialist))\b",
    re.I,
)
# Credentials are matched in capitals only ("MD", not "md" in a sentence); roles in any case.
_OTHER = re.compile(
    r"\b(?-i:MD|RN|LPN|LVN|NP|APRN|PA-C|LCSW|LICSW|LMSW|LSW|MSW|LMHC|LPC|LPCC|LMFT|MFT|PhD|"
    r"PsyD|LADC|LCADC|LCDC|CADC|OTR)\b"
    r"|\b(?:clinician|psychiatr(?:ist|y|ic)|psychologist|nurs(?:e|ing)|therapist|"
    r"social work(?:er)?|case manag(?:er|ement)|counsell?or|physician|prescriber|doctor|"
    r"attending)\b",
    re.I,
)


def other_author_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` under another discipline's section label, in a note that also
    has a peer's section; each runs to the next section label or the end of the note."""
    labels = []
    for m in _LABEL.finditer(text):
        label = m.group("label")
        if _PEER.search(label):
            labels.append((m.start(), True))
        elif _OTHER.search(label):
            labels.append((m.start(), False))
    if not any(peer for _, peer in labels) or all(peer for _, peer in labels):
        return []
    ends = [start for start, _ in labels[1:]] + [len(text)]
    return [(start, end) for (start, peer), end in zip(labels, ends, strict=True) if not peer]


def peer_text(text: str) -> str:
    """``text`` with other authors' sections blanked (same length, same offsets)."""
    for start, end in other_author_spans(text):
        text = text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]
    return text

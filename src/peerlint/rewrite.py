"""`peerlint check --rewrite`: a first draft toward a peer-centric note.

Safe swaps are applied ("this writer" -> "I"); every other finding becomes a bracketed
prompt for the writer, built from the rule's first suggestion, so the draft reads as the
next step toward Deegan's preferred note rather than a finished text: only the writer
knows what the person actually said and did.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from peerlint.findings import Finding

_CAPITALISED = re.compile(r"\b[A-Z][a-z]{1,20}\b")
# Capitalised words that are not a person's name.
_NOT_NAMES = frozenset(
    """I A An And As At But By For From He Her His If In It Its My No Not Of On Or Our She So
    The Their Then There They This To We When While With You After Before During Today
    Tomorrow Yesterday Next Last Team Staff Peer Client Patient Pt Dr Mr Mrs Ms Nurse Writer
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Visit Met Called Phone Plan Notes
    Note Discussed Will Also Later Afterward Afterwards Instead""".split()
)


def guess_name(text: str) -> str | None:
    """The person's name as the note most often writes it, if it names anyone."""
    words: list[str] = _CAPITALISED.findall(text)
    counts = Counter(w for w in words if w not in _NOT_NAMES)
    return counts.most_common(1)[0][0] if counts else None


def _prompt(finding: Finding, name: str | None) -> str:
    suggestion = finding.suggestions[0] if finding.suggestions else finding.message
    if name:
        suggestion = suggestion.replace("{name}", name)
    return f"[{finding.text} -> {suggestion}]"


def draft(text: str, findings: Sequence[Finding], name: str | None = None) -> str:
    """The note with safe swaps applied and other findings as bracketed prompts."""
    name = name or guess_name(text)
    out: list[str] = []
    last = 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start < last:  # overlapping findings were resolved already; be safe
            continue
        out.append(text[last : f.start])
        if f.fix is not None and f.fix.safe:
            out.append(f.fix.replacement)
        else:
            out.append(_prompt(f, name))
        last = f.end
    out.append(text[last:])
    return "".join(out)

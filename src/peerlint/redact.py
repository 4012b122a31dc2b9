"""``--redact``: stable pseudonyms for staff and people, and note text masked around findings.

No trained model is available (DESIGN.md), so person names are found by a heuristic that
errs towards hiding. A capitalised word is taken for a name

* mid-sentence, unless it is a weekday, month, holiday, language or title that is always
  capitalised, or an acronym (all capitals);
* at the start of a sentence, unless it is a common English or note-writing word (the
  lists below, plus every word of the rule packs);
* always after a title ("Dr. Young").

Over-hiding ("Person 4 met us at the park") is acceptable; showing a name is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Capitalised anywhere, yet not names.
_ALWAYS_CAPITALISED = frozenset(
    """
    i i'm i've i'll i'd monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    mr mrs ms mx dr miss god christmas easter thanksgiving halloween english spanish
    medicaid medicare
    """.split()
)
# Common words that start sentences in notes.
_COMMON = _ALWAYS_CAPITALISED | frozenset(
    """
    a about after again all also an and any are as at be because been before being both but
    by can could did do does during each few for from had has have he her here hers him his
    how if in into is it its just me more most my no nor not now of off on once only or
    other our out over own same she should so some such than that the their them then there
    these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yes ok okay per
    today tomorrow yesterday tonight morning afternoon evening weekend week month year later
    next last first then afterward afterwards finally overall also however still
    team staff writer peer peers client clients patient pt member participant consumer
    individual resident guest person people group session note visit meeting call plan goal
    family mother father mom dad sister brother son daughter wife husband partner friend
    doctor nurse therapist counselor psychiatrist prescriber provider manager landlord
    we us met spoke talked discussed went walked called attended arrived left said says
    stated reported reports told asked shared agreed decided chose wants wanted will would
    assessed encouraged educated reminded redirected provided reviewed appeared presents
    presented denies denied admits admitted refused declined claims claimed seemed
    continue continued follow followed writer's both together
    """.split()
)
_WORD = re.compile(r"[A-Z][a-z]+(?:['’][a-z]+)?(?:-[A-Z][a-z]+)?|[A-Z][a-z]*[A-Z][a-z]+")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n\s*|[\"“(]\s*)$")
_TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Dr|Miss)\.?\s+$")


def _base(word: str) -> str:
    return re.sub(r"['’]s$", "", word)


def find_names(text: str, vocabulary: Iterable[str] = ()) -> set[str]:
    """Words of ``text`` that may be person names (see the module docstring);
    ``vocabulary`` adds lower-case words that are not names at a sentence start."""
    common = _COMMON | {w.lower() for w in vocabulary}
    names: set[str] = set()
    for match in _WORD.finditer(text):
        word = _base(match.group())
        lower = word.lower()
        if lower in _ALWAYS_CAPITALISED:
            continue
        if _TITLE.search(text[max(0, match.start() - 8) : match.start()]):
            names.add(word)
        elif _SENTENCE_START.search(text[max(0, match.start() - 3) : match.start()]):
            if lower not in common:
                names.add(word)
        else:
            names.add(word)
    return names


class Pseudonyms:
    """Stable pseudonyms for one report: the same name always gets the same number, in
    order of first appearance (the scan order, which is deterministic)."""

    def __init__(self) -> None:
        self._staff: dict[str, str] = {}
        self._people: dict[str, str] = {}
        self._staff_parts: dict[str, str] = {}

    def staff(self, author: str | None) -> str | None:
        """``Staff N`` for an author (None stays None)."""
        if author is None:
            return None
        alias = self._staff.get(author)
        if alias is None:
            alias = self._staff[author] = f"Staff {len(self._staff) + 1}"
            for part in re.split(r"[\s,.;]+", author):
                if len(part) > 1 and part[:1].isupper():
                    self._staff_parts.setdefault(part, alias)
        return alias

    def person(self, name: str) -> str:
        """``Person N`` for a name in note text (``Staff N`` when it is a staff member's)."""
        if name in self._staff_parts:
            return self._staff_parts[name]
        alias = self._people.get(name)
        if alias is None:
            alias = self._people[name] = f"Person {len(self._people) + 1}"
        return alias

    def replace_names(self, text: str, names: Iterable[str]) -> str:
        """``text`` with every listed name (and staff name part) replaced by its pseudonym."""
        known = set(names) | set(self._staff_parts)
        if not known:
            return text
        pattern = re.compile(
            r"\b(" + "|".join(re.escape(n) for n in sorted(known, key=len, reverse=True)) + r")\b"
        )
        return pattern.sub(lambda m: self.person(m.group(1)), text)


def few_words(text: str, count: int, from_end: bool) -> tuple[str, bool]:
    """The first (or last) ``count`` words of ``text`` on the same line, and whether
    anything was cut off."""
    if from_end:
        line_cut = text.rfind("\n")
        piece = text[line_cut + 1 :]
        words = re.findall(r"\S+\s*", piece)
        kept = "".join(words[-count:]) if count else ""
        return kept, line_cut >= 0 or len(words) > count
    line_cut = text.find("\n")
    piece = text if line_cut < 0 else text[:line_cut]
    words = re.findall(r"\s*\S+", piece)
    kept = "".join(words[:count])
    return kept, line_cut >= 0 or len(words) > count

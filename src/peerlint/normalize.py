"""Text normalisation shared by rule compilation and matching.

Two jobs, both pure Python so that commands that do not lint never load spaCy:

* ``word_key`` maps every regular inflection of a word to one key ("lacks",
  "lacked", "lacking" -> "lack"). The engine installs it as the vocabulary's
  NORM getter, so it runs once per distinct word rather than once per token,
  and rule terms are keyed the same way. Derivations ("decompensation") are
  deliberately *not* conflated: rule authors list them, which keeps ordinary
  words from colliding.
* ``fold_whitespace`` collapses line breaks and runs of spaces so a phrase
  broken across lines still matches, with a map back to the original offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

# Irregular forms that matter in notes; everything else is handled by the
# suffix rules below (a conservative form of Porter's steps 1 and 5).
_IRREGULAR = {
    "told": "tell",
    "said": "say",
    "says": "say",
    "gave": "give",
    "given": "give",
    "took": "take",
    "taken": "take",
    "went": "go",
    "gone": "go",
    "goes": "go",
    "made": "make",
    "thought": "think",
    "felt": "feel",
    "kept": "keep",
    "brought": "bring",
    "sent": "send",
    "ran": "run",
    "drove": "drive",
    "driven": "drive",
    "spoke": "speak",
    "spoken": "speak",
    "taught": "teach",
    "bought": "buy",
    "paid": "pay",
    "found": "find",
    "saw": "see",
    "seen": "see",
    "did": "do",
    "done": "do",
    "does": "do",
    "has": "have",
    "had": "have",
    "is": "be",
    "are": "be",
    "was": "be",
    "were": "be",
    "been": "be",
    "being": "be",
    "am": "be",
    "got": "get",
    "gotten": "get",
    "wrote": "write",
    "written": "write",
    "held": "hold",
    "met": "meet",
    "sat": "sit",
    "stood": "stand",
    "knew": "know",
    "known": "know",
    "began": "begin",
    "begun": "begin",
    "forgot": "forget",
    "forgotten": "forget",
    "understood": "understand",
    "fell": "fall",
    "fallen": "fall",
    "led": "lead",
    "added": "add",
    "adding": "add",
    "laid": "lay",
    "came": "come",
    "blew": "blow",
    "blown": "blow",
    "threw": "throw",
    "thrown": "throw",
    "lost": "lose",
    "won": "win",
    "chose": "choose",
    "chosen": "choose",
    "broke": "break",
    "broken": "break",
    "caught": "catch",
    "fought": "fight",
    "stole": "steal",
    "stolen": "steal",
    "hid": "hide",
    "hidden": "hide",
    "ate": "eat",
    "eaten": "eat",
    "drank": "drink",
    "swore": "swear",
    "sworn": "swear",
    "woke": "wake",
    "sold": "sell",
    "spent": "spend",
    "slept": "sleep",
    "shook": "shake",
    "shaken": "shake",
    "tore": "tear",
    "torn": "tear",
    "wore": "wear",
    "worn": "wear",
    "withheld": "withhold",
    "overdid": "overdo",
    "overrode": "override",
    "overridden": "override",
    "children": "child",
    "women": "woman",
    "men": "man",
    "people": "person",
}

_VOWELS = frozenset("aeiou")


def _is_consonant(word: str, i: int) -> bool:
    ch = word[i]
    if ch in _VOWELS:
        return False
    if ch == "y":
        return i == 0 or not _is_consonant(word, i - 1)
    return True


def _measure(stem: str) -> int:
    """Porter's m: the number of vowel-consonant sequences in ``stem``."""
    m = 0
    prev_vowel = False
    for i in range(len(stem)):
        vowel = not _is_consonant(stem, i)
        if prev_vowel and not vowel:
            m += 1
        prev_vowel = vowel
    return m


def _has_vowel(stem: str) -> bool:
    return any(not _is_consonant(stem, i) for i in range(len(stem)))


def _ends_cvc(word: str) -> bool:
    if len(word) < 3:
        return False
    return (
        _is_consonant(word, len(word) - 3)
        and not _is_consonant(word, len(word) - 2)
        and _is_consonant(word, len(word) - 1)
        and word[-1] not in "wxy"
    )


def _ends_double_consonant(word: str) -> bool:
    return len(word) >= 2 and word[-1] == word[-2] and _is_consonant(word, len(word) - 1)


def _strip_inflection(word: str) -> str:
    # Step 1a: plurals and third person.
    if word.endswith("sses") or (word.endswith("ies") and len(word) > 4):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    # Step 1b: past tense and participles.
    if word.endswith("eed"):
        if _measure(word[:-3]) > 0:
            word = word[:-1]
    else:
        for suffix in ("ed", "ing"):
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and len(stem) >= 2 and _has_vowel(stem):
                word = stem
                if word.endswith(("at", "bl", "iz")):
                    word += "e"
                elif _ends_double_consonant(word) and word[-1] not in "lszf":  # staff(ed)
                    word = word[:-1]
                elif _measure(word) == 1 and _ends_cvc(word):
                    word += "e"
                break
    # Step 1c: a final y after a consonant becomes i ("denies", "deny" -> "deni").
    if word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
        word = word[:-1] + "i"
    # Step 5: a silent final e and a final double l.
    if word.endswith("e"):
        m = _measure(word[:-1])
        if m > 1 or (m == 1 and not _ends_cvc(word[:-1])):
            word = word[:-1]
    if word.endswith("ll") and _measure(word) > 1:
        word = word[:-1]
    return word


# British and Australian -ise/-yse spellings key like -ize/-yze ("minimised", "analyse").
# Both sides of a match are keyed, so this only joins words that differ by that letter.
_BRITISH = re.compile(r"(?<=[a-z]{2})([iy])s(e|ed|es|ing|ation|ations|er|ers)$")


@lru_cache(maxsize=1 << 16)  # rule compilation asks for the same few thousand words often
def word_key(text: str) -> str:
    """Return the matching key of one token: lowercase, with inflection removed."""
    word = text.lower().replace("’", "'")
    irregular = _IRREGULAR.get(word)
    if irregular is not None:
        word = irregular
    if len(word) < 3 or not word.isalpha():
        return word
    return _strip_inflection(_BRITISH.sub(r"\1z\2", word))


_HYPHENATED = re.compile(r"(?<=\w)-(?=\w)")


def spelling_variants(term: str) -> list[str]:
    """Hyphen and spacing variants of a term: ``non-compliant`` also matches
    ``non compliant`` and ``noncompliant``. Terms without hyphens are returned as is."""
    if not _HYPHENATED.search(term):
        return [term]
    return [term, _HYPHENATED.sub(" ", term), _HYPHENATED.sub("", term)]


# Every whitespace character becomes a plain space first (same length, so no
# offsets move); only runs of two or more spaces then need the offset map. Runs
# that held two or more line breaks are paragraph breaks and become a newline,
# a barrier that phrases cannot cross.
_TO_SPACE = {ord(c): " " for c in "\t\n\r\f\v\u00a0\u2028\u2029"}
_SPACE_RUN = re.compile("  +")


@dataclass(frozen=True)
class FoldedText:
    """Text with whitespace runs collapsed, and the way back to original offsets."""

    text: str
    _folded_starts: tuple[int, ...] = ()
    _shifts: tuple[int, ...] = ()

    def original_offset(self, offset: int) -> int:
        """Map an offset in the folded text back to the original text."""
        k = bisect_left(self._folded_starts, offset)
        return offset + (self._shifts[k - 1] if k else 0)


def fold_whitespace(text: str) -> FoldedText:
    """Collapse whitespace so that ``lacks\\n   insight`` reads ``lacks insight``."""
    spaced = text.translate(_TO_SPACE)
    if "  " not in spaced:
        return FoldedText(spaced)
    parts: list[str] = []
    starts: list[int] = []
    shifts: list[int] = []
    shift = 0
    last = 0
    for m in _SPACE_RUN.finditer(spaced):
        start, end = m.span()
        parts.append(spaced[last:start])
        parts.append("\n" if text.count("\n", start, end) >= 2 else " ")
        starts.append(start - shift)
        shift += end - start - 1
        shifts.append(shift)
        last = end
    parts.append(spaced[last:])
    return FoldedText("".join(parts), tuple(starts), tuple(shifts))

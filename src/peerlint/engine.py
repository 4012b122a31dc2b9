"""The matching engine: rule packs compiled into spaCy matchers, text into findings.

Design, from the costs measured in DESIGN.md:

* No ``Language`` object and no trained model. A ``Vocab`` and a ``Tokenizer``
  with compact punctuation rules build in milliseconds (``spacy.blank("en")``
  spends ~0.4 s on 1,300 special cases and huge Unicode regexes we do not need).
* Every term and phrase goes through one ``PhraseMatcher`` on ``NORM``, where
  NORM is :func:`peerlint.normalize.word_key`, installed as the vocabulary's
  getter so it runs once per distinct word: inflections cost nothing per token.
* Token patterns (constructions with operators) are *anchored*: the rarest
  required word of each pattern goes into the PhraseMatcher, and the pattern's
  own ``Matcher`` only runs in a small window around those hits. The token
  Matcher's ~95 ns per pattern per token therefore never scales with the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.attrs import NORM
from spacy.lang.lex_attrs import LEX_ATTRS
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

from peerlint.categories import level_rank
from peerlint.context import find_quotes, is_scare_quote, speech_spans
from peerlint.findings import Finding, Fix
from peerlint.normalize import fold_whitespace, spelling_variants, word_key
from peerlint.rules import Rule, RulePackError, TokenPattern

_PREFIX = re.compile(r"""^[\(\[\{"'“”‘’«<*•·#~>\-–—]""")
_SUFFIX = re.compile(r"""(?:[\)\]\}"'“”‘’»>,.;:!?…%*\-–—]|'s|’s|'S|’S|n't|n’t)$""")
_INFIX = re.compile(
    r"""[/\\()\[\]+=&]|(?<=[A-Za-z])[-–—](?=[A-Za-z])|--+|—|–|\.\.+|…|(?<=[a-z])[.,:;!?](?=[A-Za-z])"""
)
# The longest stretch of a note handled as one document. Notes are short; this
# only bounds memory when someone checks a huge concatenated file.
CHUNK_CHARS = 200_000
# How far (in tokens) a token pattern may reach from its anchor.
WINDOW = 16


def make_tokenizer() -> Tokenizer:
    """A tokenizer whose vocabulary keys every word by :func:`word_key`."""
    vocab = Vocab(lex_attr_getters={**LEX_ATTRS, NORM: word_key})
    return Tokenizer(
        vocab,
        rules={},
        prefix_search=_PREFIX.search,
        suffix_search=_SUFFIX.search,
        infix_finditer=_INFIX.finditer,
    )


def _word_spec(value: Any) -> Any:
    if isinstance(value, str):
        return word_key(value)
    if isinstance(value, dict):
        return {
            k: [word_key(v) for v in vs] if isinstance(vs, list) else vs for k, vs in value.items()
        }
    return value


def _compile_pattern(pattern: TokenPattern) -> list[dict[str, Any]]:
    """Translate peerlint's WORD attribute into spaCy's NORM."""
    out: list[dict[str, Any]] = []
    for spec in pattern:
        spec = dict(spec)
        if "WORD" in spec:
            spec["NORM"] = _word_spec(spec.pop("WORD"))
        out.append(spec)
    return out


def _anchor(pattern: TokenPattern) -> tuple[str, list[str]]:
    """The required literal token most likely to be rare: (ORTH or NORM, words)."""
    best: tuple[int, str, list[str]] | None = None
    for spec in pattern:
        if spec.get("OP") not in (None, "+", "1"):
            continue
        for attr, matcher_attr in (
            ("WORD", "NORM"),
            ("LOWER", "NORM"),
            ("ORTH", "ORTH"),
            ("TEXT", "ORTH"),
        ):
            value = spec.get(attr)
            words = (
                [value]
                if isinstance(value, str)
                else (value or {}).get("IN")
                if isinstance(value, dict)
                else None
            )
            if words:
                score = min(len(w) for w in words)
                if best is None or score > best[0]:
                    best = (score, matcher_attr, list(words))
                break
    if best is None:
        raise ValueError(
            "a token pattern needs one required token with a literal WORD, LOWER or ORTH"
        )
    return best[1], best[2]


@dataclass(frozen=True)
class _Hit:
    rule: int
    start: int  # token offsets in the folded doc
    end: int


class Engine:
    """Compiled rules. Build once per process and reuse for every note."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = list(rules)
        self.tokenizer = make_tokenizer()
        vocab = self.tokenizer.vocab
        self._phrases = {
            "NORM": PhraseMatcher(vocab, attr="NORM"),
            "ORTH": PhraseMatcher(vocab, attr="ORTH"),
        }
        # match key hash -> (kind, index): "r" rule term, "x" exception, "a" pattern anchor
        self._keys: dict[int, tuple[str, int]] = {}
        self._patterns: list[tuple[int, Matcher]] = []
        self._unless_patterns: dict[int, Matcher] = {}
        self._detectors: list[int] = []
        for index, rule in enumerate(self.rules):
            try:
                self._compile_rule(index, rule)
            except (ValueError, KeyError) as exc:
                raise RulePackError(f"rule {rule.id}: {exc}") from None

    # --- compilation ---------------------------------------------------------

    def _add_phrases(self, attr: str, kind: str, index: int, texts: Iterable[str]) -> None:
        key = f"{kind}{index}"
        docs = [self.tokenizer(t) for text in texts for t in spelling_variants(text)]
        if docs:
            self._phrases[attr].add(key, docs)
            self._keys[self.tokenizer.vocab.strings.add(key)] = (kind, index)

    def _compile_rule(self, index: int, rule: Rule) -> None:
        self._add_phrases("NORM", "r", index, rule.terms)
        self._add_phrases("ORTH", "r", index, rule.exact)
        self._add_phrases("NORM", "x", index, [u for u in rule.unless if isinstance(u, str)])
        for pattern in rule.patterns:
            attr, words = _anchor(pattern)
            matcher = Matcher(self.tokenizer.vocab)
            matcher.add(rule.id, [_compile_pattern(pattern)], greedy="LONGEST")
            self._patterns.append((index, matcher))
            self._add_phrases(attr, "a", len(self._patterns) - 1, words)
        unless_patterns = [_compile_pattern(u) for u in rule.unless if not isinstance(u, str)]
        if unless_patterns:
            matcher = Matcher(self.tokenizer.vocab)
            matcher.add(rule.id, unless_patterns)
            self._unless_patterns[index] = matcher
        if rule.detector:
            self._detectors.append(index)

    # --- matching ------------------------------------------------------------

    def _token_hits(self, doc: Doc) -> list[_Hit]:
        hits: set[_Hit] = set()
        exceptions: dict[int, list[tuple[int, int]]] = {}
        for matcher in self._phrases.values():
            for key, start, end in matcher(doc):
                kind, index = self._keys[key]
                if kind == "r":
                    hits.add(_Hit(index, start, end))
                elif kind == "x":
                    exceptions.setdefault(index, []).append((start, end))
                else:
                    rule, pattern_matcher = self._patterns[index]
                    lo = max(0, start - WINDOW)
                    window = doc[lo : min(len(doc), end + WINDOW)]
                    for _, s, e in pattern_matcher(window):
                        if s <= start - lo and e >= end - lo:
                            hits.add(_Hit(rule, lo + s, lo + e))
        return [h for h in hits if not self._excepted(doc, h, exceptions.get(h.rule, ()))]

    def _excepted(self, doc: Doc, hit: _Hit, spans: Iterable[tuple[int, int]]) -> bool:
        """An ordinary-sense phrase (``unless``) that overlaps the hit cancels it."""
        if any(s < hit.end and hit.start < e for s, e in spans):
            return True
        matcher = self._unless_patterns.get(hit.rule)
        if matcher is None:
            return False
        lo = max(0, hit.start - WINDOW)
        window = doc[lo : min(len(doc), hit.end + WINDOW)]
        return any(lo + s < hit.end and hit.start < lo + e for _, s, e in matcher(window))

    def _char_hits(self, text: str) -> list[tuple[int, int, int]]:
        """(rule index, start, end) in ``text`` for every match, before context."""
        out: list[tuple[int, int, int]] = []
        for offset, chunk in _chunks(text):
            folded = fold_whitespace(chunk)
            doc = self.tokenizer(folded.text)
            for hit in self._token_hits(doc):
                span = doc[hit.start : hit.end]
                start = offset + folded.original_offset(span.start_char)
                end = offset + folded.original_offset(span.end_char)
                out.append((hit.rule, start, end))
        return out

    def lint(self, text: str, resolve_overlaps: bool = True) -> list[Finding]:
        """All findings in ``text``, in order. With ``resolve_overlaps`` (the default),
        overlapping matches resolve to the longest, most severe one."""
        hits = self._char_hits(text)
        quotes = find_quotes(text)
        if quotes:
            speech = speech_spans(quotes)
            hits = [h for h in hits if not any(s <= h[1] and h[2] <= e for s, e in speech)]
            for index in self._detectors:
                hits.extend((index, q.start, q.end) for q in quotes if is_scare_quote(text, q))
        if resolve_overlaps:
            hits = self._resolve(hits)
        line_starts = _line_starts(text) if hits else []
        return [
            self._finding(text, line_starts, *h)
            for h in sorted(hits, key=lambda h: (h[1], h[2], h[0]))
        ]

    def _resolve(self, hits: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        """Merge overlapping hits of one rule, then keep the longest, most severe of
        overlapping hits from different rules."""
        ranked = sorted(
            _merge_same_rule(hits),
            key=lambda h: (-(h[2] - h[1]), -level_rank(self.rules[h[0]].level), h[0], h[1]),
        )
        kept: list[tuple[int, int, int]] = []
        for hit in ranked:
            if all(hit[2] <= k[1] or hit[1] >= k[2] for k in kept):
                kept.append(hit)
        return kept

    def _finding(
        self, text: str, line_starts: list[int], index: int, start: int, end: int
    ) -> Finding:
        rule = self.rules[index]
        line = bisect_right(line_starts, start)
        matched = text[start:end]
        fix = rule.fix
        return Finding(
            rule=rule.id,
            category=rule.category,
            level=rule.level,
            start=start,
            end=end,
            line=line,
            column=start - line_starts[line - 1] + 1,
            text=matched,
            message=rule.message,
            suggestions=tuple(s.text for s in rule.suggest),
            fix=Fix(_match_case(fix.text, matched), fix.safe) if fix is not None else None,
        )


def _merge_same_rule(hits: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """ "Assessed for SI" and "SI/HI" from one rule become "Assessed for SI/HI"."""
    merged: list[tuple[int, int, int]] = []
    for rule, start, end in sorted(set(hits)):
        if merged and merged[-1][0] == rule and start < merged[-1][2]:
            merged[-1] = (rule, merged[-1][1], max(end, merged[-1][2]))
        else:
            merged.append((rule, start, end))
    return merged


def _match_case(replacement: str, original: str) -> str:
    """Keep a sentence-initial capital: "This writer" -> "I", "Refused" -> "Declined"."""
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text))]


def _chunks(text: str) -> Iterable[tuple[int, str]]:
    """Split very long text at line breaks into pieces of at most CHUNK_CHARS."""
    if len(text) <= CHUNK_CHARS:
        yield 0, text
        return
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        yield start, text[start:end]
        start = end


@cache
def default_engine() -> Engine:
    """The engine for the built-in packs, built once per process."""
    from peerlint.rules import load_packs

    return Engine([rule for pack in load_packs() for rule in pack.rules])

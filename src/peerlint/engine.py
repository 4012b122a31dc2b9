"""The matching engine: rule packs compiled into spaCy matchers, text into findings.

Design, from the costs measured in DESIGN.md:

* No ``Language`` object and no trained model. A ``Vocab`` and a ``Tokenizer``
  with compact punctuation rules build in milliseconds (``spacy.blank("en")``
  spends ~0.4 s on 1,300 special cases and huge Unicode regexes we do not need).
* Every term and phrase goes through one ``PhraseMatcher`` on ``NORM``, where
  NORM is :func:`peerlint.normalize.word_key`, installed as the vocabulary's
  getter so it runs once per distinct word: inflections cost nothing per token.
  Case-sensitive ``exact`` terms ride on the same pass and are checked on hits.
* Token patterns (constructions with operators) are *anchored*: the rarest
  required word of each pattern goes into the PhraseMatcher, and the pattern's
  own ``Matcher`` only runs in a small window around those hits, and only when
  every other required word of the pattern is in that window (a set lookup).
  ``unless`` patterns are guarded the same way. The token Matcher's ~95 ns per
  pattern per token therefore never scales with the text or the rule count.
* Compiling a rule into those entries is kept as plain data (:mod:`peerlint.plancache`),
  so a process whose rules have not changed only loads and installs them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import product
from typing import Any

from spacy.attrs import (
    IS_ALPHA,
    IS_ASCII,
    IS_DIGIT,
    IS_LOWER,
    IS_PUNCT,
    IS_SPACE,
    IS_TITLE,
    IS_UPPER,
    LIKE_NUM,
    LOWER,
    NORM,
)
from spacy.lang.lex_attrs import LEX_ATTRS
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

from peerlint.affairs import affair_spans
from peerlint.arrangements import arrangement_spans
from peerlint.authors import other_author_spans
from peerlint.builder import FindingBuilder
from peerlint.context import (
    TOLD_ACTS,
    WRITER_ACTS,
    acted_by_someone_else,
    find_quotes,
    is_scare_quote,
    own_account_spans,
    own_story_spans,
    speech_spans,
    telling_before,
    voices_spans,
)
from peerlint.findings import Finding
from peerlint.gcpause import gc_paused
from peerlint.medwatch import med_watch_spans
from peerlint.motives import imputed_motive_spans
from peerlint.normalize import FoldedText, fold_whitespace, spelling_variants, word_key
from peerlint.plancache import PlanCache
from peerlint.reader import shipped_reader
from peerlint.reports import reporting_spans
from peerlint.rides import ride_only_spans
from peerlint.rules import Rule, RulePackError, TokenPattern, uses_reader
from peerlint.rulings import ruling_spans
from peerlint.secrecy import secrecy_spans

_PREFIX = re.compile(r"""^[\(\[\{"'“”‘’«<*•·#~>\-–—]""")
_SUFFIX = re.compile(r"""(?:[\)\]\}"'“”‘’»>,.;:!?…%*•·\-–—]|'s|’s|'S|’S|n't|n’t)$""")
_INFIX = re.compile(
    r"""[/\\()\[\]+=&]|(?<=[A-Za-z])[-–—](?=[A-Za-z])|--+|—|–|\.\.+|…|(?<=[a-z])[.,:;!?](?=[A-Za-z])"""
)
# The longest stretch of a note handled as one document. Notes are short; this
# only bounds memory when someone checks a huge concatenated file.
CHUNK_CHARS = 200_000
# Findings of this category are kept inside a longer finding of another category.
NESTED_CATEGORY = "depersonalizing"
# A line break before a bullet ends a sentence even without a full stop ("- Saw him\n- Called
# his PO"): it is read as one, same length, so offsets do not move. Other line breaks are
# spaces, because notes break lines mid-phrase.
_BULLET_BREAK = re.compile(r"(?<=[^\s.;:!?,])\n(?=[ \t]*(?:[-*•·]|\d{1,2}[.)])[ \t])")
# How far (in tokens) a token pattern may reach from its anchor.
WINDOW = 16
# Detectors that read a passage's shape with regular expressions instead of token patterns
# (the scare-quote detector works on the note's quotes instead). A detector name the rule
# schema accepts but this table lacks fails when the engine is built, not silently.
_SPAN_DETECTORS = {
    "ride-only": ride_only_spans,
    "imputed-motive": imputed_motive_spans,
    "laid-down-rule": ruling_spans,
    "reported-slip": reporting_spans,
    "enlisted-other": arrangement_spans,
    "behind-their-back": secrecy_spans,
    "ran-their-affairs": affair_spans,
    "watched-the-dose": med_watch_spans,
}


# The lexical attributes a pattern may test (PATTERN_KEYS); spaCy's others (URL and
# e-mail shapes, stop words, prefixes...) would cost a Python call each per new word.
_LEX_ATTRS = {
    attr: LEX_ATTRS[attr]
    for attr in (
        LOWER,
        IS_ALPHA,
        IS_ASCII,
        IS_DIGIT,
        IS_LOWER,
        IS_UPPER,
        IS_TITLE,
        IS_PUNCT,
        IS_SPACE,
        LIKE_NUM,
    )
}


_NUMBER_WORDS = frozenset(
    """
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
    eighty ninety hundred thousand million billion first second third fourth fifth sixth
    seventh eighth ninth tenth eleventh twelfth twentieth thirtieth hundredth thousandth
    """.split()
)


def _like_num(text: str) -> bool:
    """spaCy's language-neutral LIKE_NUM (digits, 3,000, 1/2) plus English number words."""
    return bool(LEX_ATTRS[LIKE_NUM](text)) or text.lower() in _NUMBER_WORDS


def make_tokenizer() -> Tokenizer:
    """A tokenizer whose vocabulary keys every word by :func:`word_key`."""
    vocab = Vocab(lex_attr_getters={**_LEX_ATTRS, LIKE_NUM: _like_num, NORM: word_key})
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


@dataclass(frozen=True)
class _Anchor:
    """Where a token pattern is looked for: one required literal token, or better two
    adjacent ones ("told him" rather than "told"), and how many tokens the pattern can
    reach before and after them."""

    sequences: tuple[tuple[str, ...], ...]
    before: int
    after: int


# Cap on the word combinations a multi-token anchor may expand to. Each combination is a
# PhraseMatcher entry built at every start-up; beyond a few dozen, a one-word anchor plus
# the required-words guard is nearly as selective (measured on the gold notes and bench
# notes: 48 instead of 400 halves the anchor entries for +4% Matcher calls).
MAX_PAIR_ANCHORS = 48
# Words too common to anchor on: an anchor made only of these would send nearly every
# note through the pattern matcher. Everything else scores by length, a fair proxy for rarity.
COMMON_WORDS = frozenset(
    """
    a about after all also am an and any are as at be been before being but by can
    could did do does done for from get gets go goes going got had has have having
    he her here hers him his how i if in into is it its just keep let like make may
    me might more most must my no not now of off on one or our out over own put said
    say says see she should so some such take than that the their them then there
    these they this those to too two up us very was we were what when where which
    while who will with would you your need needs needed
    asked wants wanted told talked back call called he's she's i'm met first shared
    next peer visit week group time home w
    """.split()  # the last two lines: in more than 12% of the gold notes
)


# Words in nearly every note: an anchor that may be one of these is worse than any other.
VERY_COMMON_WORDS = frozenset(
    "i you he she it we they me him her them his their the a an and to of in on at for with "
    "is was be 's that this".split()
)


def _rarity(words: Sequence[str]) -> int:
    lowered = [w.lower() for w in words]
    if any(w in VERY_COMMON_WORDS for w in lowered):
        return -1
    return min(0 if w in COMMON_WORDS else len(w) for w in lowered)


def _most_tokens(op: str | None) -> int:
    """How many tokens one pattern token may take: 1, or up to WINDOW when it repeats
    (``*``, ``+``, ``{n,}``), or ``m`` for ``{n}``, ``{n,m}`` and ``{,m}``."""
    if op in ("*", "+"):
        return WINDOW
    if op and op.startswith("{"):
        most = op.strip("{}").split(",")[-1]
        return min(int(most), WINDOW) if most else WINDOW
    return 1


def _reach(specs: TokenPattern) -> int:
    """How many tokens a run of pattern tokens may cover at most."""
    return min(sum(_most_tokens(spec.get("OP")) for spec in specs), WINDOW)


def _literal(spec: dict[str, Any]) -> list[str] | None:
    """The words of a required token with literal values, else None. Anchors are found
    by NORM, a superset of LOWER and ORTH: the pattern itself checks the exact form."""
    if spec.get("OP") not in (None, "+", "1"):
        return None
    for attr in ("WORD", "LOWER", "ORTH", "TEXT"):
        value = spec.get(attr)
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict) and isinstance(value.get("IN"), list) and value["IN"]:
            return [str(v) for v in value["IN"]]
    return None


def _literal_keys(pattern: TokenPattern) -> list[tuple[str, ...] | None]:
    """For each token of a pattern: the distinct word keys it may have if it is a
    required literal token, else None. Inflections collapse ("tell", "told" -> one key)."""
    out: list[tuple[str, ...] | None] = []
    for spec in pattern:
        words = _literal(spec)
        out.append(None if words is None else tuple(sorted({word_key(w) for w in words})))
    return out


def _required_forms(pattern: TokenPattern) -> list[frozenset[str]]:
    """For each required literal token, the forms one of which a note must contain for the
    pattern to match there: word keys for WORD, else the lowercase words themselves (a
    note's forms are its tokens' word keys and lowercase texts). Closer than the word keys
    alone: a pattern on LOWER "told" is not run for every "telling"."""
    out: list[frozenset[str]] = []
    for spec in pattern:
        words = _literal(spec)
        if words is not None:
            keyed = "WORD" in spec
            out.append(frozenset(word_key(w) if keyed else w.lower() for w in words))
    return out


def _anchor(literals: list[tuple[str, ...] | None], pattern: TokenPattern) -> _Anchor:
    """Pick the anchor most likely to be rare: the run of up to three adjacent literal
    tokens with the best rarity score (each extra token adds a bonus). ``literals`` are
    the pattern's :func:`_literal_keys`; rarity is judged on the words as written."""
    rarity = [None if (words := _literal(spec)) is None else _rarity(words) for spec in pattern]
    # A token that may repeat (OP "+") anchors alone: a run through it is not a fixed phrase.
    repeats = [spec.get("OP") == "+" for spec in pattern]
    best: tuple[int, int, int, int] | None = None  # score, -combinations, position, width
    for i, first in enumerate(literals):
        score = rarity[i]
        if first is None or score is None:
            continue
        count = len(first)
        candidates = [(score, -count, i, 1)]
        for width in (2, 3):
            j = i + width - 1
            nxt = literals[j] if j < len(literals) else None
            nxt_rarity = rarity[j] if j < len(literals) else None
            if nxt is None or nxt_rarity is None or count * len(nxt) > MAX_PAIR_ANCHORS:
                break
            if repeats[i] or repeats[j]:
                break
            count *= len(nxt)
            score += nxt_rarity + 3  # a longer run of literals is rarer
            candidates.append((score, -count, i, width))
        for candidate in candidates:  # rarest first, then the fewest word combinations
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    if best is None:
        raise ValueError(
            "a token pattern needs one required token with a literal WORD, LOWER or ORTH"
        )
    _, _, position, width = best
    runs = [keys for keys in literals[position : position + width] if keys is not None]
    if repeats[position]:  # its other repetitions may lie on either side
        return _Anchor(tuple(product(*runs)), WINDOW, WINDOW)
    return _Anchor(
        tuple(product(*runs)),
        _reach(pattern[:position]),
        _reach(pattern[position + width :]),
    )


class _NoteWords:
    """The word keys of one note, for checking which token patterns can match where.
    Answers are remembered: a note asks about the same pattern and window many times."""

    def __init__(self, doc: Doc) -> None:
        self.norms: list[int] = doc.to_array(NORM).tolist()
        self._lowers: list[int] = doc.to_array(LOWER).tolist()
        self._all: set[int] = set(self.norms) | set(self._lowers)
        self._in_note: dict[tuple[frozenset[int], ...], bool] = {}
        self._windows: dict[tuple[int, int], set[int]] = {}

    def has_all(self, required: tuple[frozenset[int], ...], lo: int, hi: int) -> bool:
        """Whether each set in ``required`` has a word in the note and in tokens ``lo:hi``."""
        in_note = self._in_note.get(required)
        if in_note is None:
            in_note = self._in_note[required] = not any(map(self._all.isdisjoint, required))
        if not in_note:
            return False
        window = self._windows.get((lo, hi))
        if window is None:
            window = self._windows[lo, hi] = set(self.norms[lo:hi]) | set(self._lowers[lo:hi])
        return not any(map(window.isdisjoint, required))


class _GuardedPattern:
    """One token pattern with its own Matcher, run only where it can match: where each of
    its required literal tokens has a word in the window. That check is a few set
    lookups; a Matcher call is tens of microseconds. The Matcher is built on first use:
    a note needs few of them, and building all of them was most of start-up."""

    def __init__(
        self,
        vocab: Vocab,
        pattern: TokenPattern,
        required: tuple[frozenset[int], ...],
        greedy: str | None = None,
    ) -> None:
        self._vocab = vocab
        self._pattern = pattern
        self._greedy = greedy
        self._matcher: Matcher | None = None
        self.required = required  # NORM hashes of each required literal token's words

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            # The pack schema already checked the pattern (rules._check_pattern), and the
            # test suite checks every shipped one against spaCy's own validation, which
            # would cost more than the rest of compiling it.
            matcher = Matcher(self._vocab, validate=False)
            try:
                matcher.add("p", [_compile_pattern(self._pattern)], greedy=self._greedy)
            except (ValueError, KeyError) as exc:
                raise RulePackError(f"token pattern {self._pattern}: {exc}") from None
            self._matcher = matcher
        return self._matcher

    def matches(self, doc: Doc, lo: int, hi: int, words: _NoteWords) -> list[tuple[int, int]]:
        """(start, end) tokens of the pattern's matches inside ``doc[lo:hi]``."""
        if self.required and not words.has_all(self.required, lo, hi):
            return []
        return [(lo + s, lo + e) for _, s, e in self.matcher(doc[lo:hi])]


class _UnusablePlan(Exception):
    """A stored plan did not fit its rule (a damaged cache file): compile afresh."""


def _frozen(required: list[list[int]]) -> tuple[frozenset[int], ...]:
    return tuple(frozenset(r) for r in required)


# One rule compiled to plain data (see Engine._plan); JSON-compatible for the plan cache.
RulePlan = dict[str, Any]


class Engine:
    """Compiled rules. Build once per process and reuse for every note."""

    def __init__(self, rules: Sequence[Rule], quiet: Sequence[Rule] = ()) -> None:
        """``quiet``: rules the user turned off. They are matched but never reported; a
        sentence one of them touches is not the sentence reader's to flag either, so
        ignoring "this-writer" does not bring it back as "reads-like-depersonalizing".
        Without a reader rule in force they would change nothing, so they are not kept."""
        if not uses_reader(rules):
            quiet = ()
        self.rules = [*rules, *quiet]
        self._reported = len(rules)
        self.builder = FindingBuilder(self.rules)
        self.tokenizer = make_tokenizer()
        self._hashes: dict[str, int] = {}
        with gc_paused():
            plans = PlanCache()
            try:
                self._build(plans)
            except _UnusablePlan:
                plans.drop()
                self._build(plans)
            plans.save()

    def _build(self, plans: PlanCache) -> None:
        self._phrases = PhraseMatcher(self.tokenizer.vocab, attr="NORM")
        # match key hash -> (kind, index): "r" rule term, "e" exact (case-sensitive) term,
        # "x" exception, "a" pattern anchor. All anchors share one name, and the words
        # matched say which patterns they anchor: spaCy makes a vocabulary entry for each
        # name (~60 µs with our attribute getters), and a name per pattern (1,800 of them)
        # was a third of building the engine.
        self._keys: dict[int, tuple[str, int]] = {}
        self._exact: dict[int, set[tuple[str, ...]]] = {}
        self._patterns: list[tuple[int, _GuardedPattern, int, int]] = []  # rule, reach
        self._anchored: dict[tuple[int, ...], list[int]] = {}  # anchor words -> patterns
        self._unless_patterns: dict[int, list[_GuardedPattern]] = {}
        self._quote_detectors: list[int] = []  # scare quotes: judged on the note's quotes
        self._span_detectors: list[tuple[int, Callable[[str], list[tuple[int, int]]]]] = []
        self._reader_rules: dict[str, int] = {}  # category -> its sentence-reader rule
        for index, rule in enumerate(self.rules):
            key = plans.key(rule)
            stored = plans.get(key)
            if stored is not None:
                try:
                    self._install(index, rule, stored)
                except (TypeError, ValueError, KeyError, IndexError) as exc:
                    raise _UnusablePlan from exc
                continue
            try:
                plan = self._plan(rule)
            except (ValueError, KeyError) as exc:
                raise RulePackError(f"rule {rule.id}: {exc}") from None
            plans.put(key, plan)
            self._install(index, rule, plan)
        self._add_phrases("a", 0, [list(anchor) for anchor in self._anchored])

    def verify(self) -> None:
        """Build every token pattern now (normally built on first use), so that a pattern
        spaCy rejects is reported as a RulePackError naming its rule."""
        patterns = [(self.rules[i], p) for i, p, _, _ in self._patterns] + [
            (self.rules[i], p) for i, ps in self._unless_patterns.items() for p in ps
        ]
        for rule, pattern in patterns:
            try:
                pattern.matcher  # noqa: B018 -- building it is the point
            except RulePackError as exc:
                raise RulePackError(f"rule {rule.id}: {exc}") from None

    # --- compilation ---------------------------------------------------------
    #
    # Phrases go into the PhraseMatcher as sequences of NORM hashes, not as Docs: that
    # is the form PhraseMatcher keeps them in (and unpickles them from), and making a
    # Doc per phrase cost more than everything else at start-up (~15 µs each, for
    # thousands of term variants and pattern anchors).

    def _words(self, phrase: str) -> list[str]:
        """The tokens of ``phrase``: a split on spaces when every piece is a plain word
        (the tokenizer splits only at punctuation), else the tokenizer's own."""
        pieces = phrase.split()
        if all(piece.isalpha() for piece in pieces):
            return pieces
        return [t.text for t in self.tokenizer(phrase)]

    def _hash(self, key: str) -> int:
        """The hash of a word key or lowercase form (memoised: anchors repeat the same few)."""
        found = self._hashes.get(key)
        if found is None:
            found = self._hashes[key] = self.tokenizer.vocab.strings.add(key)
        return found

    def _required(self, pattern: TokenPattern) -> list[set[int]]:
        return [set(map(self._hash, forms)) for forms in _required_forms(pattern)]

    def _hashed(self, sequences: Iterable[Sequence[str]]) -> list[list[int]]:
        """Word-key sequences as NORM hash sequences, each once, empty ones dropped."""
        hashed = self._hash
        return [list(k) for k in dict.fromkeys(tuple(map(hashed, w)) for w in sequences if w)]

    def _phrase_keys(self, texts: Iterable[str]) -> list[list[str]]:
        """The word keys of every spelling variant of each phrase."""
        return [
            [word_key(w) for w in self._words(v)] for text in texts for v in spelling_variants(text)
        ]

    def _plan(self, rule: Rule) -> RulePlan:
        """What the matchers need from one rule, as plain data (kept by the plan cache):
        hashed term, exact-term and exception phrases, and for each token pattern its
        anchor phrases, reach and required words."""
        exact_words = [self._words(v) for text in rule.exact for v in spelling_variants(text)]
        anchors = []
        for pattern in rule.patterns:
            anchor = _anchor(_literal_keys(pattern), pattern)
            required = [list(r) for r in self._required(pattern)]
            anchors.append((self._hashed(anchor.sequences), anchor.before, anchor.after, required))
        return {
            "terms": self._hashed(self._phrase_keys(rule.terms)),
            "exact": self._hashed([word_key(w) for w in ws] for ws in exact_words),
            "exact_words": exact_words,
            "except": self._hashed(self._phrase_keys(u for u in rule.unless if isinstance(u, str))),
            "patterns": anchors,
            "unless": [
                [list(r) for r in self._required(u)] for u in rule.unless if not isinstance(u, str)
            ],
        }

    def _add_phrases(self, kind: str, index: int, keys: list[list[int]]) -> None:
        if keys:
            name = f"{kind}{index}"
            self._phrases.add(name, keys)  # type: ignore[arg-type]  # hashes, see above
            self._keys[self.tokenizer.vocab.strings.add(name)] = (kind, index)

    def _install(self, index: int, rule: Rule, plan: RulePlan) -> None:
        self._add_phrases("r", index, plan["terms"])
        self._add_phrases("e", index, plan["exact"])
        self._exact[index] = {tuple(words) for words in plan["exact_words"]}
        self._add_phrases("x", index, plan["except"])
        vocab = self.tokenizer.vocab
        for pattern, (anchors, before, after, required) in zip(
            rule.patterns, plan["patterns"], strict=True
        ):
            guarded = _GuardedPattern(vocab, pattern, _frozen(required), "LONGEST")
            self._patterns.append((index, guarded, before, after))
            for anchor in anchors:
                self._anchored.setdefault(tuple(anchor), []).append(len(self._patterns) - 1)
        patterns = [u for u in rule.unless if not isinstance(u, str)]
        unless = [
            _GuardedPattern(vocab, u, _frozen(r))
            for u, r in zip(patterns, plan["unless"], strict=True)
        ]
        if unless:
            self._unless_patterns[index] = unless
        if rule.detector == "scare-quotes":
            self._quote_detectors.append(index)
        elif rule.detector == "sentence-reader":
            if index < self._reported:
                self._reader_rules[rule.category] = index
        elif rule.detector:
            self._span_detectors.append((index, _SPAN_DETECTORS[rule.detector]))

    # --- matching ------------------------------------------------------------

    def _token_hits(
        self, doc: Doc, lines: frozenset[int] = frozenset()
    ) -> list[tuple[int, int, int]]:
        """(rule index, start token, end token) of every match after exceptions.
        ``lines``: the tokens that open a new line item (see _line_starts)."""
        hits: set[tuple[int, int, int]] = set()
        exceptions: dict[int, list[tuple[int, int]]] = {}
        words = _NoteWords(doc)
        for key, start, end in self._phrases(doc):
            kind, index = self._keys[key]
            if kind == "r":
                hits.add((index, start, end))
            elif kind == "e":
                if tuple(t.text for t in doc[start:end]) in self._exact[index]:
                    hits.add((index, start, end))
            elif kind == "x":
                exceptions.setdefault(index, []).append((start, end))
            else:
                for found in self._anchored[tuple(words.norms[start:end])]:
                    rule, pattern, before, after = self._patterns[found]
                    lo = max(0, start - before)
                    hi = min(len(doc), end + after)
                    for s, e in pattern.matches(doc, lo, hi, words):
                        if s <= start and e >= end:
                            hits.add((rule, s, e))
        if not exceptions and not self._unless_patterns:
            return list(hits)
        return self._drop_excepted(doc, hits, exceptions, words, lines)

    def _drop_excepted(
        self,
        doc: Doc,
        hits: Iterable[tuple[int, int, int]],
        exceptions: dict[int, list[tuple[int, int]]],
        words: _NoteWords,
        lines: frozenset[int],
    ) -> list[tuple[int, int, int]]:
        """Drop hits that an ordinary-sense phrase or pattern (``unless``) overlaps. A
        rule's unless patterns run once per stretch of the note around its hits (hits
        within reach of each other share one window), not once per hit. An exception
        does not reach into another line item ("...to avoid court / Refuses sober living"
        is not "court refuses")."""
        by_rule: dict[int, list[tuple[int, int, int]]] = {}
        for hit in hits:
            by_rule.setdefault(hit[0], []).append(hit)
        kept: list[tuple[int, int, int]] = []
        for rule, rule_hits in by_rule.items():
            left = _uncancelled(rule_hits, exceptions.get(rule, ()), lines)
            for pattern in self._unless_patterns.get(rule, ()):
                if not left:
                    break
                found = [
                    span
                    for lo, hi in _windows(left, len(doc))
                    for span in pattern.matches(doc, lo, hi, words)
                ]
                left = _uncancelled(left, found, lines)
            kept.extend(left)
        return kept

    def _char_hits(self, text: str) -> list[tuple[int, int, int]]:
        """(rule index, start, end) in ``text`` for every match, before context."""
        out: list[tuple[int, int, int]] = []
        for offset, chunk in _chunks(text):
            unbulleted = _BULLET_BREAK.sub(".", chunk)
            folded = fold_whitespace(unbulleted)
            doc = self.tokenizer(folded.text)
            for hit in self._token_hits(doc, _line_starts(unbulleted, folded, doc)):
                rule, first, last = hit
                final = doc[last - 1]
                start = offset + folded.original_offset(doc[first].idx)
                end = offset + folded.original_offset(final.idx + len(final))
                out.append((rule, start, end))
        return out

    def lint(self, text: str, resolve_overlaps: bool = True) -> list[Finding]:
        """All findings in ``text``, in order. With ``resolve_overlaps`` (the default),
        overlapping matches resolve to the longest, most severe one."""
        hits = self._char_hits(text)
        quotes = find_quotes(text)
        # another discipline's section of a shared note: theirs, not the peer's
        others = other_author_spans(text)
        # the writer's own story, what the voices say, and other people's quoted words
        exempt = others + own_story_spans(text) + voices_spans(text) + speech_spans(text, quotes)
        if exempt:
            hits = [h for h in hits if not _inside_any(h, exempt)]
        # the person telling of their own acts: not the writer telling, deciding or doing
        account = own_account_spans(text)
        hits = [
            h
            for h in hits
            if self.rules[h[0]].category not in WRITER_ACTS
            or not (_inside_any(h, account) or acted_by_someone_else(text, h[1], h[2]))
        ]
        # the rules turned off (``quiet``) only keep the reader away from their sentences
        quiet = [h for h in hits if h[0] >= self._reported]
        hits = self._drop_what_was_told(text, [h for h in hits if h[0] < self._reported])
        for index, spans_of in self._span_detectors:
            found = [(index, s, e) for s, e in spans_of(text)]
            hits.extend(h for h in found if not _inside_any(h, exempt))
        for index in self._quote_detectors:
            hits.extend(
                (index, q.start, q.end)
                for q in quotes
                if is_scare_quote(text, q) and not _inside_any((index, q.start, q.end), others)
            )
        if len(self.rules) > self._reported:
            quiet += [h for h in hits if h[0] >= self._reported]
            hits = [h for h in hits if h[0] < self._reported]
        if resolve_overlaps:
            hits = self._resolve(hits)
        if self._reader_rules:
            hits = self._with_reader(text, hits, exempt, [(h[1], h[2]) for h in quiet])
        make = self.builder.make
        return [make(text, *h) for h in sorted(hits, key=lambda h: (h[1], h[2], h[0]))]

    def _with_reader(
        self,
        text: str,
        hits: list[tuple[int, int, int]],
        exempt: list[tuple[int, int]],
        quiet: list[tuple[int, int]],
    ) -> list[tuple[int, int, int]]:
        """The sentence reader's second opinion and its own findings: drop the hits whose
        sentences read as plainly peer voice, then add the sentences no hit (nor a
        ``quiet`` rule's match) touches that read as drift, each under its category's
        reader rule (none if that rule is off)."""
        reader = shipped_reader()
        scored = reader.score(text)
        kept = [h for h in hits if not reader.clearly_clean(scored, h[1], h[2])]
        covered = [(h[1], h[2]) for h in hits] + quiet
        for reading in reader.read(scored, covered, beside_findings=bool(kept)):
            index = self._reader_rules.get(reading.category)
            if index is not None and not any(
                s < reading.end and reading.start < e for s, e in exempt
            ):
                kept.append((index, reading.start, reading.end))
        return kept

    def _drop_what_was_told(
        self, text: str, hits: list[tuple[int, int, int]]
    ) -> list[tuple[int, int, int]]:
        """Drop a deciding-for hit on what the writer told the person to do ("told him to
        check in w/ PO"): that act is the person's, and the passage is already flagged by
        the directive hit on the telling."""
        told = [h for h in hits if self.rules[h[0]].category == "directive"]
        if not told:
            return hits
        kept = []
        for hit in hits:
            if self.rules[hit[0]].category in TOLD_ACTS:
                verb = telling_before(text, hit[1], hit[2])
                if verb is not None and any(t[1] <= verb < t[2] for t in told):
                    continue
            kept.append(hit)
        return kept

    def _resolve(self, hits: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        """Merge overlapping hits of one rule, then keep the longest, most severe of
        overlapping hits from different rules -- except that how the person is named
        ("pt", "the client") is its own finding even inside another one ("educated pt
        on"): it is a different thing for the writer to change."""
        ranked = sorted(
            _merge_same_rule(hits),
            key=lambda h: (-(h[2] - h[1]), -self.builder.rank(h[0]), h[0], h[1]),
        )
        kept: list[tuple[int, int, int]] = []
        nested: list[tuple[int, int, int]] = []
        for hit in ranked:
            clashes = [k for k in kept if _overlap(hit, k)]
            if not clashes:
                kept.append(hit)
            elif (
                self._names_the_person(hit)
                and all(_inside(hit, k) and not self._names_the_person(k) for k in clashes)
                and not any(_overlap(hit, n) for n in nested)
            ):
                nested.append(hit)
        return kept + nested

    def _names_the_person(self, hit: tuple[int, int, int]) -> bool:
        return self.rules[hit[0]].category == NESTED_CATEGORY


def _windows(hits: list[tuple[int, int, int]], length: int) -> list[tuple[int, int]]:
    """The token ranges within WINDOW of the hits, overlapping ranges merged."""
    ranges = sorted((max(0, h[1] - WINDOW), min(length, h[2] + WINDOW)) for h in hits)
    merged = [ranges[0]]
    for lo, hi in ranges[1:]:
        if lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def _uncancelled(
    hits: list[tuple[int, int, int]],
    spans: Iterable[tuple[int, int]],
    lines: frozenset[int] = frozenset(),
) -> list[tuple[int, int, int]]:
    """The hits that no (start, end) span overlaps, counting only spans that cross no
    line start the hit does not cross too."""
    spans = list(spans)
    return [
        h
        for h in hits
        if not any(
            s < h[2]
            and h[1] < e
            and (not lines or all(h[1] < b < h[2] for b in lines if s < b < e))
            for s, e in spans
        )
    ]


# A line that starts with a capital opens a new item in a telegraphic note, even with no
# full stop before it ("Staff feels this is manipulation to avoid court / Refuses sober
# living"); a line that starts in lower case carries on a phrase broken mid-way, and a line
# after an ALL-CAPS header ("BRIDGER VISIT 7E / RM 12") is read with its header.
_NEW_LINE_ITEM = re.compile(r"\n[ \t]*(?=[A-Z])")
_LOWER_CASE = re.compile(r"[a-z]")


def _line_starts(original: str, folded: FoldedText, doc: Doc) -> frozenset[int]:
    """The tokens of ``doc`` that open a new line item of ``original``."""
    if "\n" not in original:
        return frozenset()
    wanted = [
        m.end()
        for m in _NEW_LINE_ITEM.finditer(original)
        if _LOWER_CASE.search(original, original.rfind("\n", 0, m.start()) + 1, m.start())
    ]
    if not wanted:
        return frozenset()
    # the item's first character starts a token; find it by its original offset
    starts = {folded.original_offset(t.idx): t.i for t in doc}
    return frozenset(starts[w] for w in wanted if starts.get(w))


def _overlap(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    return a[1] < b[2] and b[1] < a[2]


def _inside_any(hit: tuple[int, int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s <= hit[1] and hit[2] <= e for s, e in spans)


def _inside(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    return b[1] <= a[1] and a[2] <= b[2]


def _merge_same_rule(hits: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """ "Assessed for SI" and "SI/HI" from one rule become "Assessed for SI/HI"."""
    merged: list[tuple[int, int, int]] = []
    for rule, start, end in sorted(set(hits)):
        if merged and merged[-1][0] == rule and start < merged[-1][2]:
            merged[-1] = (rule, merged[-1][1], max(end, merged[-1][2]))
        else:
            merged.append((rule, start, end))
    return merged


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

"""The sentence reader: a small linear model that reads each sentence the rules left alone.

Rules and detectors catch the wordings someone wrote down; independent writers keep inventing
new ones ("He's only calling me so I'll write something good for family court"). The reader
scores every sentence by the words and word sequences it shares with the passages marked as
drift in peerlint's own gold notes, and names the category it reads most like. It is trained
offline by ``corpora/train_reader.py`` (scikit-learn, not needed at run time) and ships as a
table of weights: no network, no spaCy model, no note text.

It speaks only where nothing else did, and demands near certainty in a note with no other
finding, so a good note stays quiet. It also gives a second opinion on the rules: a finding
is dropped when its sentence and the rest of its note all read as plainly peer voice, which
is how most of the rules' false alarms in good notes (ordinary senses of their words) go.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from peerlint.sentences import content_end, sentences

_WORD = re.compile(r"\b\w[\w'/]*\b")
_LONGEST_GRAM = 3


def sentence_bounds(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence's words: bullets, leading commas and trailing
    punctuation trimmed, so a finding marks the sentence itself."""
    for base, body in sentences(text):
        start = len(body) - len(body.lstrip(" -*•\t\n,:"))
        end = content_end(body)
        if end - start >= 3:
            yield base + start, base + end


def grams(sentence: str) -> set[str]:
    """The features of a sentence: its lower-cased words and runs of two and three words."""
    words = _WORD.findall(sentence.lower())
    return {
        " ".join(words[i : i + n])
        for n in range(1, _LONGEST_GRAM + 1)
        for i in range(len(words) - n + 1)
    }


def note_features(text: str) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, features) of each sentence of ``text``. A sentence's features are its own
    grams, plus the words of the sentences either side marked "p:" and "n:": the same words
    read differently in a note that is all the person's own story and in a chart."""
    bounds = list(sentence_bounds(text))
    words = [set(_WORD.findall(text[s:e].lower())) for s, e in bounds]
    out = []
    for i, (start, end) in enumerate(bounds):
        features = grams(text[start:end])
        if i > 0:
            features |= {"p:" + w for w in words[i - 1]}
        if i + 1 < len(bounds):
            features |= {"n:" + w for w in words[i + 1]}
        out.append((start, end, frozenset(features)))
    return out


@dataclass(frozen=True)
class Scored:
    """One sentence of a note, its features and how likely it is drift."""

    start: int
    end: int
    probability: float
    features: frozenset[str]


@dataclass(frozen=True)
class Reading:
    """One sentence the reader flags: where it is, how sure, and the category it reads as."""

    start: int
    end: int
    probability: float
    category: str


class SentenceReader:
    """Scores sentences with the weights in a model table (see ``corpora/train_reader.py``)."""

    def __init__(self, model: dict[str, Any]) -> None:
        self.bias: float = model["bias"]
        self.drift: dict[str, float] = model["drift"]
        self.categories: list[str] = model["categories"]
        self.category_bias: list[float] = model["category_bias"]
        self.category_weights: dict[str, list[float]] = model["category"]
        thresholds = model["thresholds"]
        self.threshold_beside: float = thresholds["beside_findings"]
        self.threshold_alone: float = thresholds["alone"]
        self.threshold_clean: float = thresholds["clean"]
        self.threshold_clean_note: float = thresholds["clean_note"]
        self.metadata: dict[str, Any] = model.get("metadata", {})

    def probability(self, features: Iterable[str]) -> float:
        """How likely a sentence with these features is drift, from 0 to 1."""
        z = self.bias + sum(self.drift.get(g, 0.0) for g in features)
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def category(self, features: Iterable[str]) -> str:
        """The drift category a sentence with these features reads most like."""
        scores = list(self.category_bias)
        for g in features:
            weights = self.category_weights.get(g)
            if weights is not None:
                scores = [s + w for s, w in zip(scores, weights, strict=True)]
        return self.categories[max(range(len(scores)), key=scores.__getitem__)]

    def score(self, text: str) -> list[Scored]:
        """Each sentence of ``text`` with how likely it is drift."""
        return [Scored(s, e, self.probability(f), f) for s, e, f in note_features(text)]

    def clearly_clean(self, scored: list[Scored], start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is a rule's word in its ordinary sense: every sentence
        it touches reads as plainly peer voice, and so does the rest of the note ("the victim
        comp claim", "the kitchen hadn't been clean since Monday" in a good note). A lone
        sentence has no rest of the note, so it is never judged clean this way."""
        touched = [x.probability for x in scored if x.start < end and start < x.end]
        rest = [x.probability for x in scored if not (x.start < end and start < x.end)]
        return (
            bool(touched)
            and bool(rest)
            and max(touched) < self.threshold_clean
            and max(rest) < self.threshold_clean_note
        )

    def read(
        self, scored: list[Scored], covered: list[tuple[int, int]], beside_findings: bool
    ) -> list[Reading]:
        """The ``scored`` sentences that no ``covered`` span touches and that read as drift:
        at the lower threshold when the note has other findings, the higher one when not."""
        threshold = self.threshold_beside if beside_findings else self.threshold_alone
        return [
            Reading(x.start, x.end, x.probability, self.category(x.features))
            for x in scored
            if x.probability >= threshold and not any(s < x.end and x.start < e for s, e in covered)
        ]


MODEL_FILE = "reader.json"


def model_bytes() -> bytes:
    """The shipped weights as stored (the scan cache's fingerprint includes them)."""
    return resources.files("peerlint").joinpath("data", MODEL_FILE).read_bytes()


@cache
def shipped_reader() -> SentenceReader:
    """The reader trained on peerlint's gold notes, loaded once per process."""
    return SentenceReader(json.loads(model_bytes()))

"""Throughput and start-up of `peerlint check`, against baselines run in the same process.

1. Batch: lint N notes with the built-in packs, against spaCy's own English tokenizer
   (``spacy.blank("en").tokenizer``), peerlint's tokenizer alone, and the packs without the
   sentence reader's rules (what the reader costs), on the same texts.
2. One note: wall time of ``peerlint check note.txt`` against ``python -c "import spacy"``
   (after one untimed run of each, as on any machine where peerlint has run before).

Machines are shared and noisy, so every figure is the median of several interleaved runs and the
verdicts are ratios. The batch runs on three inputs, because spaCy's tokenizer is very sensitive
to them: generated prose notes (a small vocabulary its cache serves almost entirely), the same
kind of notes with an EHR header line of unique dates and identifiers (cache misses, and spaCy's
URL and special-case matching on each new token), and the gold corpora's hand-written notes
repeated (varied wording, dense with drift: the closest input to real notes).

Usage: python bench/bench_lint.py [--notes 3000] [--runs 5] [--count]

--count reports the matching work per note instead (phrase hits, token-pattern runs and the
tokens they cover): deterministic, for judging a change on a busy machine.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Synthetic notes from slot-filled templates, so vocabulary varies the way real notes do
# (names, places, numbers) and tokenizer caches are not unrealistically warm.
NAMES = [
    *("Dana", "Marcus", "Aisha", "Tomas", "Keisha", "Ravi", "Lupe", "Jordan", "Mei", "Darnell"),
    *("Ines", "Olu", "Priya", "Sam", "Yusuf", "Carmen", "Dmitri", "Ngozi", "Hank", "Rosa"),
    *("Tariq", "Beth", "Kofi", "Lena", "Mateo", "Imani", "Chen", "Farah", "Luis", "Nadia"),
]
PLACES = [
    *("library", "park", "diner", "laundromat", "bus stop", "pharmacy", "food pantry"),
    *("clinic lobby", "drop-in center", "courthouse", "shelter kitchen", "community garden"),
    *("thrift store", "DMV office", "bakery"),
]
ACTIVITIES = [
    *("walked", "cooked", "played cards", "painted", "listened to music", "sorted mail"),
    *("filled out forms", "looked at apartments", "practiced the interview"),
    *("read the bus map", "made a grocery list"),
]
PEER = [
    "{name} and I met at the {place} around {hour}.",
    "We {activity} for about {mins} minutes.",
    "{name} said the voices were loud last night and {pron} barely slept.",
    "I shared what helped me when I first moved into my own place.",
    "{name} decided to call {poss} sister after lunch.",
    "We talked about the job fair on {day} and what {pron} wants to wear.",
    "{name} asked me to come to the {place} with {obj}, so we went together.",
    "{name} said group helped {obj} feel less alone this week.",
    "Next {day} {pron} wants to look at the peer respite flyer together.",
    "{name} laughed about the {hour} bus being late again.",
    "{name} told me {pron} has {mins} dollars left until the {nth}.",
    "We got coffee at the {place} and sat by the window.",
]
DRIFT = [
    "This writer met with pt at the {place} and {pron} presents as guarded.",
    "Team is concerned {name} lacks insight and has been non-compliant with meds.",
    "{name} was agitated and refused to attend group on {day}.",
    "I told {obj} {pron} needs to take {poss} medication as prescribed.",
    "Assessed for SI/HI, {name} denies both.",
    "{name} appeared psychotic at the {place}.",
    "{name} claims {poss} roommate took {mins} dollars.",
    "I will ask {poss} sister to supervise {poss} meds at home.",
]
PRONOUNS = [("she", "her", "her"), ("he", "him", "his"), ("they", "them", "their")]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
DRIFT_RATE = 0.1


def make_notes(count: int, seed: int = 7, ehr_header: bool = False) -> list[str]:
    rng = random.Random(seed)
    notes = []
    for _ in range(count):
        pron, obj, poss = rng.choice(PRONOUNS)
        name = rng.choice(NAMES)
        sentences = []
        for _ in range(rng.randint(6, 14)):
            template = rng.choice(DRIFT if rng.random() < DRIFT_RATE else PEER)
            sentences.append(
                template.format(
                    name=name,
                    pron=pron,
                    obj=obj,
                    poss=poss,
                    place=rng.choice(PLACES),
                    activity=rng.choice(ACTIVITIES),
                    hour=f"{rng.randint(1, 12)}:{rng.choice(['00', '15', '30', '45'])}",
                    mins=rng.randint(5, 90),
                    day=rng.choice(DAYS),
                    nth=f"{rng.randint(1, 28)}th",
                )
            )
        lines, line = [], ""
        for s in sentences:
            line = f"{line} {s}".strip()
            if len(line) > 70:
                lines.append(line)
                line = ""
        body = [*lines, line] if line else lines
        if ehr_header:
            # EHR exports carry unique tokens (dates, times, encounter and room numbers).
            when = f"{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/2026 {rng.randint(7, 19)}:30"
            encounter = rng.randint(10**6, 10**7)
            where = f"encounter #{encounter}, room {rng.randint(1, 9)}W-{rng.randint(1, 40)}"
            body = [f"Visit {when}, {where}", *body]
        notes.append("\n".join(body).strip() + "\n")
    return notes


def gold_notes(count: int) -> list[str]:
    """The hand-written notes of corpora/*/gold.jsonl (dense with drift, varied wording),
    repeated up to ``count``: the closest thing to real notes we have."""
    texts = [
        json.loads(line)["text"]
        for path in sorted(Path(__file__).resolve().parents[1].glob("corpora/*/gold.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    return [texts[i % len(texts)] for i in range(count)]


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def batch(label: str, notes: list[str], runs: int) -> None:
    import spacy

    from peerlint.engine import Engine, default_engine, make_tokenizer

    words = sum(len(n.split()) for n in notes)
    spacy_tok = spacy.blank("en").tokenizer
    own_tok = make_tokenizer()
    engine = default_engine()
    # the same packs without the sentence reader's rules: what the reader costs
    unread = Engine([r for r in engine.rules if r.detector != "sentence-reader"])
    for fn in (spacy_tok, own_tok, engine.lint, unread.lint):  # warm vocabularies and caches
        for n in notes[:200]:
            fn(n)

    results: dict[str, list[float]] = {
        "spacy-tokenizer": [],
        "peerlint-tokenizer": [],
        "peerlint-lint": [],
        "lint-without-reader": [],
    }
    findings = 0
    for _ in range(runs):  # interleaved, so machine noise hits all three alike
        results["spacy-tokenizer"].append(median_seconds(lambda: [spacy_tok(n) for n in notes], 1))
        results["peerlint-tokenizer"].append(median_seconds(lambda: [own_tok(n) for n in notes], 1))
        start = time.perf_counter()
        findings = sum(len(engine.lint(n)) for n in notes)
        results["peerlint-lint"].append(time.perf_counter() - start)
        results["lint-without-reader"].append(
            median_seconds(lambda: [unread.lint(n) for n in notes], 1)
        )

    rules = len(engine.rules)
    print(
        f"batch ({label}): {len(notes)} notes, {words:,} words, {rules} rules, "
        f"{findings:,} findings; median of {runs}"
    )
    med = {k: statistics.median(v) for k, v in results.items()}
    for name, seconds in med.items():
        print(
            f"  {name:<20} {words / seconds:>12,.0f} words/s {len(notes) / seconds:>10,.0f} notes/s"
        )
    ratio = med["spacy-tokenizer"] / med["peerlint-lint"]
    print(
        f"  peerlint lint throughput / spaCy tokenizer throughput = {ratio:.2f}x (target >= 0.6x)"
    )
    reader = med["peerlint-lint"] / med["lint-without-reader"]
    print(f"  lint time with the sentence reader / without = {reader:.2f}x")


def one_note(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        note = Path(tmp, "note.txt")
        note.write_text(make_notes(1, seed=3)[0], encoding="utf-8")
        commands = {
            "import spacy": [sys.executable, "-c", "import spacy"],
            "peerlint check": [sys.executable, "-m", "peerlint", "check", "--exit-zero", str(note)],
        }
        times: dict[str, list[float]] = {k: [] for k in commands}
        for cmd in commands.values():  # warm the OS file cache and peerlint's pack cache
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        for _ in range(runs):
            for name, cmd in commands.items():
                start = time.perf_counter()
                subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
                times[name].append(time.perf_counter() - start)
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"one note: median wall time of {runs} runs")
    for name, seconds in med.items():
        print(f"  {name:<20} {seconds:.3f} s")
    ratio = med["peerlint check"] / med["import spacy"]
    print(f"  peerlint check / import spacy = {ratio:.2f}x (target <= 1.3x)")


def count_work(label: str, notes: list[str]) -> None:
    """The matching work per note, counted rather than timed: the same on any machine, so
    a change to the rules or the engine can be judged on a busy one. Phrase hits are the
    PhraseMatcher's matches (terms, exceptions and pattern anchors); pattern checks are the
    token patterns (and unless patterns) looked at around them; Matcher runs are those that
    got past the required-word guard, and the tokens they covered."""
    from peerlint import engine as engine_module

    engine = engine_module.Engine(engine_module.default_engine().rules)
    counts = {"phrase hits": 0, "pattern checks": 0, "Matcher runs": 0, "tokens matched over": 0}
    phrases = engine._phrases
    guarded = engine_module._GuardedPattern
    build = guarded.matcher.fget
    matches = guarded.matches

    def counted_matches(self: Any, *args: Any) -> Any:
        counts["pattern checks"] += 1
        return matches(self, *args)

    def counted_phrases(doc: Any) -> Any:
        found = phrases(doc)
        counts["phrase hits"] += len(found)
        return found

    def counted_matcher(self: Any) -> Callable[[Any], Any]:
        matcher = build(self)  # type: ignore[misc]

        def run(span: Any) -> Any:
            counts["Matcher runs"] += 1
            counts["tokens matched over"] += len(span)
            return matcher(span)

        return run

    engine._phrases = counted_phrases  # type: ignore[assignment]
    guarded.matcher = property(counted_matcher)  # type: ignore[assignment, method-assign]
    guarded.matches = counted_matches  # type: ignore[method-assign]
    try:
        findings = sum(len(engine.lint(n)) for n in notes)
    finally:
        guarded.matcher = property(build)  # type: ignore[assignment, method-assign]
        guarded.matches = matches  # type: ignore[method-assign]
    per_note = ", ".join(f"{v / len(notes):.1f} {k}" for k, v in counts.items())
    print(f"work ({label}): {len(notes)} notes, {findings:,} findings; per note: {per_note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--count", action="store_true", help="count the matching work instead of timing it"
    )
    args = parser.parse_args()
    if args.count:
        count_work("prose notes", make_notes(args.notes))
        count_work("EHR notes", make_notes(args.notes, ehr_header=True))
        count_work("gold notes", gold_notes(args.notes))
        return
    drift = f"{DRIFT_RATE:.0%} drift sentences"
    batch(f"prose notes, {drift}", make_notes(args.notes), args.runs)
    batch(
        f"EHR notes with an identifier line, {drift}",
        make_notes(args.notes, ehr_header=True),
        args.runs,
    )
    batch("the gold corpora's hand-written notes, repeated", gold_notes(args.notes), args.runs)
    one_note(args.runs)


if __name__ == "__main__":
    main()

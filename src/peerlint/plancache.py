"""Compiled rule plans kept on disk, so start-up skips recompiling unchanged rules.

Turning a rule into matcher entries (spelling variants, word keys, anchors, hashes) is
most of building the engine: ~0.25 s for the built-in packs, a quarter of a one-note
``peerlint check``. A plan is plain data (hash sequences and numbers), stored in one JSON
file under the cache folder and keyed by a SHA-256 of the rule's matching fields and of
the code that compiles them, so an edited rule or a new peerlint is compiled afresh. The
file holds rule plans only, never note text; anything wrong with it only means the rules
are compiled again.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
from array import array
from pathlib import Path
from typing import Any

from peerlint import __version__
from peerlint.packcache import default_cache_dir, write_json
from peerlint.rules import Rule

FILENAME = "plans-v2.json"
# Past this many stored plans, only those in use are kept, so packs being edited do not
# grow the file forever.
MAX_PLANS = 300


def _code_salt() -> bytes:
    """The peerlint version and the source of the modules that decide what a plan holds."""
    from spacy.about import __version__ as spacy_version

    here = Path(__file__).parent
    parts = [__version__.encode(), spacy_version.encode()]
    parts += [(here / name).read_bytes() for name in ("engine.py", "normalize.py")]
    return hashlib.sha256(b"\0".join(parts)).digest()


def fingerprint(rule: Rule, salt: bytes) -> str:
    """What decides a rule's plan: its terms, exact terms, patterns and exceptions.
    ``repr`` is half the cost of ``json.dumps`` here and as exact; the same rule with its
    keys in another order only misses the cache."""
    fields = (rule.terms, rule.exact, rule.patterns, rule.unless)
    return hashlib.sha256(salt + repr(fields).encode()).hexdigest()


# A plan's hash sequences are stored together as base64 of unsigned 64-bit integers, with
# the length of each sequence and the number of sequences in each group: a third the size
# of JSON numbers, and one decode per rule instead of one per pattern.


def encode(plan: dict[str, Any]) -> dict[str, Any]:
    patterns = plan["patterns"]
    groups = [
        plan["terms"],
        plan["exact"],
        plan["except"],
        *(anchors for anchors, _, _, _ in patterns),
        *(required for _, _, _, required in patterns),
        *plan["unless"],
    ]
    sequences = [sequence for group in groups for sequence in group]
    flat = array("Q", [h for sequence in sequences for h in sequence])
    return {
        "hashes": base64.b64encode(flat.tobytes()).decode(),
        "lengths": [len(sequence) for sequence in sequences],
        "groups": [len(group) for group in groups],
        "reach": [[before, after] for _, before, after, _ in patterns],
        "exact_words": plan["exact_words"],
    }


def decode(stored: dict[str, Any]) -> dict[str, Any]:
    flat = array("Q")
    flat.frombytes(base64.b64decode(stored["hashes"], validate=True))
    values = flat.tolist()
    sequences, at = [], 0
    for n in stored["lengths"]:
        sequences.append(values[at : at + n])
        at += n
    groups, at = [], 0
    for n in stored["groups"]:
        groups.append(sequences[at : at + n])
        at += n
    reach = stored["reach"]
    count = len(reach)
    if at != len(sequences) or len(values) != sum(stored["lengths"]) or len(groups) < 3 + 2 * count:
        raise ValueError("the stored sequences do not add up")
    anchors, required = groups[3 : 3 + count], groups[3 + count : 3 + 2 * count]
    return {
        "terms": groups[0],
        "exact": groups[1],
        "except": groups[2],
        "patterns": [(a, b, e, r) for a, (b, e), r in zip(anchors, reach, required, strict=True)],
        "unless": groups[3 + 2 * count :],
        "exact_words": stored["exact_words"],
    }


class PlanCache:
    """The plans on disk, looked up by rule; ``save`` writes them back if any were added."""

    def __init__(self) -> None:
        self.path = default_cache_dir() / FILENAME
        self._plans: dict[str, Any] = {}
        self._used: set[str] = set()
        self._added = False
        try:
            self._salt = _code_salt()
        except OSError:  # sources not on disk (a zipped install): the version alone
            self._salt = __version__.encode()
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                self._plans = loaded
        except (OSError, ValueError, RuntimeError):  # RuntimeError: no home folder
            pass

    def key(self, rule: Rule) -> str:
        key = fingerprint(rule, self._salt)
        self._used.add(key)
        return key

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored plan for a rule key; None when there is none or it is damaged."""
        stored = self._plans.get(key)
        if stored is None:
            return None
        try:
            return decode(stored)
        except (TypeError, ValueError, KeyError, AttributeError):  # damaged
            return None

    def put(self, key: str, plan: dict[str, Any]) -> None:
        self._plans[key] = encode(plan)
        self._added = True

    def drop(self) -> None:
        """Forget every stored plan (one of them could not be used)."""
        self._plans = {}
        self._added = True

    def save(self) -> None:
        if not self._added:
            return
        plans = self._plans
        if len(plans) > MAX_PLANS:
            plans = {k: v for k, v in plans.items() if k in self._used}
        with contextlib.suppress(OSError, RuntimeError, TypeError, ValueError):
            write_json(self.path, plans)

"""Turn a gold markup file into the gold JSONL that `peerlint eval` reads.

Notes are easier to write and review as plain text than as JSON strings with
hand-counted offsets, so the gold sets are authored in a small markup and this
script computes every offset:

    === id: dev-001 | setting: hospital-bridger | style: narrative
    Met with [[pt|depersonalizing]] today. She said "I want to go home."

A line starting with ``=== `` opens a note; ``key: value`` pairs separated by
``|`` become fields. ``[[span|category]]`` marks a drift passage. A note with no
marks is a clean note. Trailing blank lines of a note are dropped.

Usage: python corpora/build_gold.py SOURCE.txt OUT.jsonl
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from peerlint.categories import CATEGORIES

MARK = re.compile(r"\[\[(.+?)\|([a-z-]+)\]\]", re.DOTALL)


def parse_note(header: str, body: str) -> dict[str, object]:
    fields: dict[str, object] = {}
    for part in header.split("|"):
        key, _, value = part.partition(":")
        fields[key.strip()] = value.strip()
    text_parts: list[str] = []
    drift: list[dict[str, object]] = []
    pos = 0
    length = 0
    for m in MARK.finditer(body):
        before = body[pos : m.start()]
        text_parts.append(before)
        length += len(before)
        span, category = m.group(1), m.group(2)
        if category not in CATEGORIES:
            raise ValueError(f"{fields.get('id')}: unknown category {category!r}")
        drift.append(
            {"start": length, "end": length + len(span), "text": span, "category": category}
        )
        text_parts.append(span)
        length += len(span)
        pos = m.end()
    text_parts.append(body[pos:])
    text = "".join(text_parts)
    if "[[" in text or "]]" in text:
        raise ValueError(f"{fields.get('id')}: unbalanced [[ ]] mark")
    fields["text"] = text
    fields["clean"] = not drift
    fields["drift"] = drift
    return fields


def parse(source: str) -> list[dict[str, object]]:
    notes: list[dict[str, object]] = []
    chunks = re.split(r"^=== (.*)\n", source, flags=re.MULTILINE)
    for header, body in zip(chunks[1::2], chunks[2::2], strict=True):
        notes.append(parse_note(header, body.rstrip("\n") + "\n"))
    ids = [n["id"] for n in notes]
    if len(ids) != len(set(ids)):
        raise ValueError("duplicate note ids")
    return notes


def main(argv: list[str]) -> int:
    source, out = Path(argv[1]), Path(argv[2])
    notes = parse(source.read_text(encoding="utf-8"))
    with out.open("w", encoding="utf-8") as fh:
        for note in notes:
            fh.write(json.dumps(note, ensure_ascii=False) + "\n")
    clean = sum(1 for n in notes if n["clean"])
    spans = sum(len(n["drift"]) for n in notes)  # type: ignore[arg-type]
    print(f"{len(notes)} notes ({clean} clean), {spans} drift spans -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""``--format json``: the stable machine contract documented in the README."""

from __future__ import annotations

import json
from typing import Any

from peerlint import __version__
from peerlint.findings import NoteResult, summarize


def note_dict(result: NoteResult) -> dict[str, Any]:
    data: dict[str, Any] = {
        "path": result.path,
        "id": result.id,
        "findings": [f.to_dict() for f in result.findings],
    }
    if result.author is not None:
        data["author"] = result.author
    if result.date is not None:
        data["date"] = result.date
    return data


def render(results: list[NoteResult]) -> str:
    summary = summarize(results)
    del summary["notes_with_findings"]
    document = {
        "version": __version__,
        "notes": [note_dict(r) for r in results],
        "summary": summary,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

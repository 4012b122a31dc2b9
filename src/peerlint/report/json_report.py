"""``--format json``: the stable machine contract documented in the README."""

from __future__ import annotations

import json
from typing import Any

from peerlint import __version__, rewrite
from peerlint.findings import NoteResult, summarize


def note_dict(result: NoteResult, draft: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "path": result.path,
        "id": result.id,
        "findings": [f.to_dict() for f in result.findings],
    }
    if result.author is not None:
        data["author"] = result.author
    if result.date is not None:
        data["date"] = result.date
    if result.signals is not None:
        data["signals"] = result.signals.to_dict()
    if draft and result.findings:
        data["draft"] = rewrite.draft(result.text, result.findings)
    return data


def render(results: list[NoteResult], drafts: bool = False) -> str:
    """The whole run as one JSON document; ``drafts`` adds each note's --rewrite draft."""
    summary = summarize(results)
    del summary["notes_with_findings"]
    document = {
        "version": __version__,
        "notes": [note_dict(r, drafts) for r in results],
        "summary": summary,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

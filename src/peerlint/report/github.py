"""``--format github``: GitHub Actions workflow commands, shown as annotations on the diff.

Chosen automatically when ``GITHUB_ACTIONS=true`` and no ``--format`` is given. Values
are escaped as the Actions runner expects (``%``, CR and LF everywhere; also ``:`` and
``,`` in properties), so a message can never inject another command.
"""

from __future__ import annotations

from collections.abc import Sequence

from peerlint.findings import NoteResult
from peerlint.sources import SourceError

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """Escape a workflow-command message."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a workflow-command property value (file, title)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, properties: dict[str, str], message: str) -> str:
    props = ",".join(f"{k}={escape_property(v)}" for k, v in properties.items())
    return (
        f"::{kind} {props}::{escape_data(message)}"
        if props
        else f"::{kind}::{escape_data(message)}"
    )


def render(results: Sequence[NoteResult], errors: Sequence[SourceError]) -> str:
    """One annotation per finding and per unreadable input."""
    lines: list[str] = []
    for note in results:
        for f in note.findings:
            properties = {"file": note.path}
            if note.id is None:  # a row's line is within its text, not the file
                properties.update(
                    line=str(f.line),
                    col=str(f.column),
                    endLine=str(f.line + f.text.count("\n")),
                )
                if "\n" not in f.text:
                    properties["endColumn"] = str(f.column + len(f.text))
            properties["title"] = f"peerlint {f.rule}"
            where = f"row {note.id}: " if note.id is not None else ""
            message = f"{where}{f.message} (passage: {' '.join(f.text.split())!r})"
            if f.suggestions:
                message += f"\nTry: {f.suggestions[0]}"
            lines.append(_command(_COMMAND[f.level], properties, message))
    for e in errors:
        lines.append(_command("error", {"file": e.where.split(":", 1)[0]}, str(e)))
    return "".join(line + "\n" for line in lines)

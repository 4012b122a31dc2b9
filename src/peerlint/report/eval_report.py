"""Text rendering of ``peerlint eval`` results."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from peerlint.evaluate import Report, Tally


def _row(table: Table, name: str, t: Tally) -> None:
    table.add_row(
        name, str(t.gold), str(t.findings), f"{t.recall:.3f}", f"{t.precision:.3f}", f"{t.f1:.3f}"
    )


def render(
    console: Console, report: Report, details: bool = True, category: str | None = None
) -> None:
    if details:
        for note_id, span in report.missed:
            if category in (None, span.category):
                console.print(f"missed       {note_id}: [{span.category}] {escape(span.text)!r}")
        for note_id, span, finding in report.wrong_category:
            if category in (None, span.category, finding.category):
                console.print(
                    f"wrong cat.   {note_id}: {escape(span.text)!r} gold {span.category}, "
                    f"found {finding.category} ({finding.rule})"
                )
        for note_id, f in report.false_alarms:
            if category in (None, f.category):
                console.print(f"false alarm  {note_id}: [{f.category}/{f.rule}] {escape(f.text)!r}")
    table = Table(title="peerlint eval")
    for column in ("scope", "gold", "found", "recall", "precision", "F1"):
        table.add_column(column, justify="right" if column != "scope" else "left")
    _row(table, "overall (any category)", report.overall)
    _row(table, "overall (category must agree)", report.strict)
    for name, tally in report.by_category.items():
        _row(table, name, tally)
    console.print(table)
    console.print(
        f"{report.notes} notes; {report.clean_notes_flagged} of {report.clean_notes} clean notes "
        "had findings."
    )

"""The terminal summary of ``peerlint scan``: where drift is, by category, staff member and
month, and the phrases behind it, so supervision can address it early."""

from __future__ import annotations

from collections.abc import Callable

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from peerlint.categories import CATEGORIES
from peerlint.summary import ScanSummary, Tally

BAR_WIDTH = 20
MAX_SKIPPED_SHOWN = 10
MAX_STAFF_SHOWN = 30


def _bar(value: float, top: float) -> str:
    cells = round(BAR_WIDTH * value / top) if top else 0
    return "█" * cells if cells or not value else "▏"


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _table(title: str, *columns: str, text_columns: int = 1) -> Table:
    """Columns after the first ``text_columns`` are numbers (right-aligned) except a
    trailing unnamed one, which holds a bar and never wraps."""
    table = Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD)
    for index, column in enumerate(columns):
        if not column:
            table.add_column(column, no_wrap=True, overflow="crop", min_width=BAR_WIDTH)
        else:
            table.add_column(
                column, justify="left" if index < text_columns else "right", overflow="fold"
            )
    return table


def headline(summary: ScanSummary) -> str:
    """One line: notes scanned, notes with drift, findings and the overall rate."""
    total = summary.total
    inputs = _plural(len(summary.inputs), "input")
    span = ""
    if summary.first_date and summary.last_date:
        span = (
            f", {summary.first_date}"
            if summary.first_date == summary.last_date
            else f", {summary.first_date} to {summary.last_date}"
        )
    share = f" ({100 * total.notes_with_findings / total.notes:.0f}%)" if total.notes else ""
    return (
        f"Scanned {_plural(total.notes, 'note')} from {inputs}{span}: "
        f"{total.notes_with_findings:,} with drift{share}, "
        f"{_plural(total.findings, 'finding')} ({total.per_100():.1f} per 100 notes)."
    )


def skipped_lines(summary: ScanSummary) -> list[str]:
    """'2 inputs skipped:' and one line per skipped input (with the reason)."""
    if not summary.skipped:
        return []
    lines = [f"{_plural(len(summary.skipped), 'input')} skipped:"]
    lines += [f"  {error}" for error in summary.skipped[:MAX_SKIPPED_SHOWN]]
    if len(summary.skipped) > MAX_SKIPPED_SHOWN:
        lines.append(f"  … and {len(summary.skipped) - MAX_SKIPPED_SHOWN:,} more")
    return lines


def render(
    console: Console,
    summary: ScanSummary,
    staff_name: Callable[[str], str] = str,
    person_names: Callable[[str], str] = str,
) -> None:
    """Print the whole summary; ``staff_name``/``person_names`` apply ``--redact``."""
    total = summary.total
    console.print(headline(summary), style="bold", highlight=False, soft_wrap=True)
    if total.notes:
        _categories(console, summary)
        _staff(console, summary, staff_name)
        _phrases(console, summary, person_names)
        _months(console, summary)
    for line in skipped_lines(summary):
        console.print(line, markup=False, highlight=False, soft_wrap=True)


def _categories(console: Console, summary: ScanSummary) -> None:
    total = summary.total
    table = _table("Findings by category", "category", "findings", "per 100 notes", "")
    top = max((total.per_100(n) for n in total.by_category.values()), default=0.0)
    for name, category in CATEGORIES.items():
        count = total.by_category.get(name, 0)
        rate = total.per_100(count)
        table.add_row(category.title, f"{count:,}", f"{rate:.1f}", Text(_bar(rate, top), "cyan"))
    console.print(table)


def _most_common(tally: Tally) -> str:
    if not tally.by_category:
        return ""
    name = tally.by_category.most_common(1)[0][0]
    return CATEGORIES[name].title if name in CATEGORIES else name


def _staff(console: Console, summary: ScanSummary, staff_name: Callable[[str], str]) -> None:
    rows = summary.authors()
    table = _table(
        "By staff member",
        "staff",
        "notes",
        "with drift",
        "findings",
        "per 100 notes",
        "most common",
    )
    table.columns[-1].justify = "left"
    for author, tally in rows[:MAX_STAFF_SHOWN]:
        table.add_row(
            staff_name(author),
            f"{tally.notes:,}",
            f"{tally.notes_with_findings:,}",
            f"{tally.findings:,}",
            f"{tally.per_100():.1f}",
            _most_common(tally),
        )
    if len(rows) > MAX_STAFF_SHOWN:
        table.caption = f"… and {len(rows) - MAX_STAFF_SHOWN} more staff members"
    console.print(table)


def _phrases(console: Console, summary: ScanSummary, person_names: Callable[[str], str]) -> None:
    phrases = summary.top_phrases(10)
    if not phrases:
        return
    table = _table("Top phrases", "phrase", "count", "category", "try instead", text_columns=4)
    table.columns[1].justify = "right"
    for phrase in phrases:
        title = CATEGORIES[phrase.category].title if phrase.category in CATEGORIES else ""
        table.add_row(
            person_names(phrase.text),
            f"{phrase.count:,}",
            title,
            phrase.suggestions[0] if phrase.suggestions else "",
        )
    console.print(table)


def _months(console: Console, summary: ScanSummary) -> None:
    months = summary.months()
    if not months:
        return
    table = _table("Trend by month", "month", "notes", "findings", "per 100 notes", "")
    top = max((t.per_100() for _, t in months), default=0.0)
    for month, tally in months:
        rate = tally.per_100()
        table.add_row(
            month,
            f"{tally.notes:,}",
            f"{tally.findings:,}",
            f"{rate:.1f}" if tally.notes else "–",
            Text(_bar(rate, top), "magenta"),
        )
    console.print(table)

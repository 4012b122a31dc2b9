"""Human output for a peer specialist: where, what, why in one line, and a way to say it.

Colour only on a terminal (Rich honours ``NO_COLOR``); the caret line under the
passage makes the highlight visible without colour too.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from peerlint.findings import Finding, NoteResult, summarize

LEVEL_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
# Show at most this many characters of a long line on either side of the passage.
CONTEXT_CHARS = 70


def _excerpt(text: str, finding: Finding) -> tuple[int, str, int, int]:
    """The finding's first line, trimmed around the passage: (line, text, start, end)."""
    line_start = text.rfind("\n", 0, finding.start) + 1
    line_end = text.find("\n", finding.start)
    line_end = len(text) if line_end == -1 else line_end
    line = text[line_start:line_end].rstrip("\r")
    start = finding.start - line_start
    end = min(finding.end - line_start, len(line))
    lo = max(0, start - CONTEXT_CHARS)
    hi = min(len(line), end + CONTEXT_CHARS)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(line) else ""
    shown = prefix + line[lo:hi] + suffix
    offset = len(prefix) - lo
    return finding.line, shown, start + offset, end + offset


def render_finding(console: Console, result: NoteResult, finding: Finding) -> None:
    head = Text()
    head.append(f"{result.label}:{finding.line}:{finding.column}", style="bold")
    head.append(": ")
    head.append(finding.level, style=LEVEL_STYLE[finding.level])
    head.append(f" [{finding.rule}] ", style="magenta")
    head.append(finding.message)
    console.print(head, soft_wrap=True)
    if result.text:
        line_no, shown, start, end = _excerpt(result.text, finding)
        gutter = f"{line_no:>5} │ "
        body = Text(gutter, style="dim")
        body.append(shown[:start])
        body.append(
            shown[start:end], style="bold reverse " + LEVEL_STYLE[finding.level].split()[-1]
        )
        body.append(shown[end:])
        console.print(body, soft_wrap=True, highlight=False)
        carets = " " * (len(gutter) - 2) + "│ " + " " * start + "^" * max(1, end - start)
        console.print(Text(carets, style=LEVEL_STYLE[finding.level]), soft_wrap=True)
    if finding.suggestions:
        tip = Text("      = try: ", style="green")
        first = finding.suggestions[0]
        if finding.fix is not None and first.lower() == finding.fix.replacement.lower():
            tip.append(f'"{finding.fix.replacement}" instead of "{finding.text}"')
            if finding.fix.safe:
                tip.append(" (safe to fix automatically)", style="dim")
        else:
            tip.append(first)
        console.print(tip, soft_wrap=True, highlight=False)


def summary_line(results: list[NoteResult], errors: int = 0) -> str:
    s = summarize(results)
    notes = f"{s['notes']} note{'s' if s['notes'] != 1 else ''}"
    if s["findings"]:
        levels = ", ".join(f"{n} {lvl}" for lvl, n in sorted(s["by_level"].items()))
        line = (
            f"Found {s['findings']} drift passage{'s' if s['findings'] != 1 else ''} ({levels}) "
            f"in {s['notes_with_findings']} of {notes}."
        )
    else:
        line = f"No drift found in {notes}."
    if errors:
        line += f" {errors} input{'s' if errors != 1 else ''} could not be read."
    return line


def render_concerns(console: Console, result: NoteResult) -> None:
    """Note-level signals (first-person voice, the person's words, strengths), at info level."""
    for concern in result.signals.concerns() if result.signals else []:
        head = Text()
        head.append(result.label, style="bold")
        head.append(": ")
        head.append("info", style=LEVEL_STYLE["info"])
        head.append(" [whole note] ", style="magenta")
        head.append(concern)
        console.print(head, soft_wrap=True, highlight=False)


def render(console: Console, results: list[NoteResult], errors: int = 0) -> None:
    for result in results:
        for finding in result.findings:
            render_finding(console, result, finding)
        render_concerns(console, result)
    console.print(summary_line(results, errors), style="bold", highlight=False, soft_wrap=True)

"""``scan --report report.html``: one self-contained page a supervisor can open or share.

Everything is inline: CSS in a ``<style>`` element, charts as inline SVG, no scripts, no
fonts, no images, no links. A Content-Security-Policy ``<meta>`` forbids loading anything
anyway, so the file shows the same offline and cannot leak by fetching.

Charts: findings by category (with the checklist sign each stands for), by staff member
(rate per 100 notes, so staff who write more are not made to look worse) and by month
(stacked by category). Then the top phrases with peer-centric alternatives and a few
example passages per category. With ``redact``, example passages keep only the flagged
phrase and a few words around it, and names become ``Staff N`` / ``Person N``.
"""

from __future__ import annotations

import math
from html import escape

from peerlint import __version__
from peerlint.categories import CATEGORIES
from peerlint.redact import Pseudonyms, few_words, find_names
from peerlint.summary import NO_AUTHOR, Example, ScanSummary, Tally

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
COLORS = {
    "clinical-language": "#0072B2",
    "motive-attribution": "#D55E00",
    "labeling": "#E69F00",
    "depersonalizing": "#CC79A7",
    "directive": "#009E73",
    "deciding-for": "#56B4E9",
    "assessment": "#B8A800",
    "role-drift": "#555555",
}
OTHER_COLOR = "#999999"
MAX_STAFF_IN_CHART = 25
TOP_PHRASES = 15
# Words kept on each side of a flagged phrase in a redacted passage.
REDACT_CONTEXT_WORDS = 4
# Characters kept on each side of a flagged phrase in a passage that is not redacted.
CONTEXT_CHARS = 110

CSS = """
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6474; --line: #d9dde5; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica,
  Arial, sans-serif; color: var(--ink); background: #f6f7f9; }
main { max-width: 980px; margin: 0 auto; padding: 28px 24px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 8px; border-bottom: 2px solid var(--line);
  padding-bottom: 4px; }
h3 { font-size: 16px; margin: 20px 0 6px; }
p.lead, .muted { color: var(--muted); }
.badge { display: inline-block; background: #2d6a4f; color: #fff; border-radius: 4px;
  padding: 1px 8px; font-size: 13px; margin-left: 8px; vertical-align: middle; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr));
  gap: 12px; margin: 18px 0; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.card .value { font-size: 26px; font-weight: 700; }
.card .label { color: var(--muted); font-size: 13px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px;
  padding: 4px 20px 18px; margin: 18px 0; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 8px 0; }
svg.chart text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial,
  sans-serif; fill: var(--ink); }
svg.chart .axis { stroke: #9aa3b2; stroke-width: 1; }
svg.chart .grid { stroke: #e6e9ef; stroke-width: 1; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 14px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { font-size: 13px; color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px;
  margin-right: 6px; vertical-align: baseline; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 13px; margin: 4px 0 8px; }
blockquote { margin: 8px 0; padding: 8px 12px; background: #f8f9fb;
  border-left: 4px solid var(--line); white-space: pre-wrap; }
mark { background: #ffe08a; padding: 0 2px; border-radius: 2px; }
.example { margin: 12px 0 18px; }
.example .meta { color: var(--muted); font-size: 13px; }
.try { color: #2d6a4f; }
code { font-size: 13px; background: #eef1f5; padding: 0 3px; border-radius: 3px; }
footer { color: var(--muted); font-size: 13px; margin-top: 32px; }
@media print { body { background: #fff; } section, .card { break-inside: avoid; } }
"""


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def _color(category: str) -> str:
    return COLORS.get(category, OTHER_COLOR)


def _title(category: str) -> str:
    return CATEGORIES[category].title if category in CATEGORIES else category


def hbar_chart(
    chart_id: str, title: str, rows: list[tuple[str, float, str, str]], unit: str
) -> str:
    """A horizontal bar chart: one row per (label, value, value text, colour)."""
    label_w, value_w, bar_w, row_h, top = 220, 90, 520, 30, 8
    width = label_w + bar_w + value_w
    height = top * 2 + row_h * max(1, len(rows))
    peak = max((v for _, v, _, _ in rows), default=0.0) or 1.0
    parts = [
        f'<svg class="chart" id="{chart_id}" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f"<title>{escape(title)}</title>",
        f'<line class="axis" x1="{label_w}" y1="{top}" x2="{label_w}" y2="{height - top}"></line>',
    ]
    for index, (label, value, shown, color) in enumerate(rows):
        y = top + index * row_h
        length = bar_w * value / peak
        parts.append(
            f'<text class="bar-label" x="{label_w - 8}" y="{y + row_h / 2 + 4:.1f}" '
            f'text-anchor="end">{escape(label)}</text>'
            f'<rect class="bar" data-label="{escape(label)}" data-value="{value:g}" '
            f'x="{label_w}" y="{y + 5}" width="{length:.1f}" height="{row_h - 10}" '
            f'rx="2" fill="{color}"><title>{escape(label)}: {escape(shown)} {unit}</title></rect>'
            f'<text class="bar-value" x="{label_w + length + 6:.1f}" '
            f'y="{y + row_h / 2 + 4:.1f}">{escape(shown)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def month_chart(chart_id: str, months: list[tuple[str, Tally]]) -> str:
    """Vertical bars per month: findings per 100 notes, stacked by category."""
    left, right, top, bottom = 48, 12, 12, 64
    slot = max(22.0, min(96.0, 840 / max(1, len(months))))
    width = int(left + right + slot * len(months))
    plot_h = 240
    height = top + plot_h + bottom
    peak = max((t.per_100() for _, t in months), default=0.0)
    scale_top = _nice_ceiling(peak)
    parts = [
        f'<svg class="chart" id="{chart_id}" role="img" '
        f'aria-label="Findings per 100 notes by month" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">',
        "<title>Findings per 100 notes by month, by category</title>",
    ]
    for step in range(5):
        value = scale_top * step / 4
        y = top + plot_h - plot_h * value / scale_top
        parts.append(
            f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}">'
            f'</line><text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{value:g}</text>'
        )
    parts.append(
        f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{width - right}" '
        f'y2="{top + plot_h}"></line>'
    )
    bar_w = slot * 0.7
    for index, (month, tally) in enumerate(months):
        x = left + index * slot + (slot - bar_w) / 2
        y = top + plot_h
        parts.append(f'<g class="month" data-month="{escape(month)}" data-notes="{tally.notes}">')
        for category in [*CATEGORIES, *sorted(set(tally.by_category) - set(CATEGORIES))]:
            count = tally.by_category.get(category, 0)
            if not count:
                continue
            rate = tally.per_100(count)
            h = plot_h * rate / scale_top
            y -= h
            parts.append(
                f'<rect class="bar" data-category="{escape(category)}" '
                f'data-value="{rate:.2f}" data-count="{count}" x="{x:.1f}" y="{y:.1f}" '
                f'width="{bar_w:.1f}" height="{h:.1f}" fill="{_color(category)}">'
                f"<title>{escape(month)}, {escape(_title(category))}: {count} findings, "
                f"{_fmt(rate)} per 100 notes</title></rect>"
            )
        label_x = x + bar_w / 2
        label_y = top + plot_h + 14
        rotate = f' transform="rotate(-45 {label_x:.1f} {label_y})"' if slot < 56 else ""
        anchor = "end" if rotate else "middle"
        parts.append(
            f'<text class="month-label" x="{label_x:.1f}" y="{label_y}" '
            f'text-anchor="{anchor}"{rotate}>{escape(month)}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _nice_ceiling(value: float) -> float:
    """A round axis maximum at or above ``value``, in four round steps (0, 100, 200...)."""
    if value <= 0:
        return 1.0
    raw = value / 4
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(f * magnitude for f in (1, 2, 2.5, 5, 10) if raw <= f * magnitude)
    return step * 4


class _Namer:
    """Names as the report shows them: as written, or pseudonyms when redacting."""

    def __init__(self, summary: ScanSummary, pseudonyms: Pseudonyms | None) -> None:
        self.pseudonyms = pseudonyms
        self.vocabulary = summary.vocabulary
        if pseudonyms is not None:
            for author in summary.by_author:  # number staff in order of first appearance
                if author != NO_AUTHOR:
                    pseudonyms.staff(author)

    def staff(self, author: str | None) -> str:
        if author is None or author == NO_AUTHOR:
            return NO_AUTHOR
        if self.pseudonyms is None:
            return author
        return self.pseudonyms.staff(author) or NO_AUTHOR

    def text(self, text: str, names: frozenset[str] | None = None) -> str:
        """``text`` with names replaced when redacting; ``names`` None: find them in it."""
        if self.pseudonyms is None:
            return text
        found = find_names(text, self.vocabulary) if names is None else names
        return self.pseudonyms.replace_names(text, found)


def _passage(example: Example, namer: _Namer) -> str:
    if namer.pseudonyms is not None:
        before, cut_before = few_words(example.before, REDACT_CONTEXT_WORDS, from_end=True)
        after, cut_after = few_words(example.after, REDACT_CONTEXT_WORDS, from_end=False)
        before = ("[…] " if cut_before else "") + before
        after = after + (" […]" if cut_after else "")
    else:
        before = example.before[-CONTEXT_CHARS:]
        after = example.after[:CONTEXT_CHARS]
        if len(example.before) > len(before):
            before = "…" + before[before.find(" ") + 1 :]
        if len(example.after) > len(after):
            after = after[: after.rfind(" ")] + "…"
    parts = [namer.text(p, example.names) for p in (before, example.phrase, after)]
    return (
        f"<blockquote>{escape(parts[0])}<mark>{escape(parts[1])}</mark>"
        f"{escape(parts[2])}</blockquote>"
    )


def render(
    summary: ScanSummary,
    generated: str,
    pseudonyms: Pseudonyms | None = None,
    title: str = "Drift in peer support notes",
) -> str:
    """The whole report as one HTML document. ``pseudonyms`` given means ``--redact``."""
    namer = _Namer(summary, pseudonyms)
    total = summary.total
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{escape(title)} — peerlint</title>",
        f"<style>{CSS}</style></head><body><main>",
        f"<h1>{escape(title)}"
        + ('<span class="badge">redacted</span>' if pseudonyms else "")
        + "</h1>",
        f'<p class="lead">Made by peerlint {escape(__version__)} on {escape(generated)}. '
        "A tool for reflection and supervision, not for scoring people: each category "
        "stands for a sign in Pat Deegan's Supervisor Checklist, so supervision can address "
        "drift early, before it becomes normal.</p>",
    ]
    out.append(_cards(summary))
    out.append(_categories_section(summary))
    out.append(_staff_section(summary, namer))
    out.append(_months_section(summary))
    out.append(_phrases_section(summary, namer))
    out.append(_examples_section(summary, namer))
    out.append(_skipped_section(summary, pseudonyms is not None))
    out.append(
        "<footer>Rates are findings per 100 notes. Findings are passages the rules flag; "
        "read them with the note in mind — quoted words of the person are never counted. "
        + (
            "Note text is masked except each flagged phrase and a few words around it; "
            "staff and person names are replaced by pseudonyms."
            if pseudonyms
            else "This report contains note text: share it only where the notes may be seen."
        )
        + f" {total.notes:,} notes.</footer>"
    )
    out.append("</main></body></html>\n")
    return "\n".join(out)


def _cards(summary: ScanSummary) -> str:
    total = summary.total
    share = 100 * total.notes_with_findings / total.notes if total.notes else 0.0
    span = (
        f"{summary.first_date} – {summary.last_date}"
        if summary.first_date and summary.last_date
        else "no dates"
    )
    cards = [
        (f"{total.notes:,}", "notes scanned"),
        (f"{total.notes_with_findings:,}", f"notes with drift ({share:.0f}%)"),
        (f"{total.findings:,}", "findings"),
        (_fmt(total.per_100()), "findings per 100 notes"),
        (escape(span), "months covered"),
    ]
    if summary.skipped:
        cards.append((f"{len(summary.skipped):,}", "inputs skipped"))
    body = "".join(
        f'<div class="card"><div class="value">{v}</div><div class="label">{label}</div></div>'
        for v, label in cards
    )
    return f'<div class="cards" id="key-figures">{body}</div>'


def _categories_section(summary: ScanSummary) -> str:
    total = summary.total
    rows = []
    for name, c in CATEGORIES.items():
        count = total.by_category.get(name, 0)
        rate = total.per_100(count)
        rows.append((c.title, rate, f"{count:,} ({_fmt(rate)})", _color(name)))
    chart = hbar_chart(
        "chart-category", "Findings by category, per 100 notes", rows, "findings (per 100 notes)"
    )
    table = [
        '<table id="table-category"><thead><tr><th>category</th>'
        '<th>supervisor checklist sign</th><th class="num">findings</th>'
        '<th class="num">per 100 notes</th></tr></thead><tbody>'
    ]
    for name, c in CATEGORIES.items():
        count = total.by_category.get(name, 0)
        table.append(
            f'<tr data-category="{name}"><td><span class="swatch" '
            f'style="background:{_color(name)}"></span>{escape(c.title)}</td>'
            f'<td class="sign">{escape(c.checklist_sign)}</td><td class="num">{count:,}</td>'
            f'<td class="num">{_fmt(total.per_100(count))}</td></tr>'
        )
    table.append("</tbody></table>")
    return (
        '<section id="by-category"><h2>Findings by category</h2>'
        '<p class="muted">Count of flagged passages (findings per 100 notes in brackets).</p>'
        + chart
        + "".join(table)
        + "</section>"
    )


def _staff_section(summary: ScanSummary, namer: _Namer) -> str:
    authors = summary.authors()
    shown = authors[:MAX_STAFF_IN_CHART]
    rows = [
        (
            f"{namer.staff(a)} ({t.notes:,} note{'' if t.notes == 1 else 's'})",
            t.per_100(),
            _fmt(t.per_100()),
            "#3b5b92",
        )
        for a, t in shown
    ]
    chart = hbar_chart(
        "chart-staff", "Findings per 100 notes by staff member", rows, "per 100 notes"
    )
    more = (
        f'<p class="muted">Chart shows the {MAX_STAFF_IN_CHART} highest rates; '
        f"the table lists all {len(authors)}.</p>"
        if len(authors) > MAX_STAFF_IN_CHART
        else ""
    )
    table = [
        '<table id="table-staff"><thead><tr><th>staff member</th><th class="num">notes</th>'
        '<th class="num">with drift</th><th class="num">findings</th>'
        '<th class="num">per 100 notes</th><th>most common categories</th></tr></thead><tbody>'
    ]
    for author, tally in authors:
        common = ", ".join(
            f"{escape(_title(c))} ({n})" for c, n in tally.by_category.most_common(3)
        )
        table.append(
            f"<tr><td>{escape(namer.staff(author))}</td><td class='num'>{tally.notes:,}</td>"
            f"<td class='num'>{tally.notes_with_findings:,}</td>"
            f"<td class='num'>{tally.findings:,}</td>"
            f"<td class='num'>{_fmt(tally.per_100())}</td><td>{common}</td></tr>"
        )
    table.append("</tbody></table>")
    return (
        '<section id="by-staff"><h2>By staff member</h2>'
        '<p class="muted">Findings per 100 notes each person wrote, highest first: a starting '
        "point for a supervision conversation, not a score.</p>"
        + chart
        + more
        + "".join(table)
        + "</section>"
    )


def _months_section(summary: ScanSummary) -> str:
    months = summary.months()
    if not months:
        return ""
    present = [c for c in CATEGORIES if summary.total.by_category.get(c)]
    legend = "".join(
        f'<span><span class="swatch" style="background:{_color(c)}"></span>'
        f"{escape(_title(c))}</span>"
        for c in present
    )
    rows = "".join(
        f"<tr><td>{escape(m)}</td><td class='num'>{t.notes:,}</td>"
        f"<td class='num'>{t.findings:,}</td>"
        f"<td class='num'>{_fmt(t.per_100()) if t.notes else '–'}</td></tr>"
        for m, t in months
    )
    return (
        '<section id="by-month"><h2>Trend by month</h2>'
        '<p class="muted">Findings per 100 notes written that month, by category.</p>'
        f'<div class="legend">{legend}</div>'
        + month_chart("chart-month", months)
        + '<table id="table-month"><thead><tr><th>month</th><th class="num">notes</th>'
        '<th class="num">findings</th><th class="num">per 100 notes</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></section>"
    )


def _phrases_section(summary: ScanSummary, namer: _Namer) -> str:
    phrases = summary.top_phrases(TOP_PHRASES)
    if not phrases:
        return ""
    rows = []
    for phrase in phrases:
        tries = "".join(f'<div class="try">{escape(s)}</div>' for s in phrase.suggestions)
        rows.append(
            f"<tr><td><mark>{escape(namer.text(phrase.text))}</mark></td>"
            f"<td class='num'>{phrase.count:,}</td><td>{escape(_title(phrase.category))}</td>"
            f"<td>{tries}</td></tr>"
        )
    return (
        '<section id="top-phrases"><h2>Top phrases and peer-centric alternatives</h2>'
        '<table id="table-phrases"><thead><tr><th>phrase</th><th class="num">count</th>'
        "<th>category</th><th>instead, try</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table><p class='muted'>Words in braces, like <code>{name}</code>, are "
        "for the writer to fill in.</p></section>"
    )


def _examples_section(summary: ScanSummary, namer: _Namer) -> str:
    blocks: list[str] = []
    for name, category in CATEGORIES.items():
        examples = summary.examples.get(name)
        if not examples:
            continue
        blocks.append(
            f'<h3><span class="swatch" style="background:{_color(name)}"></span>'
            f"{escape(category.title)}</h3>"
            f'<p class="muted">Checklist: {escape(category.checklist_sign)}</p>'
        )
        for example in examples:
            meta = [escape(namer.staff(example.author))]
            if namer.pseudonyms is None:
                meta = [escape(example.note), *meta]
                if example.date:
                    meta.append(escape(example.date))
            meta.append(f"<code>{escape(example.rule)}</code>")
            suggestion = (
                f'<div class="try">Instead, try: {escape(example.suggestion)}</div>'
                if example.suggestion
                else ""
            )
            blocks.append(
                f'<div class="example" data-category="{name}">'
                f'<div class="meta">{" · ".join(meta)}</div>'
                f"{_passage(example, namer)}<div>{escape(example.message)}</div>"
                f"{suggestion}</div>"
            )
    if not blocks:
        return ""
    return '<section id="examples"><h2>Example passages</h2>' + "".join(blocks) + "</section>"


def _skipped_section(summary: ScanSummary, redact: bool) -> str:
    """Inputs that could not be read; a redacted report gives only the reasons (file
    names can hold names: the terminal summary names the files for the supervisor)."""
    if not summary.skipped:
        return ""
    items = "".join(
        f"<li>{escape(e.message if redact else str(e))}</li>" for e in summary.skipped[:200]
    )
    more = (
        f"<li>… and {len(summary.skipped) - 200:,} more</li>" if len(summary.skipped) > 200 else ""
    )
    return (
        f'<section id="skipped"><h2>{len(summary.skipped):,} inputs skipped</h2>'
        f'<p class="muted">These could not be read and are not counted above.</p>'
        f"<ul>{items}{more}</ul></section>"
    )

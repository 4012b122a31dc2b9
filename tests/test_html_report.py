"""The HTML report of `peerlint scan`, opened in a real headless Chromium: the charts are in
the rendered DOM with the right bars and labels, and they are painted in the screenshot."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from peerlint.categories import CATEGORIES
from peerlint.cli import app
from peerlint.report.html import COLORS

from .test_scan import AUTHORS, write_export

runner = CliRunner()
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
# A note whose tail lies far from its flagged phrase: shown in full reports, masked in redacted.
TAIL_NOTE = (
    "This writer met Dana at the library on Tuesday, and afterwards we bought oranges, "
    "bread and marmalade near the old station."
)


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEERLINT_CACHE_DIR", str(tmp_path / "cache"))


def make_report(tmp_path: Path, *options: str) -> tuple[Path, dict]:  # type: ignore[type-arg]
    """Scan the generated export (plus TAIL_NOTE) into report.html; also return its JSON."""
    folder = tmp_path / "export"
    write_export(folder)
    # First in the walk, so its passage is the example of its rule.
    (folder / "a-tail.txt").write_text(TAIL_NOTE, encoding="utf-8")
    report = tmp_path / "report.html"
    result = runner.invoke(
        app, ["scan", "--format", "json", "--report", str(report), *options, str(folder)]
    )
    assert result.exit_code == 2, result.output  # the export has unreadable inputs
    return report, json.loads(result.stdout)


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=True)


class Elements(HTMLParser):
    """Every element of a document with its attributes, text and enclosing element ids."""

    VOID = frozenset({"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[dict[str, object]] = []
        self.found: list[dict[str, object]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        element = {
            "tag": tag,
            "attrs": attributes,
            "within": [e["attrs"].get("id", "") for e in self.stack],  # type: ignore[attr-defined]
            "text": "",
        }
        self.found.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break

    def handle_data(self, data: str) -> None:
        """Text goes to the innermost open element (and not to its ancestors)."""
        if self.stack:
            self.stack[-1]["text"] = str(self.stack[-1]["text"]) + data

    def select(self, tag: str, within: str, cls: str | None = None) -> list[dict[str, object]]:
        return [
            e
            for e in self.found
            if e["tag"] == tag
            and within in e["within"]  # type: ignore[operator]
            and (cls is None or cls in e["attrs"].get("class", "").split())  # type: ignore[attr-defined]
        ]


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


def test_report_is_self_contained(tmp_path: Path) -> None:
    report, _ = make_report(tmp_path)
    html = report.read_text(encoding="utf-8")
    lowered = html.lower()
    for forbidden in (
        "<script",
        "http:",
        "https:",
        "//",
        "src=",
        "href=",
        "url(",
        "@import",
        "<link",
        "@font-face",
    ):
        assert forbidden not in lowered.replace("<!--", ""), forbidden
    assert "default-src 'none'" in html  # and the browser is told to load nothing
    assert html.count("<svg") == 3 and "<style>" in html


@needs_chromium
def test_charts_render_in_chromium(tmp_path: Path) -> None:
    report, data = make_report(tmp_path)
    summary = data["summary"]
    dom = chromium(tmp_path, "--dump-dom", report.as_uri()).stdout
    page = parse(dom)
    notes = summary["notes"]

    # By category: one bar per checklist category, length = findings per 100 notes.
    bars = page.select("rect", "chart-category", "bar")
    assert [b["attrs"]["data-label"] for b in bars] == [c.title for c in CATEGORIES.values()]  # type: ignore[index]
    for bar, name in zip(bars, CATEGORIES, strict=True):
        want = 100 * summary["by_category"].get(name, 0) / notes
        assert float(bar["attrs"]["data-value"]) == pytest.approx(want, abs=1e-3)  # type: ignore[index]
        assert bar["attrs"]["fill"] == COLORS[name]  # type: ignore[index]
    widths = [float(b["attrs"]["width"]) for b in bars]  # type: ignore[index]
    top = max(range(len(bars)), key=lambda i: widths[i])
    assert widths[top] > 400 and min(widths) >= 0
    assert {str(t["text"]) for t in page.select("text", "chart-category", "bar-label")} == {
        c.title for c in CATEGORIES.values()
    }
    # The checklist sign of every category is in the report.
    signs = [str(td["text"]) for td in page.select("td", "table-category", "sign")]
    assert signs == [c.checklist_sign for c in CATEGORIES.values()]

    # By staff member: one bar per author, rate per 100 notes, highest first.
    staff = page.select("rect", "chart-staff", "bar")
    labels = [str(b["attrs"]["data-label"]) for b in staff]  # type: ignore[index]
    assert sorted(label.split(" (")[0] for label in labels) == sorted([*AUTHORS, "(no author)"])
    rates = [float(b["attrs"]["data-value"]) for b in staff]  # type: ignore[index]
    assert rates == sorted(rates, reverse=True)
    for label, rate in zip(labels, rates, strict=True):
        author = summary["by_author"][label.split(" (")[0]]
        assert rate == pytest.approx(author["per_100_notes"], abs=0.05)
        plural = "" if author["notes"] == 1 else "s"
        assert label.endswith(f"({author['notes']} note{plural})")

    # By month: a stacked bar per month, the empty month included, counts adding up.
    months = page.select("g", "chart-month", "month")
    dated = [m for m in summary["by_month"] if m != "(no date)"]
    assert [m["attrs"]["data-month"] for m in months] == [*dated, "(no date)"]  # type: ignore[index]
    for month in dated:
        segments = [
            e
            for e in page.found
            if e["tag"] == "rect"
            and "bar" in e["attrs"].get("class", "")  # type: ignore[attr-defined]
            and "chart-month" in e["within"]  # type: ignore[operator]
            and e["attrs"].get("data-category")  # type: ignore[attr-defined]
            and _month_of(page, e) == month
        ]
        assert (
            sum(int(s["attrs"]["data-count"]) for s in segments)
            == summary["by_month"][month]["findings"]
        )  # type: ignore[index]
    assert {str(t["text"]) for t in page.select("text", "chart-month", "month-label")} >= set(dated)

    # Top phrases with alternatives, and example passages with the phrase marked.
    phrases = " ".join(str(e["text"]) for e in page.select("mark", "top-phrases"))
    assert "lacks insight" in phrases.lower()
    assert page.select("div", "top-phrases", "try")
    assert len(page.select("mark", "examples")) >= 4
    assert "marmalade" in dom  # not redacted: the passage keeps its context

    # The screenshot shows the bars painted in their category colours.
    shot = tmp_path / "report.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1000,2600", report.as_uri())
    from PIL import Image

    with Image.open(shot) as image:
        assert image.size == (1000, 2600)
        colours = {rgb: n for n, rgb in image.convert("RGB").getcolors(maxcolors=1 << 24) or []}
    for name in ("clinical-language", "depersonalizing"):
        assert summary["by_category"][name] > 0
        rgb = tuple(int(COLORS[name][i : i + 2], 16) for i in (1, 3, 5))
        assert colours.get(rgb, 0) > 2000, name  # a solid bar, not a stray pixel
    assert colours.get((0x3B, 0x5B, 0x92), 0) > 2000  # staff bars
    assert len(colours) > 50  # text was drawn (anti-aliasing), not a blank page


def _month_of(page: Elements, element: dict[str, object]) -> str:
    index = page.found.index(element)
    for previous in reversed(page.found[:index]):
        if previous["tag"] == "g":
            return str(previous["attrs"]["data-month"])  # type: ignore[index]
    return ""


@needs_chromium
def test_redacted_report_masks_text_and_names(tmp_path: Path) -> None:
    report, _ = make_report(tmp_path, "--redact")
    html = report.read_text(encoding="utf-8")
    for secret in (
        *AUTHORS,
        "Ruiz",
        "Dana",
        "Marcus",
        "Rosa",
        "marmalade",
        "station",
        "export.jsonl",
    ):
        assert secret not in html, secret
    dom = chromium(tmp_path, "--dump-dom", report.as_uri()).stdout
    page = parse(dom)
    labels = [str(b["attrs"]["data-label"]) for b in page.select("rect", "chart-staff", "bar")]  # type: ignore[index]
    assert sorted(re.sub(r" \(\d.*", "", label) for label in labels) == [
        "(no author)",
        "Staff 1",
        "Staff 2",
        "Staff 3",
    ]
    passages = [str(b["text"]) for b in page.select("blockquote", "examples")]
    assert passages and any("Person " in p for p in passages)
    marks = [str(m["text"]).lower() for m in page.select("mark", "examples")]
    assert "this writer" in marks  # the flagged phrase itself stays
    assert "redacted" in dom

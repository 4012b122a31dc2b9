"""`peerlint scan`: a generated export with several authors across months, bad inputs that are
listed but never stop the scan, the JSON/CSV/text outputs, the cache and worker processes."""

from __future__ import annotations

import base64
import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from peerlint.cache import DB_NAME
from peerlint.cli import app
from peerlint.engine import default_engine
from peerlint.findings import NoteResult
from peerlint.rules import load_packs
from peerlint.scan import ScanOptions, scan
from peerlint.sources import SourceError

runner = CliRunner()

AUTHORS = ("Ana Ruiz", "Ben Okafor", "Cleo Ward")
# Months with a gap (2024-03 has no notes): the trend must show it, not skip it.
MONTHS = ("2024-01", "2024-02", "2024-04")
TEXTS = (
    "This writer met with Dana at the library. Dana lacks insight about her meds.",
    "Dana and I walked to the park. She said group helped her feel less alone.",
    "Marcus was manipulative with staff and refused to attend group.",
    "Marcus and I made a grocery list together; he chose the bus route.",
    "This writer met Marcus at the diner. He lacks insight, team says.",
    "Dana asked me to come to the pantry with her, so we went together.",
)


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the user's own cache folder."""
    monkeypatch.setenv("PEERLINT_CACHE_DIR", str(tmp_path / "cache"))


def write_export(folder: Path, bad_inputs: bool = True) -> list[dict[str, str]]:
    """An EHR-like export: JSONL rows, a cp1252 CSV with US dates, a FHIR Bundle.
    Returns the readable notes as dicts (id, author, date as written, month, text)."""
    folder.mkdir(parents=True, exist_ok=True)
    notes: list[dict[str, str]] = []
    rows = []
    for index in range(18):
        note = {
            "id": f"n{index}",
            "author": AUTHORS[index % 3],
            "date": f"{MONTHS[index % 3]}-{10 + index:02d}",
            "text": TEXTS[index % len(TEXTS)],
        }
        rows.append(json.dumps(note))
        notes.append({**note, "month": MONTHS[index % 3]})
    if bad_inputs:
        rows.insert(5, "{this is not json")
    (folder / "export.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")

    csv_rows = [
        (
            "c1",
            "Café visit: this writer met Rosa; she lacks insight – team agrees.",
            "Cleo Ward",
            "4/2/2024",
        ),
        (
            "c2",
            "Rosa and I cooked soup at the café and talked about her plans.",
            "Ana Ruiz",
            "1/30/2024",
        ),
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["id", "text", "author", "date"])
    writer.writerows(csv_rows)
    (folder / "sub").mkdir(exist_ok=True)
    (folder / "sub" / "legacy.csv").write_bytes(buffer.getvalue().encode("cp1252"))
    for note_id, text, author, date in csv_rows:
        month, _, year = date.partition("/")[0], None, date.rsplit("/", 1)[1]
        notes.append(
            {
                "id": note_id,
                "author": author,
                "date": date,
                "month": f"{year}-{int(month):02d}",
                "text": text,
            }
        )

    def document(doc_id: str, text: str, author: str, date: str) -> dict[str, object]:
        return {
            "resourceType": "DocumentReference",
            "id": doc_id,
            "date": date,
            "author": [{"reference": "Practitioner/1", "display": author}],
            "content": [
                {
                    "attachment": {
                        "contentType": "text/plain; charset=utf-8",
                        "data": base64.b64encode(text.encode()).decode(),
                    }
                }
            ],
        }

    fhir = [
        (
            "d1",
            "Pt was manipulative today. This writer will follow up.",
            "Ben Okafor",
            "2024-02-03T09:30:00Z",
        ),
        (
            "d2",
            "Marcus and I met at the library and looked at job listings.",
            "Ben Okafor",
            "2024-04-09",
        ),
    ]
    entries: list[dict[str, object]] = [{"resource": document(*f)} for f in fhir]
    if bad_inputs:
        entries.append({"resource": {"resourceType": "Patient", "id": "p1"}})
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": entries}
    (folder / "fhir-bundle.json").write_text(json.dumps(bundle), encoding="utf-8")
    for doc_id, text, author, date in fhir:
        notes.append(
            {"id": doc_id, "author": author, "date": date, "month": date[:7], "text": text}
        )
    if bad_inputs:
        (folder / "broken.json").write_text('{"resourceType": "Bundle", ', encoding="utf-8")
    return notes


def expected(notes: list[dict[str, str]]) -> dict[str, object]:
    """Counts computed independently of the scan, with the engine as the oracle."""
    engine = default_engine()
    by_author: dict[str, Counter[str]] = {}
    by_month: dict[str, Counter[str]] = {}
    by_category: Counter[str] = Counter()
    for note in notes:
        findings = engine.lint(note["text"])
        for group, key in ((by_author, note["author"]), (by_month, note["month"])):
            tally = group.setdefault(key, Counter())
            tally["notes"] += 1
            tally["findings"] += len(findings)
            tally["notes_with_findings"] += bool(findings)
        by_category.update(f.category for f in findings)
    return {"by_author": by_author, "by_month": by_month, "by_category": by_category}


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["scan", *args])


def test_json_counts_by_author_month_and_category(tmp_path: Path) -> None:
    notes = write_export(tmp_path / "export")
    result = run("--format", "json", str(tmp_path / "export"))
    assert result.exit_code == 2  # some inputs could not be read
    data = json.loads(result.stdout)
    want = expected(notes)

    assert len(data["notes"]) == len(notes) == 22
    assert data["summary"]["notes"] == 22
    by_id = {n["id"]: n for n in data["notes"]}
    for note in notes:
        scanned = by_id[note["id"]]
        assert scanned["author"] == note["author"] and scanned["date"] == note["date"]
        for f in scanned["findings"]:  # the check contract: offsets into the note text
            assert note["text"][f["start"] : f["end"]] == f["text"]
    assert data["summary"]["by_category"] == dict(want["by_category"])  # type: ignore[arg-type]
    assert data["summary"]["findings"] == sum(want["by_category"].values())  # type: ignore[attr-defined]
    for author, tally in want["by_author"].items():  # type: ignore[attr-defined]
        got = data["summary"]["by_author"][author]
        assert (got["notes"], got["findings"], got["notes_with_findings"]) == (
            tally["notes"],
            tally["findings"],
            tally["notes_with_findings"],
        )
        assert got["per_100_notes"] == round(100 * tally["findings"] / tally["notes"], 1)
    months = data["summary"]["by_month"]
    assert list(months) == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert months["2024-03"]["notes"] == 0  # the gap is shown
    for month, tally in want["by_month"].items():  # type: ignore[attr-defined]
        assert (months[month]["notes"], months[month]["findings"]) == (
            tally["notes"],
            tally["findings"],
        )
    # The shipped rules find what the README promises on this export.
    assert data["summary"]["by_category"]["depersonalizing"] >= 6
    assert data["summary"]["by_category"]["clinical-language"] >= 6
    skipped = {s["where"].rsplit("/", 1)[-1]: s["message"] for s in data["summary"]["skipped"]}
    assert skipped == {
        "export.jsonl:6": skipped["export.jsonl:6"],
        "fhir-bundle.json#entry3": "FHIR Patient resource, not a DocumentReference",
        "broken.json:1": skipped["broken.json:1"],
    }
    assert skipped["export.jsonl:6"].startswith("not valid JSON")
    assert skipped["broken.json:1"].startswith("not valid JSON")


def test_text_summary_lists_counts_staff_months_phrases_and_skipped_inputs(tmp_path: Path) -> None:
    notes = write_export(tmp_path / "export")
    result = run(str(tmp_path / "export"))
    assert result.exit_code == 2
    out = result.stdout
    with_drift = sum(1 for n in notes if default_engine().lint(n["text"]))
    assert out.startswith(
        f"Scanned 22 notes from 3 inputs, 2024-01 to 2024-04: {with_drift} with drift"
    )
    for heading in ("Findings by category", "By staff member", "Top phrases", "Trend by month"):
        assert heading in out
    for author in AUTHORS:
        assert author in out
    assert "2024-03" in out and "lacks insight" in out
    assert "3 inputs skipped:" in out
    assert "fhir-bundle.json#entry3: FHIR Patient resource, not a DocumentReference" in out
    assert "Traceback" not in result.output


def test_clean_readable_inputs_exit_zero(tmp_path: Path) -> None:
    write_export(tmp_path / "export", bad_inputs=False)
    result = run(str(tmp_path / "export"))
    assert result.exit_code == 0, result.output
    assert "skipped" not in result.stdout


def test_csv_has_one_row_per_finding_and_guards_formulas(tmp_path: Path) -> None:
    notes = write_export(tmp_path / "export", bad_inputs=False)
    rows_jsonl = tmp_path / "formula.jsonl"
    rows_jsonl.write_text(
        json.dumps({"id": "f1", "author": "=HYPERLINK(1)", "text": "This writer met Dana."}) + "\n"
    )
    result = run("--format", "csv", str(tmp_path / "export"), str(rows_jsonl))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    engine = default_engine()
    assert len(rows) == sum(len(engine.lint(n["text"])) for n in notes) + 1
    assert set(rows[0]) >= {
        "path",
        "id",
        "author",
        "date",
        "rule",
        "category",
        "line",
        "text",
        "suggestion",
    }
    formula = [r for r in rows if r["id"] == "f1"]
    assert formula and formula[0]["author"] == "'=HYPERLINK(1)"
    assert {r["rule"] for r in rows if r["text"].lower() == "this writer"} == {"this-writer"}


def test_output_option_writes_the_format_to_a_file(tmp_path: Path) -> None:
    write_export(tmp_path / "export", bad_inputs=False)
    target = tmp_path / "out.json"
    result = run("--format", "json", "-o", str(target), str(tmp_path / "export"))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text())["summary"]["notes"] == 22


def collect(
    targets: list[str], options: ScanOptions
) -> tuple[list[NoteResult], list[SourceError], object]:
    results: list[NoteResult] = []
    errors: list[SourceError] = []
    rules = [r for p in load_packs() for r in p.rules]
    stats = scan(rules, targets, options, results.append, errors.append)
    return results, errors, stats


def test_cache_makes_rescans_reuse_findings_and_stores_no_note_text(tmp_path: Path) -> None:
    write_export(tmp_path / "export")
    cache = tmp_path / "mycache"
    options = ScanOptions(cache_dir=cache)
    first, errors, stats1 = collect([str(tmp_path / "export")], options)
    second, errors2, stats2 = collect([str(tmp_path / "export")], options)
    assert stats1.from_cache == 0 and stats1.linted == 22  # type: ignore[attr-defined]
    assert stats2.from_cache == 22 and stats2.linted == 0  # type: ignore[attr-defined]
    assert [r.findings for r in first] == [r.findings for r in second]  # rebuilt identically
    assert [str(e) for e in errors] == [str(e) for e in errors2]
    stored = b"".join(p.read_bytes() for p in cache.rglob("*") if p.is_file())
    assert (cache / DB_NAME).exists()
    for word in (b"library", b"grocery", b"pantry", b"Dana", b"Marcus", b"Ruiz", b"2024"):
        assert word not in stored  # only hashes, rule ids and offsets
    assert b"this-writer" in stored  # what it does store

    # A changed note is linted again; other rules (a new fingerprint) do not reuse entries.
    (tmp_path / "export" / "fhir-bundle.json").unlink()
    third, _, stats3 = collect([str(tmp_path / "export")], options)
    assert stats3.linted == 0 and len(third) == 20  # type: ignore[attr-defined]
    rules = [r for p in load_packs() for r in p.rules][:-1]
    stats4 = scan(rules, [str(tmp_path / "export")], options, lambda r: None, lambda e: None)
    assert stats4.linted == 20 and stats4.from_cache == 0


def test_no_cache_writes_nothing_and_a_broken_cache_never_fails_the_scan(tmp_path: Path) -> None:
    write_export(tmp_path / "export", bad_inputs=False)
    assert (
        run("--no-cache", "--cache-dir", str(tmp_path / "c1"), str(tmp_path / "export")).exit_code
        == 0
    )
    assert not (tmp_path / "c1").exists()
    broken = tmp_path / "c2"
    broken.mkdir()
    (broken / DB_NAME).write_bytes(b"this is not a database" * 100)
    result = run("--cache-dir", str(broken), str(tmp_path / "export"))
    assert result.exit_code == 0
    assert "warning: cache turned off" in result.output
    assert result.stdout.startswith("Scanned 22 notes")


def test_worker_processes_give_the_same_results(tmp_path: Path) -> None:
    rows = [
        json.dumps(
            {
                "id": str(i),
                "author": AUTHORS[i % 3],
                "date": "2024-05-01",
                "text": TEXTS[i % len(TEXTS)] + f" Note {i}.",
            }
        )
        for i in range(700)
    ]
    (tmp_path / "big.jsonl").write_text("\n".join(rows) + "\n")
    one, _, _ = collect([str(tmp_path / "big.jsonl")], ScanOptions(use_cache=False, jobs=1))
    two, _, stats = collect([str(tmp_path / "big.jsonl")], ScanOptions(use_cache=False, jobs=2))
    assert stats.jobs == 2 and stats.in_workers == 700  # type: ignore[attr-defined]
    assert [(r.id, r.findings) for r in one] == [(r.id, r.findings) for r in two]
    assert sum(len(r.findings) for r in one) >= 600


def test_include_and_exclude_globs(tmp_path: Path) -> None:
    write_export(tmp_path / "export")
    only_csv = json.loads(run("-f", "json", "--include", "*.csv", str(tmp_path / "export")).stdout)
    assert {n["id"] for n in only_csv["notes"]} == {"c1", "c2"}
    without = run("-f", "json", "--exclude", "sub", "--exclude", "*.json", str(tmp_path / "export"))
    assert without.exit_code == 2  # the bad JSONL line is still read
    assert {n["path"].rsplit("/", 1)[-1] for n in json.loads(without.stdout)["notes"]} == {
        "export.jsonl"
    }


def test_redact_uses_stable_staff_pseudonyms_in_json(tmp_path: Path) -> None:
    write_export(tmp_path / "export", bad_inputs=False)
    data = json.loads(run("-f", "json", "--redact", str(tmp_path / "export")).stdout)
    authors = {n["author"] for n in data["notes"]}
    assert authors == {"Staff 1", "Staff 2", "Staff 3"}
    assert set(data["summary"]["by_author"]) == authors
    text = json.dumps(data)
    for name in (*AUTHORS, "Dana", "Marcus", "Rosa"):
        assert name not in text
    # Stable: the same author is the same pseudonym in every note.
    plain = json.loads(run("-f", "json", str(tmp_path / "export")).stdout)
    pairs = {(a["author"], b["author"]) for a, b in zip(plain["notes"], data["notes"], strict=True)}
    assert len(pairs) == 3 and len({p[1] for p in pairs}) == 3


def test_usage_errors_are_one_line(tmp_path: Path) -> None:
    result = run("--select", "no-such-rule", str(tmp_path))
    assert result.exit_code == 2 and "unknown rule or category" in result.output
    result = run("--report", str(tmp_path), str(tmp_path))
    assert result.exit_code == 2 and "is a folder" in result.output
    missing = run(str(tmp_path / "nope"))
    assert missing.exit_code == 2 and "nope: no such file or folder" in missing.stdout


def test_top_phrases_fold_case_spacing_and_a_final_period() -> None:
    from peerlint.summary import ScanSummary

    summary = ScanSummary()
    for text in ("Met pt at noon.", "Pt was late.", "Saw the pt.", "Met pt\n again."):
        summary.add(
            NoteResult(path="n.txt", text=text, findings=tuple(default_engine().lint(text)))
        )
    assert [(p.text, p.count) for p in summary.top_phrases()] == [("pt", 4)]

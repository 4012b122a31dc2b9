"""Machine formats: SARIF 2.1.0 (schema-validated), JUnit XML, GitHub annotations, --output."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from peerlint.report.github import escape_data, escape_property

from .conftest import ROOT
from .hook_support import project, run

SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
NOTE = "John and this writer met today.\nShe lacks\ninsight. She refused lunch.\n"


def _inputs(root: Path) -> tuple[Path, Path]:
    note = root / "visit, 1: note.txt"  # a name that needs escaping in annotations
    note.write_text(NOTE, encoding="utf-8")
    rows = root / "rows.jsonl"
    rows.write_text(
        json.dumps({"id": "r1", "text": "I met the client."}) + "\n" + "{broken\n", "utf-8"
    )
    return note, rows


def test_sarif_validates_against_the_official_schema(tmp_path: Path) -> None:
    if not SCHEMA.parent.is_dir():
        pytest.skip("../shared/schemas is not present here (CI has it)")
    import jsonschema

    root = project(tmp_path)
    note, rows = _inputs(root)
    result = run("check", "-f", "sarif", str(note), str(rows))
    assert result.exit_code == 2  # the broken row
    log = json.loads(result.stdout)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(log, schema, cls=jsonschema.Draft7Validator)

    (sarif_run,) = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    results = sarif_run["results"]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    by_rule = {r["ruleId"]: r for r in results}
    assert set(by_rule) == {"writer-t", "insight-t", "refused-t", "client-t"}
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    writer = by_rule["writer-t"]
    region = writer["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (1, 10, 21)
    assert region["snippet"]["text"] == "this writer"
    assert writer["level"] == "warning" and by_rule["insight-t"]["level"] == "error"
    assert by_rule["client-t"]["level"] == "note"
    replacement = writer["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == "I"
    row = by_rule["client-t"]["locations"][0]
    assert row["logicalLocations"] == [{"name": "r1", "kind": "object"}]
    assert "fixes" not in by_rule["client-t"]
    notes = sarif_run["invocations"][0]["toolExecutionNotifications"]
    assert sarif_run["invocations"][0]["executionSuccessful"] is False
    assert notes[0]["message"]["text"].startswith("not valid JSON")
    # Fingerprints let code scanning track a finding across runs.
    assert len({r["partialFingerprints"]["peerlintFinding/v1"] for r in results}) == 4


def test_junit_xml_parses_and_counts(tmp_path: Path) -> None:
    root = project(tmp_path)
    note, rows = _inputs(root)
    clean = root / "clean.txt"
    clean.write_text("I met John in the park.\n", encoding="utf-8")
    result = run("check", "-f", "junit", str(note), str(rows), str(clean))
    assert result.exit_code == 2
    suites = ET.fromstring(result.stdout)
    assert suites.tag == "testsuites"
    assert (suites.get("tests"), suites.get("failures"), suites.get("errors")) == ("6", "4", "1")
    by_name = {s.get("name"): s for s in suites}
    failures = by_name[str(note)].findall("testcase/failure")
    assert [f.get("message") for f in failures] == [
        "Write in first person.",
        "Clinical idiom.",
        "Label: 'refused' casts a choice as defiance.",
    ]
    assert "passage: lacks insight" in (failures[1].text or "")
    assert by_name[f"{rows}#r1"].find("testcase/failure") is not None
    clean_cases = by_name[str(clean)].findall("testcase")
    assert len(clean_cases) == 1 and clean_cases[0].find("failure") is None
    error = by_name["unreadable inputs"].find("testcase/error")
    assert error is not None and error.get("message", "").startswith("not valid JSON")


def test_github_annotations_are_escaped(tmp_path: Path) -> None:
    root = project(tmp_path)
    note, rows = _inputs(root)
    result = run("check", "-f", "github", str(note), str(rows))
    lines = result.stdout.splitlines()
    file_prop = str(note).replace(":", "%3A").replace(",", "%2C")
    assert lines[0] == (
        f"::warning file={file_prop},line=1,col=10,endLine=1,endColumn=21,"
        "title=peerlint writer-t::Write in first person. (passage: 'this writer')%0ATry: I"
    )
    # A passage across a line break: an end line, folded in the message, no raw newline.
    assert lines[1].startswith(
        f"::error file={file_prop},line=2,col=5,endLine=3,title=peerlint insight-t::"
    )
    assert "(passage: 'lacks insight')" in lines[1]
    assert "line=3,col=14,endLine=3,endColumn=21,title=peerlint refused-t::" in lines[2]
    assert lines[3].startswith(f"::notice file={rows},title=peerlint client-t::row r1: ")
    assert lines[4].startswith(f"::error file={rows}::{rows}:2: not valid JSON")
    assert len(lines) == 5


def test_escaping_rules() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    # A message can never start a second workflow command on its own line.
    assert "\n" not in escape_data("x\n::error::injected")


def test_github_format_is_the_default_inside_github_actions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project(tmp_path)
    note = root / "n.txt"
    note.write_text(NOTE, encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run("check", str(note)).stdout.startswith("::warning file=")
    assert run("check", "-f", "text", str(note)).stdout.startswith(f"{note}:1:10: warning")
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert run("check", str(note)).stdout.startswith(f"{note}:1:10: warning")


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github"])
def test_output_writes_the_report_to_a_file(tmp_path: Path, fmt: str) -> None:
    root = project(tmp_path / "notes")
    note = root / "n.txt"
    note.write_text(NOTE, encoding="utf-8")
    target = tmp_path / f"report.{fmt}"
    result = run("check", "-f", fmt, "--output", str(target), str(note))
    assert result.exit_code == 1
    assert result.stdout == ""
    body = target.read_text(encoding="utf-8")
    assert "\x1b[" not in body
    expected = {
        "text": "[writer-t]",
        "json": '"rule": "writer-t"',
        "sarif": '"ruleId": "writer-t"',
        "junit": 'name="writer-t at 1:10"',
        "github": "title=peerlint writer-t",
    }[fmt]
    assert expected in body


def test_output_to_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    project(tmp_path)
    result = run("check", "--output", str(tmp_path), str(tmp_path))
    assert result.exit_code == 2 and "is a folder" in result.stderr


def test_json_contract_is_unchanged_by_the_new_options(tmp_path: Path) -> None:
    root = project(tmp_path)
    note = root / "n.txt"
    note.write_text(NOTE, encoding="utf-8")
    data = json.loads(run("check", "-f", "json", str(note)).stdout)
    for finding in data["notes"][0]["findings"]:
        assert NOTE[finding["start"] : finding["end"]] == finding["text"]
    assert data["summary"]["findings"] == 3

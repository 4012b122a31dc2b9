"""Baselines: record today's findings; later checks report only new ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from peerlint.baseline import BASELINE_NAME, Baseline, fingerprints
from peerlint.findings import Finding

from .hook_support import check_json, project, rules_found, run

NOTE = "Met Sam at the library.\nThis writer asked about lunch. He refused.\nWe walked.\n"


def _finding(text: str, phrase: str, rule: str = "r", nth: int = 0) -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Finding(rule, "labeling", "warning", start, start + len(phrase), 1, 1, phrase, "m")


def test_fingerprints_survive_unrelated_edits() -> None:
    before = NOTE
    after = "Visit 3.\n\nMet Sam at the big library on Tuesday.\nThis writer asked about lunch. He refused.\nWe walked home.\n"
    fp_before = fingerprints(before, [_finding(before, "refused")])
    fp_after = fingerprints(after, [_finding(after, "refused")])
    assert fp_before == fp_after  # lines and offsets moved; the passage did not
    changed = NOTE.replace("He refused.", "Sam refused.")
    assert fingerprints(changed, [_finding(changed, "refused")]) != fp_before


def test_fingerprints_are_case_and_whitespace_insensitive_and_count_occurrences() -> None:
    text = "He refused. He refused."
    fps = fingerprints(text, [_finding(text, "refused"), _finding(text, "refused", nth=1)])
    assert len(set(fps)) == 2  # same passage and context: told apart by occurrence
    other = "HE  REFUSED. He refused."
    assert fingerprints(other, [_finding(other, "REFUSED")])[0] == fps[0]


def test_baseline_then_check_reports_only_new_findings(tmp_path: Path) -> None:
    root = project(tmp_path)
    note = root / "n.txt"
    note.write_text(NOTE, encoding="utf-8")
    result = run("baseline", str(root))
    assert result.exit_code == 0, result.output
    assert f"Recorded 2 finding(s) in {root / BASELINE_NAME}" in result.stdout
    code, report = check_json(str(note))
    assert code == 0 and rules_found(report) == []
    # An unrelated edit: still nothing new.
    note.write_text("Tuesday.\n" + NOTE.replace("We walked.", "We walked to the park."), "utf-8")
    code, report = check_json(str(note))
    assert code == 0 and rules_found(report) == []
    # New drift is reported, and only it.
    note.write_text(NOTE + "She lacks insight. He refused again.\n", encoding="utf-8")
    code, report = check_json(str(note))
    assert code == 1
    found = report["notes"][0]["findings"]
    assert [(f["rule"], f["line"]) for f in found] == [("insight-t", 4), ("refused-t", 4)]
    # --no-baseline shows everything; the text report says how many are hidden.
    _, report = check_json("--no-baseline", str(note))
    assert len(rules_found(report)) == 4
    text = run("check", str(note)).stdout
    assert "2 known findings hidden by the baseline" in text


def test_a_third_occurrence_of_a_baselined_passage_is_new(tmp_path: Path) -> None:
    root = project(tmp_path)
    note = root / "n.txt"
    note.write_text("He refused.\nHe refused.\n", encoding="utf-8")
    assert run("baseline", str(note)).exit_code == 0
    note.write_text("He refused.\nHe refused.\nHe refused.\n", encoding="utf-8")
    _, report = check_json(str(note))
    assert rules_found(report) == ["refused-t"]


def test_baseline_lives_beside_the_config_whatever_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project(tmp_path / "export")
    (root / "sub").mkdir()
    (root / "sub" / "n.txt").write_text(NOTE, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert run("baseline", str(root / "sub")).exit_code == 0
    assert (root / BASELINE_NAME).is_file() and not (elsewhere / BASELINE_NAME).exists()
    stored = json.loads((root / BASELINE_NAME).read_text(encoding="utf-8"))
    assert {f["path"] for f in stored["findings"]} == {"sub/n.txt"}  # relative: portable
    monkeypatch.chdir(root / "sub")
    _, report = check_json("n.txt")
    assert rules_found(report) == []


def test_without_a_config_the_baseline_is_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "n.txt").write_text("This writer met Sam.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run("baseline", "n.txt").exit_code == 0
    assert (tmp_path / BASELINE_NAME).is_file()
    assert run("check", "n.txt").exit_code == 0
    assert run("check", "--no-baseline", "n.txt").exit_code == 1


def test_the_baseline_stores_no_note_text(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "n.txt").write_text("Priya said the voices at Oakwood refused to stop.\n", "utf-8")
    assert run("baseline", str(root)).exit_code == 0
    content = (root / BASELINE_NAME).read_text(encoding="utf-8").lower()
    for word in ("priya", "voices", "oakwood", "stop"):
        assert word not in content
    assert '"rule": "refused-t"' in content


def test_recording_some_files_keeps_the_others_and_drops_fixed_findings(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "a.txt").write_text("He refused.\n", encoding="utf-8")
    (root / "b.txt").write_text("This writer met Sam.\n", encoding="utf-8")
    assert run("baseline", str(root)).exit_code == 0
    (root / "b.txt").write_text("I met Sam.\n", encoding="utf-8")
    assert run("baseline", str(root / "b.txt")).exit_code == 0
    stored = json.loads((root / BASELINE_NAME).read_text(encoding="utf-8"))
    assert [(f["path"], f["rule"]) for f in stored["findings"]] == [("a.txt", "refused-t")]
    # Recording the same notes again gives the same file (stable for version control).
    first = (root / BASELINE_NAME).read_bytes()
    assert run("baseline", str(root)).exit_code == 0
    assert (root / BASELINE_NAME).read_bytes() == first


def test_rows_of_an_export_are_baselined_by_row_id(tmp_path: Path) -> None:
    root = project(tmp_path)
    rows = root / "notes.jsonl"
    rows.write_text(json.dumps({"id": "n1", "text": "He refused."}) + "\n", "utf-8")
    assert run("baseline", str(rows)).exit_code == 0
    rows.write_text(
        json.dumps({"id": "n1", "text": "He refused."})
        + "\n"
        + json.dumps({"id": "n2", "text": "He refused."})
        + "\n",
        "utf-8",
    )
    _, report = check_json(str(rows))
    assert [(n["id"], len(n["findings"])) for n in report["notes"]] == [("n1", 0), ("n2", 1)]


def test_a_corrupt_baseline_is_a_clear_error(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "n.txt").write_text(NOTE, encoding="utf-8")
    (root / BASELINE_NAME).write_text("{not json", encoding="utf-8")
    result = run("check", str(root))
    assert result.exit_code == 2
    assert f"{root / BASELINE_NAME}: not a valid baseline file" in result.stderr
    assert "Traceback" not in result.output


def test_explicit_baseline_file(tmp_path: Path) -> None:
    root = project(tmp_path / "notes")
    (root / "n.txt").write_text(NOTE, encoding="utf-8")
    chosen = tmp_path / "ci-baseline.json"
    assert run("baseline", "--baseline", str(chosen), str(root)).exit_code == 0
    assert chosen.is_file() and not (root / BASELINE_NAME).exists()
    assert len(Baseline.load(chosen)) == 2
    code, _ = check_json("--baseline", str(chosen), str(root))
    assert code == 0
    code, _ = check_json(str(root))  # the default location has no baseline
    assert code == 1

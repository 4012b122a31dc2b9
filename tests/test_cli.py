"""The command line as people use it: exit codes, formats, options, plain errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from peerlint.cli import app

from .conftest import ROOT

runner = CliRunner()
DRIFT = "John and this writer met today. She lacks insight.\nWe walked.\n"
CLEAN = "John and I met in the park today. He said he felt scared.\n"


def run(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=stdin)


def test_exit_codes_follow_the_contract(write) -> None:  # type: ignore[no-untyped-def]
    assert run("check", str(write("clean.txt", CLEAN))).exit_code == 0
    assert run("check", str(write("drift.txt", DRIFT))).exit_code == 1
    assert run("check", "--exit-zero", str(write("drift2.txt", DRIFT))).exit_code == 0
    assert run("check", "--fail-on", "error", str(write("d3.txt", DRIFT))).exit_code == 0
    assert run("check", str(write("d4.txt", DRIFT)), "missing.txt").exit_code == 2  # 2 wins over 1
    assert run("check", "--fail-on", "severe", "x.txt").exit_code == 2


def test_text_output_shows_location_rule_line_caret_and_suggestion(write) -> None:  # type: ignore[no-untyped-def]
    path = write("drift.txt", DRIFT)
    result = run("check", str(path))
    out = result.output
    assert f"{path}:1:10: warning [this-writer]" in out
    assert "    1 │ John and this writer met today." in out
    assert "│          ^^^^^^^^^^^" in out
    assert '= try: "I" instead of "this writer"' in out
    assert "\x1b[" not in out  # no colour when not a terminal
    assert out.strip().splitlines()[-1].startswith("Found 2 drift passages")


def test_json_output_matches_the_contract(write) -> None:  # type: ignore[no-untyped-def]
    rows = write("notes.jsonl", json.dumps({"id": "n1", "text": DRIFT}) + "\n")
    result = run("check", "-f", "json", str(rows))
    data = json.loads(result.output)
    assert data["version"] == "0.1.0"
    (note,) = data["notes"]
    assert (note["path"], note["id"]) == (str(rows), "n1")
    for finding in note["findings"]:
        assert DRIFT[finding["start"] : finding["end"]] == finding["text"]
        assert {"rule", "category", "level", "line", "column", "message", "suggestions"} <= set(
            finding
        )
    assert data["summary"]["findings"] == len(note["findings"]) == 2
    assert data["summary"]["by_category"] == {"depersonalizing": 1, "clinical-language": 1}
    whole = json.loads(run("check", "-f", "json", str(write("a.txt", CLEAN))).output)
    assert whole["notes"][0]["id"] is None


def test_stdin(write) -> None:  # type: ignore[no-untyped-def]
    result = run("check", "-f", "json", "-", stdin=DRIFT)
    assert result.exit_code == 1
    assert json.loads(result.output)["notes"][0]["path"] == "<stdin>"


def test_select_and_ignore_by_rule_or_category(write) -> None:  # type: ignore[no-untyped-def]
    path = str(write("drift.txt", DRIFT))

    def rules(*opts: str) -> list[str]:
        data = json.loads(run("check", "-f", "json", *opts, path).output)
        return [f["rule"] for f in data["notes"][0]["findings"]]

    assert rules("--select", "depersonalizing") == ["this-writer"]
    assert rules("--ignore", "this-writer") == ["lacks-insight"]
    assert rules("--select", "this-writer,lacks-insight", "--ignore", "clinical-language") == [
        "this-writer"
    ]
    bad = run("check", "--select", "this-writr", path)
    assert bad.exit_code == 2 and "did you mean 'this-writer'" in bad.output


def test_csv_with_custom_fields_and_missing_column(write) -> None:  # type: ignore[no-untyped-def]
    path = write("n.csv", 'note_id,body\nr1,"She lacks insight."\n')
    ok = json.loads(
        run(
            "check", "-f", "json", "--id-field", "note_id", "--text-field", "body", str(path)
        ).output
    )
    assert ok["notes"][0]["id"] == "r1" and ok["summary"]["findings"] == 1
    missing = run("check", str(path))
    assert missing.exit_code == 2 and "no 'text' column" in missing.output


def test_rules_and_explain(write) -> None:  # type: ignore[no-untyped-def]
    listing = run("rules", "--category", "depersonalizing")
    assert (
        listing.exit_code == 0
        and "this-writer" in listing.output
        and "lacks-insight" not in listing.output
    )
    explained = run("explain", "this-writer")
    assert explained.exit_code == 0
    for part in (
        "Why",
        "Supervisor checklist",
        "co-produce",
        "replace with: I",
        "safe to apply",
        "Examples",
    ):
        assert part in explained.output
    unknown = run("explain", "this-writter")
    assert unknown.exit_code == 2 and "did you mean 'this-writer'" in unknown.output


@pytest.mark.parametrize("args", [["--version"], ["rules"], ["explain", "this-writer"], ["--help"]])
def test_commands_that_do_not_lint_do_not_import_spacy(args: list[str]) -> None:
    code = (
        "import sys\nfrom peerlint.cli import app\n"
        f"try:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
        "print('SPACY' if 'spacy' in sys.modules else 'NO-SPACY')"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip().splitlines()[-1] == "NO-SPACY"


def test_console_script_never_shows_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02")
    proc = subprocess.run(
        [sys.executable, "-m", "peerlint", "check", str(binary), str(ROOT / "corpora" / "samples")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"peerlint: error: {binary}: binary file, not a text note"
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "could not be read" in proc.stdout  # the sample notes were still checked


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0 and result.output.strip() == "peerlint 0.1.0"

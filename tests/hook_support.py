"""A small rule pack and helpers for the hook/CI tests, so they do not depend on the
content of the built-in packs (which other people edit)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from peerlint.cli import app

PACK = """\
pack: hooks-test
description: Rules for the hook and CI tests.
rules:
  - id: writer-t
    category: depersonalizing
    level: warning
    terms: [this writer]
    message: Write in first person.
    why: Deegan's note starts "John and I".
    suggest: [{replace: "I", safe: true}]
    examples: {match: ["[[this writer]] met John."]}
  - id: refused-t
    category: labeling
    level: warning
    terms: [refuse]
    message: "Label: 'refused' casts a choice as defiance."
    why: A choice is not defiance.
    suggest: [{replace: declined}]
    examples: {match: ["She [[refused]] the offer."]}
  - id: insight-t
    category: clinical-language
    level: error
    terms: [lack insight]
    message: Clinical idiom.
    why: It grades the person's understanding.
    suggest: [{guide: "Write how {name} explains it."}]
    examples: {match: ["She [[lacks insight]]."]}
  - id: client-t
    category: depersonalizing
    level: info
    terms: [the client]
    message: Use the person's name.
    why: Names, not roles.
    suggest: [{guide: "{name}"}]
    examples: {match: ["I met [[the client]]."]}
"""

runner = CliRunner()


def project(root: Path, config: str = "", pack: bool = True) -> Path:
    """A folder with the test pack and a .peerlint.yaml that uses it (plus ``config``)."""
    root.mkdir(parents=True, exist_ok=True)
    if pack:
        (root / "pack.yaml").write_text(PACK, encoding="utf-8")
        config = config + "\npacks: [./pack.yaml]\n"  # last, so line numbers stay
    (root / ".peerlint.yaml").write_text(config, encoding="utf-8")
    return root


def run(*args: str, stdin: str | None = None) -> Any:
    """Invoke the CLI in-process."""
    return runner.invoke(app, list(args), input=stdin)


def check_json(*args: str) -> tuple[int, dict[str, Any]]:
    """``peerlint check -f json ARGS``: exit code and parsed report."""
    result = run("check", "-f", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def rules_found(report: dict[str, Any]) -> list[str]:
    return [f["rule"] for note in report["notes"] for f in note["findings"]]

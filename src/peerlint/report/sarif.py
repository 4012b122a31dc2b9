"""``--format sarif``: SARIF 2.1.0, for code-scanning dashboards (GitHub, Azure DevOps).

Columns are Unicode code points (``columnKind``), as peerlint counts them. A passage in a
row of a CSV/JSONL export has no file line of its own, so its location names the row
id (a logical location) and its line and column are within the row's text. Results
carry only the flagged passage, never the surrounding note.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from peerlint import __version__
from peerlint.findings import Finding, NoteResult
from peerlint.rules import Rule
from peerlint.sources import SourceError

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    return path.replace("\\", "/")


def _end(text: str, finding: Finding) -> tuple[int, int]:
    """1-based line and column just past the passage (SARIF's end is exclusive)."""
    end_line = finding.line + text.count("\n", finding.start, finding.end)
    if end_line == finding.line:
        return end_line, finding.column + (finding.end - finding.start)
    return end_line, finding.end - text.rfind("\n", 0, finding.end)


def _rule(rule: Rule, index: int) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": "".join(part.title() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.message},
        "fullDescription": {"text": " ".join(rule.why.split())},
        "help": {"text": "Instead, try: " + "; ".join(s.text for s in rule.suggest)},
        "defaultConfiguration": {"level": _LEVEL[rule.level]},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }


def _result(
    note: NoteResult, finding: Finding, rule_index: Mapping[str, int], fingerprint: str
) -> dict[str, Any]:
    end_line, end_column = _end(note.text, finding) if note.text else (finding.line, finding.column)
    region = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": end_line,
        "endColumn": end_column,
        "snippet": {"text": finding.text},
    }
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": {"uri": _uri(note.path)}, "region": region}
    }
    if note.id is not None:
        location["logicalLocations"] = [{"name": note.id, "kind": "object"}]
    message = finding.message
    if finding.suggestions:
        message += f" Try: {finding.suggestions[0]}"
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": _LEVEL[finding.level],
        "message": {"text": message},
        "locations": [location],
        "partialFingerprints": {"peerlintFinding/v1": fingerprint},
        "properties": {"category": finding.category},
    }
    if finding.rule in rule_index:
        result["ruleIndex"] = rule_index[finding.rule]
    if finding.fix is not None and note.id is None:
        result["fixes"] = [
            {
                "description": {
                    "text": f"Replace with {finding.fix.replacement!r}"
                    + (" (safe)" if finding.fix.safe else " (review first)")
                },
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": _uri(note.path)},
                        "replacements": [
                            {
                                "deletedRegion": {
                                    k: region[k]
                                    for k in ("startLine", "startColumn", "endLine", "endColumn")
                                },
                                "insertedContent": {"text": finding.fix.replacement},
                            }
                        ],
                    }
                ],
            }
        ]
    return result


def render(
    results: Sequence[NoteResult], errors: Sequence[SourceError], rules: Mapping[str, Rule]
) -> str:
    """One SARIF log with one run; unreadable inputs become tool notifications."""
    from peerlint.baseline import fingerprints

    ordered = sorted(rules.values(), key=lambda r: r.id)
    rule_index = {r.id: i for i, r in enumerate(ordered)}
    sarif_results = [
        _result(note, finding, rule_index, fp)
        for note in results
        for finding, fp in zip(note.findings, fingerprints(note.text, note.findings), strict=True)
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not errors}
    if errors:
        invocation["toolExecutionNotifications"] = [
            {
                "level": "error",
                "message": {"text": e.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(e.where)}}}],
            }
            for e in errors
        ]
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "peerlint",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/peerlint/",
                        "rules": [_rule(r, i) for i, r in enumerate(ordered)],
                    }
                },
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

"""Malformed packs must be reported as `file:line: field: problem`, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from peerlint.rules import RulePackError, load_pack, load_packs

GOOD_RULE = """\
pack: test
description: a test pack
rules:
  - id: lacks-insight
    category: clinical-language
    level: warning
    terms: [lack insight]
    message: m
    why: w
    suggest:
      - guide: g
    examples:
      match: ["She [[lacks insight]]."]
"""


def error_of(path: Path) -> str:
    with pytest.raises(RulePackError) as info:
        load_pack(path)
    return str(info.value)


def test_good_pack_loads(write) -> None:  # type: ignore[no-untyped-def]
    pack = load_pack(write("p.yaml", GOOD_RULE))
    assert [r.id for r in pack.rules] == ["lacks-insight"]
    assert pack.rules[0].examples.parsed("match")[0].marked == "lacks insight"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("level: warning", "level: severe"), ":6: rules[0].level: Input should be"),
        (
            ("    terms: [lack insight]\n", "    terms: [lack insight]\n    colour: red\n"),
            ":8: rules[0]: unknown key 'colour'",
        ),
        (("    message: m\n", ""), ":4: rules[0].message: required field is missing"),
        (("category: clinical-language", "category: clinical"), ":5: rules[0].category:"),
        (("id: lacks-insight", "id: Lacks_Insight"), ":4: rules[0].id: rule ids are kebab-case"),
        (
            ("      - guide: g", "      - guide: g\n        safe: true"),
            "only a 'replace' suggestion can be 'safe'",
        ),
        (
            ("terms: [lack insight]", "patterns: [[{POS: VERB}]]"),
            "unsupported token attribute 'POS'",
        ),
        (
            ("terms: [lack insight]", "patterns: [[{LOWER: lack, OP: often}]]"),
            "OP must be one of",
        ),
        (
            ("terms: [lack insight]", "patterns: [[{LOWER: {IN: lack}}]]"),
            "LOWER IN takes a list of strs",
        ),
        (
            ("terms: [lack insight]", "patterns: [[{LOWER: {ONE_OF: [lack]}}]]"),
            "LOWER takes a str or a mapping with IN, NOT_IN, REGEX",
        ),
        (
            ("terms: [lack insight]", "patterns: [[{LOWER: lack}, {IS_ALPHA: yes}]]"),
            "IS_ALPHA must be true or false",
        ),
        (
            ("terms: [lack insight]", "patterns: [[{LOWER: lack}, {LENGTH: {'>=': three}}]]"),
            "LENGTH >= takes a whole number",
        ),
        (
            ("terms: [lack insight]", "patterns: [[{LOWER: {REGEX: '(lack'}}]]"),
            "REGEX is not a valid regular expression",
        ),
        (
            ("terms: [lack insight]", "unless: [[{LOWER: lack}, {IS_ALPHA: maybe}]]"),
            "rules[0].unless[0]: token 2: IS_ALPHA must be true or false",
        ),
        (("terms: [lack insight]", "level: info"), "duplicate key 'level'"),
        (('match: ["She [[lacks insight]]."]', "match: []"), "rules[0].examples.match:"),
        (('match: ["She [[lacks insight]]."]', 'match: ["[[a]] [[b]]"]'), "marks at most one"),
        (("terms: [lack insight]", "terms: [lack insight"), "invalid YAML"),
    ],
)
def test_malformed_pack_names_file_line_and_field(
    write, change: tuple[str, str], expected: str
) -> None:  # type: ignore[no-untyped-def]
    path = write("bad.yaml", GOOD_RULE.replace(*change))
    message = error_of(path)
    assert message.startswith(str(path) + ":")
    assert expected in message
    assert "\n" not in message


def test_rule_without_anything_to_match_is_refused(write) -> None:  # type: ignore[no-untyped-def]
    message = error_of(write("p.yaml", GOOD_RULE.replace("    terms: [lack insight]\n", "")))
    assert "needs 'terms', 'exact', 'patterns' or a 'detector'" in message


def test_duplicate_rule_ids_across_packs_name_both_files(write) -> None:  # type: ignore[no-untyped-def]
    a = write("a.yaml", GOOD_RULE)
    b = write("b.yaml", GOOD_RULE.replace("pack: test", "pack: other"))
    with pytest.raises(
        RulePackError, match=r"b\.yaml: rule id 'lacks-insight' is already defined in .*a\.yaml"
    ):
        load_packs([a, b])


def test_yaml_1_1_booleans_stay_words(write) -> None:  # type: ignore[no-untyped-def]
    pack = load_pack(write("p.yaml", GOOD_RULE.replace("[lack insight]", "[on, no, yes, off]")))
    assert pack.rules[0].terms == ["on", "no", "yes", "off"]


def test_cli_reports_malformed_pack_on_one_line_with_exit_2(write) -> None:  # type: ignore[no-untyped-def]
    path = write("bad.yaml", GOOD_RULE.replace("level: warning", "level: severe"))
    proc = subprocess.run(
        [sys.executable, "-m", "peerlint", "test-rules", str(path)], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith(f"peerlint: error: {path}:6: rules[0].level")
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr + proc.stdout


def test_pattern_without_literal_anchor_is_refused_when_compiled(write) -> None:  # type: ignore[no-untyped-def]
    path = write(
        "p.yaml", GOOD_RULE.replace("terms: [lack insight]", "patterns: [[{IS_ALPHA: true}]]")
    )
    proc = subprocess.run(
        [sys.executable, "-m", "peerlint", "test-rules", str(path)], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "rule lacks-insight: a token pattern needs one required token" in proc.stderr


def test_lying_example_fails_test_rules(write) -> None:  # type: ignore[no-untyped-def]
    path = write(
        "p.yaml", GOOD_RULE.replace('match: ["She [[lacks insight]]."]', 'match: ["She is fine."]')
    )
    proc = subprocess.run(
        [sys.executable, "-m", "peerlint", "test-rules", str(path)], capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert "rule lacks-insight: should match but did not: 'She is fine.'" in proc.stdout
    assert "1 failed" in proc.stdout


def test_token_value_that_can_never_match_fails_test_rules(write) -> None:  # type: ignore[no-untyped-def]
    pattern = """patterns: [[{LOWER: {IN: [lacks, "he's", follow-up, "'d"]}}, {LOWER: insight}]]"""
    path = write("p.yaml", GOOD_RULE.replace("terms: [lack insight]", pattern))
    proc = subprocess.run(
        [sys.executable, "-m", "peerlint", "test-rules", str(path)], capture_output=True, text=True
    )
    assert proc.returncode == 1
    for value in ('"he\'s"', "'follow-up'", '"\'d"'):
        assert f"rule lacks-insight: token value {value} can never match one token" in proc.stdout
    assert "'lacks'" not in proc.stdout


def test_every_shipped_pattern_passes_spacys_own_validation() -> None:
    """The engine skips spaCy's pattern validation because the schema above does the
    same job; this keeps the two in step for every pattern we ship."""
    from spacy.schemas import validate_token_pattern

    from peerlint.engine import _compile_pattern
    from peerlint.rules import load_packs

    for pack in load_packs():
        for rule in pack.rules:
            for pattern in [*rule.patterns, *(u for u in rule.unless if not isinstance(u, str))]:
                assert validate_token_pattern(_compile_pattern(pattern)) == [], (rule.id, pattern)


def test_a_yaml_11_sexagesimal_term_stays_text(write) -> None:  # type: ignore[no-untyped-def]
    # Unquoted 1:1 is a base-60 number in YAML 1.1; in a word list it is the text "1:1".
    pack = load_pack(
        write("p.yaml", GOOD_RULE.replace("terms: [lack insight]", "terms: [1:1, 12:30]"))
    )
    assert pack.rules[0].terms == ["1:1", "12:30"]

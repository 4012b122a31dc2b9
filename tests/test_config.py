""".peerlint.yaml: discovery up the tree, every key, strict file:line errors, init."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from peerlint.config import (
    STARTER,
    CliChoices,
    ConfigError,
    Configs,
    Resolved,
    is_allowed,
    load_config,
    phrase_key,
)

from .hook_support import check_json, project, rules_found, run

DRIFT = "John and this writer met today. He refused lunch.\nThe client lacks insight.\n"


def test_config_is_found_by_walking_up_from_the_target(tmp_path: Path) -> None:
    root = project(tmp_path / "export", "ignore: [refused-t]\n")
    note = root / "2024" / "march" / "n1.txt"
    note.parent.mkdir(parents=True)
    note.write_text(DRIFT, encoding="utf-8")
    _, report = check_json(str(note))
    assert sorted(rules_found(report)) == ["client-t", "insight-t", "writer-t"]
    # Folder targets find it the same way, from any working directory.
    _, report = check_json(str(note.parent))
    assert "refused-t" not in rules_found(report)


def test_nearest_config_wins_and_explicit_config_overrides_discovery(tmp_path: Path) -> None:
    root = project(tmp_path / "export", "ignore: [refused-t]\n")
    inner = project(root / "team-b", "ignore: [writer-t]\n")
    (inner / "n.txt").write_text(DRIFT, encoding="utf-8")
    _, report = check_json(str(inner / "n.txt"))
    assert "writer-t" not in rules_found(report) and "refused-t" in rules_found(report)
    _, report = check_json("--config", str(root / ".peerlint.yaml"), str(inner / "n.txt"))
    assert "refused-t" not in rules_found(report) and "writer-t" in rules_found(report)


def test_select_ignore_levels_and_fail_on(tmp_path: Path) -> None:
    config = (
        "select: [depersonalizing, insight-t]\n"
        "levels:\n  depersonalizing: error\n  client-t: info\n"
        "fail_on: error\n"
    )
    root = project(tmp_path, config)
    (root / "n.txt").write_text(DRIFT, encoding="utf-8")
    code, report = check_json(str(root / "n.txt"))
    levels = {f["rule"]: f["level"] for f in report["notes"][0]["findings"]}
    # The category override lifts writer-t; the rule's own override beats its category's.
    assert levels == {"writer-t": "error", "client-t": "info", "insight-t": "error"}
    assert code == 1
    (root / "clean.txt").write_text("I met the client.\n", encoding="utf-8")
    code, _ = check_json(str(root / "clean.txt"))
    assert code == 0  # only an info finding; fail_on is error
    code, _ = check_json("--fail-on", "info", str(root / "clean.txt"))
    assert code == 1  # the command line wins over the file


def test_allow_drops_accepted_terms_whatever_their_case_or_inflection(tmp_path: Path) -> None:
    root = project(tmp_path, "allow: [Refusing, 'the client']\n")
    (root / "n.txt").write_text("REFUSED twice. The Client refuses.\nI met this writer.\n", "utf-8")
    _, report = check_json(str(root / "n.txt"))
    assert rules_found(report) == ["writer-t"]


def test_allow_keys_compare_words_not_substrings() -> None:
    assert phrase_key("Refused") == phrase_key("refuse") == phrase_key("refusing")
    allow = frozenset({phrase_key("refuse")})
    assert is_allowed("REFUSES", allow)
    assert not is_allowed("refusal policy", allow)
    assert not is_allowed("refused", frozenset())


def test_per_path_overrides(tmp_path: Path) -> None:
    config = (
        "overrides:\n"
        "  - paths: ['archive/**']\n"
        "    ignore: [labeling]\n"
        "    levels: {writer-t: info}\n"
        "  - paths: ['*.md']\n"
        "    allow: [this writer]\n"
    )
    root = project(tmp_path, config)
    for name in ("archive/2019/old.txt", "new.txt", "draft.md"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("This writer saw him. He refused.\n", encoding="utf-8")
    _, report = check_json(str(root))
    by_note = {
        Path(n["path"]).relative_to(root).as_posix(): {f["rule"]: f["level"] for f in n["findings"]}
        for n in report["notes"]
    }
    assert by_note["archive/2019/old.txt"] == {"writer-t": "info"}
    assert by_note["new.txt"] == {"writer-t": "warning", "refused-t": "warning"}
    assert by_note["draft.md"] == {"refused-t": "warning"}


def test_field_names_for_exports(tmp_path: Path) -> None:
    root = project(tmp_path, "fields:\n  id: note_id\n  text: body\n")
    rows = root / "export.jsonl"
    rows.write_text(json.dumps({"note_id": "A7", "body": "This writer met Sam."}) + "\n", "utf-8")
    _, report = check_json(str(rows))
    assert report["notes"][0]["id"] == "A7"
    assert rules_found(report) == ["writer-t"]


def test_builtin_pack_names_and_local_pack_paths(tmp_path: Path) -> None:
    root = project(tmp_path, "", pack=False)
    (root / ".peerlint.yaml").write_text("packs: [depersonalizing]\n", encoding="utf-8")
    resolved = Configs().for_target(str(root))
    assert resolved.rules and {r.category for r in resolved.rules} == {"depersonalizing"}
    (root / "ours.yaml").write_text(
        (Path(__file__).parent / "hook_support.py")
        .read_text()
        .split('PACK = """\\\n')[1]
        .split('"""')[0]
    )
    (root / ".peerlint.yaml").write_text("packs: [builtin, ./ours.yaml]\n", encoding="utf-8")
    resolved = Configs().for_target(str(root))
    ids = {r.id for r in resolved.rules}
    assert "writer-t" in ids and len({r.category for r in resolved.rules}) == 8


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "select: [writer-t]\nfail-on: error\n",
            ":2: unknown key 'fail-on' (did you mean 'fail_on'?)",
        ),
        ("fail_on: severe\n", ":1: fail_on: Input should be 'info', 'warning' or 'error'"),
        ("select: writer-t\n", ":1: select: Input should be a valid list"),
        ("allow:\n  - ok\n  - 3\n", ":3: allow[1]: Input should be a valid string"),
        ("levels:\n  writer-t: loud\n", ":2: levels.writer-t: Input should be"),
        ("overrides:\n  - ignore: [x]\n", ":2: overrides[0].paths: required field is missing"),
        ("fields:\n  txt: body\n", ":2: fields: unknown key 'txt' (did you mean 'text'?)"),
        (
            "ignore: [refused-t, refusd-t]\n",
            ":1: ignore[1]: unknown rule or category 'refusd-t' (did you mean 'refused-t'?)",
        ),
        ("levels:\n  labelling: error\n", ":2: levels.labelling: unknown rule or category"),
        ("select: [a\n", "invalid YAML"),
        ("- just\n- a list\n", ":1: a config is a mapping"),
    ],
)
def test_config_errors_name_file_line_and_field(
    tmp_path: Path, content: str, expected: str
) -> None:
    root = project(tmp_path, content)
    if content.startswith("-"):  # not a mapping: no packs key can be added
        (root / ".peerlint.yaml").write_text(content, encoding="utf-8")
    (root / "n.txt").write_text(DRIFT, encoding="utf-8")
    result = run("check", str(root / "n.txt"))
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert line.startswith(f"peerlint: error: {root / '.peerlint.yaml'}"), line
    assert expected in line
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1


def test_missing_pack_and_missing_explicit_config_are_clear_errors(tmp_path: Path) -> None:
    root = project(tmp_path, "", pack=False)
    (root / ".peerlint.yaml").write_text("packs:\n  - builtin\n  - ./nope.yaml\n", "utf-8")
    result = run("check", str(root))
    assert result.exit_code == 2
    assert ".peerlint.yaml:3: packs[1]: './nope.yaml' is neither a built-in pack" in result.stderr
    result = run("check", "--config", str(tmp_path / "absent.yaml"), str(root))
    assert result.exit_code == 2 and "absent.yaml: no such config file" in result.stderr


def test_unknown_cli_select_is_still_checked_against_the_config_packs(tmp_path: Path) -> None:
    root = project(tmp_path)
    result = run("check", "--select", "writer", str(root))
    assert result.exit_code == 2
    assert "--select: unknown rule or category 'writer' (did you mean 'writer-t'?)" in result.stderr


def test_empty_config_means_defaults(tmp_path: Path) -> None:
    (tmp_path / ".peerlint.yaml").write_text("# nothing yet\n", encoding="utf-8")
    config = load_config(tmp_path / ".peerlint.yaml")
    assert config.data.fail_on == "warning" and config.data.packs is None


def test_init_writes_a_valid_commented_starter_and_never_overwrites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init")
    assert result.exit_code == 0, result.output
    path = tmp_path / ".peerlint.yaml"
    assert path.read_text(encoding="utf-8") == STARTER
    assert sum(line.lstrip().startswith("#") for line in STARTER.splitlines()) >= 10
    resolved = Resolved(load_config(path), CliChoices())  # it validates, packs and all
    assert len({r.category for r in resolved.rules}) == 8
    path.write_text("fail_on: error\n", encoding="utf-8")
    before = path.stat().st_mtime_ns
    os.utime(path, ns=(before - 10**9, before - 10**9))
    result = run("init")
    assert result.exit_code == 2 and "already exists; not overwritten" in result.stderr
    assert path.read_text(encoding="utf-8") == "fail_on: error\n"
    assert path.stat().st_mtime_ns == before - 10**9


def test_config_errors_are_raised_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / ".peerlint.yaml").write_text("fail_on: 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\.peerlint\.yaml:1: fail_on:"):
        load_config(tmp_path / ".peerlint.yaml")

"""Compiled rule plans kept on disk: reused for an unchanged rule, never for a changed
one, and a damaged file only means compiling again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from peerlint import plancache
from peerlint.engine import Engine
from peerlint.rules import Rule

from .conftest import make_rule

NOTE = "He was decompensating. I told him he needs to go. Pt agreed, the zork blorped."


def rules() -> list[Rule]:
    return [
        make_rule("decomp", terms=["decompensate"], unless=["decompensation chamber"]),
        make_rule(
            "told",
            category="directive",
            patterns=[[{"WORD": "tell"}, {"LOWER": "him"}, {"LOWER": "he"}, {"LOWER": "needs"}]],
            unless=[[{"LOWER": "told"}, {"LOWER": "him"}, {"LOWER": "when"}]],
        ),
        make_rule("pt", category="depersonalizing", exact=["Pt"]),
    ]


def found(engine: Engine) -> list[tuple[str, int, int]]:
    return [(f.rule, f.start, f.end) for f in engine.lint(NOTE)]


@pytest.fixture
def plans_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PEERLINT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / plancache.FILENAME


def test_plans_are_stored_and_reused_without_compiling(
    plans_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = found(Engine(rules()))
    assert [r for r, _, _ in expected] == ["decomp", "told", "pt"]
    assert len(json.loads(plans_file.read_text(encoding="utf-8"))) == 3

    def no_compiling(self: Engine, rule: Rule) -> None:
        raise AssertionError(f"compiled {rule.id} again")

    monkeypatch.setattr(Engine, "_plan", no_compiling)
    assert found(Engine(rules())) == expected


def test_a_changed_rule_is_compiled_afresh(plans_file: Path) -> None:
    Engine(rules())
    changed = [make_rule("decomp", terms=["zork"]), *rules()[1:]]
    assert [f.rule for f in Engine(changed).lint(NOTE)] == ["told", "pt", "decomp"]
    assert len(json.loads(plans_file.read_text(encoding="utf-8"))) == 4


@pytest.mark.parametrize(
    "damage",
    [
        lambda plans: "not json at all",
        lambda plans: json.dumps(["a", "list"]),
        lambda plans: json.dumps({k: {"hashes": 3} for k in plans}),
        lambda plans: json.dumps({k: {**v, "hashes": "!!"} for k, v in plans.items()}),
        # hashes that decode but do not add up, or do not fit the rule
        lambda plans: json.dumps(
            {k: {**v, "lengths": [n + 1 for n in v["lengths"]]} for k, v in plans.items()}
        ),
        lambda plans: json.dumps(
            {k: {**v, "reach": [*v["reach"], [1, 1]]} for k, v in plans.items()}
        ),
    ],
)
def test_a_damaged_plans_file_only_means_compiling_again(plans_file: Path, damage) -> None:  # type: ignore[no-untyped-def]
    expected = found(Engine(rules()))
    plans = json.loads(plans_file.read_text(encoding="utf-8"))
    damaged = damage(plans)
    plans_file.write_text(damaged, encoding="utf-8")
    assert found(Engine(rules())) == expected
    assert plans_file.read_text(encoding="utf-8") != damaged  # compiled again, and stored


@pytest.mark.usefixtures("cache_dir_is_a_file")
def test_an_unwritable_cache_folder_is_not_an_error() -> None:
    assert [r for r, _, _ in found(Engine(rules()))] == ["decomp", "told", "pt"]


def test_the_plans_file_holds_no_note_text(plans_file: Path) -> None:
    engine = Engine(rules())
    engine.lint("Marisol said the zebra-striped umbrella was hers.")
    Engine(rules())
    assert "zebra" not in plans_file.read_text(encoding="utf-8")


def test_old_plans_are_pruned_once_the_file_is_large(
    plans_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plancache, "MAX_PLANS", 3)
    Engine(rules())
    Engine([make_rule("other", terms=["zork"])])
    assert len(json.loads(plans_file.read_text(encoding="utf-8"))) == 1

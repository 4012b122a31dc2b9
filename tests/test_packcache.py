"""Parsed packs kept on disk: used when the file is unchanged, never when it is not."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from peerlint import packcache
from peerlint.rules import RulePackError, load_pack

PACK = """\
pack: tiny
description: one rule
rules:
  - id: {rule_id}
    category: clinical-language
    message: m
    why: w
    suggest: [{{guide: say it another way}}]
    examples: {{match: ["[[decompensating]]"]}}
    terms: [decompensating]
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PEERLINT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / packcache.SUBDIR


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.json")) if cache.is_dir() else []


def test_a_loaded_pack_is_kept_and_read_back(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(PACK.format(rule_id="first"), encoding="utf-8")
    assert load_pack(path).rules[0].id == "first"
    (entry,) = entries(cache)
    assert "path" not in json.loads(entry.read_text(encoding="utf-8"))
    # Prove the second load reads the stored data, not the YAML: doctor the entry.
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["rules"][0]["id"] = "from-cache"
    entry.write_text(json.dumps(data), encoding="utf-8")
    pack = load_pack(path)
    assert pack.rules[0].id == "from-cache"
    assert pack.path == str(path)


def test_an_edited_pack_is_parsed_again_and_replaces_its_old_entry(
    tmp_path: Path, cache: Path
) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(PACK.format(rule_id="first"), encoding="utf-8")
    load_pack(path)
    path.write_text(PACK.format(rule_id="second"), encoding="utf-8")
    assert load_pack(path).rules[0].id == "second"
    assert len(entries(cache)) == 1


def test_invalid_packs_are_not_kept(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(PACK.format(rule_id="Not An Id"), encoding="utf-8")
    with pytest.raises(RulePackError, match=r"bad\.yaml:4: "):
        load_pack(path)
    assert entries(cache) == []


def test_a_corrupt_entry_falls_back_to_the_yaml(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(PACK.format(rule_id="first"), encoding="utf-8")
    load_pack(path)
    (entry,) = entries(cache)
    entry.write_text('{"pack": "tiny", "rules": [{"id": 3}]', encoding="utf-8")  # truncated
    assert load_pack(path).rules[0].id == "first"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_an_unwritable_cache_only_means_parsing(tmp_path: Path, cache: Path) -> None:
    cache.parent.mkdir(parents=True)
    cache.parent.chmod(0o500)
    try:
        path = tmp_path / "tiny.yaml"
        path.write_text(PACK.format(rule_id="first"), encoding="utf-8")
        assert load_pack(path).rules[0].id == "first"
        assert entries(cache) == []
    finally:
        cache.parent.chmod(0o700)


@pytest.mark.usefixtures("cache_dir_is_a_file")
def test_a_cache_dir_that_is_a_file_only_means_parsing(tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(PACK.format(rule_id="first"), encoding="utf-8")
    assert load_pack(path).rules[0].id == "first"


def test_a_cached_start_up_does_not_even_import_yaml(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from peerlint.rules import load_packs; load_packs(); "
        "print('yaml' in sys.modules)"
    )
    env = {**os.environ, "PEERLINT_CACHE_DIR": str(tmp_path / "cache")}

    def run() -> str:
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        return out.stdout.strip()

    assert run() == "True"  # first run parses the YAML and fills the cache
    assert run() == "False"

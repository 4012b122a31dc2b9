"""Shared fixtures: small rule builders so engine tests do not depend on pack content."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from peerlint.rules import Rule

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def make_rule(rule_id: str = "r", category: str = "clinical-language", **fields: Any) -> Rule:
    """A valid rule with only the matching fields under test."""
    data: dict[str, Any] = {
        "id": rule_id,
        "category": category,
        "message": f"message of {rule_id}",
        "why": "because",
        "suggest": [{"guide": "say it another way"}],
        "examples": {"match": ["x"]},
    }
    data.update(fields)
    return Rule.model_validate(data)


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a file under tmp_path and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture(autouse=True)
def _private_cache_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep peerlint's caches (parsed packs, scan results) out of the user's home folder."""
    monkeypatch.setenv("PEERLINT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture
def cache_dir_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the cache at a plain file, so every cache write fails."""
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("PEERLINT_CACHE_DIR", str(blocker))

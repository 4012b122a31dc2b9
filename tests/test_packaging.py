"""The wheel ships the rule packs and the reader's weights; an installed peerlint finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import ROOT


def test_wheel_ships_rule_packs_and_finds_them_when_installed(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("peerlint-*.whl")
    shipped = sorted(
        n for n in zipfile.ZipFile(wheel).namelist() if n.startswith("peerlint/rules/")
    )
    expected = sorted(f"peerlint/rules/{p.name}" for p in (ROOT / "rules").glob("*.yaml"))
    assert shipped == expected
    assert "peerlint/data/reader.json" in zipfile.ZipFile(wheel).namelist()

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "from peerlint.rules import builtin_rules_dir, load_packs\n"
        "from peerlint.reader import shipped_reader\n"
        "print(builtin_rules_dir())\nprint(sum(len(p.rules) for p in load_packs()))\n"
        "print(len(shipped_reader().drift))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=elsewhere,
        env={"PYTHONPATH": str(site), "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    rules_dir, count, weights = proc.stdout.split()
    assert Path(rules_dir) == site / "peerlint" / "rules"
    assert int(count) > 0
    assert int(weights) > 0  # the sentence reader's weights load from the installed wheel

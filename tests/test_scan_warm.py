"""Re-scanning an unchanged folder is served from the cache without loading spaCy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCAN_AND_REPORT = """
import sys
from peerlint.cli import app
try:
    app(['scan', '-f', 'json', '--cache-dir', sys.argv[1], sys.argv[2]])
except SystemExit:
    pass
print('SPACY' if 'spacy' in sys.modules else 'NO-SPACY', file=sys.stderr)
"""


def scan(cache: Path, notes: Path) -> tuple[dict, str]:  # type: ignore[type-arg]
    proc = subprocess.run(
        [sys.executable, "-c", SCAN_AND_REPORT, str(cache), str(notes)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout), proc.stderr.strip().splitlines()[-1]


def test_warm_rescan_skips_spacy_and_gives_the_same_findings(tmp_path: Path) -> None:
    notes = tmp_path / "notes.jsonl"
    with notes.open("w") as fh:
        for i in range(300):
            text = (
                f"Visit {i}. This writer met pt; she lacks insight."
                if i % 3
                else f"Visit {i}. We walked."
            )
            fh.write(
                json.dumps(
                    {
                        "id": str(i),
                        "text": text,
                        "author": "A. Lee",
                        "date": f"2026-03-0{1 + i % 9}",
                    }
                )
                + "\n"
            )
    cold, cold_modules = scan(tmp_path / "cache", notes)
    warm, warm_modules = scan(tmp_path / "cache", notes)
    assert (cold_modules, warm_modules) == ("SPACY", "NO-SPACY")
    assert warm["notes"] == cold["notes"]
    assert warm["summary"]["findings"] == cold["summary"]["findings"] > 0

    # One changed note: the engine is built again for it, and only it is new.
    lines = notes.read_text().splitlines()
    lines[-1] = json.dumps({"id": "299", "text": "Visit 299. He was agitated.", "author": "A. Lee"})
    notes.write_text("\n".join(lines) + "\n")
    changed, _ = scan(tmp_path / "cache", notes)
    assert [f["rule"] for f in changed["notes"][-1]["findings"]] == ["agitated"]
    assert changed["notes"][:-1] == cold["notes"][:-1]

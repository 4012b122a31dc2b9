"""Fixes: safe by default, previews, interactive review, atomic writes that never lose text."""

from __future__ import annotations

import codecs
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from peerlint import fixes
from peerlint.fixes import Edit, FixError, atomic_write, write_fixed

from .hook_support import check_json, project, rules_found, run

NOTE = "John and this writer met today.\nHe refused lunch.\n"
OLD_NS = 1_600_000_000 * 10**9


def _age(path: Path) -> int:
    """Give a file an old mtime, so "untouched" is visible; return it."""
    os.utime(path, ns=(OLD_NS, OLD_NS))
    return OLD_NS


def test_fix_applies_only_safe_fixes_and_reports_what_is_left(tmp_path: Path) -> None:
    root = project(tmp_path)
    note = root / "n.txt"
    note.write_text(NOTE, encoding="utf-8")
    result = run("check", "-f", "json", "--fix", str(note))
    assert note.read_text(encoding="utf-8") == "John and I met today.\nHe refused lunch.\n"
    assert "Fixed 1 passage in 1 note(s)." in result.stderr
    report = json.loads(result.stdout)
    assert rules_found(report) == ["refused-t"]  # what is left, re-checked after the fix
    assert report["notes"][0]["findings"][0]["line"] == 2
    assert result.exit_code == 1


def test_unsafe_fixes_are_opt_in(tmp_path: Path) -> None:
    root = project(tmp_path)
    note = root / "n.txt"
    note.write_text("This writer saw him. Refused twice, he refused.\n", encoding="utf-8")
    result = run("check", "--fix", "--unsafe-fixes", str(note))
    assert note.read_text(encoding="utf-8") == "I saw him. Declined twice, he declined.\n"
    assert result.exit_code == 0, result.output
    assert run("check", "--unsafe-fixes", str(note)).exit_code == 2  # needs --fix or --diff


def test_diff_previews_and_writes_nothing(tmp_path: Path) -> None:
    root = project(tmp_path)
    note = root / "n.txt"
    note.write_text(NOTE, encoding="utf-8")
    stamp = _age(note)
    result = run("check", "--diff", str(note))
    assert result.exit_code == 1
    assert f"--- a/{note}\n+++ b/{note}\n" in result.stdout
    assert (
        "-John and this writer met today.\n+John and I met today.\n He refused lunch.\n"
        in result.stdout
    )
    assert "nothing written" in result.stderr
    assert note.read_text(encoding="utf-8") == NOTE and note.stat().st_mtime_ns == stamp
    unsafe = run("check", "--diff", "--unsafe-fixes", str(note)).stdout
    assert "+He declined lunch." in unsafe
    clean = root / "clean.txt"
    clean.write_text("I met John.\n", encoding="utf-8")
    result = run("check", "--diff", str(clean))
    assert result.exit_code == 0 and result.stdout == ""


@pytest.mark.parametrize(
    ("encoding", "bom", "newline"),
    [
        ("utf-8", b"", "\n"),
        ("utf-8", codecs.BOM_UTF8, "\r\n"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "\r\n"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "\n"),
        ("cp1252", b"", "\r\n"),
    ],
)
def test_fix_keeps_encoding_bom_and_line_endings(
    tmp_path: Path, encoding: str, bom: bytes, newline: str
) -> None:
    root = project(tmp_path)
    note = root / "n.txt"
    lines = ["Café with Zoë — this writer listened.", "“He refused,” she said? No: he refused.", ""]
    note.write_bytes(bom + newline.join(lines).encode(encoding))
    result = run("check", "--fix", "--unsafe-fixes", str(note))
    assert "Fixed 2 passages" in result.stderr, result.output
    fixed = ["Café with Zoë — I listened.", "“He refused,” she said? No: he declined.", ""]
    assert note.read_bytes() == bom + newline.join(fixed).encode(encoding)


def test_unchanged_files_are_not_touched(tmp_path: Path) -> None:
    root = project(tmp_path)
    clean = root / "clean.txt"
    clean.write_text("I met John.\n", encoding="utf-8")
    unsafe_only = root / "unsafe.txt"
    unsafe_only.write_text("He refused.\n", encoding="utf-8")
    stamps = {p: _age(p) for p in (clean, unsafe_only)}
    result = run("check", "--fix", str(root))
    assert "Fixed 0 passages in 0 note(s)." in result.stderr
    for path, stamp in stamps.items():
        assert path.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in root.iterdir()) == [
        ".peerlint.yaml",
        "clean.txt",
        "pack.yaml",
        "unsafe.txt",
    ]  # no temporary files left behind


def test_rows_of_exports_are_never_fixed_and_the_user_is_told(tmp_path: Path) -> None:
    root = project(tmp_path)
    rows = root / "notes.jsonl"
    rows.write_text(json.dumps({"id": "n1", "text": "This writer met Sam."}) + "\n", "utf-8")
    table = root / "notes.csv"
    table.write_text("id,text\nn1,This writer met Sam.\nn2,This writer called.\n", "utf-8")
    before = {p: (p.read_bytes(), _age(p)) for p in (rows, table)}
    result = run("check", "--fix", str(rows), str(table))
    assert (
        f"{rows}: not fixed: fixes are not applied to rows of CSV/JSONL exports (1 note"
        in result.stderr
    )
    assert (
        f"{table}: not fixed: fixes are not applied to rows of CSV/JSONL exports (2 notes"
        in result.stderr
    )
    for path, (data, stamp) in before.items():
        assert path.read_bytes() == data and path.stat().st_mtime_ns == stamp
    assert result.exit_code == 1  # the findings are still reported


def test_stdin_is_never_fixed(tmp_path: Path) -> None:
    project(tmp_path)
    result = run("check", "--fix", "-", stdin="This writer met Sam.\n")
    assert "<stdin>: not fixed" in result.stderr and result.exit_code == 1


def test_interactive_accept_skip_edit_quit(tmp_path: Path) -> None:
    root = project(tmp_path)
    first = root / "a.txt"
    first.write_text("This writer met Sam. He refused lunch. She lacks insight.\n", "utf-8")
    second = root / "b.txt"
    second.write_text("This writer called.\n", encoding="utf-8")
    stamp = _age(second)
    # a.txt: accept "I", skip "refused", edit "lacks insight"; b.txt: quit.
    answers = "a\ns\ne\nsees it differently\nq\n"
    result = run("check", "--interactive", str(first), str(second), stdin=answers)
    assert (
        first.read_text(encoding="utf-8")
        == "I met Sam. He refused lunch. She sees it differently.\n"
    )
    assert second.read_text(encoding="utf-8") == "This writer called.\n"
    assert second.stat().st_mtime_ns == stamp
    assert "[a]ccept, [s]kip, [e]dit, [q]uit?" in result.stderr
    assert "[s]kip, [e]dit, [q]uit?" in result.stderr  # no accept without a replacement
    assert "Fixed 2 passages in 1 note(s)." in result.stderr
    report = result.stdout
    assert "refused-t" in report and "writer-t" in report  # what is left (b.txt, refused)


def test_interactive_stops_cleanly_when_input_ends(tmp_path: Path) -> None:
    root = project(tmp_path)
    note = root / "a.txt"
    note.write_text("This writer met Sam. He refused.\n", encoding="utf-8")
    result = run("check", "-i", str(note), stdin="a\n")
    assert note.read_text(encoding="utf-8") == "I met Sam. He refused.\n"
    assert "Traceback" not in result.output and result.exit_code == 1


def test_a_note_changed_since_it_was_checked_is_not_fixed(tmp_path: Path) -> None:
    note = tmp_path / "n.txt"
    note.write_text("edited meanwhile\n", encoding="utf-8")
    with pytest.raises(FixError, match="changed since it was checked"):
        write_fixed(note, NOTE, [Edit(9, 20, "I")])
    assert note.read_text(encoding="utf-8") == "edited meanwhile\n"


def test_a_fix_the_encoding_cannot_hold_is_refused_without_loss(tmp_path: Path) -> None:
    note = tmp_path / "n.txt"
    original = "Zoë and this writer met.\n".encode("cp1252")
    note.write_bytes(original)
    text = original.decode("cp1252")
    with pytest.raises(FixError, match=r"cannot be written in the note's encoding \(cp1252\)"):
        write_fixed(note, text, [Edit(8, 19, "我")])
    assert note.read_bytes() == original


def test_a_failed_rename_leaves_the_original_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    note = tmp_path / "n.txt"
    note.write_text(NOTE, encoding="utf-8")

    def broken(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fixes.os, "replace", broken)
    with pytest.raises(FixError, match="No space left on device; not fixed"):
        write_fixed(note, NOTE, [Edit(9, 20, "I")])
    assert note.read_text(encoding="utf-8") == NOTE
    assert [p.name for p in tmp_path.iterdir()] == ["n.txt"]


def test_atomic_write_keeps_permissions(tmp_path: Path) -> None:
    note = tmp_path / "n.txt"
    note.write_text("old\n", encoding="utf-8")
    note.chmod(0o640)
    atomic_write(note, b"new\n")
    assert note.read_bytes() == b"new\n" and (note.stat().st_mode & 0o777) == 0o640


# A child process runs the real `peerlint check --fix`, with one step of the atomic
# write made to pause (it prints a marker first); the test then kills it with SIGKILL.
CHILD = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from peerlint.rules import builtin_pack_paths, load_packs
    # Parse (and cache) the packs first, so that the pause below is in the fix's own write.
    load_packs([*builtin_pack_paths(), Path(sys.argv[2]).parent / "pack.yaml"])
    step = sys.argv[1]
    original = getattr(os, step)
    def pause(*args, **kwargs):
        if step == "fsync":  # the temporary file holds the new text, not yet renamed
            original(*args, **kwargs)
        print("PAUSED", flush=True)
        time.sleep(60)
        return original(*args, **kwargs)
    setattr(os, step, pause)
    from peerlint.cli import main
    sys.argv = ["peerlint", "check", "--fix", sys.argv[2]]
    main()
    """
)


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_killing_a_fix_mid_write_leaves_the_original_intact(tmp_path: Path, step: str) -> None:
    root = project(tmp_path)
    note = root / "n.txt"
    original = ("John and this writer met today.\r\n" * 2000).encode("utf-8-sig")
    note.write_bytes(original)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, step, str(note)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        deadline = time.monotonic() + 60
        line = child.stdout.readline()
        assert line.strip() == "PAUSED", child.stderr.read() if child.stderr else ""
        temps = list(root.glob(".n.txt.*" + fixes.TEMP_SUFFIX))
        assert len(temps) == 1  # mid-write: the new text exists only in the temporary file
        if step == "replace":
            assert temps[0].read_bytes() == original.replace(b"this writer", b"I")
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    assert note.read_bytes() == original
    # The leftover temporary file is hidden: checking the folder ignores it.
    _, report = check_json("--no-baseline", str(root))
    assert [Path(n["path"]).name for n in report["notes"]] == ["n.txt"]
    # And a new run fixes the note properly.
    assert run("check", "--fix", str(note)).exit_code == 0
    assert note.read_bytes() == original.replace(b"this writer", b"I")

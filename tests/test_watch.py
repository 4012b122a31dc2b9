"""Hooks: `peerlint watch` (debounced, bounded, stops on Ctrl-C), pre-commit hooks,
and the README's plain shell pre-submit recipe."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from peerlint.checker import Checker, CheckRun
from peerlint.config import Configs
from peerlint.watch import Watcher, WatchOptions, sidecar_path

from .conftest import ROOT
from .hook_support import project, run

NOTE = "John and this writer met today. He refused lunch.\n"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _watcher(
    folder: Path, clock: Clock, **options: object
) -> tuple[Watcher, list[tuple[Path, CheckRun]]]:
    seen: list[tuple[Path, CheckRun]] = []
    watcher = Watcher(
        folder,
        Checker(Configs()),
        WatchOptions(settle=2.0, **options),  # type: ignore[arg-type]
        lambda path, run: seen.append((path, run)),
        clock=clock,
    )
    return watcher, seen


def test_a_note_is_checked_once_settled_and_again_when_it_changes(tmp_path: Path) -> None:
    root = project(tmp_path)
    clock = Clock()
    watcher, seen = _watcher(root, clock)
    note = root / "n.jsonl"
    note.write_text('{"id": "a", "text": "This writer', encoding="utf-8")  # half-written row
    assert watcher.step() == 0
    clock.now += 1.0
    with note.open("a", encoding="utf-8") as handle:  # the export keeps writing
        handle.write(' met Sam."}\n')
    assert watcher.step() == 0  # changed: the settle time starts again
    clock.now += 1.5
    assert watcher.step() == 0
    clock.now += 0.6
    assert watcher.step() == 1
    ((path, checked),) = seen
    assert path == note and not checked.errors  # never reported half-written
    assert [f.rule for f in checked.results[0].findings] == ["writer-t"]
    clock.now += 10
    assert watcher.step() == 0  # unchanged: not checked again
    note.write_text('{"id": "a", "text": "He refused."}\n', encoding="utf-8")
    os.utime(note, ns=(1, 1))  # a different signature even on coarse clocks
    watcher.step()
    clock.now += 2
    assert watcher.step() == 1
    assert [f.rule for f in seen[-1][1].results[0].findings] == ["refused-t"]
    note.unlink()
    assert watcher.step() == 0 and watcher.pending == 0


def test_results_beside_each_note_and_in_a_log(tmp_path: Path) -> None:
    root = project(tmp_path / "export")
    log = root / "peerlint.log"
    clock = Clock()
    watcher, _ = _watcher(root, clock, json_beside=True, log=log)
    (root / "a.txt").write_text(NOTE, encoding="utf-8")
    (root / "b.md").write_text("I met Sam.\n", encoding="utf-8")
    watcher.step()
    clock.now += 3
    assert watcher.step() == 2
    side = json.loads(sidecar_path(root / "a.txt").read_text(encoding="utf-8"))
    assert sidecar_path(root / "a.txt").name == ".a.txt.peerlint.json"
    assert [f["rule"] for f in side["notes"][0]["findings"]] == ["writer-t", "refused-t"]
    assert side["errors"] == []
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert sorted(Path(entry["path"]).name for entry in lines) == ["a.txt", "b.md"]
    clock.now += 3
    assert watcher.step() == 0  # sidecars and the log are never taken for notes


def test_once_checks_what_is_there_and_returns(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "a.txt").write_text(NOTE, encoding="utf-8")
    clock = Clock()
    watcher, seen = _watcher(root, clock, once=True, interval=0.5)

    def sleep(seconds: float) -> None:
        clock.now += seconds

    watcher.run(sleep=sleep)
    assert [p.name for p, _ in seen] == ["a.txt"]
    assert clock.now >= 1002.0  # it waited for the note to settle


def test_max_duration_bounds_a_run(tmp_path: Path) -> None:
    root = project(tmp_path)
    clock = Clock()
    watcher, _ = _watcher(root, clock, max_duration=5.0, interval=1.0)
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        clock.now += seconds

    watcher.run(sleep=sleep)
    assert sum(sleeps) == pytest.approx(5.0)


def test_watch_command_once(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "a.txt").write_text(NOTE, encoding="utf-8")
    result = run("watch", str(root), "--once", "--settle", "0", "--json-beside")
    assert result.exit_code == 0, result.output
    assert f"{root / 'a.txt'}:1:10: warning [writer-t]" in result.stdout
    assert f"{root / 'a.txt'}: 2 drift passage(s)" in result.stdout
    assert sidecar_path(root / "a.txt").is_file()
    assert run("watch", str(root / "a.txt"), "--once").exit_code == 2  # not a folder


def test_watch_reports_a_broken_config_at_once(tmp_path: Path) -> None:
    root = project(tmp_path, "fail_on: loud\n")
    result = run("watch", str(root), "--once")
    assert result.exit_code == 2 and ".peerlint.yaml:1: fail_on:" in result.stderr


def test_watch_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    root = project(tmp_path)
    command = [
        *(sys.executable, "-m", "peerlint", "watch", str(root)),
        *("--interval", "0.05", "--settle", "0.2", "--max-duration", "60"),
    ]
    # Ctrl-C as in a terminal: a runner started in the background (``cmd &`` in a script)
    # hands its children SIGINT ignored, and a process that inherits that must keep it.
    child = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert child.stderr is not None and child.stdout is not None
        assert child.stderr.readline().startswith("Watching ")
        (root / "a.txt").write_text(NOTE, encoding="utf-8")
        deadline = time.monotonic() + 30
        output = ""
        while "drift passage(s)" not in output and time.monotonic() < deadline:
            output += child.stdout.readline()
        assert f"{root / 'a.txt'}: 2 drift passage(s)" in output
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 0
    assert "Stopped watching." in err and "Traceback" not in err + out


def test_pre_commit_hooks_run_the_real_command(tmp_path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["peerlint", "peerlint-fix"]
    root = project(tmp_path)
    note = root / "n.txt"
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook) and hook["language"] == "python"
        assert re.search(hook["files"], "notes/visit.txt") and not re.search(hook["files"], "a.py")
        program, *args = hook["entry"].split()
        assert program == "peerlint"
        note.write_text(NOTE, encoding="utf-8")
        # pre-commit appends the changed files to the entry.
        result = run(*args, str(note))
        assert result.exit_code == 1, result.output
    assert note.read_text(encoding="utf-8").startswith("John and I met")  # the fix hook fixed


def _readme_recipe() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use in a pre-submit hook", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    recipe = next(b for b in blocks if b.startswith("#!/bin/sh"))
    return recipe


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell recipe")
def test_the_readme_shell_recipe_blocks_new_drift_only(tmp_path: Path) -> None:
    script = tmp_path / "pre-submit"
    script.write_text(_readme_recipe(), encoding="utf-8")
    script.chmod(0o755)
    outbox = project(tmp_path / "outbox")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}

    def submit() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(script), str(outbox)], env=env, capture_output=True, text=True, timeout=120
        )

    (outbox / "clean.txt").write_text("I met Sam at the library.\n", encoding="utf-8")
    assert submit().returncode == 0
    (outbox / "drift.txt").write_text(NOTE, encoding="utf-8")
    blocked = submit()
    assert blocked.returncode == 1 and "writer-t" in blocked.stdout

"""Throughput, peak memory and warm-cache time of `peerlint scan` on a large generated export.

Generates N synthetic notes (default 100,000) from slot-filled templates as one JSONL export
with authors and dates (and, with --files, the same notes as one .txt file each), then runs
`peerlint scan` in a fresh subprocess for each measurement, reading wall time and peak RSS
(ru_maxrss of the child and its workers, via wait4):

* cold, 1 process      --no-cache --jobs 1
* cold, 2 processes    --no-cache --jobs 2        (does multiprocessing help on this machine?)
* cache fill           a new cache folder, first scan (writes the cache)
* warm                 the same cache folder again (nothing relinted)

Every scan also writes the HTML report, as a supervisor would. Runs are interleaved and
repeated; figures are medians and the verdicts are ratios, since machines are shared and noisy.

Usage: python bench/bench_scan.py [--notes 100000] [--runs 3] [--files]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NAMES = ["Dana", "Marcus", "Aisha", "Tomas", "Keisha", "Ravi", "Lupe", "Jordan", "Mei", "Rosa"]
STAFF = [
    f"{first} {last}"
    for first, last in zip(
        ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lia"],
        [
            "Ruiz",
            "Okafor",
            "Ward",
            "Patel",
            "Stone",
            "Moss",
            "Lind",
            "Sato",
            "Kerr",
            "Vale",
            "Roe",
            "Diaz",
        ],
        strict=True,
    )
]
PLACES = ["library", "park", "diner", "laundromat", "bus stop", "food pantry", "drop-in center"]
PEER = [
    "{name} and I met at the {place} around {hour}.",
    "We walked for about {mins} minutes and talked about the job fair.",
    "{name} said the voices were loud last night and {pron} barely slept.",
    "I shared what helped me when I first moved into my own place.",
    "{name} decided to call {poss} sister after lunch.",
    "{name} asked me to come to the {place}, so we went together.",
    "Next week {pron} wants to look at the peer respite flyer together.",
]
DRIFT = [
    "This writer met with pt at the {place} and {pron} presents as guarded.",
    "Team is concerned {name} lacks insight and has been non-compliant with meds.",
    "{name} was agitated and refused to attend group.",
    "I told {obj} {pron} needs to take {poss} medication as prescribed.",
    "Assessed for SI/HI, {name} denies both.",
    "{name} appeared psychotic at the {place}.",
    "{name} was being manipulative with staff.",
]
PRONOUNS = [("she", "her", "her"), ("he", "him", "his"), ("they", "them", "their")]


def make_note(rng: random.Random) -> str:
    pron, obj, poss = rng.choice(PRONOUNS)
    slots = {
        "name": rng.choice(NAMES),
        "place": rng.choice(PLACES),
        "hour": f"{rng.randint(8, 17)}:{rng.choice(['00', '15', '30', '45'])}",
        "mins": rng.randint(10, 90),
        "pron": pron,
        "obj": obj,
        "poss": poss,
    }
    lines = rng.sample(PEER, rng.randint(3, 6))
    for _ in range(rng.choice([0, 0, 1, 1, 2])):
        lines.insert(rng.randrange(len(lines) + 1), rng.choice(DRIFT))
    return " ".join(line.format(**slots) for line in lines)


def generate(folder: Path, count: int, files: bool) -> tuple[Path, Path | None, int]:
    rng = random.Random(4)
    export = folder / "export.jsonl"
    notes_dir = folder / "notes" if files else None
    total_bytes = 0
    with export.open("w", encoding="utf-8") as out:
        for index in range(count):
            text = make_note(rng)
            row = {
                "id": f"n{index}",
                "author": rng.choice(STAFF),
                "date": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "text": text,
            }
            line = json.dumps(row) + "\n"
            total_bytes += len(line)
            out.write(line)
            if notes_dir is not None:
                sub = notes_dir / f"{index // 1000:03d}"
                sub.mkdir(parents=True, exist_ok=True)
                (sub / f"n{index}.txt").write_text(text, encoding="utf-8")
    return export, notes_dir, total_bytes


def run_scan(target: Path, cache: Path | None, jobs: int, report: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one `peerlint scan` in a fresh process."""
    args = [sys.executable, "-m", "peerlint", "scan", str(target), "--jobs", str(jobs)]
    args += ["--report", str(report), "-o", os.devnull]
    args += ["--no-cache"] if cache is None else ["--cache-dir", str(cache)]
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    stderr = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"scan failed ({status}): {stderr}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--files", action="store_true", help="also scan one .txt per note")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="peerlint-bench-scan-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        export, notes_dir, size = generate(folder, args.notes, args.files)
        print(
            f"generated {args.notes:,} notes ({size / 1e6:.1f} MB JSONL) "
            f"in {time.perf_counter() - started:.1f} s; {os.cpu_count()} CPUs"
        )
        report = folder / "report.html"
        targets = [("jsonl", export)] + ([("files", notes_dir)] if notes_dir else [])
        for label, target in targets:
            results: dict[str, list[tuple[float, float]]] = {}
            for run in range(args.runs):
                for mode, jobs in (("cold, 1 process", 1), ("cold, 2 processes", 2)):
                    results.setdefault(mode, []).append(run_scan(target, None, jobs, report))
                cache = folder / f"cache-{label}-{run}"
                results.setdefault("cache fill", []).append(run_scan(target, cache, 1, report))
                results.setdefault("warm cache", []).append(run_scan(target, cache, 1, report))
                shutil.rmtree(cache)
            print(f"\n{label}: {args.notes:,} notes, median of {args.runs} runs")
            medians: dict[str, float] = {}
            for mode, values in results.items():
                seconds = statistics.median(v[0] for v in values)
                peak = statistics.median(v[1] for v in values)
                medians[mode] = seconds
                print(
                    f"  {mode:<18} {seconds:7.2f} s  {args.notes / seconds:9,.0f} notes/s  "
                    f"peak RSS {peak:6.0f} MiB"
                )
            one, two = medians["cold, 1 process"], medians["cold, 2 processes"]
            print(f"  2 processes vs 1: {one / two:.2f}x {'faster' if two < one else 'slower'}")
            print(f"  warm cache vs cold: {medians['warm cache'] / one:.2f} of the time")
            print(f"  cache fill overhead: {medians['cache fill'] / one:.2f}x a cold scan")


if __name__ == "__main__":
    main()

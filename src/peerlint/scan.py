"""``peerlint scan``: stream every note under the targets through the engine, with a cache.

Flow, one batch of notes at a time so memory stays bounded whatever the input size::

    files -> notes (sources) -> cache lookup -> lint the misses (here or in worker
    processes) -> NoteResult -> on_result (summary, JSON/CSV writers) -> cache store

Nothing here keeps a note after its batch is handed on. Workers (``jobs > 1``) are forked
after the engine is built, so they inherit it instead of importing spaCy again, and send
back only ``(rule id, start, end)`` triples, which is also what the cache stores.

Cached results become findings through :class:`~peerlint.builder.FindingBuilder`, which
needs no spaCy: when the first batch is all in the cache (an unchanged folder), the
engine is only built if a later note misses, and no workers are started at all.
"""

from __future__ import annotations

import collections
import itertools
import multiprocessing
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from peerlint.builder import FindingBuilder
from peerlint.cache import Hit, ScanCache, open_cache
from peerlint.findings import Finding, NoteResult
from peerlint.packcache import default_cache_dir
from peerlint.rules import Rule
from peerlint.sources import (
    STDIN,
    Fields,
    Item,
    Note,
    SourceError,
    notes_from_file,
    walk_folder,
)
from peerlint.summary import NO_AUTHOR, ScanSummary

if TYPE_CHECKING:
    from peerlint.engine import Engine

BATCH_NOTES = 256
# Worker processes pay off only when there is enough uncached work to spread; see
# bench/bench_scan.py for the measurements behind ``auto_jobs``.
MIN_NOTES_PER_WORKER_BATCH = 64


@dataclass(frozen=True)
class ScanOptions:
    """How to scan: which notes, which cache, how many processes, whether to show progress."""

    fields: Fields = field(default_factory=Fields)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    use_cache: bool = True
    cache_dir: Path | None = None  # None: default_cache_dir()
    jobs: int = 1  # worker processes; 1 lints in this process
    progress: bool = False


@dataclass
class ScanStats:
    """What happened, for the summary line and the benchmark."""

    notes: int = 0
    errors: int = 0
    from_cache: int = 0
    linted: int = 0
    in_workers: int = 0  # of ``linted``, how many in worker processes
    files: int = 0
    seconds: float = 0.0
    jobs: int = 1
    warnings: list[str] = field(default_factory=list)


def auto_jobs() -> int:
    """Worker processes to use by default: one per available core, at most 4.

    Measured on a 2-core machine (bench/bench_scan.py, 100,000 notes): 2 workers scan
    1.47x faster than one process (1.23x at 10,000 notes, start-up included). Past ~4
    workers the main process (reading, parsing, cache, summary: ~1/4 of the per-note
    cost) becomes the bottleneck, hence the cap."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


# --- worker side ----------------------------------------------------------------

_WORKER_ENGINE: Engine | None = None


def _lint_texts(texts: list[str]) -> list[list[Hit]]:
    """In a worker: the hits of each text (the engine was inherited through fork)."""
    engine = _WORKER_ENGINE
    assert engine is not None
    return [[(f.rule, f.start, f.end) for f in engine.lint(text)] for text in texts]


# --- main side -------------------------------------------------------------------


def _input_files(targets: Sequence[str], options: ScanOptions) -> Iterator[Path | str]:
    """Files to read, in order: folder contents (globs applied), named files, ``-``."""
    for target in targets:
        if target == STDIN:
            yield STDIN
            continue
        path = Path(target)
        if path.is_dir():
            yield from walk_folder(path, options.include, options.exclude)
        else:
            yield path


def _items(files: Sequence[Path | str], fields: Fields) -> Iterator[tuple[int, Item]]:
    """(index of the file, note or error) for every file."""
    for index, file in enumerate(files):
        if file == STDIN:
            yield index, from_stdin(fields)
            continue
        assert isinstance(file, Path)
        if not file.exists() and not file.is_symlink():
            yield index, SourceError(str(file), "no such file or folder")
            continue
        for item in notes_from_file(file, fields):
            yield index, item


def from_stdin(fields: Fields) -> Item:
    """The single note on standard input."""
    return next(iter(notes_from_file(None, fields, where="<stdin>")))


@dataclass
class _Batch:
    notes: list[Note]
    keys: list[bytes]
    cached: dict[int, list[Hit]]
    linted: dict[int, list[Finding]]
    pending: AsyncResult[list[list[Hit]]] | None = None
    misses: list[int] = field(default_factory=list)


class _Scanner:
    def __init__(
        self,
        rules: Sequence[Rule],
        engine: Engine | None,
        cache: ScanCache | None,
        pool: Pool | None,
        on_result: Callable[[NoteResult], None],
        stats: ScanStats,
        quiet: Sequence[Rule] = (),
    ) -> None:
        self.rules = rules
        self.quiet = quiet
        self._engine = engine
        self.builder = FindingBuilder(rules)
        self.cache = cache
        self.pool = pool
        self.on_result = on_result
        self.stats = stats
        self.in_flight: collections.deque[_Batch] = collections.deque()
        self.max_in_flight = 2 * (stats.jobs or 1)

    @property
    def engine(self) -> Engine:
        """The compiled engine, built (and spaCy imported) on the first cache miss."""
        if self._engine is None:
            from peerlint.engine import Engine

            self._engine = Engine(self.rules, self.quiet)
        return self._engine

    def lookup(self, notes: list[Note]) -> tuple[list[bytes], dict[int, list[Hit]]]:
        """Cache keys of the notes, and the cached hits of those the cache holds."""
        if self.cache is None:
            return [], {}
        try:
            keys = [self.cache.key(n.text) for n in notes]
            found = self.cache.get_many(keys)
        except sqlite3.Error as exc:
            self._cache_failed(exc)
            return [], {}
        return keys, {i: found[k] for i, k in enumerate(keys) if k in found}

    def _cache_failed(self, exc: Exception) -> None:
        self.stats.warnings.append(f"cache turned off for this run ({exc})")
        self.cache = None

    def submit(self, notes: list[Note]) -> None:
        keys, cached = self.lookup(notes)
        batch = _Batch(notes, keys, cached, {})
        batch.misses = [i for i in range(len(notes)) if i not in batch.cached]
        if self.pool is not None and len(batch.misses) >= MIN_NOTES_PER_WORKER_BATCH:
            texts = [notes[i].text for i in batch.misses]
            batch.pending = self.pool.apply_async(_lint_texts, (texts,))
        else:
            for i in batch.misses:
                batch.linted[i] = self.engine.lint(notes[i].text)
        self.in_flight.append(batch)
        while len(self.in_flight) > self.max_in_flight or (
            self.in_flight and self.in_flight[0].pending is None
        ):
            self.finish(self.in_flight.popleft())

    def drain(self) -> None:
        while self.in_flight:
            self.finish(self.in_flight.popleft())

    def finish(self, batch: _Batch) -> None:
        if batch.pending is not None:
            self.stats.in_workers += len(batch.misses)
            for i, hits in zip(batch.misses, batch.pending.get(), strict=True):
                text = batch.notes[i].text
                batch.linted[i] = [self.builder.rebuild(r, s, e, text) for r, s, e in hits]
        for i, note in enumerate(batch.notes):
            findings = batch.linted.get(i)
            if findings is None:
                findings = self._from_cache(note.text, batch.cached[i])
                self.stats.from_cache += findings is not None
            if findings is None:  # a cached rule id this engine lacks: lint again
                findings = batch.linted[i] = self.engine.lint(note.text)
            if i in batch.linted and self.cache is not None and batch.keys:
                try:
                    self.cache.put(batch.keys[i], [(f.rule, f.start, f.end) for f in findings])
                except sqlite3.Error as exc:
                    self._cache_failed(exc)
            self.stats.linted += i in batch.linted
            self.stats.notes += 1
            self.on_result(
                NoteResult(
                    path=note.path,
                    findings=tuple(findings),
                    id=note.id,
                    text=note.text,
                    author=note.author,
                    date=note.date,
                )
            )

    def _from_cache(self, text: str, hits: list[Hit]) -> list[Finding] | None:
        try:
            return [self.builder.rebuild(r, s, e, text) for r, s, e in hits]
        except (KeyError, IndexError):
            return None


def scan(
    rules: Sequence[Rule],
    targets: Sequence[str],
    options: ScanOptions,
    on_result: Callable[[NoteResult], None],
    on_error: Callable[[SourceError], None],
    quiet: Sequence[Rule] = (),
) -> ScanStats:
    """Lint every note under ``targets``, in order, handing each result to ``on_result``
    and each unreadable input to ``on_error`` (the scan always goes on). ``quiet``: the
    rules turned off (see :class:`peerlint.engine.Engine`)."""
    started = time.perf_counter()
    global _WORKER_ENGINE
    stats = ScanStats(jobs=max(1, options.jobs))
    if "fork" not in multiprocessing.get_all_start_methods():
        stats.jobs = 1  # workers inherit the engine by fork; elsewhere one process it is
    cache: ScanCache | None = None
    if options.use_cache:
        cache, problem = open_cache(options.cache_dir or default_cache_dir(), rules, quiet)
        if problem:
            stats.warnings.append(problem)
    scanner = _Scanner(rules, None, cache, None, on_result, stats, quiet)
    files = list(_input_files(targets, options))
    stats.files = len(files)
    items = _items(files, options.fields)
    # Peek at the first batch: if the cache holds all of it, the folder is most likely
    # unchanged and neither the engine (spaCy) nor worker processes are worth starting.
    first: list[tuple[int, Item]] = []
    for entry in items:
        first.append(entry)
        if sum(isinstance(item, Note) for _, item in first) >= BATCH_NOTES:
            break
    first_notes = [item for _, item in first if isinstance(item, Note)]
    warm = bool(first_notes) and len(scanner.lookup(first_notes)[1]) == len(first_notes)
    if not warm:
        engine = scanner.engine  # built now, so forked workers inherit it
        if stats.jobs > 1:
            # Fork before any thread (progress bar) exists; workers inherit the engine.
            _WORKER_ENGINE = engine
            scanner.pool = multiprocessing.get_context("fork").Pool(stats.jobs)
    else:
        stats.jobs = 1
    progress = _Progress(len(files)) if options.progress else None
    try:
        batch: list[Note] = []
        done_files = 0
        for index, item in itertools.chain(first, items):
            if progress is not None and index > done_files:
                progress.files(index, stats)
                done_files = index
            if isinstance(item, SourceError):
                stats.errors += 1
                on_error(item)
                continue
            batch.append(item)
            if len(batch) >= BATCH_NOTES:
                scanner.submit(batch)
                batch = []
                if progress is not None:
                    progress.files(done_files, stats)
        if batch:
            scanner.submit(batch)
        scanner.drain()
        if progress is not None:
            progress.files(len(files), stats)
    finally:
        if progress is not None:
            progress.stop()
        if scanner.pool is not None:
            scanner.pool.terminate()
            scanner.pool.join()
            _WORKER_ENGINE = None
        if scanner.cache is not None:
            try:
                scanner.cache.close()
            except sqlite3.Error as exc:
                stats.warnings.append(f"cache not saved ({exc})")
    stats.seconds = time.perf_counter() - started
    return stats


class _Progress:
    """A Rich progress bar over input files on standard error (only used on a terminal)."""

    def __init__(self, total_files: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("Scanning"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files · {task.fields[notes]} notes"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._task = self._progress.add_task("scan", total=max(total_files, 1), notes=0)
        self._progress.start()

    def files(self, done: int, stats: ScanStats) -> None:
        self._progress.update(self._task, completed=done, notes=f"{stats.notes:,}")

    def stop(self) -> None:
        self._progress.stop()


def default_jobs() -> int:
    """``--jobs 0`` (auto): see :func:`auto_jobs`."""
    return auto_jobs()


# --- the command: scan, then write the chosen outputs ------------------------------


@dataclass(frozen=True)
class ScanOutputs:
    """What to produce: a format on ``stream`` (text summary, JSON or CSV), an HTML report."""

    format: str = "text"  # "text" | "json" | "csv"
    report: Path | None = None
    redact: bool = False


def rule_vocabulary(rules: Sequence[Rule]) -> set[str]:
    """Words of the rules' terms: capitalised at a sentence start they are not names."""
    import re

    return {
        w.lower() for r in rules for t in (*r.terms, *r.exact) for w in re.findall(r"[A-Za-z]+", t)
    }


def run(
    rules: Sequence[Rule],
    targets: Sequence[str],
    options: ScanOptions,
    outputs: ScanOutputs,
    stream: TextIO,
    on_error: Callable[[str], None],
    on_warning: Callable[[str], None],
    quiet: Sequence[Rule] = (),
) -> tuple[ScanSummary, ScanStats]:
    """Scan and write every requested output. Errors go to ``on_error`` as they happen
    (only for machine formats: the text summary lists them itself)."""
    from peerlint.redact import Pseudonyms, find_names
    from peerlint.report.redaction import Redactor

    vocabulary = rule_vocabulary(rules)
    summary = ScanSummary(vocabulary)
    pseudonyms = Pseudonyms() if outputs.redact else None
    redactor = Redactor(pseudonyms, vocabulary) if pseudonyms is not None else None
    sinks: list[Callable[[NoteResult], None]] = [summary.add]
    json_writer = None
    if outputs.format == "json":
        from peerlint.report.scan_json import JsonWriter

        json_writer = JsonWriter(stream, redactor)
        sinks.append(json_writer.add)
    elif outputs.format == "csv":
        from peerlint.report.csv_report import CsvWriter

        sinks.append(CsvWriter(stream, redactor).add)
    elif pseudonyms is not None:
        aliases = pseudonyms

        def number_staff(result: NoteResult) -> None:
            """Number staff in order of first appearance, as the machine formats do."""
            aliases.staff(result.author)

        sinks.append(number_staff)

    def staff(author: str) -> str:
        if pseudonyms is None or author == NO_AUTHOR:
            return author
        return pseudonyms.staff(author) or author

    def people(text: str) -> str:
        if pseudonyms is None:
            return text
        return pseudonyms.replace_names(text, find_names(text, vocabulary))

    def on_result(result: NoteResult) -> None:
        for sink in sinks:
            sink(result)

    def error(item: SourceError) -> None:
        summary.add_error(item)
        if outputs.format != "text":
            on_error(str(item))

    stats = scan(rules, targets, options, on_result, error, quiet)
    for warning in stats.warnings:
        on_warning(warning)
    if json_writer is not None:
        json_writer.close(summary.as_json({a: staff(a) for a in summary.by_author}))
    elif outputs.format == "text":
        from rich.console import Console

        from peerlint.report import summary_text

        console = Console(file=stream, highlight=False)
        summary_text.render(console, summary, staff, people)
    if outputs.report is not None:
        from datetime import datetime

        from peerlint.report import html

        page = html.render(
            summary, datetime.now().strftime("%Y-%m-%d %H:%M"), pseudonyms=pseudonyms
        )
        outputs.report.write_text(page, encoding="utf-8")
    return summary, stats

"""The ``peerlint`` command line. Argument parsing and wiring only: no matching logic.

spaCy is imported only by commands that lint, so ``--help``, ``--version``,
``rules`` and ``explain`` answer instantly.
"""

from __future__ import annotations

import difflib
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

from peerlint import __version__
from peerlint.categories import CATEGORIES
from peerlint.findings import Finding
from peerlint.rules import Rule, RulePack, RulePackError, load_packs, select_rules, turned_off

if TYPE_CHECKING:
    from peerlint.checker import CheckedNote, Checker, CheckRun

app = typer.Typer(
    name="peerlint",
    help="Flags clinical drift in peer support notes and suggests peer-centric ways to say it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


class Format(str, Enum):
    text = "text"
    json = "json"


class Level(str, Enum):
    info = "info"
    warning = "warning"
    error = "error"


def _stdout() -> Console:
    return Console(highlight=False)


def _stderr() -> Console:
    return Console(stderr=True, highlight=False)


def fail(message: str) -> NoReturn:
    """A usage, configuration or input error: one line on stderr, exit 2."""
    _stderr().print(f"peerlint: error: {message}", markup=False, soft_wrap=True)
    raise typer.Exit(2)


def _split(values: list[str] | None) -> list[str]:
    """Accept both ``--select a,b`` and ``--select a --select b``."""
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def _load(packs: list[Path] | None) -> list[RulePack]:
    try:
        builtin = load_packs()
        extra = load_packs(packs) if packs else []
        if extra:
            load_packs([Path(p.path) for p in (*builtin, *extra)])  # ids unique across both
        return [*builtin, *extra]
    except RulePackError as exc:
        fail(str(exc))


def _check_names(names: list[str], rules: list[Rule], option: str) -> None:
    known = {r.id for r in rules} | set(CATEGORIES)
    for name in names:
        if name not in known:
            hint = difflib.get_close_matches(name, known, n=1)
            fail(
                f"{option}: unknown rule or category {name!r}"
                + (f" (did you mean {hint[0]!r}?)" if hint else "")
            )


def _version(value: bool) -> None:
    if value:
        print(f"peerlint {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool | None,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = None,
) -> None:
    """peerlint reads progress notes and points out passages that drift from the peer role."""


PacksOption = Annotated[
    list[Path] | None,
    typer.Option("--pack", help="An extra rule pack (YAML) to use beside the built-in ones."),
]


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"


ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config", help="Use this config file instead of finding .peerlint.yaml above the notes."
    ),
]


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Note files, folders, or - for stdin.")],
    output_format: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format", "-f", help="Output format (default: github in GitHub Actions, else text)."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    select: Annotated[
        list[str] | None, typer.Option(help="Only these rule ids or categories (comma-separated).")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option(help="Skip these rule ids or categories (comma-separated).")
    ] = None,
    fail_on: Annotated[
        Level | None,
        typer.Option(help="Exit 1 when a finding is at or above this level [default: warning]."),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")
    ] = False,
    id_field: Annotated[
        str | None, typer.Option(help="CSV/JSONL field holding the note id [default: id].")
    ] = None,
    text_field: Annotated[
        str | None, typer.Option(help="CSV/JSONL field holding the note text [default: text].")
    ] = None,
    packs: PacksOption = None,
    config: ConfigOption = None,
    baseline: Annotated[
        Path | None,
        typer.Option(help="Baseline file (default: .peerlint-baseline.json beside the config)."),
    ] = None,
    no_baseline: Annotated[
        bool, typer.Option("--no-baseline", help="Report findings the baseline records too.")
    ] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes to .txt/.md notes.")] = False,
    unsafe_fixes: Annotated[
        bool,
        typer.Option(
            "--unsafe-fixes", help="With --fix/--diff: also replacements not marked safe."
        ),
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print the fixes as a unified diff; write nothing.")
    ] = False,
    interactive: Annotated[
        bool,
        typer.Option(
            "--interactive", "-i", help="Walk the findings one by one: accept/skip/edit/quit."
        ),
    ] = False,
    rewrite: Annotated[
        bool,
        typer.Option(
            "--rewrite",
            help="Also print a draft of each note: safe swaps applied, other findings as prompts.",
        ),
    ] = False,
) -> None:
    """Check notes and show each drifting passage, why it drifts, and a peer-centric alternative."""
    from peerlint.baseline import BaselineError
    from peerlint.checker import Checker
    from peerlint.config import CliChoices, ConfigError, Configs
    from peerlint.report.dispatch import default_format, write_report

    if fix + diff + interactive > 1:
        fail("choose one of --fix, --diff and --interactive")
    if unsafe_fixes and not (fix or diff):
        fail("--unsafe-fixes goes with --fix or --diff")
    if output is not None and output.is_dir():
        fail(f"{output}: is a folder, expected a file name")
    selected = _split(select)
    choices = CliChoices(
        select=tuple(selected) if selected else None,
        ignore=tuple(_split(ignore)),
        fail_on=fail_on.value if fail_on is not None else None,
        packs=tuple(packs or ()),
        id_field=id_field,
        text_field=text_field,
    )
    checker = Checker(Configs(choices, config), not no_baseline, baseline)
    try:
        run = checker.check(paths, on_error=lambda e: _report_error(str(e)))
    except (ConfigError, BaselineError, RulePackError) as exc:
        fail(str(exc))
    fmt = output_format.value if output_format is not None else default_format()
    mode = "fix" if fix else "diff" if diff else "interactive" if interactive else None
    if mode is not None:
        exit_code = _apply_fixes(run, checker, mode, unsafe_fixes, output)
        if exit_code is not None:
            raise typer.Exit(exit_code)
    try:
        stream = sys.stdout if output is None else output.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}")
    try:
        write_report(fmt, run, stream, drafts=rewrite)
    finally:
        if output is not None:
            stream.close()
    if run.errors:
        raise typer.Exit(2)
    raise typer.Exit(1 if run.failing and not exit_zero else 0)


def _apply_fixes(
    run: CheckRun, checker: Checker, mode: str, unsafe: bool, output: Path | None
) -> int | None:
    """--fix/--interactive write fixes and return None (the report follows);
    --diff prints the diff and returns the exit code (1 when there is something to fix)."""
    from peerlint.fixes import fix_run
    from peerlint.report.text import render_finding
    from peerlint.sources import Note

    def relint(checked: CheckedNote, text: str) -> CheckedNote:
        r = checked.result
        note = Note(r.path, text, r.id, r.author, r.date)
        return checker.hide_known(checker.lint(note, checked.resolved))[0]

    def show(checked: CheckedNote, finding: Finding) -> None:
        render_finding(_stderr(), checked.result, finding)

    def ask(prompt: str) -> str:
        _stderr().print(prompt, end="", markup=False, highlight=False)
        return input()

    done = fix_run(run, mode, relint, unsafe, ask=ask, show=show)
    for line in done.not_applied:
        _stderr().print(f"peerlint: {line}", markup=False, soft_wrap=True, highlight=False)
    s = "s" if done.passages != 1 else ""
    if mode != "diff":
        _stderr().print(
            f"Fixed {done.passages} passage{s} in {done.files} note(s).", highlight=False
        )
        return None
    body = "".join(done.diffs)
    if output is None:
        sys.stdout.write(body)
    else:
        try:
            output.write_text(body, encoding="utf-8")
        except OSError as exc:
            fail(f"{output}: cannot write: {exc.strerror or exc}")
    _stderr().print(
        f"Would fix {done.passages} passage{s} in {done.files} note(s); nothing written.",
        highlight=False,
    )
    return 2 if run.errors else (1 if done.diffs else 0)


def _report_error(message: str) -> None:
    _stderr().print(f"peerlint: error: {message}", markup=False, soft_wrap=True)


class ScanFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


@app.command()
def scan(
    paths: Annotated[list[str], typer.Argument(help="Folders or exports to scan, or - for stdin.")],
    output_format: Annotated[
        ScanFormat,
        typer.Option("--format", "-f", help="text summary, json (check contract) or csv."),
    ] = ScanFormat.text,
    report: Annotated[
        Path | None, typer.Option("--report", help="Also write a self-contained HTML report.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the --format output to a file.")
    ] = None,
    redact: Annotated[
        bool,
        typer.Option("--redact", help="Mask note text but flagged phrases; pseudonyms for names."),
    ] = False,
    include: Annotated[
        list[str] | None, typer.Option(help="Only files matching these globs (in folders).")
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option(help="Skip files and folders matching these globs.")
    ] = None,
    select: Annotated[
        list[str] | None, typer.Option(help="Only these rule ids or categories (comma-separated).")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option(help="Skip these rule ids or categories (comma-separated).")
    ] = None,
    id_field: Annotated[str, typer.Option(help="CSV/JSONL field holding the note id.")] = "id",
    text_field: Annotated[
        str, typer.Option(help="CSV/JSONL field holding the note text.")
    ] = "text",
    author_field: Annotated[
        str, typer.Option(help="CSV/JSONL field holding the note's author.")
    ] = "author",
    date_field: Annotated[
        str, typer.Option(help="CSV/JSONL field holding the note's date.")
    ] = "date",
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not read or write the findings cache.")
    ] = False,
    cache_dir: Annotated[
        Path | None,
        typer.Option(help="Cache folder (default: $PEERLINT_CACHE_DIR or ~/.cache/peerlint)."),
    ] = None,
    jobs: Annotated[
        int, typer.Option(min=0, help="Worker processes (0: choose automatically).")
    ] = 0,
    packs: PacksOption = None,
) -> None:
    """Scan exported notes for a supervisor: drift by category, staff member and month."""
    from peerlint.scan import ScanOptions, ScanOutputs, default_jobs, run
    from peerlint.sources import Fields

    rules = [r for p in _load(packs) for r in p.rules]
    selected, ignored = _split(select), _split(ignore)
    _check_names(selected, rules, "--select")
    _check_names(ignored, rules, "--ignore")
    chosen = select_rules(rules, selected, ignored)
    quiet = turned_off(rules, chosen)
    for target in (report, output):
        if target is not None and target.is_dir():
            fail(f"{target}: is a folder, expected a file name")
    options = ScanOptions(
        fields=Fields(id=id_field, text=text_field, author=author_field, date=date_field),
        include=tuple(_split(include)),
        exclude=tuple(_split(exclude)),
        use_cache=not no_cache,
        cache_dir=cache_dir,
        jobs=jobs or default_jobs(),
        progress=_stderr().is_terminal,
    )
    outputs = ScanOutputs(output_format.value, report, redact)
    try:
        stream = sys.stdout if output is None else output.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}")
    try:
        summary, _ = run(
            chosen,
            paths,
            options,
            outputs,
            stream,
            on_error=_report_error,
            on_warning=lambda m: _stderr().print(f"peerlint: warning: {m}", markup=False),
            quiet=quiet,
        )
    except OSError as exc:
        fail(f"cannot write the report: {exc.strerror or exc} ({exc.filename or ''})")
    finally:
        if output is not None:
            stream.close()
    if report is not None:
        _stderr().print(f"Report written to {report}", markup=False, highlight=False)
    raise typer.Exit(2 if summary.skipped else 0)


@app.command()
def init(
    folder: Annotated[
        Path, typer.Argument(help="Where to write .peerlint.yaml (default: here).")
    ] = Path("."),
) -> None:
    """Write a commented starter .peerlint.yaml (never overwrites one)."""
    from peerlint.config import CONFIG_NAME, STARTER

    target = folder / CONFIG_NAME
    try:
        with target.open("x", encoding="utf-8") as handle:
            handle.write(STARTER)
    except FileExistsError:
        fail(f"{target}: already exists; not overwritten")
    except OSError as exc:
        fail(f"{target}: cannot write: {exc.strerror or exc}")
    _stdout().print(f"Wrote {target}. Edit it to suit your notes.", markup=False, soft_wrap=True)


@app.command("baseline")
def record_baseline(
    paths: Annotated[list[str], typer.Argument(help="Note files or folders to record.")],
    config: ConfigOption = None,
    baseline: Annotated[
        Path | None,
        typer.Option(help="Baseline file (default: .peerlint-baseline.json beside the config)."),
    ] = None,
    id_field: Annotated[
        str | None, typer.Option(help="CSV/JSONL field holding the note id.")
    ] = None,
    text_field: Annotated[
        str | None, typer.Option(help="CSV/JSONL field holding the note text.")
    ] = None,
    packs: PacksOption = None,
) -> None:
    """Record today's findings so that later checks report only new ones."""
    from peerlint.baseline import BaselineError
    from peerlint.checker import Checker
    from peerlint.config import CliChoices, ConfigError, Configs

    choices = CliChoices(packs=tuple(packs or ()), id_field=id_field, text_field=text_field)
    checker = Checker(Configs(choices, config), use_baseline=False, baseline_path=baseline)
    try:
        run = checker.check(paths, on_error=lambda e: _report_error(str(e)))
        files = {n.result.path for n in run.notes}
        written: dict[Path, int] = {}
        records = []
        for checked in run.notes:
            record = checker.baseline(checked.resolved)
            if record.path not in written:  # re-record these files from scratch
                written[record.path] = 0
                records.append(record)
                for file in files:
                    record.forget_file(file)
            r = checked.result
            record.record(r.path, r.id, r.text, r.findings)
            written[record.path] += len(r.findings)
        for record in records:
            record.save()
    except (ConfigError, BaselineError) as exc:
        fail(str(exc))
    for path, count in written.items():
        _stdout().print(
            f"Recorded {count} finding(s) in {path}.", markup=False, highlight=False, soft_wrap=True
        )
    if not written:
        _stdout().print("No notes found; no baseline written.", highlight=False)
    raise typer.Exit(2 if run.errors else 0)


@app.command()
def watch(
    folder: Annotated[Path, typer.Argument(help="The export folder to watch.")],
    json_beside: Annotated[
        bool,
        typer.Option("--json-beside", help="Write each result to .NOTE.peerlint.json beside it."),
    ] = False,
    log: Annotated[
        Path | None, typer.Option(help="Append each result as a JSON line to this file.")
    ] = None,
    settle: Annotated[
        float, typer.Option(min=0, help="Seconds a file must stay unchanged before checking.")
    ] = 1.0,
    interval: Annotated[float, typer.Option(min=0.01, help="Seconds between polls.")] = 0.5,
    once: Annotated[
        bool, typer.Option("--once", help="Check the notes there now (once settled), then stop.")
    ] = False,
    max_duration: Annotated[
        float | None, typer.Option(min=0, help="Stop after this many seconds.")
    ] = None,
    config: ConfigOption = None,
    select: Annotated[
        list[str] | None, typer.Option(help="Only these rule ids or categories (comma-separated).")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option(help="Skip these rule ids or categories (comma-separated).")
    ] = None,
    id_field: Annotated[
        str | None, typer.Option(help="CSV/JSONL field holding the note id.")
    ] = None,
    text_field: Annotated[
        str | None, typer.Option(help="CSV/JSONL field holding the note text.")
    ] = None,
    no_baseline: Annotated[
        bool, typer.Option("--no-baseline", help="Report findings the baseline records too.")
    ] = False,
    packs: PacksOption = None,
) -> None:
    """Check notes as they appear or change in a folder, until Ctrl-C."""
    from peerlint.baseline import BaselineError
    from peerlint.checker import Checker
    from peerlint.config import CliChoices, ConfigError, Configs
    from peerlint.report.text import render_concerns, render_finding
    from peerlint.watch import Watcher, WatchOptions

    if not folder.is_dir():
        fail(f"{folder}: not a folder")
    selected = _split(select)
    choices = CliChoices(
        select=tuple(selected) if selected else None,
        ignore=tuple(_split(ignore)),
        packs=tuple(packs or ()),
        id_field=id_field,
        text_field=text_field,
    )
    checker = Checker(Configs(choices, config), not no_baseline)
    console = _stdout()

    def emit(path: Path, run: CheckRun) -> None:
        for error in run.errors:
            _report_error(str(error))
        for result in run.results:
            for finding in result.findings:
                render_finding(console, result, finding)
            render_concerns(console, result)
        count = sum(len(r.findings) for r in run.results)
        console.print(
            f"{path}: {count} drift passage(s)", markup=False, highlight=False, soft_wrap=True
        )

    options = WatchOptions(settle, interval, json_beside, log, once, max_duration)
    watcher = Watcher(folder, checker, options, emit)
    try:
        checker.configs.for_target(str(folder))  # a broken config fails now, not later
        if not once:
            _stderr().print(f"Watching {folder} (Ctrl-C to stop)", markup=False, highlight=False)
        watcher.run()
    except (ConfigError, BaselineError) as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        _stderr().print("Stopped watching.", highlight=False)
    except OSError as exc:
        fail(f"{exc.filename or folder}: {exc.strerror or exc}")


@app.command("rules")
def list_rules(
    category: Annotated[str | None, typer.Option(help="Only rules of this category.")] = None,
    packs: PacksOption = None,
) -> None:
    """List every rule: id, category, level and what it matches."""
    from rich.table import Table

    if category is not None and category not in CATEGORIES:
        fail(f"unknown category {category!r} (categories: {', '.join(CATEGORIES)})")
    table = Table(show_lines=False, pad_edge=False)
    for column in ("id", "category", "level", "matches"):
        table.add_column(column, overflow="fold")
    count = 0
    for pack in _load(packs):
        for rule in pack.rules:
            if category in (None, rule.category):
                table.add_row(rule.id, rule.category, rule.level, rule.describe_matches())
                count += 1
    console = _stdout()
    console.print(table)
    console.print(f"{count} rules. `peerlint explain RULE_ID` tells more about one.")


@app.command()
def explain(
    rule_id: Annotated[str, typer.Argument(help="A rule id, as shown by `peerlint rules`.")],
    packs: PacksOption = None,
) -> None:
    """Explain one rule: why it is drift, the checklist sign, examples and suggestions."""
    from rich.markup import escape

    rules = {r.id: r for p in _load(packs) for r in p.rules}
    rule = rules.get(rule_id)
    if rule is None:
        hint = difflib.get_close_matches(rule_id, rules, n=1)
        fail(f"unknown rule {rule_id!r}" + (f" (did you mean {hint[0]!r}?)" if hint else ""))
    category = CATEGORIES[rule.category]
    console = _stdout()
    console.print(f"[bold]{rule.id}[/] ({rule.level}, {rule.category})")
    console.print(escape(rule.message))
    console.print(f"\n[bold]Why[/]\n{escape(rule.why)}")
    console.print(
        f"\n[bold]Supervisor checklist[/] ({category.title})\n{escape(category.checklist_sign)}"
    )
    sources = ", ".join(rule.sources or [f"seed {s}" for s in category.seeds])
    console.print(f"Sources: {escape(sources)}")
    console.print(f"\n[bold]Matches[/]\n{escape(rule.describe_matches())}")
    console.print("\n[bold]Instead, try[/]")
    for s in rule.suggest:
        kind = "replace with" if s.replace is not None else "guide"
        note = " (safe to apply automatically)" if s.safe else ""
        console.print(f"  - {kind}: {escape(s.text)}{note}")
    console.print("\n[bold]Examples[/]")
    for ex in rule.examples.parsed("match"):
        console.print(f"  drift:     {escape(ex.text)}")
    for ex in rule.examples.parsed("no_match"):
        console.print(f"  not drift: {escape(ex.text)}")


@app.command("test-rules")
def test_rules(
    packs: Annotated[
        list[Path] | None, typer.Argument(help="Rule pack files (default: the built-in packs).")
    ] = None,
) -> None:
    """Validate rule packs and run every rule's examples; exit 1 when an example fails."""
    from peerlint.pack_tests import run_examples

    try:
        loaded = load_packs(packs) if packs else load_packs()
        failures, total = run_examples(loaded)
    except RulePackError as exc:
        fail(str(exc))
    console = _stdout()
    for failure in failures:
        console.print(failure, markup=False, soft_wrap=True)
    rules = sum(len(p.rules) for p in loaded)
    console.print(
        f"{len(loaded)} packs, {rules} rules, {total} examples: "
        f"{total - len(failures)} passed, {len(failures)} failed",
        highlight=False,
    )
    raise typer.Exit(1 if failures else 0)


@app.command("eval")
def evaluate_gold(
    gold: Annotated[
        Path, typer.Argument(help="Gold JSONL: id, text, clean, drift[start,end,text,category].")
    ],
    min_f1: Annotated[
        float | None, typer.Option(help="Exit 1 when the overall F1 is below this (0-1).")
    ] = None,
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="Output format.")
    ] = Format.text,
    details: Annotated[
        bool, typer.Option("--details/--no-details", help="List missed spans and false alarms.")
    ] = True,
    category: Annotated[
        str | None, typer.Option(help="Only list misses and false alarms of this category.")
    ] = None,
    packs: PacksOption = None,
) -> None:
    """Score the rules against a gold corpus: recall, precision, F1, misses, false alarms."""
    import json

    from peerlint.engine import Engine
    from peerlint.evaluate import GoldError, evaluate, load_gold
    from peerlint.report.eval_report import render

    try:
        notes = load_gold(gold)
    except GoldError as exc:
        fail(str(exc))
    report = evaluate(Engine([r for p in _load(packs) for r in p.rules]), notes)
    if output_format is Format.json:
        sys.stdout.write(json.dumps(report.as_dict(), indent=2) + "\n")
    else:
        render(_stdout(), report, details=details, category=category)
    raise typer.Exit(1 if min_f1 is not None and report.overall.f1 < min_f1 else 0)


def main() -> None:
    """Console entry point: never let a traceback reach a peer specialist."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except Exception as exc:
        if os.environ.get("PEERLINT_DEBUG"):
            raise
        print(
            f"peerlint: internal error: {type(exc).__name__}: {exc} "
            "(set PEERLINT_DEBUG=1 to see details, and please report it)",
            file=sys.stderr,
        )
        sys.exit(2)

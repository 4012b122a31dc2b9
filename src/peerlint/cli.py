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
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from peerlint import __version__
from peerlint.categories import CATEGORIES, level_rank
from peerlint.findings import NoteResult
from peerlint.rules import Rule, RulePack, RulePackError, load_packs, select_rules

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


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Note files, folders, or - for stdin.")],
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="Output format.")
    ] = Format.text,
    select: Annotated[
        list[str] | None, typer.Option(help="Only these rule ids or categories (comma-separated).")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option(help="Skip these rule ids or categories (comma-separated).")
    ] = None,
    fail_on: Annotated[
        Level, typer.Option(help="Exit 1 when a finding is at or above this level.")
    ] = Level.warning,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")
    ] = False,
    id_field: Annotated[str, typer.Option(help="CSV/JSONL field holding the note id.")] = "id",
    text_field: Annotated[
        str, typer.Option(help="CSV/JSONL field holding the note text.")
    ] = "text",
    packs: PacksOption = None,
    rewrite: Annotated[
        bool,
        typer.Option(
            "--rewrite",
            help="Also print a draft of each note: safe swaps applied, other findings as prompts.",
        ),
    ] = False,
) -> None:
    """Check notes and show each drifting passage, why it drifts, and a peer-centric alternative."""
    from peerlint.runner import run_check
    from peerlint.sources import Fields

    rules = [r for p in _load(packs) for r in p.rules]
    selected, ignored = _split(select), _split(ignore)
    _check_names(selected, rules, "--select")
    _check_names(ignored, rules, "--ignore")
    chosen = select_rules(rules, selected, ignored)
    outcome = run_check(chosen, paths, Fields(id=id_field, text=text_field), on_error=_report_error)
    if output_format is Format.json:
        from peerlint.report import json_report

        sys.stdout.write(json_report.render(outcome.results, drafts=rewrite))
    else:
        from peerlint.report import text

        text.render(_stdout(), outcome.results, errors=outcome.errors)
        if rewrite:
            _print_drafts(outcome.results)
    if outcome.errors:
        raise typer.Exit(2)
    threshold = level_rank(fail_on.value)
    failing = any(level_rank(f.level) >= threshold for r in outcome.results for f in r.findings)
    raise typer.Exit(1 if failing and not exit_zero else 0)


def _print_drafts(results: list[NoteResult]) -> None:
    """After the findings, a draft of each drifting note for the writer to finish."""
    from peerlint.rewrite import draft

    console = _stdout()
    for result in results:
        if result.findings:
            console.rule(f"Draft for {result.label}", style="green")
            text = draft(result.text, result.findings)
            console.print(text, markup=False, highlight=False, soft_wrap=True)


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
        )
    except OSError as exc:
        fail(f"cannot write the report: {exc.strerror or exc} ({exc.filename or ''})")
    finally:
        if output is not None:
            stream.close()
    if report is not None:
        _stderr().print(f"Report written to {report}", markup=False, highlight=False)
    raise typer.Exit(2 if summary.skipped else 0)


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

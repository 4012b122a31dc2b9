"""Write a ``check`` run in the chosen ``--format`` to a stream (stdout or ``--output``)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from peerlint.checker import CheckRun

FORMATS = ("text", "json", "sarif", "junit", "github")


def default_format() -> str:
    """``github`` inside GitHub Actions (annotations on the diff), else ``text``."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def write_report(fmt: str, run: CheckRun, stream: TextIO, drafts: bool = False) -> None:
    """Render ``run`` as ``fmt``; ``drafts`` adds each drifting note's --rewrite draft.
    Colour only when ``stream`` is a terminal (Rich also honours NO_COLOR)."""
    if fmt == "json":
        from peerlint.report import json_report

        stream.write(json_report.render(run.results, drafts=drafts))
    elif fmt == "sarif":
        from peerlint.report import sarif

        stream.write(sarif.render(run.results, run.errors, run.rules))
    elif fmt == "junit":
        from peerlint.report import junit

        stream.write(junit.render(run.results, run.errors))
    elif fmt == "github":
        from peerlint.report import github

        stream.write(github.render(run.results, run.errors))
    else:
        from rich.console import Console

        from peerlint.report import text

        console = Console(file=stream, highlight=False)
        text.render(console, run.results, errors=len(run.errors))
        if drafts:
            from peerlint.rewrite import draft

            for result in run.results:
                if result.findings:
                    console.rule(f"Draft for {result.label}", style="green")
                    body = draft(result.text, result.findings)
                    console.print(body, markup=False, highlight=False, soft_wrap=True)
        if run.known:
            s = "s" if run.known != 1 else ""
            console.print(
                f"{run.known} known finding{s} hidden by the baseline "
                "(`--no-baseline` shows them).",
                highlight=False,
                soft_wrap=True,
            )

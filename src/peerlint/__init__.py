"""peerlint: flags clinical drift in peer support progress notes.

The public API is deliberately tiny::

    import peerlint
    for finding in peerlint.lint("John and this writer met in the park."):
        print(finding.line, finding.column, finding.rule, finding.text)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from peerlint.findings import Finding

__all__ = ["__version__", "lint"]


def lint(text: str) -> list[Finding]:
    """Check one note with the built-in rule packs and return its findings in order."""
    from peerlint.engine import default_engine

    return default_engine().lint(text)

"""``--redact`` applied to one note's result, the same way for every output format."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from peerlint.findings import NoteResult
from peerlint.redact import Pseudonyms, find_names


class Redactor:
    """Replaces the author by ``Staff N`` and names inside flagged phrases by ``Person N``,
    and drops the note text, so machine formats can be shared like the HTML report."""

    def __init__(self, pseudonyms: Pseudonyms, vocabulary: Iterable[str] = ()) -> None:
        self.pseudonyms = pseudonyms
        self._vocabulary = frozenset(vocabulary)

    def note(self, result: NoteResult) -> NoteResult:
        """The result as a redacted report shows it."""
        author = self.pseudonyms.staff(result.author)
        findings = result.findings
        if findings:
            names = find_names(result.text, self._vocabulary)
            findings = tuple(
                dataclasses.replace(f, text=self.pseudonyms.replace_names(f.text, names))
                for f in findings
            )
        return dataclasses.replace(result, author=author, findings=findings, text="")

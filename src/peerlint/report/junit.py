"""``--format junit``: JUnit XML, which most CI systems show as a test report.

One test suite per note, one failing test case per finding (a note without drift is one
passing case, so the report shows what was checked), and one erroring case per input
that could not be read.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from peerlint.findings import NoteResult
from peerlint.sources import SourceError


def render(results: Sequence[NoteResult], errors: Sequence[SourceError]) -> str:
    """The whole run as a ``<testsuites>`` document."""
    root = ET.Element("testsuites", name="peerlint")
    total = failures = 0
    for note in results:
        suite = ET.SubElement(root, "testsuite", name=note.label)
        for f in note.findings:
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"{f.rule} at {f.line}:{f.column}",
                classname=note.label,
                file=note.path,
                line=str(f.line),
            )
            failure = ET.SubElement(case, "failure", message=f.message, type=f.level)
            detail = f"{note.label}:{f.line}:{f.column}: {f.level} [{f.rule}] {f.message}"
            detail += f"\npassage: {' '.join(f.text.split())}"
            if f.suggestions:
                detail += f"\ntry: {f.suggestions[0]}"
            failure.text = detail
        cases = len(note.findings)
        if not note.findings:
            ET.SubElement(suite, "testcase", name="no drift", classname=note.label, file=note.path)
            cases = 1
        suite.set("tests", str(cases))
        suite.set("failures", str(len(note.findings)))
        suite.set("errors", "0")
        total += cases
        failures += len(note.findings)
    if errors:
        suite = ET.SubElement(root, "testsuite", name="unreadable inputs")
        for e in errors:
            case = ET.SubElement(suite, "testcase", name=e.where, classname="peerlint.inputs")
            ET.SubElement(case, "error", message=e.message, type="input").text = str(e)
        suite.set("tests", str(len(errors)))
        suite.set("failures", "0")
        suite.set("errors", str(len(errors)))
        total += len(errors)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(len(errors)))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"

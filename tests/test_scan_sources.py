"""Inputs of `peerlint scan`: encodings EHR exports use, streamed collections, FHIR R4,
include/exclude globs, and the summary helpers (months, rates, pseudonyms)."""

from __future__ import annotations

import base64
import codecs
import json
from pathlib import Path

import pytest

from peerlint.fhir import fhir_notes
from peerlint.redact import Pseudonyms, few_words, find_names
from peerlint.sources import Note, SourceError, decode_bytes, glob_matches, iter_notes
from peerlint.summary import ScanSummary, Tally, month_of

TEXT = "Café visit – Dana said “thanks”.\n"


def read(*targets: str, **kw: tuple[str, ...]) -> tuple[list[Note], list[SourceError]]:
    items = list(iter_notes(targets, **kw))  # type: ignore[arg-type]
    return [i for i in items if isinstance(i, Note)], [
        i for i in items if isinstance(i, SourceError)
    ]


@pytest.mark.parametrize(
    ("data", "encoding", "bom"),
    [
        (TEXT.encode("utf-8"), "utf-8", b""),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", codecs.BOM_UTF8),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le", codecs.BOM_UTF16_LE),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be", codecs.BOM_UTF16_BE),
        (TEXT.encode("cp1252"), "cp1252", b""),
    ],
)
def test_encodings_are_detected(data: bytes, encoding: str, bom: bytes) -> None:
    decoded = decode_bytes(data)
    assert (decoded.text, decoded.encoding, decoded.bom) == (TEXT, encoding, bom)
    assert decoded.encode(decoded.text) == data  # a fix can write it back the same way


@pytest.mark.parametrize(
    "data", [b"caf\xe9 \x81 note", b"note \x8d", b"caf\xe9\x01\x02 binary-ish"]
)
def test_bytes_neither_utf8_nor_cp1252_text_are_refused(data: bytes) -> None:
    with pytest.raises(ValueError, match="not UTF-8 text"):
        decode_bytes(data)


def test_collections_in_every_encoding_are_streamed(tmp_path: Path) -> None:
    row = {"id": "a", "text": TEXT, "author": "Zoë"}
    line = json.dumps(row, ensure_ascii=False) + "\n"
    (tmp_path / "utf16.jsonl").write_bytes(codecs.BOM_UTF16_LE + line.encode("utf-16-le"))
    (tmp_path / "bom.jsonl").write_bytes(codecs.BOM_UTF8 + line.encode("utf-8"))
    (tmp_path / "legacy.jsonl").write_bytes(line.encode("cp1252"))
    csv_text = 'id,text,author\r\na,"Café visit – Dana said “thanks”.\r\n",Zoë\r\n'
    (tmp_path / "legacy.csv").write_bytes(csv_text.encode("cp1252"))
    notes, errors = read(str(tmp_path))
    assert errors == []
    assert len(notes) == 4
    assert {n.author for n in notes} == {"Zoë"}
    assert {n.text.replace("\r\n", "\n") for n in notes} == {TEXT}


def test_a_bad_line_in_a_stream_is_reported_and_later_rows_still_read(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_bytes(
        b'{"id": "1", "text": "one"}\n{"id": "2", "text": "bad \x81"}\n{"id": "3", "text": "three"}\n'
    )
    notes, errors = read(str(path))
    assert [n.id for n in notes] == ["1", "3"]
    assert [str(e) for e in errors] == [f"{path}:2: not UTF-8 text (invalid byte at offset 25)"]


def document(text: str, **extra: object) -> dict[str, object]:
    data = base64.b64encode(text.encode("utf-8")).decode()
    return {
        "resourceType": "DocumentReference",
        "id": "doc-1",
        "date": "2024-05-06T10:00:00-05:00",
        "author": [{"reference": "Practitioner/7", "display": "Sam Lee"}],
        "content": [
            {"attachment": {"contentType": "application/pdf", "data": "JVBERi0="}},
            {"attachment": {"contentType": "text/plain; charset=utf-8", "data": data}},
        ],
        **extra,
    }


def test_fhir_document_reference_and_bundle() -> None:
    [note] = list(fhir_notes("one.json", json.dumps(document("Dana and I met."))))
    assert note == Note(
        "one.json",
        "Dana and I met.",
        id="doc-1",
        author="Sam Lee",
        date="2024-05-06T10:00:00-05:00",
    )
    bundle = {
        "resourceType": "Bundle",
        "entry": [
            {"resource": document("First.")},
            {"resource": {"resourceType": "Observation", "id": "o1"}},
            {
                "resource": document(
                    "Second.", id="doc-2", author=[{"display": "A"}, {"display": "B"}]
                )
            },
            {"fullUrl": "urn:uuid:1"},
        ],
    }
    items = list(fhir_notes("b.json", json.dumps(bundle)))
    assert [(i.id, i.text, i.author) for i in items if isinstance(i, Note)] == [
        ("doc-1", "First.", "Sam Lee"),
        ("doc-2", "Second.", "A; B"),
    ]
    assert [str(i) for i in items if isinstance(i, SourceError)] == [
        "b.json#entry2: FHIR Observation resource, not a DocumentReference",
        "b.json#entry4: Bundle entry has no resource",
    ]


@pytest.mark.parametrize(
    ("resource", "reason"),
    [
        ({"resourceType": "Patient"}, "FHIR Patient resource, not a DocumentReference or Bundle"),
        ({"hello": 1}, "not a FHIR resource (no 'resourceType')"),
        ({"resourceType": "DocumentReference", "id": "x"}, "DocumentReference has no content"),
        (
            {
                "resourceType": "DocumentReference",
                "id": "x",
                "content": [{"attachment": {"contentType": "text/plain", "url": "Binary/1"}}],
            },
            "text/plain attachment has only a url (peerlint never fetches)",
        ),
        (
            {
                "resourceType": "DocumentReference",
                "id": "x",
                "content": [{"attachment": {"contentType": "text/plain", "data": "@@@"}}],
            },
            "attachment data is not valid base64",
        ),
        (
            {
                "resourceType": "DocumentReference",
                "id": "x",
                "content": [{"attachment": {"contentType": "application/pdf", "data": "JVBERi0="}}],
            },
            "no text/plain attachment (found: application/pdf)",
        ),
    ],
)
def test_fhir_resources_that_are_not_notes_are_reported(
    resource: dict[str, object], reason: str
) -> None:
    [item] = list(fhir_notes("r.json", json.dumps(resource)))
    assert isinstance(item, SourceError) and item.message == reason


def test_fhir_cp1252_attachment_without_charset_is_detected() -> None:
    resource = document("x")
    resource["content"] = [
        {
            "attachment": {
                "contentType": "text/plain",
                "data": base64.b64encode(TEXT.encode("cp1252")).decode(),
            }
        }
    ]
    [note] = list(fhir_notes("r.json", json.dumps(resource)))
    assert isinstance(note, Note) and note.text == TEXT


def test_globs() -> None:
    assert glob_matches("a/b/note.txt", ["*.txt"])
    assert glob_matches("archive/2023/x.csv", ["archive/*"])
    assert glob_matches("deep/drafts/x.md", ["**/drafts/*"])
    assert glob_matches("drafts/x.md", ["**/drafts/*"])
    assert not glob_matches("notes/x.md", ["*.txt", "archive/*"])


def test_folder_walk_applies_globs(tmp_path: Path) -> None:
    for name in ("keep/a.txt", "keep/b.md", "archive/old.txt", "keep/draft-c.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name)
    notes, _ = read(str(tmp_path), include=("*.txt",), exclude=("archive", "draft-*"))
    assert [n.text for n in notes] == ["keep/a.txt"]
    named, _ = read(str(tmp_path / "archive" / "old.txt"), exclude=("archive",))
    assert [n.text for n in named] == ["archive/old.txt"]  # a file named on the command line


@pytest.mark.parametrize(
    ("date", "month"),
    [
        ("2024-03-05", "2024-03"),
        ("2024-03-05T10:00:00Z", "2024-03"),
        ("2024-03", "2024-03"),
        ("20240305", "2024-03"),
        ("3/5/2024", "2024-03"),
        ("12/31/2023 14:00", "2023-12"),
        ("2024-13-01", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_month_of_dates_as_ehrs_export_them(date: str | None, month: str | None) -> None:
    assert month_of(date) == month


def test_rates_are_per_100_notes() -> None:
    tally = Tally()
    for categories in (["labeling", "labeling"], [], [], ["directive"]):
        tally.add(categories)
    assert (tally.notes, tally.notes_with_findings, tally.findings) == (4, 2, 3)
    assert tally.per_100() == 75.0 and tally.per_100(tally.by_category["labeling"]) == 50.0
    assert ScanSummary().months() == []


def test_names_and_pseudonyms() -> None:
    text = "Dana and I met. Team is concerned Marcus lacks insight. Spoke with Dr. Young on Monday. NAMI helped."
    names = find_names(text)
    assert {"Dana", "Marcus", "Young"} <= names
    assert not names & {"Team", "Spoke", "Monday", "NAMI", "I"}
    aliases = Pseudonyms()
    assert aliases.staff("Ana Ruiz") == "Staff 1" and aliases.staff("Ben Okafor") == "Staff 2"
    assert aliases.staff("Ana Ruiz") == "Staff 1"
    replaced = aliases.replace_names("Dana told Marcus; Dana left. Ruiz joined.", names)
    assert replaced == "Person 1 told Person 2; Person 1 left. Staff 1 joined."
    assert few_words(" and has been late twice this week.\nNext line", 3, from_end=False) == (
        " and has been",
        True,
    )
    assert few_words("Yesterday at the park we met and", 2, from_end=True) == ("met and", True)

"""Reading notes: every input kind, and bad input reported without stopping the batch."""

from __future__ import annotations

import codecs
from pathlib import Path

from peerlint.sources import Fields, Note, SourceError, decode_bytes, iter_notes


def read(*targets: str, fields: Fields | None = None) -> tuple[list[Note], list[SourceError]]:
    items = list(iter_notes(targets, fields or Fields()))
    return [i for i in items if isinstance(i, Note)], [
        i for i in items if isinstance(i, SourceError)
    ]


def test_text_and_markdown_files_and_recursive_folders(write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write("a.txt", "first")
    write("sub/b.md", "second")
    write("sub/deeper/c.txt", "third")
    write("sub/ignored.pdf", b"%PDF")
    write(".hidden/d.txt", "hidden")
    notes, errors = read(str(tmp_path))
    assert errors == []
    assert sorted(n.text for n in notes) == ["first", "second", "third"]
    assert all(n.id is None for n in notes)


def test_jsonl_rows_with_ids_and_custom_fields(write) -> None:  # type: ignore[no-untyped-def]
    path = write("n.jsonl", '{"id": "n1", "text": "one"}\n\n{"id": 7, "text": "two"}\n')
    notes, errors = read(str(path))
    assert errors == [] and [(n.id, n.text) for n in notes] == [("n1", "one"), ("7", "two")]
    custom = write("c.jsonl", '{"note_id": "x", "body": "three", "author": "A. Rivera"}\n')
    notes, _ = read(str(custom), fields=Fields(id="note_id", text="body"))
    assert [(n.id, n.text, n.author) for n in notes] == [("x", "three", "A. Rivera")]


def test_csv_rows_including_multiline_cells(write) -> None:  # type: ignore[no-untyped-def]
    path = write("n.csv", 'id,text,author\nr1,"line one\nline two",Sam\nr2,plain,\n')
    notes, errors = read(str(path))
    assert errors == []
    assert [(n.id, n.text, n.author) for n in notes] == [
        ("r1", "line one\nline two", "Sam"),
        ("r2", "plain", None),
    ]


def test_bad_inputs_are_reported_and_the_rest_still_read(write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write("good.txt", "fine note")
    write("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    write("latin.txt", b"caf\x81\x8d note")  # bytes that are neither UTF-8 nor cp1252
    write("rows.jsonl", '{"id": "a", "text": "ok"}\n{not json}\n["list"]\n{"id": "c"}\n')
    write("nocol.csv", "id,body\n1,hello\n")
    notes, errors = read(str(tmp_path), str(tmp_path / "missing.txt"))
    assert sorted(n.text for n in notes) == ["fine note", "ok"]
    messages = sorted(str(e) for e in errors)
    assert any("binary.txt: binary file" in m for m in messages)
    assert any("latin.txt: not UTF-8 text" in m for m in messages)
    assert any("rows.jsonl:2: not valid JSON" in m for m in messages)
    assert any("rows.jsonl:3: expected a JSON object" in m for m in messages)
    assert any("rows.jsonl:4: no text field 'text'" in m for m in messages)
    assert any("nocol.csv: no 'text' column" in m for m in messages)
    assert any("missing.txt: no such file or folder" in m for m in messages)
    assert len(errors) == 7


def test_boms_and_utf16_are_decoded_and_remembered() -> None:
    utf8 = decode_bytes(codecs.BOM_UTF8 + "café".encode())
    assert (utf8.text, utf8.encoding, utf8.bom) == ("café", "utf-8", codecs.BOM_UTF8)
    utf16 = decode_bytes(codecs.BOM_UTF16_BE + "note\r\n".encode("utf-16-be"))
    assert (utf16.text, utf16.encoding) == ("note\r\n", "utf-16-be")
    assert utf16.encode(utf16.text) == codecs.BOM_UTF16_BE + "note\r\n".encode("utf-16-be")

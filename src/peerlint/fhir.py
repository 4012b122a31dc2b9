"""FHIR R4 input: a ``DocumentReference``, or a ``Bundle`` of them, as exported by an EHR.

Only the few fields peerlint needs are read, by hand, on purpose: ``fhir.resources``
costs ~0.45 s to import and 27 MB installed, and validates every resource strictly, so
one slightly off field elsewhere in an export would lose the note. Here a resource is
read when it has what a note needs and reported clearly when it does not:

* the note: ``content[].attachment`` with ``contentType`` ``text/plain`` and base64 ``data``
  (an attachment that only has a ``url`` is not fetched: peerlint never uses the network);
* the id: ``id`` (else the Bundle entry number); the author: ``author[].display``;
  the date: ``date`` (else ``context.period.start``).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator
from typing import Any

from peerlint.sources import Item, Note, SourceError, decode_bytes


def fhir_notes(where: str, text: str) -> Iterator[Item]:
    """The notes in one FHIR JSON document; anything else in it becomes a SourceError."""
    try:
        resource = json.loads(text)
    except json.JSONDecodeError as exc:
        yield SourceError(f"{where}:{exc.lineno}", f"not valid JSON ({exc.msg})")
        return
    kind = resource.get("resourceType") if isinstance(resource, dict) else None
    if kind == "DocumentReference":
        yield _document_note(where, resource, None)
    elif kind == "Bundle":
        entries = resource.get("entry") or []
        if not isinstance(entries, list):
            yield SourceError(where, "Bundle 'entry' is not a list")
            return
        for number, entry in enumerate(entries, start=1):
            inner = entry.get("resource") if isinstance(entry, dict) else None
            inner_kind = inner.get("resourceType") if isinstance(inner, dict) else None
            label = f"{where}#entry{number}"
            if isinstance(inner, dict) and inner_kind == "DocumentReference":
                yield _document_note(where, inner, f"entry{number}")
            elif inner_kind is None:
                yield SourceError(label, "Bundle entry has no resource")
            else:
                yield SourceError(label, f"FHIR {inner_kind} resource, not a DocumentReference")
    elif isinstance(kind, str):
        yield SourceError(where, f"FHIR {kind} resource, not a DocumentReference or Bundle")
    else:
        yield SourceError(where, "not a FHIR resource (no 'resourceType')")


def _document_note(where: str, resource: dict[str, Any], entry: str | None) -> Item:
    rid = resource.get("id")
    note_id = str(rid) if isinstance(rid, str | int) and str(rid) else entry
    label = f"{where}#{note_id}" if note_id else where
    try:
        body = _plain_text(resource)
    except ValueError as exc:
        return SourceError(label, str(exc))
    return Note(where, body, id=note_id, author=_author(resource), date=_date(resource))


def _plain_text(resource: dict[str, Any]) -> str:
    """The first text/plain attachment, decoded. Raises ValueError saying what is missing."""
    content = resource.get("content")
    if not isinstance(content, list) or not content:
        raise ValueError("DocumentReference has no content")
    types: list[str] = []
    for item in content:
        attachment = item.get("attachment") if isinstance(item, dict) else None
        if not isinstance(attachment, dict):
            continue
        content_type = str(attachment.get("contentType") or "")
        mime, _, params = content_type.partition(";")
        types.append(mime.strip() or "no contentType")
        if mime.strip().lower() != "text/plain":
            continue
        data = attachment.get("data")
        if not isinstance(data, str):
            if attachment.get("url"):
                raise ValueError("text/plain attachment has only a url (peerlint never fetches)")
            raise ValueError("text/plain attachment has no data")
        try:
            raw = base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("attachment data is not valid base64") from None
        return _decode(raw, params)
    found = f" (found: {', '.join(types)})" if types else ""
    raise ValueError(f"no text/plain attachment{found}")


def _decode(raw: bytes, params: str) -> str:
    charset = ""
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    if charset and charset not in ("utf-8", "utf8"):
        try:
            return raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong label is common: fall back to detection
    try:
        return decode_bytes(raw).text
    except ValueError as exc:
        raise ValueError(f"attachment: {exc}") from None


def _author(resource: dict[str, Any]) -> str | None:
    authors = resource.get("author")
    if isinstance(authors, list):
        names = [
            a["display"].strip()
            for a in authors
            if isinstance(a, dict) and isinstance(a.get("display"), str) and a["display"].strip()
        ]
        if names:
            return "; ".join(names)
    return None


def _date(resource: dict[str, Any]) -> str | None:
    date = resource.get("date")
    if isinstance(date, str) and date:
        return date
    context = resource.get("context")
    period = context.get("period") if isinstance(context, dict) else None
    start = period.get("start") if isinstance(period, dict) else None
    return start if isinstance(start, str) and start else None

"""A content-hash cache for ``peerlint scan``, so re-scanning an unchanged folder is quick.

Key: a keyed BLAKE2b hash of the note text, the rules' fingerprint and the peerlint
version. Value: only ``(rule id, start, end)`` of each finding. **No note text is
stored**: the finding text, line, message and suggestions are rebuilt from the note
itself on the next scan (:meth:`peerlint.engine.Engine.rebuild`). The hash is keyed
with a random secret kept beside the database (mode 0600), so the cache cannot even be
used to confirm whether a guessed note was scanned.

Storage is one SQLite file (stdlib, safe when two scans run at once). Any problem with
the cache (read-only disk, a corrupt file, a lock held too long) only turns it off for
the run: a cache must never make a scan fail.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from peerlint import __version__
from peerlint.reader import model_bytes
from peerlint.rules import Rule, uses_reader

Hit = tuple[str, int, int]  # rule id, start, end (character offsets into the note)

DB_NAME = "scan-cache-v1.sqlite3"
SECRET_NAME = "secret.key"
# SQLite caps host parameters per statement (32,766 in modern builds; 999 in old ones).
_LOOKUP_BATCH = 900


def rules_fingerprint(rules: Sequence[Rule], quiet: Sequence[Rule] = ()) -> str:
    """A digest of everything that decides what the rules find, in order (order breaks
    ties between overlapping matches), plus the peerlint version (the engine itself) and,
    when a rule uses the sentence reader, the reader's weights and the rules turned off
    (they keep the reader away from their sentences)."""
    digest = hashlib.sha256(__version__.encode())
    for rule in rules:
        digest.update(b"\0")
        digest.update(json.dumps(rule.model_dump(mode="json"), sort_keys=True).encode())
    if uses_reader(rules):
        digest.update(b"\0reader\0" + model_bytes())
        for rule in quiet:
            digest.update(b"\0quiet\0")
            digest.update(json.dumps(rule.model_dump(mode="json"), sort_keys=True).encode())
    return digest.hexdigest()


class ScanCache:
    """Findings of notes already scanned with the same rules and peerlint version."""

    def __init__(self, directory: Path, fingerprint: str) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._salt = fingerprint.encode()
        self._secret = _secret(directory / SECRET_NAME)
        self._db = sqlite3.connect(directory / DB_NAME, timeout=5.0, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS findings (key BLOB PRIMARY KEY, hits TEXT)")
        self._pending: list[tuple[bytes, str]] = []

    def key(self, text: str) -> bytes:
        """The cache key of one note's text under this cache's rules and version."""
        digest = hashlib.blake2b(self._salt, digest_size=20, key=self._secret)
        digest.update(b"\0")
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.digest()

    def get_many(self, keys: Sequence[bytes]) -> dict[bytes, list[Hit]]:
        """The cached hits of those keys that are in the cache."""
        found: dict[bytes, list[Hit]] = {}
        unique = list(dict.fromkeys(keys))
        for lo in range(0, len(unique), _LOOKUP_BATCH):
            chunk = unique[lo : lo + _LOOKUP_BATCH]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT key, hits FROM findings WHERE key IN ({marks})",
                chunk,
            )
            for key, hits in rows:
                found[key] = _decode_hits(hits)
        return found

    def put(self, key: bytes, hits: Iterable[Hit]) -> None:
        """Remember a note's hits; written in batches by :meth:`flush`."""
        self._pending.append((key, _encode_hits(hits)))
        if len(self._pending) >= 2000:
            self.flush()

    def flush(self) -> None:
        """Write pending entries in one transaction."""
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany("INSERT OR REPLACE INTO findings VALUES (?, ?)", pending)

    def close(self) -> None:
        """Flush and close the database."""
        try:
            self.flush()
        finally:
            self._db.close()


def _encode_hits(hits: Iterable[Hit]) -> str:
    """``rule start end`` triples, one per line: rule ids are kebab-case (no spaces)."""
    return "\n".join(f"{rule} {start} {end}" for rule, start, end in hits)


def _decode_hits(data: str) -> list[Hit]:
    out: list[Hit] = []
    for line in data.split("\n") if data else ():
        rule, start, end = line.split(" ")
        out.append((rule, int(start), int(end)))
    return out


def _secret(path: Path) -> bytes:
    """The random key of the cache's hashes, created (mode 0600) on first use."""
    try:
        data = path.read_bytes()
        if len(data) == 32:
            return data
    except FileNotFoundError:
        pass
    data = secrets.token_bytes(32)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)
    return data


def open_cache(
    directory: Path, rules: Sequence[Rule], quiet: Sequence[Rule] = ()
) -> tuple[ScanCache | None, str | None]:
    """The cache, or None with a one-line reason when it cannot be used this run."""
    try:
        return ScanCache(directory, rules_fingerprint(rules, quiet)), None
    except (OSError, sqlite3.Error) as exc:
        return None, f"cache turned off for this run ({directory}: {exc})"

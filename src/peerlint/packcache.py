"""Rule packs kept on disk as parsed data, so start-up skips YAML parsing.

Parsing the built-in packs' YAML costs ~0.1 s, a fifth of a one-note ``peerlint check``
beyond importing spaCy; loading the same data from JSON costs ~5 ms. The key is a
SHA-256 of the pack file's bytes and the peerlint version, so an edited pack or a new
release never sees stale data. Only packs that validated are stored, and they are still
validated when loaded, all but their token patterns' values (checked when stored). The cache
holds rule packs only, never note text. Anything wrong with it (no home folder, a read-only
disk, a corrupt file) only means YAML is parsed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from peerlint import __version__

SUBDIR = "packs-v1"


def default_cache_dir() -> Path:
    """Where peerlint's caches live: ``$PEERLINT_CACHE_DIR``, else the user's cache
    folder (``$XDG_CACHE_HOME/peerlint`` or ``~/.cache/peerlint``), never a notes folder
    (an export folder should not change because it was checked or scanned)."""
    explicit = os.environ.get("PEERLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "peerlint"


def _entry(source: Path, raw: bytes) -> Path:
    """``<hash of the pack's path>-<hash of its bytes and the version>.json``."""
    where = hashlib.sha256(str(source.resolve()).encode()).hexdigest()[:16]
    what = hashlib.sha256(__version__.encode() + b"\0" + raw).hexdigest()
    return default_cache_dir() / SUBDIR / f"{where}-{what}.json"


def load(source: Path, raw: bytes) -> Any | None:
    """The parsed data of the pack file ``source`` with these bytes, if stored before."""
    try:
        return json.loads(_entry(source, raw).read_text(encoding="utf-8"))
    except (OSError, ValueError, RuntimeError):  # RuntimeError: no home folder
        return None


def write_json(path: Path, data: Any) -> None:
    """Write ``data`` to ``path`` atomically (a temporary file, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, separators=(",", ":"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def store(source: Path, raw: bytes, data: Any) -> None:
    """Keep the parsed data of a pack that validated, replacing what was kept for an
    earlier version of the same file. Atomic; failures are ignored."""
    try:
        path = _entry(source, raw)
        write_json(path, data)
        where = path.name.split("-", 1)[0]
        for old in path.parent.glob(f"{where}-*.json"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, RuntimeError, TypeError, ValueError):
        pass

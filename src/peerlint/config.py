"""``.peerlint.yaml``: discovery, strict validation and the settings in force for a note.

Like ruff and yamllint, the configuration is found by walking up from each target
path to the first folder holding ``.peerlint.yaml`` (or given with ``--config``), so a
hook run from anywhere in an export folder behaves the same. Command-line flags win
over the file. A mistake in the file is a ``file:line: field: problem`` error (exit 2),
never a silent default. This module never imports spaCy: ``peerlint init`` stays instant.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from peerlint.categories import CATEGORIES
from peerlint.normalize import spelling_variants, word_key
from peerlint.rules import (
    Rule,
    RulePack,
    RulePackError,
    builtin_pack_paths,
    load_packs,
    validation_message,
)
from peerlint.sources import Fields, glob_matches

CONFIG_NAME = ".peerlint.yaml"
BUILTIN = "builtin"  # in `packs:`, every built-in pack

Level = Literal["info", "warning", "error"]
_Loc = tuple[str | int, ...]


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and line."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class FieldNames(_Strict):
    """Which CSV column / JSONL key holds what, for this export."""

    id: str = "id"
    text: str = "text"
    author: str = "author"
    date: str = "date"


class Override(_Strict):
    """Settings for notes whose path (relative to the config's folder) matches ``paths``."""

    paths: list[str] = Field(min_length=1)
    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    levels: dict[str, Level] = Field(default_factory=dict)
    allow: list[str] = Field(default_factory=list)


class ConfigFile(_Strict):
    """The keys of ``.peerlint.yaml``."""

    packs: list[str] | None = None
    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    levels: dict[str, Level] = Field(default_factory=dict)
    fail_on: Level = "warning"
    allow: list[str] = Field(default_factory=list)
    overrides: list[Override] = Field(default_factory=list)
    fields: FieldNames = Field(default_factory=FieldNames)


KNOWN_KEYS = tuple(ConfigFile.model_fields)


@dataclass(frozen=True)
class Config:
    """A loaded configuration: the validated file plus where each value came from."""

    data: ConfigFile
    path: Path | None = None  # None: no file, the defaults
    lines: dict[_Loc, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def folder(self) -> Path:
        """Paths in the file (packs, override globs, the baseline) are relative to here."""
        return self.path.parent if self.path is not None else Path.cwd()

    def where(self, *loc: str | int) -> str:
        """``file:line`` of a value, for error messages."""
        probe: _Loc = loc
        while probe and probe not in self.lines:
            probe = probe[:-1]
        return f"{self.path}:{self.lines.get(probe, 1)}"


def load_config(path: Path) -> Config:
    """Read and validate one config file; raises ConfigError with ``file:line``."""
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{source}: no such config file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{source}: cannot read config: {exc}") from None
    from peerlint.yamlread import YamlError, load_yaml_with_lines

    try:
        data, lines = load_yaml_with_lines(text, source)
    except YamlError as exc:
        raise ConfigError(str(exc)) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{source}:1: a config is a mapping of keys ({', '.join(KNOWN_KEYS)})")
    try:
        model = ConfigFile.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_with_hint(validation_message(exc, source, lines), exc)) from None
    return Config(model, path.resolve(), lines)


def _with_hint(message: str, exc: ValidationError) -> str:
    """Add "did you mean" to an unknown key, the commonest config mistake (fail-on)."""
    err = exc.errors()[0]
    if err["type"] != "extra_forbidden" or not err["loc"]:
        return message
    key = str(err["loc"][-1])
    parent = err["loc"][:-1]
    if not parent:
        known: Sequence[str] = KNOWN_KEYS
    elif parent[0] == "fields":
        known = tuple(FieldNames.model_fields)
    elif parent[0] == "overrides":
        known = tuple(Override.model_fields)
    else:
        return message
    hint = difflib.get_close_matches(key.replace("-", "_"), known, n=1)
    return f"{message} (did you mean {hint[0]!r}?)" if hint else message


def discover(start: Path) -> Path | None:
    """The nearest ``.peerlint.yaml`` in ``start`` (a folder, or a file's folder) or above."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / CONFIG_NAME
        if path.is_file():
            return path
    return None


@dataclass(frozen=True)
class CliChoices:
    """What the command line says; ``None`` means "as the config file says"."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    packs: tuple[Path, ...] = ()
    id_field: str | None = None
    text_field: str | None = None


@dataclass(frozen=True)
class Settings:
    """The settings in force for one note: which rules, at which level, what is allowed."""

    pack_paths: tuple[str, ...]
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    levels: tuple[tuple[str, str], ...]
    allow: frozenset[str]
    fail_on: str

    @property
    def rule_key(self) -> tuple[object, ...]:
        """Notes with equal keys share one compiled engine."""
        return (self.pack_paths, self.select, self.ignore, self.levels)


class Resolved:
    """A config merged with the command line, its packs loaded and its names checked."""

    def __init__(self, config: Config, cli: CliChoices) -> None:
        self.config = config
        self.cli = cli
        data = config.data
        self.packs = self._load_packs()
        self.rules: list[Rule] = [r for p in self.packs for r in p.rules]
        self.fields = Fields(
            id=cli.id_field or data.fields.id,
            text=cli.text_field or data.fields.text,
            author=data.fields.author,
            date=data.fields.date,
        )
        known = {r.id for r in self.rules} | set(CATEGORIES)
        self._check_names(data.select, known, "select")
        self._check_names(data.ignore, known, "ignore")
        self._check_names(data.levels, known, "levels")
        for i, override in enumerate(data.overrides):
            self._check_names(override.select or (), known, "overrides", i, "select")
            self._check_names(override.ignore, known, "overrides", i, "ignore")
            self._check_names(override.levels, known, "overrides", i, "levels")
        for option, names in (("--select", cli.select or ()), ("--ignore", cli.ignore)):
            for name in names:
                if name not in known:
                    raise ConfigError(f"{option}: {_unknown(name, known)}")
        self.base = Settings(
            pack_paths=tuple(p.path for p in self.packs),
            select=tuple(cli.select if cli.select is not None else data.select),
            ignore=tuple(dict.fromkeys((*data.ignore, *cli.ignore))),
            levels=tuple(sorted(data.levels.items())),
            allow=frozenset(allow_keys(data.allow)),
            fail_on=cli.fail_on or data.fail_on,
        )

    def _load_packs(self) -> list[RulePack]:
        data = self.config.data
        builtin = {p.stem: p for p in builtin_pack_paths()}
        paths: list[Path] = []
        for i, entry in enumerate(data.packs if data.packs is not None else [BUILTIN]):
            if entry == BUILTIN:
                paths.extend(builtin.values())
            elif entry in builtin:
                paths.append(builtin[entry])
            else:
                path = Path(entry).expanduser()
                path = path if path.is_absolute() else self.config.folder / path
                if not path.is_file():
                    names = ", ".join([BUILTIN, *builtin])
                    raise ConfigError(
                        f"{self.config.where('packs', i)}: packs[{i}]: {entry!r} is neither a "
                        f"built-in pack ({names}) nor a pack file"
                    )
                paths.append(path)
        paths.extend(self.cli.packs)
        try:
            return load_packs(list(dict.fromkeys(paths)))
        except RulePackError as exc:
            raise ConfigError(str(exc)) from None

    def _check_names(
        self, names: Sequence[str] | Mapping[str, str], known: set[str], *loc: str | int
    ) -> None:
        """Every rule id or category named in the file must exist (a typo silently
        selecting nothing would let drift through)."""
        keyed = isinstance(names, Mapping)
        for i, name in enumerate(names):
            if name not in known:
                label = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc)
                position: str | int = name if keyed else i
                label = label.lstrip(".") + (f".{name}" if keyed else f"[{i}]")
                raise ConfigError(
                    f"{self.config.where(*loc, position)}: {label}: {_unknown(name, known)}"
                )

    def settings_for(self, note_path: str) -> Settings:
        """The base settings with every matching per-path override applied, in order."""
        overrides = self.config.data.overrides
        if not overrides:
            return self.base
        relative = self._relative(note_path)
        settings = self.base
        for override in overrides:
            if not glob_matches(relative, override.paths):
                continue
            levels = dict(settings.levels)
            levels.update(override.levels)
            settings = replace(
                settings,
                select=tuple(override.select) if override.select is not None else settings.select,
                ignore=tuple(dict.fromkeys((*settings.ignore, *override.ignore))),
                levels=tuple(sorted(levels.items())),
                allow=settings.allow | allow_keys(override.allow),
            )
        return settings

    def _relative(self, note_path: str) -> str:
        path = Path(note_path)
        try:
            return path.resolve().relative_to(self.config.folder).as_posix()
        except (ValueError, OSError):
            return path.as_posix()


def _unknown(name: str, known: Iterable[str]) -> str:
    hint = difflib.get_close_matches(name, list(known), n=1)
    return f"unknown rule or category {name!r}" + (f" (did you mean {hint[0]!r}?)" if hint else "")


def rules_for(rules: Sequence[Rule], settings: Settings) -> list[Rule]:
    """The rules in force under ``settings``, with level overrides applied
    (a rule's own override beats its category's)."""
    chosen, dropped = set(settings.select), set(settings.ignore)
    levels = dict(settings.levels)
    out: list[Rule] = []
    for rule in rules:
        if chosen and rule.id not in chosen and rule.category not in chosen:
            continue
        if rule.id in dropped or rule.category in dropped:
            continue
        level = levels.get(rule.id) or levels.get(rule.category)
        out.append(rule.model_copy(update={"level": level}) if level else rule)
    return out


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def phrase_key(text: str) -> str:
    """Case- and inflection-insensitive key of a phrase ("Refused" ~ "refuse")."""
    return " ".join(word_key(w) for w in _WORD.findall(text))


def allow_keys(terms: Iterable[str]) -> frozenset[str]:
    """Keys of an organisation's accepted terms, with hyphen/spacing variants."""
    return frozenset(phrase_key(v) for term in terms for v in spelling_variants(term))


def is_allowed(text: str, allow: frozenset[str]) -> bool:
    """Whether a finding's passage is one of the accepted terms."""
    return bool(allow) and any(
        phrase_key(v) in allow for v in spelling_variants(" ".join(text.split()))
    )


class Configs:
    """Finds, loads and resolves configs per target, once per folder and file."""

    def __init__(self, cli: CliChoices = CliChoices(), explicit: Path | None = None) -> None:
        self.cli = cli
        self.explicit = explicit
        self._found: dict[Path, Path | None] = {}
        self._resolved: dict[Path | None, Resolved] = {}

    def for_target(self, target: str) -> Resolved:
        """The resolved config for a target (``-`` for stdin: the current folder's)."""
        if self.explicit is not None:
            return self._resolve(self.explicit)
        start = Path.cwd() if target == "-" else Path(target)
        folder = (start if start.is_dir() else start.parent).resolve()
        if folder not in self._found:
            self._found[folder] = discover(folder)
        return self._resolve(self._found[folder])

    def _resolve(self, path: Path | None) -> Resolved:
        if path not in self._resolved:
            config = load_config(path) if path is not None else Config(ConfigFile())
            self._resolved[path] = Resolved(config, self.cli)
        return self._resolved[path]


STARTER = """\
# peerlint configuration. peerlint finds this file by walking up from the notes it
# checks, so it applies to this folder and everything below it. Command-line flags win.
# Reference: the "Configuration file" section of peerlint's README.

# Rule packs: `builtin` is every built-in pack; name single built-in packs
# (clinical-language, labeling, ...) or add your own pack files (paths are relative
# to this file).
packs:
  - builtin
  # - ./our-house-rules.yaml

# Only these rule ids or categories (empty: all).
select: []

# Skip these rule ids or categories.
ignore: []
  # - role-drift

# Change the level (info, warning, error) of a rule or a whole category.
levels: {}
  # assessment: error
  # the-patient: info

# Exit 1 when a finding is at or above this level (info, warning, error).
fail_on: warning

# Terms your organisation has accepted; passages matching them (any case or
# inflection: "consumer" also covers "Consumers") are not reported.
allow: []
  # - consumer

# Settings for some paths only (globs relative to this file's folder).
overrides: []
  # - paths: ["archive/**"]
  #   fail_on is global; here: select, ignore, levels, allow
  #   ignore: [labeling]

# Names of the CSV columns / JSONL keys in your exports.
fields:
  id: id
  text: text
  author: author
  date: date
"""

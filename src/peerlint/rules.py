"""Rule packs: the YAML schema, strict validation with file:line errors, and discovery.

A pack is data, not code, so that supervisors and peer trainers can read and
extend it. This module never imports spaCy: listing and explaining rules must
stay instant. Token patterns are checked against spaCy when the engine compiles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from peerlint import packcache
from peerlint.gcpause import gc_paused

Level = Literal["info", "warning", "error"]
CategoryName = Literal[
    "clinical-language",
    "motive-attribution",
    "labeling",
    "depersonalizing",
    "directive",
    "deciding-for",
    "assessment",
    "role-drift",
]
TokenPattern = list[dict[str, Any]]

# Token attributes a pattern may use. WORD is peerlint's own: any inflection of
# the word. POS, LEMMA, DEP and entity types need a trained model, which peerlint
# must never require.
PATTERN_KEYS = frozenset(
    {
        "ORTH",
        "TEXT",
        "LOWER",
        "WORD",
        "LENGTH",
        "IS_ALPHA",
        "IS_ASCII",
        "IS_DIGIT",
        "IS_LOWER",
        "IS_UPPER",
        "IS_TITLE",
        "IS_PUNCT",
        "IS_SPACE",
        "LIKE_NUM",
        "OP",
    }
)
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MARK = re.compile(r"\[\[(.+?)\]\]")


class RulePackError(Exception):
    """A pack that cannot be loaded; the message names the file, line and field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Suggestion(_Strict):
    """Either an exact replacement (``replace``), which may be marked ``safe`` to
    auto-apply, or guidance for the writer (``guide``) with placeholders like {name}."""

    replace: str | None = None
    guide: str | None = None
    safe: bool = False

    @model_validator(mode="after")
    def _one_kind(self) -> Suggestion:
        if (self.replace is None) == (self.guide is None):
            raise ValueError("a suggestion has exactly one of 'replace' or 'guide'")
        if self.safe and self.replace is None:
            raise ValueError("only a 'replace' suggestion can be 'safe'")
        return self

    @property
    def text(self) -> str:
        return self.replace if self.replace is not None else str(self.guide)


# Validation context key: the data comes from the pack cache (see load_pack).
CHECKED_BEFORE = "checked-before"


class Example(_Strict):
    """Text a rule must match (``[[...]]`` marks the exact passage) or must not match."""

    text: str
    marked: str | None = None

    @classmethod
    def parse(cls, raw: str) -> Example:
        marks = _MARK.findall(raw)
        if len(marks) > 1:
            raise ValueError("an example marks at most one [[passage]]")
        return cls(text=_MARK.sub(r"\1", raw), marked=marks[0] if marks else None)


class Examples(_Strict):
    match: list[str] = Field(min_length=1)
    no_match: list[str] = Field(default_factory=list)

    @field_validator("match", "no_match")
    @classmethod
    def _parseable(cls, value: list[str], info: ValidationInfo) -> list[str]:
        if info.context and info.context.get(CHECKED_BEFORE):
            return value  # parsed when these bytes were first loaded
        for raw in value:
            Example.parse(raw)
        return value

    def parsed(self, which: Literal["match", "no_match"]) -> list[Example]:
        return [Example.parse(raw) for raw in getattr(self, which)]


_SET_PREDICATES = frozenset({"IN", "NOT_IN"})
_NUMBER_PREDICATES = frozenset({"==", "!=", ">=", "<=", ">", "<"})
_OP = re.compile(r"^(?:[!?+*1]|\{\d*(?:,\d*)?\})$")


def _check_value(attr: str, value: Any) -> None:
    """The value of one token attribute, checked as strictly as spaCy's Matcher would, so
    that the engine can skip spaCy's own (slower) validation when it compiles."""
    if attr == "OP":
        if not isinstance(value, str) or not _OP.match(value):
            raise ValueError(f"OP must be one of ! ? + * 1 or {{n,m}}, not {value!r}")
        return
    if attr.startswith(("IS_", "LIKE_")):
        if not isinstance(value, bool):
            raise ValueError(f"{attr} must be true or false, not {value!r}")
        return
    plain = int if attr == "LENGTH" else str
    if isinstance(value, plain) and not isinstance(value, bool):
        return
    allowed = _SET_PREDICATES | (_NUMBER_PREDICATES if attr == "LENGTH" else {"REGEX"})
    if not isinstance(value, dict) or not value or not set(value) <= allowed:
        raise ValueError(
            f"{attr} takes a {plain.__name__} or a mapping with {', '.join(sorted(allowed))}, "
            f"not {value!r}"
        )
    for predicate, operand in value.items():
        if predicate in _SET_PREDICATES:
            # exact types: bool is an int, and is no more a word than a number is
            if not isinstance(operand, list) or not set(map(type, operand)) <= {plain}:
                raise ValueError(f"{attr} {predicate} takes a list of {plain.__name__}s")
        elif predicate == "REGEX":
            if not isinstance(operand, str):
                raise ValueError(f"{attr} REGEX takes a string")
            try:
                re.compile(operand)
            except re.error as exc:
                raise ValueError(f"{attr} REGEX is not a valid regular expression: {exc}") from None
        elif not isinstance(operand, int) or isinstance(operand, bool):
            raise ValueError(f"{attr} {predicate} takes a whole number")


def _check_pattern(pattern: TokenPattern, info: ValidationInfo) -> TokenPattern:
    if info.context and info.context.get(CHECKED_BEFORE):
        return pattern
    if not pattern:
        raise ValueError("a token pattern needs at least one token")
    for number, spec in enumerate(pattern, 1):
        unknown = set(spec) - PATTERN_KEYS
        if unknown:
            raise ValueError(
                f"unsupported token attribute {sorted(unknown)[0]!r} "
                "(no trained model is loaded; use WORD, LOWER, ORTH or flags)"
            )
        for attr, value in spec.items():
            try:
                _check_value(attr, value)
            except ValueError as exc:
                raise ValueError(f"token {number}: {exc}") from None
    return pattern


# A token pattern checked on its own, so that an error names the pattern's own line.
CheckedPattern = Annotated[TokenPattern, AfterValidator(_check_pattern)]


class Rule(_Strict):
    id: str
    category: CategoryName
    level: Level = "warning"
    terms: list[str] = Field(default_factory=list)
    exact: list[str] = Field(default_factory=list)
    patterns: list[CheckedPattern] = Field(default_factory=list)
    detector: (
        Literal[
            "scare-quotes",
            "ride-only",
            "imputed-motive",
            "laid-down-rule",
            "reported-slip",
            "enlisted-other",
            "behind-their-back",
            "ran-their-affairs",
            "watched-the-dose",
            "sentence-reader",
        ]
        | None
    ) = None
    unless: list[str | CheckedPattern] = Field(default_factory=list)
    message: str
    why: str
    sources: list[str] = Field(default_factory=list)
    suggest: list[Suggestion] = Field(min_length=1)
    examples: Examples

    @field_validator("id")
    @classmethod
    def _kebab(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError("rule ids are kebab-case: lowercase letters, digits and '-'")
        return value

    @model_validator(mode="after")
    def _matches_something(self) -> Rule:
        if not (self.terms or self.exact or self.patterns or self.detector):
            raise ValueError("a rule needs 'terms', 'exact', 'patterns' or a 'detector'")
        return self

    @property
    def fix(self) -> Suggestion | None:
        """The first exact replacement, which fixers may apply."""
        return next((s for s in self.suggest if s.replace is not None), None)

    def describe_matches(self) -> str:
        """A short human summary of what the rule matches, for ``peerlint rules``."""
        parts = [*self.terms, *self.exact]
        if self.patterns:
            parts.append(f"{len(self.patterns)} pattern{'s' if len(self.patterns) > 1 else ''}")
        if self.detector:
            parts.append(f"<{self.detector}>")
        return ", ".join(parts)


class RulePack(_Strict):
    pack: str
    description: str
    rules: list[Rule]
    path: str = ""


_Loc = tuple[str | int, ...]


def _format_loc(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def validation_message(exc: ValidationError, source: str, lines: dict[_Loc, int]) -> str:
    """The first validation error as ``file:line: field: problem``. Of a union's errors
    (an ``unless`` entry is a phrase or a pattern) the informative one wins over "Input
    should be a valid string"."""
    errors = exc.errors()
    err = next((e for e in errors if not e["type"].endswith("_type")), errors[0])
    loc: _Loc = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
    # Pydantic adds union-branch names (e.g. 'str', 'list[...]') to locations; drop them.
    while loc and loc not in lines and isinstance(loc[-1], str) and "[" in loc[-1]:
        loc = loc[:-1]
    probe = loc
    while probe and probe not in lines:
        probe = probe[:-1]
    line = lines.get(probe, 1)
    msg = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = f"unknown key {loc[-1]!r}"
        loc = loc[:-1]
    elif err["type"] == "missing":
        msg = "required field is missing"
    field = _format_loc(loc)
    return f"{source}:{line}: {field}: {msg}" if field else f"{source}:{line}: {msg}"


def load_pack(path: Path) -> RulePack:
    """Load and validate one pack file; raises RulePackError with file:line."""
    with gc_paused():
        return _load_pack(path)


def _load_pack(path: Path) -> RulePack:
    source = str(path)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulePackError(f"{source}: cannot read rule pack: {exc}") from None
    cached = packcache.load(path, raw)
    if isinstance(cached, dict):
        try:
            # the same bytes validated before: the token patterns' values need no re-check
            context = {CHECKED_BEFORE: True}
            return RulePack.model_validate({**cached, "path": source}, context=context)
        except ValidationError:
            pass  # stored by another version of the schema: parse the YAML again
    from peerlint.yamlread import YamlError, load_yaml_with_lines  # only when not cached

    try:
        data, lines = load_yaml_with_lines(text, source)
    except YamlError as exc:
        raise RulePackError(str(exc)) from None
    if not isinstance(data, dict):
        raise RulePackError(f"{source}:1: a rule pack is a mapping with 'pack' and 'rules'")
    try:
        pack = RulePack.model_validate({**data, "path": source})
    except ValidationError as exc:
        raise RulePackError(validation_message(exc, source, lines)) from None
    packcache.store(path, raw, data)
    return pack


def builtin_rules_dir() -> Path:
    """Where the shipped packs live: inside the installed package, or ``rules/``
    at the top of a source checkout (editable installs)."""
    packaged = Path(str(resources.files("peerlint"))) / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def builtin_pack_paths() -> list[Path]:
    return sorted(builtin_rules_dir().glob("*.yaml"))


def load_packs(paths: Iterable[Path] | None = None) -> list[RulePack]:
    """Load packs (the built-in ones by default) and check rule ids are unique."""
    packs = [load_pack(p) for p in (builtin_pack_paths() if paths is None else paths)]
    seen: dict[str, str] = {}
    for pack in packs:
        for rule in pack.rules:
            if rule.id in seen:
                raise RulePackError(
                    f"{pack.path}: rule id {rule.id!r} is already defined in {seen[rule.id]}"
                )
            seen[rule.id] = pack.path
    return packs


class RuleSet:
    """The rules in force, after ``select``/``ignore`` and level overrides."""

    def __init__(self, packs: Sequence[RulePack]) -> None:
        self.packs = list(packs)

    @cached_property
    def rules(self) -> list[Rule]:
        return [rule for pack in self.packs for rule in pack.rules]

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def uses_reader(rules: Iterable[Rule]) -> bool:
    """Whether any of ``rules`` reports the sentence reader's findings."""
    return any(rule.detector == "sentence-reader" for rule in rules)


def turned_off(rules: Iterable[Rule], in_force: Iterable[Rule]) -> list[Rule]:
    """The ``rules`` not among ``in_force`` (by id: a level override copies a rule)."""
    kept = {rule.id for rule in in_force}
    return [rule for rule in rules if rule.id not in kept]


def select_rules(
    rules: Iterable[Rule], select: Iterable[str] = (), ignore: Iterable[str] = ()
) -> list[Rule]:
    """Keep rules whose id or category is selected (all when none is) and not ignored."""
    chosen, dropped = set(select), set(ignore)
    return [
        r
        for r in rules
        if (not chosen or r.id in chosen or r.category in chosen)
        and r.id not in dropped
        and r.category not in dropped
    ]

"""YAML read into plain data plus the line of every value, for ``file:line`` errors.

Kept apart from the pack schema so that the ~20 ms of importing PyYAML is paid only
when a YAML file is actually parsed (a rule pack not yet in the pack cache, or a
``.peerlint.yaml``), not on every start-up.
"""

from __future__ import annotations

from typing import Any

import yaml

Loc = tuple[str | int, ...]


class YamlError(Exception):
    """Invalid YAML or a duplicate key; the message starts with ``file:line:``."""


def _to_python(node: yaml.Node, loc: Loc, lines: dict[Loc, int], source: str) -> Any:
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in result:
                raise YamlError(f"{source}:{key_node.start_mark.line + 1}: duplicate key {key!r}")
            result[key] = _to_python(value_node, (*loc, key), lines, source)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(v, (*loc, i), lines, source) for i, v in enumerate(node.value)]
    tag = node.tag.rsplit(":", 1)[-1]
    value = str(node.value)
    if tag == "bool" and value.lower() in ("true", "false"):
        # YAML 1.2 booleans only: in word lists "no", "on" and "yes" are words.
        return value.lower() == "true"
    try:
        if tag == "int":
            return int(value.replace("_", ""), 0)
        if tag == "float":
            return float(value.replace("_", ""))
    except ValueError:
        pass  # YAML 1.1 sexagesimal ("1:1", "12:30") and the like: keep the text
    if tag in ("int", "float"):
        return value
    if tag == "null":
        return None
    return value  # strings, and YAML 1.1 "booleans" such as on/off/yes/no


def _loader() -> type[yaml.SafeLoader]:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml_with_lines(text: str, source: str) -> tuple[Any, dict[Loc, int]]:
    """Parse YAML into plain Python data plus the line of every value."""
    try:
        node = yaml.compose(text, Loader=_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"{mark.line + 1}:" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise YamlError(f"{source}:{line} invalid YAML: {problem}") from None
    lines: dict[Loc, int] = {}
    if node is None:
        return None, lines
    return _to_python(node, (), lines, source), lines

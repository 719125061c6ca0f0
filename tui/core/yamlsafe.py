"""The one way this project reads YAML: safe loading only, with the C loader when present."""

from __future__ import annotations

import yaml

try:  # CSafeLoader is as safe as SafeLoader and about eight times faster on front matter.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

YamlError = yaml.YAMLError


def load_yaml(text: str):
    """Parse YAML text safely (no tags that build Python objects)."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - the loader is a safe loader


def describe_yaml_error(exc: Exception) -> str:
    """A one-line description of a YAML error, with its line when known."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if mark is not None:
        return f"YAML error at line {mark.line + 1}: {problem}"
    return f"YAML error: {problem}"

"""The one way this project reads YAML: safe loading only, with the C loader when present."""

from __future__ import annotations

import yaml

try:  # CSafeLoader is as safe as SafeLoader and about eight times faster on front matter.
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Base = yaml.SafeLoader


class _Loader(_Base):
    """Dates stay text: an impossible date (2022-13-45) is then one bad field that the
    caller reports, not a parse error that would cost every other field of the file."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}

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

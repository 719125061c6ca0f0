"""Safe YAML reading that reports problems instead of raising."""

from __future__ import annotations

from pathlib import Path

from tui.core.yamlsafe import YamlError, load_yaml


def read_yaml(path: str | Path) -> tuple[object | None, list[str]]:
    """Return ``(data, problems)``; ``data`` is None when the file is unusable."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [f"{path.name}: file not found"]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [f"{path.name}: cannot read ({exc})"]
    try:
        return load_yaml(raw), []
    except YamlError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [f"{path.name}: invalid YAML{where}: {what}"]


def as_str_list(value: object) -> list[str] | None:
    """A string or a list of strings as a list; None if it is neither."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return None

"""The user's settings: `config.yaml` in the platform's config dir, validated setting by setting.

    corpus: ~/news/corpus        # the folder opened by default (default: the bundled corpus)
    citation_style: apa          # apa, mla, chicago, harvard, bibtex, ris, csl-json
    theme: textual-dark          # any Textual theme name
    clipboard: [osc52, system, file]   # the routes tried, in order
    sort: date                   # date, title or publisher
    keymap:                      # binding id → keys (comma-separated), see the help screen
      app.search: ctrl+s
      list.down: j,down,ctrl+n

A YAML error or a wrong value never stops the app: the message names the setting and the
line, and the default is used for that setting.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

import platformdirs
import yaml

from tui.core.locations import APP_NAME
from tui.core.yamlsafe import YamlError, describe_yaml_error, load_yaml

CONFIG_ENV = "CORPUS_EXPLORER_CONFIG"  # a config file to use instead of the platform's
CITATION_STYLES = ("apa", "mla", "chicago", "harvard", "bibtex", "ris", "csl-json")
CLIPBOARD_ROUTES = ("osc52", "system", "file")
SORT_ORDERS = ("date", "title", "publisher")


@dataclass(frozen=True)
class Config:
    corpus: Path | None = None
    citation_style: str = "apa"
    theme: str = "textual-dark"
    clipboard: tuple[str, ...] = CLIPBOARD_ROUTES
    sort: str = "date"
    keymap: dict[str, str] = field(default_factory=dict)
    search_as_you_type: bool = True  # results follow the search box after a short pause

    def as_dict(self) -> dict:
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = str(value) if isinstance(value, Path) else list(value) if isinstance(value, tuple) else value
        return out


def config_path() -> Path:
    override = os.environ.get(CONFIG_ENV)
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME)) / "config.yaml"


def _key_lines(text: str) -> dict[str, int]:
    """1-based line of each top-level key, for messages."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except YamlError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}


def parse_config(text: str, valid_binding_ids: set[str] | None = None, name: str = "config.yaml") -> tuple[Config, list[str]]:
    """Settings from YAML text; every problem is a message and that setting keeps its default."""
    try:
        data = load_yaml(text) if text.strip() else {}
    except YamlError as exc:
        return Config(), [f"{name}: {describe_yaml_error(exc)}; using the default settings"]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return Config(), [f"{name}: expected settings as 'name: value' lines; using the defaults"]
    lines = _key_lines(text)
    problems: list[str] = []
    values: dict = {}

    def bad(key: str, message: str) -> None:
        where = f" (line {lines[key]})" if key in lines else ""
        problems.append(f"{name}: setting '{key}'{where}: {message}; using the default")

    for key, value in data.items():
        key = str(key)
        if key == "corpus":
            if value is None:
                continue
            if not isinstance(value, str):
                bad(key, "expected a folder path")
            else:
                values[key] = Path(os.path.expanduser(value))
        elif key in ("citation_style", "sort"):
            allowed = CITATION_STYLES if key == "citation_style" else SORT_ORDERS
            if value not in allowed:
                bad(key, f"{value!r} is not one of {', '.join(allowed)}")
            else:
                values[key] = value
        elif key == "theme":
            if not isinstance(value, str) or not value:
                bad(key, "expected a theme name")
            else:
                values[key] = value
        elif key == "clipboard":
            routes = [value] if isinstance(value, str) else value
            if not isinstance(routes, list) or not routes or any(r not in CLIPBOARD_ROUTES for r in routes):
                bad(key, f"expected a list of {', '.join(CLIPBOARD_ROUTES)}")
            else:
                values[key] = tuple(dict.fromkeys(routes))
        elif key == "search_as_you_type":
            if not isinstance(value, bool):
                bad(key, "expected true or false")
            else:
                values[key] = value
        elif key == "keymap":
            if not isinstance(value, dict):
                bad(key, "expected 'binding-id: keys' lines")
                continue
            keymap = {}
            for binding_id, keys in value.items():
                if valid_binding_ids is not None and binding_id not in valid_binding_ids:
                    bad(key, f"unknown binding id {binding_id!r} (the help screen lists them)")
                elif not isinstance(keys, str) or not keys.strip():
                    bad(key, f"keys for {binding_id!r} should be text such as 'ctrl+s' or 'j,down'")
                else:
                    keymap[str(binding_id)] = keys.replace(" ", "")
            values[key] = keymap
        else:
            bad(key, "unknown setting")
    return Config(**values), problems


def load_config(valid_binding_ids: set[str] | None = None, path: Path | None = None) -> tuple[Config, list[str]]:
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(), []
    except (OSError, UnicodeDecodeError) as exc:
        return Config(), [f"{path.name}: cannot read ({exc}); using the default settings"]
    return parse_config(text, valid_binding_ids, path.name)

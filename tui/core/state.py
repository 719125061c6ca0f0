"""Small things the app remembers between runs (theme, last citation choice), kept apart from
the user's hand-written config so that we never rewrite their file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs

from tui.core.locations import APP_NAME

STATE_ENV = "CORPUS_EXPLORER_STATE"


def state_dir() -> Path:
    override = os.environ.get(STATE_ENV)
    return Path(override) if override else Path(platformdirs.user_state_dir(APP_NAME))


def load_state() -> dict:
    try:
        data = json.loads((state_dir() / "state.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_state(**values) -> None:
    """Merge values into the state file; failure to save is not worth interrupting anyone."""
    data = {**load_state(), **values}
    folder = state_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / "state.json.tmp"
        tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
        os.replace(tmp, folder / "state.json")
    except OSError:
        pass

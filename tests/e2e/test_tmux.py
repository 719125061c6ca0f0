"""The installed `corpus-explorer` command in a real terminal (tmux), read as a person would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

IN_CI = bool(os.environ.get("CI"))
TMUX = shutil.which("tmux")

if not TMUX:
    if IN_CI:
        pytest.fail("tmux is required in CI (.ci/run installs it)", pytrace=False)
    pytestmark = pytest.mark.skip(reason="tmux is not installed")


def command() -> str:
    found = Path(sys.executable).parent / "corpus-explorer"
    return str(found) if found.exists() else shutil.which("corpus-explorer") or ""


class Terminal:
    def __init__(self, argv: list[str], env: dict[str, str], width: int = 160, height: int = 48) -> None:
        self.socket = f"ce-test-{uuid.uuid4().hex[:8]}"
        self.env = env
        shell_cmd = " ".join(f"'{a}'" for a in argv)
        self._tmux("new-session", "-d", "-x", str(width), "-y", str(height), "-s", "t", shell_cmd)

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(
            [TMUX, "-L", self.socket, "-f", "/dev/null", *args], env=self.env, capture_output=True, text=True, timeout=20
        )
        return result.stdout

    def keys(self, *keys: str) -> None:
        for key in keys:
            self._tmux("send-keys", "-t", "t", key)
            time.sleep(0.15)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", "t", "-l", text)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "t")

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} did not appear; the screen was:\n{screen}")

    def close(self) -> None:
        self._tmux("kill-server")


@pytest.fixture
def terminal(tmp_path, corpus):
    exe = command()
    assert exe, "the corpus-explorer command is not installed in this environment"
    env = {**os.environ, "CORPUS_EXPLORER_CACHE": str(tmp_path / "cache"), "TERM": "xterm-256color"}
    env.pop("TMUX", None)
    term = Terminal([exe, str(corpus)], env)
    yield term
    term.close()


def test_search_in_a_real_terminal(terminal):
    screen = terminal.wait_for("index: built")
    assert "Articles 5" in screen and "n.d." in screen and "Kazinform" in screen
    terminal.keys("/")
    terminal.type('"Strategic Dialogue"')
    terminal.keys("Enter")
    screen = terminal.wait_for("2 hits")
    assert "Results for '\"Strategic Dialogue\"'" in screen
    assert "Kazakhstan-UK Strategic Dialogue" in screen or "the Strategic Dialogue" in screen
    terminal.keys("Enter")
    screen = terminal.wait_for("match 1/")
    assert "Reader · match 1/" in screen
    terminal.keys("n")
    assert "match 2/" in terminal.wait_for("match 2/")
    terminal.keys("?")
    assert "Next match" in terminal.wait_for("corpus-explorer — keys")
    terminal.keys("Escape", "Escape", "Escape")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "Results for" in terminal.screen():
        time.sleep(0.2)
    assert "Results for" not in terminal.screen()  # the third escape cleared the search
    time.sleep(0.5)  # a key right after ESC would read as alt+key
    terminal.keys("q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "Articles 5" in terminal.screen():
        time.sleep(0.2)
    assert "Articles 5" not in terminal.screen()


def test_citation_reaches_the_tmux_clipboard(tmp_path, corpus):
    """c in the real app → OSC 52 → tmux's paste buffer (set-clipboard on), read with show-buffer."""
    exe = command()
    config = tmp_path / "config.yaml"
    config.write_text("clipboard: [osc52, file]\n", encoding="utf-8")
    env = {
        **os.environ,
        "CORPUS_EXPLORER_CACHE": str(tmp_path / "cache"),
        "CORPUS_EXPLORER_CONFIG": str(config),
        "TERM": "xterm-256color",
    }
    env.pop("TMUX", None)
    term = Terminal([exe, str(corpus)], env)
    try:
        term._tmux("set-option", "-s", "set-clipboard", "on")
        term.wait_for("index: built")
        term.keys("G")  # the undated article, last in date order
        term.wait_for("London is trying")
        term.keys("c")
        term.wait_for("Copied")
        deadline = time.monotonic() + 10
        buffer = ""
        while time.monotonic() < deadline and not buffer:
            buffer = term._tmux("show-buffer")
            time.sleep(0.2)
        assert buffer == "London is trying to harm Moscow by any means available. (n.d.)."
    finally:
        term.close()

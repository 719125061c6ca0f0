"""A hostile article in a real terminal (tmux): it cannot write the clipboard or set the title.

tmux runs on a private socket with no config and `set-clipboard on`, so an OSC 52 sequence
reaching the pane would land in a tmux paste buffer, and an OSC 0/2 would change the pane
title. A positive control at the end proves both detectors work.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.hostile.kinds import KINDS, add_good, make_kinds, tree_hash

TMUX = shutil.which("tmux")
if not TMUX:
    if os.environ.get("CI"):
        pytest.fail("tmux is required in CI (.ci/run installs it)", pytrace=False)
    pytestmark = pytest.mark.skip(reason="tmux is not installed")

HOSTILE = [k for k in KINDS if k.name in ("escapes", "markup", "control_chars_in_name", "rtl")]


def command() -> str:
    found = Path(sys.executable).parent / "corpus-explorer"
    return str(found) if found.exists() else shutil.which("corpus-explorer") or ""


class Tmux:
    def __init__(self, env: dict[str, str]) -> None:
        self.socket = f"ce-hostile-{uuid.uuid4().hex[:8]}"
        self.env = env

    def __call__(self, *args: str, check: bool = False) -> str:
        result = subprocess.run([TMUX, "-L", self.socket, "-f", "/dev/null", *args], env=self.env,
                                capture_output=True, text=True, timeout=20)
        if check:
            assert result.returncode == 0, result.stderr
        return result.stdout

    def keys(self, target: str, *keys: str) -> None:
        for key in keys:
            self("send-keys", "-t", target, key)
            time.sleep(0.15)

    def type(self, target: str, text: str) -> None:
        self("send-keys", "-t", target, "-l", text)

    def screen(self, target: str) -> str:
        return self("capture-pane", "-p", "-t", target)

    def wait_for(self, target: str, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen(target)
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} did not appear in {target}; the screen was:\n{screen}")

    def title(self, target: str) -> str:
        return self("display", "-p", "-t", target, "#{pane_title}").strip()

    def buffers(self) -> str:
        return self("list-buffers")


def test_hostile_article_cannot_touch_clipboard_or_title(tmp_path):
    exe = command()
    assert exe, "the corpus-explorer command is not installed in this environment"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    add_good(corpus)
    make_kinds(corpus, HOSTILE)
    before = tree_hash(corpus)
    env = {**os.environ, "TERM": "xterm-256color", "CORPUS_EXPLORER_CACHE": str(tmp_path / "cache"),
           "CORPUS_EXPLORER_CONFIG": str(tmp_path / "config.yaml"), "CORPUS_EXPLORER_STATE": str(tmp_path / "state")}
    env.pop("TMUX", None)
    tmux = Tmux(env)
    app = f"'{exe}' '{corpus}'"
    tmux("start-server", ";", "set", "-s", "set-clipboard", "on", ";",
         "new-session", "-d", "-s", "t", "-x", "160", "-y", "48", app, check=True)
    try:
        screen = tmux.wait_for("t", "index: built")
        assert "Escapes in the title" in screen or "[@click=app.quit]" in screen  # hostile rows drawn
        title, buffers = tmux.title("t"), tmux.buffers()
        assert buffers == ""

        for query, shown in (("tokescapes", "Escapes in the title"), ("tokmarkup", "[@click=app.quit]Qu")):
            tmux.keys("t", "/")
            tmux.type("t", query)
            tmux.wait_for("t", f"▊  {query}")  # typed into the search box, not elsewhere
            tmux.keys("t", "Enter")
            tmux.wait_for("t", "1 hit")
            tmux.keys("t", "Enter")  # open it in the reader
            screen = tmux.wait_for("t", shown)
            tmux.keys("t", "G", "g", "Escape")
            time.sleep(0.5)  # a key right after ESC would read as alt+key on a busy machine
            tmux.keys("t", "Escape")
            time.sleep(0.5)
        time.sleep(0.5)
        assert tmux.buffers() == buffers, "a hostile article wrote to the clipboard"
        assert tmux.title("t") == title, "a hostile article changed the window title"
        assert "PWNED" not in tmux.screen("t")
        tmux.keys("t", "q")

        # The command line in the same terminal: show and search print the hostile article.
        cli = (f"'{exe}' show escapes --corpus '{corpus}'; '{exe}' search tokescapes --corpus '{corpus}';"
               " echo CLI-DONE; sleep 30")
        tmux("new-window", "-d", "-t", "t", "-n", "cli", cli, check=True)
        cli_title = tmux.title("t:cli")
        screen = tmux.wait_for("t:cli", "CLI-DONE")
        assert "Escapes in the title" in screen and "EvilPub" in screen
        assert tmux.buffers() == buffers and tmux.title("t:cli") == cli_title
        assert "PWNED" not in screen

        # Positive control: the same sequences, printed raw, do reach tmux.
        raw = "printf '\\033]2;PWNED-CONTROL\\033\\\\'; printf '\\033]52;c;Y29udHJvbA==\\007'; sleep 30"
        tmux("new-window", "-d", "-t", "t", "-n", "control", raw, check=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and "control" not in tmux("show-buffer"):
            time.sleep(0.1)
        assert tmux("show-buffer") == "control"
        assert tmux.title("t:control") == "PWNED-CONTROL"
    finally:
        socket = tmux("display", "-p", "#{socket_path}").strip()
        tmux("kill-server")
        if socket:
            Path(socket).unlink(missing_ok=True)  # kill-server leaves the socket file behind
    assert tree_hash(corpus) == before

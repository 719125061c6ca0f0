"""OSC 52 through a real terminal: a program in a tmux pane copies, tmux's buffer receives it."""

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
ROOT = Path(__file__).resolve().parents[2]

if not TMUX:
    if IN_CI:
        pytest.fail("tmux is required in CI (.ci/run installs it)", pytrace=False)
    pytestmark = pytest.mark.skip(reason="tmux is not installed")

# Runs inside the pane: the same code path as `corpus-explorer` on the command line.
PROGRAM = """
import sys
from pathlib import Path
from tui.core.clipboard import copy, tty_writer
text = Path(sys.argv[1]).read_text(encoding="utf-8")
result = copy(text, routes=("osc52",), osc52_writer=tty_writer())
Path(sys.argv[2]).write_text(result.message, encoding="utf-8")
"""


def test_osc52_reaches_the_tmux_buffer(tmp_path):
    text = "Kazakhstan–UK: “Strategic Dialogue” — Астана\n  second line, with trailing spaces  \nend"
    hostile = text + "\x1b]52;c;ZXZpbA==\x07\x1b[2J"  # must not survive into the clipboard
    (tmp_path / "text.txt").write_text(hostile, encoding="utf-8")
    (tmp_path / "program.py").write_text(PROGRAM, encoding="utf-8")
    done = tmp_path / "done.txt"
    env = {**os.environ, "CORPUS_EXPLORER_STATE": str(tmp_path / "state"), "PYTHONPATH": str(ROOT)}
    env.pop("TMUX", None)
    socket = f"ce-clip-{uuid.uuid4().hex[:8]}"

    def tmux(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [TMUX, "-L", socket, "-f", "/dev/null", *args], env=env, capture_output=True, timeout=20
        )

    try:
        # An idle first pane keeps the server up while the clipboard option is set; only then
        # does the copying program start, so it cannot race the option.
        started = tmux("new-session", "-d", "-s", "t", "-x", "80", "-y", "24", f"'{sys.executable}' -c 'import time; time.sleep(120)'")
        assert started.returncode == 0, started.stderr
        assert tmux("set", "-s", "set-clipboard", "on").returncode == 0
        argv = [sys.executable, str(tmp_path / "program.py"), str(tmp_path / "text.txt"), str(done)]
        tmux("new-window", "-t", "t", " ".join(f"'{a}'" for a in argv))
        deadline = time.monotonic() + 20
        buffer = b""
        while time.monotonic() < deadline:
            shown = tmux("show-buffer")
            if shown.returncode == 0 and done.exists():
                buffer = shown.stdout
                break
            time.sleep(0.1)
        assert done.exists(), "the program in the pane did not finish"
        assert done.read_text(encoding="utf-8").startswith("Sent to the terminal (OSC 52)")
        assert buffer.decode("utf-8") == text
    finally:
        socket_path = tmux("display-message", "-p", "#{socket_path}").stdout.decode().strip()
        tmux("kill-server")
        if socket_path:  # kill-server leaves the socket file behind
            Path(socket_path).unlink(missing_ok=True)

"""Clipboard routes with fake tools on PATH: exact text, time limits, order, the saved file."""

from __future__ import annotations

import base64
import os
import sys
import time
from pathlib import Path

import pytest

from tui.core.clipboard import copy, last_copy_path, osc52_sequence, system_tools

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fake tools are shell scripts")

TEXT = "Astana — Лондон: “Strategic Dialogue”\n  second line  \nend"


def fake_tool(folder: Path, name: str, script: str) -> Path:
    """An executable in folder that runs script (sh); $OUT is a file beside it named for the tool."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f'#!/bin/sh\nOUT="{folder / name}.out"\n{script}\n', encoding="utf-8")
    path.chmod(0o755)
    return path


def recorder(folder: Path, name: str, status: int = 0) -> Path:
    """A tool that records its arguments and stdin, then exits with status."""
    return fake_tool(folder, name, f'echo "$@" > "$OUT.args"\n/bin/cat > "$OUT"\nexit {status}')


def env_for(bin_dir: Path, **extra: str) -> dict[str, str]:
    return {"PATH": str(bin_dir), **extra}


def test_osc52_sequence_is_base64_with_bel():
    seq = osc52_sequence(TEXT, env={})
    assert seq.startswith("\x1b]52;c;") and seq.endswith("\x07")
    assert base64.b64decode(seq[len("\x1b]52;c;") : -1]).decode("utf-8") == TEXT


def test_osc52_never_carries_escapes():
    seq = osc52_sequence("red\x1b[31m text\x07\x9b2J\x1b]52;c;aGk=\x07 end", env={})
    decoded = base64.b64decode(seq[7:-1]).decode("utf-8")
    assert decoded == "red text end"
    assert seq.count("\x1b") == 1 and seq.count("\x07") == 1


def test_osc52_wraps():
    plain = osc52_sequence("hi", env={})
    assert osc52_sequence("hi", env={"TMUX": "/tmp/x,1,0"}) == plain  # tmux: set-clipboard on
    assert osc52_sequence("hi", env={}, wrap="tmux") == "\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\"
    long = osc52_sequence("x" * 200, env={"STY": "123.pts-0.host"})  # GNU screen: DCS pieces
    assert long.startswith("\x1bP\x1b]52;c;") and long.endswith("\x07\x1b\\")
    pieces = long[len("\x1bP\x1b]52;c;") : -2].split("\x1b\\\x1bP")
    assert len(pieces) > 1 and all(len(p) <= 76 for p in pieces)
    assert base64.b64decode("".join(pieces)) == b"x" * 200
    with pytest.raises(ValueError):
        osc52_sequence("hi", env={}, wrap="nope")


def test_system_tool_gets_the_exact_text(tmp_path):
    bin_dir = tmp_path / "bin"
    tool = recorder(bin_dir, "xclip")
    result = copy(TEXT, routes=("system",), env=env_for(bin_dir, DISPLAY=":0"))
    assert Path(f"{tool}.out").read_text(encoding="utf-8") == TEXT
    assert Path(f"{tool}.out.args").read_text().split() == ["-selection", "clipboard"]
    assert result.confirmed and result.worked == ("system", "file")
    assert result.message.startswith("Copied to the clipboard with xclip (also saved to ")
    assert result.message.endswith("last-copy.txt)")


def test_file_is_always_written(tmp_path):
    result = copy(TEXT, routes=("osc52",), osc52_writer=lambda t: None, env=env_for(tmp_path))
    assert result.file == last_copy_path() and result.file.parent.is_dir()
    assert result.file.read_text(encoding="utf-8") == TEXT
    assert result.tried == ("osc52", "file") and not result.confirmed
    assert result.message.startswith("Sent to the terminal (OSC 52); if your terminal does not support it, the text is in ")
    assert list(result.file.parent.glob(".tmp-*")) == []


def test_only_file(tmp_path):
    result = copy("hello", routes=("file",), env=env_for(tmp_path))
    assert result.tried == ("file",) and result.file.read_text(encoding="utf-8") == "hello"
    assert result.message.startswith("Saved to ") and "clipboard not reached" not in result.message


def test_copied_text_is_stripped_of_control_sequences(tmp_path):
    bin_dir = tmp_path / "bin"
    tool = recorder(bin_dir, "pbcopy")
    sent = []
    copy("a\x1b]8;;http://x\x07b\x1b[2Jc\r\nd", osc52_writer=sent.append, env=env_for(bin_dir))
    assert sent == ["abc\nd"]
    assert Path(f"{tool}.out").read_text(encoding="utf-8") == "abc\nd"
    assert last_copy_path().read_text(encoding="utf-8") == "abc\nd"


def test_hanging_tool_is_killed_within_the_timeout(tmp_path):
    bin_dir = tmp_path / "bin"
    # The sleep runs in a child of the script: the whole process group must be killed.
    fake_tool(bin_dir, "xclip", '/bin/sleep 30 &\necho $! > "$OUT.pid"\nwait')
    start = time.monotonic()
    result = copy(TEXT, routes=("system",), env=env_for(bin_dir, DISPLAY=":0"), timeout=0.5)
    elapsed = time.monotonic() - start
    assert elapsed < 2.0
    system = result.outcomes[0]
    assert system.route == "system" and not system.ok and "did not finish within 0.5 s" in system.detail
    assert not result.confirmed and result.file.read_text(encoding="utf-8") == TEXT
    assert "xclip did not finish within 0.5 s" in result.message
    pid = int((bin_dir / "xclip.out.pid").read_text())
    assert _gone(pid)


def _gone(pid: int, wait: float = 3.0) -> bool:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except FileNotFoundError:
            return True
        except OSError:
            if not Path("/proc").is_dir():
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    return True
        else:
            if stat.rsplit(")", 1)[1].split()[0] == "Z":  # dead, waiting for init to reap it
                return True
        time.sleep(0.05)
    return False


def test_failing_tool_falls_through_to_the_next(tmp_path):
    bin_dir = tmp_path / "bin"
    fake_tool(bin_dir, "xclip", 'echo "Error: Can\'t open display: :0" >&2\nexit 1')
    xsel = recorder(bin_dir, "xsel")
    result = copy(TEXT, routes=("system",), env=env_for(bin_dir, DISPLAY=":0"))
    assert result.confirmed and result.outcomes[0].detail == "xsel"
    assert Path(f"{xsel}.out").read_text(encoding="utf-8") == TEXT
    assert Path(f"{xsel}.out.args").read_text().split() == ["--clipboard", "--input"]


def test_all_tools_failing_are_reported(tmp_path):
    bin_dir = tmp_path / "bin"
    fake_tool(bin_dir, "xclip", 'echo "cannot open display" >&2\nexit 3')
    result = copy(TEXT, routes=("system",), env=env_for(bin_dir, DISPLAY=":0"))
    assert result.worked == ("file",)
    assert "xclip failed (exit status 3): cannot open display" in result.outcomes[0].detail
    assert result.message.startswith("Saved to ") and "xclip failed" in result.message


def test_no_display_means_no_xclip(tmp_path):
    bin_dir = tmp_path / "bin"
    xclip = recorder(bin_dir, "xclip")
    recorder(bin_dir, "xsel")
    recorder(bin_dir, "wl-copy")
    assert system_tools(env_for(bin_dir)) == []
    result = copy(TEXT, routes=("system",), env=env_for(bin_dir))
    assert not Path(f"{xclip}.out").exists()
    assert result.outcomes[0].detail == "no clipboard tool found" and not result.confirmed
    # Wayland only: wl-copy, never the X tools.
    assert [Path(a[0]).name for a in system_tools(env_for(bin_dir, WAYLAND_DISPLAY="wayland-0"))] == ["wl-copy"]
    both = system_tools(env_for(bin_dir, WAYLAND_DISPLAY="wayland-0", DISPLAY=":0"))
    assert [Path(a[0]).name for a in both] == ["wl-copy", "xclip", "xsel"]


def test_route_order_is_honoured(tmp_path):
    bin_dir = tmp_path / "bin"
    tool = recorder(bin_dir, "pbcopy")
    calls = []
    # osc52 first: sent (unconfirmed), then the tool confirms.
    result = copy(TEXT, routes=("osc52", "system", "file"), osc52_writer=calls.append, env=env_for(bin_dir))
    assert calls == [TEXT] and result.tried == ("osc52", "system", "file")
    assert result.message.startswith("Copied to the clipboard with pbcopy")
    # system first: it confirms, so OSC 52 is never sent.
    calls.clear()
    Path(f"{tool}.out").unlink()
    result = copy(TEXT, routes=("system", "osc52"), osc52_writer=calls.append, env=env_for(bin_dir))
    assert calls == [] and result.tried == ("system", "file")
    assert Path(f"{tool}.out").read_text(encoding="utf-8") == TEXT
    # no tool: system fails, osc52 still sent afterwards.
    result = copy(TEXT, routes=("system", "osc52"), osc52_writer=calls.append, env=env_for(tmp_path / "empty"))
    assert calls == [TEXT] and result.tried == ("system", "osc52", "file")
    assert [o.ok for o in result.outcomes] == [False, True, True]


def test_osc52_without_writer_or_with_a_broken_one(tmp_path):
    result = copy("x", routes=("osc52",), env=env_for(tmp_path))
    assert result.outcomes[0].detail == "no terminal to send OSC 52 to"

    def broken(text: str) -> None:
        raise OSError("no tty")

    result = copy("x", routes=("osc52",), osc52_writer=broken, env=env_for(tmp_path))
    assert not result.outcomes[0].ok and "no tty" in result.outcomes[0].detail
    assert result.file.read_text(encoding="utf-8") == "x"


def test_unknown_route_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="'mail'"):
        copy("x", routes=("osc52", "mail"), env=env_for(tmp_path))


def test_unwritable_state_dir_is_reported(tmp_path, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setenv("CORPUS_EXPLORER_STATE", str(blocker / "state"))
    result = copy("x", routes=("osc52",), osc52_writer=lambda t: None, env=env_for(tmp_path))
    assert result.file is None and not result.outcomes[-1].ok
    assert result.message.startswith("Sent to the terminal (OSC 52), unconfirmed; could not save ")
    assert "last-copy.txt" in result.message
    result = copy("x", routes=("file",), env=env_for(tmp_path))
    assert result.message.startswith("Could not copy: could not save ")

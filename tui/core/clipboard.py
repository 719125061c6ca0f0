"""Copying text to the user's clipboard, by whatever route this machine offers.

Routes, tried in the order of the `clipboard` setting (default: osc52, system, file):

- osc52: an OSC 52 escape sequence sent through the terminal. It works over SSH and needs no
  tool, but nothing ever confirms it, so the system route is still tried after it. This module
  never writes to the terminal: the caller passes `osc52_writer` (the app passes
  `App.copy_to_clipboard`, the command line `tty_writer()`). Inside tmux the plain sequence
  reaches the clipboard only with `set -s set-clipboard on` in tmux.conf; the passthrough wrap
  (`osc52_sequence(..., wrap="tmux")`) needs `allow-passthrough on` instead. Under GNU screen,
  which has no OSC 52 of its own, the sequence is wrapped in DCS strings for the outer terminal.
- system: the first clipboard tool on PATH that exits 0 (wl-copy, xclip, xsel, pbcopy,
  clip.exe), run without a shell, with the text on stdin and a time limit.
- file: the text is always saved to `<state dir>/last-copy.txt` as well, whatever the setting
  says, so the notification can always say where the text is.

Copying stops at the first confirmed route. The copied text is the caller's text minus
terminal control sequences, so a hostile article can never smuggle escapes into a paste.
"""

from __future__ import annotations

import base64
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tui.core.config import CLIPBOARD_ROUTES
from tui.core.corpus_writer import write_atomic
from tui.core.state import state_dir
from tui.core.text import one_line, strip_control

LAST_COPY_FILE = "last-copy.txt"
DEFAULT_TIMEOUT = 2.0
_SCREEN_CHUNK = 76  # screen drops DCS strings longer than 768 bytes: send the payload in pieces


@dataclass(frozen=True)
class RouteOutcome:
    route: str  # "osc52", "system" or "file"
    ok: bool
    confirmed: bool  # False for OSC 52: the terminal never answers
    detail: str  # the tool used, or why the route failed


@dataclass(frozen=True)
class CopyResult:
    outcomes: tuple[RouteOutcome, ...]  # in the order tried
    file: Path | None  # the saved copy, None if it could not be written
    message: str  # one line for a notification

    @property
    def tried(self) -> tuple[str, ...]:
        return tuple(o.route for o in self.outcomes)

    @property
    def worked(self) -> tuple[str, ...]:
        return tuple(o.route for o in self.outcomes if o.ok)

    @property
    def confirmed(self) -> bool:
        """True when a clipboard tool took the text (not counting OSC 52 or the file)."""
        return any(o.confirmed and o.route != "file" for o in self.outcomes)


# --- OSC 52 --------------------------------------------------------------------------

def osc52_sequence(text: str, env: Mapping[str, str] = os.environ, wrap: str = "auto") -> str:
    """`ESC ] 52 ; c ; <base64> BEL`, wrapped for the multiplexer when needed.

    wrap: "auto" (DCS wrap under GNU screen, else plain — tmux handles the plain sequence with
    set-clipboard on), "plain", "tmux" (passthrough: `ESC Ptmux; <seq, ESC doubled> ESC \\`),
    or "screen".
    """
    payload = base64.b64encode(strip_control(text).encode("utf-8")).decode("ascii")
    if wrap == "auto":
        wrap = "screen" if env.get("STY") and not env.get("TMUX") else "plain"
    if wrap == "plain":
        return f"\x1b]52;c;{payload}\x07"
    if wrap == "tmux":
        return "\x1bPtmux;" + f"\x1b]52;c;{payload}\x07".replace("\x1b", "\x1b\x1b") + "\x1b\\"
    if wrap == "screen":
        chunks = [payload[i : i + _SCREEN_CHUNK] for i in range(0, len(payload), _SCREEN_CHUNK)]
        return "\x1bP\x1b]52;c;" + "\x1b\\\x1bP".join(chunks) + "\x07\x1b\\"
    raise ValueError(f"unknown OSC 52 wrap {wrap!r}")


def tty_writer(env: Mapping[str, str] = os.environ, wrap: str = "auto") -> Callable[[str], None]:
    """An osc52_writer for the command line: writes to the controlling terminal, not stdout,
    so that piped output stays clean."""

    def write(text: str) -> None:
        with open("/dev/tty", "w", encoding="ascii") as tty:
            tty.write(osc52_sequence(text, env, wrap))
            tty.flush()

    return write


# --- system tools --------------------------------------------------------------------

def system_tools(env: Mapping[str, str] = os.environ) -> list[list[str]]:
    """The clipboard commands usable here, best first (found on env's PATH)."""
    candidates: list[list[str]] = []
    if env.get("WAYLAND_DISPLAY"):
        candidates.append(["wl-copy"])
    if env.get("DISPLAY"):
        candidates += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    candidates += [["pbcopy"], ["clip.exe"]]
    path = env.get("PATH", os.defpath)
    found = []
    for argv in candidates:
        exe = shutil.which(argv[0], path=path)
        if exe:
            found.append([exe, *argv[1:]])
    return found


def _kill(proc: subprocess.Popen) -> None:
    try:  # the whole process group: a wrapper script's children must not linger
        os.killpg(proc.pid, signal.SIGKILL)
    except (AttributeError, OSError):
        proc.kill()
    proc.wait()


def _run_tool(argv: list[str], text: str, env: Mapping[str, str], timeout: float) -> tuple[bool, str]:
    name = Path(argv[0]).name
    tool_env = dict(env)
    if name == "clip.exe":  # clip.exe reads UTF-16 when the BOM says so, else the ANSI code page
        data = b"\xff\xfe" + text.encode("utf-16-le")
    else:
        data = text.encode("utf-8")
        if name == "pbcopy" and not any(tool_env.get(v) for v in ("LC_ALL", "LC_CTYPE", "LANG")):
            tool_env["LANG"] = "en_US.UTF-8"  # pbcopy mangles non-ASCII text in the C locale
    # stdout to /dev/null and stderr to a file, never pipes: xclip and wl-copy fork a child
    # that keeps serving the selection, and a pipe held by it would block us until it exits.
    with tempfile.TemporaryFile() as err:
        try:
            proc = subprocess.Popen(
                argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=err, env=tool_env,
                start_new_session=True,  # its own process group, killed as one on timeout
            )
        except OSError as exc:
            return False, f"{name} could not start ({exc.strerror or exc})"
        try:
            proc.communicate(data, timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(proc)
            return False, f"{name} did not finish within {timeout:g} s"
        if proc.returncode == 0:
            return True, name
        err.seek(0)
        why = one_line(err.read(2000).decode("utf-8", "replace"))[:120]
        return False, f"{name} failed (exit status {proc.returncode}){': ' + why if why else ''}"


# --- copy ----------------------------------------------------------------------------

def last_copy_path() -> Path:
    return state_dir() / LAST_COPY_FILE


def _shown(path: Path) -> str:
    """The path for a message, with the home folder as ~ (shorter, and no user name)."""
    try:
        home = str(Path.home())
    except RuntimeError:  # no home directory known
        return str(path)
    text = str(path)
    return "~" + text[len(home) :] if home not in ("", os.sep) and text.startswith(home + os.sep) else text


def copy(
    text: str,
    routes: tuple[str, ...] = CLIPBOARD_ROUTES,
    osc52_writer: Callable[[str], None] | None = None,
    env: Mapping[str, str] = os.environ,
    timeout: float = DEFAULT_TIMEOUT,
) -> CopyResult:
    """Copy text by the given routes in order, stopping at the first confirmed one; always
    save it to last-copy.txt too. `timeout` bounds each clipboard tool; run this in a worker
    thread in the UI. Never raises for a failed route: the result says why."""
    unknown = [r for r in routes if r not in CLIPBOARD_ROUTES]
    if unknown:
        raise ValueError(f"unknown clipboard route(s) {', '.join(map(repr, unknown))}")
    clean = strip_control(text)
    outcomes: list[RouteOutcome] = []
    for route in dict.fromkeys(routes):
        if route == "osc52":
            if osc52_writer is None:
                outcomes.append(RouteOutcome(route, False, False, "no terminal to send OSC 52 to"))
                continue
            try:
                osc52_writer(clean)
                outcomes.append(RouteOutcome(route, True, False, "sent to the terminal (OSC 52)"))
            except Exception as exc:  # noqa: BLE001 - a broken terminal must not break copying
                outcomes.append(RouteOutcome(route, False, False, f"could not write to the terminal ({exc})"))
        elif route == "system":
            tools = system_tools(env)
            if not tools:
                outcomes.append(RouteOutcome(route, False, False, "no clipboard tool found"))
                continue
            reasons = []
            for argv in tools:
                ok, detail = _run_tool(argv, clean, env, timeout)
                if ok:
                    outcomes.append(RouteOutcome(route, True, True, detail))
                    break
                reasons.append(detail)
            else:
                outcomes.append(RouteOutcome(route, False, False, "; ".join(reasons)))
        if outcomes and outcomes[-1].confirmed:
            break

    path: Path | None = last_copy_path()
    try:
        write_atomic(path, clean)
        outcomes.append(RouteOutcome("file", True, True, str(path)))
    except OSError as exc:
        outcomes.append(RouteOutcome("file", False, False, f"could not save {_shown(path)} ({exc.strerror or exc})"))
        path = None
    return CopyResult(tuple(outcomes), path, _message(outcomes, path))


def _message(outcomes: list[RouteOutcome], path: Path | None) -> str:
    by_route = {o.route: o for o in outcomes}
    tool = next((o for o in outcomes if o.route == "system" and o.ok), None)
    sent = by_route.get("osc52") is not None and by_route["osc52"].ok
    saved = _shown(path) if path else None
    if tool:
        return f"Copied to the clipboard with {tool.detail}" + (f" (also saved to {saved})" if saved else "")
    if sent and saved:
        return f"Sent to the terminal (OSC 52); if your terminal does not support it, the text is in {saved}"
    if sent:
        return f"Sent to the terminal (OSC 52), unconfirmed; {by_route['file'].detail}"
    failures = "; ".join(o.detail for o in outcomes if not o.ok and o.route != "file")
    if saved:
        return f"Saved to {saved}" + (f" (clipboard not reached: {failures})" if failures else "")
    return "Could not copy: " + "; ".join(o.detail for o in outcomes if not o.ok)

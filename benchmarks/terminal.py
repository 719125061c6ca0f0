"""Run a program in a real pseudo-terminal: time until text appears, read its memory, type keys.

Only the standard library (pty, termios, select): no tmux needed. The child gets its own
session with the pty as controlling terminal, TERM=xterm-256color and a fixed window size,
exactly as if a person had started it in a terminal emulator; we play the emulator, reading
everything it writes (so it never blocks on a full pty buffer) and answering nothing.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from dataclasses import dataclass, field

COLUMNS, LINES = 140, 40


@dataclass
class Session:
    process: subprocess.Popen
    master: int
    started: float
    output: bytearray = field(default_factory=bytearray)

    @property
    def pid(self) -> int:
        return self.process.pid

    def _read_once(self, timeout: float) -> bytes:
        ready, _, _ = select.select([self.master], [], [], max(timeout, 0.0))
        if not ready:
            return b""
        try:
            chunk = os.read(self.master, 1 << 16)
        except OSError:  # the child closed the terminal
            return b""
        self.output += chunk
        return chunk

    def wait_for(self, pattern: str | bytes, timeout: float = 60.0, since: int = 0) -> float:
        """Seconds from launch until the output (from byte `since` on) matches pattern."""
        rx = re.compile(pattern.encode() if isinstance(pattern, str) else pattern)
        deadline = time.perf_counter() + timeout
        scanned = since
        while True:
            # Search a little before the last scanned point: a match may straddle two reads.
            if rx.search(self.output, max(since, scanned - 256)):
                return time.perf_counter() - self.started
            scanned = len(self.output)
            if time.perf_counter() > deadline:
                tail = bytes(self.output[-2000:]).decode("utf-8", "replace")
                raise TimeoutError(f"{pattern!r} did not appear within {timeout} s; last output: {tail!r}")
            if self.process.poll() is not None and not self._read_once(0.05):
                tail = bytes(self.output[-2000:]).decode("utf-8", "replace")
                raise RuntimeError(f"the program exited ({self.process.returncode}) before {pattern!r}: {tail!r}")
            self._read_once(0.05)

    def drain(self, quiet: float = 0.2, limit: float = 5.0) -> None:
        """Read until the program has written nothing for `quiet` seconds (or `limit` passed)."""
        end = time.perf_counter() + limit
        last = time.perf_counter()
        while time.perf_counter() < end:
            if self._read_once(0.02):
                last = time.perf_counter()
            elif time.perf_counter() - last >= quiet:
                return

    def key_latency(self, key: bytes, settle: float = 0.25, timeout: float = 2.0) -> float | None:
        """Seconds from writing key until the first byte of the repaint arrives."""
        self.drain(quiet=settle)
        sent = time.perf_counter()
        os.write(self.master, key)
        deadline = sent + timeout
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([self.master], [], [], deadline - time.perf_counter())
            if ready:
                arrived = time.perf_counter()
                try:
                    self.output += os.read(self.master, 1 << 16)
                except OSError:
                    return None
                return arrived - sent
        return None

    def memory_kb(self) -> dict[str, int]:
        """VmHWM (peak RSS) and VmRSS of the process, in kB (Linux /proc)."""
        found = {}
        try:
            with open(f"/proc/{self.pid}/status", encoding="ascii") as fh:
                for line in fh:
                    if line.startswith(("VmHWM:", "VmRSS:")):
                        name, value = line.split(":", 1)
                        found[name] = int(value.split()[0])
        except OSError:
            pass
        return found

    def screen_text(self) -> str:
        """The output with escape sequences removed (rough, for finding words)."""
        text = bytes(self.output).decode("utf-8", "replace")
        return re.sub(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)", "", text)

    def close(self, quit_key: bytes | None = b"\x11", grace: float = 3.0) -> None:
        """Ask the program to quit (ctrl+q), then terminate it if it does not."""
        try:
            if quit_key and self.process.poll() is None:
                os.write(self.master, quit_key)
                end = time.perf_counter() + grace
                while self.process.poll() is None and time.perf_counter() < end:
                    self._read_once(0.05)
            if self.process.poll() is None:
                self.process.send_signal(signal.SIGTERM)
                try:
                    self.process.wait(2)
                except subprocess.TimeoutExpired:
                    self.process.kill()
            self.process.wait()
        finally:
            try:
                os.close(self.master)
            except OSError:
                pass

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def launch(argv: list[str], env: dict[str, str], cwd: str | None = None, columns: int = COLUMNS, lines: int = LINES) -> Session:
    """Start argv in a new pseudo-terminal of the given size; the clock starts just before."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    env = {**env, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(lines)}
    env.pop("TEXTUAL", None)  # no devtools

    def become_terminal_owner() -> None:  # runs in the child, before exec
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    started = time.perf_counter()
    process = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd,
        preexec_fn=become_terminal_owner, close_fds=True,
    )
    os.close(slave)
    return Session(process, master, started)

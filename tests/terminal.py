"""A real pseudo-terminal for end-to-end tests and benchmarks.

The program runs on the slave side of a pty, exactly as in a user's terminal; everything it
writes is fed to pyte, a VT100 emulator, so tests can ask what is *on screen* (not what bytes
passed by) and also count the raw bytes that crossed the wire.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Sequence
from pathlib import Path

import pyte

ROOT = Path(__file__).resolve().parent.parent


class PtyApp:
    def __init__(
        self,
        argv: Sequence[str],
        *,
        cols: int = 100,
        rows: int = 30,
        env: dict[str, str] | None = None,
        cwd: str | os.PathLike | None = None,
        stdin_data: bytes | None = None,
    ) -> None:
        """`stdin_data`: stdin is a pipe carrying these bytes (the terminal stays the program's
        controlling terminal and its stdout), as in `cat article.txt | newsreader -`."""
        self.cols, self.rows = cols, rows
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        self.last_read = 0.0
        master, slave = os.openpty()
        self._set_size(slave, cols, rows)
        full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLORTERM", "TEXTUAL")}
        full_env.update(
            {"TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "COLUMNS": str(cols), "LINES": str(rows)}
        )
        full_env.update(env or {})
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            list(argv),
            stdin=slave if stdin_data is None else subprocess.PIPE,
            stdout=slave,
            stderr=slave,
            env=full_env,
            cwd=cwd or ROOT,
            start_new_session=True,
            close_fds=True,
            preexec_fn=lambda: fcntl.ioctl(1, termios.TIOCSCTTY, 0),
        )
        if stdin_data is not None:
            assert self.proc.stdin is not None
            self.proc.stdin.write(stdin_data)
            self.proc.stdin.close()
        os.close(slave)
        self.master = master

    @staticmethod
    def _set_size(fd: int, cols: int, rows: int) -> None:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def resize(self, cols: int, rows: int) -> None:
        self.cols, self.rows = cols, rows
        self.screen.resize(rows, cols)
        self._set_size(self.master, cols, rows)
        os.killpg(self.proc.pid, signal.SIGWINCH)

    def pump(self, timeout: float = 0.05) -> int:
        """Read what is available within `timeout`; returns the number of bytes read."""
        total = 0
        deadline = time.perf_counter() + timeout
        while True:
            remaining = max(0.0, deadline - time.perf_counter())
            ready, _, _ = select.select([self.master], [], [], remaining)
            if not ready:
                return total
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return total
            if not chunk:
                return total
            self.last_read = time.perf_counter()
            # Take in what has arrived before feeding the emulator: pyte needs milliseconds per
            # KB of escape sequences, and a frame larger than the pty's buffer comes in parts, so
            # reading the next part only after feeding this one charged pyte's time to the program.
            while select.select([self.master], [], [], 0)[0]:
                try:
                    more = os.read(self.master, 65536)
                except OSError:
                    break
                if not more:
                    break
                chunk += more
                self.last_read = time.perf_counter()
            self.raw.extend(chunk)
            self.stream.feed(chunk)
            total += len(chunk)
            self._answer_queries(chunk)

    def _answer_queries(self, chunk: bytes) -> None:
        # Answer "where is the cursor" like a real terminal would, so nothing waits on it.
        if b"\x1b[6n" in chunk:
            os.write(self.master, f"\x1b[{self.screen.cursor.y + 1};{self.screen.cursor.x + 1}R".encode())

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, needle: str, timeout: float = 60.0) -> float:
        """Seconds from start until `needle` is on screen; raises TimeoutError with the screen."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if needle in self.text:
                return time.perf_counter() - self.started
            self.pump(0.02)
            if self.proc.poll() is not None and needle not in self.text:
                self.pump(0.2)
                if needle in self.text:
                    break
                raise RuntimeError(f"program exited ({self.proc.returncode}) before showing {needle!r}:\n{self.text}")
        if needle in self.text:
            return time.perf_counter() - self.started
        raise TimeoutError(f"{needle!r} not on screen after {timeout}s:\n{self.text}")

    def wait_gone(self, needle: str, timeout: float = 120.0) -> None:
        """Until `needle` is no longer on screen (e.g. "analysing" in the status line)."""
        deadline = time.perf_counter() + timeout
        while needle in self.text:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{needle!r} still on screen after {timeout}s:\n{self.text}")
            self.pump(0.05)

    def settle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:
        """Read until the program has written nothing for `quiet` seconds."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.pump(quiet) == 0:
                return

    def press(self, keys: str | bytes, quiet: float = 0.15, timeout: float = 10.0) -> tuple[float, int]:
        """Send keys; returns (seconds until the last byte of the response, bytes written)."""
        self.settle(0.1)
        before = len(self.raw)
        sent = time.perf_counter()
        os.write(self.master, keys.encode() if isinstance(keys, str) else keys)
        deadline = sent + timeout
        while time.perf_counter() < deadline:
            if self.pump(quiet) == 0 and len(self.raw) > before:
                break
        return max(0.0, self.last_read - sent), len(self.raw) - before

    def close(self, timeout: float = 10.0) -> int:
        """Wait for the program to exit (after e.g. `q`); kills it if it does not."""
        deadline = time.perf_counter() + timeout
        while self.proc.poll() is None and time.perf_counter() < deadline:
            self.pump(0.05)
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(5)
        self.pump(0.05)
        os.close(self.master)
        return self.proc.returncode

    def __enter__(self) -> PtyApp:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(5)
        try:
            os.close(self.master)
        except OSError:
            pass


def newsreader(*args: str) -> list[str]:
    return [sys.executable, "-m", "tui", *args]

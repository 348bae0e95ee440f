"""One SSH session: a reader process on a pty, the client's terminal forwarded to it.

The session never trusts the client with more than its own keystrokes, terminal type, window size
and locale: the reader's command line, files and environment are fixed by the server.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .forks import ForkedPty
from .pty import PtyProcess
from .ssh import asyncssh

if TYPE_CHECKING:
    from .server import ServerState

DEFAULT_TERM = "xterm-256color"
DEFAULT_SIZE = (80, 24, 0, 0)
_TERM_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
# The only variables a client may set (OpenSSH's usual AcceptEnv, plus the colour hints).
_CLIENT_ENV = re.compile(r"LANG|LC_[A-Z]+|LANGUAGE|COLORTERM|NO_COLOR|TZ")
_CLIENT_ENV_VALUE = re.compile(r"[\x20-\x7e]{0,128}")
# Variables describing the *server's* terminal or login, which must not leak into a client's session.
_SERVER_ONLY_ENV = {
    "COLORTERM",
    "NO_COLOR",
    "FORCE_COLOR",
    "TERM",
    "TERM_PROGRAM",
    "TERM_PROGRAM_VERSION",
    "TERMINFO",
    "COLUMNS",
    "LINES",
    "TMUX",
    "TMUX_PANE",
    "STY",
    "WINDOWID",
    "VTE_VERSION",
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "SSH_AUTH_SOCK",
    "SSH_AGENT_PID",
    "SSH_CONNECTION",
    "SSH_CLIENT",
    "SSH_TTY",
    "SSH_ORIGINAL_COMMAND",
    "NEWSREADER_FORCE_TTY",
}
# What the terminal needs to get back to normal if we cut a full-screen app off mid-frame:
# attributes, mouse and focus reporting, bracketed paste, cursor, main screen.
TERMINAL_RESET = b"\x1b[0m\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?1004l\x1b[?2004l\x1b[?25h\x1b[?1049l\r\n"


def reader_argv(files: list[str]) -> list[str]:
    return [sys.executable, "-m", "tui", *files]


def package_root() -> str:
    """The directory holding this `tui` package: the child must run the same code as the server."""
    return str(Path(__file__).resolve().parents[2])


def _is_utf8_locale(value: str) -> bool:
    return value.replace("-", "").lower().endswith("utf8") or ".utf8@" in value.replace("-", "").lower()


def reader_env(
    base: Mapping[str, str], client: Mapping[str, str], term: str, ssh_connection: str, ssh_client: str
) -> dict[str, str]:
    """The reader's environment: the server's (same user, same cache dir) minus anything about the
    server's own terminal, plus the client's terminal type and locale hints."""
    env = {k: v for k, v in base.items() if k not in _SERVER_ONLY_ENV}
    for key, value in client.items():
        if _CLIENT_ENV.fullmatch(key) and _CLIENT_ENV_VALUE.fullmatch(value):
            env[key] = value
    env["TERM"] = term
    env["SSH_CONNECTION"] = ssh_connection
    env["SSH_CLIENT"] = ssh_client
    env["NEWSREADER_SERVE"] = "1"
    root = package_root()
    env["PYTHONPATH"] = os.pathsep.join([root, *filter(None, [env.get("PYTHONPATH")])])
    effective = env.get("LC_ALL") or env.get("LC_CTYPE") or env.get("LANG") or ""
    if not _is_utf8_locale(effective):
        # Article text is UTF-8 and Textual draws box characters: never run in the C/POSIX locale.
        env["LC_ALL"] = "C.UTF-8"
    return env


def _client_term(term: str | None) -> str:
    if term and _TERM_RE.fullmatch(term):
        return term
    return DEFAULT_TERM


class ReaderSession(asyncssh.SSHServerSession):
    """Bridges one SSH channel to one reader process. Owned by the connection that opened it."""

    def __init__(self, state: ServerState, conn_info: ConnectionInfo) -> None:
        self.state = state
        self.info = conn_info
        self.chan: asyncssh.SSHServerChannel | None = None
        self.term: str | None = None
        self.size = DEFAULT_SIZE
        self.has_pty = False
        self.child: PtyProcess | None = None
        self.outcome = "opened"
        self.last_input = time.monotonic()
        self._idle_task: asyncio.Task | None = None
        self._start_task: asyncio.Task | None = None
        self._closing = False
        self._early_input = bytearray()
        self._input_paused = False

    @property
    def live(self) -> bool:
        return not self._closing

    # -- requests from the client -------------------------------------------------------------

    def connection_made(self, chan: asyncssh.SSHServerChannel) -> None:
        self.chan = chan

    def pty_requested(self, term_type: str, term_size: tuple[int, int, int, int], term_modes: Mapping[int, int]) -> bool:
        self.has_pty = True
        self.term = term_type
        if term_size[0] > 0 and term_size[1] > 0:
            self.size = tuple(term_size)  # type: ignore[assignment]
        return True

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        if width <= 0 or height <= 0:
            return
        self.last_input = time.monotonic()  # resizing the window is the user being there, too
        self.size = (width, height, pixwidth, pixheight)
        if self.child is not None:
            self.child.resize(width, height, pixwidth, pixheight)

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        # Like sshd's ForceCommand: whatever the client asks to run, it gets the reader.
        return True

    def subsystem_requested(self, subsystem: str) -> bool:
        self._closing = True  # no sftp, no anything else; asyncssh closes the channel
        self.outcome = "subsystem-refused"
        return False

    def break_received(self, msec: int) -> bool:
        return False

    def signal_received(self, signal: str) -> None:
        pass  # clients do not get to signal the reader; 'q' and closing the connection do

    def session_started(self) -> None:
        self._start_task = asyncio.create_task(self._start_guarded())

    async def _start_guarded(self) -> None:
        """A bug while starting one session is logged and ends that session only."""
        try:
            await self._start()
        except Exception as exc:
            self.state.log.event(self.info, "error", f"session failed to start: {type(exc).__name__}: {exc}")
            if self.child is not None:
                await self.child.terminate()
            self._say("newsreader: the reader could not be started")
            self._end_channel(1, "error")

    def data_received(self, data: bytes, datatype: int | None) -> None:
        self.last_input = time.monotonic()
        if self.child is not None:
            self.child.write(data)
        elif len(self._early_input) < 4096:  # typed while the reader process is being spawned
            self._early_input += data

    def eof_received(self) -> bool:
        self._finish("client-dropped")
        return False

    def pause_writing(self) -> None:
        if self.child is not None:
            self.child.pause_output()

    def resume_writing(self) -> None:
        if self.child is not None:
            self.child.resume_output()

    def connection_lost(self, exc: Exception | None) -> None:
        if not self._closing:
            self._finish("client-dropped")

    # -- running the reader ---------------------------------------------------------------------

    def _say(self, message: str) -> None:
        """A one-line notice on the client's terminal (server text, never article text)."""
        if self.chan is not None and not self.chan.is_closing():
            self.chan.write(message.encode("utf-8") + b"\r\n")

    async def _start(self) -> None:
        if not self.has_pty:
            self._say("newsreader: the reader needs a terminal; connect with 'ssh -t'")
            self._end_channel(1, "no-pty")
            return
        if not self.state.admit(self):
            self._say(f"newsreader: server busy (all {self.state.max_sessions} sessions in use); try again later")
            self._end_channel(1, "busy")
            return
        term = _client_term(self.term)
        env = reader_env(
            os.environ, self.chan.get_environment() if self.chan else {}, term, self.info.ssh_connection, self.info.ssh_client
        )
        if self.state.zygote is not None:
            self.child = ForkedPty(self.state.zygote, self.state.command, env, self.size, self._child_output, self._child_exited)
        else:
            self.child = PtyProcess(self.state.command, env, self.size, self._child_output, self._child_exited)
        self.child.on_input_pressure = self._input_pressure
        try:
            await self.child.start()
        except OSError as exc:
            self.child = None
            self.state.log.event(self.info, "error", f"cannot start reader: {exc.strerror or exc}")
            self._say("newsreader: the reader could not be started")
            self._end_channel(1, "spawn-failed")
            return
        if self._closing:  # the client went away while we were starting
            await self.child.terminate()
            return
        if self._early_input:
            self.child.write(bytes(self._early_input))
            self._early_input.clear()
        if self.state.idle_timeout:
            self._idle_task = asyncio.create_task(self._idle_watch())

    def _child_output(self, data: bytes) -> None:
        if self.chan is not None and not self.chan.is_closing():
            self.chan.write(data)

    def _input_pressure(self, high: bool) -> None:
        if self.chan is None or high == self._input_paused:
            return
        self._input_paused = high
        (self.chan.pause_reading if high else self.chan.resume_reading)()

    def _child_exited(self, returncode: int | None) -> None:
        if self._closing:
            return
        self._closing = True
        if returncode is None:  # forked by a zygote that died meanwhile: the status went with it
            self.outcome = "exit=unknown"
            if self.chan is not None and not self.chan.is_closing():
                self.chan.close()
        elif returncode < 0:
            self.outcome = f"signal={_signal_name(-returncode)}"
            if self.chan is not None and not self.chan.is_closing():
                self.chan.write(TERMINAL_RESET)  # it died without restoring the client's terminal
                self.chan.exit_with_signal(_signal_name(-returncode), False, "reader was killed")
        else:
            self.outcome = f"exit={returncode}"
            if self.chan is not None and not self.chan.is_closing():
                self.chan.exit(returncode)
        self.state.session_ended(self)

    async def _idle_watch(self) -> None:
        timeout = self.state.idle_timeout
        while not self._closing:
            remaining = self.last_input + timeout - time.monotonic()
            if remaining <= 0:
                if self.chan is not None and not self.chan.is_closing():
                    self.chan.write(TERMINAL_RESET)
                self._say(f"newsreader: closed after {timeout:g} s without input")
                self._finish("idle", status=0)
                return
            await asyncio.sleep(remaining)

    def _end_channel(self, status: int, outcome: str) -> None:
        self._closing = True
        self.outcome = outcome
        if self.chan is not None and not self.chan.is_closing():
            self.chan.exit(status)
        self.state.session_ended(self)

    def _finish(self, outcome: str, status: int | None = None) -> None:
        """Stop this session from our side (idle, shutdown) or because the client went away."""
        if self._closing:
            return
        self._closing = True
        self.outcome = outcome
        if self._idle_task is not None and self._idle_task is not asyncio.current_task():
            self._idle_task.cancel()
        child = self.child
        if child is not None:
            self.state.track(asyncio.ensure_future(self._reap(child)))
        if self.chan is not None and not self.chan.is_closing():
            if status is None:
                self.chan.close()
            else:
                self.chan.exit(status)
        if child is None:
            self.state.session_ended(self)

    async def _reap(self, child: PtyProcess) -> None:
        try:
            await child.terminate()
        finally:
            self.state.session_ended(self)

    async def shutdown(self, message: str) -> None:
        if self.chan is not None and not self.chan.is_closing():
            self.chan.write(TERMINAL_RESET)
        self._say(message)
        child = self.child
        self._finish("server-shutdown", status=0)
        if child is not None:
            await child.terminate()


def _signal_name(signum: int) -> str:
    try:
        return signal.Signals(signum).name.removeprefix("SIG")
    except ValueError:
        return str(signum)


class ConnectionInfo:
    """Who is on the other end of one SSH connection, for the environment and the log."""

    def __init__(self, peer: tuple[str, int], local: tuple[str, int]) -> None:
        self.peer_host, self.peer_port = peer[0], int(peer[1])
        self.local_host, self.local_port = local[0], int(local[1])
        self.started = time.monotonic()
        self.username = ""
        self.fingerprint = "-"
        self.authenticated = False
        self.sessions: list[ReaderSession] = []

    @property
    def peer(self) -> str:
        host = f"[{self.peer_host}]" if ":" in self.peer_host else self.peer_host
        return f"{host}:{self.peer_port}"

    @property
    def ssh_connection(self) -> str:
        return f"{self.peer_host} {self.peer_port} {self.local_host} {self.local_port}"

    @property
    def ssh_client(self) -> str:
        return f"{self.peer_host} {self.peer_port} {self.local_port}"

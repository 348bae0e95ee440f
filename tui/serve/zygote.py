"""The zygote: one reader process, imported once, that forks a reader for each SSH session.

A fresh `python -m tui` pays ~0.3 s of imports (Textual, the app) before its first frame, and
ten sessions opened together pay it ten times over two cores. This process pays it once; each
session is a fork of it, which shares those pages with it (copy-on-write) and starts at the app.

Run by the server as `python -m tui.serve.zygote FD FILE...`, FD being its end of a SOCK_SEQPACKET
pair, FILEs the served articles: their cached analyses are held in memory (`runner.keep_resident`)
so every fork shares them; `{"load": true}` loads them again (the warm-up has filled the cache).
It never runs an event loop or a thread: forking a process with either is unsafe. It answers
two things over the socket, in JSON (read back through safe_json):

  server -> zygote  {"id": N, "module": M, "args": [...], "env": {...}, "cwd": DIR} + the pty slave fd
  zygote -> server  {"id": N, "pid": P} + a pidfd of the child (or {"id": N, "error": ...})
                    {"exit": P, "status": S} when the child ends (S as asyncio reports it:
                    negative for a signal); {"ready": true} once the imports are done.

The child leaves the zygote's loop, takes the pty as its controlling terminal, the session's
environment, locale and working directory, and runs `python -m M ARGS` as if freshly started.
The zygote ends when the server's end of the socket closes (the server stopped or died).
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import importlib
import inspect
import json
import locale
import os
import select
import signal
import socket
import sys
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from . import stagger

MAX_MESSAGE = 256 * 1024  # a request carries one environment: a few KB
# What the reader's first frame needs, beyond what `tui.app` imports itself. Names that a future
# Textual drops are skipped: the child then imports what it needs, as a fresh process would.
# textual._xterm_parser reads LC_TERMINAL (which a client may set) when it is imported: each
# session imports it again (`ENV_AT_IMPORT`), 0.4 ms against ~12 ms for it and the driver fresh.
PRELOAD = (
    "tui.cli",
    "tui.app",
    "tui.runner",
    "tui.cache",
    "tui.crash",
    "tui.hangup",
    "tui.themes",
    "tui.web",
    "tui.corpus.open",
    "tui.analysis.pipeline",
    "tui.analysis.version",
    "tui.userdata.config",
    "tui.userdata.apply",  # the corrections, applied to each analysis as it arrives (~5 ms)
    "tui.widgets.footer",  # mounted after the first frame (tui.app imports it then)
    "textual.scrollbar",
    "textual.layouts.horizontal",
    "textual.layouts.stream",
    "textual.drivers._writer_thread",
    "textual.drivers.linux_driver",
    "textual._xterm_parser",
    "textual._keyboard_protocol",
    "textual._parser",
    "textual.layouts.factory",
    "textual.drivers.headless_driver",  # App.run imports it, and the pilot, whatever the driver
    "textual.pilot",
    "concurrent.futures.thread",
    "queue",
    "sqlite3",
    "termios",
    "tty",
    "tomllib",  # tui.userdata.config imports it when a config file exists
)

# Modules of PRELOAD that read the environment when imported: imported again in each session,
# once its environment is in place, so they see the session's, not the zygote's.
ENV_AT_IMPORT = ("textual._xterm_parser",)


@dataclass
class Request:
    """One session to start, as the server asked for it."""

    id: int
    module: str
    args: list[str]
    env: dict[str, str]
    cwd: str
    tty: int  # the pty slave, received with the request


def encode(message: dict[str, Any]) -> bytes:
    return json.dumps(message, separators=(",", ":")).encode("utf-8")


def decode(data: bytes) -> dict[str, Any]:
    """One message from the other end; ValueError when it is not a JSON object."""
    from ..safe_json import StoredFileError, loads_bounded

    try:
        value = loads_bounded(data.decode("utf-8"), max_depth=4)
    except (UnicodeDecodeError, StoredFileError) as exc:
        raise ValueError(str(exc)) from None
    if not isinstance(value, dict):
        raise ValueError("not a JSON object")
    return value


def parse_request(message: dict[str, Any], fds: Sequence[int]) -> Request:
    if len(fds) != 1:
        raise ValueError("a request carries exactly one terminal")
    env, args = message.get("env"), message.get("args")
    if not (
        isinstance(message.get("id"), int)
        and isinstance(message.get("module"), str)
        and isinstance(message.get("cwd"), str)
        and isinstance(args, list)
        and all(isinstance(a, str) for a in args)
        and isinstance(env, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in env.items())
    ):
        raise ValueError("malformed request")
    return Request(message["id"], message["module"], args, env, message["cwd"], fds[0])


def preload(names: Sequence[str] = PRELOAD) -> None:
    for name in names:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    # Rich's table of character widths (~5 ms), the newest, which a session picks unless its
    # UNICODE_VERSION says otherwise. Only imported: rich chooses one (`load`, cached) in the session.
    with contextlib.suppress(Exception):
        from rich._unicode_data import VERSIONS

        importlib.import_module(".unicode" + VERSIONS[-1].replace(".", "-"), "rich._unicode_data")
    # Textual's CSS, parsed per stylesheet: once here for every session (tui.shared_css).
    with contextlib.suppress(Exception):
        from ..shared_css import prepare

        prepare()
    with contextlib.suppress(Exception):
        count_handler_parameters()


# Methods Textual calls by their name (message handlers, watchers, computes, validators, actions,
# key handlers), besides handlers registered with @on.
HANDLER_PREFIXES = ("on_", "watch_", "compute_", "validate_", "action_", "key_")


def count_handler_parameters() -> int:
    """Textual counts a handler's parameters (`inspect.signature`) the first time it calls it,
    and keeps the count on the function: ~4 ms of a session's CPU around its first frame, for the
    same functions in every session. Counted here, once, for the handlers of every widget class
    imported, as Textual counts them when it calls them bound to a widget. Returns how many."""
    from types import MethodType

    from textual._callback import count_parameters
    from textual.dom import DOMNode

    counted = 0
    stack, seen = [DOMNode], set()
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                stack.append(sub)
        handlers = [value for name, value in vars(cls).items() if name.lstrip("_").startswith(HANDLER_PREFIXES)]
        for decorated in (vars(cls).get("_decorated_handlers") or {}).values():
            handlers.extend(method for method, _selectors in decorated)
        for function in handlers:
            # Plain functions only (a staticmethod or classmethod is not called bound).
            if inspect.isfunction(function) and not hasattr(function, "_param_count"):
                with contextlib.suppress(Exception):
                    count_parameters(MethodType(function, cls))
                    counted += 1
    return counted


def load_analyses(files: Sequence[str]) -> None:
    """Hold the served files' cached analyses (local files only: a URL is never fetched here)."""
    with contextlib.suppress(Exception):
        from ..model import Article
        from ..runner import keep_resident
        from ..web import is_url, open_source

        for source in files:
            with contextlib.suppress(Exception):
                if not is_url(source) and isinstance(article := open_source(source), Article):
                    keep_resident(article)
    # Objects made so far are never collected: the children's collector neither scans nor
    # touches them, so their pages stay shared with the zygote instead of being copied.
    gc.collect()
    gc.freeze()


class Zygote:
    """The fork loop. `serve()` returns only in a child, with the request that child is for."""

    def __init__(self, sock: socket.socket, files: Sequence[str]) -> None:
        self.sock = sock
        self.first_frames = stagger.make_lock()  # sessions forked together paint first (stagger.py)
        self.files = list(files)
        self.children: dict[int, int] = {}  # pidfd -> pid
        self.poller = select.poll()
        self.poller.register(sock.fileno(), select.POLLIN)

    def send(self, message: dict[str, Any], fds: Sequence[int] = ()) -> None:
        with contextlib.suppress(OSError):  # the server is gone: the next poll sees it
            socket.send_fds(self.sock, [encode(message)], list(fds))

    def serve(self) -> Request | None:
        """None when the server has gone away."""
        self.send({"ready": True})
        while True:
            for fd, _events in self.poller.poll():
                if fd != self.sock.fileno():
                    self.reap(fd)
                    continue
                try:
                    data, fds, _flags, _addr = socket.recv_fds(self.sock, MAX_MESSAGE, 4)
                except OSError:
                    return None
                if not data:
                    return None
                request = self.accept(data, fds)
                if request is not None and self.fork(request):
                    return request

    def accept(self, data: bytes, fds: list[int]) -> Request | None:
        with contextlib.suppress(ValueError):
            if decode(data).get("load") is True and not fds:
                load_analyses(self.files)
                return None
        try:
            return parse_request(decode(data), fds)
        except ValueError as exc:
            for fd in fds:
                os.close(fd)
            with contextlib.suppress(ValueError):
                message = decode(data)
                self.send({"id": message.get("id"), "error": str(exc)})
            return None

    def fork(self, request: Request) -> bool:
        """True in the child."""
        try:
            pid = os.fork()
        except OSError as exc:
            os.close(request.tty)
            self.send({"id": request.id, "error": f"fork: {exc.strerror}"})
            return False
        if pid == 0:
            self.leave()
            return True
        os.close(request.tty)
        pidfd = os.pidfd_open(pid)  # cannot fail: the child is ours and not yet reaped
        self.children[pidfd] = pid
        self.poller.register(pidfd, select.POLLIN)
        self.send({"id": request.id, "pid": pid}, [pidfd])
        return False

    def reap(self, pidfd: int) -> None:
        pid = self.children.pop(pidfd)
        self.poller.unregister(pidfd)
        os.close(pidfd)
        _, status = os.waitpid(pid, 0)
        self.send({"exit": pid, "status": os.waitstatus_to_exitcode(status)})

    def leave(self) -> None:
        """In the child: nothing of the zygote's stays open."""
        self.sock.close()
        for pidfd in self.children:
            os.close(pidfd)
        self.children.clear()
        stagger.hold(self.first_frames)
        os.close(self.first_frames)


# A fresh Python starts with these dispositions; anything else (an ignored SIGHUP under nohup,
# which a fork would inherit) is put back to the default.
_PYTHON_STARTUP_SIGNALS: dict[int, Any] = {
    signal.SIGINT: signal.default_int_handler,
    signal.SIGPIPE: signal.SIG_IGN,
    signal.SIGXFSZ: signal.SIG_IGN,
}
_DEFAULT_SIGNALS = (
    signal.SIGHUP,
    signal.SIGQUIT,
    signal.SIGTERM,
    signal.SIGALRM,
    signal.SIGUSR1,
    signal.SIGUSR2,
    signal.SIGCHLD,
    signal.SIGTSTP,
    signal.SIGTTIN,
    signal.SIGTTOU,
    signal.SIGWINCH,
)


def become_session(request: Request) -> None:
    """In the child: a session of its own on the pty, and the session's environment, as a
    freshly started `python -m` on that pty would have."""
    os.setsid()
    fcntl.ioctl(request.tty, termios.TIOCSCTTY, 0)
    for fd in (0, 1, 2):
        os.dup2(request.tty, fd)
    if request.tty > 2:
        os.close(request.tty)
    for signum in _DEFAULT_SIGNALS:
        signal.signal(signum, signal.SIG_DFL)
    for startup_signal, handler in _PYTHON_STARTUP_SIGNALS.items():
        signal.signal(startup_signal, handler)
    signal.pthread_sigmask(signal.SIG_SETMASK, ())
    os.environ.clear()
    os.environ.update(request.env)
    with contextlib.suppress(locale.Error):
        locale.setlocale(locale.LC_CTYPE, "")
    time.tzset()
    os.chdir(request.cwd)
    for name in ENV_AT_IMPORT:
        if (module := sys.modules.get(name)) is not None:
            with contextlib.suppress(Exception):  # (it cannot fail as it did not in the zygote)
                importlib.reload(module)
    # The zygote's std streams were /dev/null; the same objects now sit on the pty (fds 0-2).
    # A terminal gets line buffering, as Python gives one at start.
    for stream, errors in ((sys.stdin, "strict"), (sys.stdout, "strict"), (sys.stderr, "backslashreplace")):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            line_buffering = stream is not sys.stdin
            stream.reconfigure(encoding="utf-8", errors=errors, line_buffering=line_buffering)  # type: ignore[union-attr]


def run(request: Request) -> Any:
    """In the child: `python -m MODULE ARGS`. Its SystemExit ends this process normally."""
    import runpy

    become_session(request)
    sys.argv = [request.module, *request.args]
    gc.enable()
    runpy.run_module(request.module, run_name="__main__", alter_sys=True)
    return 0


def main(argv: Sequence[str]) -> Any:
    sock = socket.socket(fileno=int(argv[0]))
    gc.disable()  # collecting while importing only copies pages later; preload() freezes
    preload()
    load_analyses(argv[1:])
    request = Zygote(sock, argv[1:]).serve()
    if request is None:
        return 0
    return run(request)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

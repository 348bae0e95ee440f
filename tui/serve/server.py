"""`newsreader serve`: an SSH server that gives every authorized client its own reader.

A team member runs `ssh -p 8022 reader@host` and gets the reader on the server's files, with
nothing installed locally. Public-key authentication only; each session is a separate reader
process on its own pty (see session.py and pty.py).
"""

from __future__ import annotations

import argparse
import asyncio
import errno
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn, TextIO

from ..cache import cache_dir
from ..cache import writable as cache_writable
from ..exits import EXIT_OK, EXIT_USAGE, PROG, error
from .forks import ZygoteKeeper, forkable
from .keys import AuthorizedKeys, ServeKeyError, default_host_key_path, fingerprint, load_or_create_host_key
from .limits import PreauthGate, PreauthLimits, RateLimitedLine, listening_socket
from .session import DEFAULT_TERM, ConnectionInfo, ReaderSession, package_root, reader_argv, reader_env
from .ssh import asyncssh
from .warm import WARM_OK, WARM_UNWRITABLE

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8022
DEFAULT_MAX_SESSIONS = 10
DEFAULT_IDLE_TIMEOUT = 1800.0
KEEPALIVE_INTERVAL = 60.0  # probe silent clients so dead links free their session
SHUTDOWN_GRACE = 5.0


class UsageError(Exception):
    """A problem with the command line or its files, shown as one line; exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's default prints usage and a second line
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=f"{PROG} serve",
        description="Serve the reader over SSH: every authorized client gets its own reader on FILES.",
        epilog="Clients connect with: ssh -p PORT anyname@HOST (the key decides, not the user name).",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="article files every session opens")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"TCP port (default {DEFAULT_PORT}; 0 picks a free one)")
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST}, this machine only)")
    parser.add_argument(
        "--authorized-keys",
        metavar="PATH",
        type=Path,
        help="OpenSSH authorized_keys file of the public keys allowed in (required)",
    )
    parser.add_argument(
        "--host-key",
        metavar="PATH",
        type=Path,
        help="server private key; created (ed25519, mode 0600) if missing "
        "(default: newsreader/ssh_host_ed25519_key in the user data dir)",
    )
    parser.add_argument(
        "--max-sessions",
        metavar="N",
        type=int,
        default=DEFAULT_MAX_SESSIONS,
        help=f"concurrent reader sessions; more are turned away (default {DEFAULT_MAX_SESSIONS})",
    )
    parser.add_argument(
        "--idle-timeout",
        metavar="SECONDS",
        type=float,
        default=DEFAULT_IDLE_TIMEOUT,
        help=f"close a session after this long without keyboard input; 0 = never (default {DEFAULT_IDLE_TIMEOUT:g})",
    )
    parser.add_argument(
        "--login-grace-time",
        metavar="SECONDS",
        type=float,
        default=PreauthLimits.grace,
        help=f"close a connection that has not logged in after this long (default {PreauthLimits.grace:g})",
    )
    parser.add_argument(
        "--max-startups",
        metavar="START:RATE:FULL",
        default=f"{PreauthLimits.start}:{PreauthLimits.rate}:{PreauthLimits.full}",
        help="like sshd: from START connections not yet logged in, drop new ones with RATE %% chance, "
        "rising to all at FULL (default %(default)s)",
    )
    parser.add_argument(
        "--per-source-max-startups",
        metavar="N",
        type=int,
        default=PreauthLimits.per_source,
        help="connections not yet logged in that one address may hold (default %(default)s)",
    )
    parser.add_argument("--log", metavar="FILE", type=Path, help="append connection log lines here (default: stderr)")
    parser.add_argument(
        "--no-zygote",
        action="store_true",
        help="start every session as a fresh process instead of forking it from one pre-loaded reader "
        "(slower to open and more memory; for comparison or if forking misbehaves)",
    )
    return parser


@dataclass
class ServeConfig:
    files: list[str]
    host: str
    port: int
    authorized_keys: Path
    host_key: Path
    max_sessions: int
    idle_timeout: float
    log: Path | None
    command: list[str] | None = None  # what each session runs; None: the reader on `files`
    zygote: bool = True  # fork sessions from a pre-imported reader (forks.py) when `command` allows
    preauth: PreauthLimits = field(default_factory=PreauthLimits)


def parse_args(argv: Sequence[str]) -> ServeConfig:
    args = _parser().parse_args(list(argv))
    if args.authorized_keys is None:
        raise UsageError("serve needs --authorized-keys PATH: only clients with a listed public key get in")
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port}: not a TCP port")
    if args.max_sessions < 1:
        raise UsageError("--max-sessions must be at least 1")
    if not args.idle_timeout >= 0 or args.idle_timeout == float("inf"):
        raise UsageError("--idle-timeout must be a number of seconds, 0 or more")
    if not 0 < args.login_grace_time < float("inf"):
        raise UsageError("--login-grace-time must be a number of seconds above 0")
    try:
        start, rate, full = (int(part) for part in args.max_startups.split(":"))
    except ValueError:
        raise UsageError(f"--max-startups {args.max_startups}: expected START:RATE:FULL, e.g. 10:30:100") from None
    if not (1 <= start <= full and 0 <= rate <= 100):
        raise UsageError(f"--max-startups {args.max_startups}: need 1 <= START <= FULL and RATE from 0 to 100")
    if args.per_source_max_startups < 1:
        raise UsageError("--per-source-max-startups must be at least 1")
    preauth = PreauthLimits(start, rate, full, args.per_source_max_startups, args.login_grace_time)
    if "-" in args.files:
        raise UsageError("serve cannot read an article from stdin ('-'); give file paths")
    return ServeConfig(
        files=args.files,
        host=args.host,
        port=args.port,
        authorized_keys=args.authorized_keys,
        host_key=args.host_key or default_host_key_path(),
        max_sessions=args.max_sessions,
        idle_timeout=args.idle_timeout,
        log=args.log,
        preauth=preauth,
        zygote=not args.no_zygote,
    )


def check_files(files: Sequence[str]) -> list[str]:
    """Load every article (and fetch every URL) now so a bad one stops the server, not each
    session; returns absolute paths so the readers do not depend on the server's working directory."""
    from ..document import DocumentError
    from ..web import is_url, open_source

    for source in files:
        try:
            open_source(source)
        except DocumentError as exc:
            raise UsageError(str(exc)) from None
    return [source if is_url(source) else str(Path(source).resolve()) for source in files]


def _printable(value: str, limit: int = 64, spaces: bool = False) -> str:
    """Client-supplied strings (user names) go into the log: keep them on one inert line."""
    cleaned = "".join(ch if ch.isprintable() and ((spaces and ch == " ") or not ch.isspace()) else "?" for ch in value[:limit])
    return cleaned or "-"


class ConnectionLog:
    """One line per event: ISO time, remote address, key fingerprint, outcome, details."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def line(self, text: str) -> None:
        stamp = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        try:
            self.stream.write(f"{stamp} {text}\n")
            self.stream.flush()
        except (OSError, ValueError):
            pass  # a full disk or closed stderr must not take the server down

    def event(self, info: ConnectionInfo, outcome: str, details: str = "") -> None:
        self.line(f"{info.peer} {info.fingerprint} {outcome}" + (f" {details}" if details else ""))


class ServerState:
    """What all connections share: files, limits, keys, the log and the live sessions."""

    def __init__(self, config: ServeConfig, keys: AuthorizedKeys, log: ConnectionLog) -> None:
        self.files = config.files
        self.command = config.command or reader_argv(config.files)
        self.max_sessions = config.max_sessions
        self.idle_timeout = config.idle_timeout
        self.keys = keys
        self.log = log
        self.sessions: set[ReaderSession] = set()  # admitted and not yet cleaned up
        self.connections: set[asyncssh.SSHServerConnection] = set()
        self.stopping = False
        self._tasks: set[asyncio.Future] = set()
        self.preauth = PreauthGate(config.preauth)
        self.login_grace = config.preauth.grace
        self.crowded = RateLimitedLine(log.line)  # one line per 10 s while flooded
        self.zygote: ZygoteKeeper | None = None
        if config.zygote and forkable(self.command) is not None:
            self.zygote = ZygoteKeeper(reader_env(os.environ, {}, DEFAULT_TERM, "", ""), log.line, config.files)

    def admit(self, session: ReaderSession) -> bool:
        if self.stopping or len(self.sessions) >= self.max_sessions:
            return False
        self.sessions.add(session)
        return True

    def session_ended(self, session: ReaderSession) -> None:
        self.sessions.discard(session)

    def track(self, task: asyncio.Future) -> None:
        """Keep background clean-ups referenced (and awaited at shutdown)."""
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def shutdown(self) -> None:
        self.stopping = True
        sessions = list(self.sessions)
        if sessions:
            await asyncio.wait(
                [asyncio.ensure_future(s.shutdown("newsreader: server shutting down")) for s in sessions], timeout=SHUTDOWN_GRACE
            )
        for conn in list(self.connections):
            conn.close()
        if self.zygote is not None:
            await self.zygote.stop()
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=SHUTDOWN_GRACE)


class ReaderSSHServer(asyncssh.SSHServer):
    """Per-connection policy: public keys from the authorized file, nothing else."""

    def __init__(self, state: ServerState) -> None:
        self.state = state
        self.conn: asyncssh.SSHServerConnection | None = None
        self.info: ConnectionInfo | None = None
        self._allowed_fingerprint = "-"
        self._auth_started = False
        self._idle_watch: asyncio.Task | None = None
        self._closed_idle = False
        self._key_notes: tuple[str, ...] = ()
        self._turned_away = False
        self._refusals: set[str] = set()

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        peer = conn.get_extra_info("peername") or ("?", 0)
        local = conn.get_extra_info("sockname") or ("?", 0)
        self.info = ConnectionInfo(peer, local)
        admission = self.state.preauth.admit(self, self.info.peer_host)
        if not admission.admitted:
            self._turned_away = True
            pending = len(self.state.preauth)
            self.state.crowded(f"- - busy: turning away connections not yet logged in ({admission.reason}; {pending} pending)")
            conn.abort()
            return
        if isinstance(admission.evict, ReaderSSHServer) and admission.evict.conn is not None:
            admission.evict._turned_away = True
            self.state.preauth.release(admission.evict)
            self.state.crowded(f"- - busy: closed the oldest pending login of the busiest address for {self.info.peer}")
            admission.evict.conn.abort()
        self.state.connections.add(conn)

    def connection_lost(self, exc: Exception | None) -> None:
        self.state.preauth.release(self)
        if self._turned_away:
            return  # counted in the rate-limited "busy" line, not one line each
        self.state.connections.discard(self.conn)
        if self._idle_watch is not None:
            self._idle_watch.cancel()
        info = self.info
        if info is None:
            return
        user = f"user={_printable(info.username)}"
        if not info.authenticated:
            if not self._auth_started:
                self.state.log.event(info, "dropped", "before-login")
                return
            if self._allowed_fingerprint != "-":
                reason = "no-valid-signature"  # offered a listed key but never proved holding it
            elif self._refusals:
                reason = "key-option"  # the key is listed, but its options forbid this login
            elif info.fingerprint != "-":
                reason = "key-not-authorized"
            else:
                reason = "no-public-key-offered"  # e.g. a password attempt
            self.state.log.event(info, "refused", f"{user} reason={reason}")
            return
        duration = time.monotonic() - info.started
        outcomes = ",".join(s.outcome for s in info.sessions) or "no-session"
        if self._closed_idle:
            outcomes += ",idle"
        self.state.log.event(info, "closed", f"{user} duration={duration:.1f}s {outcomes}")

    def begin_auth(self, username: str) -> bool:
        assert self.info is not None
        self.info.username = username
        self._auth_started = True
        problem = self.state.keys.refresh()
        if problem:
            self.state.log.line(f"- - warning {problem}; refusing every key until it is fixed")
        return True  # authentication is always required

    def public_key_auth_supported(self) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return False

    def kbdint_auth_supported(self) -> bool:
        return False

    def host_based_auth_supported(self) -> bool:
        return False

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        assert self.info is not None
        fp = fingerprint(key)
        self.info.fingerprint = fp
        decision = self.state.keys.decide(key, self.info.peer_host)
        if decision.allowed:
            self._allowed_fingerprint = fp
            self._key_notes = decision.notes
        elif decision.reason != "key-not-authorized" and decision.reason not in self._refusals:
            self._refusals.add(decision.reason)  # asyncssh asks twice per key (query, then signature)
            self.state.log.event(
                self.info, "key-refused", f"user={_printable(username)} reason={_printable(decision.reason, 200, True)}"
            )
        return decision.allowed

    def auth_completed(self) -> None:
        assert self.info is not None
        self.info.authenticated = True
        self.state.preauth.release(self)
        self.info.fingerprint = self._allowed_fingerprint
        notes = f" options={_printable(';'.join(self._key_notes), 300, True)}" if self._key_notes else ""
        self.state.log.event(self.info, "accepted", f"user={_printable(self.info.username)}{notes}")
        if self.state.idle_timeout:
            self._idle_watch = asyncio.ensure_future(self._close_when_sessionless())

    async def _close_when_sessionless(self) -> None:
        """Sessions time out on their own; this catches logged-in connections that hold no reader
        (`ssh -N`, or a client that never asks for a shell), which would otherwise live forever."""
        assert self.info is not None and self.conn is not None
        timeout = self.state.idle_timeout
        idle_since = time.monotonic()
        while True:
            if any(session.live for session in self.info.sessions):
                idle_since = time.monotonic()
            elif time.monotonic() - idle_since >= timeout:
                self._closed_idle = True
                self.conn.close()
                return
            await asyncio.sleep(min(1.0, timeout))

    def session_requested(self) -> tuple[asyncssh.SSHServerChannel, ReaderSession] | bool:
        if self.state.stopping or self.conn is None or self.info is None:
            return False
        chan = self.conn.create_server_channel(encoding=None)
        session = ReaderSession(self.state, self.info)
        self.info.sessions.append(session)
        return chan, session


async def start_server(
    config: ServeConfig, keys: AuthorizedKeys, host_key: asyncssh.SSHKey, log: ConnectionLog
) -> tuple[asyncssh.SSHAcceptor, ServerState]:
    """Listen; returns (asyncssh server, state). Used by `serve` and by the tests."""
    state = ServerState(config, keys, log)
    out_of_files = RateLimitedLine(log.line)
    sock = listening_socket(
        config.host,
        config.port,
        lambda: out_of_files("- - warning: out of file descriptors; closing new connections until some are free"),
    )
    server = await asyncssh.create_server(
        lambda: ReaderSSHServer(state),
        sock=sock,
        server_host_keys=[host_key],
        public_key_auth=True,
        password_auth=False,
        kbdint_auth=False,
        host_based_auth=False,
        gss_host=None,
        gss_kex=False,
        gss_auth=False,
        x509_trusted_certs=None,
        agent_forwarding=False,
        x11_forwarding=False,
        allow_scp=False,
        allow_pty=True,
        line_editor=False,
        encoding=None,
        login_timeout=config.preauth.grace,
        keepalive_interval=KEEPALIVE_INTERVAL,
    )
    if state.zygote is not None:
        state.zygote.start()  # sessions before it is ready start the plain way
    return server, state


class _Warmup:
    """The background cache fill (warm.py); its outcome is logged, never fatal."""

    def __init__(self, proc: asyncio.subprocess.Process, log: ConnectionLog, on_ready: Callable[[], None]) -> None:
        self.proc = proc
        self.log = log
        self.on_ready = on_ready
        self.started = time.monotonic()
        self.stopping = False
        self.task = asyncio.create_task(self._wait())

    async def _wait(self) -> None:
        status = await self.proc.wait()
        took = time.monotonic() - self.started
        if status == WARM_OK:
            self.log.line(f"- - analysis cache ready in {took:.1f}s")
            self.on_ready()
        elif status == WARM_UNWRITABLE:
            self.log.line(f"- - warning: analysis cache not writable ({cache_dir()}); every session analyses on its own")
        elif status > 0:
            self.log.line(f"- - warning: analysis cache warm-up failed (exit {status}); sessions analyse on their own")
        elif not self.stopping:
            self.log.line(
                f"- - warning: analysis cache warm-up was killed ({_signal_name(-status)}); sessions analyse on their own"
            )

    async def stop(self) -> None:
        self.stopping = True
        if self.proc.returncode is None:
            try:
                self.proc.kill()
            except ProcessLookupError:
                pass
        await self.task


async def _start_warmup(files: list[str], log: ConnectionLog, on_ready: Callable[[], None]) -> _Warmup | None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([package_root(), *filter(None, [env.get("PYTHONPATH")])])
    try:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tui.serve.warm",
            *files,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError as exc:
        log.line(f"- - warning: cannot start the analysis cache warm-up: {exc.strerror or exc}")
        return None
    return _Warmup(proc, log, on_ready)


class _LoopProblems:
    """The event loop's exception handler: one short line, never a traceback, rate-limited
    (out of file descriptors, asyncio and asyncssh printed a traceback per failed attempt)."""

    def __init__(self, log: ConnectionLog) -> None:
        self.out_of_files = RateLimitedLine(log.line)
        self.other = RateLimitedLine(log.line)

    def __call__(self, loop: asyncio.AbstractEventLoop, context: dict) -> None:
        exc = context.get("exception")
        if isinstance(exc, OSError) and exc.errno in (errno.EMFILE, errno.ENFILE):
            self.out_of_files(f"- - warning: out of file descriptors ({exc.strerror}); new connections wait")
            return
        what = f"{type(exc).__name__}: {exc}" if exc is not None else str(context.get("message", "?"))
        self.other(f"- - warning: internal: {' '.join(what.split())[:200]}")


def _shared_cache_if_unwritable(log: ConnectionLog) -> str | None:
    """When the analysis cache cannot be written, every session would analyse on its own (ten
    sessions: ten spaCy processes, 2.65 GiB). Give the warm-up and all sessions one private
    directory instead, for this server's life; returns it, to be removed at shutdown."""
    if cache_writable():
        return None
    unusable = cache_dir()
    try:
        shared = tempfile.mkdtemp(prefix="newsreader-cache-")  # mode 0700
    except OSError:
        return None  # the warm-up will report that nothing could be written
    os.environ["NEWSREADER_CACHE_DIR"] = shared  # inherited by the warm-up and every reader
    log.line(f"- - warning: analysis cache {unusable} not writable; sessions share {shared} until the server stops")
    return shared


def _signal_name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def listening_address(server: asyncssh.SSHAcceptor) -> tuple[str, int]:
    sock = server.sockets[0]
    host, port = sock.getsockname()[:2]
    return host, port


async def _serve(
    config: ServeConfig, keys: AuthorizedKeys, host_key: asyncssh.SSHKey, host_key_created: bool, log: ConnectionLog
) -> int:
    try:
        server, state = await start_server(config, keys, host_key, log)
    except OSError as exc:
        error(f"cannot listen on {config.host}:{config.port}: {exc.strerror or exc}")
        return EXIT_USAGE
    host, port = listening_address(server)
    created = "created " if host_key_created else ""
    print(
        f"{PROG}: serving {len(config.files)} file(s) on {host}:{port}; connect with: ssh -p {port} reader@{host}",
        file=sys.stderr,
    )
    print(f"{PROG}: host key {fingerprint(host_key)} ({created}{config.host_key})", file=sys.stderr, flush=True)
    log.line(f"- - listening {host}:{port} max-sessions={config.max_sessions} idle-timeout={config.idle_timeout:g}s")

    loop = asyncio.get_running_loop()
    loop.set_exception_handler(_LoopProblems(log))
    shared_cache = _shared_cache_if_unwritable(log)
    warmup = await _start_warmup(config.files, log, state.zygote.load_analyses if state.zygote else lambda: None)

    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)
    server.close()
    await server.wait_closed()
    if warmup is not None:
        await warmup.stop()
    await state.shutdown()
    if shared_cache is not None:
        shutil.rmtree(shared_cache, ignore_errors=True)
    log.line("- - stopped")
    return EXIT_OK


def main(argv: Sequence[str]) -> int:
    try:
        config = parse_args(argv)
        config.files = check_files(config.files)
        try:
            keys = AuthorizedKeys(config.authorized_keys)
            host_key, created = load_or_create_host_key(config.host_key)
        except ServeKeyError as exc:
            raise UsageError(str(exc)) from None
        log_stream: TextIO = sys.stderr
        if config.log is not None:
            try:
                log_stream = open(config.log, "a", encoding="utf-8")  # noqa: SIM115 - open for the server's life
            except OSError as exc:
                raise UsageError(f"--log {config.log}: {exc.strerror or exc}") from None
    except UsageError as exc:
        error(str(exc))
        return EXIT_USAGE
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    try:
        return asyncio.run(_serve(config, keys, host_key, created, ConnectionLog(log_stream)))
    finally:
        if log_stream is not sys.stderr:
            log_stream.close()

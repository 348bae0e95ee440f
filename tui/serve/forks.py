"""The server's side of the zygote (zygote.py): keep one running, and start sessions from it.

`ZygoteKeeper` starts the zygote, restarts it when it dies (sessions meanwhile start the plain
way), and asks it for forks. `ForkedPty` is a `PtyProcess` whose child comes from the zygote;
when the zygote is not ready or does not answer, it spawns a fresh process instead, so a session
never waits on, or fails because of, the zygote.

The reader is the zygote's child, not ours: the zygote reaps it and reports its exit status.
We watch a pidfd of it (received from the zygote) for its end, which works even when the zygote
has died meanwhile; then the status is unknown (the orphan is reaped by init).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence

from .pty import PtyProcess
from .zygote import MAX_MESSAGE, decode, encode

FORK_TIMEOUT = 5.0  # a zygote slower than this to answer is considered stuck
STATUS_TIMEOUT = 2.0  # after the reader's end, how long the zygote has to report its status
RESTART_DELAYS = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0)  # growing while it keeps dying young
STEADY = 60.0  # a zygote that lived this long died of something else: restart at once
ZYGOTE_MODULE = "tui.serve.zygote"


class ZygoteUnavailable(Exception):
    """No fork this time (not ready, dead, stuck, or refused); the caller spawns instead."""


class ZygoteKeeper:
    """One zygote at a time for the server's life; `log(line)` hears when it dies or comes back."""

    def __init__(
        self, env: Mapping[str, str], log: Callable[[str], None], files: Sequence[str] = (), module: str | None = None
    ) -> None:
        self.env = dict(env)
        self.files = list(files)  # the served articles, whose cached analyses the zygote holds
        self.log = log
        self.module = module or ZYGOTE_MODULE
        self.proc: asyncio.subprocess.Process | None = None
        self.ready = False
        self.generation = 0  # how many zygotes have been started
        self._sock: socket.socket | None = None
        self._next_id = 0
        self._forks: dict[int, asyncio.Future[tuple[int, int]]] = {}
        self._exits: dict[int, asyncio.Future[int | None]] = {}
        self._stopping = False
        self._stopped = asyncio.Event()
        self._failures = 0
        self._task: asyncio.Task | None = None
        self._started = 0.0

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc is not None else None

    def start(self) -> None:
        self._task = asyncio.create_task(self._keep(), name="zygote-keeper")

    async def _keep(self) -> None:
        while not self._stopping:
            started = time.monotonic()
            status = await self._run_one()
            if self._stopping:
                return
            self._failures = 0 if time.monotonic() - started >= STEADY else self._failures + 1
            delay = RESTART_DELAYS[min(self._failures, len(RESTART_DELAYS)) - 1] if self._failures else 0.0
            self.log(
                f"- - warning: session zygote ended ({_describe(status)}); restarting it in {delay:g}s, sessions start cold meanwhile"
            )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopped.wait(), delay)

    async def _run_one(self) -> int | None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                self.module,
                str(theirs.fileno()),
                *self.files,
                pass_fds=[theirs.fileno()],
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # the server's terminal's ^C is not for it
            )
        except OSError as exc:
            ours.close()
            self.log(f"- - warning: cannot start the session zygote: {exc.strerror or exc}")
            return None
        finally:
            theirs.close()
        self.generation += 1
        self._started = time.monotonic()
        self._sock = ours
        ours.setblocking(False)
        loop = asyncio.get_running_loop()
        loop.add_reader(ours.fileno(), self._receive)
        try:
            return await self.proc.wait()
        finally:
            self.ready = False
            self._receive()  # what it said before it died (exit statuses) still counts
            loop.remove_reader(ours.fileno())
            ours.close()
            self._sock = None
            self._orphaned()

    def _orphaned(self) -> None:
        """The zygote is gone: pending forks fail (their sessions spawn), and the readers it
        forked are reaped by init, so their status will never come."""
        for forked in self._forks.values():
            if not forked.done():
                forked.set_exception(ZygoteUnavailable("the zygote died"))
        self._forks.clear()
        for ended in self._exits.values():
            if not ended.done():
                ended.set_result(None)
        self._exits.clear()

    def _receive(self) -> None:
        assert self._sock is not None
        while True:
            try:
                data, fds, _flags, _addr = socket.recv_fds(self._sock, MAX_MESSAGE, 2)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return  # the process's end is noticed by _run_one
            if not data:
                return
            try:
                message = decode(data)
            except ValueError:
                message = {}
            self._dispatch(message, fds)

    def _dispatch(self, message: dict, fds: list[int]) -> None:
        if message.get("ready") is True:
            self.ready = True
            self.log(f"- - session zygote ready in {time.monotonic() - self._started:.1f}s (pid {self.pid})")
        elif isinstance(pid := message.get("exit"), int):
            status = message.get("status")
            ended = self._exits.pop(pid, None)
            if ended is not None and not ended.done():
                ended.set_result(status if isinstance(status, int) else None)
        elif isinstance(request_id := message.get("id"), int):
            forked = self._forks.pop(request_id, None)
            pid = message.get("pid")
            if forked is not None and not forked.done() and isinstance(pid, int) and len(fds) == 1:
                self._exits[pid] = asyncio.get_running_loop().create_future()
                forked.set_result((pid, fds[0]))
                return
            if forked is not None and not forked.done():
                forked.set_exception(ZygoteUnavailable(str(message.get("error") or "no child")))
        for fd in fds:  # not handed on (a late answer, or nothing that carries one)
            os.close(fd)

    async def fork(self, module: str, args: Sequence[str], env: Mapping[str, str], tty: int) -> tuple[int, int]:
        """(pid, pidfd) of a child running `python -m module args` on `tty` (a pty slave)."""
        if not self.ready or self._sock is None:
            raise ZygoteUnavailable("not ready")
        self._next_id += 1
        request_id = self._next_id
        future: asyncio.Future[tuple[int, int]] = asyncio.get_running_loop().create_future()
        self._forks[request_id] = future
        request = {"id": request_id, "module": module, "args": list(args), "env": dict(env), "cwd": os.getcwd()}
        try:
            socket.send_fds(self._sock, [encode(request)], [tty])
        except OSError as exc:
            self._forks.pop(request_id, None)
            raise ZygoteUnavailable(str(exc)) from None
        try:
            return await asyncio.wait_for(future, FORK_TIMEOUT)
        except TimeoutError:
            self._forks.pop(request_id, None)
            self.log("- - warning: session zygote did not answer; restarting it")
            self.kill()
            raise ZygoteUnavailable("no answer") from None

    def load_analyses(self) -> None:
        """The cache has been filled: have the zygote hold the analyses (a new one does anyway)."""
        if self._sock is not None:
            with contextlib.suppress(OSError):
                socket.send_fds(self._sock, [encode({"load": True})], [])

    def exit_status(self, pid: int) -> asyncio.Future[int | None]:
        future = self._exits.get(pid)
        if future is None:  # the zygote died before the fork was reported: unknown
            future = asyncio.get_running_loop().create_future()
            future.set_result(None)
        return future

    def kill(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.kill()

    async def stop(self) -> None:
        self._stopping = True
        self._stopped.set()
        self.kill()
        if self._task is not None:
            await self._task


def _describe(status: int | None) -> str:
    if status is None:
        return "not started"
    if status < 0:
        try:
            return f"killed by {signal.Signals(-status).name}"
        except ValueError:
            return f"killed by signal {-status}"
    return f"exit {status}"


def forkable(argv: Sequence[str]) -> tuple[str, list[str]] | None:
    """(module, args) when `argv` is `python -m module args` with our own Python, else None."""
    if len(argv) >= 3 and argv[0] == sys.executable and argv[1] == "-m":
        return argv[2], list(argv[3:])
    return None


class ForkedPty(PtyProcess):
    """A session's child, forked from the zygote when it can be, spawned when not."""

    def __init__(self, keeper: ZygoteKeeper, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.keeper = keeper
        self.forked = False
        self._target: tuple[str, list[str]] | None = None
        self._pidfd: int | None = None

    async def start(self) -> None:
        target = forkable(self.argv)
        if target is not None and self.keeper.ready:
            self._target = target
            try:
                await super().start()
                return
            except ZygoteUnavailable:
                pass  # that pty is closed again: a child forked too late is hung up on
        self._target = None
        await super().start()

    async def _launch(self, slave: int, env: dict[str, str]) -> None:
        if self._target is None:
            await super()._launch(slave, env)
            return
        self.pid, self._pidfd = await self.keeper.fork(self._target[0], self._target[1], env, slave)
        self.forked = True

    async def _wait(self) -> int | None:
        if not self.forked:
            return await super()._wait()
        assert self._pidfd is not None and self.pid is not None
        status = self.keeper.exit_status(self.pid)
        ended: asyncio.Future[None] = self._loop.create_future()

        def readable() -> None:
            if not ended.done():
                ended.set_result(None)

        self._loop.add_reader(self._pidfd, readable)
        try:
            await ended
        finally:
            self._loop.remove_reader(self._pidfd)
            os.close(self._pidfd)
            self._pidfd = None
        try:
            return await asyncio.wait_for(asyncio.shield(status), STATUS_TIMEOUT)
        except TimeoutError:
            return None

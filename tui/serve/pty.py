"""One reader process on its own pseudo-terminal, bridged to asyncio callbacks.

Every SSH session gets a fresh process (spaCy and Textual are process-wide state) in its own
session and process group, with the pty slave as controlling terminal, so the kernel delivers
SIGWINCH on resize and SIGHUP to the whole group when we hang up.
"""

from __future__ import annotations

import asyncio
import errno
import fcntl
import os
import signal
import struct
import termios
from collections.abc import Callable, Mapping, Sequence

READ_CHUNK = 64 * 1024
INPUT_HIGH_WATER = 256 * 1024  # client keystrokes buffered before we stop reading the channel
KILL_GRACE = 2.0  # seconds between SIGHUP and SIGKILL


def set_winsize(fd: int, cols: int, rows: int, xpixels: int = 0, ypixels: int = 0) -> None:
    cols, rows = max(1, min(cols, 4096)), max(1, min(rows, 4096))
    packed = struct.pack("HHHH", rows, cols, max(0, xpixels) & 0xFFFF, max(0, ypixels) & 0xFFFF)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, packed)


def descendants(pid: int) -> list[int]:
    """Every process below `pid`, found through /proc. Helpers a reader starts in a session of
    their own (its analysis worker does) escape a process-group signal, so we name them."""
    parents: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for name in entries:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile, or not ours to read
        parents.setdefault(ppid, []).append(int(name))
    found, stack = [], [pid]
    while stack:
        for child in parents.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


# Signals the reader must receive with their default effect even when the server was started
# with them ignored (`nohup` ignores SIGHUP, and an ignored signal stays ignored across exec).
_RESET_SIGNALS = (
    signal.SIGHUP,
    signal.SIGINT,
    signal.SIGQUIT,
    signal.SIGTERM,
    signal.SIGPIPE,
    signal.SIGALRM,
    signal.SIGUSR1,
    signal.SIGUSR2,
    signal.SIGCHLD,
    signal.SIGTSTP,
    signal.SIGTTIN,
    signal.SIGTTOU,
    signal.SIGWINCH,
)


def _become_tty_owner() -> None:
    """Runs in the child after setsid(): default signal dispositions and an empty signal mask,
    then make stdin (the pty slave) the controlling terminal."""
    for signum in _RESET_SIGNALS:
        signal.signal(signum, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, ())
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class PtyProcess:
    """A child on a pty. Output goes to `on_output(bytes)`; `on_exit(returncode)` is called once,
    after the output has been drained and the process reaped (negative: killed by that signal;
    None: unknown, see forks.py)."""

    def __init__(
        self,
        argv: Sequence[str],
        env: Mapping[str, str],
        size: tuple[int, int, int, int],
        on_output: Callable[[bytes], None],
        on_exit: Callable[[int | None], None],
    ) -> None:
        self.argv = list(argv)
        self.env = dict(env)
        self.size = size
        self._on_output = on_output
        self._on_exit = on_exit
        self._loop = asyncio.get_running_loop()
        self._master: int | None = None
        self._proc: asyncio.subprocess.Process | None = None
        self._pending = bytearray()
        self._reading = False
        self._output_paused = False
        self._output_done = asyncio.Event()
        self._task: asyncio.Task | None = None
        self.pid: int | None = None
        self.tty_name = ""
        self.returncode: int | None = None
        self.on_input_pressure: Callable[[bool], None] | None = None

    async def start(self) -> None:
        master, slave = os.openpty()
        try:
            self.tty_name = os.ttyname(slave)
            set_winsize(slave, *self.size)
            await self._launch(slave, dict(self.env, SSH_TTY=self.tty_name))
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(slave)  # only the child holds the slave now, so its exit gives us EIO on master
        self._master = master
        os.set_blocking(master, False)
        self._resume_reading()
        self._task = asyncio.create_task(self._watch(), name=f"pty-{self.pid}")

    async def _launch(self, slave: int, env: dict[str, str]) -> None:
        """Start the child on `slave` and set `self.pid`: here a fresh process (exec)."""
        self._proc = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            preexec_fn=_become_tty_owner,
            close_fds=True,
        )
        self.pid = self._proc.pid

    async def _wait(self) -> int | None:
        """The child's exit status once it has ended (negative: killed by that signal)."""
        assert self._proc is not None
        return await self._proc.wait()

    # -- output: child -> client -------------------------------------------------------------

    def _resume_reading(self) -> None:
        if self._master is not None and not self._reading and not self._output_done.is_set():
            self._loop.add_reader(self._master, self._read_ready)
            self._reading = True

    def _stop_reading(self) -> None:
        if self._master is not None and self._reading:
            self._loop.remove_reader(self._master)
            self._reading = False

    def _read_ready(self) -> None:
        if self._master is None:
            return
        try:
            data = os.read(self._master, READ_CHUNK)
        except BlockingIOError:
            return
        except OSError as exc:
            # EIO: every slave fd is closed, i.e. the child (and anything it spawned) is gone.
            if exc.errno not in (errno.EIO, errno.EBADF):
                raise
            data = b""
        if not data:
            self._stop_reading()
            self._output_done.set()
            return
        self._on_output(data)

    def pause_output(self) -> None:
        """The client is not keeping up: leave output in the pty so the child blocks on write."""
        self._output_paused = True
        self._stop_reading()

    def resume_output(self) -> None:
        self._output_paused = False
        self._resume_reading()

    # -- input: client -> child --------------------------------------------------------------

    def write(self, data: bytes) -> None:
        if self._master is None or self.returncode is not None:
            return
        self._pending += data
        self._flush_input()

    def _flush_input(self) -> None:
        while self._pending and self._master is not None:
            try:
                written = os.write(self._master, self._pending)
            except BlockingIOError:
                break
            except OSError:
                self._pending.clear()
                break
            del self._pending[:written]
        if self._master is not None:
            if self._pending:
                self._loop.add_writer(self._master, self._flush_input)
            else:
                self._loop.remove_writer(self._master)
        if self.on_input_pressure is not None:
            self.on_input_pressure(len(self._pending) > INPUT_HIGH_WATER)

    def resize(self, cols: int, rows: int, xpixels: int = 0, ypixels: int = 0) -> None:
        self.size = (cols, rows, xpixels, ypixels)
        if self._master is not None:
            try:
                set_winsize(self._master, cols, rows, xpixels, ypixels)  # the kernel sends SIGWINCH
            except OSError:
                pass

    # -- lifetime ----------------------------------------------------------------------------

    async def _watch(self) -> None:
        returncode = await self._wait()
        # The reader is gone: give the last frame (terminal restore sequences) a moment to arrive.
        if not self._output_paused:
            try:
                await asyncio.wait_for(self._output_done.wait(), 1.0)
            except TimeoutError:
                pass
        self._signal_group(signal.SIGKILL)  # anything it left behind in its group
        self._close_master()
        self.returncode = returncode
        self._on_exit(returncode)

    def _signal_group(self, signum: int) -> None:
        if self.pid is None:
            return
        try:
            os.killpg(self.pid, signum)  # start_new_session: the child's pid is its group id
        except (ProcessLookupError, PermissionError):
            pass

    def _close_master(self) -> None:
        if self._master is None:
            return
        self._stop_reading()
        self._loop.remove_writer(self._master)
        os.close(self._master)
        self._master = None
        self._output_done.set()

    async def terminate(self) -> int | None:
        """Hang up on the child's group, SIGKILL it after a grace period, and reap it."""
        if self.pid is None or self._task is None:
            self._close_master()
            return None
        if not self._task.done():
            strays = [pid for pid in descendants(self.pid) if _pgid(pid) != self.pid] if self.pid else []
            self._signal_group(signal.SIGHUP)
            self._signal_group(signal.SIGCONT)
            for pid in strays:
                _kill(pid, signal.SIGKILL)  # no terminal to restore there: just stop the work
            try:
                await asyncio.wait_for(asyncio.shield(self._task), KILL_GRACE)
            except TimeoutError:
                self._signal_group(signal.SIGKILL)
                await self._task
        return self.returncode


def _pgid(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except OSError:
        return None


def _kill(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except OSError:
        pass

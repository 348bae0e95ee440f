"""First frames first: sessions forked together paint before any of them does its later work.

Ten sessions opened at once share two cores. Each reader paints its first frame with ~50 ms of
CPU, then spends twice that on what follows it (the sidebar's lists, the search bar, the footer,
applying the analysis). Run side by side, every session's later work delays the others' first
frames, and the last one is painted only when nearly all the work of all ten is done. Here a
reader that has painted waits, with its event loop free, until no sibling is still before its
first frame (at most `WAIT` seconds), and when it had to wait, `GRACE` seconds more: a frame
drawn is not yet a frame seen, the server has to carry ten of them and the clients to draw them,
and the later work started at once took the cores from that (10 sessions at once over SSH, all
painted: 1.6-1.8 s waiting for the siblings alone, 0.87-0.90 s with 0.6 s more). A session
opened alone waits for nothing.

How: the zygote makes one lock file (a memfd) before it forks. Each child opens it anew (its own
open file description, so its own lock) and holds a shared lock until its first frame; a child
that has painted asks for the exclusive lock without blocking, which it gets only when no shared
one is held, and lets go of it at once. A child that dies loses its lock with it. Outside a
forked session (`hold` never called) nothing waits.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import time

WAIT = 1.0  # seconds a painted session waits for its siblings at most
GRACE = 0.5  # seconds more, once they have painted, for their frames to reach the clients
POLL = 0.01

_held: int | None = None  # this session's lock, shared until its first frame


def make_lock() -> int:
    """In the zygote: the file the sessions lock (inherited by every fork)."""
    return os.memfd_create("newsreader-first-frames", os.MFD_CLOEXEC)


def hold(lock: int) -> None:
    """In a forked session, before it starts: hold the shared lock until `painted`."""
    global _held
    with contextlib.suppress(OSError):
        fd = os.open(f"/proc/self/fd/{lock}", os.O_RDONLY | os.O_CLOEXEC)
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)
        except OSError:
            os.close(fd)
            return
        _held = fd


def painted() -> None:
    """The first frame is done: siblings waiting for it may go on."""
    with contextlib.suppress(OSError):
        if _held is not None:
            fcntl.flock(_held, fcntl.LOCK_UN)


def _nobody_painting() -> bool:
    assert _held is not None
    try:
        fcntl.flock(_held, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return True
    fcntl.flock(_held, fcntl.LOCK_UN)
    return True


async def siblings_painted(wait: float = WAIT, grace: float = GRACE) -> None:
    """Return once no session forked alongside this one is still before its first frame, and
    `grace` seconds after that when some were (at once outside a forked session or when none
    is painting; `wait` seconds at most for the siblings)."""
    if _held is None:
        return
    painted()
    if _nobody_painting():
        return
    deadline = time.monotonic() + wait
    while not _nobody_painting() and time.monotonic() < deadline:
        await asyncio.sleep(POLL)
    await asyncio.sleep(grace)

"""First frames first (tui/serve/stagger.py): a forked session that has painted waits for the
siblings still before their first frame, never longer than its bound, and not at all outside a
forked session. Real locks on a real memfd: each sibling is its own open file description, as
each forked child makes one, and flock treats those as separate holders even in one process."""

from __future__ import annotations

import asyncio
import fcntl
import os

import pytest

from tui.serve import stagger


@pytest.fixture
def lock():
    fd = stagger.make_lock()
    yield fd
    if stagger._held is not None:
        os.close(stagger._held)
    stagger._held = None
    os.close(fd)


def _sibling(lock: int) -> int:
    """A session forked alongside ours, before its first frame."""
    fd = os.open(f"/proc/self/fd/{lock}", os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_SH)
    return fd


async def _painted_beside_a_sibling(lock: int, grace: float, pause: float) -> tuple[int, asyncio.Task[None]]:
    """Our session has painted and waits, `pause` seconds on, for a sibling still painting:
    (the sibling's lock, our wait)."""
    stagger.hold(lock)
    sibling = _sibling(lock)
    waiting = asyncio.create_task(stagger.siblings_painted(wait=10, grace=grace))
    await asyncio.sleep(pause)
    assert not waiting.done()
    return sibling, waiting


async def test_a_painted_session_waits_for_a_sibling_still_painting(lock):
    sibling, waiting = await _painted_beside_a_sibling(lock, grace=0.3, pause=0.2)
    fcntl.flock(sibling, fcntl.LOCK_UN)  # the sibling's first frame is out
    loop = asyncio.get_running_loop()
    released = loop.time()
    await asyncio.wait_for(waiting, 2)
    assert loop.time() - released >= 0.25  # and its frame has time to reach its client
    os.close(sibling)


async def test_a_sibling_that_dies_before_painting_frees_the_others(lock):
    sibling, waiting = await _painted_beside_a_sibling(lock, grace=0, pause=0.1)
    os.close(sibling)  # its process ended: the kernel drops its lock
    await asyncio.wait_for(waiting, 2)


async def test_the_wait_is_bounded(lock):
    stagger.hold(lock)
    sibling = _sibling(lock)  # never paints
    loop = asyncio.get_running_loop()
    started = loop.time()
    await stagger.siblings_painted(wait=0.3, grace=0)
    assert 0.25 <= loop.time() - started < 5
    os.close(sibling)


async def test_siblings_that_wait_do_not_hold_each_other_up(lock):
    """Two painted sessions asking at once both go on: the exclusive lock is let go at once."""
    stagger.hold(lock)
    stagger.painted()
    other = _sibling(lock)
    fcntl.flock(other, fcntl.LOCK_UN)  # painted too
    for _ in range(20):
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # the other one's check, in between ours
        fcntl.flock(other, fcntl.LOCK_UN)
        # Nobody painting: no wait, and no grace either.
        await asyncio.wait_for(stagger.siblings_painted(wait=10, grace=10), 0.5)
    os.close(other)


async def test_outside_a_forked_session_nothing_waits(lock):
    sibling = _sibling(lock)  # a lock held elsewhere is none of ours: `hold` was never called
    await asyncio.wait_for(stagger.siblings_painted(wait=10, grace=10), 0.5)
    os.close(sibling)

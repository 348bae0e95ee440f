"""Limits before login: how many unauthenticated connections the server holds, and from whom.

Modelled on sshd's MaxStartups "10:30:100": from `start` pending logins on, a new connection is
dropped with probability `rate` %, rising linearly to 100 % at `full`. Two changes make a flood from
a few addresses unable to lock everyone else out:

- no address may hold more than `per_source` pending logins (sshd's PerSourceMaxStartups);
- an address with no pending login at all is always let in; when the table is full, the oldest
  pending login of the busiest address makes room for it.

A flood from many addresses can still crowd people out; that is what the login grace time bounds.
"""

from __future__ import annotations

import errno
import os
import random
import socket
import time
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class PreauthLimits:
    start: int = 10
    rate: int = 30  # percent dropped at `start`
    full: int = 100
    per_source: int = 10
    grace: float = 20.0  # seconds an unauthenticated connection may take to log in


@dataclass
class Admission:
    admitted: bool
    reason: str = ""  # "per-source", "max-startups", "full"
    evict: Hashable | None = None  # a pending login to close to make room


@dataclass
class PreauthGate:
    """The table of pending logins. `admit` on connect, `release` on login or disconnect."""

    limits: PreauthLimits = field(default_factory=PreauthLimits)
    chance: Callable[[], float] = random.random
    _pending: dict[Hashable, str] = field(default_factory=dict)  # insertion order: oldest first
    _per_source: Counter[str] = field(default_factory=Counter)

    def __len__(self) -> int:
        return len(self._pending)

    def admit(self, conn: Hashable, source: str) -> Admission:
        limits, count = self.limits, len(self._pending)
        held = self._per_source[source]
        if held >= limits.per_source:
            return Admission(False, "per-source")
        evict = None
        if held == 0:
            if count >= limits.full:
                busiest = self._per_source.most_common(1)[0][0]
                evict = next(c for c, s in self._pending.items() if s == busiest)
        elif count >= limits.full:
            return Admission(False, "full")
        elif count >= limits.start:
            span = max(1, limits.full - limits.start)
            drop = (limits.rate + (100 - limits.rate) * (count - limits.start) / span) / 100
            if self.chance() < drop:
                return Admission(False, "max-startups")
        self._pending[conn] = source
        self._per_source[source] += 1
        return Admission(True, evict=evict)

    def release(self, conn: Hashable) -> None:
        source = self._pending.pop(conn, None)
        if source is not None:
            self._per_source[source] -= 1
            if self._per_source[source] <= 0:
                del self._per_source[source]


class RateLimitedLine:
    """At most one log line per `interval` seconds for a recurring condition, counting the rest."""

    def __init__(self, write: Callable[[str], None], interval: float = 10.0) -> None:
        self.write = write
        self.interval = interval
        self._last = float("-inf")
        self._suppressed = 0

    def __call__(self, text: str) -> None:
        now = time.monotonic()
        if now - self._last < self.interval:
            self._suppressed += 1
            return
        more = f" ({self._suppressed} more since the last such line)" if self._suppressed else ""
        self._last, self._suppressed = now, 0
        self.write(text + more)


class ListeningSocket(socket.socket):
    """The server's listening socket, able to answer a flood when file descriptors run out.

    asyncio retries a failed accept() a second later but, in the same pass, schedules a retry for
    each of up to 100 further failures, so retries multiply into a storm (CPython 3.11: tens of
    thousands a second). Here accept() never fails with EMFILE: one descriptor is held in reserve,
    freed to accept the waiting connection and close it at once (its client sees the door shut,
    the backlog drains), then taken back. `on_exhausted` is called for each (rate-limit it)."""

    def reserve(self, on_exhausted: Callable[[], None]) -> None:
        self.on_exhausted = on_exhausted
        self._reserve: int | None = os.open(os.devnull, os.O_RDONLY | os.O_CLOEXEC)

    def accept(self) -> tuple[socket.socket, Any]:
        try:
            return super().accept()
        except OSError as exc:
            if exc.errno not in (errno.EMFILE, errno.ENFILE) or getattr(self, "_reserve", None) is None:
                raise
        self.on_exhausted()
        assert self._reserve is not None
        os.close(self._reserve)
        self._reserve = None
        try:
            fd, _addr = self._accept()  # type: ignore[attr-defined]
            os.close(fd)
        except OSError:
            pass
        finally:
            try:
                self._reserve = os.open(os.devnull, os.O_RDONLY | os.O_CLOEXEC)
            except OSError:
                pass  # without a reserve, the next failure goes to asyncio's own retry
        raise BlockingIOError(errno.EAGAIN, "out of file descriptors: connection closed")

    def close(self) -> None:
        reserve = getattr(self, "_reserve", None)
        if reserve is not None:
            self._reserve = None
            os.close(reserve)
        super().close()


def listening_socket(host: str, port: int, on_exhausted: Callable[[], None], backlog: int = 128) -> ListeningSocket:
    """A bound, listening, non-blocking socket for `host:port` (the first address it resolves to)."""
    family, kind, proto, _name, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    sock = ListeningSocket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(backlog)
        sock.setblocking(False)
        sock.reserve(on_exhausted)
    except BaseException:
        sock.close()
        raise
    return sock

"""Ending the reader when its terminal goes away, whatever SIGHUP's disposition.

When the terminal hangs up (an SSH server killed, a terminal window closed) the kernel sends
SIGHUP, which ends the reader only if SIGHUP is not ignored; under `nohup`, or any parent that
ignores it, the reader lived on, and Textual's input thread, reading end-of-file from the dead
terminal in a loop, spun at 100 % CPU forever. A small thread polls the terminal for hang-up
(POLLHUP/POLLERR/POLLNVAL, no read, so it never competes with Textual for input) and ends the
process at once: there is no terminal left to restore and no one to show anything to. The
analysis child notices its pipe closing and ends too.
"""

from __future__ import annotations

import os
import select
import signal
import threading

POLL_INTERVAL = 0.25  # seconds; the reader is gone within this of the hang-up
EXIT_HANGUP = 128 + signal.SIGHUP  # what a shell reports for a process ended by SIGHUP

_watched: int | None = None  # the terminal being watched, once `watch` has started


def hung_up(fd: int) -> bool:
    """True once the terminal on `fd` is gone (its master side closed, or `fd` itself invalid)."""
    poller = select.poll()
    poller.register(fd, 0)  # no events asked for: hang-up and errors are always reported
    return any(mask & (select.POLLHUP | select.POLLERR | select.POLLNVAL) for _fd, mask in poller.poll(0))


def watch(fd: int) -> threading.Thread | None:
    """Start the watch on terminal `fd` (the reader's stdin); None when `fd` is not a terminal."""
    global _watched
    if not os.isatty(fd):
        return None
    _watched = fd

    def run() -> None:
        stop = threading.Event()
        while not stop.wait(POLL_INTERVAL):
            if hung_up(fd):
                os._exit(EXIT_HANGUP)

    thread = threading.Thread(target=run, name="hangup-watch", daemon=True)
    thread.start()
    return thread


def gone() -> bool:
    """True when the watched terminal has hung up. An error raised while it goes away (a write
    to the dead terminal failing before the watch's next poll) is the hang-up, not a bug: the
    crash paths ask this first, so the exit status is 129 either way and no crash log is left."""
    return _watched is not None and hung_up(_watched)

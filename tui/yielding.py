"""Background work in the reader's process that lets the keys go first.

The thread that receives a long text's partial analyses rebuilds and indexes each one in Python
(~0.1 s a stage on 2 MB) while the UI thread answers keys. Both want the interpreter lock; when
both are busy Python hands it over every 5 ms (`sys.getswitchinterval`), so a key's 10 ms of
drawing took twice as long while a stage was being prepared. `Yielder` lets a background loop
give the lock away about every millisecond: a waiting UI thread then takes it at once and keeps
it until it has drawn its frame or 5 ms have passed, so it gets most of the lock, not half.
On the main thread (the same code run for the UI, in tests) it does nothing.
"""

from __future__ import annotations

import threading
import time

EVERY = 0.001  # seconds of work between offers of the lock


class Yielder:
    def __init__(self, every: float | None = None) -> None:
        self.every = EVERY if every is None else every
        self.active = threading.current_thread() is not threading.main_thread()
        self.last = time.perf_counter()

    def __call__(self) -> None:
        """Give the interpreter lock away if `every` has passed since the last time."""
        if self.active:
            now = time.perf_counter()
            if now - self.last >= self.every:
                time.sleep(0)  # releases the lock; a thread waiting for it runs first
                self.last = time.perf_counter()

"""The batch's progress line on stderr: files, tokens/s, ETA. Only for a terminal: logs and
pipes get nothing, so a cron job's mail stays empty unless something failed."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from .batch import BatchResult

_EVERY = 0.25  # seconds between redraws: a terminal over SSH should not get a line per shard


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


def describe(result: BatchResult, total: int, elapsed: float) -> str:
    finished = result.articles + result.errors + result.skipped
    rate = result.tokens / elapsed if elapsed > 0 else 0.0
    parts = [f"{finished:,}/{total:,} files", f"{rate:,.0f} tokens/s"]
    analysed = result.articles + result.errors
    if analysed > 0 and finished < total:
        parts.append(f"ETA {_duration(elapsed / analysed * (total - finished))}")
    if result.skipped:
        parts.append(f"{result.skipped:,} already done")
    if result.errors:
        parts.append(f"{result.errors:,} errors")
    return "  ".join(parts)


class ProgressLine:
    def __init__(self, stream: TextIO | None, total: int) -> None:
        self.stream = stream if stream is not None and stream.isatty() else None
        self.total = total
        self._last = 0.0

    def show(self, result: BatchResult, elapsed: float) -> None:
        now = time.monotonic()
        if self.stream is None or now - self._last < _EVERY:
            return
        self._last = now
        self.stream.write("\r\x1b[K" + describe(result, self.total, elapsed))
        self.stream.flush()

    def finish(self, result: BatchResult) -> None:
        if self.stream is None:
            return
        state = "interrupted" if result.interrupted else "done"
        self.stream.write(
            "\r\x1b[K" + describe(result, self.total, result.seconds) + f"  {state} in {_duration(result.seconds)}\n"
        )
        self.stream.flush()

"""What a bug in newsreader looks like to its user: one line and exit status 70, never a traceback.

The details go to a file of their own (~/.local/state/newsreader/crash-*.log, mode 0600) with the
stack but never local variables: locals hold article text and paths, and a reader served over
SSH would otherwise send them to the client. Textual's own crash screen prints locals, so the app
routes its unhandled exceptions here too (`NewsReaderApp._fatal_error`).
"""

from __future__ import annotations

import os
import sys
import threading
import traceback
from datetime import UTC, datetime
from pathlib import Path

from . import hangup
from .exits import EXIT_INTERNAL, PROG
from .paths import state_root

KEEP = 20  # crash logs kept; older ones are removed


def record(exc: BaseException) -> Path | None:
    """Write the crash log; returns its path, or None when it could not be written."""
    from . import __version__

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        f"{PROG} {__version__} internal error at {stamp}, pid {os.getpid()}, Python {sys.version.split()[0]}\n",
        *traceback.format_exception(type(exc), exc, exc.__traceback__),  # stack and message, no locals
    ]
    directory = state_root()
    path = directory / f"crash-{stamp}-{os.getpid()}.log"
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as fh:
            fh.writelines(lines)
    except OSError:
        return None
    _prune(directory)
    return path


def _prune(directory: Path) -> None:
    try:
        logs = sorted(directory.glob("crash-*.log"), key=lambda p: p.stat().st_mtime)
        for old in logs[:-KEEP]:
            old.unlink()
    except OSError:
        pass


def message(path: Path | None) -> str:
    where = f"details in {_home_relative(path)}" if path is not None else "no details could be saved"
    return f"{PROG}: internal error, {where}"


def _home_relative(path: Path) -> str:
    home = Path.home()
    try:
        return "~/" + str(path.relative_to(home))
    except ValueError:
        return str(path)


def report(exc: BaseException) -> int:
    """Record `exc`, print the one line on stderr, return the exit status."""
    if hangup.gone():
        return hangup.EXIT_HANGUP
    return report_recorded(record(exc))


def install() -> None:
    """Route uncaught exceptions (main thread and other threads) to `report`."""

    def hook(kind: type[BaseException], exc: BaseException, tb: object) -> None:
        if isinstance(exc, KeyboardInterrupt):
            os._exit(130)
        if hangup.gone():
            os._exit(hangup.EXIT_HANGUP)
        report(exc)
        os._exit(EXIT_INTERNAL)  # a half-dead program must not go on printing

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook


def report_recorded(path: Path | None) -> int:
    """The one line for a crash already recorded (the app records it before its terminal is
    restored, and the line is printed after)."""
    if hangup.gone():
        return hangup.EXIT_HANGUP  # nobody is left to read the line
    try:
        sys.stderr.write(message(path) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    return EXIT_INTERNAL

"""Exit codes and the one-line error every command prints: shared by the CLI, `serve` and `batch`.

Kept apart from `tui.cli` so that the commands it starts can report errors without importing it.
"""

from __future__ import annotations

import sys

PROG = "newsreader"

EXIT_OK = 0
EXIT_FAILED_FILES = 1  # --json: some files failed, their error lines were printed
EXIT_USAGE = 2  # bad input or arguments: a one-line message on stderr
EXIT_INTERNAL = 70  # a bug of ours (sysexits' EX_SOFTWARE): one line, details in a crash log
EXIT_INTERRUPTED = 130  # ctrl+c


def error(message: str) -> None:
    """The single line a user sees for a problem; never a traceback."""
    one_line = " ".join(str(message).split())
    print(f"{PROG}: error: {one_line}", file=sys.stderr)


def warning(message: str) -> None:
    """A problem that does not stop the command (a damaged user file, a dropped correction)."""
    one_line = " ".join(str(message).split())
    print(f"{PROG}: warning: {one_line}", file=sys.stderr)

"""Reading back JSON that newsreader wrote earlier (cache entries, gazetteer index, user data).

Such files can be damaged, truncated, replaced by hand or grown huge. Every one is read through
`read_json`: a size cap before reading, a nesting cap before parsing (so the parser's recursion
limit is never reached), and one exception type, `StoredFileError`, that callers answer by moving
the file aside and rebuilding it. Checking the *shape* of the value stays with each caller.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

MAX_DEPTH = 64


class StoredFileError(Exception):
    """A stored file that cannot be used: too large, too deep, not JSON, or the wrong shape."""


def nesting_depth(text: str) -> int:
    """The deepest `[`/`{` nesting in JSON text, not counting brackets inside strings."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def loads_bounded(text: str, *, max_depth: int = MAX_DEPTH) -> Any:
    """`json.loads` that refuses nesting deeper than `max_depth` instead of overflowing the stack."""
    if nesting_depth(text) > max_depth:
        raise StoredFileError(f"nested deeper than {max_depth} levels")
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise StoredFileError(f"not valid JSON ({exc})") from None


def read_json(path: Path, *, max_bytes: int, max_depth: int = MAX_DEPTH) -> Any:
    """Read a stored JSON file within bounds; `OSError` passes through (missing, unreadable)."""
    with open(path, "rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > max_bytes:
            raise StoredFileError(f"{size} bytes, more than the {max_bytes} allowed")
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise StoredFileError(f"more than the {max_bytes} bytes allowed")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise StoredFileError("not UTF-8") from None
    return loads_bounded(text, max_depth=max_depth)


def move_aside(path: Path) -> Path | None:
    """Rename a damaged file to `NAME.bad` (replacing an older one) so it is kept for a look but
    never read again; returns the new path, or None when even that failed (then it is deleted)."""
    target = path.with_name(path.name + ".bad")
    try:
        os.replace(path, target)
        return target
    except OSError:
        try:
            path.unlink()
        except OSError:
            pass
        return None


DAMAGED_LOG = "damaged-files.log"


def set_aside(path: Path, reason: str) -> Path | None:
    """Move a damaged file aside (`move_aside`) and say so once, in DAMAGED_LOG in the state dir
    (never on the terminal: the reader owns it). The caller then rebuilds the file."""
    from datetime import UTC, datetime

    from .paths import state_root

    moved = move_aside(path)
    stamp = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    outcome = f"moved to {moved.name}" if moved is not None else "deleted"
    line = " ".join(f"{stamp} {path}: {reason}; {outcome}, will be rebuilt".split())
    try:
        directory = state_root()
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        with open(directory / DAMAGED_LOG, "a", encoding="utf-8", errors="replace") as log:
            log.write(line[:1000] + "\n")
    except OSError:
        pass
    return moved

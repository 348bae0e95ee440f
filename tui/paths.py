"""Where newsreader keeps files of its own: the user's cache directory (XDG on Linux), or
$NEWSREADER_CACHE_DIR when set (tests, servers, read-only homes)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def cache_root() -> Path:
    override = os.environ.get("NEWSREADER_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("newsreader", appauthor=False))


def state_root() -> Path:
    """XDG state dir ($XDG_STATE_HOME/newsreader, by default ~/.local/state/newsreader): crash
    logs and the log of damaged files set aside."""
    from platformdirs import user_state_dir

    return Path(user_state_dir("newsreader", appauthor=False))


def write_atomically(path: Path, text: str) -> bool:
    """Write `text` to `path` through a temporary file in the same directory and a rename, so a
    reader never sees half a file and concurrent writers each leave a whole one. Returns False,
    leaving nothing behind, when the directory cannot be written."""
    tmp_name = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)
        return True
    except OSError:
        if tmp_name:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
        return False

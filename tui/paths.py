"""Where newsreader keeps files of its own: the user's cache directory (XDG on Linux), or
$NEWSREADER_CACHE_DIR when set (tests, servers, read-only homes)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    override = os.environ.get("NEWSREADER_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("newsreader", appauthor=False))

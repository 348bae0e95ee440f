"""Which files a batch reads: paths, folders (recursive, by extension) and glob patterns.

Expanded in sorted order so that two runs over the same archive submit the same work in the
same order (the local and Dask runs are compared row for row)."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

# What a folder contributes: the formats the document layer reads.
ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".mdown", ".mkd"})
_GLOB_CHARS = frozenset("*?[")


class InputError(Exception):
    """A path argument that names nothing: one line for the user."""


def expand(paths: Iterable[str], suffixes: frozenset[str] = ARTICLE_SUFFIXES) -> Iterator[str]:
    """Every input file, each once, in argument order; folders and globs sorted within."""
    seen: set[str] = set()
    for arg in paths:
        for path in _one(arg, suffixes):
            key = os.path.normpath(path)
            if key not in seen:
                seen.add(key)
                yield path


def _one(arg: str, suffixes: frozenset[str]) -> Iterator[str]:
    if os.path.isdir(arg):
        yield from _folder(arg, suffixes)
    elif os.path.lexists(arg):
        yield arg  # a file given by name is read whatever its extension; bad ones become errors
    elif _GLOB_CHARS & set(arg):
        matches = sorted(glob.glob(arg, recursive=True))
        if not matches:
            raise InputError(f"{arg}: no file matches this pattern")
        for match in matches:
            if os.path.isdir(match):
                yield from _folder(match, suffixes)
            else:
                yield match
    else:
        raise InputError(f"{arg}: no such file or folder")


def _folder(folder: str, suffixes: frozenset[str]) -> Iterator[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in suffixes:
                yield os.path.join(root, name)

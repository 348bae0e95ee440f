"""File bytes to `Article`. Never imports the UI toolkit; never writes to the file it reads."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from ..model import Article
from .decode import decode
from .errors import DocumentError
from .markdown import parse_markdown
from .plaintext import parse_plain

__all__ = ["DocumentError", "load_article", "article_from_bytes", "MAX_BYTES"]

MAX_BYTES = 64 * 1024 * 1024
_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}


def article_from_bytes(data: bytes, source: str, *, markdown: bool | None = None) -> Article:
    text, encoding = decode(data, source)
    if not text.strip():
        raise DocumentError(source, "empty file, nothing to read")
    if markdown is None:
        markdown = Path(source).suffix.lower() in _MARKDOWN_SUFFIXES
    if markdown:
        canonical, title, blocks, runs = parse_markdown(text)
        if not blocks:
            raise DocumentError(source, "no readable text in this Markdown file")
        return Article(source, title, canonical, blocks, "markdown", encoding, text, runs)
    title, blocks = parse_plain(text)
    return Article(source, title, text, blocks, "text", encoding)


def read_source(source: str) -> bytes:
    """Read a path or "-" (stdin) with errors turned into one-line `DocumentError`s."""
    if source == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1)
    try:
        st = os.stat(source)
    except FileNotFoundError:
        raise DocumentError(source, "no such file") from None
    except PermissionError:
        raise DocumentError(source, "permission denied") from None
    except OSError as exc:
        raise DocumentError(source, exc.strerror or "cannot open") from None
    if stat.S_ISDIR(st.st_mode):
        raise DocumentError(source, "is a directory, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise DocumentError(source, "not a regular file (device, FIFO or socket)")
    if st.st_size > MAX_BYTES:
        raise DocumentError(source, f"too large ({st.st_size // (1024 * 1024)} MiB; the limit is {MAX_BYTES // (1024 * 1024)} MiB)")
    try:
        with open(source, "rb") as fh:
            return fh.read(MAX_BYTES + 1)
    except PermissionError:
        raise DocumentError(source, "permission denied") from None
    except OSError as exc:
        raise DocumentError(source, exc.strerror or "cannot read") from None


def load_article(source: str, *, markdown: bool | None = None) -> Article:
    data = read_source(source)
    if len(data) > MAX_BYTES:
        raise DocumentError(source, f"too large (the limit is {MAX_BYTES // (1024 * 1024)} MiB)")
    return article_from_bytes(data, source, markdown=markdown)

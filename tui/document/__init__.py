"""File bytes to `Article`. Never imports the UI toolkit; never writes to the file it reads."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from ..model import Article
from .decode import decode
from .errors import DocumentError
from .html import HTML_SUFFIXES, article_from_html
from .plaintext import parse_plain

__all__ = ["MAX_BYTES", "DocumentError", "article_from_bytes", "load_article"]

MAX_BYTES = 64 * 1024 * 1024
_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}


def article_from_bytes(data: bytes, source: str, *, markdown: bool | None = None) -> Article:
    if markdown is None and Path(source).suffix.lower() in HTML_SUFFIXES:
        return article_from_html(data, source)
    text, encoding = decode(data, source)
    if not text.strip():
        raise DocumentError(source, "empty file, nothing to read")
    if markdown is None:
        markdown = Path(source).suffix.lower() in _MARKDOWN_SUFFIXES
    if markdown:
        from .markdown import parse_markdown  # markdown-it costs ~50 ms to import: only when needed

        canonical, title, blocks, runs, emphasis, warnings = parse_markdown(text)
        if not blocks:
            raise DocumentError(source, "no readable text in this Markdown file")
        return Article(source, title, canonical, blocks, "markdown", encoding, text, runs, emphasis=emphasis, warnings=warnings)
    title, blocks = parse_plain(text)
    return Article(source, title, text, blocks, "text", encoding)


def read_source(source: str) -> bytes:
    """Read a path or "-" (stdin) with errors turned into one-line `DocumentError`s.

    The path is opened non-blocking and checked with fstat on the open descriptor: opening a
    FIFO without a writer would otherwise block for ever, and checking the name before opening
    it would leave a window in which the file could be swapped for one.
    """
    if source == "-":
        return _read_stdin()
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(source, flags | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise DocumentError(source, "no such file") from None
    except PermissionError:
        raise DocumentError(source, "permission denied") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        raise DocumentError(source, _reason(exc, "cannot open")) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise DocumentError(source, "is a directory, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise DocumentError(source, "not a regular file (device, FIFO or socket)")
        if st.st_size > MAX_BYTES:
            raise DocumentError(source, _too_large(st.st_size))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=True) as fh:
            fd = -1
            return fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise DocumentError(source, _reason(exc, "cannot read")) from None
    finally:
        if fd >= 0:
            os.close(fd)


def _read_stdin() -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise DocumentError("-", "no standard input to read")
    try:
        return stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise DocumentError("-", _reason(exc, "cannot read standard input")) from None


def _reason(exc: Exception, fallback: str) -> str:
    reason = getattr(exc, "strerror", None)
    return reason[:1].lower() + reason[1:] if reason else fallback


def _too_large(size: int | None = None) -> str:
    limit = f"the limit is {MAX_BYTES // (1024 * 1024)} MiB"
    return f"too large ({size // (1024 * 1024)} MiB; {limit})" if size is not None else f"too large ({limit})"


def load_article(source: str, *, markdown: bool | None = None) -> Article:
    data = read_source(source)
    if len(data) > MAX_BYTES:
        raise DocumentError(source, _too_large())
    return article_from_bytes(data, source, markdown=markdown)

"""Bytes to text: BOMs, UTF-16/32, legacy 8-bit encodings, line ends, and refusing binaries."""

from __future__ import annotations

import codecs

from .errors import DocumentError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control bytes that never occur in text files (everything below 0x20 but tab, LF, FF, CR, ESC).
_BINARY_BYTES = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))
_SNIFF = 8192
_HIGH_BYTES = bytes(range(0x80, 0x100))


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Return (text, encoding name). Line ends become LF; a BOM is dropped."""
    for bom, encoding in _BOMS:
        if not data.startswith(bom):
            continue
        data = data[len(bom) :]
        if encoding == "utf-8":
            break  # then as any 8-bit file: binary check, UTF-8, legacy
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise DocumentError(source, f"not valid {encoding} text ({exc.reason})") from None
        if _looks_binary_text(text[:_SNIFF]):
            raise DocumentError(source, "binary file, not text")
        return normalise_newlines(text), encoding
    if _looks_binary_bytes(data[:_SNIFF]):
        raise DocumentError(source, "binary file, not text")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = _decode_legacy(data)
    return normalise_newlines(text), encoding


def _looks_binary_bytes(head: bytes) -> bool:
    return b"\x00" in head or _looks_binary(head)


def _looks_binary(head: bytes) -> bool:
    # Measured without CRs, so a file and its CRLF copy get the same verdict.
    head = head.replace(b"\r", b"")
    if not head:
        return False
    controls = len(head) - len(head.translate(None, _BINARY_BYTES))
    return controls / len(head) > 0.05


def _looks_binary_text(head: str) -> bool:
    """The same test after a BOM: a BOM in front of binary data does not make it text."""
    # Only code points below 0x20 matter, and latin-1 keeps those as the same byte values.
    return _looks_binary(head.encode("latin-1", errors="replace")) or "\x00" in head


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Mostly-UTF-8 with a few bad bytes stays UTF-8 (bad bytes become U+FFFD); else Windows-1252.

    Latin-1 files are far more common than damaged UTF-8 in news archives, and cp1252 is the
    superset browsers use for "latin-1", so its curly quotes survive.
    """
    good = len(data.decode("utf-8", errors="ignore").encode("utf-8"))
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    bad = len(data) - good
    if high and bad / high < 0.2:
        return data.decode("utf-8", errors="replace"), "utf-8 (damaged)"
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")

"""Hostile and broken article files, written for real on disk; shared by the loader and CLI tests."""

from __future__ import annotations

import hashlib
import os
import shutil
import struct
import zlib
from pathlib import Path

ARTICLE = (
    "Ministers meet in Geneva over the ceasefire\n"
    "\n"
    "Ukrainian President Volodymyr Zelensky said on Monday that talks in Geneva would resume.\n"
    "\n"
    '"We are ready," Zelensky told reporters in Kyiv, while Marco Rubio said Washington agreed.\n'
)
ACCENTED = "Café owners in São Paulo and Zürich said “no” to the naïve plan, Søren Kierkegaard wrote.\n"

WORDS = "the minister said talks would resume in Geneva on Monday after officials met Zelensky and Putin".split()


def png_bytes() -> bytes:
    """A real, valid 16x16 RGB PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes((x * 16 + y) % 256 for x in range(48)) for y in range(16))
    header = struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def elf_bytes() -> bytes:
    """A real executable from this machine."""
    true = shutil.which("true") or "/bin/true"
    return Path(true).read_bytes()


def paragraph(i: int, words: int = 8) -> str:
    """Deterministic sentence-like text; `i` varies it."""
    return " ".join(WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(words)).capitalize() + "."


def one_long_line(size: int) -> str:
    parts, total, i = [], 0, 0
    while total < size:
        p = paragraph(i, 20) + " "
        parts.append(p)
        total += len(p)
        i += 1
    return "".join(parts)[:size].rstrip() + "."


def many_paragraphs(n: int, separator: str = "\n\n") -> str:
    return "Headline of a very long file\n\n" + separator.join(paragraph(i) for i in range(n)) + "\n"


def big_file_text(size: int) -> str:
    parts, total, i = ["A very large article\n\n"], 0, 0
    while total < size:
        p = paragraph(i, 80) + "\n\n"
        parts.append(p)
        total += len(p)
        i += 1
    return "".join(parts)


def digest(path: Path) -> tuple[str, int, int]:
    """Content hash, size and mtime (ns): what "unchanged" means for an article file."""
    st = path.lstat()
    if not path.is_file():
        return ("", st.st_size, st.st_mtime_ns)
    return (hashlib.sha256(path.read_bytes()).hexdigest(), st.st_size, st.st_mtime_ns)


def make_bad_files(root: Path) -> dict[str, tuple[Path, str]]:
    """name -> (path, the reason the loader must give), for every input that cannot be read."""
    root.mkdir(parents=True, exist_ok=True)
    files: dict[str, tuple[Path, str]] = {}

    def write(name: str, data: bytes, reason: str) -> None:
        path = root / name
        path.write_bytes(data)
        files[name] = (path, reason)

    write("empty.txt", b"", "empty file")
    write("blank.txt", b"  \n\n\t \r\n \xc2\xa0\n", "empty file")
    write("image.png", png_bytes(), "binary file")
    write("program.txt", elf_bytes(), "binary file")
    write("bom-then-binary.txt", b"\xef\xbb\xbf" + png_bytes(), "binary file")
    write("utf16-odd.txt", b"\xff\xfe" + "Headline".encode("utf-16-le") + b"\x41", "not valid utf-16-le text")
    write("markup-only.md", b"<div>\n<p>only html</p>\n</div>\n", "no readable text")
    directory = root / "a-directory"
    directory.mkdir()
    files["directory"] = (directory, "is a directory")
    files["missing"] = (root / "no-such-file.txt", "no such file")
    fifo = root / "pipe.txt"
    os.mkfifo(fifo)
    files["fifo"] = (fifo, "not a regular file")
    loop_a, loop_b = root / "loop-a.txt", root / "loop-b.txt"
    loop_a.symlink_to(loop_b)
    loop_b.symlink_to(loop_a)
    files["symlink-loop"] = (loop_a, "too many levels of symbolic links")
    files["through-a-file"] = (root / "empty.txt" / "child.txt", "not a directory")
    files["device"] = (Path("/dev/zero"), "not a regular file")
    return files


def make_good_files(root: Path) -> dict[str, Path]:
    """Inputs that are odd but readable: each must open with the article's words intact."""
    root.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}

    def write(name: str, data: bytes) -> None:
        path = root / name
        path.write_bytes(data)
        files[name] = path

    write("utf16-le.txt", b"\xff\xfe" + ARTICLE.encode("utf-16-le"))
    write("utf16-be.txt", b"\xfe\xff" + ARTICLE.encode("utf-16-be"))
    write("utf32-le.txt", b"\xff\xfe\x00\x00" + ARTICLE.encode("utf-32-le"))
    write("latin1.txt", (ARTICLE + ACCENTED.replace("“", '"').replace("”", '"')).encode("latin-1"))
    write("cp1252.txt", (ARTICLE + ACCENTED).encode("cp1252"))
    damaged = (ARTICLE + ACCENTED * 3).encode("utf-8")
    cut = damaged.index("Zürich".encode()) + 2  # inside the two-byte "ü"
    write("invalid-utf8.txt", damaged[:cut] + b"\xff" + damaged[cut:])
    write("truncated-utf8.txt", (ARTICLE + ACCENTED).encode("utf-8") + "ü".encode()[:1])
    write("old-mac-cr.txt", ARTICLE.replace("\n", "\r").encode())
    write("odd-quotes.txt", (ARTICLE + '"He said it was over, Zelensky added.\n\n“Another one” and “a third.\n').encode())
    return files

"""Hostile input through the real command line: a subprocess for exit codes and messages, a real
pty for what reaches the terminal. Nothing from an article may drive the terminal; article text is
never markup; bad files fail with one line before any UI starts; files are never changed."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.hostile_files import ARTICLE, digest, many_paragraphs, one_long_line
from tests.terminal import PtyApp

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, timeout: float = 60, env: dict[str, str] | None = None, prefix: tuple[str, ...] = ()):
    full_env = {**os.environ, "NEWSREADER_CACHE_DIR": tempfile.gettempdir() + "/newsreader-test-cache", **(env or {})}
    full_env.pop("NEWSREADER_FORCE_TTY", None)
    return subprocess.run(
        [*prefix, sys.executable, "-m", "tui", *args], capture_output=True, timeout=timeout, cwd=ROOT, env=full_env
    )


def one_error_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8")
    assert "Traceback" not in text
    lines = text.splitlines()
    assert len(lines) == 1, text
    return lines[0]


# --- the reader refuses bad files with one line and exit 2, before any UI starts -------------

BAD = [
    "empty.txt",
    "blank.txt",
    "image.png",
    "program.txt",
    "bom-then-binary.txt",
    "utf16-odd.txt",
    "markup-only.md",
    "directory",
    "missing",
    "fifo",
    "symlink-loop",
    "through-a-file",
    "device",
]


@pytest.mark.parametrize("name", BAD)
def test_reader_bad_file_exits_2_with_one_line(bad_files, name):
    path, reason = bad_files[name]
    before = digest(path) if os.path.lexists(path) else None
    started = time.perf_counter()
    out = cli(str(path), timeout=30)
    assert time.perf_counter() - started < 30
    assert out.returncode == 2
    line = one_error_line(out.stderr)
    assert line.startswith(f"newsreader: error: {path}: ") and reason in line, line
    assert out.stdout == b""
    if before is not None:
        assert digest(path) == before


@pytest.mark.parametrize("name", ["fifo", "image.png"])
def test_reader_bad_file_in_a_terminal_never_starts_the_ui(bad_files, name):
    path, reason = bad_files[name]
    with PtyApp([sys.executable, "-m", "tui", str(path)], env={"NEWSREADER_FORCE_TTY": ""}) as app:
        code = app.close(timeout=30)
    raw = bytes(app.raw)
    assert code == 2
    assert b"\x1b[?1049h" not in raw  # no alternate screen: the UI never started
    assert f"newsreader: error: {path}: ".encode() in raw and reason.encode() in raw
    assert b"Traceback" not in raw


def test_unreadable_file(tmp_path):
    """Mode 000. Root reads such files anyway, so as root the CLI is run as user nobody."""
    folder = Path(tempfile.mkdtemp(prefix="newsreader-perm-"))
    try:
        folder.chmod(0o755)
        path = folder / "secret.txt"
        path.write_text(ARTICLE)
        path.chmod(0)
        before = digest(path)
        prefix: tuple[str, ...] = ()
        if os.geteuid() == 0:
            setpriv = shutil.which("setpriv")
            if setpriv is None:
                pytest.skip("running as root without setpriv: cannot drop privileges to test a denied read")
            prefix = (setpriv, "--reuid=65534", "--regid=65534", "--clear-groups")
        out = cli(str(path), timeout=30, prefix=prefix)
        assert out.returncode == 2
        assert one_error_line(out.stderr) == f"newsreader: error: {path}: permission denied"
        out = cli("--json", "--model", "none_such_xyz", str(path), timeout=30, prefix=prefix)
        assert out.returncode == 2  # the model is checked first; the file stays untouched
        assert digest(path) == before
    finally:
        shutil.rmtree(folder)


def test_hostile_file_name_is_printed_safely(tmp_path):
    path = tmp_path / "evil\x1b]0;PWNED\x07\x1b[2J\u202e.txt"
    out = cli(str(path), timeout=30)
    assert out.returncode == 2
    line = one_error_line(out.stderr)
    assert "\x1b" not in line and "\x07" not in line and "\u202e" not in line
    assert line.endswith(": no such file") and "PWNED" in line


# --- --json: an error line per bad file, exit 1, offsets into the decoded file ---------------


def decoded_text(path: Path) -> str:
    from tui.document import load_article

    article = load_article(str(path))
    return article.source_text or article.text


def check_record(record: dict, decoded: str) -> None:
    for key in ("people", "places", "organizations"):
        for entity in record[key]:
            for m in entity["mentions"]:
                assert decoded[m["start"] : m["end"]] == m["text"], m
    for q in record["quotes"]:
        assert decoded[q["start"] : q["end"]] == q["text"], q


def test_json_on_every_hostile_file_at_once(bad_files, good_files):
    bad = [name for name in BAD if name != "device"]
    paths = [bad_files[n][0] for n in bad] + list(good_files.values())
    before = {p: digest(p) for p in paths if os.path.lexists(p)}
    out = cli("--json", *map(str, paths), timeout=300)
    assert out.returncode == 1
    assert b"Traceback" not in out.stderr
    out.stdout.decode("utf-8")  # valid UTF-8 throughout
    records = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert [r["source"] for r in records] == [str(p) for p in paths]
    for name, record in zip(bad, records):
        assert set(record) == {"source", "error"} and bad_files[name][1] in record["error"], record
    for path, record in zip(good_files.values(), records[len(bad) :]):
        assert "error" not in record, record
        check_record(record, decoded_text(path))
        assert any(p["name"] == "Volodymyr Zelensky" for p in record["people"]), (path, record["people"])
    assert {p: digest(p) for p in before} == before


def test_json_with_undecodable_file_name_and_a_strict_stdout(tmp_path):
    """A name that is not UTF-8 reaches Python as lone surrogates: they must come out escaped,
    not crash a strict UTF-8 stdout or put raw bytes into the JSON."""
    folder = os.fsencode(tmp_path)
    raw_name = folder + b"/caf\xe9-\xff\x1b]0;x\x07.txt"
    with open(raw_name, "wb") as fh:
        fh.write(ARTICLE.encode())
    missing = folder + b"/gone-\xfe.txt"
    out = subprocess.run(
        [sys.executable, "-m", "tui", "--json", raw_name, missing],
        capture_output=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:strict", "LC_ALL": "C.UTF-8"},
    )
    assert b"Traceback" not in out.stderr, out.stderr
    assert out.returncode == 1
    text = out.stdout.decode("utf-8")
    assert "\x1b" not in text and "\x07" not in text
    first, second = (json.loads(line) for line in text.splitlines())
    assert os.fsencode(first["source"]) == raw_name
    assert first["title"] == "Ministers meet in Geneva over the ceasefire"
    assert second == {"source": os.fsdecode(missing), "error": "no such file"}


# --- terminal injection ------------------------------------------------------------------------

INJECTED = (
    "Alpha headline \x1b]0;PWNEDTITLE\x07 and \x1b]2;PWNEDTWO\x1b\\ end\n\n"
    "Bravo said \x1b[2JCLEARME and \x1b[31mREDME\x1b[0m and \x1b[?1049lALTSCREEN\n\n"
    "Charlie copied \x1b]52;c;UFdORUQ=\x07CLIPME to the clipboard\n\n"
    "Delta linked \x1b]8;;file:///etc/passwd\x07LINKME\x1b]8;;\x07 here\n\n"
    "Echo sent \x1bP1$qmDCSME\x1b\\ and \x9b2JEIGHTBIT and \x9d0;C1TITLE\x9c done\n\n"
    "Foxtrot \u202eREVERSED\u202c and \u2066ISOLATE\u2069 and zero\u200bwidth\u200djoin\ufeffbom\n\n"
    "Golf bell\x07 backspace\x08 and delete\x7f end\n"
)
WORDS = [
    "Alpha",
    "Bravo",
    "CLEARME",
    "REDME",
    "ALTSCREEN",
    "Charlie",
    "CLIPME",
    "Delta",
    "LINKME",
    "Echo",
    "DCSME",
    "EIGHTBIT",
    "C1TITLE",
    "Foxtrot",
    "REVERSED",
    "ISOLATE",
    "Golf",
    "backspace",
]
# Invisible or bidi characters that must not be written raw.
INVISIBLE = set("\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff")


def assert_nothing_injected(raw: bytes) -> None:
    forbidden = [
        b"\x1b]52;",  # clipboard write
        b"\x1b[2JCLEARME",
        b"\x1b[31mREDME",
        b"\x1b[?1049lALTSCREEN",
        b"PWNEDTITLE\x07",
        b"PWNEDTWO\x1b\\",
        b"\x1bP1$qm",  # DCS request
    ]
    for needle in forbidden:
        assert needle not in raw, needle
    assert not re.search(rb"\x1b\]8;[^\x07\x1b]*;file:", raw), "an OSC 8 link to a file was written"
    assert not re.search(rb"\x1b\][02];[^\x07\x1b]*(PWNED|C1TITLE)", raw), "the window title was set from the article"
    text = raw.decode("utf-8", errors="replace")
    assert not [ch for ch in text if 0x80 <= ord(ch) <= 0x9F], "a C1 control was written"
    assert not INVISIBLE & set(text), "a bidi or zero-width character was written"


@pytest.fixture
def reader_env(tmp_path):
    return {"NEWSREADER_FORCE_TTY": "", "NEWSREADER_CACHE_DIR": str(tmp_path / "cache")}


def open_reader(path: Path, env: dict[str, str], last_word: str) -> PtyApp:
    app = PtyApp([sys.executable, "-m", "tui", str(path)], cols=100, rows=30, env=env)
    app.wait_for(last_word, timeout=60)
    app.settle(1.0, timeout=15)
    return app


def test_reader_shows_escape_sequences_as_placeholders(tmp_path, reader_env):
    path = tmp_path / "evil.txt"
    path.write_text(INJECTED, encoding="utf-8")
    before = digest(path)
    with open_reader(path, reader_env, "Golf") as app:
        screen = app.text
        for word in WORDS:
            assert word in screen, (word, screen)
        assert "\u241b" in screen  # ESC shown as a visible placeholder (␛)
        assert "PWNED" not in (app.screen.title or "") and "C1TITLE" not in (app.screen.title or "")
        assert app.proc.poll() is None  # still running: nothing in the text made it quit
        app.press("q")
        assert app.close() == 0
    assert_nothing_injected(bytes(app.raw))
    assert digest(path) == before


def test_reader_on_hostile_markdown(tmp_path, reader_env):
    """The same sequences in a Markdown file, plus links and HTML that point at local files."""
    path = tmp_path / "evil.md"
    path.write_text(
        INJECTED + '\nHotel [see this](file:///etc/passwd) and <a href="file:///etc/shadow">HTMLLINK</a> '
        "and ![img](file:///etc/hosts) India\n",
        encoding="utf-8",
    )
    with open_reader(path, reader_env, "India") as app:
        screen = app.text
        for word in ["Alpha", "CLEARME", "CLIPME", "LINKME", "EIGHTBIT", "REVERSED", "Hotel", "see this"]:
            assert word in screen, (word, screen)
        app.press("q")
        assert app.close() == 0
    assert_nothing_injected(bytes(app.raw))  # includes: no OSC 8 link to a file


def test_json_from_hostile_stdin():
    from tests.hostile_files import png_bytes

    out = subprocess.run(
        [sys.executable, "-m", "tui", "--json", "-"], input=png_bytes(), capture_output=True, timeout=120, cwd=ROOT
    )
    assert out.returncode == 1 and b"Traceback" not in out.stderr
    assert json.loads(out.stdout) == {"source": "-", "error": "binary file, not text"}
    out = subprocess.run([sys.executable, "-m", "tui", "-"], input=b"", capture_output=True, timeout=30, cwd=ROOT)
    assert out.returncode == 2
    assert one_error_line(out.stderr) == "newsreader: error: -: empty file, nothing to read"


def test_json_escapes_every_control_and_invisible_character(tmp_path):
    path = tmp_path / "evil.txt"
    path.write_text(INJECTED, encoding="utf-8")
    out = cli("--json", str(path), timeout=120)
    assert out.returncode == 0, out.stderr
    assert_nothing_injected(out.stdout)
    assert b"\x1b" not in out.stdout and b"\x07" not in out.stdout
    record = json.loads(out.stdout)
    assert record["title"] == INJECTED.split("\n")[0]  # the value itself is kept, only escaped
    check_record(record, INJECTED)


# --- markup injection --------------------------------------------------------------------------

MARKUP = (
    "Markup headline [bold red]BOLDRED[/] here\n\n"
    "Mayor Anne Hidalgo said [link=file:///etc/passwd]MARKLINK[/link] and [/] and [b]BEE[/b] in Paris.\n\n"
    "Press [@click=app.quit]CLICKQUIT[/] and [@click=app.bell]BELL[/] or $x {braces} \\[escaped] done.\n\n"
    "Last line [reverse]REVERSE[/reverse] [dim]DIM word\n"
)
LITERALS = [
    "[bold red]BOLDRED[/]",
    "[link=file:///etc/passwd]MARKLINK[/link]",
    "[b]BEE[/b]",
    "[@click=app.quit]CLICKQUIT[/]",
    "[@click=app.bell]BELL[/]",
    "{braces} \\[escaped]",
    "[reverse]REVERSE[/reverse]",
    "[dim]DIM",
]


def click_on(app: PtyApp, word: str) -> None:
    """A real SGR mouse click on `word` where it is on screen."""
    for y, line in enumerate(app.screen.display):
        x = line.find(word)
        if x >= 0:
            os.write(app.master, f"\x1b[<0;{x + 2};{y + 1}M\x1b[<0;{x + 2};{y + 1}m".encode())
            app.settle(0.5)
            return
    raise AssertionError(f"{word!r} not on screen:\n{app.text}")


def test_reader_shows_markup_literally_and_it_does_nothing(tmp_path, reader_env):
    path = tmp_path / "markup.txt"
    path.write_text(MARKUP, encoding="utf-8")
    with open_reader(path, reader_env, "DIM word") as app:
        screen = app.text
        for literal in LITERALS:
            assert literal in screen, (literal, screen)
        click_on(app, "CLICKQUIT")
        assert app.proc.poll() is None, "clicking text written as [@click=app.quit] quit the reader"
        app.press("q")
        assert app.close() == 0
    raw = bytes(app.raw)
    assert not re.search(rb"\x1b\]8;[^\x07\x1b]*;file:", raw), "article markup became a link"


# --- big inputs through --json, at sizes CI can afford (see benchmarks/bench_big_inputs.py) ---


@pytest.mark.parametrize(
    "name, text",
    [
        ("one-200kb-line.txt", lambda: one_long_line(200_000)),
        ("2000-lines.txt", lambda: many_paragraphs(2000, separator="\n")),
    ],
)
def test_json_on_big_inputs_is_bounded(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text(), encoding="utf-8")
    started = time.perf_counter()
    out = cli("--json", "--no-cache", str(path), timeout=300)
    seconds = time.perf_counter() - started
    assert out.returncode == 0, out.stderr[-500:]
    record = json.loads(out.stdout)
    check_record(record, path.read_text(encoding="utf-8"))
    assert sum(len(p["mentions"]) for p in record["people"]) > 100
    assert seconds < 300

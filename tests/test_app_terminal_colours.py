"""Colour in real terminals: the bytes that reach the terminal for each TERM / COLORTERM / NO_COLOR.

Each case runs the real reader in a pty (and two inside a real tmux server) on a warm analysis
cache, selects a speaker, and checks both the wire (which classes of SGR colour codes were sent)
and the screen (the article, the lists and the highlights are there and readable).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time

import pytest

from tests.terminal import ROOT, PtyApp, newsreader
from tui.widgets.targets import BAR_PATTERNS, SPEAKER_COLOURS

SEED = "seeds/000_fc0a23bac9f372ec.txt"
HEADLINE = "US wants Russia to agree to Ukraine truce"
SGR = re.compile(rb"\x1b\[([0-9;:]*)m")
COLOURS = ("16", "256", "truecolor")
STYLES = {1: "bold", 3: "italic", 4: "underline", 7: "reverse"}


def sgr_classes(raw: bytes) -> dict[str, int]:
    """Counts of colour codes by depth, and of the text styles, in everything written."""
    counts = dict.fromkeys(COLOURS + tuple(STYLES.values()), 0)
    for match in SGR.finditer(raw):
        params = match.group(1).decode().replace(":", ";").split(";")
        i = 0
        while i < len(params):
            code = int(params[i]) if params[i].isdigit() else -1
            if code in (38, 48) and i + 1 < len(params) and params[i + 1] in ("5", "2"):
                counts["256" if params[i + 1] == "5" else "truecolor"] += 1
                i += 3 if params[i + 1] == "5" else 5
                continue
            if 30 <= code <= 37 or 40 <= code <= 47 or 90 <= code <= 97 or 100 <= code <= 107:
                counts["16"] += 1
            elif code in STYLES:
                counts[STYLES[code]] += 1
            i += 1
    return counts


def test_sgr_classes_reads_each_depth():
    raw = b"\x1b[1;31m\x1b[38;5;208;4m\x1b[48;2;1;2;3m\x1b[7;102m\x1b[39;49m\x1b[0m"
    assert sgr_classes(raw) == {"16": 2, "256": 1, "truecolor": 1, "bold": 1, "italic": 0, "underline": 1, "reverse": 1}


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory):
    """One reader run fills the analysis cache; every case after it opens from the cache."""
    cache = tmp_path_factory.mktemp("colour-cache")
    env = {"NEWSREADER_FORCE_TTY": "1", "NEWSREADER_CACHE_DIR": str(cache)}
    with PtyApp(newsreader(SEED), env=env) as app:
        app.wait_for("mentions", 180)
        app.press("q")
        assert app.close() == 0
    return cache


def _invisible_letters(app: PtyApp) -> list[tuple[int, int, str]]:
    """Letters and digits drawn in their own background colour."""
    hidden = []
    for y in range(app.rows):
        row = app.screen.buffer[y]
        for x in range(app.cols):
            cell = row[x]
            if not cell.data.isalnum():
                continue
            fg, bg = (cell.bg, cell.fg) if cell.reverse else (cell.fg, cell.bg)
            if fg == bg and fg != "default":
                hidden.append((y, x, cell.data))
    return hidden


def _speaker_swatches(app: PtyApp) -> list[str]:
    """The colour of each speaker's swatch glyph in the sidebar, top to bottom."""
    lines = app.text.splitlines()
    top = next(y for y, line in enumerate(lines) if "Speakers" in line)
    bottom = next(y for y, line in enumerate(lines) if "Places" in line and y > top)
    swatches = []
    for y in range(top + 1, bottom):
        # the sidebar's swatch (a bar pattern), right of the article's own quote bars
        x = max(lines[y].rfind(glyph) for glyph in BAR_PATTERNS)
        if x > app.cols // 2:
            swatches.append((app.screen.buffer[y][x].fg, lines[y][x]))
    return swatches


def _styled_text(app: PtyApp, attribute: str) -> str:
    return "\n".join(
        "".join(app.screen.buffer[y][x].data if getattr(app.screen.buffer[y][x], attribute) else " " for x in range(app.cols))
        for y in range(app.rows)
    )


CASES = {
    # the usual SSH session: 256 colours, nothing says the terminal can do 24-bit colour
    "xterm-256color": ({"TERM": "xterm-256color"}, [], {"256"}),
    "truecolor": ({"TERM": "xterm-256color", "COLORTERM": "truecolor"}, [], {"truecolor"}),
    "xterm": ({"TERM": "xterm"}, [], {"16"}),
    "screen": ({"TERM": "screen"}, [], {"16"}),
    "light-16": ({"TERM": "xterm"}, ["--theme", "textual-light"], {"16"}),
    "ansi-dark-16": ({"TERM": "xterm"}, ["--theme", "ansi-dark"], {"16"}),
    "no-color": ({"NO_COLOR": "1"}, [], set()),
    "no-color-ansi": ({"NO_COLOR": "1", "TERM": "xterm"}, ["--theme", "ansi-light"], set()),
}


@pytest.mark.parametrize("case", list(CASES))
def test_colour_codes_match_the_terminal(case, warm_cache):
    extra_env, args, depths = CASES[case]
    env = {"NEWSREADER_FORCE_TTY": "1", "NEWSREADER_CACHE_DIR": str(warm_cache), **extra_env}
    with PtyApp(newsreader(SEED, *args), env=env) as app:
        app.wait_for("mentions", 60)
        app.press("s")
        app.press("\r")
        app.wait_for("quote 1/", 10)
        app.settle()
        counts = sgr_classes(bytes(app.raw))
        screen = app.text
        reversed_text = _styled_text(app, "reverse")
        hidden = _invisible_letters(app)
        swatches = _speaker_swatches(app)
        app.press("q")
        assert app.close() == 0

    for depth in COLOURS:
        assert (counts[depth] > 0) == (depth in depths), (depth, counts)
    for style in ("bold", "italic", "underline", "reverse"):
        assert counts[style] > 0, (style, counts)
    assert HEADLINE in screen and "Speakers" in screen and "Places" in screen, screen
    # the selected speaker stands out by reverse video in the article, with or without colour
    assert "Zelensky" in reversed_text, reversed_text
    assert hidden == [], hidden
    # Speakers are told apart: the first five by colour at every depth, all of them by colour and
    # bar pattern together. Without colour the pattern is the only cue.
    assert len(swatches) >= 6, swatches
    if depths:
        assert len({fg for fg, _ in swatches[:SPEAKER_COLOURS]}) == SPEAKER_COLOURS, swatches
        assert len(set(swatches)) == len(swatches), swatches
    else:
        assert {fg for fg, _ in swatches} == {"default"}, swatches
        assert len({glyph for _, glyph in swatches}) >= 2, swatches


def _tmux(socket: str, *args: str) -> str:
    out = subprocess.run(["tmux", "-S", socket, *args], capture_output=True, timeout=20, check=True)
    return out.stdout.decode("utf-8", "replace")


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
@pytest.mark.parametrize("inner_term", ["tmux-256color", "screen"])
def test_inside_a_real_tmux(inner_term, warm_cache, tmp_path):
    # a private server on a socket inside the test's directory: nothing shared, nothing left behind
    socket = str(tmp_path / f"nr-test-{os.getpid()}.sock")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLORTERM", "TMUX", "TEXTUAL")}
    env.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "NEWSREADER_CACHE_DIR": str(warm_cache)})
    seen_term = tmp_path / "term"
    command = f'cd {ROOT} && echo "$TERM" > {seen_term} && exec {sys.executable} -m tui {SEED}'
    try:
        subprocess.run(
            [
                "tmux",
                "-S",
                socket,
                "-f",
                os.devnull,
                "start-server",
                ";",
                "set-option",
                "-g",
                "default-terminal",
                inner_term,
                ";",
                "new-session",
                "-d",
                "-x",
                "100",
                "-y",
                "30",
                "-e",
                f"NEWSREADER_CACHE_DIR={warm_cache}",
                command,
            ],
            env=env,
            check=True,
            timeout=20,
            cwd=tmp_path,
        )

        def screen() -> str:
            return _tmux(socket, "capture-pane", "-p")

        deadline = time.monotonic() + 60
        while "mentions" not in screen():
            assert time.monotonic() < deadline, screen()
            time.sleep(0.2)
        assert seen_term.read_text().strip() == inner_term
        _tmux(socket, "send-keys", "s", "Enter")
        deadline = time.monotonic() + 10
        while "quote 1/" not in screen():
            assert time.monotonic() < deadline, screen()
            time.sleep(0.1)
        # the frame with the selection may still be on its way: give it a moment to land
        deadline = time.monotonic() + 5
        while True:
            counts = sgr_classes(_tmux(socket, "capture-pane", "-e", "-p").encode())
            if counts["reverse"] or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        text = screen()
        assert HEADLINE in text and "Speakers" in text and "Places" in text, text
        # tmux re-encodes what the reader drew: a 16-colour TERM leaves only 16-colour cells
        assert counts["truecolor"] == 0, counts
        assert (counts["256"] > 0) == ("256color" in inner_term), counts
        assert counts["16"] > 0 or counts["256"] > 0, counts
        assert counts["bold"] and counts["underline"] and counts["reverse"], counts
        _tmux(socket, "send-keys", "q")
    finally:
        subprocess.run(["tmux", "-S", socket, "kill-server"], capture_output=True, timeout=20)

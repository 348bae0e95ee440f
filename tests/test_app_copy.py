"""`y`: the quote in view goes to the clipboard with its attribution, over OSC 52."""

from __future__ import annotations

import base64
import re

from tests.app_support import with_quotes
from tests.terminal import PtyApp, newsreader
from tui.app import NewsReaderApp
from tui.widgets.bars import StatusLine

SEED = "seeds/000_fc0a23bac9f372ec.txt"
OSC52 = re.compile(rb"\x1b\]52;c;([A-Za-z0-9+/=]*)(?:\x07|\x1b\\)")


async def test_y_copies_the_quote_in_view(seed_article, seed_analysis):
    app = NewsReaderApp([seed_article], analyses=[with_quotes(seed_article, seed_analysis)])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "home", "enter", "n", "a")  # Zelensky's second quote, in view
        await pilot.press("y")
        copied = app.clipboard
        assert copied.startswith("“Everything depends on whether Russia")
        assert "” Volodymyr Zelensky said. (US wants Russia to agree" in copied
        assert "Copied quote 4 (Volodymyr Zelensky)" in app.query_one(StatusLine).plain


async def test_y_without_a_quote_in_view_says_so(seed_article, seed_analysis):
    analysis = with_quotes(seed_article, seed_analysis, quotes=[])
    app = NewsReaderApp([seed_article], analyses=[analysis])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("y")
        assert app.clipboard == ""
        assert "No quote in view to copy" in app.query_one(StatusLine).plain


def test_osc52_bytes_on_the_wire(tmp_path):
    """In a real terminal the citation leaves as one OSC 52 sequence: base64 of clean UTF-8."""
    env = {"NEWSREADER_FORCE_TTY": "1", "NEWSREADER_CACHE_DIR": str(tmp_path / "cache")}
    with PtyApp(newsreader(SEED), cols=100, rows=30, env=env) as app:
        app.wait_for("US wants Russia to agree to Ukraine truce", 30)
        app.wait_for("mentions", 120)  # the analysis is done
        app.settle()
        before = len(app.raw)
        app.press("y")
        app.wait_for("Copied quote", 5)
        sequences = OSC52.findall(bytes(app.raw[before:]))
        assert len(sequences) == 1, bytes(app.raw[before:])[:400]
        copied = base64.b64decode(sequences[0]).decode("utf-8")
        assert copied.startswith("“") and " said. (US wants Russia to agree to Ukraine truce" in copied, copied
        assert copied.endswith(f"{SEED})")
        assert all(ch.isprintable() for ch in copied)
        app.press("q")
        assert app.close() == 0

"""The reader in a real pseudo-terminal at 100x30: what a user sees, and a clean exit."""

from __future__ import annotations

import re

import pytest

from tests.terminal import PtyApp, newsreader

SEED = "seeds/000_fc0a23bac9f372ec.txt"


def test_seed_in_a_real_terminal(tmp_path):
    env = {"NEWSREADER_FORCE_TTY": "1", "NEWSREADER_CACHE_DIR": str(tmp_path / "cache")}
    with PtyApp(newsreader(SEED), cols=100, rows=30, env=env) as app:
        app.wait_for("US wants Russia to agree to Ukraine truce", 30)
        app.wait_for("Also mentioned", 120)
        app.wait_for("mentions", 120)  # the lists are filled: the analysis is done
        app.settle()
        lines = app.text.splitlines()
        assert "US wants Russia to agree to Ukraine truce" in lines[0]
        # the sidebar: everything right of the column where "Speakers" stands
        column = next(line.index("Speakers") for line in lines if "Speakers" in line)
        sidebar = "\n".join(line[column:] for line in lines)
        assert "Places" in sidebar
        for place in ("Russia", "Ukraine", "Kyiv"):
            assert place in sidebar, sidebar
        for name in ("Zelensky", "Rubio", "Peskov", "Trump", "Dunayevsky", "serviceman"):
            assert name in sidebar, sidebar
        # walk down the Speakers list to Dunayevsky and select him
        app.press("s")
        for _ in range(12):
            if "Dunayevsky — " in app.text:
                break
            app.press("\r")
            if "Dunayevsky — " in app.text:
                break
            app.press("j")
        app.wait_for("Peace will come when Putin dies", 5)
        # a place: enter selects, N (shift+n, as a terminal sends it) walks backwards and wraps
        app.press("p")
        app.press("\r")
        app.wait_for("Russia — mention 1/", 5)
        app.press("N")
        app.settle()
        assert re.search(r"Russia — mention (\d+)/\1\b", app.text), app.text
        # page down writes little: no smooth-scroll animation on the wire
        app.press("a")
        app.settle()  # leaving the list repaints the sidebar (its focus rule): not part of the page
        _, written = app.press(" ")
        assert written < 6000, written
        app.press("q")
        assert app.close() == 0


@pytest.mark.parametrize("size", [(80, 24)])
def test_narrow_terminal_keeps_the_text_and_toggles_the_sidebar(tmp_path, size):
    env = {"NEWSREADER_FORCE_TTY": "1", "NEWSREADER_CACHE_DIR": str(tmp_path / "cache")}
    cols, rows = size
    with PtyApp(newsreader(SEED), cols=cols, rows=rows, env=env) as app:
        app.wait_for("US wants Russia", 30)
        assert "Speakers" not in app.text
        app.press("\x02")  # ctrl+b
        app.wait_for("Speakers", 5)
        app.resize(120, 40)
        app.wait_for("Places", 5)
        app.press("q")
        assert app.close() == 0

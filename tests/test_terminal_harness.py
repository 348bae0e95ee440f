"""The pty harness itself: what it reports must match what a program really drew."""

from __future__ import annotations

import sys

import pytest

from tests.terminal import PtyApp


def test_sees_text_and_counts_bytes():
    script = "import sys,time; sys.stdout.write('\\x1b[2J\\x1b[5;10Hhello there'); sys.stdout.flush(); time.sleep(0.3)"
    with PtyApp([sys.executable, "-c", script], cols=40, rows=10) as app:
        app.wait_for("hello there", 10)
        assert app.screen.display[4][9:20] == "hello there"
        assert b"\x1b[2J" in app.raw
        assert app.close() == 0


def test_timeout_reports_the_screen():
    with PtyApp([sys.executable, "-c", "print('something else'); import time; time.sleep(2)"], cols=40, rows=5) as app:
        with pytest.raises(TimeoutError, match="something else"):
            app.wait_for("never shown", 0.5)

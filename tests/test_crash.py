"""A bug in newsreader: one line, exit 70, the stack in a crash log, local variables nowhere.

The bug is planted by replacing one method before the real command line runs (in a child
process on a real pty); the crash handler itself is the real one. Before it existed the reader
printed Textual's traceback with local variables on the terminal (621 KB over SSH)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

from tests.terminal import ROOT, PtyApp

SECRET_PARTS = ("LOCAL", "-SECRET-", "4711")  # joined only at run time: the source line never shows it
SECRET = "".join(SECRET_PARTS)

PLANT_IN_APP = """
import sys
import tui.app
def on_mount(self):
    hidden = "".join({parts!r})
    raise RuntimeError("planted bug")
tui.app.NewsReaderApp.on_mount = on_mount
from tui.cli import main
raise SystemExit(main(sys.argv[1:]))
"""

PLANT_IN_CLI = """
import sys
import tui.cli
def run_json(args):
    hidden = "".join({parts!r})
    return {{}}[hidden]
tui.cli.run_json = run_json
raise SystemExit(tui.cli.main(sys.argv[1:]))
"""


def _crash_logs(state_home):
    return sorted((state_home / "newsreader").glob("crash-*.log"))


def test_a_crash_in_the_reader_is_one_line_and_exit_70(tmp_path, seed_path):
    env = {"XDG_STATE_HOME": str(tmp_path / "state"), "NEWSREADER_CACHE_DIR": str(tmp_path / "cache"), "HOME": str(tmp_path)}
    code = PLANT_IN_APP.format(parts=SECRET_PARTS)
    with PtyApp([sys.executable, "-c", code, str(seed_path)], env=env) as app:
        status = app.close(timeout=60)
        raw = bytes(app.raw)
    assert status == 70
    [log] = _crash_logs(tmp_path / "state")
    assert b"newsreader: internal error, details in ~/state/newsreader/crash-" in raw
    assert b"Traceback" not in raw and SECRET.encode() not in raw and b"planted bug" not in raw
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    text = log.read_text()
    assert "RuntimeError: planted bug" in text and "on_mount" in text
    assert SECRET not in text  # the stack, never the locals
    # The terminal is given back: the last thing on screen is the line, not a half-drawn frame.
    assert "newsreader: internal error" in [line for line in app.text.splitlines() if line.strip()][-1]


def test_a_crash_outside_the_reader_is_one_line_and_exit_70(tmp_path, seed_path):
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "HOME": str(tmp_path)}
    code = PLANT_IN_CLI.format(parts=SECRET_PARTS)
    proc = subprocess.run(
        [sys.executable, "-c", code, "--json", str(seed_path)], capture_output=True, env=env, cwd=ROOT, timeout=60
    )
    assert proc.returncode == 70
    assert proc.stdout == b""
    [line] = proc.stderr.decode().splitlines()
    assert line.startswith("newsreader: internal error, details in ~/state/newsreader/crash-")
    [log] = _crash_logs(tmp_path / "state")
    assert "KeyError" in log.read_text() and SECRET in log.read_text().split("KeyError", 1)[1]  # the message, as Python gives it
    assert "hidden = " not in log.read_text().split("Traceback", 1)[0]


def test_old_crash_logs_are_pruned(tmp_path, monkeypatch):
    from tui import crash

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    for _ in range(crash.KEEP + 5):
        try:
            raise ValueError("x")
        except ValueError as exc:
            path = crash.record(exc)
        os.utime(path, (0, 0)) if path and len(_crash_logs(tmp_path)) == 1 else None
    assert len(_crash_logs(tmp_path)) <= crash.KEEP

"""A reader whose terminal hangs up exits, even with SIGHUP ignored (as under `nohup`).

Before, such a reader lived on under PID 1 at ~99 % CPU: Textual's input thread read end-of-file
from the dead terminal in a loop."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from tests.terminal import PtyApp

HEADLINE = "US wants Russia to agree to Ukraine truce"
# Ignore SIGHUP, then become the reader: an ignored signal stays ignored across exec.
NOHUP = "import os, signal, sys; signal.signal(signal.SIGHUP, signal.SIG_IGN); os.execv(sys.executable, [sys.executable, '-m', 'tui', *sys.argv[1:]])"


def _gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state == "Z":
            return True  # exited; only the reaping is left
        time.sleep(0.05)
    return False


def _sighup_ignored(pid: int) -> bool:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigIgn:"):
            return bool(int(line.split()[1], 16) & (1 << (signal.SIGHUP - 1)))
    return False


def test_reader_with_sighup_ignored_exits_when_its_terminal_closes(seed_path, tmp_path):
    state = tmp_path / "state"
    with PtyApp([sys.executable, "-c", NOHUP, str(seed_path)], env={"XDG_STATE_HOME": str(state)}) as app:
        app.wait_for(HEADLINE, timeout=60)
        assert _sighup_ignored(app.proc.pid)
        os.close(app.master)  # the terminal goes away: the kernel hangs the slave up
        app.master = os.open(os.devnull, os.O_RDONLY)  # so the harness has something to close
        # Functional bound only; the watch polls every 0.25 s.
        assert _gone(app.proc.pid, timeout=10), "the reader outlived its terminal"
        # 129 even when a write to the dead terminal fails before the watch's next poll (it did
        # under load, and the reader reported an internal error): the hang-up is not a bug.
        assert app.proc.wait(5) == 129
    assert not list(state.rglob("crash-*.log")), "a hang-up was logged as a crash"

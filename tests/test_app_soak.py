"""Soak: a thousand rounds of ordinary use in a real pty, and the reader's memory stays flat.

Each round opens and closes help, searches, selects a speaker and goes back to the article, and
switches file. Before, help alone grew the reader from 44 to 186 MiB over 1,000 rounds, with no
plateau, and `q` then took over 10 s. Not timed: RSS is read from /proc, the only bound on time
is a generous functional timeout. Takes several minutes on a busy machine (marked slow, still
part of the suite)."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from tests.terminal import PtyApp, newsreader

ROUND = [b"?", b"\x1b", b"/Ru", b"\r", b"\x1b", b"s", b"j", b"\r", b"a", b"]"]
WARM_UP = 100  # rounds before the baseline: caches (strips, styles) fill up to their bounds
GROWTH_LIMIT_MIB = 10


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def step(app: PtyApp, keys: bytes, quiet: float = 0.03, timeout: float = 0.5) -> None:
    """Send keys and wait until the reader has answered and then been quiet for `quiet` s.

    Only a pace: keys are queued in order whatever happens, so a key that changes nothing on screen
    (`a` when the article already has focus) costs `timeout` and no more; at 2 s it made the
    thousand rounds take most of an hour."""
    before = len(app.raw)
    os.write(app.master, keys)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app.pump(quiet) == 0 and len(app.raw) > before:
            return
    # Some keys change nothing on screen (e.g. `a` when the article has focus): that is fine.


def soak(files: list[str], rounds: int, env: dict[str, str], every: int = 50) -> tuple[list[float], float]:
    """Returns (RSS after every `every` rounds, seconds `q` took to end the reader)."""
    samples = []
    with PtyApp(newsreader(*files), env=env) as app:
        app.wait_for("US wants Russia", timeout=60)
        app.wait_for(" mentions", timeout=180)  # the analysis is shown: the sidebar counts mentions
        for n in range(1, rounds + 1):
            for keys in ROUND:
                step(app, keys)
            if n % every == 0:
                samples.append(rss_mib(app.proc.pid))
        sent = time.monotonic()
        os.write(app.master, b"q")
        status = app.close(timeout=30)
        took = time.monotonic() - sent
        assert status == 0
    return samples, took


@pytest.mark.slow
def test_a_thousand_rounds_of_ordinary_use_do_not_grow_memory(tmp_path, seed_path):
    second = tmp_path / "second.txt"
    shutil.copy(seed_path, second)  # same text under another name: file switching, one analysis
    env = {"NEWSREADER_CACHE_DIR": str(tmp_path / "cache")}
    rounds = int(os.environ.get("NEWSREADER_SOAK_ROUNDS", "1000"))
    samples, quit_took = soak([str(seed_path), str(second)], rounds, env)
    baseline = samples[WARM_UP // 50 - 1]
    growth = max(samples) - baseline
    print(
        f"RSS MiB every 50 rounds: {[round(s) for s in samples]}; growth after warm-up {growth:.1f}; q took {quit_took:.2f} s",
        file=sys.stderr,
    )
    assert growth <= GROWTH_LIMIT_MIB, samples
    assert quit_took < 5  # functional bound; the target (1 s) is printed above

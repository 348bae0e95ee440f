"""The server's log tells the truth about the cache warm-up, and its file list is fixed at start.

Before: "analysis cache ready" was logged when nothing could be written, and a killed warm-up
process went unmentioned."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time

import asyncssh

from tests.terminal import ROOT
from tests.test_serve import HEADLINE, SCREEN_TIMEOUT, _children_of, cli_server, make_key, open_reader, readers_of
from tui.serve.warm import WARM_OK, WARM_UNWRITABLE


def _keys(tmp_path):
    client = make_key(tmp_path / "id")
    keys = tmp_path / "authorized_keys"
    keys.write_bytes(client.export_public_key())
    return keys


def _wait_for(log, text: str, proc, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        content = log.read_text() if log.exists() else ""
        if text in content:
            return content
        assert proc.poll() is None
        time.sleep(0.2)
    raise AssertionError(f"{text!r} not logged:\n{log.read_text()}")


def test_warm_up_exit_status_says_when_nothing_could_be_written(tmp_path, seed_path):
    """The server logs "ready" only on status 0; before, an unwritable cache also gave 0."""
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be")
    env = {**os.environ, "NEWSREADER_CACHE_DIR": str(blocker / "cache")}
    proc = subprocess.run([sys.executable, "-m", "tui.serve.warm", str(seed_path)], env=env, cwd=ROOT, timeout=300)
    assert proc.returncode == WARM_UNWRITABLE
    env["NEWSREADER_CACHE_DIR"] = str(tmp_path / "cache")
    proc = subprocess.run([sys.executable, "-m", "tui.serve.warm", str(seed_path)], env=env, cwd=ROOT, timeout=300)
    assert proc.returncode == WARM_OK


def test_with_an_unwritable_cache_sessions_share_one_analysis(tmp_path, seed_path):
    """Ten sessions used to run ten analyses (2.65 GiB); now they read the one the warm-up made."""
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be")
    log = tmp_path / "serve.log"
    args = [str(seed_path), "--authorized-keys", str(_keys(tmp_path)), "--host-key", str(tmp_path / "hk"), "--log", str(log)]
    with cli_server(*args, env={"NEWSREADER_CACHE_DIR": str(blocker / "cache")}) as (proc, port, _banner):
        text = _wait_for(log, "analysis cache ready", proc)
        assert "not writable; sessions share " in text
        shared = text.split("sessions share ", 1)[1].split()[0]

        async def sessions() -> list[int]:
            workers: list[int] = []

            async def watch() -> None:
                while True:
                    for reader in readers_of(proc.pid):
                        workers.extend(_children_of(reader, b"tui.analysis_worker"))
                    await asyncio.sleep(0.02)

            watcher = asyncio.create_task(watch())
            async with asyncio.timeout(SCREEN_TIMEOUT * 2):
                for _ in range(2):
                    async with asyncssh.connect(
                        "127.0.0.1",
                        port,
                        username="reader",
                        known_hosts=None,
                        client_keys=[str(tmp_path / "id")],
                        agent_path=None,
                    ) as conn:
                        reader = await open_reader(conn)
                        await reader.read_until(" mentions", SCREEN_TIMEOUT)  # the analysis is shown: the sidebar counts mentions
            watcher.cancel()
            return workers

        assert asyncio.run(sessions()) == []  # no session analysed on its own
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
    assert not os.path.exists(shared)  # removed at shutdown


def test_a_killed_warm_up_is_logged(tmp_path, seed_path):
    log = tmp_path / "serve.log"
    args = [str(seed_path), "--authorized-keys", str(_keys(tmp_path)), "--host-key", str(tmp_path / "hk"), "--log", str(log)]
    with cli_server(*args, env={"NEWSREADER_CACHE_DIR": str(tmp_path / "cache")}) as (proc, _port, _banner):
        deadline = time.monotonic() + 30
        while not (warm := _children_of(proc.pid, b"tui.serve.warm")) and time.monotonic() < deadline:
            time.sleep(0.05)
        [pid] = warm
        os.kill(pid, signal.SIGKILL)
        text = _wait_for(log, "warm-up was killed (SIGKILL)", proc, timeout=30)
    assert "cache ready" not in text


def test_files_are_resolved_at_start_so_a_swapped_symlink_is_not_followed(tmp_path, seed_path):
    other = tmp_path / "other.txt"
    other.write_text("A different story entirely\n\nNobody said anything here.\n")
    link = tmp_path / "today.txt"
    link.symlink_to(seed_path)
    args = [str(link), "--authorized-keys", str(_keys(tmp_path)), "--host-key", str(tmp_path / "hk")]
    with cli_server(*args, env={"NEWSREADER_CACHE_DIR": str(tmp_path / "cache")}) as (_proc, port, _banner):
        link.unlink()
        link.symlink_to(other)

        async def session() -> None:
            async with asyncio.timeout(SCREEN_TIMEOUT + 30):
                async with asyncssh.connect(
                    "127.0.0.1", port, username="reader", known_hosts=None, client_keys=[str(tmp_path / "id")], agent_path=None
                ) as conn:
                    reader = await open_reader(conn)
                    await reader.read_until(HEADLINE, SCREEN_TIMEOUT)
                    assert "A different story" not in reader.text

        asyncio.run(session())

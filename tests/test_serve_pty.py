"""Readers never outlive the server: `nohup newsreader serve`, two sessions, `kill -9` the server.

The server resets the readers' signal dispositions (nohup's ignored SIGHUP is inherited across
exec) and gives each its own session and process group on its own pty; when the server dies the
kernel hangs up every pty and the readers end. Before, they lived on under PID 1 at ~99 % CPU."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import asyncssh

from tests.test_hangup import _gone
from tests.test_serve import HEADLINE, SCREEN_TIMEOUT, cli_server, make_key, open_reader, readers_of


def _nohup() -> None:
    signal.signal(signal.SIGHUP, signal.SIG_IGN)


def _sig_ignored(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigIgn:"):
            return int(line.split()[1], 16)
    return 0


def test_readers_end_when_a_nohup_server_is_killed(tmp_path, seed_path):
    client = make_key(tmp_path / "id")
    keys = tmp_path / "authorized_keys"
    keys.write_bytes(client.export_public_key())
    with cli_server(str(seed_path), "--authorized-keys", str(keys), "--host-key", str(tmp_path / "hk"), preexec_fn=_nohup) as (
        proc,
        port,
        _banner,
    ):
        assert _sig_ignored(proc.pid) & (1 << (signal.SIGHUP - 1))

        async def two_sessions_then_kill() -> list[int]:
            async with asyncio.timeout(SCREEN_TIMEOUT * 2):
                conns = [
                    await asyncssh.connect(
                        "127.0.0.1",
                        port,
                        username="reader",
                        known_hosts=None,
                        client_keys=[str(tmp_path / "id")],
                        agent_path=None,
                    )
                    for _ in range(2)
                ]
                for conn in conns:
                    reader = await open_reader(conn)
                    await reader.read_until(HEADLINE, SCREEN_TIMEOUT)
                readers = readers_of(proc.pid)
                assert len(readers) == 2
                for pid in readers:
                    assert not _sig_ignored(pid) & (1 << (signal.SIGHUP - 1))  # reset by the server
                    assert os.getsid(pid) == pid and os.getpgid(pid) == pid  # a session of its own
                os.kill(proc.pid, signal.SIGKILL)
                for conn in conns:
                    conn.abort()
                return readers

        readers = asyncio.run(two_sessions_then_kill())
        proc.wait(10)
        for pid in readers:
            assert _gone(pid, timeout=10), f"reader {pid} outlived the killed server"

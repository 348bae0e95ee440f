# ruff: noqa: F811 - `serve` is the fixture imported from test_serve, requested by name
"""Limits before login: a flood of connections that never log in neither locks out a valid user
nor fills the log; running out of file descriptors costs one log line, never a traceback.

Flooders connect from other loopback addresses (127.0.0.2 and up: all of 127/8 is this machine),
the valid user from 127.0.0.1, so the per-address fairness is what is being tested."""

from __future__ import annotations

import asyncio
import resource
import socket

import asyncssh
import pytest

from tests.test_serve import HEADLINE, SCREEN_TIMEOUT, cli_server, make_key, open_reader, serve  # noqa: F401 - the fixture
from tui.serve.limits import PreauthGate, PreauthLimits, RateLimitedLine
from tui.serve.server import UsageError, parse_args

# -- the gate on its own ----------------------------------------------------------------------------


def test_gate_drops_with_rising_chance_between_start_and_full():
    limits = PreauthLimits(start=10, rate=30, full=100, per_source=1000)
    never = PreauthGate(limits, chance=lambda: 0.999)  # the dice always say "keep" below 100 %
    for i in range(100):
        assert never.admit(i, "10.0.0.1").admitted
    assert never.admit(100, "10.0.0.1").reason == "full"
    always = PreauthGate(limits, chance=lambda: 0.0)
    for i in range(10):
        assert always.admit(i, "10.0.0.1").admitted
    assert always.admit(10, "10.0.0.1").reason == "max-startups"
    halfway = PreauthGate(limits, chance=lambda: 0.6)  # drop chance at 55 pending is 65 %
    admitted = sum(halfway.admit(i, "10.0.0.1").admitted for i in range(200))
    assert 10 < admitted < 100


def test_gate_caps_each_address_and_always_lets_a_new_address_in():
    gate = PreauthGate(PreauthLimits(start=10, rate=30, full=20, per_source=10), chance=lambda: 0.999)
    for i in range(10):
        assert gate.admit(("a", i), "10.0.0.1").admitted
    assert gate.admit(("a", 10), "10.0.0.1").reason == "per-source"
    for i in range(10):
        assert gate.admit(("b", i), "10.0.0.2").admitted
    assert len(gate) == 20
    newcomer = gate.admit("user", "127.0.0.1")
    assert newcomer.admitted and newcomer.evict == ("a", 0)  # the oldest of the busiest address
    gate.release(newcomer.evict)
    assert len(gate) == 20
    gate.release("user")
    gate.release("user")  # twice is harmless
    assert len(gate) == 19


def test_rate_limited_line_counts_what_it_held_back():
    lines = []
    say = RateLimitedLine(lines.append, interval=3600)
    for _ in range(1000):
        say("busy")
    assert lines == ["busy"]
    say.interval = 0
    say("busy")
    assert lines[-1] == "busy (999 more since the last such line)"


def test_limits_are_configurable_and_checked():
    config = parse_args(["x.txt", "--authorized-keys", "k", "--login-grace-time", "5", "--max-startups", "3:50:9"])
    assert config.preauth == PreauthLimits(start=3, rate=50, full=9, per_source=10, grace=5.0)
    for bad in (
        ["--login-grace-time", "0"],
        ["--max-startups", "10:30"],
        ["--max-startups", "50:30:10"],
        ["--per-source-max-startups", "0"],
    ):
        with pytest.raises(UsageError):
            parse_args(["x.txt", "--authorized-keys", "k", *bad])


# -- end to end ---------------------------------------------------------------------------------------


async def _idle_flood(port: int, count: int, sources: int) -> list[socket.socket]:
    """`count` connections that send a version line and then nothing, from `sources` addresses."""
    socks = []
    for i in range(count):
        sock = socket.socket()
        sock.setblocking(False)
        sock.bind((f"127.0.0.{2 + i % sources}", 0))
        try:
            await asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", port))
            sock.send(b"SSH-2.0-x\r\n")
        except OSError:
            pass  # turned away already: that is the point
        socks.append(sock)
    return socks


async def test_a_valid_user_gets_the_reader_through_500_idle_connections(serve):
    served = await serve()
    socks = await _idle_flood(served.port, 500, sources=10)
    try:
        await asyncio.sleep(0.5)
        # Every flooder still counted is bounded by the table, not by the flood.
        assert len(served.state.preauth) <= PreauthLimits.full
        assert len(served.state.connections) <= PreauthLimits.full
        async with asyncio.timeout(SCREEN_TIMEOUT + 30), served.connect() as conn:
            client = await open_reader(conn)
            await client.read_until(HEADLINE, SCREEN_TIMEOUT)
    finally:
        for sock in socks:
            sock.close()
    busy = [line for line in served.log_lines() if " busy: " in line]
    assert 1 <= len(busy) <= 3  # rate-limited, with a count
    assert len(served.log_lines()) < 50


async def test_idle_logins_are_closed_after_the_grace_time(serve):
    served = await serve(preauth=PreauthLimits(grace=1.0))
    socks = await _idle_flood(served.port, 5, sources=1)
    try:
        await served.wait_for_log("dropped before-login", count=5, timeout=20)
        assert len(served.state.preauth) == 0
    finally:
        for sock in socks:
            sock.close()


def test_out_of_file_descriptors_is_one_line_and_the_listener_recovers(tmp_path, seed_path):
    """The table is set larger than the descriptor limit, so accept() does fail with EMFILE."""
    client = make_key(tmp_path / "id")
    keys = tmp_path / "authorized_keys"
    keys.write_bytes(client.export_public_key())
    log = tmp_path / "serve.log"

    def low_fd_limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (96, 96))

    args = [str(seed_path), "--authorized-keys", str(keys), "--host-key", str(tmp_path / "hk"), "--log", str(log)]
    args += ["--max-startups", "500:0:500", "--per-source-max-startups", "500", "--login-grace-time", "60"]
    with cli_server(*args, preexec_fn=low_fd_limit) as (proc, port, _banner):

        async def flood_then_login() -> None:
            socks = await _idle_flood(port, 200, sources=1)
            await asyncio.sleep(3)  # several of asyncio's one-second accept retries
            for sock in socks:
                sock.close()
            async with asyncio.timeout(SCREEN_TIMEOUT + 30):
                async with asyncssh.connect(
                    "127.0.0.1", port, username="reader", known_hosts=None, client_keys=[str(tmp_path / "id")], agent_path=None
                ) as conn:
                    reader = await open_reader(conn)
                    await reader.read_until(HEADLINE, SCREEN_TIMEOUT)

        asyncio.run(flood_then_login())
        assert proc.poll() is None
    text = log.read_text()
    assert "Traceback" not in text
    assert len([line for line in text.splitlines() if "out of file descriptors" in line]) == 1
    assert proc.stderr.read().count(b"\n") <= 2  # the banner's two lines, nothing more

"""Sessions forked from the zygote (tui/serve/zygote.py, forks.py): a real server on 127.0.0.1,
the asyncssh client, real ptys, the real reader or tests/serve_probe.py as the session's program.

What must hold whatever the zygote does: each session is a process of its own on its own pty,
with its own environment and size; its end (or its death) is that session's alone; the zygote
dying costs new sessions nothing but speed; a client leaving still ends its reader.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_serve import HEADLINE, PROBE, SCREEN_TIMEOUT, ZYGOTE_TIMEOUT, _alive, _ppid, open_probe, open_reader, serve
from tui.serve import forks

__all__ = ["serve"]  # the fixture, shared with test_serve.py


def _threads(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/task"))


async def _replaced(state, old_pid: int) -> int:
    async with asyncio.timeout(ZYGOTE_TIMEOUT):
        while not (state.zygote.ready and state.zygote.pid != old_pid):
            await asyncio.sleep(0.05)
    return state.zygote.pid


async def test_forked_session_paints_the_seed_and_exits_with_the_readers_status(serve):
    served = await serve()
    zygote = served.state.zygote.pid
    assert _threads(zygote) == 1  # no thread (and so no event loop thread) in a process that forks
    async with asyncio.timeout(SCREEN_TIMEOUT + 30):
        async with served.connect() as conn:
            client = await open_reader(conn)
            await client.read_until(HEADLINE, SCREEN_TIMEOUT)
            [session] = list(served.state.sessions)
            assert session.child.forked and _ppid(session.child.pid) == zygote
            client.press(b"q")
            result = await asyncio.wait_for(client.proc.wait(), 30)
            assert result.exit_status == 0
    assert _threads(zygote) == 1 and served.state.zygote.pid == zygote


async def test_a_forked_programs_exit_status_reaches_the_client(serve):
    served = await serve(command=PROBE)
    async with asyncio.timeout(SCREEN_TIMEOUT + 30):
        async with served.connect() as conn:
            probe = await open_probe(conn)
            seen = await probe.report()
            # Forked from the zygote: the reader's modules are there, asyncssh and threads are not.
            assert seen["loaded"] == {"asyncssh": False, "textual.app": True, "tui.app": True}
            assert seen["threads"] == 1 and seen["ppid"] == served.state.zygote.pid
            probe.press(b"exit 7\r")
            result = await asyncio.wait_for(probe.proc.wait(), 30)
    assert result.exit_status == 7
    assert (await served.wait_for_log(" closed "))[0].endswith(" exit=7")


async def test_two_sessions_get_their_own_terminal_size_and_locale(serve):
    served = await serve(command=PROBE)
    async with asyncio.timeout(SCREEN_TIMEOUT * 2):
        async with served.connect() as c1, served.connect() as c2:
            one_env = {"LANG": "de_DE.UTF-8", "LC_TERMINAL": "iTerm2"}
            one = await open_probe(c1, size=(80, 24), term="screen-256color", env=one_env)
            two = await open_probe(c2, size=(132, 43), term="xterm-256color", env={"LANG": "fr_FR.UTF-8", "TZ": "Asia/Tokyo"})
            first, second = await one.report(), await two.report()
            assert first["pid"] != second["pid"] and first["sid"] != second["sid"]
            assert (first["env"]["TERM"], first["size"], first["env"]["LANG"]) == ("screen-256color", [80, 24], "de_DE.UTF-8")
            assert (second["env"]["TERM"], second["size"], second["env"]["LANG"]) == ("xterm-256color", [132, 43], "fr_FR.UTF-8")
            assert second["env"]["TZ"] == "Asia/Tokyo" and "TZ" not in first["env"]
            # Textual reads LC_TERMINAL when its key parser is imported: the zygote imported it,
            # each session reads it again from its own environment.
            assert (first["iterm"], second["iterm"]) == (True, False)
            assert first["env"]["SSH_CONNECTION"] != second["env"]["SSH_CONNECTION"]
            assert first["env"]["SSH_TTY"] != second["env"]["SSH_TTY"]
            one.resize(90, 30)  # one session's window changes; the other's does not
            await asyncio.sleep(0.2)
            one.press(b"again\r")
            two.press(b"again\r")
            assert (await one.report(1))["size"] == [90, 30]
            assert (await two.report(1))["size"] == [132, 43]


async def test_killing_one_forked_reader_leaves_the_other_working(serve):
    served = await serve()
    async with asyncio.timeout(SCREEN_TIMEOUT * 2):
        async with served.connect() as c1, served.connect() as c2:
            victim, other = await open_reader(c1), await open_reader(c2)
            await asyncio.gather(victim.read_until(HEADLINE, SCREEN_TIMEOUT), other.read_until(HEADLINE, SCREEN_TIMEOUT))
            by_port = {s.info.peer_port: s for s in served.state.sessions}
            assert all(s.child.forked for s in by_port.values())
            victim_pid = by_port[c1.get_extra_info("sockname")[1]].child.pid
            os.kill(victim_pid, signal.SIGKILL)
            result = await asyncio.wait_for(victim.proc.wait(), 30)
            assert result.exit_signal is not None and result.exit_signal[0] == "KILL"
            other.resize(90, 25)
            await other.new_output(SCREEN_TIMEOUT)
            assert not other.proc.is_closing() and len(served.children()) == 1
            assert _threads(served.state.zygote.pid) == 1


async def test_a_killed_zygote_is_replaced_and_sessions_go_on(serve):
    served = await serve(command=PROBE)
    state = served.state
    async with asyncio.timeout(SCREEN_TIMEOUT * 3):
        async with served.connect() as c1:
            old = await open_probe(c1)
            assert (await old.report())["ppid"] == (first_zygote := state.zygote.pid)
            os.kill(first_zygote, signal.SIGKILL)
            await served.wait_for_log("session zygote ended (killed by SIGKILL)")
            second_zygote = await _replaced(state, first_zygote)
            async with served.connect() as c2:
                new = await open_probe(c2)
                assert (await new.report())["ppid"] == second_zygote
            # The session forked from the dead zygote still answers, and its end still ends it;
            # its exit status died with the zygote that would have reaped it.
            old.press(b"again\r")
            assert (await old.report(1))["pid"] == (await old.report())["pid"]
            old.press(b"exit 3\r")
            result = await asyncio.wait_for(old.proc.wait(), 30)
            assert result.exit_status in (None, -1)
    await served.wait_for_log(" exit=unknown")


async def test_sessions_start_fresh_while_there_is_no_zygote(serve, monkeypatch):
    monkeypatch.setattr(forks, "ZYGOTE_MODULE", "tests.no_such_zygote")  # dies at once, every time
    served = await serve(command=PROBE, zygote=False)
    served.state.zygote = forks.ZygoteKeeper(dict(os.environ), served.state.log.line)
    served.state.zygote.start()
    await served.wait_for_log("session zygote ended (exit 1)")
    async with asyncio.timeout(SCREEN_TIMEOUT + 30):
        async with served.connect() as conn:
            probe = await open_probe(conn)
            seen = await probe.report()
            [session] = list(served.state.sessions)
            assert not session.child.forked and seen["ppid"] == os.getpid()
            probe.press(b"exit 5\r")
            assert (await asyncio.wait_for(probe.proc.wait(), 30)).exit_status == 5
    await served.state.zygote.stop()


@pytest.mark.parametrize("stubborn", [False, True], ids=["hup", "hup-ignored"])
async def test_disconnect_ends_a_forked_reader_sighup_then_sigkill(serve, stubborn):
    served = await serve(command=PROBE)
    async with asyncio.timeout(SCREEN_TIMEOUT + 30):
        conn = await served.connect()
        probe = await open_probe(conn)
        pid = (await probe.report())["pid"]
        [session] = list(served.state.sessions)
        child = session.child
        assert child.forked
        if stubborn:
            probe.press(b"ignore-hup\r")
            await probe.read_until("IGNORING", 10)
        conn.abort()
        while _alive(pid) or served.state.sessions:
            await asyncio.sleep(0.05)
    # SIGHUP ends it at once; one that ignores SIGHUP is killed after the grace period.
    assert child.returncode == (-signal.SIGKILL if stubborn else -signal.SIGHUP)
    assert not Path(f"/proc/{pid}").exists()  # reaped (by the zygote), not a zombie


async def test_the_zygote_holds_the_served_analyses_once_the_cache_has_them(serve, monkeypatch, tmp_path, seed_path):
    """Forked readers share the zygote's copy of each served file's analysis; a zygote started
    before the warm-up filled the cache loads them when told to."""
    monkeypatch.setenv("NEWSREADER_CACHE_DIR", str(tmp_path / "cache"))
    served = await serve(command=PROBE)
    async with asyncio.timeout(SCREEN_TIMEOUT * 2):
        async with served.connect() as conn:
            assert (await (await open_probe(conn)).report())["resident"] == 0  # nothing cached yet
        warm = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tui.serve.warm", str(seed_path), stdout=subprocess.DEVNULL
        )
        assert await warm.wait() == 0
        served.state.zygote.load_analyses()
        await asyncio.sleep(0.5)  # the zygote reads the entry between two forks
        async with served.connect() as conn:
            assert (await (await open_probe(conn)).report())["resident"] == 1


def test_a_resident_analysis_is_the_cached_one(tmp_path, monkeypatch, seed_path):
    from tui import runner
    from tui.web import open_source

    monkeypatch.setenv("NEWSREADER_CACHE_DIR", str(tmp_path / "cache"))
    subprocess.run([sys.executable, "-m", "tui.serve.warm", str(seed_path)], check=True, timeout=300)
    article = open_source(str(seed_path))
    monkeypatch.setattr(runner, "_resident", {})
    assert runner.keep_resident(article)
    held = runner.cached_analysis(article)
    assert held is not next(iter(runner._resident.values()))  # a copy: the reader may set fields
    monkeypatch.setattr(runner, "_resident", {})
    assert held == runner.cached_analysis(article)  # the same as read from the cache file

"""`newsreader serve` end to end: a real SSH server on 127.0.0.1, the asyncssh client, real keys
on disk and real reader processes on real ptys.

Assertions on the screen use only article text (the seed headline), so they hold for any reader UI.
Servers here fork sessions from the zygote (they wait until it is ready) unless a test asks for
`zygote=False`; what a session's process sees from the inside is checked with tests/serve_probe.py.
Every server here is bounded: in-process ones are closed by the fixture, subprocess ones are
SIGTERMed and, failing that, killed; each test body runs under an asyncio timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import io
import json
import os
import re
import select
import signal
import socket
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import asyncssh
import pyte
import pytest

from tui.serve import ConnectionLog, ServeConfig, start_server
from tui.serve.keys import AuthorizedKeys, load_or_create_host_key

HEADLINE = "US wants Russia to agree to Ukraine truce"
SCREEN_TIMEOUT = 60  # one reader starting on a busy 2-core machine
CONCURRENT_TIMEOUT = 120  # ten of them at once
ZYGOTE_TIMEOUT = 60  # the zygote importing the reader on a busy machine
PROBE = [sys.executable, "-m", "tests.serve_probe"]


def make_key(path: Path) -> asyncssh.SSHKey:
    key = asyncssh.generate_private_key("ssh-ed25519")
    key.write_private_key(str(path))
    return key


class Served:
    """An in-process server plus what the tests need to talk to it and inspect it."""

    def __init__(self, tmp_path: Path, server, state, log: io.StringIO, client_key: Path) -> None:
        self.tmp_path = tmp_path
        self.server = server
        self.state = state
        self.log = log
        self.client_key = client_key
        self.port = server.sockets[0].getsockname()[1]

    def connect(self, key: Path | None = None, **kwargs):
        options = dict(
            username="reader", known_hosts=None, client_keys=[str(key or self.client_key)], agent_path=None, connect_timeout=30
        )
        options.update(kwargs)
        return asyncssh.connect("127.0.0.1", self.port, **options)

    def children(self) -> list[int]:
        return [s.child.pid for s in self.state.sessions if s.child is not None and s.child.pid]

    def log_lines(self) -> list[str]:
        return self.log.getvalue().splitlines()

    async def wait_for_log(self, text: str, count: int = 1, timeout: float = 15) -> list[str]:
        """Log lines are written when the connection is torn down, a moment after the client leaves."""
        async with asyncio.timeout(timeout):
            while len(found := [line for line in self.log_lines() if text in line]) < count:
                await asyncio.sleep(0.05)
        return found


@pytest.fixture
async def serve(tmp_path, seed_path):
    started: list[tuple] = []

    async def start(**overrides) -> Served:
        client_key = tmp_path / "id_client"
        if not client_key.exists():
            key = make_key(client_key)
            (tmp_path / "authorized_keys").write_bytes(b"# the team\n" + key.export_public_key())
        config = ServeConfig(
            files=[str(seed_path)],
            host="127.0.0.1",
            port=0,
            authorized_keys=tmp_path / "authorized_keys",
            host_key=tmp_path / "host_key",
            max_sessions=12,
            idle_timeout=0,
            log=None,
        )
        for name, value in overrides.items():
            setattr(config, name, value)
        log = io.StringIO()
        host_key, _ = load_or_create_host_key(config.host_key)
        server, state = await start_server(config, AuthorizedKeys(config.authorized_keys), host_key, ConnectionLog(log))
        started.append((server, state))
        if state.zygote is not None:
            async with asyncio.timeout(ZYGOTE_TIMEOUT):
                while not state.zygote.ready:
                    await asyncio.sleep(0.05)
        return Served(tmp_path, server, state, log, client_key)

    yield start
    for server, state in started:
        pids = [s.child.pid for s in state.sessions if s.child is not None]
        server.close()
        await server.wait_closed()
        await asyncio.wait_for(state.shutdown(), 30)
        for pid in pids:
            assert not _alive(pid), f"reader {pid} outlived the server"


def _alive(pid: int) -> bool:
    """True while the process exists, zombies included (a zombie means nobody reaped it)."""
    return Path(f"/proc/{pid}").exists()


class Client:
    """One interactive SSH session seen the way its user sees it: the bytes go through a VT100
    emulator, so assertions are on the screen, whatever escape sequences the reader chooses."""

    def __init__(self, proc, size: tuple[int, int]) -> None:
        self.proc = proc
        self.screen = pyte.Screen(*size)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    def shows(self, needle: str) -> bool:
        return needle in self.text or needle.encode() in self.raw

    async def read_until(self, needle: str, timeout: float) -> None:
        """Read until `needle` is on the screen (or in the raw stream, for server notices)."""
        try:
            async with asyncio.timeout(timeout):
                while not self.shows(needle):
                    if not await self.pump():
                        break
        except TimeoutError:
            pass
        assert self.shows(needle), f"{needle!r} not seen after {len(self.raw)} bytes; screen:\n{self.text}"

    async def pump(self) -> int:
        chunk = await self.proc.stdout.read(65536)
        self.raw += chunk
        self.stream.feed(chunk)
        return len(chunk)

    async def new_output(self, timeout: float) -> None:
        """Wait for the reader to write anything at all (e.g. a repaint after a resize)."""
        async with asyncio.timeout(timeout):
            assert await self.pump(), "the session ended instead of answering"

    def resize(self, cols: int, rows: int) -> None:
        self.screen.resize(rows, cols)
        self.proc.change_terminal_size(cols, rows)

    def press(self, keys: bytes) -> None:
        self.proc.stdin.write(keys)


async def open_reader(conn, size=(100, 30)) -> Client:
    proc = await conn.create_process(term_type="xterm-256color", term_size=size, encoding=None)
    return Client(proc, size)


class Probe(Client):
    """A session running tests/serve_probe.py: its reports, parsed."""

    def reports(self) -> list[dict]:
        complete = self.raw.decode(errors="replace").split("\r\n")[:-1]
        return [json.loads(line.split("PROBE ", 1)[1]) for line in complete if line.startswith("PROBE ")]

    async def report(self, index: int = 0, timeout: float = SCREEN_TIMEOUT) -> dict:
        """Report number `index` (0: the one made at start; send `again` for more)."""
        async with asyncio.timeout(timeout):
            while len(self.reports()) <= index:
                assert await self.pump(), f"the probe ended; output:\n{self.raw.decode(errors='replace')}"
        return self.reports()[index]


async def open_probe(conn, size=(100, 30), term="xterm-256color", env=None) -> Probe:
    proc = await conn.create_process(term_type=term, term_size=size, env=env or {}, encoding=None)
    return Probe(proc, size)


def _master_winsize(session) -> tuple[int, int]:
    rows, cols, _, _ = struct.unpack("HHHH", fcntl.ioctl(session.child._master, termios.TIOCGWINSZ, bytes(8)))
    return cols, rows


# -- the happy path ---------------------------------------------------------------------------------


async def test_authorized_key_gets_the_reader_on_a_real_pty(serve):
    served = await serve()
    async with asyncio.timeout(SCREEN_TIMEOUT + 30):
        async with served.connect() as conn:
            client = await open_reader(conn)
            await client.read_until(HEADLINE, SCREEN_TIMEOUT)
            [session] = list(served.state.sessions)
            pid = session.child.pid
            assert session.child.forked and os.getppid() != _ppid(pid) == served.state.zygote.pid
            # The pty is the reader's controlling terminal and the reader its foreground group,
            # which is what makes the kernel's SIGWINCH reach it.
            stat_fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            session_id, tty_nr, tpgid = int(stat_fields[3]), int(stat_fields[4]), int(stat_fields[5])
            assert session_id == pid and tty_nr != 0 and tpgid == pid
            assert _master_winsize(session) == (100, 30)

            client.resize(72, 20)
            async with asyncio.timeout(10):
                while _master_winsize(session) != (72, 20):
                    await asyncio.sleep(0.05)
            await client.new_output(SCREEN_TIMEOUT)  # the reader got SIGWINCH and repainted

            client.press(b"q")
            result = await asyncio.wait_for(client.proc.wait(), 30)
            assert result.exit_status == 0
        async with asyncio.timeout(10):
            while _alive(pid) or served.state.sessions:
                await asyncio.sleep(0.05)
        fp = asyncssh.read_private_key(str(served.client_key)).get_fingerprint("sha256")
        async with asyncio.timeout(10):
            while not any(" closed " in line for line in served.log_lines()):
                await asyncio.sleep(0.05)
    accepted = [line for line in served.log_lines() if " accepted " in line]
    closed = [line for line in served.log_lines() if " closed " in line]
    assert len(accepted) == 1 and len(closed) == 1
    iso = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"
    assert re.fullmatch(rf"{iso} 127\.0\.0\.1:\d+ {re.escape(fp)} accepted user=reader", accepted[0])
    assert re.fullmatch(rf"{iso} 127\.0\.0\.1:\d+ {re.escape(fp)} closed user=reader duration=\d+\.\ds exit=0", closed[0])


def _ppid(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


@pytest.mark.parametrize("zygote", [True, False], ids=["forked", "spawned"])
async def test_session_environment_is_the_clients_terminal_and_the_servers_rest(serve, monkeypatch, zygote):
    """What the session's process sees from the inside: its TERM, SSH_CONNECTION and UTF-8
    locale, whether forked from the zygote or started fresh."""
    served = await serve(command=PROBE, zygote=zygote)
    async with asyncio.timeout(SCREEN_TIMEOUT + 30):
        async with served.connect() as conn:
            probe = await open_probe(conn)
            seen = await probe.report()
            [session] = list(served.state.sessions)
            assert session.child.pid == seen["pid"] and getattr(session.child, "forked", False) == zygote
    env = seen["env"]
    assert env["TERM"] == "xterm-256color"
    assert re.fullmatch(r"127\.0\.0\.1 \d+ 127\.0\.0\.1 \d+", env["SSH_CONNECTION"])
    assert env["SSH_CONNECTION"].endswith(f" {served.port}")
    assert env["SSH_CLIENT"].split()[0] == "127.0.0.1"
    assert "utf" in (env.get("LC_ALL") or env.get("LC_CTYPE") or env.get("LANG", "")).lower()
    assert "utf" in seen["ctype"].lower().replace("-", "")
    assert seen["size"] == [100, 30] and seen["ttys"] == [True, True, True]
    assert seen["sid"] == seen["pid"] == seen["pgid"] == seen["tpgid"]
    assert seen["cwd"] == os.getcwd()
    assert seen["signals"]["SIGHUP"] == str(signal.SIG_DFL) and seen["signals"]["SIGPIPE"] == str(signal.SIG_IGN)
    assert seen["blocked"] == []


@pytest.mark.parametrize("zygote", [True, False], ids=["forked", "spawned"])
async def test_client_controls_only_terminal_locale_and_colour_hints(serve, monkeypatch, zygote):
    # The server's own terminal must not leak into sessions ...
    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.setenv("COLUMNS", "33")
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    monkeypatch.delenv("LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_CTYPE", raising=False)
    served = await serve(command=PROBE, zygote=zygote)
    client_env = {
        "LANG": "de_DE.UTF-8",
        "NO_COLOR": "1",
        "LD_PRELOAD": "/tmp/evil.so",
        "PATH": "/tmp/evil",
        "PYTHONPATH": "/tmp/evil",
        "TERM": "dumb",
        "LC_TIME": "x\x1b[2J",
    }
    async with asyncio.timeout(SCREEN_TIMEOUT + 30):
        async with served.connect() as conn:
            probe = await open_probe(conn, term="xterm;reboot", env=client_env)
            env = (await probe.report())["env"]
    # ... the client sets its locale and colour wishes, and nothing that changes what runs.
    assert env["LANG"] == "de_DE.UTF-8" and env["NO_COLOR"] == "1"
    assert "LD_PRELOAD" not in env and "LC_TIME" not in env
    assert env["PATH"] == os.environ["PATH"]
    assert "/tmp/evil" not in env["PYTHONPATH"]
    assert env["TERM"] == "xterm-256color"  # an unusable terminal name falls back to a safe default
    assert "COLORTERM" not in env and "COLUMNS" not in env and "TMUX" not in env
    assert env["SSH_TTY"].startswith("/dev/pts/")


@pytest.mark.parametrize("zygote", [True, False], ids=["forked", "spawned"])
async def test_c_locale_is_replaced_by_utf8(serve, monkeypatch, zygote):
    monkeypatch.setenv("LANG", "C")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_CTYPE", raising=False)
    served = await serve(command=PROBE, zygote=zygote)
    async with asyncio.timeout(SCREEN_TIMEOUT + 30):
        async with served.connect() as conn:
            seen = await (await open_probe(conn)).report()
    assert seen["env"]["LC_ALL"] == "C.UTF-8"
    assert seen["ctype"] == "C.UTF-8" and seen["stdout_encoding"].lower().replace("-", "") == "utf8"


# -- who gets in ------------------------------------------------------------------------------------


async def test_unknown_key_is_refused_and_logged(serve, tmp_path):
    served = await serve()
    stranger = make_key(tmp_path / "id_stranger")
    async with asyncio.timeout(30):
        with pytest.raises(asyncssh.PermissionDenied):
            async with served.connect(key=tmp_path / "id_stranger"):
                pass
        while not any(" refused " in line for line in served.log_lines()):
            await asyncio.sleep(0.05)
    [line] = [line for line in served.log_lines() if " refused " in line]
    assert f" {stranger.get_fingerprint('sha256')} refused user=reader reason=key-not-authorized" in line
    assert not served.state.sessions


async def test_password_and_keyboard_interactive_are_refused(serve):
    served = await serve()
    async with asyncio.timeout(30):
        with pytest.raises(asyncssh.PermissionDenied):
            async with served.connect(client_keys=None, password="hunter2", preferred_auth="password"):
                pass
        with pytest.raises(asyncssh.PermissionDenied):
            async with served.connect(client_keys=None, password="hunter2", preferred_auth="keyboard-interactive"):
                pass
        while sum(" refused " in line for line in served.log_lines()) < 2:
            await asyncio.sleep(0.05)
    assert all("reason=no-public-key-offered" in line for line in served.log_lines() if " refused " in line)


async def test_revoking_a_key_takes_effect_without_restart(serve, tmp_path):
    served = await serve()
    async with asyncio.timeout(30):
        async with served.connect():
            pass
        (tmp_path / "authorized_keys").write_text("# nobody for now\n")
        with pytest.raises(asyncssh.PermissionDenied):
            async with served.connect():
                pass


# -- limits -----------------------------------------------------------------------------------------


async def test_ten_concurrent_sessions_all_reach_the_screen(serve):
    served = await serve(max_sessions=10)

    async def one_session(index: int) -> int:
        async with served.connect() as conn:
            client = await open_reader(conn, size=(90 + index, 24))
            await client.read_until(HEADLINE, CONCURRENT_TIMEOUT)
            return len(served.children())

    started = time.monotonic()
    async with asyncio.timeout(CONCURRENT_TIMEOUT + 30):
        counts = await asyncio.gather(*(one_session(i) for i in range(10)))
    assert max(counts) >= 2, "sessions were not running at the same time"
    print(f"10 concurrent sessions reached the screen in {time.monotonic() - started:.1f}s")


async def test_sessions_over_the_limit_get_a_message_and_are_closed(serve):
    served = await serve(max_sessions=1)
    async with asyncio.timeout(SCREEN_TIMEOUT + 30):
        async with served.connect() as first, served.connect() as second:
            client1 = await open_reader(first)
            await client1.read_until(HEADLINE, SCREEN_TIMEOUT)
            client2 = await open_reader(second)
            await client2.read_until("server busy (all 1 sessions in use)", 30)
            result = await asyncio.wait_for(client2.proc.wait(), 30)
            assert result.exit_status == 1
            assert not client2.shows(HEADLINE)
            assert len(served.children()) == 1
            client1.resize(90, 25)
            await client1.new_output(SCREEN_TIMEOUT)  # the first session is unaffected
        await served.wait_for_log(" closed ", count=2)
    assert sum(line.endswith(" busy") for line in served.log_lines()) == 1


async def test_idle_session_is_closed_but_typing_keeps_it_open(serve):
    served = await serve(idle_timeout=3)
    async with asyncio.timeout(SCREEN_TIMEOUT + 60):
        async with served.connect() as conn:
            client = await open_reader(conn)
            await client.read_until(HEADLINE, SCREEN_TIMEOUT)
            [session] = list(served.state.sessions)
            pid = session.child.pid
            # Input more often than the timeout keeps the session open past the timeout.
            for _ in range(8):  # 4 s, longer than the timeout
                client.press(b"\x1b[B")  # cursor down: harmless to any reader
                last_input = time.monotonic()
                await asyncio.sleep(0.5)
            assert not client.proc.is_closing() and _alive(pid)
            await client.read_until("closed after 3 s without input", 30)
            await asyncio.wait_for(client.proc.wait_closed(), 30)
            assert 2.9 <= time.monotonic() - last_input <= 30
        async with asyncio.timeout(10):
            while _alive(pid):
                await asyncio.sleep(0.05)
    assert b"\x1b[?1049l\r\nnewsreader: closed" in client.raw  # back on the main screen first
    assert (await served.wait_for_log(" closed "))[0].endswith(" idle")


async def test_logged_in_connection_without_a_session_is_closed_when_idle(serve):
    served = await serve(idle_timeout=2)
    async with asyncio.timeout(30):
        conn = await served.connect()
        started = time.monotonic()
        await conn.wait_closed()
        assert time.monotonic() - started >= 1.9
    assert (await served.wait_for_log(" closed "))[0].endswith(" no-session,idle")


async def test_killing_one_reader_leaves_the_others_working(serve):
    served = await serve()
    async with asyncio.timeout(SCREEN_TIMEOUT * 2):
        async with served.connect() as c1, served.connect() as c2, served.connect() as c3:
            clients = [await open_reader(c) for c in (c1, c2, c3)]
            await asyncio.gather(*(c.read_until(HEADLINE, SCREEN_TIMEOUT) for c in clients))
            by_pid = {s.child.pid: s for s in served.state.sessions}
            assert len(by_pid) == 3
            victim_port = c1.get_extra_info("sockname")[1]
            victim_pid = next(pid for pid, s in by_pid.items() if s.info.peer_port == victim_port)
            os.kill(victim_pid, signal.SIGKILL)
            result = await asyncio.wait_for(clients[0].proc.wait(), 30)
            assert result.exit_signal is not None and result.exit_signal[0] == "KILL"
            # The other two still answer: each repaints on resize and its process lives on.
            for client in clients[1:]:
                client.resize(90, 25)
                await client.new_output(SCREEN_TIMEOUT)
                assert not client.proc.is_closing()
            assert len(served.children()) == 2 and victim_pid not in served.children()
        await served.wait_for_log(" closed ", count=3)
    [killed] = [line for line in served.log_lines() if "signal=KILL" in line]
    assert f":{victim_port} " in killed


async def test_client_drop_kills_and_reaps_the_reader(serve):
    served = await serve()
    async with asyncio.timeout(SCREEN_TIMEOUT + 30):
        conn = await served.connect()
        client = await open_reader(conn)
        await client.read_until(HEADLINE, SCREEN_TIMEOUT)
        [pid] = served.children()
        conn.abort()
        while _alive(pid) or served.state.sessions:
            await asyncio.sleep(0.05)
        while not any(" closed " in line for line in served.log_lines()):
            await asyncio.sleep(0.05)
    assert any("client-dropped" in line or "client-eof" in line for line in served.log_lines())


# Stands in for a reader that starts a helper in a session of its own, as the real reader does
# with its analysis worker: such helpers escape a signal to the reader's process group.
READER_WITH_HELPER = f"""
import subprocess, sys, time
helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"], start_new_session=True)
print({HEADLINE!r}, "helper", helper.pid, flush=True)
time.sleep(300)
"""


def _running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's zombie is its new parent's to reap, not ours)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


async def test_client_drop_also_ends_helpers_the_reader_started_in_their_own_session(serve):
    served = await serve(command=[sys.executable, "-c", READER_WITH_HELPER])
    async with asyncio.timeout(30):
        conn = await served.connect()
        client = await open_reader(conn)
        await client.read_until(HEADLINE, 20)
        await client.read_until(" helper ", 5)
        # From the byte stream, not the screen: there the PID may wrap onto the next line.
        while not (found := re.search(rb" helper (\d+)\s", client.raw)):
            assert await client.pump(), client.raw[-200:]
        helper = int(found.group(1))
        try:
            [reader] = served.children()
            assert _running(helper) and os.getpgid(helper) != reader
            conn.abort()
            while _running(helper) or _alive(reader):
                await asyncio.sleep(0.05)
        finally:
            if _running(helper):  # the test failed: do not leave the helper behind
                os.kill(helper, signal.SIGKILL)


async def test_session_without_a_terminal_is_told_to_use_ssh_t(serve):
    served = await serve()
    async with asyncio.timeout(30):
        async with served.connect() as conn:
            result = await conn.run(check=False, encoding=None)
    assert result.exit_status == 1
    assert b"needs a terminal" in result.stdout
    assert not served.state.sessions


# -- the command line ---------------------------------------------------------------------------------


def run_cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", "serve", *args], capture_output=True, timeout=timeout)


def _one_error_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, result.stderr
    err = result.stderr.decode()
    assert b"Traceback" not in result.stderr
    assert err.count("\n") == 1 and err.startswith("newsreader: error: "), err
    return err


def test_refuses_to_start_without_usable_authorized_keys(tmp_path, seed_path):
    hk = str(tmp_path / "hk")
    err = _one_error_line(run_cli(str(seed_path), "--port", "0", "--host-key", hk))
    assert "--authorized-keys" in err
    err = _one_error_line(run_cli(str(seed_path), "--port", "0", "--host-key", hk, "--authorized-keys", str(tmp_path / "nope")))
    assert "no such file" in err
    empty = tmp_path / "empty_keys"
    empty.write_text("# nobody\n\n")
    err = _one_error_line(run_cli(str(seed_path), "--port", "0", "--host-key", hk, "--authorized-keys", str(empty)))
    assert "no valid public key" in err
    garbage = tmp_path / "garbage_keys"
    garbage.write_text("ssh-ed25519 notbase64 me@there\n")
    err = _one_error_line(run_cli(str(seed_path), "--port", "0", "--host-key", hk, "--authorized-keys", str(garbage)))
    assert "no valid public key" in err
    assert not Path(hk).exists(), "no host key is created for a server that does not start"


def test_bad_article_or_arguments_are_one_line_errors(tmp_path, seed_path):
    keys = tmp_path / "authorized_keys"
    keys.write_bytes(make_key(tmp_path / "id").export_public_key())
    err = _one_error_line(run_cli(str(tmp_path / "missing.txt"), "--authorized-keys", str(keys)))
    assert "missing.txt: no such file" in err
    _one_error_line(run_cli(str(seed_path), "--authorized-keys", str(keys), "--max-sessions", "0"))
    _one_error_line(run_cli(str(seed_path), "--authorized-keys", str(keys), "--port", "70000"))
    _one_error_line(run_cli(str(seed_path), "--authorized-keys", str(keys), "--idle-timeout", "soon"))
    _one_error_line(run_cli("-", "--authorized-keys", str(keys)))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        err = _one_error_line(
            run_cli(str(seed_path), "--authorized-keys", str(keys), "--host-key", str(tmp_path / "hk"), "--port", port)
        )
        assert f"cannot listen on 127.0.0.1:{port}" in err
    loose = tmp_path / "loose_host_key"
    loose.write_bytes(asyncssh.generate_private_key("ssh-ed25519").export_private_key())
    loose.chmod(0o644)
    err = _one_error_line(run_cli(str(seed_path), "--authorized-keys", str(keys), "--host-key", str(loose), "--port", "0"))
    assert "readable by other users" in err


@contextlib.contextmanager
def cli_server(*args: str, env: dict[str, str] | None = None, preexec_fn=None):
    """`newsreader serve` as a user runs it; yields (process, port, stderr lines so far).
    Always stopped afterwards: SIGTERM, then SIGKILL."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", *args, "--port", "0"],
        stderr=subprocess.PIPE,
        bufsize=0,
        env={**os.environ, **(env or {})},
        preexec_fn=preexec_fn,
    )
    try:
        banner: list[str] = []
        line = wait_for_line(proc, r" on 127\.0\.0\.1:(\d+);", 60, banner)
        port = int(re.search(r":(\d+);", line).group(1))
        wait_for_line(proc, r"host key SHA256:", 10, banner)
        yield proc, port, banner
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)


def wait_for_line(proc: subprocess.Popen, pattern: str, timeout: float, seen: list[str]) -> str:
    """The first stderr line matching `pattern`; never blocks past `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stderr], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        raw = proc.stderr.readline()  # unbuffered pipe: reads exactly one line
        if not raw:
            break
        seen.append(raw.decode(errors="replace"))
        if re.search(pattern, seen[-1]):
            return seen[-1]
    raise AssertionError(f"no stderr line matching {pattern!r} within {timeout}s:\n{''.join(seen)}")


def _children_of(pid: int, module: bytes = b"tui") -> list[int]:
    """Processes `python -m <module> ...` started by the server process `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                argv = (entry / "cmdline").read_bytes().split(b"\0")
            except (OSError, IndexError, ValueError):
                continue
            if ppid == pid and argv[1:3] == [b"-m", module]:
                found.append(int(entry.name))
    return found


def readers_of(server: int) -> list[int]:
    """The session readers of the server process `server`: its own `-m tui` children (started
    fresh) and the zygote's children (forked, so they carry the zygote's command line)."""
    return _children_of(server) + [pid for zygote in _children_of(server, b"tui.serve.zygote") for pid in _all_children(zygote)]


def _all_children(pid: int) -> list[int]:
    return [int(e.name) for e in Path("/proc").iterdir() if e.name.isdigit() and _ppid_or_none(int(e.name)) == pid]


def _ppid_or_none(pid: int) -> int | None:
    try:
        return _ppid(pid)
    except (OSError, IndexError, ValueError):
        return None


def test_host_key_is_created_0600_reused_and_sigterm_or_sigint_exit_cleanly(tmp_path, seed_path):
    client = make_key(tmp_path / "id")
    keys = tmp_path / "authorized_keys"
    keys.write_bytes(client.export_public_key())
    host_key = tmp_path / "state" / "newsreader" / "host_key"
    fingerprints = []
    for round_, stop_signal in enumerate((signal.SIGTERM, signal.SIGINT)):
        with cli_server(str(seed_path), "--authorized-keys", str(keys), "--host-key", str(host_key)) as (proc, port, banner):
            assert (host_key.stat().st_mode & 0o777) == 0o600
            assert ("(created " in banner[1]) == (round_ == 0)
            fingerprints.append(re.search(r"SHA256:\S+", banner[1]).group(0))

            async def hold_a_session() -> list[int]:
                async with asyncssh.connect(
                    "127.0.0.1", port, username="reader", known_hosts=None, client_keys=[str(tmp_path / "id")], agent_path=None
                ) as conn:
                    served_key = conn.get_server_host_key().get_fingerprint("sha256")
                    assert served_key == fingerprints[-1]
                    client = await open_reader(conn)
                    await client.read_until(HEADLINE, SCREEN_TIMEOUT)
                    [reader_pid] = readers_of(proc.pid)
                    helpers = _children_of(proc.pid, b"tui.serve.warm") + _children_of(proc.pid, b"tui.serve.zygote")
                    proc.send_signal(stop_signal)
                    await client.read_until("newsreader: server shutting down", 30)
                    await asyncio.wait_for(client.proc.wait_closed(), 30)
                    return [reader_pid, *helpers]

            async def bounded():
                async with asyncio.timeout(SCREEN_TIMEOUT + 60):
                    return await hold_a_session()

            children = asyncio.run(bounded())
            assert proc.wait(30) == 0
            rest = proc.stderr.read().decode()
            assert "Traceback" not in rest and " stopped" in rest
            assert not any(_alive(pid) for pid in children)
    assert fingerprints[0] == fingerprints[1]


def test_analysis_cache_is_filled_in_the_background_at_start(tmp_path, seed_path):
    client = make_key(tmp_path / "id")
    keys = tmp_path / "authorized_keys"
    keys.write_bytes(client.export_public_key())
    cache, log = tmp_path / "cache", tmp_path / "serve.log"
    with cli_server(
        str(seed_path),
        "--authorized-keys",
        str(keys),
        "--host-key",
        str(tmp_path / "hk"),
        "--log",
        str(log),
        env={"NEWSREADER_CACHE_DIR": str(cache)},
    ) as (proc, _port, _banner):
        deadline = time.monotonic() + 120
        while " analysis cache ready in " not in log.read_text() and time.monotonic() < deadline:
            assert proc.poll() is None
            time.sleep(0.2)
        assert " analysis cache ready in " in log.read_text()
        assert list((cache / "analysis").glob("*/*.json"))
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
    assert re.search(r"Z - - listening 127\.0\.0\.1:\d+ ", log.read_text())
    assert log.read_text().endswith(" - - stopped\n")
    assert b" - - " not in proc.stderr.read()  # with --log, stderr keeps only the banner

# ruff: noqa: F811 - `serve` is the fixture imported from test_serve, requested by name
"""authorized_keys options, honoured the way sshd honours them: a real asyncssh client logging in
to a real server on 127.0.0.1, one option (or one combination) per case.

Before these options were checked, every listed key logged in whatever its options said."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import asyncssh
import pytest

from tests.test_serve import make_key, serve  # noqa: F401 - the fixture
from tui.serve.keys import KEY_OPTIONS, parse_expiry

FUTURE = (datetime.now(UTC) + timedelta(days=400)).strftime("%Y%m%d")


async def _login(serve, tmp_path, options: str) -> tuple[bool, list[str]]:
    """Write one key line with `options`, try to log in; returns (got in, log lines)."""
    key = make_key(tmp_path / "id_opt")
    public = key.export_public_key().decode().strip()
    served = await serve()
    (tmp_path / "authorized_keys").write_text(f"{options} {public}\n" if options else public + "\n")
    ok = True
    async with asyncio.timeout(30):
        try:
            async with served.connect(key=tmp_path / "id_opt"):
                pass
        except asyncssh.PermissionDenied:
            ok = False
        outcome = " accepted " if ok else " refused "
        while not any(outcome in line for line in served.log_lines()):
            await asyncio.sleep(0.05)
    return ok, served.log_lines()


def _refusal(lines: list[str]) -> str:
    [line] = [line for line in lines if " key-refused " in line]
    return line


@pytest.mark.parametrize(
    ("options", "reason"),
    [
        ('expiry-time="20200101",restrict,no-pty,command="/bin/false"', "expiry-time"),
        ('expiry-time="20200101"', "expired 2020-01-01"),
        ('expiry-time="202001011230Z"', "expired 2020-01-01T12:30"),
        ('expiry-time="tomorrow"', "not a date"),
        ('from="10.0.0.0/8,192.168.*"', "127.0.0.1 does not match"),
        ('from="!127.0.0.1,*"', "does not match"),
        ("no-pty", "the reader needs a terminal"),
        ("restrict,no-pty", "the reader needs a terminal"),
        ('command="/bin/false"', "the reader is the only command"),
        ('principals="alice"', "certificates are not accepted"),
        ("verify-required", "verification"),
        ("frobnicate", "frobnicate: unknown option"),
        ('frobnicate="1"', "unknown option"),
        ('FROM="10.0.0.1"', "lower case"),
    ],
)
async def test_refusing_options_keep_the_key_out_and_say_why(serve, tmp_path, options, reason):
    ok, lines = await _login(serve, tmp_path, options)
    assert not ok
    line = _refusal(lines)
    assert reason in line, line
    assert [line for line in lines if " refused " in line][0].endswith("reason=key-option")


async def test_cert_authority_line_is_not_a_user_key(serve, tmp_path):
    ok, lines = await _login(serve, tmp_path, "cert-authority")
    assert not ok
    assert "certificates are not accepted" in _refusal(lines)


@pytest.mark.parametrize(
    ("options", "note"),
    [
        ("restrict", "restrict (already enforced"),
        ("no-agent-forwarding,no-port-forwarding,no-X11-forwarding,no-user-rc", "no-X11-forwarding (already enforced)"),
        ('permitopen="localhost:80"', "port forwarding is never offered"),
        ("restrict,pty", "pty (every session has a terminal)"),
        ('environment="PATH=/evil"', "ignored"),
        ('from="127.0.0.1"', ""),
        ('from="10.*,127.0.0.*"', ""),
        (f'expiry-time="{FUTURE}"', ""),
    ],
)
async def test_options_this_server_already_enforces_let_the_key_in_and_are_logged(serve, tmp_path, options, note):
    ok, lines = await _login(serve, tmp_path, options)
    assert ok, lines
    [accepted] = [line for line in lines if " accepted " in line]
    assert note in accepted
    assert not any(" key-refused " in line for line in lines)


async def test_a_refused_line_does_not_hide_a_usable_line_for_the_same_key(serve, tmp_path):
    key = make_key(tmp_path / "id_two")
    public = key.export_public_key().decode().strip()
    served = await serve()
    (tmp_path / "authorized_keys").write_text(f'from="10.0.0.1" {public}\nrestrict {public}\n')
    async with asyncio.timeout(30), served.connect(key=tmp_path / "id_two"):
        pass


def test_every_option_sshd_documents_has_a_decision():
    sshd = (
        "agent-forwarding cert-authority command environment expiry-time from no-agent-forwarding "
        "no-port-forwarding no-pty no-user-rc no-x11-forwarding permitlisten permitopen port-forwarding "
        "principals pty no-touch-required verify-required restrict tunnel user-rc x11-forwarding"
    ).split()
    assert sorted(KEY_OPTIONS) == sorted(sshd)


def test_expiry_time_forms():
    assert parse_expiry("20200101Z") == datetime(2020, 1, 1, tzinfo=UTC)
    assert parse_expiry("202001011230Z") == datetime(2020, 1, 1, 12, 30, tzinfo=UTC)
    assert parse_expiry("20200101123045Z") == datetime(2020, 1, 1, 12, 30, 45, tzinfo=UTC)
    assert parse_expiry("20200101").tzinfo is not None  # local time, made aware
    for bad in ("2020", "20201301", "2020010112", "20200101x", ""):
        assert parse_expiry(bad) is None

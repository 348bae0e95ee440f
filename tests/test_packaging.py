"""newsreader installed the way users install it: a wheel in a fresh virtual environment, run from
a directory that is not the checkout. The reader, `--json`, `python -m tui` and `serve` must all
work there (a checkout can hide files the wheel lacks).

No network: the fresh environment gets the already installed dependencies through a `.pth` line
pointing at this environment's site-packages (a path line, so this environment's own `.pth` files,
among them the editable install of the checkout, are not processed there); the wheel itself is
installed with `--no-deps --no-index`.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import asyncssh
import pytest

from tests.terminal import PtyApp

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "seeds").glob("000_*.txt"))
HEADLINE = "US wants Russia to agree to Ukraine truce"


def build_wheel(out: Path) -> Path:
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    (wheel,) = out.glob("newsreader-*.whl")
    return wheel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh venv with the wheel installed; returns its bin directory."""
    venv = tmp_path_factory.mktemp("venv") / "v"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    purelib = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (purelib / "newsreader_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index", str(wheel)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return venv / "bin"


@pytest.fixture
def elsewhere(tmp_path) -> Path:
    """A working directory outside the checkout, holding a copy of the seed."""
    (tmp_path / "article.txt").write_bytes(SEED.read_bytes())
    return tmp_path


def user_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["NEWSREADER_CACHE_DIR"] = str(tmp_path / "cache")
    return env


def test_wheel_contains_all_packages_and_styles(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for css in (ROOT / "styles").glob("*.tcss"):
        assert f"tui/styles/{css.name}" in names
    assert "tui/styles/__init__.py" in names  # a regular package: importlib.resources gives a real path
    assert "tui/analysis/kind_weights.json" in names  # without it the entity kinds are the hand rules' alone
    for source in (ROOT / "tui").rglob("*.py"):
        rel = source.relative_to(ROOT).as_posix()
        assert rel in names, f"{rel} is not in the wheel: add its package to pyproject.toml"


def test_installed_code_is_the_wheel_not_the_checkout(installed, elsewhere):
    where = subprocess.run(
        [installed / "python", "-c", "import tui, tui.resources as r; print(tui.__file__); print(len(r.read_style()))"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=user_env(elsewhere),
        timeout=60,
    )
    assert where.returncode == 0, where.stderr
    path, size = where.stdout.split()
    assert not Path(path).resolve().is_relative_to(ROOT)
    assert int(size) > 1000


def test_version_and_json_from_the_installed_wheel(installed, elsewhere):
    env = user_env(elsewhere)
    version = subprocess.run(
        [installed / "newsreader", "--version"], capture_output=True, text=True, cwd=elsewhere, env=env, timeout=60
    )
    assert version.returncode == 0 and version.stdout.startswith("newsreader "), version.stderr
    as_module = subprocess.run(
        [installed / "python", "-m", "tui", "--version"], capture_output=True, text=True, cwd=elsewhere, env=env, timeout=60
    )
    assert as_module.stdout == version.stdout
    out = subprocess.run(
        [installed / "newsreader", "--json", "article.txt"], capture_output=True, text=True, cwd=elsewhere, env=env, timeout=300
    )
    assert out.returncode == 0, out.stderr
    record = json.loads(out.stdout)
    assert record["title"].startswith(HEADLINE)
    assert any(p["name"] == "Marco Rubio" for p in record["people"])


@pytest.mark.parametrize("launcher", ["script", "module"])
def test_reader_from_the_installed_wheel_in_a_real_pty(installed, elsewhere, launcher):
    argv = [str(installed / "newsreader")] if launcher == "script" else [str(installed / "python"), "-m", "tui"]
    with PtyApp([*argv, "article.txt"], cols=100, rows=30, cwd=elsewhere, env=user_env(elsewhere)) as app:
        app.wait_for(HEADLINE, timeout=60)
        app.wait_for("Speakers", timeout=60)
        app.press("q")
        assert app.close() == 0


def test_serve_from_the_installed_wheel(installed, elsewhere):
    """A session over loopback SSH gets the reader of the installed wheel."""
    client_key = asyncssh.generate_private_key("ssh-ed25519")
    (elsewhere / "keys").write_text(client_key.export_public_key().decode())
    server = subprocess.Popen(
        [installed / "newsreader", "serve", "article.txt", "--port", "0", "--authorized-keys", "keys", "--host-key", "host_key"],
        stderr=subprocess.PIPE,
        cwd=elsewhere,
        env=user_env(elsewhere),
        bufsize=0,
    )
    try:
        port = _serving_port(server)

        async def session() -> str:
            async with asyncssh.connect("127.0.0.1", port, username="reader", client_keys=[client_key], known_hosts=None) as conn:
                proc = await conn.create_process(term_type="xterm-256color", term_size=(100, 30), encoding=None)
                seen = bytearray()
                async with asyncio.timeout(90):
                    while b"Ukraine truce" not in seen:
                        chunk = await proc.stdout.read(65536)
                        if not chunk:
                            break
                        seen += chunk
                proc.stdin.write(b"q")
                async with asyncio.timeout(30):
                    await proc.wait_closed()
                return seen.decode(errors="replace")

        screen = asyncio.run(session())
        assert "Ukraine truce" in screen
    finally:
        server.terminate()
        server.wait(30)


def _serving_port(server: subprocess.Popen) -> int:
    import re
    import select
    import time

    deadline = time.monotonic() + 60
    lines = []
    while time.monotonic() < deadline:
        ready, _, _ = select.select([server.stderr], [], [], 1.0)
        if ready:
            line = server.stderr.readline().decode(errors="replace")
            if not line:
                break
            lines.append(line)
            found = re.search(r" on 127\.0\.0\.1:(\d+);", line)
            if found:
                return int(found.group(1))
    raise AssertionError("the server did not start:\n" + "".join(lines))


def test_piped_article_takes_keys_from_the_terminal(installed, elsewhere):
    """`cat article.txt | newsreader -`: the text comes from the pipe, the keys from /dev/tty."""
    with PtyApp(
        [str(installed / "newsreader"), "-"],
        cols=100,
        rows=30,
        cwd=elsewhere,
        env=user_env(elsewhere),
        stdin_data=SEED.read_bytes(),
    ) as app:
        app.wait_for(HEADLINE, timeout=60)
        app.wait_for("Speakers", timeout=60)
        app.press("s")
        app.press("q")
        assert app.close(timeout=10) == 0


def test_piped_article_without_any_terminal_is_a_one_line_error(installed, elsewhere):
    done = subprocess.run(
        [installed / "newsreader", "-"],
        input=SEED.read_bytes(),
        capture_output=True,
        cwd=elsewhere,
        env=user_env(elsewhere),
        timeout=60,
        start_new_session=True,  # no controlling terminal: /dev/tty cannot be opened
    )
    assert done.returncode == 2
    assert done.stderr.decode().count("\n") == 1 and "terminal" in done.stderr.decode()


def test_stylesheet_is_read_from_a_zip(wheel, tmp_path):
    """A zipapp-style install: the package imported straight from an archive (a wheel is a zip)."""
    done = subprocess.run(
        [
            sys.executable,
            "-S",
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]); import tui.resources as r; print(r.__file__); print(len(r.read_style()))",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    path, size = done.stdout.split()
    assert str(wheel) in path and int(size) > 1000

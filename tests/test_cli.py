"""The command line, run as a user runs it: a real subprocess on real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def run(*args: str, stdin: bytes | None = None, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], input=stdin, capture_output=True, timeout=timeout)


def test_help_and_version():
    out = run("--help")
    assert out.returncode == 0 and b"--json" in out.stdout
    out = run("--version")
    assert out.returncode == 0 and out.stdout.startswith(b"newsreader ")


def test_json_lines_in_input_order_with_offsets(seed_path, tmp_path):
    md = tmp_path / "story.md"
    md.write_text("# Storm in *Lisbon*\n\nMayor **Carlos Moedas** visited Lisbon on Monday.\n", encoding="utf-8")
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(b"\xef\xbb\xbf" + seed_path.read_bytes().replace(b"\n", b"\r\n"))
    out = run("--json", str(seed_path), str(md), str(crlf))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.decode().splitlines()
    assert len(lines) == 3
    records = [json.loads(line) for line in lines]
    assert [r["source"] for r in records] == [str(seed_path), str(md), str(crlf)]
    for path, record in zip((seed_path, md, crlf), records):
        decoded = Path(path).read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
        for key in ("people", "places", "organizations"):
            for entity in record[key]:
                assert set(entity) >= {"id", "name", "mentions"}
                for m in entity["mentions"]:
                    assert decoded[m["start"] : m["end"]] == m["text"], (path, m)
        assert isinstance(record["quotes"], list) and isinstance(record["speakers"], list)
    assert records[0]["title"].startswith("US wants Russia")
    assert records[0]["people"] == records[2]["people"]
    assert any(p["name"] == "Lisbon" for p in records[1]["places"])


def test_json_error_line_and_exit_1(seed_path, tmp_path):
    binary = tmp_path / "img.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    out = run("--json", str(tmp_path / "missing.txt"), str(seed_path), str(binary))
    assert out.returncode == 1
    records = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert records[0] == {"source": str(tmp_path / "missing.txt"), "error": "no such file"}
    assert "people" in records[1]
    assert records[2]["error"] == "binary file, not text"
    assert b"Traceback" not in out.stderr


def test_reader_bad_file_is_one_line_exit_2(tmp_path):
    out = run(str(tmp_path / "missing.txt"))
    assert out.returncode == 2
    assert out.stderr.decode().strip() == f"newsreader: error: {tmp_path / 'missing.txt'}: no such file"


def test_unknown_model_is_one_line_exit_2(seed_path):
    out = run("--json", "--model", "no_such_model_xyz", str(seed_path))
    assert out.returncode == 2
    err = out.stderr.decode().strip()
    assert err.startswith("newsreader: error: cannot load spaCy model 'no_such_model_xyz'")
    assert "\n" not in err


def test_unknown_theme_is_one_line_exit_2(seed_path):
    out = run(str(seed_path), "--theme", "no-such-theme")
    assert out.returncode == 2
    lines = out.stderr.decode().splitlines()
    assert len(lines) == 1 and "unknown theme 'no-such-theme'" in lines[0] and "ansi-dark" in lines[0], lines


def test_cached_json_does_not_load_spacy(seed_path, tmp_path):
    """`--json` on an article whose analysis is cached answers from the cache: spaCy is never
    imported, and the output equals the freshly computed one."""
    env_cache = {"NEWSREADER_CACHE_DIR": str(tmp_path / "cache")}
    probe = (
        "import sys, io, contextlib; from tui.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out): code = main(['--json', sys.argv[1]])\n"
        "print(code, 'spacy' in sys.modules); print(out.getvalue(), end='')\n"
    )

    def json_run() -> tuple[str, str]:
        done = subprocess.run(
            [sys.executable, "-c", probe, str(seed_path)],
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, **env_cache},
        )
        assert done.returncode == 0, done.stderr
        status, record = done.stdout.split("\n", 1)
        return status, record

    first_status, first = json_run()
    assert first_status == "0 True"  # nothing cached yet: the pipeline was loaded
    second_status, second = json_run()
    assert second_status == "0 False"
    assert json.loads(second) == json.loads(first)
    nocache = run("--json", "--no-cache", str(seed_path))
    assert json.loads(nocache.stdout) == json.loads(first)

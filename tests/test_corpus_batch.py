"""`newsreader batch` on a local process pool: Parquet tables, errors, resume, interruption."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.corpus_support import PICKS, make_archive
from tui.corpus.batch import BatchOptions, run_batch
from tui.corpus.inputs import InputError, expand
from tui.corpus.shards import read_table, shard_dirs
from tui.corpus.tables import TABLES, text_hash

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    return make_archive(tmp_path_factory.mktemp("batch"))


@pytest.fixture(scope="module")
def first_run(archive, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "results"
    result = run_batch(BatchOptions([str(archive)], out, workers=2, jsonl=True, chunk_chars=1500))
    return out, result


def test_inputs_expand_folders_globs_and_files(archive):
    found = list(expand([str(archive)]))
    names = sorted(Path(p).name for p in found)
    assert names == sorted([*PICKS, "binary.txt", "empty.txt"])
    assert list(expand([str(archive / "desk-a" / "*.txt")])) == sorted(str(p) for p in (archive / "desk-a").glob("*.txt"))
    # A file named explicitly is read whatever its extension, and each input counts once.
    notes = str(archive / "desk-a" / "notes.json")
    assert list(expand([notes, notes, str(archive / "desk-a" / "*.json")])) == [notes]
    with pytest.raises(InputError):
        list(expand([str(archive / "nothing-*.txt")]))
    with pytest.raises(InputError):
        list(expand([str(archive / "missing.txt")]))


def test_tables_hold_every_article_and_the_errors(first_run):
    out, result = first_run
    assert (result.articles, result.errors, result.skipped) == (4, 2, 0)
    assert result.shards >= 3  # several chunks, and the reading errors in a shard of their own
    for shard in shard_dirs(out):
        analysed = pq.read_table(shard / "articles.parquet").num_rows > 0
        extra = ["analysis.jsonl"] if analysed else []  # the reading errors' shard has no records
        assert sorted(p.name for p in shard.iterdir()) == sorted([*(f"{t}.parquet" for t in TABLES), *extra])
    articles = read_table(out, "articles").to_pylist()
    assert sorted(Path(a["source"]).name for a in articles) == sorted(PICKS)
    errors = {Path(e["source"]).name: e["reason"] for e in read_table(out, "errors").to_pylist()}
    assert set(errors) == {"binary.txt", "empty.txt"}
    assert "binary" in errors["binary.txt"] and "empty" in errors["empty.txt"]
    assert not list(out.glob(".tmp-*"))


def test_rows_carry_the_same_fields_as_json(first_run, nlp):
    from tui.analysis import analyse
    from tui.analysis.export import to_json
    from tui.document import load_article

    out, _ = first_run
    articles = {a["source"]: a for a in read_table(out, "articles").to_pylist()}
    quotes = read_table(out, "quotes").to_pylist()
    mentions = read_table(out, "mentions").to_pylist()
    speakers = read_table(out, "speakers").to_pylist()
    for source, row in articles.items():
        article = load_article(source)
        record = to_json(article, analyse(article, nlp))
        aid = row["article_id"]
        assert row["text_hash"] == text_hash(article) and aid == row["text_hash"][:16]
        assert (row["title"], row["format"], row["model"]) == (record["title"], record["format"], record["model"])
        mine = [{k: v for k, v in q.items() if k != "article_id"} for q in quotes if q["article_id"] == aid]
        assert mine == record["quotes"]
        assert [{k: v for k, v in s.items() if k != "article_id"} for s in speakers if s["article_id"] == aid] == record[
            "speakers"
        ]
        text = row["text"]
        for m in (m for m in mentions if m["article_id"] == aid):
            assert text[m["start"] : m["end"]] == m["text"]
        for q in record["quotes"]:
            assert text[q["start"] : q["end"]] == q["text"]
    assert any(a["format"] == "markdown" for a in articles.values())


def test_jsonl_holds_the_json_records(first_run):
    out, _ = first_run
    files = [shard / "analysis.jsonl" for shard in shard_dirs(out) if (shard / "analysis.jsonl").exists()]
    lines = [json.loads(line) for path in files for line in path.read_text("utf-8").splitlines()]
    assert sorted(r["source"] for r in lines) == sorted(a["source"] for a in read_table(out, "articles").to_pylist())
    assert all({"people", "places", "organizations", "quotes", "speakers"} <= set(r) for r in lines)


def test_rerun_skips_finished_articles_and_picks_up_new_ones(first_run, archive, tmp_path):
    out, first = first_run
    copy = tmp_path / "results"
    subprocess.run(["cp", "-r", str(out), str(copy)], check=True)
    again = run_batch(BatchOptions([str(archive)], copy, workers=1))
    assert (again.articles, again.skipped) == (0, 4)
    (archive / "desk-a" / "late.txt").write_text((ROOT / "tests/corpus/14_uk_sport_single.txt").read_text("utf-8"), "utf-8")
    try:
        third = run_batch(BatchOptions([str(archive)], copy, workers=1))
    finally:
        (archive / "desk-a" / "late.txt").unlink()
    assert (third.articles, third.skipped) == (1, 4)
    sources = read_table(copy, "articles", columns=["source"]).column("source").to_pylist()
    assert len(sources) == len(set(sources)) == 5


def test_leftovers_of_an_interrupted_write_are_never_read_and_are_removed(first_run, archive, tmp_path):
    out, _ = first_run
    copy = tmp_path / "results"
    subprocess.run(["cp", "-r", str(out), str(copy)], check=True)
    half = copy / ".tmp-shard-deadbeef"
    half.mkdir()
    (half / "articles.parquet").write_bytes(b"PAR1 half a file")
    assert read_table(copy, "articles").num_rows == 4
    run_batch(BatchOptions([str(archive)], copy, workers=1))
    assert not half.exists()


def _cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=ROOT, timeout=600, **kw)


def test_cli_exit_codes_and_quiet_without_a_terminal(archive, tmp_path):
    good = archive / "desk-a" / PICKS[0]
    done = _cli("batch", str(good), "-o", str(tmp_path / "one"), "--workers", "1")
    assert (done.returncode, done.stderr, done.stdout) == (0, "", "")
    assert read_table(tmp_path / "one", "articles").num_rows == 1
    failed = _cli("batch", str(archive / "desk-a" / "binary.txt"), "-o", str(tmp_path / "bad"), "--workers", "1")
    assert (failed.returncode, failed.stderr) == (1, "")
    assert read_table(tmp_path / "bad", "errors").num_rows == 1
    for args in (["-o", str(good)], ["-o", str(tmp_path / "x"), "--workers", "0"]):
        usage = _cli("batch", str(good), *args)
        assert usage.returncode == 2 and usage.stderr.count("\n") == 1 and "Traceback" not in usage.stderr
    missing = _cli("batch", str(archive / "nope"), "-o", str(tmp_path / "y"))
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr


def test_progress_line_on_a_terminal(archive, tmp_path):
    from tests.terminal import PtyApp

    app = PtyApp(
        [sys.executable, "-m", "tui", "batch", str(archive), "-o", str(tmp_path / "out"), "--workers", "1"], cols=120, rows=10
    )
    try:
        deadline = time.monotonic() + 300
        while app.proc.poll() is None and time.monotonic() < deadline:
            app.pump(0.2)
        app.pump(0.3)
        screen = "\n".join(app.screen.display)
    finally:
        if app.proc.poll() is None:
            app.proc.kill()
    assert app.proc.returncode == 1  # two bad files
    assert "6/6 files" in screen and "tokens/s" in screen and "2 errors" in screen and "done in" in screen


def test_ctrl_c_keeps_only_complete_shards_and_a_rerun_completes(archive, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "batch", str(archive), "-o", str(out), "--workers", "1", "--chunk-chars", "1"],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # As in a terminal: the test runner itself may have been started with SIGINT ignored.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 300
    while not shard_dirs(out) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # what ctrl+c does: the whole foreground group
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    kept = shard_dirs(out)
    assert kept and not list(out.glob(".tmp-*"))
    for shard in kept:
        for table in TABLES:
            pq.read_table(shard / f"{table}.parquet")  # every kept shard is whole
    partial = read_table(out, "articles").num_rows
    result = run_batch(BatchOptions([str(archive)], out, workers=1))
    assert result.skipped == partial
    assert read_table(out, "articles").num_rows == 4


def test_a_worker_that_dies_is_one_line_and_a_rerun_completes(archive, tmp_path):
    import psutil

    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "batch", str(archive), "-o", str(out), "--workers", "1", "--chunk-chars", "1"],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 300
    while not shard_dirs(out) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    workers = [
        p
        for p in psutil.Process(proc.pid).children(recursive=True)
        if "spawn_main" in " ".join(p.cmdline()) and "resource_tracker" not in " ".join(p.cmdline())
    ]
    assert workers
    for worker in workers:  # what the kernel's out-of-memory killer would do
        worker.kill()
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 2, err
    assert err.count("\n") == 1 and "a worker failed" in err and "Traceback" not in err
    assert not list(out.glob(".tmp-*"))
    run_batch(BatchOptions([str(archive)], out, workers=1))
    assert read_table(out, "articles").num_rows == 4


def test_workers_end_when_the_client_is_killed_outright(archive, tmp_path):
    import psutil

    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "batch", str(archive), "-o", str(out), "--workers", "1", "--chunk-chars", "1"],
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while not shard_dirs(out) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    children = psutil.Process(proc.pid).children(recursive=True)
    workers = [p for p in children if "spawn_main" in " ".join(p.cmdline())]
    assert workers
    proc.kill()
    proc.wait()
    gone, alive = psutil.wait_procs(workers, timeout=30)
    for p in alive:  # clean up before failing
        p.kill()
    assert not alive


def test_ctrl_c_inside_a_batch_is_a_flag_read_between_results_and_the_handler_is_restored():
    from tui.corpus.batch import _interrupt_flag

    before = signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal
    with _interrupt_flag() as interrupted:
        os.kill(os.getpid(), signal.SIGINT)  # no KeyboardInterrupt wherever the main thread is
        deadline = time.monotonic() + 5
        while not interrupted.is_set() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert interrupted.is_set()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    signal.signal(signal.SIGINT, before)

"""The analysis cache on real files: round trip, keys, corruption, unusable dirs, concurrency."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from tui import cache
from tui.model import Analysis


def test_round_trip(seed_article, seed_analysis, tmp_path):
    assert cache.store(seed_article, seed_analysis, "r1", tmp_path)
    loaded = cache.load(seed_article, seed_analysis.model, "r1", tmp_path)
    assert loaded == seed_analysis
    assert not list(tmp_path.rglob(".tmp-*"))


def test_key_covers_text_model_and_rules(seed_article, seed_analysis, tmp_path):
    cache.store(seed_article, seed_analysis, "r1", tmp_path)
    assert cache.load(seed_article, seed_analysis.model, "r2", tmp_path) is None
    assert cache.load(seed_article, "other_model 1.0", "r1", tmp_path) is None
    from dataclasses import replace

    edited = replace(seed_article, text=seed_article.text + " ")
    assert cache.load(edited, seed_analysis.model, "r1", tmp_path) is None


def _entry(tmp_path):
    (entry,) = [p for p in tmp_path.rglob("*.json") if not p.name.startswith(".tmp-")]
    return entry


def test_truncated_entry_is_a_miss_and_is_rebuilt(seed_article, seed_analysis, tmp_path):
    cache.store(seed_article, seed_analysis, "r1", tmp_path)
    entry = _entry(tmp_path)
    entry.write_bytes(entry.read_bytes()[:100])
    assert cache.load(seed_article, seed_analysis.model, "r1", tmp_path) is None
    assert not entry.exists()
    assert cache.store(seed_article, seed_analysis, "r1", tmp_path)
    assert cache.load(seed_article, seed_analysis.model, "r1", tmp_path) == seed_analysis


def test_entry_with_impossible_offsets_is_rejected(seed_article, seed_analysis, tmp_path):
    cache.store(seed_article, seed_analysis, "r1", tmp_path)
    entry = _entry(tmp_path)
    data = json.loads(entry.read_text())
    data["analysis"]["entities"][0]["mentions"][0]["end"] = 10**9
    entry.write_text(json.dumps(data))
    assert cache.load(seed_article, seed_analysis.model, "r1", tmp_path) is None


def test_wrong_shape_is_a_miss(seed_article, seed_analysis, tmp_path):
    cache.store(seed_article, seed_analysis, "r1", tmp_path)
    entry = _entry(tmp_path)
    for garbage in (b"[]", b"null", b'{"format": 1}', b"\xff\xfe", b""):
        entry.parent.mkdir(parents=True, exist_ok=True)
        entry.write_bytes(garbage)
        assert cache.load(seed_article, seed_analysis.model, "r1", tmp_path) is None


def test_unusable_directory_is_skipped(seed_article, seed_analysis, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert cache.store(seed_article, seed_analysis, "r1", blocker / "sub") is False
    assert cache.load(seed_article, seed_analysis.model, "r1", blocker / "sub") is None


def test_two_writers_at_once(seed_article, seed_analysis, tmp_path, seed_path):
    writer = textwrap.dedent(f"""
        import json, sys
        from pathlib import Path
        from tui import cache
        from tui.document import load_article
        from tui.model import Analysis
        article = load_article({str(seed_path)!r})
        analysis = Analysis.from_dict(json.loads(sys.stdin.read()))
        for _ in range(40):
            assert cache.store(article, analysis, "r1", Path({str(tmp_path)!r}))
            got = cache.load(article, analysis.model, "r1", Path({str(tmp_path)!r}))
            assert got is None or got == analysis
    """)
    payload = json.dumps(seed_analysis.to_dict())
    procs = [
        subprocess.Popen([sys.executable, "-c", writer], stdin=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    for p in procs:
        _, err = p.communicate(payload, timeout=120)
        assert p.returncode == 0, err
    assert cache.load(seed_article, seed_analysis.model, "r1", tmp_path) == seed_analysis
    assert not list(tmp_path.rglob(".tmp-*"))


def test_reader_process_never_imports_spacy_and_cache_needs_no_child(seed_path, tmp_path):
    probe = textwrap.dedent(f"""
        import os, sys
        os.environ["NEWSREADER_CACHE_DIR"] = {str(tmp_path)!r}
        if sys.argv[1] == "cached":
            sys.modules["tui.analysis_worker"] = None  # the child path would fail to import
        from tui.document import load_article
        from tui.runner import run_analysis
        analysis = run_analysis(load_article({str(seed_path)!r}))
        print(len(analysis.entities), "spacy" in sys.modules)
    """)
    first = subprocess.run([sys.executable, "-c", probe, "first"], capture_output=True, text=True, timeout=300)
    second = subprocess.run([sys.executable, "-c", probe, "cached"], capture_output=True, text=True, timeout=300)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    n_first, spacy_first = first.stdout.split()
    n_second, spacy_second = second.stdout.split()
    assert spacy_first == "False" and spacy_second == "False"
    assert n_first == n_second and int(n_first) > 10


def test_from_dict_is_lossless(seed_analysis):
    assert Analysis.from_dict(json.loads(json.dumps(seed_analysis.to_dict()))) == seed_analysis


def test_runner_streams_growing_partial_analyses(nlp, tmp_path):
    from tui.document import article_from_bytes
    from tui.runner import run_analysis

    para = "Prime Minister Anna Berg visited Oslo on Monday. She met officials in Bergen.\n"
    article = article_from_bytes(("Headline\n\n" + para * 1500).encode(), "long.txt")
    partial: list = []
    final = run_analysis(article, use_cache=False, on_partial=partial.append)
    assert len(partial) >= 2, "a 120 KB text should show results before it is fully parsed"
    counts = [sum(len(e.mentions) for e in a.entities) for a in partial]
    assert counts == sorted(counts) and counts[-1] == sum(len(e.mentions) for e in final.entities)
    assert partial[-1] == final
    # Rebuilt in this process from the child's deltas (`analysis_delta`): the one-shot analysis.
    from tui.analysis import analyse

    assert final == analyse(article, nlp)


def test_runner_cancels_a_running_analysis(seed_path):
    import time

    from tui.document import article_from_bytes
    from tui.runner import AnalysisCancelled, run_analysis

    article = article_from_bytes(seed_path.read_bytes() * 40, "long.txt")
    started = time.monotonic()
    stop_at = started + 2.0
    try:
        run_analysis(article, use_cache=False, should_stop=lambda: time.monotonic() > stop_at)
    except AnalysisCancelled:
        pass
    else:
        raise AssertionError("a 180 KB analysis finished in 2 s: the cancel path was not exercised")
    assert time.monotonic() - started < 5


def test_runner_reports_a_missing_model_in_one_line(seed_article):
    import pytest

    from tui.runner import AnalysisError, run_analysis

    with pytest.raises(AnalysisError) as exc:
        run_analysis(seed_article, "no_such_model_xyz", use_cache=False)
    assert "no_such_model_xyz" in str(exc.value) and "\n" not in str(exc.value)


def test_analysis_child_ends_when_the_reader_dies(seed_path, tmp_path):
    """A killed reader cannot clean up; its analysis child must notice and stop by itself."""
    import os
    import signal
    import time

    probe = textwrap.dedent(f"""
        import os, subprocess, sys, time
        from tui.analysis_worker import send
        from tui.document import article_from_bytes
        child = subprocess.Popen([sys.executable, "-m", "tui.analysis_worker"], stdin=subprocess.PIPE,
                                 stdout=subprocess.DEVNULL, start_new_session=True)
        article = article_from_bytes(open({str(seed_path)!r}, "rb").read() * 200, "long.txt")  # ~30 s of work
        send(child.stdin, (article, None))
        print(child.pid, flush=True)
        time.sleep(60)
    """)
    # Two parse workers, as on a machine with cores to spare (the default leaves one to the reader).
    env = {**os.environ, "NEWSREADER_PROCESSES": "2"}
    parent = subprocess.Popen([sys.executable, "-c", probe], stdout=subprocess.PIPE, text=True, env=env)

    def group_members(pgid: int) -> list[int]:
        members = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                members.append(int(stat.parent.name))
        return members

    child_pid = int(parent.stdout.readline())
    # Let the child start its two spaCy parse workers (the ~900 KB text is long enough).
    deadline = time.monotonic() + 60
    while len(group_members(child_pid)) < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(group_members(child_pid)) >= 3, "the parse workers never started"
    parent.send_signal(signal.SIGKILL)
    parent.wait(10)

    def running(pid: int) -> bool:
        try:  # a zombie (exited, not yet reaped by init) counts as ended
            return open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] != "Z"
        except FileNotFoundError:
            return False

    deadline = time.monotonic() + 10
    while running(child_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if running(child_pid):
        os.kill(child_pid, signal.SIGKILL)
        raise AssertionError("the analysis child outlived its reader by 10 s")

    # The ~900 KB text is parsed by two spaCy worker processes: they must be gone too.
    deadline = time.monotonic() + 10
    while group_members(child_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert group_members(child_pid) == []

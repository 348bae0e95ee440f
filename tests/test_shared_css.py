"""What the SSH zygote prepares once for every session: the CSS it parses (tui/shared_css.py), the
theme's variables and the handlers' parameter counts. A reader on the prepared rules draws exactly
what a reader that parsed its own draws, and does use them (if Textual changed how it parses or
lists its sources, the rules would be parsed again: these tests fail)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet

from tui import shared_css
from tui.app import NewsReaderApp
from tui.model import Analysis

FROZEN = Path(__file__).resolve().parent / "data" / "seed_analysis.json"


@pytest.fixture
def frozen_analysis() -> Analysis:
    return Analysis.from_dict(json.loads(FROZEN.read_text(encoding="utf-8")))


@pytest.fixture
def prepared():
    """`prepare()` as the zygote runs it (the reader's modules, footer included, are imported)."""
    import tui.widgets.footer  # noqa: F401  (mounted after the first frame; the zygote preloads it)

    count = shared_css.prepare()
    yield count
    shared_css.forget()


async def _drawn(app: NewsReaderApp, size=(100, 30)) -> tuple[str, list[object]]:
    """The whole screen (characters and colours, as an SVG) once the sidebar, search bar and
    footer are mounted, and the rules the app's stylesheet holds then."""
    async with app.run_test(size=size) as pilot:
        await app.wait_for_analysis()
        await pilot.pause()
        await pilot.pause()
        return app.export_screenshot(), list(app.stylesheet.rules)


def _reader(article, analysis, look: str, monkeypatch) -> NewsReaderApp:
    monkeypatch.delenv("NO_COLOR", raising=False)
    if look == "no-color":
        monkeypatch.setenv("NO_COLOR", "1")
    return NewsReaderApp([article], analyses=[analysis], theme_name=None if look in ("default", "no-color") else look)


def _described(rules) -> list[tuple]:
    return [(rule.selectors, repr(rule.styles.get_rules()), rule.is_default_rules, rule.tie_breaker) for rule in rules]


def _prepared_rules() -> set[int]:
    return {id(rule) for rules in shared_css._prepared.values() for rule in rules}


async def test_a_reader_on_the_prepared_rules_parses_nothing_and_draws_the_same(
    seed_article, frozen_analysis, monkeypatch, request
):
    own, own_rules = await _drawn(_reader(seed_article, frozen_analysis, "default", monkeypatch))
    assert not set(map(id, own_rules)) & _prepared_rules()
    request.getfixturevalue("prepared")
    shared, shared_rules = await _drawn(_reader(seed_article, frozen_analysis, "default", monkeypatch))
    assert shared == own
    # Every rule of the reader's stylesheet (Textual's widgets', the sidebar's lists, the search
    # bar's, the footer's, ours) is one parsed by prepare(): none was parsed again.
    assert len(shared_rules) == len(own_rules)
    assert set(map(id, shared_rules)) <= _prepared_rules()


@pytest.mark.parametrize("look", ["no-color", "textual-light"])
async def test_other_looks_draw_as_before(seed_article, frozen_analysis, monkeypatch, prepared, look):
    """NO_COLOR (the same variables, ANSI colours drawn) and another theme (set once mounted:
    Textual parses everything again under its variables) draw what they drew without."""
    shared_css.forget()
    own, _ = await _drawn(_reader(seed_article, frozen_analysis, look, monkeypatch))
    shared_css.prepare()
    shared, rules = await _drawn(_reader(seed_article, frozen_analysis, look, monkeypatch))
    assert shared == own
    assert bool(set(map(id, rules)) & _prepared_rules()) == (look == "no-color")


def test_rules_parsed_under_other_variables_are_not_taken(prepared):
    """A stylesheet with other variables (another theme's colours) parses the source itself."""
    key = next(k for k in shared_css._prepared if "$primary" in k[0])
    other = {**(shared_css._prepared_under or {}), "primary": "#123456"}
    sheet = shared_css.SharedStylesheet(variables=other)
    rules = sheet._parse_rules(*key)
    assert rules is not shared_css._prepared[key]
    assert _described(rules) != _described(shared_css._prepared[key])
    sheet.set_variables(dict(shared_css._prepared_under or {}))
    assert sheet._parse_rules(*key) is shared_css._prepared[key]


def test_prepare_parses_each_source_as_textual_does(prepared):
    """The prepared rules are Textual's own parse of the same source under the same variables."""
    assert prepared > 10
    sheet = Stylesheet(variables=shared_css._prepared_under)
    for (css, read_from, is_default, tie_breaker, scope), rules in shared_css._prepared.items():
        fresh = sheet._parse_rules(css, read_from, is_default, tie_breaker, scope)
        assert _described(fresh) == _described(rules)


def test_the_zygote_prepares_the_css(monkeypatch):
    from tui.serve import zygote

    shared_css.forget()
    try:
        zygote.preload()
        assert shared_css.prepared()
    finally:
        shared_css.forget()


async def test_theme_variables_are_textuals_and_follow_a_change_of_theme(seed_article, frozen_analysis, monkeypatch):
    """The reader's variables, kept per theme (`css_variables`), are those Textual computes,
    before and after a change of theme, and the screen after the change is drawn as without."""
    from textual.app import App

    def textuals(app) -> dict[str, str]:
        return App.get_css_variables(app)

    shared_css.forget()
    app = _reader(seed_article, frozen_analysis, "default", monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_for_analysis()
        assert app.get_css_variables() == textuals(app)
        assert app.get_css_variables() is not app.get_css_variables()  # a copy: callers may change it
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.pause()
        assert app.get_css_variables() == textuals(app)
        assert app.stylesheet._variables == textuals(app)
        switched = app.export_screenshot()
    own, _ = await _drawn(_reader(seed_article, frozen_analysis, "textual-light", monkeypatch))
    assert switched == own


def test_handler_parameters_are_counted_as_textual_counts_them():
    """The zygote counts the parameters of every widget class's handlers once (Textual would on
    each first call in each session); the counts are those Textual finds for the bound method."""
    import inspect
    from types import MethodType

    from textual._callback import count_parameters
    from textual.widgets import OptionList

    from tui.serve.zygote import count_handler_parameters
    from tui.widgets.article_view import ArticleView

    count_handler_parameters()
    checked = 0
    for cls in (NewsReaderApp, ArticleView, OptionList):
        for name, function in vars(cls).items():
            if inspect.isfunction(function) and name.lstrip("_").startswith(("on_", "watch_", "action_")):
                assert hasattr(function, "_param_count"), name  # counted ahead (Textual's attribute)
                assert function._param_count == len(inspect.signature(function).parameters) - 1, name
                checked += 1
    assert checked > 20
    assert count_parameters(MethodType(vars(NewsReaderApp)["on_mount"], object())) == 0


def test_only_methods_called_bound_are_counted():
    """A static method's count, taken as if bound, would be one short: it is left to Textual."""
    from textual.widget import Widget

    from tui.serve.zygote import count_handler_parameters

    class Probe(Widget):
        def on_click(self, event) -> None: ...

        @staticmethod
        def on_probe(first, second) -> None: ...

        def _watch_width(self, old, new) -> None: ...

    count_handler_parameters()
    assert Probe.on_click._param_count == 1  # type: ignore[attr-defined]
    assert Probe._watch_width._param_count == 2  # type: ignore[attr-defined]
    assert not hasattr(Probe.on_probe, "_param_count")


PRELOADED_SESSION = r"""
import asyncio, dataclasses, json, sys
from pathlib import Path

from tui import cache
from tui.analysis.pipeline import model_identity
from tui.analysis.version import RULES_VERSION
from tui.document import load_article
from tui.model import Analysis
from tui.serve import zygote

seed, frozen = sys.argv[1], Path(sys.argv[2])
article = load_article(seed)
analysis = Analysis.from_dict(json.loads(frozen.read_text(encoding="utf-8")))
analysis = dataclasses.replace(analysis, source=article.source, model=model_identity(None), rules_version=RULES_VERSION)
assert cache.store(article, analysis, RULES_VERSION)
zygote.preload()
zygote.load_analyses([seed])
before = set(sys.modules)

from tui.app import NewsReaderApp


async def session() -> None:
    app = NewsReaderApp([load_article(seed)])
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_for_analysis()
        for _ in range(5):
            await pilot.pause()
        assert app.state.analysis is not None and app.query("KeyFooter")


asyncio.run(session())
print(json.dumps(sorted(name for name in set(sys.modules) - before if name.startswith(("tui", "textual", "rich")))))
"""


def test_a_session_imports_nothing_the_zygote_could_have(seed_path, tmp_path):
    """A reader started after the zygote's preload, its analysis in memory as a forked one's is,
    imports none of the reader's, Textual's or Rich's modules itself up to its footer and its
    analysis shown: each would be imported again in every session (a test of PRELOAD)."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", PRELOADED_SESSION, str(seed_path), str(FROZEN)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []

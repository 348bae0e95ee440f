"""Textual's CSS parsed once in the SSH zygote, and reused by every reader forked from it; and
the theme's CSS variables, computed once per process.

Textual keeps its parsed rules per `Stylesheet` instance, so every reader parsed the same CSS
again: Textual's widgets' default CSS and ours, ~13 ms of a forked reader's ~80 ms of CPU before
its first frame and ~7 ms more just after it (the sidebar's lists, the search bar, the footer).
`prepare()` parses, in the zygote, every default stylesheet of the widget classes imported there
and the reader app's own, under the default theme's variables; a `SharedStylesheet` (the
reader's) takes those rules instead of parsing the same text again. It uses them only under the
same variables (another theme, NO_COLOR's ANSI colours: Textual parses as before) and for the
same source, location, defaults flag, tie-breaker and scope, the whole key of Textual's own
cache; what it was not given it parses itself. Rules are not changed once parsed (Textual's own
cache hands one list to every parse of a stylesheet), and a forked reader has its own copy of
them anyway (copy-on-write).

Outside the zygote nothing is prepared and a `SharedStylesheet` is Textual's `Stylesheet`.

`css_variables` keeps the variables of a theme: Textual builds the theme's colour system anew at
every `get_css_variables()`, ~1 ms each, three times before a reader's first frame (the app's
stylesheet, then the article view's span styles). The zygote's are computed there.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Callable, Iterator

from textual.app import App
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation
from textual.dom import DOMNode

# Textual's cache key: (css, read_from, is_default_rules, tie_breaker, scope)
_Key = tuple[str, CSSLocation, bool, int, str]

_prepared: dict[_Key, list[RuleSet]] = {}
_prepared_under: dict[str, str] | None = None  # the variables `_prepared` was parsed with


# theme name -> (the theme object, the app class's variable defaults, its variables)
_theme_variables: dict[str, tuple[object, object, dict[str, str]]] = {}


def css_variables(app: App, compute: Callable[[], dict[str, str]]) -> dict[str, str]:
    """`app.get_css_variables()`: what `compute` (Textual's) returned for the same theme object
    and the same variable defaults before, else `compute()`. A copy each time, as Textual's is new."""
    theme, defaults = app.current_theme, type(app).get_theme_variable_defaults
    held = _theme_variables.get(theme.name)
    if held is not None and held[0] is theme and held[1] is defaults:
        app.theme_variables = variables = dict(held[2])
        return variables
    variables = compute()
    _theme_variables[theme.name] = (theme, defaults, dict(variables))
    return variables


class SharedStylesheet(Stylesheet):
    """A stylesheet that takes the rules `prepare()` parsed when it can."""

    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self._recording = False
        self._shared = bool(_prepared) and variables == _prepared_under

    def set_variables(self, variables: dict[str, str]) -> None:
        super().set_variables(variables)
        self._shared = bool(_prepared) and variables == _prepared_under

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope)
        if self._shared and (rules := _prepared.get(key)) is not None:
            return rules
        rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
        if self._recording and not any(rule.errors for rule in rules):
            _prepared[key] = rules
        return rules


def _node_classes() -> Iterator[type[DOMNode]]:
    seen: set[type[DOMNode]] = set()
    stack = [DOMNode]
    while stack:
        for cls in stack.pop().__subclasses__():
            if cls not in seen:
                seen.add(cls)
                stack.append(cls)
                yield cls


def sources() -> Iterator[_Key]:
    """Every CSS source a node of a class imported so far adds to its app's stylesheet: each
    class's default CSS and its bases' (as Textual lists them for a node of it) and each app's CSS."""
    for cls in _node_classes():
        # Textual's own list of a node's default CSS reads nothing but the node's class:
        # a bare instance, never initialised, stands for the class.
        node = object.__new__(cls)
        for read_from, css, tie_breaker, scope in node._get_default_css():
            yield css, read_from, True, tie_breaker, scope
        if issubclass(cls, App) and cls.CSS:
            try:
                path = inspect.getfile(cls)
            except (TypeError, OSError):
                path = ""
            yield cls.CSS, (path, f"{cls.__name__}.CSS"), False, 0, ""


def prepare() -> int:
    """In the zygote, once the reader's modules are imported: parse what every reader would, under
    the default theme. Returns how many sources were parsed (their rules are kept for good)."""
    global _prepared_under
    app: App[None] = App()  # never run: only its theme is asked for
    variables = css_variables(app, app.get_css_variables)
    _prepared.clear()
    _prepared_under = variables
    sheet = SharedStylesheet(variables=variables)
    sheet._recording = True
    for key in dict.fromkeys(sources()):
        with contextlib.suppress(Exception):  # CSS in error is left to the reader, to report as before
            sheet._parse_rules(*key)
    return len(_prepared)


def prepared() -> bool:
    return bool(_prepared)


def forget() -> None:
    """Drop what `prepare()` parsed (tests)."""
    global _prepared_under
    _prepared.clear()
    _prepared_under = None
    _theme_variables.clear()

"""The article view's span styles, resolved in Python per theme and colour mode
(tui/widgets/span_styles.py): the overrides apply in the stylesheet's old order."""

from rich.color import Color
from rich.style import Style
from textual.app import App

from tui.widgets.span_styles import NAMES, span_style


def _variables(theme: str) -> dict[str, str]:
    app = App()
    app.theme = theme
    return app.get_css_variables()


def test_each_mode_overrides_the_one_before():
    dark = _variables("textual-dark")
    person = "article-view--person"
    assert span_style(person, dark, dark=True, sixteen=False, ansi=False) == Style(bold=True, color=dark["text-primary"])
    assert span_style(person, dark, dark=True, sixteen=True, ansi=False) == Style(bold=True, color="#55ffff")
    assert span_style(person, dark, dark=False, sixteen=True, ansi=False) == Style(bold=True, color="#0000aa")
    # ANSI themes win over 16 colours, and name the terminal's own colours
    assert span_style(person, dark, dark=True, sixteen=True, ansi=True).color == Color.parse("color(14)")


def test_theme_variables_auto_text_and_backgrounds():
    dark, light = _variables("textual-dark"), _variables("textual-light")
    # $text is "auto 87%": drawn over the view's own background, white as a partial style
    assert span_style("article-view--heading", dark, dark=True, sixteen=False, ansi=False) == Style(bold=True, color="#ffffff")
    heading = span_style("article-view--heading", light, dark=False, sixteen=False, ansi=False)
    assert heading == Style(bold=True, color=light["foreground"])
    track = span_style("article-view--map-track", dark, dark=True, sixteen=False, ansi=False)
    assert track == Style(bgcolor=dark["surface"]) and track.color is None
    assert span_style("article-view--speaker-0", light, dark=False, sixteen=False, ansi=False) == Style(color="#b3001b")


def test_every_name_resolves_in_every_mode():
    for theme in ("textual-dark", "textual-light", "ansi-dark", "ansi-light"):
        variables = _variables(theme)
        for name in NAMES:
            for flags in ((True, False, False), (False, True, False), (True, False, True), (False, True, True)):
                span_style(name, variables, dark=flags[0], sixteen=flags[1], ansi=flags[2])

"""The article view's span styles (headings, highlight layers, speakers, marks, the overview
column), resolved in Python once per theme and colour mode.

They were component classes styled by the stylesheet: 30 virtual CSS nodes, each styled at
every restyle of the view (three times before the first frame), and 65 rules parsed at every
start. Resolved here from the same values, they cost nothing until a row is drawn.

Each style is a text style and a colour (or a background) for every mode, the later
overriding the earlier where it gives a colour, as the stylesheet's specificity did:
the base values, then light or dark themes, then 16-colour terminals, then ANSI themes.
A colour is a theme variable (`$text-primary`), a hex value or an ANSI colour name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.style import Style
from textual.color import Color

from .targets import SPEAKER_COLOURS

PREFIX = "article-view--"


@dataclass(frozen=True, slots=True)
class Look:
    text_style: str = ""
    color: str | None = None
    background: str | None = None


# What every theme gets (the stylesheet's `ArticleView > .article-view--NAME` rules).
BASE: dict[str, Look] = {
    "heading": Look("bold", "$text"),
    "subheading": Look("bold", "$text-accent"),
    "credit": Look("dim italic"),
    "byline": Look("dim italic"),
    "blockquote": Look("italic"),
    "bold": Look("bold"),
    "italic": Look("italic"),
    "person": Look("bold", "$text-primary"),
    "place": Look("underline", "$text-success"),
    "organization": Look("bold underline", "$text-warning"),
    "quote": Look("italic"),
    "mark": Look("reverse"),
    "mark-quote": Look("bold underline"),
    "search": Look("reverse", "$text-warning"),
    "current": Look("bold reverse underline", "$accent"),
    **{f"speaker-{i}": Look() for i in range(SPEAKER_COLOURS)},
    # The overview column at the article's right edge (it is the scrollbar).
    "map-track": Look(background="$surface"),
    "map-view": Look(background="$panel-lighten-2"),
    "map-mark": Look("bold", "$text-warning"),
    "map-current": Look("bold", "$accent"),
}

# Speakers: five hues of their own, away from the three layer colours (blue people, green
# places, amber organisations) and from each other in truecolor, 256 and 16 colours; a sixth
# speaker takes the first hue again with the next bar pattern (tui/widgets/targets.py). Fixed
# values, not theme variables: a theme has about six shades, and three of them are the layers'.
DARK: dict[str, str] = {
    "speaker-0": "#ff6e6e",  # coral red
    "speaker-1": "#ff79d2",  # pink
    "speaker-2": "#b38cff",  # violet
    "speaker-3": "#4fd6d6",  # teal
    "speaker-4": "#c6e85a",  # lime
}
LIGHT: dict[str, str] = {
    "speaker-0": "#b3001b",  # red
    "speaker-1": "#a8007a",  # magenta
    "speaker-2": "#6b2bd6",  # violet
    "speaker-3": "#006569",  # teal
    "speaker-4": "#575700",  # olive
    # The text-* shades of warning, success and accent are too pale on white (contrast about
    # 3:1), so these layers take fixed dark shades there (4.5:1 or better on textual-light).
    "place": "#116329",
    # $text ("auto") comes out white here, on a light background: the headline vanished.
    "heading": "$foreground",
    "organization": "#7d4e00",
    "subheading": "#6639ba",
}

# 16-colour terminals (TERM=xterm, screen): the theme's shades would fall onto three or four of
# the 16 colours, so each layer and speaker takes its own. The values are the exact palette
# entries the colour reduction maps from, so each lands on the colour named in the comment.
SIXTEEN_DARK: dict[str, str] = {
    "person": "#55ffff",  # bright cyan
    "place": "#55ff55",  # bright green
    "organization": "#ffff55",  # bright yellow
    "speaker-0": "#ff5555",  # bright red
    "speaker-1": "#ff55ff",  # bright magenta
    "speaker-2": "#5555ff",  # bright blue
    "speaker-3": "#aa0000",  # red
    "speaker-4": "#aa00aa",  # magenta
}
SIXTEEN_LIGHT: dict[str, str] = {
    "person": "#0000aa",  # blue
    "place": "#00aa00",  # green
    "organization": "#aa5500",  # brown
    "speaker-0": "#aa0000",  # red
    "speaker-1": "#aa00aa",  # magenta
    "speaker-2": "#00aaaa",  # cyan
    "speaker-3": "#ff5555",  # bright red
    "speaker-4": "#ff55ff",  # bright magenta
}

# ANSI themes (ansi-dark, ansi-light) draw in the terminal's own 16 colours over its own
# background: the same one-colour-each rule, by colour name, so a terminal's palette choices
# carry through.
ANSI_DARK: dict[str, str] = {
    "person": "ansi_bright_cyan",
    "place": "ansi_bright_green",
    "organization": "ansi_bright_yellow",
    "speaker-0": "ansi_bright_red",
    "speaker-1": "ansi_bright_magenta",
    "speaker-2": "ansi_bright_blue",
    "speaker-3": "ansi_red",
    "speaker-4": "ansi_magenta",
}
ANSI_LIGHT: dict[str, str] = {
    "person": "ansi_blue",
    "place": "ansi_green",
    "organization": "ansi_yellow",
    "speaker-0": "ansi_red",
    "speaker-1": "ansi_magenta",
    "speaker-2": "ansi_cyan",
    "speaker-3": "ansi_bright_red",
    "speaker-4": "ansi_bright_magenta",
}

NAMES = frozenset(PREFIX + name for name in BASE)


def _colour(value: str, variables: Mapping[str, str], *, background: bool = False) -> Color | None:
    """A colour as a stylesheet declares it: a variable's value, a colour, `auto` (text drawn
    over whatever is below: white as a partial style, as Textual gives it) and an alpha."""
    if value.startswith("$"):
        value = variables[value[1:]]
    colour: Color | None = None
    alpha: float | None = None
    for token in value.split():
        if token == "auto" and not background:
            continue
        if token.endswith("%"):
            alpha = float(token[:-1]) / 100
        else:
            colour = Color.parse(token)
    if alpha is not None:
        colour = (colour or Color(255, 255, 255)).multiply_alpha(alpha)
    return colour


def span_style(name: str, variables: Mapping[str, str], *, dark: bool, sixteen: bool, ansi: bool) -> Style:
    """The Rich style of `article-view--NAME` for a theme's variables and a colour mode: only
    what the span sets (a partial style), drawn over the view's own."""
    key = name.removeprefix(PREFIX)
    look = BASE[key]
    colour = look.color
    for applies, table in (
        (True, DARK if dark else LIGHT),
        (sixteen, SIXTEEN_DARK if dark else SIXTEEN_LIGHT),
        (ansi, ANSI_DARK if dark else ANSI_LIGHT),
    ):
        if applies and key in table:
            colour = table[key]
    fg = _colour(colour, variables) if colour else None
    bg = _colour(look.background, variables, background=True) if look.background else None
    style = Style(
        color=fg.rich_color if fg is not None and fg.a > 0 else None,
        bgcolor=bg.rich_color if bg is not None and bg.a > 0 else None,
    )
    return style + Style.parse(look.text_style) if look.text_style else style

"""The sidebar in daily use: lists that follow the cursor, scroll, say where you are, keep counts.

Issue 11 items 1, 3, 5 and 7, each driven by Pilot at the sizes a reader uses.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from textual import events

from tests.app_support import region_text, screen_text, with_quotes
from tui.app import NewsReaderApp
from tui.model import Analysis, Entity, EntityKind, Mention
from tui.widgets.sidebar import EntityList, Sidebar, share_rows

FROZEN = Path(__file__).resolve().parent / "data" / "seed_analysis.json"
COUNT = re.compile(r"\d+ (quote|mention)s?\b")


def _app(article, analysis, **kw):
    return NewsReaderApp([article], analyses=[analysis], **kw)


def _cursor_name(lst: EntityList) -> str:
    return lst.rows[lst.highlighted].name


def _cursor_on_screen(app, lst: EntityList) -> bool:
    """The cursor row is inside the list's visible region, which is inside the sidebar's."""
    sidebar = app.query_one(Sidebar)
    row_y = lst.region.y + lst.highlighted - round(lst.scroll_y)
    return lst.region.y <= row_y < lst.region.bottom and sidebar.region.y <= row_y < sidebar.region.bottom


@pytest.fixture
def many_places(seed_article, seed_analysis):
    """The seed with forty extra places (every "the" a mention of one): a long Places list."""
    analysis = copy.deepcopy(seed_analysis)
    text = seed_article.text
    offsets = [m.start() for m in re.finditer(r"\bthe\b", text)]
    for i in range(40):
        start = offsets[i % len(offsets)]
        analysis.entities.append(
            Entity(f"place-x{i}", EntityKind.PLACE, f"Extra place {i:02d}", [Mention(start, start + 3, "the")])
        )
    return analysis


def test_rows_are_shared_to_need_then_evenly():
    assert share_rows([8, 9, 12], 40) == [8, 9, 12]
    fair = share_rows([8, 9, 12], 17)
    assert sum(fair) == 17 and max(fair) - min(fair) <= 1
    assert share_rows([2, 30, 30], 20) == [2, 9, 9]
    assert sum(share_rows([1, 1, 1], 2)) == 2
    assert sum(share_rows([50, 3, 50], 21)) == 21


@pytest.mark.parametrize("size, presses", [((100, 30), ["o", *"jjjjjj"]), ((80, 24), ["o", *"jjjjjj"])])
async def test_the_cursor_row_is_always_on_screen(seed_article, seed_analysis, size, presses):
    app = _app(seed_article, seed_analysis)
    async with app.run_test(size=size) as pilot:
        for key in presses:
            await pilot.press(key)
            await pilot.pause()
            others = app.query_one("#others", EntityList)
            assert _cursor_on_screen(app, others), (key, others.region, others.highlighted)
            assert _cursor_name(others) in region_text(app, app.query_one(Sidebar))
        # at 80x24 the list itself shows rows, not only its heading on the last line
        assert others.region.height >= 3


async def test_a_long_list_scrolls_and_says_where_you_are(seed_article, many_places):
    app = _app(seed_article, many_places)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p", *"j" * 20)
        await pilot.pause()
        places = app.query_one("#places", EntityList)
        assert _cursor_on_screen(app, places)
        assert places.scroll_y > 0
        total = len(places.rows)
        assert f"21/{total}" in region_text(app, app.query_one(Sidebar))


async def test_the_wheel_scrolls_a_list(seed_article, many_places):
    app = _app(seed_article, many_places)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        places = app.query_one("#places", EntityList)
        assert places.scroll_y == 0 and places.max_scroll_y > 0
        for _ in range(3):
            places.post_message(events.MouseScrollDown(places, 2, 1, 0, 1, 0, False, False, False))
            await pilot.pause()
        assert places.scroll_y > 0


@pytest.mark.parametrize("width", [100, 200])
async def test_counts_are_never_cut_the_name_is(seed_article, seed_analysis, width):
    # the frozen analysis of the report: "Russian foreign ministry", "44-year-old serviceman"
    frozen = Analysis.from_dict(json.loads(FROZEN.read_text(encoding="utf-8")))
    app = _app(seed_article, frozen)
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        lines = [line.strip("│ ▸▌┃╏▇▃▄") for line in region_text(app, app.query_one(Sidebar)).splitlines()]
        rows = [line for line in lines if line and not line.startswith(("Speakers", "Places", "Also mentioned"))]
        assert len(rows) >= 10, rows
        for line in rows:
            assert COUNT.search(line), line


async def test_wide_terminals_give_the_sidebar_room_and_centre_the_text(seed_article, seed_analysis):
    app = _app(seed_article, with_quotes(seed_article, seed_analysis))
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        sidebar = app.query_one(Sidebar)
        assert 44 <= sidebar.region.width <= 64
        screen = screen_text(app)
        # no description is cut at 200 columns
        assert "44-year-old serviceman  1 quote" in screen and "…" not in region_text(app, sidebar)
        view = app.query_one("#article")
        rows = region_text(app, view).splitlines()
        text_rows = [r for r in rows if r.strip() and r.rstrip()[-1:] not in ("█", "━")]
        left = min(len(r) - len(r.lstrip()) for r in text_rows)
        right = min(view.region.width - len(r.rstrip()) for r in text_rows)
        assert abs(left - right) <= 12, (left, right)


async def test_sidebar_width_follows_the_terminal_within_bounds(seed_article, seed_analysis):
    app = _app(seed_article, seed_analysis)
    async with app.run_test(size=(100, 30)) as pilot:
        widths = []
        for width in (90, 120, 160, 240):
            await pilot.resize_terminal(width, 30)
            await pilot.pause()
            widths.append(app.query_one(Sidebar).region.width)
        assert widths == sorted(widths) and widths[0] >= 32 and widths[-1] <= 64 and widths[-1] > widths[0]


async def test_one_cursor_only_in_the_focused_list_and_no_stale_rows_after_esc(seed_article, seed_analysis):
    app = _app(seed_article, with_quotes(seed_article, seed_analysis))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("s", "j", "enter", "p", "j", "j", "enter", "o", "enter", "escape")
        await pilot.pause()
        lists = list(app.query(EntityList))
        assert [lst.selected_id for lst in lists] == [None, None, None]
        await pilot.press("a", "tab")
        await pilot.pause()
        focused = app.focused
        assert isinstance(focused, EntityList) and focused.highlighted is not None
        # only the focused list draws a cursor row
        assert [lst.cursor_visible for lst in lists] == [lst is focused for lst in lists]
        # the pane shows it has the focus: a heavy rule beside the sidebar, a plain one for the article
        assert app.query_one(Sidebar).styles.border_left[0] == "heavy"
        # its title says it has the focus, and where the cursor is
        assert focused.title_label.has_class("-focused")
        assert f"{focused.highlighted + 1}/{len(focused.rows)}" in str(focused.title_label.render())
        # the cursor row is drawn apart from its neighbours (bold on the cursor colour)
        cursor = focused.render_line(focused.highlighted - round(focused.scroll_y))
        other = focused.render_line(focused.highlighted + 1 - round(focused.scroll_y))
        assert {s.style.bgcolor for s in cursor if s.text.strip()} != {s.style.bgcolor for s in other if s.text.strip()}
        await pilot.press("a")
        await pilot.pause()
        assert app.query_one(Sidebar).styles.border_left[0] == "solid"
        assert [lst.cursor_visible for lst in lists] == [False, False, False]


async def test_the_selected_row_is_marked_apart_from_the_cursor(seed_article, seed_analysis):
    app = _app(seed_article, with_quotes(seed_article, seed_analysis))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("p", "j", "enter", "j")
        await pilot.pause()
        places = app.query_one("#places", EntityList)
        assert places.selected_id == places.rows[1].option_id
        assert places.highlighted == 2
        sidebar_text = region_text(app, app.query_one(Sidebar))
        marked = [line for line in sidebar_text.splitlines() if "▸" in line]
        assert len(marked) == 1 and places.rows[1].name in marked[0]

"""Article text is data: no markup is interpreted and no control sequence reaches the screen."""

from __future__ import annotations

from tests.app_support import region_text, screen_text
from tui.app import NewsReaderApp
from tui.document import load_article
from tui.model import Analysis, Entity, EntityKind, Mention, Quote, Speaker, SpeakerKind
from tui.widgets.article_view import ArticleView
from tui.widgets.bars import StatusLine

SIZE = (120, 30)
HOSTILE = [
    "[bold red]Evil[/]",
    "[@click=app.quit]Click[/]",
    "[link=file:///etc/passwd]pw[/link]",
]


def _hostile_article(tmp_path):
    title = "Title [b]not bold[/b] \x1b]0;pwned\x07"
    body = " and ".join(HOSTILE) + " met in Paris. \x1b[2J\x1b[31mred\u202eevil\u200b."
    quote = '"[@click=app.quit] is what I say," [bold red]Evil[/] said.'
    path = tmp_path / "hostile.txt"
    path.write_text(f"{title}\n\n{body}\n{quote}\n", encoding="utf-8")
    article = load_article(str(path))
    text = article.text
    entities = []
    for i, name in enumerate(HOSTILE, 1):
        starts = [j for j in range(len(text)) if text.startswith(name, j)]
        entities.append(Entity(f"person-{i}", EntityKind.PERSON, name, [Mention(s, s + len(name), name) for s in starts]))
    paris = text.index("Paris")
    entities.append(Entity("place-1", EntityKind.PLACE, "Paris", [Mention(paris, paris + 5, "Paris")]))
    qs = text.index('"[@click') + 1
    qe = text.index('," [bold') + 1
    quote = Quote("quote-1", qs, qe, text[qs:qe], qs - 1, qe + 1, "person-1")
    speaker = Speaker("person-1", HOSTILE[0], SpeakerKind.PERSON, "person-1", ["quote-1"])
    return article, Analysis(article.source, entities, [quote], [speaker])


async def test_markup_in_names_and_text_is_shown_literally_and_does_nothing(tmp_path):
    article, analysis = _hostile_article(tmp_path)
    app = NewsReaderApp([article], analyses=[analysis])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for name in HOSTILE:
            assert name in region_text(app, app.query_one(ArticleView))
            assert name[:16] in region_text(app, app.query_one("#sidebar"))  # long names are cut before their count
        assert "[b]not bold[/b]" in region_text(app, app.query_one("#title"))
        # the speaker's row, selected: the status line shows the raw name
        await pilot.press("s", "enter")
        assert "[bold red]Evil[/] — quote 1/1" in region_text(app, app.query_one(StatusLine))
        # clicking the "[@click=app.quit]" text in the article and in the sidebar triggers nothing
        view = app.query_one(ArticleView)
        offset = article.text.index("[@click")
        row, column = view._layout.position_of(offset, article.text)
        await pilot.click(ArticleView, offset=(column + 3, row - round(view.scroll_y)))
        await pilot.press("o")
        await pilot.click("#others")
        await pilot.pause()
        assert app.is_running and app.return_code is None
        # the palette lists the names as they are
        await pilot.press("ctrl+p", *"click")
        await pilot.pause(0.5)
        assert "Go to [@click=app.quit]Click[/]" in screen_text(app)
        await pilot.press("escape")
        assert app.is_running


async def test_control_characters_become_visible_placeholders(tmp_path):
    article, analysis = _hostile_article(tmp_path)
    app = NewsReaderApp([article], analyses=[analysis])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_text(app)
        assert "\x1b" not in screen and "\x07" not in screen and "\u202e" not in screen
        assert "␛[2J␛[31mred" in screen
        assert "␛]0;pwned␇" in screen


async def test_wide_characters_keep_highlights_on_the_right_words(tmp_path):
    path = tmp_path / "wide.txt"
    body = "東京の記者 🙂 said that 北京 and Paris agreed; " * 6
    path.write_text("標題 headline\n\n" + body + "\n", encoding="utf-8")
    article = load_article(str(path))
    text = article.text
    spans = [i for i in range(len(text)) if text.startswith("Paris", i)]
    analysis = Analysis(
        article.source, [Entity("place-1", EntityKind.PLACE, "Paris", [Mention(s, s + 5, "Paris") for s in spans])], [], []
    )
    app = NewsReaderApp([article], analyses=[analysis])
    async with app.run_test(size=(70, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        place = view.span_style("article-view--place")
        checked = 0
        for y in range(view.scrollable_content_region.height):
            for segment in view.render_line(y):
                if segment.style and segment.style.underline and segment.style.color == place.color:
                    assert segment.text == "Paris"
                    checked += 1
        assert checked >= 3

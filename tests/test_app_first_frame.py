"""The reader's first frame shows the text (widgets/article_view.py `_frame`): the view lays the
article out when the first frame is drawn, not on the Resize event that follows that frame,
which drew an empty view and sent the whole screen again (over SSH, the headline came frames
later, each a full screen for the server to carry)."""

from __future__ import annotations

from textual.screen import Screen

from tests.app_support import screen_text
from tui.app import NewsReaderApp, ReaderScreen


class _FirstFrame(NewsReaderApp):
    """The reader, noting the rows its view drew first (the first frame's)."""

    def on_mount(self) -> None:
        super().on_mount()
        self.first_rows: list[str] = []
        draw = self.view.render_line

        def noted(y: int):
            strip = draw(y)
            if len(self.first_rows) < self.view.size.height:
                self.first_rows.append(strip.text)
            return strip

        self.view.render_line = noted  # type: ignore[method-assign]

    async def _analyse_after_first_frames(self, pending: list[int]) -> None:
        """No analysis: the first frame is drawn before any would arrive."""


async def test_the_first_frame_shows_the_headline_and_the_text(seed_article):
    app = _FirstFrame([seed_article])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        first = "\n".join(app.first_rows)
        assert seed_article.title[:40] in first
        assert seed_article.text.split("\n\n")[1][:30] in first
        # The Resize that follows lays nothing out again: the view is at its width.
        assert app.view._layout.width == app.view.text_width


class _Pending(NewsReaderApp):
    """The reader, noting right after its first frame which of its widgets still wait to be
    drawn again."""

    pending: dict[str, bool] | None = None
    first_title = ""

    def _display(self, screen, renderable) -> None:
        super()._display(screen, renderable)
        if self.pending is None and renderable is not None:
            widgets = screen.walk_children(with_self=False)
            self.pending = {
                w.id or type(w).__name__: w._repaint_required or bool(w._repaint_regions) for w in widgets if w.display
            }
            self.first_title = screen_text(self).splitlines()[0]

    async def _analyse_after_first_frames(self, pending: list[int]) -> None:
        """No analysis: the frames that follow the first would draw it."""


async def test_the_first_frame_is_not_drawn_again(seed_article):
    """The first frame is drawn whole (tui.app.ReaderScreen): what the widgets asked to repaint
    while they were mounted and filled is on it, and is not sent to the terminal again."""
    app = _Pending([seed_article])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.pending is not None
        assert {"title", "legend", "article", "status"} <= app.pending.keys()
        assert not any(app.pending.values()), app.pending
        # The title bar was fitted to its width for that frame, not to the 80 columns assumed before.
        assert seed_article.title[:40] in app.first_title
        assert app.first_title == screen_text(app).splitlines()[0]


class _CountingScreen(ReaderScreen):
    whole = 0  # frames drawn whole

    def _compositor_refresh(self) -> None:
        if self is self.app.screen and self.size.region in self._compositor._dirty_regions:
            self.whole += 1
        super()._compositor_refresh()


class _Quiet(NewsReaderApp):
    """The reader with nothing to draw after its first frame: no analysis, no late widgets."""

    def get_default_screen(self) -> Screen:
        return _CountingScreen(id="_default")

    async def _analyse_after_first_frames(self, pending: list[int]) -> None:
        pass

    async def _mount_footer(self, screen: Screen) -> None:
        pass


async def test_the_screen_is_drawn_whole_once(seed_article):
    """Textual asks for a whole repaint when a screen resumes, right after drawing the reader's
    first frame there; the reader's screen drops it (the same screen again, ~6 KB)."""
    app = _Quiet([seed_article])
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(5):
            await pilot.pause(0.05)
        assert isinstance(app.screen, _CountingScreen)
        assert app.screen.whole == 1
        # A repaint asked for later is drawn as ever.
        app.screen.refresh()
        await pilot.pause(0.05)
        assert app.screen.whole == 2

"""The reader's first frame shows the text (widgets/article_view.py `_frame`): the view lays the
article out when the first frame is drawn, not on the Resize event that follows that frame,
which drew an empty view and sent the whole screen again (over SSH, the headline came frames
later, each a full screen for the server to carry)."""

from __future__ import annotations

from tui.app import NewsReaderApp


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

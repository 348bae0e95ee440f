"""Regenerate the README's web screenshots: `python docs/screenshot_feed.py` from the repository root.

The feed screen on the test site's RSS feed (20 items, HTML summaries, missing dates), and the
article it links to in the reader, both as Textual SVGs at 120x40. The pages are the ones the
tests serve; their address is shown as https://ledger.example/ so the picture does not carry
a random local port.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.web_site import DATA, rss_feed  # noqa: E402
from tui.app import NewsReaderApp  # noqa: E402
from tui.document.html import article_from_html  # noqa: E402
from tui.web.feeds import parse_feed  # noqa: E402

SITE = "https://ledger.example"


async def main() -> None:
    feed = parse_feed(rss_feed(), f"{SITE}/news/feed.rss", url=f"{SITE}/news/feed.rss")
    page = article_from_html(
        (DATA / "article.html").read_bytes(), f"{SITE}/news/harbour-coal-plant.html", url=f"{SITE}/news/harbour-coal-plant.html"
    )
    app = NewsReaderApp([page], feeds=[feed], use_cache=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("down")
        await pilot.pause(0.3)
        app.save_screenshot(filename="screenshot-feed.svg", path=str(ROOT / "docs"))
        await pilot.press("a")
        await app.wait_for_analysis()
        await pilot.pause(0.3)
        app.save_screenshot(filename="screenshot-web-article.svg", path=str(ROOT / "docs"))


if __name__ == "__main__":
    asyncio.run(main())

"""Regenerate the README's screenshots: `python docs/screenshots.py [NAME...]` from the repository
root (all of them, or only those named: reader, speaker, quotes, outline).

Runs the real reader on the seed at 120x40 (real analysis, no cache) and saves Textual SVGs.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.app import NewsReaderApp  # noqa: E402
from tui.document import load_article  # noqa: E402
from tui.widgets.sidebar import EntityList  # noqa: E402

SEED = next((ROOT / "seeds").glob("000_*.txt"))


async def shoot(name: str, choose) -> None:
    app = NewsReaderApp([load_article(str(SEED.relative_to(ROOT)))], use_cache=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.wait_for_analysis()
        await pilot.pause()
        await choose(app, pilot)
        await pilot.pause(0.3)
        app.save_screenshot(filename=f"screenshot-{name}.svg", path=str(ROOT / "docs"))


def picker(list_key: str, list_id: str, name: str, then: tuple[str, ...] = ()):
    async def choose(app, pilot) -> None:
        await pilot.press(list_key)
        rows = app.query_one(f"#{list_id}", EntityList).rows
        index = next((i for i, r in enumerate(rows) if name in r.name), 0)
        await pilot.press("home", *["down"] * index, "enter", *then)

    return choose


def keys(*pressed: str):
    async def choose(app, pilot) -> None:
        await pilot.press(*pressed)

    return choose


SHOTS = {
    "reader": picker("p", "places", "Kyiv", then=("n",)),
    "speaker": picker("s", "speakers", "Dunayevsky", then=("a",)),
    "quotes": keys("Q", "j", "j", "j"),
    "outline": keys("t", "j", "j", "j", "j"),
}


async def main() -> None:
    for name in sys.argv[1:] or SHOTS:
        await shoot(name, SHOTS[name])


if __name__ == "__main__":
    asyncio.run(main())

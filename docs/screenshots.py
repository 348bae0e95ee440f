"""Regenerate the README's screenshots: `python docs/screenshots.py` from the repository root.

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

SEED = next((ROOT / "seeds").glob("000_*.txt"))


async def shoot(name: str, keys: list[str]) -> None:
    app = NewsReaderApp([load_article(str(SEED.relative_to(ROOT)))], use_cache=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.wait_for_analysis()
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause(0.3)
        app.save_screenshot(filename=f"screenshot-{name}.svg", path=str(ROOT / "docs"))


async def main() -> None:
    await shoot("reader", ["p", "down", "down", "down", "down", "enter", "n"])
    speaker_keys = ["s", "down", "down", "down", "down", "enter", "a"]
    await shoot("speaker", speaker_keys)


if __name__ == "__main__":
    asyncio.run(main())

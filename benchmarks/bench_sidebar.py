"""Sidebar lists with many rows: filling them and moving the cursor, next to a plain OptionList.

    .venv/bin/python benchmarks/bench_sidebar.py [--rows 200 2000]

Headless (Pilot), so it measures the reader's own work, not a terminal. The floor is Textual's
OptionList with the same number of plain string rows. Prints, never asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import OptionList  # noqa: E402

from tui.app import NewsReaderApp  # noqa: E402
from tui.document import load_article  # noqa: E402
from tui.model import Analysis, Entity, EntityKind, Mention  # noqa: E402

SEED = next((ROOT / "seeds").glob("000_*.txt"))
FROZEN = ROOT / "tests" / "data" / "seed_analysis.json"
MOVES = 50


def many_places(analysis: Analysis, count: int) -> Analysis:
    result = copy.deepcopy(analysis)
    for i in range(count):
        result.entities.append(Entity(f"place-b{i}", EntityKind.PLACE, f"Place number {i:05d} of many", [Mention(0, 2, "US")]))
    return result


class Floor(App[None]):
    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count

    def compose(self) -> ComposeResult:
        yield OptionList(*[f"Place number {i:05d} of many  1 mention" for i in range(self.count)], id="places")


async def measure(app: App, count: int) -> tuple[float, float]:
    start = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        filled = time.perf_counter() - start
        app.set_focus(app.query_one("#places"))
        await pilot.pause()
        start = time.perf_counter()
        for _ in range(MOVES):
            await pilot.press("down")
        await pilot.pause()
        moved = (time.perf_counter() - start) / MOVES
        app.exit()
    return filled, moved


async def main(rows: list[int]) -> None:
    article = load_article(str(SEED))
    base = Analysis.from_dict(json.loads(FROZEN.read_text(encoding="utf-8")))
    print(f"{'rows':>6}  {'open, reader':>13}  {'open, floor':>12}  {'key, reader':>12}  {'key, floor':>11}")
    for count in rows:
        reader = await measure(NewsReaderApp([article], analyses=[many_places(base, count)]), count)
        floor = await measure(Floor(count), count)
        print(
            f"{count:>6}  {reader[0] * 1000:>10.0f} ms  {floor[0] * 1000:>9.0f} ms  {reader[1] * 1000:>9.1f} ms  {floor[1] * 1000:>8.1f} ms"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[200, 2000])
    asyncio.run(main(parser.parse_args().rows))

"""Issue-12 figures: from `enter` on a feed item to the article's first paint, local server,
next to opening the same page from disk. Real reader, real pty, real HTTP on 127.0.0.1.

    .venv/bin/python benchmarks/bench_web.py [--runs 3]

Prints, never asserts. Each run gets an empty cache directory, so the first `enter` pays for the
fetch, trafilatura's import and the extraction; the second `enter` on the same item (after `f`
back to the feed) is a conditional GET answered 304 from the saved copy. `enter` is pressed
3 s after the feed appears, as a reader would, while the feed screen warms up the fetcher. The floor is the disk:
the reader started on the saved page, from process start to the headline on screen, minus the
same reader's start-up on a plain-text file of the same words (what the HTML path adds).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.terminal import PtyApp  # noqa: E402
from tests.web_site import DATA, NewsSite  # noqa: E402

HEADLINE = "Story 0: harbour city votes"
READING = 3.0  # seconds between the feed appearing and `enter`
DISK_HEADLINE = "Harbour city votes to close coal plant early"


def reader(*args: str) -> list[str]:
    return [sys.executable, "-m", "tui", *args]


def env(cache: str) -> dict[str, str]:
    return {"NEWSREADER_FORCE_TTY": "1", "NEWSREADER_CACHE_DIR": cache}


def enter_to_paint(site: NewsSite) -> tuple[float, float, float, float]:
    """(start to feed on screen, enter to "fetching…" on screen, enter to article painted,
    second enter to article painted)."""
    with tempfile.TemporaryDirectory() as cache, PtyApp(reader(site.url("/feed.rss")), cols=100, rows=30, env=env(cache)) as app:
        feed_shown = app.wait_for("Council approves harbour wall repairs", 60)
        reading = time.perf_counter() + READING
        while time.perf_counter() < reading:  # a reader looks at the list; the warm-up runs meanwhile
            app.pump(0.05)
        times = []
        acknowledged = None
        for _ in range(2):
            app.settle(0.1)
            sent = time.perf_counter()
            os.write(app.master, b"\r")  # not app.press: it waits for quiet before sending
            deadline = sent + 60
            while HEADLINE not in app.text:
                if time.perf_counter() > deadline:
                    raise TimeoutError(app.text)
                if acknowledged is None and "fetching" in app.text:
                    acknowledged = time.perf_counter() - sent
                app.pump(0.005)
            times.append(time.perf_counter() - sent)
            app.settle()
            app.press("f")
            app.wait_for("Council approves harbour wall repairs", 10)
            app.settle()
        app.press("q")
        app.close()
        return feed_shown, acknowledged if acknowledged is not None else float("nan"), times[0], times[1]


def start_to_paint(path: Path, needle: str) -> float:
    with tempfile.TemporaryDirectory() as cache, PtyApp(reader(str(path)), cols=100, rows=30, env=env(cache)) as app:
        shown = app.wait_for(needle, 60)
        app.settle()
        app.press("q")
        app.close()
        return shown


def switch_to_paint(plain: Path) -> float:
    """The UI floor: the same words, read from disk at start, painted on `]`."""
    seed = next((ROOT / "seeds").glob("000_*.txt"))
    with tempfile.TemporaryDirectory() as cache, PtyApp(reader(str(seed), str(plain)), cols=100, rows=30, env=env(cache)) as app:
        app.wait_for("US wants Russia", 60)
        reading = time.perf_counter() + READING
        while time.perf_counter() < reading:
            app.pump(0.05)
        app.settle(0.1)
        sent = time.perf_counter()
        os.write(app.master, b"]")
        deadline = sent + 30
        while DISK_HEADLINE not in app.text:
            if time.perf_counter() > deadline:
                raise TimeoutError(app.text)
            app.pump(0.005)
        shown = time.perf_counter() - sent
        app.press("q")
        app.close()
        return shown


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from tui.document import load_article

    saved_html = DATA / "article.html"
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "article.txt"
        plain.write_text(load_article(str(saved_html)).text, encoding="utf-8")
        rows: dict[str, list[float]] = {"feed": [], "ack": [], "enter": [], "again": [], "html": [], "txt": [], "switch": []}
        with NewsSite() as site:
            for _ in range(args.runs):
                feed, ack, enter, again = enter_to_paint(site)
                rows["feed"].append(feed)
                rows["ack"].append(ack)
                rows["enter"].append(enter)
                rows["again"].append(again)
                rows["html"].append(start_to_paint(saved_html, DISK_HEADLINE))
                rows["txt"].append(start_to_paint(plain, DISK_HEADLINE))
                rows["switch"].append(switch_to_paint(plain))
    med = {k: statistics.median(v) for k, v in rows.items()}
    print(f"runs: {args.runs} (median), 100x30 pty, server on 127.0.0.1")
    print(f"  start -> feed on screen (fetch + parse 20 items)      {med['feed'] * 1000:7.0f} ms")
    print(f"  enter on an item -> 'fetching…' on screen            {med['ack'] * 1000:7.0f} ms")
    print(f"  enter on an item -> article painted (first time)     {med['enter'] * 1000:7.0f} ms")
    print(f"  enter again (304 + saved copy)                       {med['again'] * 1000:7.0f} ms")
    print(f"  floor, UI: ] to the same words read from disk       {med['switch'] * 1000:7.0f} ms")
    print(f"  floor, disk: start -> saved .html painted            {med['html'] * 1000:7.0f} ms")
    print(f"  floor, disk: start -> same words as .txt painted     {med['txt'] * 1000:7.0f} ms")
    print(f"  what HTML extraction adds on disk (html - txt)       {(med['html'] - med['txt']) * 1000:7.0f} ms")


if __name__ == "__main__":
    main()

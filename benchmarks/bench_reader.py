"""Issue-5 figures for the real reader in a real pty, next to a minimal Textual app as the floor.

    .venv/bin/python benchmarks/bench_reader.py [--runs 5] [--quick]

Prints, never asserts. Timings on a shared 2-core machine are noisy: compare the ratios within
one run, not absolute numbers across runs. --quick skips the 2 MB document.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.terminal import PtyApp  # noqa: E402

SEED = next((ROOT / "seeds").glob("000_*.txt"))
HEADLINE = SEED.read_text(encoding="utf-8").strip().splitlines()[0][:40]
READY = re.compile(r"\d+ mentions?")  # the sidebar's places list is filled: highlights are on
BUSY = "analysing"  # the status line while the analysis runs
PAGE_DOWN = "\x1b[6~"


def reader(path: Path, root: Path = ROOT) -> list[str]:
    """The reader of this checkout, or of another one (`--compare`): `-m` finds the package in
    the working directory first."""
    if root != ROOT:
        return [
            sys.executable,
            "-c",
            # `tui.styles` is the folder styles/ of that checkout too, not the one the editable
            # install maps it to (this checkout's): each reader is timed with its own stylesheet.
            f"import sys; sys.path.insert(0, {str(root)!r}); import tui; tui.__path__.append({str(root)!r}); "
            "import runpy; runpy.run_module('tui', run_name='__main__')",
            str(path),
        ]
    return [sys.executable, "-m", "tui", str(path)]


def minimal(path: Path) -> list[str]:
    return [sys.executable, str(ROOT / "benchmarks" / "minimal_app.py"), str(path)]


def wait_ready(app: PtyApp, timeout: float, *, complete: bool = True) -> float:
    """Seconds from start until highlights are on (complete: and the analysis has finished)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        screen = app.text
        if READY.search(screen) and not (complete and BUSY in screen):
            return time.perf_counter() - app.started
        app.pump(0.05)
    raise TimeoutError("analysis did not finish:\n" + app.text)


def quit_app(app: PtyApp) -> None:
    app.press("q")
    app.close()


def time_to_headline(
    argv: list[str], cache: str, *, ready: bool = False, timeout: float = 600, size: tuple[int, int] = (100, 30)
) -> tuple[float, float | None]:
    with PtyApp(argv, cols=size[0], rows=size[1], env={"NEWSREADER_CACHE_DIR": cache}) as app:
        shown = app.wait_for(HEADLINE, 120)
        done = wait_ready(app, timeout) if ready else None
        quit_app(app)
    return shown, done


def median(values: list[float]) -> float:
    return statistics.median(values)


def ms(x: float) -> str:
    return f"{x * 1000:7.0f} ms"


def row(label: str, value: str, target: str = "") -> None:
    print(f"  {label:<58} {value:>14}   {target}")


def compile_bytecode(root: Path = ROOT) -> None:
    """Compile the package as an installed wheel is: an editable install under
    PYTHONDONTWRITEBYTECODE (set on this workplace) would otherwise compile every module of the
    reader from source at each start, while Textual's own arrive compiled: 40-60 ms charged to
    the reader that no user pays."""
    import compileall

    compileall.compile_dir(str(root / "tui"), quiet=1)


def startup(runs: int, big: Path | None, compare: Path | None = None) -> None:
    compile_bytecode()
    warm = tempfile.mkdtemp(prefix="nr-bench-warm-")
    time_to_headline(reader(SEED), warm, ready=True)  # fills the cache
    if compare is not None:
        compile_bytecode(compare)
    floor, cached, first, first_ready, other = [], [], [], [], []
    for _ in range(runs):  # interleaved: same load for all
        floor.append(time_to_headline(minimal(SEED), warm)[0])
        cached.append(time_to_headline(reader(SEED), warm)[0])
        if compare is not None:
            other.append(time_to_headline(reader(SEED, compare), warm)[0])
        shown, done = time_to_headline(reader(SEED), tempfile.mkdtemp(prefix="nr-bench-cold-"), ready=True)
        first.append(shown)
        first_ready.append(done or 0.0)
    f = median(floor)
    print(f"start-up, seed ({SEED.stat().st_size} bytes), median of {runs}, 100x30 pty:")
    row("minimal Textual app (one Static): first line on screen", ms(f), "floor")
    row("reader, analysis cached: headline on screen", f"{ms(median(cached))} ({median(cached) / f:.2f}x)", "target <= 1.2x")
    if other:
        row(f"the reader of {compare}, analysis cached", f"{ms(median(other))} ({median(other) / f:.2f}x)", "before")
    row(
        "reader, first run (empty cache): headline on screen", f"{ms(median(first))} ({median(first) / f:.2f}x)", "target <= 1.5x"
    )
    row("reader, first run: highlights and sidebar filled", ms(median(first_ready)), "keys answered meanwhile")
    if big is not None:
        big_floor = median([time_to_headline(minimal(big), warm)[0] for _ in range(runs)])
        big_first = []
        for _ in range(max(1, runs // 2)):
            big_first.append(time_to_headline(reader(big), tempfile.mkdtemp(prefix="nr-bench-big-"))[0])
        row(f"minimal app on the {big.stat().st_size // 1024} KB document", ms(big_floor), "")
        row(
            "reader, 2 MB document, first run: headline on screen",
            f"{ms(median(big_first))} ({median(big_first) / f:.2f}x)",
            "target <= 2x",
        )


def keys(runs: int) -> None:
    warm = tempfile.mkdtemp(prefix="nr-bench-keys-")
    with PtyApp(reader(SEED), cols=100, rows=30, env={"NEWSREADER_CACHE_DIR": warm}) as app:
        app.wait_for(HEADLINE, 120)
        wait_ready(app, 300)
        app.settle(0.5)
        pgdn = [app.press(PAGE_DOWN) for _ in range(max(runs, 8))]
        app.press("g")
        app.press("p")  # Places list
        app.press("\r")  # select the first place: the view jumps to its first mention
        nxt = [app.press("n") for _ in range(max(runs, 8))]
        quit_app(app)
    print("keys, seed cached, 100x30 (key sent -> last byte of the screen update):")
    row("page down: latency", ms(median([t for t, _ in pgdn])), "target <= 50 ms")
    row("page down: bytes written to the terminal", f"{median([n for _, n in pgdn]):7.0f} B", "target <= 6 KB")
    row("next mention (n): latency", ms(median([t for t, _ in nxt])), "target <= 50 ms")
    row("next mention (n): bytes", f"{median([n for _, n in nxt]):7.0f} B", "")


def throughput(big: Path, rounds: int = 2) -> None:
    """Raw spaCy and our analysis, alternated `rounds` times on the same text; best of each, so
    a burst of load from elsewhere on the machine skews neither side."""
    from tui.analysis import analyse, load_pipeline
    from tui.document import load_article

    article = load_article(str(big))
    nlp = load_pipeline()
    texts = [article.text[b.start : b.end] for b in article.blocks if not b.kind.is_metadata]
    nlp("warm up")
    raw_times, our_times = [], []
    for _ in range(rounds):
        t = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=64):
            pass
        raw_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        analyse(article, nlp)
        our_times.append(time.perf_counter() - t)
    raw, ours = min(raw_times), min(our_times)
    mb = len(article.text.encode()) / 1e6
    print(f"analysis throughput, {mb:.1f} MB document, one process, best of {rounds} alternated runs:")
    row("raw spaCy nlp.pipe (same components)", f"{mb / raw:6.3f} MB/s", f"{raw:.1f} s")
    row(
        "newsreader analyse (spaCy + all rules)",
        f"{mb / ours:6.3f} MB/s",
        f"{ours:.1f} s, {raw / ours:.2f}x of raw (target >= 0.85x)",
    )


def tree_rss_mib(root: int) -> int:
    """Resident memory of a process and all its descendants, in MiB (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * resource.getpagesize()
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total // (1024 * 1024)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


COUNTER = re.compile(r"\b\w+ (\d+)/\d+")  # the selection's place in its walk, on the status line


def page_shown(
    app: PtyApp, cols: int, quiet: float = 0.15, timeout: float = 10.0, key: str = PAGE_DOWN
) -> tuple[float, float] | None:
    """Page down (or `key`): (key sent -> last byte that changed the article's text, -> last byte
    of any kind), or None at the end of the text (nothing to draw; the view goes back to the top).
    For `n` the status line's counter is watched as well (the next mention may be on screen).

    The second is `PtyApp.press`'s measure: it also charges the key with whatever else the
    screen drew before it fell quiet (the progress percentage, the sidebar and the quote bars
    of a partial analysis landing meanwhile). The first watches only the article's words (the
    columns left of the sidebar, past the quote-bar gutter): what the key itself changes."""
    from tui.widgets.sidebar import sidebar_width

    columns = slice(2, cols - sidebar_width(cols))

    def article() -> list[str]:
        shown = [line[columns] for line in app.screen.display[1:-2]]
        if key == "n":
            counter = COUNTER.search(app.screen.display[-2])
            shown.append(counter.group(1) if counter else "")
        return shown

    app.settle(0.1)
    shown, changed_at = article(), None
    sent = time.perf_counter()
    os.write(app.master, key.encode())
    deadline = sent + timeout
    while time.perf_counter() < deadline:
        if app.last_read <= sent and time.perf_counter() - sent > 1.0:
            break  # a page down that draws nothing within a second is at the end of the text
        if app.pump(0.002) and article() != shown:
            shown, changed_at = article(), app.last_read
        if app.last_read > sent and time.perf_counter() - app.last_read > quiet:
            break
    if app.last_read <= sent:
        app.press("g")
        return None
    return max(0.0, (changed_at or app.last_read) - sent), max(0.0, app.last_read - sent)


def big_document(big: Path, root: Path = ROOT) -> None:
    """First open of the 2 MB text: first highlights, keys during the whole analysis (a page down
    every half second or so, so some land while a partial analysis is applied), completion,
    memory."""
    cache = tempfile.mkdtemp(prefix="nr-bench-mem-")
    with PtyApp(reader(big, root), cols=100, rows=30, env={"NEWSREADER_CACHE_DIR": cache}) as app:
        shown = app.wait_for(HEADLINE, 120)
        partial = wait_ready(app, 600, complete=False)
        # The first place is the selection that `n` walks; back to the article for the other keys.
        for key in ("p", "\r", "a"):
            app.press(key)
        during: list[float] = []
        during_any: list[float] = []
        others: dict[str, list[float]] = {"j": [], "n": []}
        turn = 0
        peak_tree = 0
        deadline = time.perf_counter() + 1800
        while time.perf_counter() < deadline:
            peak_tree = max(peak_tree, tree_rss_mib(app.proc.pid))
            if READY.search(app.text) and BUSY not in app.text:
                break
            key = (PAGE_DOWN, PAGE_DOWN, "j", "n")[turn % 4]  # page down as often as the others together
            turn += 1
            timed = page_shown(app, 100, key=key)
            if timed is not None and key == PAGE_DOWN:
                during.append(timed[0])
                during_any.append(timed[1])
            elif timed is not None:
                others[key].append(timed[0])
            app.pump(0.3)
        done = time.perf_counter() - app.started
        status = Path(f"/proc/{app.proc.pid}/status").read_text()
        ui_peak = int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) // 1024
        app.press("g")  # from the top: a long analysis may have paged to the end of the text
        after = [app.press(PAGE_DOWN) for _ in range(20)]
        after_page = [timed[0] for _ in range(20) if (timed := page_shown(app, 100)) is not None]
        floor = [app.press("\x1b[B")[0] for _ in range(20)]  # a line down: one row's worth of work
        after_keys = {key: [t[0] for _ in range(20) if (t := page_shown(app, 100, key=key)) is not None] for key in ("j", "n")}
        quit_app(app)
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    name = "" if root == ROOT else f", the reader of {root}"
    print(f"2 MB document ({big.stat().st_size // 1024} KB), first open, 100x30{name}:")
    row("headline on screen", ms(shown), "")
    row("first (partial) highlights", ms(partial), "progressive")
    row(
        f"page down while the analysis runs: page drawn, p95 of {len(during)}",
        ms(p95(during)),
        f"target <= 50 ms; median {median(during) * 1000:.0f}, max {max(during) * 1000:.0f} ms",
    )
    row(
        "  the same presses, until the screen is quiet: p95",
        ms(p95(during_any)),
        f"median {median(during_any) * 1000:.0f}, max {max(during_any) * 1000:.0f} ms (progress, partials)",
    )
    for key, times in others.items():
        if times:
            row(
                f"{key} while the analysis runs: drawn, p95 of {len(times)}",
                ms(p95(times)),
                f"target <= 50 ms; median {median(times) * 1000:.0f}, max {max(times) * 1000:.0f} ms",
            )
    row("analysis complete", ms(done), "")
    # As during the analysis, the target is on the page drawn; the status line's position follows
    # a frame later, which the until-quiet figure includes.
    row(
        "page down after: page drawn, p95 of 20",
        ms(p95(after_page)),
        f"target <= 30 ms; median {median(after_page) * 1000:.0f} ms",
    )
    row(
        "  the same presses, until the screen is quiet: p95",
        ms(p95([t for t, _ in after])),
        f"median {median([t for t, _ in after]) * 1000:.0f} ms, {median([n for _, n in after]):.0f} B (status line a frame later)",
    )
    row("a line down after (floor: little to draw), median", ms(median(floor)), "floor")
    for key, times in after_keys.items():
        if times:
            row(
                f"{key} after: drawn, p95 / median of {len(times)}",
                ms(p95(times)),
                f"target <= 30 ms; median {median(times) * 1000:.0f} ms",
            )
    row("peak memory: reader (UI) process", f"{ui_peak:6d} MiB", "")
    row("peak memory: largest finished descendant (the analysis)", f"{child_peak:6d} MiB", "")
    row("peak memory: reader + all its processes together (sampled)", f"{peak_tree:6d} MiB", "target <= 1.5 GB")


def until(app: PtyApp, sent: float, pattern: re.Pattern[str], timeout: float = 20.0) -> float:
    """Seconds from `sent` until the screen first matches `pattern` (the byte that made it so)."""
    deadline = sent + timeout
    while time.perf_counter() < deadline:
        if pattern.search(app.text):
            return app.last_read - sent
        app.pump(0.002)
    raise TimeoutError(f"{pattern.pattern!r} not on screen:\n{app.text}")


def search(runs: int, big: Path, cache: str, compare: Path | None = None) -> None:
    """Typing a search on the 2 MB text, analysis done: the first frame with the matches near
    the view, and the frame with all of them counted, per keystroke. With `compare`, that
    checkout's reader types the same keys in a run of its own between each of ours."""
    query = "peace"
    roots = [ROOT] if compare is None else [compare, ROOT]
    first: dict[Path, list[float]] = {root: [] for root in roots}
    complete: dict[Path, list[float]] = {root: [] for root in roots}
    floor: dict[Path, list[float]] = {root: [] for root in roots}
    for r in range(runs):
        for root in roots:
            with PtyApp(reader(big, root), cols=100, rows=30, env={"NEWSREADER_CACHE_DIR": cache}) as app:
                app.wait_for(HEADLINE, 120)
                wait_ready(app, 3600)
                app.settle(0.5)
                app.press(PAGE_DOWN * (r + 1))
                app.press("/")
                for n in range(1, len(query) + 1):
                    typed = re.escape(query[:n])
                    app.settle(0.1)
                    sent = time.perf_counter()
                    os.write(app.master, query[n - 1].encode())
                    first[root].append(until(app, sent, re.compile(rf"/{typed}\W+(match \d+/\d+|no matches)")))
                    complete[root].append(until(app, sent, re.compile(rf"/{typed}\W+(match \d+/\d+(?!\+)\b|no matches)")))
                    floor[root].append(app.press("\x1b[D")[0])  # cursor left in the search bar: a repaint and no search
                    app.press("\x1b[F")  # back to the end of the query
                app.press("\x1b")
                quit_app(app)

    for root in roots:
        name = "this checkout" if root == ROOT else f"the reader of {root}"
        print(
            f"search on the 2 MB document, {name}, analysis cached, {runs} x typing {query!r} (p95 over {len(first[root])} keystrokes):"
        )
        row("cursor key in the search bar (no search): latency p95", ms(p95(floor[root])), "floor")
        row("keystroke -> first frame with matches near the view, p95", ms(p95(first[root])), "target <= 30 ms")
        row("keystroke -> every match found and counted, p95", ms(p95(complete[root])), "shown incrementally")
        row("keystroke -> first frame, median", ms(median(first[root])), "")
        letters = [median(first[root][n :: len(query)]) * 1000 for n in range(len(query))]
        row("  the same by letter typed, median", " / ".join(f"{t:.0f}" for t in letters) + " ms", " / ".join(query))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="skip the 2 MB document")
    parser.add_argument("--only", choices=("startup", "keys", "big", "search", "throughput"), help="run one part")
    parser.add_argument(
        "--compare", type=Path, help="another checkout whose reader is timed alternately (start-up, search) or first (big)"
    )
    parser.add_argument("--cache", help="analysis cache for the 2 MB document (reuse it to skip its analysis)")
    args = parser.parse_args()
    os.chdir(ROOT)
    big = None
    if not args.quick:
        tmp = Path(tempfile.mkdtemp(prefix="nr-bench-doc-"))
        big = tmp / "two_megabytes.txt"
        seed = SEED.read_text(encoding="utf-8")
        big.write_text("\n\n".join([seed] * (2_000_000 // len(seed) + 1)), encoding="utf-8")
    print(
        f"newsreader benchmark, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}"
    )
    parts = [args.only] if args.only else ["startup", "keys", "big", "search", "throughput"]
    if "startup" in parts:
        startup(args.runs, big, args.compare)
    if "keys" in parts:
        keys(args.runs)
    if big is not None and "big" in parts:
        if args.compare is not None:
            big_document(big, args.compare)
        big_document(big)
    if big is not None and "search" in parts:
        search(args.runs, big, args.cache or tempfile.mkdtemp(prefix="nr-bench-search-"), args.compare)
    if big is not None and "throughput" in parts:
        throughput(big)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Where a search keystroke's time goes, inside the reader in a real pty (not a test).

    .venv/bin/python benchmarks/experiments/search_timeline.py [--runs 4] [--root DIR] --cache DIR

Types "peace" as `bench_reader.py --only search` does, into the reader of checkout DIR (this one
by default) run through `search_timeline_reader.py`, and prints per keystroke the time to the
first frame with matches and, over all keystrokes, the median and p90 of each phase: the key's
way to the input thread, to the search bar, the search itself, the wait for the screen's
update timer, the compositor's render, the hand-over to the writer thread, the writer's flush,
and the pty with the benchmark's terminal emulator; then the UI thread's CPU time in the search,
the render and the hand-over (`time.thread_time`: on a shared machine the wall times above are
mostly waiting for a core, the CPU times are the work). Reuse a `--cache` filled by a run of
`bench_reader.py --cache DIR` (the 2 MB text's analysis) to skip the analysis.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from benchmarks.bench_reader import HEADLINE, PAGE_DOWN, SEED, compile_bytecode, quit_app, until, wait_ready  # noqa: E402
from tests.terminal import PtyApp  # noqa: E402

PHASES = ("to input", "to bar", "search", "to timer", "render", "hand-over", "flush", "pty+pyte")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--root", type=Path, default=HERE.parent.parent)
    parser.add_argument("--cache", required=True)
    parser.add_argument("--query", default="peace")
    parser.add_argument("--marks", action="store_true", help="print each keystroke's phases and marks")
    args = parser.parse_args()
    compile_bytecode(args.root)
    big = Path(tempfile.mkdtemp(prefix="nr-timeline-")) / "two_megabytes.txt"
    seed = SEED.read_text(encoding="utf-8")
    big.write_text("\n\n".join([seed] * (2_000_000 // len(seed) + 1)), encoding="utf-8")
    phases: list[list[float]] = []
    cpus: list[list[float]] = []
    for r in range(args.runs):
        trace = big.with_suffix(f".{r}.json")
        argv = [sys.executable, str(HERE / "search_timeline_reader.py"), str(args.root), str(big)]
        env = {"NEWSREADER_CACHE_DIR": args.cache, "TRACE_OUT": str(trace)}
        keys = []
        with PtyApp(argv, cols=100, rows=30, env=env, cwd=args.root) as app:
            app.wait_for(HEADLINE, 120)
            wait_ready(app, 3600)
            app.settle(0.5)
            app.press(PAGE_DOWN * (r + 1))
            app.press("/")
            for n in range(1, len(args.query) + 1):
                app.settle(0.1)
                sent = time.perf_counter()
                os.write(app.master, args.query[n - 1].encode())
                first = until(app, sent, re.compile(rf"/{re.escape(args.query[:n])}\W+(match \d+/\d+|no matches)"))
                keys.append((args.query[n - 1], sent, first))
                app.press("\x1b[D")
                app.press("\x1b[F")
            app.press("\x1b")
            quit_app(app)
        time.sleep(0.5)
        log = json.loads(trace.read_text())
        for letter, sent, first in keys:
            events = [((t - sent) * 1000, tag) for t, tag, *_ in log if sent - 0.002 <= t <= sent + first + 0.01]
            window = [(tag, c) for t, tag, c, *_ in log if sent - 0.002 <= t <= sent + first + 0.01]

            def cpu_of(begin: str, end: str) -> float:
                starts = [c for tag, c in window if tag == begin]
                ends = [c for tag, c in window if tag == end]
                return (ends[0] - starts[0]) * 1000 if starts and ends else float("nan")

            cpus.append([cpu_of("typed+", "typed-"), cpu_of("render+", "render-"), cpu_of("display+", "display-")])

            def at(tag: str, after: float = -5.0) -> float:
                return next(t for t, name in events if name == tag and t >= after)

            try:
                marks = [0.0, at("feed"), at("typed+"), at("typed-")]
                marks += [at("timer+", marks[-1])]
                marks += [at("render-", marks[-1])]
                marks += [at("display-", marks[-1])]
                marks += [at("flushed", marks[-1]), first * 1000]
            except StopIteration:
                continue
            rows = sum(1 for t, name in events if name == "row" and t <= first * 1000)
            phases.append([b - a for a, b in zip(marks, marks[1:])])
            print(
                f"run {r} {letter!r}: first frame {first * 1000:5.1f} ms, article rows drawn {rows}; "
                f"CPU search {cpus[-1][0]:4.1f} render {cpus[-1][1]:4.1f} hand-over {cpus[-1][2]:4.1f} ms"
            )
            if args.marks:  # each phase, then every mark but the rows, in ms from the key
                print("   " + "  ".join(f"{n} {v:4.1f}" for n, v in zip(PHASES, phases[-1])))
                print("   " + " ".join(f"{t:.1f}:{name}" for t, name in events if name != "row"))
    for i, name in enumerate(PHASES):
        values = sorted(p[i] for p in phases)
        print(f"{name:10} median {statistics.median(values):5.1f} ms   p90 {values[int(0.9 * (len(values) - 1))]:5.1f} ms")
    for i, name in enumerate(("search", "render", "hand-over")):
        values = sorted(c[i] for c in cpus)
        print(f"CPU {name:10} median {statistics.median(values):5.1f} ms   p90 {values[int(0.9 * (len(values) - 1))]:5.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Where start-up goes, reader against the minimal app, in a real pty (issue 15 item 1).

    .venv/bin/python benchmarks/experiments/startup_timeline.py [--runs 7] [--compare DIR]

Runs `startup_timeline_app.py` alternately for the minimal app and the reader (analysis cached)
and prints, per mark, the median wall time since the process was started and the process's CPU
time then: the end of the imports, `App.run`, the first renders, writes and flushes, and when
the driver saw the headline.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_reader import HEADLINE, SEED, compile_bytecode, time_to_headline  # noqa: E402

APP = Path(__file__).resolve().parent / "startup_timeline_app.py"


def trace(argv: list[str], cache: str) -> tuple[float, list[tuple[float, float, str]], float]:
    out = tempfile.mktemp(suffix=".json")
    os.environ["TRACE_OUT"] = out
    from tests.terminal import PtyApp

    with PtyApp(argv, cols=100, rows=30, env={"NEWSREADER_CACHE_DIR": cache, "TRACE_OUT": out}) as app:
        shown = app.wait_for(HEADLINE, 120)
        started = app.started
        app.settle(0.5)
        app.press("q")
        app.close()
    log = json.load(open(out))
    os.unlink(out)
    return shown, log, started


def summary(log: list, started: float) -> dict[str, tuple[float, float]]:
    """First occurrence of each tag (numbered when repeated), wall since start and CPU."""
    seen: dict[str, int] = {}
    rows: dict[str, tuple[float, float]] = {}
    for wall, cpu, tag in log:
        base = tag if tag.startswith("acc ") else tag.split(" ")[0]
        n = seen.get(base, 0)
        seen[base] = n + 1
        if n < 3:
            rows[f"{base}#{n}" if n else base] = (wall - started, cpu)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--compare", type=Path)
    args = parser.parse_args()
    compile_bytecode()
    warm = tempfile.mkdtemp(prefix="nr-trace-")
    py = sys.executable
    time_to_headline([py, "-m", "tui", str(SEED)], warm, ready=True)
    kinds = {"minimal": [py, str(APP), "minimal", str(SEED)], "reader": [py, str(APP), "reader", str(ROOT), str(SEED)]}
    if args.compare:
        compile_bytecode(args.compare)
        kinds["before"] = [py, str(APP), "reader", str(args.compare), str(SEED)]
    results: dict[str, list[tuple[float, dict]]] = {k: [] for k in kinds}
    for _ in range(args.runs):
        for kind, argv in kinds.items():
            shown, log, started = trace(argv, warm)
            results[kind].append((shown, summary(log, started)))
    for kind, runs in results.items():
        print(f"{kind}: headline seen {statistics.median(s for s, _ in runs) * 1000:.0f} ms (median of {len(runs)})")
        tags = list(runs[0][1])
        for tag in tags:
            walls = [r[tag][0] for _, r in runs if tag in r]
            cpus = [r[tag][1] for _, r in runs if tag in r]
            print(f"  {tag:<22} wall {statistics.median(walls) * 1000:7.1f} ms   cpu {statistics.median(cpus) * 1000:7.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

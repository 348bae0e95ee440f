"""CPU of one reader forked from a zygote, until its first frame, just after it, and in all.

    .venv/bin/python benchmarks/experiments/fork_cpu.py [--runs 5] [--rounds 4] [--compare DIR]

What `bench_serve.py` counts in clock ticks (10 ms) through SSH, measured here to the
microsecond without SSH: this process does what the zygote does (`preload`, the seed's analysis
held in memory), then forks readers one at a time, each on a pty of its own (100x30) as a session
gets it (`become_session`), and each notes its own CPU (`getrusage`, the child's from the fork)
when its first frames are done (the first `stagger.siblings_painted`, where a session lets its
siblings paint), when its lists, search bar and footer are mounted (`_settle_heap`), and 2 s after
the fork (the analysis shown, the screen idle). `--compare DIR` alternates, round by round, with
the reader of another checkout (its `tui` first on sys.path). Prints medians; never asserts.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import resource
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MARKS = ("frame", "late", "idle")


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(root: Path, seed: str, out: Path) -> None:
    """In the forked reader: note the marks, run the reader, write the marks 2 s after the fork."""
    from tui import app as app_module
    from tui.serve import stagger

    marks = {"start": cpu()}
    siblings_painted, settle = stagger.siblings_painted, app_module._settle_heap

    async def noted_painted(*args, **kwargs):
        marks.setdefault("frame", cpu())
        return await siblings_painted(*args, **kwargs)

    def noted_settle() -> None:
        marks.setdefault("late", cpu())
        settle()

    stagger.siblings_painted = noted_painted  # type: ignore[assignment]
    app_module._settle_heap = noted_settle

    def end() -> None:
        time.sleep(2.0)
        marks["idle"] = cpu()
        out.write_text(json.dumps({k: v - marks["start"] for k, v in marks.items()}))
        os._exit(0)

    import runpy

    sys.argv = ["tui", seed]
    threading.Thread(target=end, daemon=True).start()
    runpy.run_module("tui", run_name="__main__", alter_sys=True)
    os._exit(0)


def zygote(root: Path, runs: int) -> list[dict[str, float]]:
    """This process as the zygote of `root`'s reader; `runs` readers forked one after the other."""
    import gc

    sys.path.insert(0, str(root))
    os.chdir(root)
    seed = str(next((root / "seeds").glob("000_*.txt")))
    gc.disable()
    from tui.serve import zygote as z

    z.preload()
    z.load_analyses([seed])
    env = {**os.environ, "TERM": "xterm-256color", "SSH_CONNECTION": "127.0.0.1 1 127.0.0.1 2"}
    results = []
    for _ in range(runs):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        out = Path(tempfile.mkstemp(prefix="fork-cpu-")[1])
        pid = os.fork()
        if pid == 0:
            os.close(master)
            z.become_session(z.Request(0, "tui", [seed], env, str(root), slave))
            gc.enable()
            child(root, seed, out)
        os.close(slave)
        while True:  # drain the screen until the reader ends
            if select.select([master], [], [], 0.2)[0]:
                try:
                    if not os.read(master, 65536):
                        break
                except OSError:
                    break
            if os.waitpid(pid, os.WNOHANG)[0]:
                break
        os.close(master)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
        results.append(json.loads(out.read_text() or "{}"))
        out.unlink()
        time.sleep(0.3)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="readers forked per round")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--compare", type=Path, help="another checkout, alternated round by round")
    parser.add_argument("--zygote-of", type=Path, help=argparse.SUPPRESS)  # one round, in a fresh process
    args = parser.parse_args()
    if args.zygote_of is not None:
        print(json.dumps(zygote(args.zygote_of.resolve(), args.runs)))
        return 0
    roots = [ROOT] + ([args.compare.resolve()] if args.compare else [])
    found: dict[Path, list[dict[str, float]]] = {root: [] for root in roots}
    for _ in range(args.rounds):
        for root in roots:
            done = subprocess.run(
                [sys.executable, __file__, "--zygote-of", str(root), "--runs", str(args.runs)],
                capture_output=True,
                text=True,
                check=True,
            )
            found[root].extend(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"a reader forked from a zygote, 100x30 pty, seed, its CPU since the fork (load {os.getloadavg()[0]:.2f}):")
    for root, results in found.items():
        figures = "  ".join(
            f"{mark} {1000 * statistics.median([r[mark] for r in results if mark in r]):.0f} ms" for mark in MARKS
        )
        print(f"  {str(root):<40} {figures}   (median of {len(results)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

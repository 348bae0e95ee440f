"""Issue-7 figures: loading and `--json` on very large inputs (20 MB, one 5 MB line, 100 000
one-line paragraphs), each in a fresh process, with wall time, CPU time and peak memory.

    .venv/bin/python benchmarks/bench_big_inputs.py [--load-only] [--sizes 20mb,5mb-line,100k]

Prints, never asserts. The machine is shared: CPU seconds are the steadier figure.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile_files import big_file_text, many_paragraphs, one_long_line  # noqa: E402

INPUTS = {
    "20mb": ("20mb.txt", lambda: big_file_text(20 * 1024 * 1024)),
    "5mb-line": ("one-5mb-line.txt", lambda: one_long_line(5 * 1024 * 1024)),
    "100k": ("100k-paragraphs.txt", lambda: many_paragraphs(100_000)),
    "100k-lines": ("100k-lines.txt", lambda: many_paragraphs(100_000, separator="\n")),
}
LOAD = "import sys; from tui.document import load_article; a = load_article(sys.argv[1], markdown=sys.argv[2] == 'md'); print(len(a.blocks))"


def measure(argv: list[str], timeout: float) -> tuple[float, float, int, int, str]:
    """(wall s, cpu s, peak RSS MiB, exit code, last stderr line) of one child process alone."""
    with tempfile.TemporaryFile() as err_file:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err_file, cwd=ROOT)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        err_file.seek(0)
        err = (err_file.read().decode(errors="replace").strip().splitlines() or [""])[-1]
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, proc.returncode, err


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--load-only", action="store_true", help="skip --json (spaCy takes minutes on these)")
    parser.add_argument("--sizes", default=",".join(INPUTS), help="comma-separated: " + ", ".join(INPUTS))
    parser.add_argument("--timeout", type=float, default=3600)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for key in args.sizes.split(","):
            name, make = INPUTS[key]
            path = Path(tmp) / name
            path.write_text(make(), encoding="utf-8")
            size = path.stat().st_size / 1024 / 1024
            for mode in ("txt", "md"):
                wall, cpu, rss, code, err = measure([sys.executable, "-c", LOAD, str(path), mode], args.timeout)
                print(
                    f"load {mode:3} {name:22} {size:5.1f} MB  wall {wall:6.2f} s  cpu {cpu:6.2f} s  "
                    f"peak RSS {rss} MiB  exit {code}"
                )
            if not args.load_only:
                env_argv = [sys.executable, "-m", "tui", "--json", "--no-cache", str(path)]
                wall, cpu, rss, code, err = measure(env_argv, args.timeout)
                print(
                    f"json     {name:22} {size:5.1f} MB  wall {wall:6.1f} s  cpu {cpu:6.1f} s  "
                    f"peak RSS {rss} MiB  exit {code} {err}"
                )
            sys.stdout.flush()
            os.unlink(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

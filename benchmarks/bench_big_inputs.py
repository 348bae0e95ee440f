"""Issue-7 figures: loading and `--json` on very large inputs (20 MB, one 5 MB line, 100 000
one-line paragraphs), each in a fresh process, with wall time, CPU time and peak memory; and the
issue-14 quote-dense inputs, whose peak memory is printed beside its ceiling (1 GiB for any input
up to 1 MB).

    .venv/bin/python benchmarks/bench_big_inputs.py [--load-only] [--sizes 20mb,5mb-line,100k]
    .venv/bin/python benchmarks/bench_big_inputs.py --sizes 100k-dq,650k-marks,1mb-mark-word,1mb-prose

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
    # Quote-dense (issue 14): 100 KB of '"' took 911 MiB, 650 KB of mixed marks 4.7 GiB.
    "100k-dq": ("100k-double-quotes.txt", lambda: "Marks\n\n" + '"' * 100_000 + "\n"),
    "650k-marks": ("650k-mixed-marks.txt", lambda: "Marks\n\n" + _mixed_marks(650_000) + "\n"),
    "1mb-mark-word": ("1mb-mark-word.txt", lambda: "Marks\n\n" + '" a ' * 262_144 + "\n"),
    "1mb-prose": ("1mb-prose.txt", lambda: big_file_text(1024 * 1024)),
}
MEMORY_CEILING_MIB = 1024  # for any input up to 1 MB (issue 14)


def _mixed_marks(size: int) -> str:
    """Quote marks of every kind and spaces in a fixed pseudo-random order."""
    import random

    rng = random.Random(14)
    return "".join(rng.choice("\"“”‘’'„«» ") for _ in range(size))


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
                ceiling = f" (ceiling {MEMORY_CEILING_MIB} MiB)" if size <= 1.0 else ""
                print(
                    f"json     {name:22} {size:5.1f} MB  wall {wall:6.1f} s  cpu {cpu:6.1f} s  "
                    f"peak RSS {rss} MiB{ceiling}  exit {code} {err}"
                )
            sys.stdout.flush()
            os.unlink(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Issue-15 item 5: a text with no line breaks against spaCy on the same words in paragraphs.

    .venv/bin/python benchmarks/bench_long_paragraph.py [--size 5000000] [--runs 1]

Both inputs are the same sentences; "paragraphs" cuts them into paragraphs of five sentences,
"one line" joins them all. The floor is spaCy alone (`nlp.pipe`) on the paragraphs; each of our
runs is the whole analysis as the reader's worker does it (`analyse_stages`: the staged partial
analyses included) and as `--json` does it (`analyse`). Every run is a fresh process, so peak
RSS is its own. Figures are CPU seconds (user + system): on a shared machine they are steadier
than wall time. Target: one line >= 0.8x the floor's tokens/s. Prints, never asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET = 0.8
MODES = ("spacy-paragraphs", "stages-one-line", "json-one-line", "stages-paragraphs")


def _sentences(size: int) -> list[str]:
    from tests.hostile_files import paragraph

    out, total, i = [], 0, 0
    while total < size:
        s = paragraph(i, 20)
        out.append(s)
        total += len(s) + 1
        i += 1
    return out


def _text(size: int, layout: str) -> str:
    sents = _sentences(size)
    if layout == "one-line":
        return " ".join(sents) + "\n"
    return "\n\n".join(" ".join(sents[k : k + 5]) for k in range(0, len(sents), 5)) + "\n"


def child(mode: str, size: int) -> None:
    """One measurement, in this process: prints tokens and CPU seconds as JSON."""
    import tempfile

    from tui.analysis import analyse, analyse_stages, load_pipeline
    from tui.document import load_article

    nlp = load_pipeline()
    kind, layout = mode.split("-", 1)
    text = _text(size, layout)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(text)
    try:
        article = load_article(f.name)
    finally:
        os.unlink(f.name)
    started = time.process_time()
    if kind == "spacy":
        texts = [article.text[b.start : b.end] for b in article.blocks]
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
        stages = 1
    else:
        if kind == "stages":
            stages = sum(1 for _ in analyse_stages(article, nlp))
        else:
            analyse(article, nlp)
            stages = 1
    cpu = time.process_time() - started
    if kind != "spacy":  # counted after the clock stops: the tokenizer alone, in pieces
        tokens = sum(len(nlp.tokenizer(article.text[i : i + 500_000])) for i in range(0, len(article.text), 500_000))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(json.dumps({"tokens": tokens, "cpu": cpu, "stages": stages, "rss": rss}))


def run(mode: str, size: int, timeout: float) -> dict:
    argv = [sys.executable, __file__, "--child", mode, "--size", str(size)]
    out = subprocess.run(argv, stdout=subprocess.PIPE, cwd=ROOT, timeout=timeout, check=True).stdout
    return json.loads(out.decode().strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=5_000_000, help="characters of text")
    parser.add_argument("--runs", type=int, default=1, help="alternated runs of each mode; medians are printed")
    parser.add_argument("--modes", default=",".join(MODES[:2]), help="comma-separated: " + ", ".join(MODES))
    parser.add_argument("--timeout", type=float, default=7200)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.size)
        return 0
    modes = args.modes.split(",")
    if "spacy-paragraphs" not in modes:
        modes.insert(0, "spacy-paragraphs")
    rates: dict[str, list[float]] = {m: [] for m in modes}
    for r in range(args.runs):
        for mode in modes:
            data = run(mode, args.size, args.timeout)
            rate = data["tokens"] / data["cpu"]
            rates[mode].append(rate)
            print(
                f"run {r + 1} {mode:18} {args.size / 1e6:4.1f} MB  {data['tokens']:8} tokens  cpu {data['cpu']:7.1f} s  "
                f"{rate:6.0f} tokens/s  stages {data['stages']}  peak RSS {data['rss']} MiB",
                flush=True,
            )
    floor = statistics.median(rates["spacy-paragraphs"])
    load = os.getloadavg()[0]
    print(f"floor: spaCy alone on paragraphs {floor:.0f} tokens/s (median of {args.runs}; load {load:.1f})")
    for mode in modes[1:]:
        ratio = statistics.median(rates[mode]) / floor
        print(f"{mode:18} {ratio:5.2f}x the floor   target >= {TARGET}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

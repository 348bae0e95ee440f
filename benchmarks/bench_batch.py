"""Issue-13 figures, side by side in one run (prints, never asserts):

- batch throughput on the local pool vs 2 x single-process raw `nlp.pipe` on the same texts
  (floor: 0.9x), and Dask LocalCluster(2 processes) vs the local pool (floor: 0.8x);
- peak memory per worker (and, with --big-mb, of one `--json` run on a single large input;
  floor: under 1 GB for 20 MB);
- index build time and size per 1,000 articles, corpus view open time and key latency on
  10,000 synthetic article results (floors: open < 1 s, keys < 50 ms).

    .venv/bin/python benchmarks/bench_batch.py [--articles 40] [--synthetic 10000] [--big-mb 0]

Texts are made from the developer-written articles in tests/corpus (each copy numbered so its
hash differs); never real articles. The machine is shared: the load average is printed with
the figures, and throughput ratios are more telling than absolute rates.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "tests" / "corpus"


def corpus_texts() -> list[str]:
    return [p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt"))]


def make_inputs(folder: Path, count: int) -> list[Path]:
    texts = corpus_texts()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        text = texts[i % len(texts)].rstrip("\n") + f"\n\nFile reference {i}.\n"
        path = folder / f"{i:05d}.txt"
        path.write_text(text, "utf-8")
        paths.append(path)
    return paths


def raw_pipe(paths: list[Path]) -> tuple[float, int, float, float]:
    """(seconds, spaCy tokens, load seconds, CPU seconds) of plain nlp.pipe over the texts in
    this process, after a warm-up batch (as a batch worker is warm after its first chunk)."""
    from tui.analysis import load_pipeline

    t0 = time.perf_counter()
    nlp = load_pipeline()
    loaded = time.perf_counter() - t0
    texts = [p.read_text("utf-8") for p in paths]
    list(nlp.pipe(texts[:8]))
    t0, c0 = time.perf_counter(), time.process_time()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16))
    return time.perf_counter() - t0, tokens, loaded, time.process_time() - c0


def timed_batch(paths: list[Path], out: Path, **options) -> tuple[float, object]:
    from tui.corpus.batch import BatchOptions, run_batch

    t0 = time.perf_counter()
    result = run_batch(BatchOptions([str(p) for p in paths], out, **options))
    return time.perf_counter() - t0, result


def peak_of_json_run(path: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB) of `newsreader --json` on one file, in a fresh process."""
    t0 = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", sys.executable, "-m", "tui", "--json", "--no-cache", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    return time.perf_counter() - t0, int(done.stderr.strip().splitlines()[-1]) / 1024


def synthetic_batch(source: Path, out: Path, count: int) -> None:
    """`count` article results made from a real batch's rows: new ids, dates spread over two
    years, and the people renamed from a pool so that names repeat across articles as in an
    archive (a few very often, most rarely)."""
    from tui.corpus.shards import ShardData, encode, read_table, write_shard
    from tui.corpus.tables import TABLES, to_tables

    tables = {t: read_table(source, t).to_pylist() for t in TABLES if t != "errors"}
    bases = tables["articles"]
    by_article = {t: {} for t in tables}
    for t, rows in tables.items():
        for row in rows:
            by_article[t].setdefault(row["article_id"], []).append(row)
    rng = random.Random(13)
    surnames = [f"Surname{i}" for i in range(3000)]
    out.mkdir(parents=True, exist_ok=True)
    rows = {t: [] for t in TABLES}
    seq = 1
    for i in range(count):
        base = bases[i % len(bases)]
        aid = f"{i:016x}"
        day = (date(2025, 1, 1) + timedelta(days=rng.randrange(730))).isoformat()
        rename = {}

        def renamed(name, kind):
            if kind != "person":
                return name
            if name not in rename:
                rename[name] = f"{name.split()[0]} {surnames[min(int(rng.paretovariate(0.8)), len(surnames) - 1)]}"
            return rename[name]

        rows["articles"].append(
            {**base, "article_id": aid, "text_hash": aid * 4, "date": day, "source": f"synthetic/{i:05d}.txt"}
        )
        kinds = {}
        for e in by_article["entities"].get(base["article_id"], []):
            kinds[e["id"]] = e["kind"]
            rows["entities"].append({**e, "article_id": aid, "name": renamed(e["name"], e["kind"])})
        for s in by_article["speakers"].get(base["article_id"], []):
            rows["speakers"].append({**s, "article_id": aid, "name": renamed(s["name"], s["kind"])})
        for q in by_article["quotes"].get(base["article_id"], []):
            speaker = renamed(q["speaker"], "person") if q["speaker"] and kinds.get(q["speaker_id"]) == "person" else q["speaker"]
            rows["quotes"].append({**q, "article_id": aid, "speaker": speaker})
        for m in by_article["mentions"].get(base["article_id"], []):
            rows["mentions"].append({**m, "article_id": aid})
        if len(rows["articles"]) == 500 or i == count - 1:
            write_shard(out, seq, ShardData(encode(to_tables(rows))))
            seq += 1
            rows = {t: [] for t in TABLES}


async def view_latency(index: Path) -> tuple[tuple[float, float], dict[str, tuple[float, float]]]:
    """((open wall s, open CPU s), {key: (median wall ms, median CPU ms)}) of the corpus view
    under Pilot. On a loaded machine wall time is mostly waiting for a core: CPU is the steadier."""
    from tui.corpus.query import Corpus
    from tui.screens.corpus import CorpusScreen, corpus_app

    t0, c0 = time.perf_counter(), time.process_time()
    app = corpus_app(Corpus(index))
    keys: dict[str, list[tuple[float, float]]] = {
        "down": [],
        "enter (a name's quotes)": [],
        "p / s (switch list)": [],
        "/ search + enter": [],
    }
    async with app.run_test(size=(120, 40)) as pilot:
        while not (isinstance(app.screen, CorpusScreen) and app.screen.query_one("#names").row_count):
            await asyncio.sleep(0.001)
        opened = (time.perf_counter() - t0, time.process_time() - c0)
        screen = app.screen

        async def timed(name: str, *press: str) -> None:
            t, c = time.perf_counter(), time.process_time()
            await pilot.press(*press)
            keys[name].append(((time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000))

        for _ in range(20):
            await timed("down", "down")
        for _ in range(5):
            await timed("enter (a name's quotes)", "enter")
            await pilot.press("escape")
        for _ in range(3):
            await timed("p / s (switch list)", "p")
            await timed("p / s (switch list)", "s")
        for word in ("minister", "copper", "said"):
            await pilot.press("slash", *word)
            await timed("/ search + enter", "enter")
            await pilot.press("escape")
        assert screen.hits is not None
        await pilot.press("q")
    return opened, {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in keys.items()}


def print_view(opened: tuple[float, float], keys: dict[str, tuple[float, float]]) -> None:
    print(f"corpus view open:                {opened[0] * 1000:6.0f} ms wall, {opened[1] * 1000:4.0f} ms CPU   floor 1,000 ms")
    for name, (wall, cpu) in keys.items():
        print(f"  key {name:<27} {wall:6.1f} ms wall, {cpu:5.1f} ms CPU (median)   floor 50 ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=40, help="articles for the throughput runs")
    parser.add_argument("--synthetic", type=int, default=10_000, help="synthetic article results for the index and view")
    parser.add_argument("--big-mb", type=int, default=0, help="also measure --json on one input of this many MB")
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--view-only", metavar="DB", help="only the corpus view figures, on this index")
    args = parser.parse_args()
    if args.view_only:
        print(f"load average {os.getloadavg()[0]:.1f}")
        print_view(*asyncio.run(view_latency(Path(args.view_only))))
        return
    work = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    os.environ["NEWSREADER_CACHE_DIR"] = str(work / "cache")
    try:
        print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        paths = make_inputs(work / "in", args.articles)
        raw_s, tokens, load_s, raw_cpu = raw_pipe(paths)
        raw_rate = tokens / raw_s
        print(f"{args.articles} articles, {tokens:,} spaCy tokens")
        print(f"raw nlp.pipe, 1 process:        {raw_rate:9,.0f} tokens/s   (pipeline load {load_s:.1f} s, not counted)")
        pool_s, pool = timed_batch(paths, work / "local", workers=2)
        pool_rate = tokens / pool_s
        print(
            f"batch, local pool of 2:          {pool_rate:9,.0f} tokens/s   = {pool_rate / (2 * raw_rate):.2f} x (2 x raw)   floor 0.90"
            f"   (wall {pool_s:.1f} s incl. starting 2 workers)"
        )
        print(
            f"  CPU per token, batch workers vs raw nlp.pipe: {raw_cpu / pool.worker_cpu_seconds:.2f} x as efficient"
            f"   floor 0.90   ({pool.worker_cpu_seconds:.1f} s vs {raw_cpu:.1f} s: parsing, rules, Parquet; the load-independent figure)"
        )
        print(
            f"  start-up per worker (spawn, imports, model, warm-up): {pool.worker_startup_cpu_seconds:.1f} s CPU, once per run"
        )
        print(f"peak memory per worker:          {pool.peak_worker_mb:9,.0f} MiB")
        parquet = sum(f.stat().st_size for f in (work / "local").rglob("*.parquet")) / 2**20
        print(
            f"Parquet output:                  {parquet / args.articles * 1000:9.1f} MiB per 1,000 articles"
            f"   ({tokens / args.articles:.0f} tokens each; worker CPU {pool.worker_cpu_seconds / tokens * 1e6:.0f} µs per token)"
        )
        if not args.no_dask:
            from distributed import LocalCluster

            with LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
            ) as cluster:
                dask_s, dask = timed_batch(paths, work / "dask", scheduler=cluster.scheduler_address)
            dask_rate = tokens / dask_s
            print(
                f"batch, Dask LocalCluster(2):     {dask_rate:9,.0f} tokens/s   = {dask_rate / pool_rate:.2f} x local pool   floor 0.80"
                f"   (wall {dask_s:.1f} s; per 1,000 articles {dask_s / args.articles * 1000 / 60:.1f} min on 2 workers)"
            )
            print(f"peak memory per Dask worker:     {dask.peak_worker_mb:9,.0f} MiB")
        print(f"cost per 1,000 articles (pool):  {pool_s / args.articles * 1000 / 60:9.1f} min wall on 2 cores")
        if args.big_mb:
            texts = corpus_texts()
            body = "\n\n".join("\n\n".join(t.split("\n", 1)[1:]).strip() for t in texts)
            size = args.big_mb * 1024 * 1024
            big = work / "big.txt"
            big.write_text(("Large synthetic input\n\n" + (body + "\n\n") * (size // len(body) + 1))[:size], "utf-8")
            wall, peak = peak_of_json_run(big)
            print(
                f"--json on one {args.big_mb} MB input:     peak {peak:,.0f} MiB   floor 1,024 MiB for 20 MB   (wall {wall:.0f} s)"
            )

        from tui.corpus.index import build_index

        synthetic_batch(work / "local", work / "synthetic", args.synthetic)
        t0 = time.perf_counter()
        stats = build_index(work / "synthetic", work / "corpus.db")
        build_s = time.perf_counter() - t0
        size_mb = (work / "corpus.db").stat().st_size / 2**20
        per = 1000 / args.synthetic
        print(
            f"index of {args.synthetic:,} articles:      {build_s:.1f} s, {size_mb:.1f} MiB   = {build_s * per:.2f} s and {size_mb * per:.2f} MiB per 1,000"
            f"   ({stats.quotes:,} quotes, {stats.names:,} names)"
        )
        print_view(*asyncio.run(view_latency(work / "corpus.db")))
        print(f"load average at end: {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

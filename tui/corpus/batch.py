"""`newsreader batch`: many files analysed on every local core, or on a Dask cluster.

The client reads and decodes each input (cheap), skips what an earlier run already finished
(same text hash, model and rules version), hands chunks of articles to the workers and writes
each returned chunk as one atomic shard. Both back ends are driven through the same
`concurrent.futures` interface, so the local pool and the cluster run exactly the same code on
the same chunks; only a bounded number of chunks is in flight, so the client's memory does not
grow with the archive.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from ..document import DocumentError, load_article
from .inputs import expand
from .progress import ProgressLine
from .shards import ShardData, done_keys, encode, next_seq, remove_leftovers, write_shard
from .tables import add_error, empty_rows, text_hash, to_tables
from .work import Item, analyse_chunk, init_local_worker

# A chunk is one task and one shard: big enough that per-task overhead (scheduling, pickling,
# a Parquet footer per table) is small next to parsing, small enough to keep all cores busy
# near the end of a run and to lose little work to ctrl+c.
CHUNK_CHARS = 200_000
CHUNK_ARTICLES = 100
MIN_CHUNK_CHARS = 10_000  # below this, per-chunk costs (a task, six Parquet files) stop paying off
IN_FLIGHT_PER_WORKER = 2
POLL_SECONDS = 0.2  # how often the client looks for ctrl+c while it waits for a result


class BatchError(Exception):
    """A batch that cannot start (bad output folder, unreachable scheduler): one line."""


@dataclass
class BatchOptions:
    paths: list[str]
    out: Path
    model: str | None = None
    markdown: bool | None = None
    workers: int | None = None  # local processes; None: every core
    scheduler: str | None = None  # tcp://host:port of a dask.distributed scheduler
    jsonl: bool = False
    chunk_chars: int = CHUNK_CHARS
    progress: TextIO | None = None  # where the progress line goes (a terminal), None: quiet


@dataclass
class BatchResult:
    files: int = 0
    articles: int = 0
    skipped: int = 0
    errors: int = 0
    shards: int = 0
    tokens: int = 0
    seconds: float = 0.0
    workers: int = 0
    peak_worker_mb: float = 0.0
    worker_cpu_seconds: float = 0.0
    worker_startup_cpu_seconds: float = 0.0  # the largest of any worker
    interrupted: bool = False
    shard_paths: list[Path] = field(default_factory=list)

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.seconds if self.seconds else 0.0


def analysis_key(model: str | None) -> tuple[str | None, str]:
    """(model identity, rules version) as the workers will record them, found without spaCy."""
    from ..analysis.pipeline import model_identity
    from ..analysis.version import RULES_VERSION

    return model_identity(model), RULES_VERSION


def _file_date(path: str) -> str | None:
    try:
        return datetime.fromtimestamp(os.stat(path).st_mtime, UTC).date().isoformat()
    except (OSError, ValueError, OverflowError):
        return None


def _items(paths: Iterable[str], opts: BatchOptions, done: set, result: BatchResult, errors: dict) -> Iterator[Item]:
    model, rules = analysis_key(opts.model)
    seen: set[str] = set()
    for path in paths:
        result.files += 1
        try:
            article = load_article(path, markdown=opts.markdown)
        except DocumentError as exc:
            add_error(errors, path, exc.reason)
            result.errors += 1
            continue
        digest = text_hash(article)
        if digest in seen or (model is not None and (digest, model, rules) in done):
            result.skipped += 1
            continue
        seen.add(digest)
        yield Item(article, digest, _file_date(path))


def _chunk_size(paths: list[str], wanted: int, workers: int) -> int:
    """`wanted`, or less for a small run, so that every worker gets several chunks (a run of
    170 KB in one 200 KB chunk kept one worker busy and the other idle)."""
    total = 0
    for path in paths:
        try:
            total += os.stat(path).st_size
        except OSError:
            pass
    spread = total // (workers * 8)  # about eight chunks per worker
    return max(min(wanted, MIN_CHUNK_CHARS), min(wanted, spread))


def _chunks(items: Iterable[Item], chunk_chars: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    size = 0
    for item in items:
        chunk.append(item)
        size += len(item.article.text)
        if size >= chunk_chars or len(chunk) >= CHUNK_ARTICLES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def default_workers() -> int:
    """The cores this process may run on (a container's or taskset's limit, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _local_executor(opts: BatchOptions) -> tuple[cf.Executor, int]:
    workers = opts.workers or default_workers()
    # spawn: a fresh interpreter per worker, which loads spaCy once in its initializer and
    # shares nothing (no forked locks or threads) with the client.
    context = multiprocessing.get_context("spawn")
    return cf.ProcessPoolExecutor(workers, mp_context=context, initializer=init_local_worker, initargs=(opts.model,)), workers


def _dask_executor(opts: BatchOptions) -> tuple[cf.Executor, int, Any]:
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - dask[distributed] is a dependency
        raise BatchError(f"--scheduler needs dask.distributed ({exc})") from None
    try:
        client = Client(opts.scheduler, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise BatchError(f"cannot reach the Dask scheduler {opts.scheduler}: {' '.join(str(exc).split())[:200]}") from None
    threads = sum(client.nthreads().values()) or 1
    return client.get_executor(pure=False), threads, client


def _stop(executor: cf.Executor, client: Any) -> None:
    """ctrl+c or a failed worker: the chunks in flight are abandoned (their shards were never
    written). Local workers are ended at once rather than left to finish their chunk."""
    if client is None:
        processes = getattr(executor, "_processes", None) or {}
        for process in list(processes.values()):
            process.terminate()
    executor.shutdown(wait=False, cancel_futures=True)


@contextmanager
def _interrupt_flag() -> Iterator[threading.Event]:
    """ctrl+c as a flag that the client reads between results, not an exception raised wherever
    its main thread happens to be. Raised inside an import's string `exec` (a dataclass or a
    namedtuple being built), a KeyboardInterrupt makes CPython end a `python -m` process by the
    signal (status -2) even after it was caught and 130 returned."""
    flag = threading.Event()
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        yield flag  # signals reach only the main thread; a background job (`&`) keeps ignoring ctrl+c
        return
    previous = signal.signal(signal.SIGINT, lambda _sig, _frame: flag.set())
    try:
        yield flag
    finally:
        signal.signal(signal.SIGINT, previous)


def run_batch(opts: BatchOptions) -> BatchResult:
    with _interrupt_flag() as interrupted:
        return _run_batch(opts, interrupted)


def _run_batch(opts: BatchOptions, interrupted: threading.Event) -> BatchResult:
    out = opts.out
    if out.exists() and not out.is_dir():
        raise BatchError(f"{out}: exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
        remove_leftovers(out)
    except OSError as exc:
        raise BatchError(f"{out}: cannot write here ({exc.strerror or exc})") from None
    paths = list(expand(opts.paths))
    result = BatchResult()
    started = time.monotonic()
    done = done_keys(out)
    errors = empty_rows()
    seq = next_seq(out)
    client = None
    if opts.scheduler:
        executor, result.workers, client = _dask_executor(opts)
    else:
        executor, result.workers = _local_executor(opts)
    progress = ProgressLine(opts.progress, len(paths))
    chunks = _chunks(_items(paths, opts, done, result, errors), _chunk_size(paths, opts.chunk_chars, result.workers))
    pending: dict[cf.Future, int] = {}
    limit = result.workers * IN_FLIGHT_PER_WORKER

    def collect_some() -> None:
        nonlocal seq
        finished: set[cf.Future] = set()
        while not finished:
            if interrupted.is_set():
                raise KeyboardInterrupt
            finished, _ = cf.wait(pending, timeout=POLL_SECONDS, return_when=cf.FIRST_COMPLETED)
        for future in finished:
            pending.pop(future)
            try:
                data = future.result()
            except Exception as exc:  # a worker process died (out of memory, killed) or the cluster went away
                raise _worker_failed(exc, out) from None
            seq = _collect(out, seq, data, result)
        progress.show(result, time.monotonic() - started)

    try:
        for chunk in chunks:
            if interrupted.is_set():
                raise KeyboardInterrupt
            try:
                pending[executor.submit(analyse_chunk, chunk, opts.model, opts.jsonl)] = len(chunk)
            except (cf.BrokenExecutor, RuntimeError) as exc:  # the pool broke between two results
                raise _worker_failed(exc, out) from None
            while len(pending) >= limit:
                collect_some()
        while pending:
            collect_some()
        if errors["errors"]:
            seq = _collect(out, seq, ShardData(encode(to_tables(errors))), result)
        executor.shutdown(wait=True)
    except BatchError:
        _stop(executor, client)
        raise
    except KeyboardInterrupt:
        result.interrupted = True
        _stop(executor, client)
        raise
    finally:
        if client is not None:
            client.close()
        result.seconds = time.monotonic() - started
        progress.finish(result)
    return result


def _worker_failed(exc: BaseException, out: Path) -> BatchError:
    return BatchError(
        f"a worker failed ({type(exc).__name__}: {' '.join(str(exc).split())[:160]}); "
        f"the complete shards in {out} are kept and a re-run resumes from them"
    )


def _collect(out: Path, seq: int, data: ShardData, result: BatchResult) -> int:
    result.shard_paths.append(write_shard(out, seq, data))
    result.shards += 1
    result.articles += data.articles
    result.errors += data.errors
    result.tokens += data.tokens
    result.peak_worker_mb = max(result.peak_worker_mb, data.peak_rss_mb)
    result.worker_cpu_seconds += data.cpu_seconds
    result.worker_startup_cpu_seconds = max(result.worker_startup_cpu_seconds, data.startup_cpu_seconds)
    return seq + 1


__all__ = ["BatchError", "BatchOptions", "BatchResult", "run_batch"]

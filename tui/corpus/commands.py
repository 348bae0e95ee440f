"""`newsreader batch` and `newsreader index`: argument parsing and one-line errors.

Called from `tui.cli` with the arguments after the subcommand; imports nothing heavy until
the arguments are known to be good."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from ..exits import EXIT_FAILED_FILES, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, PROG, error


def _batch_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{PROG} batch",
        description="Analyse many articles into Parquet shards (resumable; on every core, or on a Dask cluster).",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders (searched for .txt and .md) or glob patterns")
    parser.add_argument("-o", "--out", required=True, metavar="OUT", help="output folder (created; re-running resumes)")
    parser.add_argument("--workers", type=int, metavar="N", help="local worker processes (default: every core)")
    parser.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="run on this dask.distributed scheduler instead")
    parser.add_argument("--jsonl", action="store_true", help="also write each shard's --json records as analysis.jsonl")
    parser.add_argument(
        "--chunk-chars",
        type=int,
        metavar="N",
        help="characters of text per task and shard (default: 200000; 1: one article each)",
    )
    parser.add_argument("--model", metavar="NAME", help="spaCy pipeline: an installed package name or a model directory")
    parser.add_argument("--markdown", action="store_true", default=None, help="treat every file as Markdown")
    return parser


def batch_main(argv: Sequence[str]) -> int:
    args = _batch_parser().parse_args(list(argv))
    if args.workers is not None and args.workers < 1:
        error("--workers must be at least 1")
        return EXIT_USAGE
    if args.chunk_chars is not None and args.chunk_chars < 1:
        error("--chunk-chars must be at least 1")
        return EXIT_USAGE
    if args.scheduler and args.workers:
        error("--workers is for the local pool; a Dask cluster has the workers it was started with")
        return EXIT_USAGE
    from ..analysis.pipeline import ModelError, model_identity
    from .batch import BatchError, BatchOptions, run_batch
    from .inputs import InputError

    if model_identity(args.model) is None:
        try:  # a clear message now rather than one error row per article later
            from ..analysis import load_pipeline

            load_pipeline(args.model)
        except ModelError as exc:
            error(str(exc))
            return EXIT_USAGE
    from .batch import CHUNK_CHARS

    opts = BatchOptions(
        chunk_chars=args.chunk_chars or CHUNK_CHARS,
        paths=args.paths,
        out=Path(args.out),
        model=args.model,
        markdown=args.markdown,
        workers=args.workers,
        scheduler=args.scheduler,
        jsonl=args.jsonl,
        progress=sys.stderr,
    )
    try:
        result = run_batch(opts)
    except (BatchError, InputError) as exc:
        error(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        # run_batch turned ctrl+c into this exception at a safe point; a second ctrl+c while the
        # pool winds down would be a traceback, and one interrupt is enough.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        error(f"interrupted; the complete shards in {args.out} are kept and a re-run resumes from them")
        return EXIT_INTERRUPTED
    return EXIT_FAILED_FILES if result.errors else EXIT_OK


def _index_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{PROG} index", description="Load a batch folder into a SQLite corpus index with full-text search."
    )
    parser.add_argument("batch", metavar="OUT", help="a folder written by 'newsreader batch'")
    parser.add_argument("-o", "--output", metavar="DB", help="the index file (default: OUT/corpus.db)")
    return parser


def index_main(argv: Sequence[str]) -> int:
    args = _index_parser().parse_args(list(argv))
    from .index import IndexError_, build_index

    folder = Path(args.batch)
    target = Path(args.output) if args.output else folder / "corpus.db"
    try:
        stats = build_index(folder, target)
    except IndexError_ as exc:
        error(str(exc))
        return EXIT_USAGE
    if sys.stderr.isatty():
        print(f"{target}: {stats.articles:,} articles, {stats.quotes:,} quotes, {stats.names:,} names", file=sys.stderr)
    return EXIT_OK

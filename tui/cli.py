"""Command line: argument parsing, one-line errors, and choosing reader, --json or serve.

Heavy modules (spaCy, Textual) are imported only on the path that needs them, so `--help`,
`--version` and error messages are instant.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .exits import EXIT_FAILED_FILES, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, PROG, error, warning

if TYPE_CHECKING:
    from .web import Feed


def _reader_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Read news articles in the terminal with people, places and quotes highlighted.",
        epilog="Run 'newsreader report --help' for who-said-what reports, 'newsreader serve --help' for the SSH server, 'newsreader batch --help' and 'newsreader index --help' for archives. A corpus index (corpus.db) or a batched folder opens the corpus view.",
    )
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="article files (.txt wire copy, .md, saved .html), http(s) URLs of pages or feeds, saved feeds (.xml/.rss/.atom); '-' reads stdin",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--json", action="store_true", help="print the analysis as JSON Lines instead of opening the reader")
    parser.add_argument("--model", metavar="NAME", help="spaCy pipeline: an installed package name or a model directory")
    parser.add_argument(
        "--markdown", action="store_true", default=None, help="treat every file as Markdown (default: by .md suffix)"
    )
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the analysis cache")
    parser.add_argument("--feeds", action="store_true", help="also open the feeds listed in config.toml")
    parser.add_argument(
        "--fetch-timeout", type=float, metavar="SECONDS", default=20.0, help="limit for fetching one URL, redirects included (20)"
    )
    parser.add_argument("--ascii", action="store_true", help="draw with ASCII characters only")
    parser.add_argument(
        "--print-config", action="store_true", help="print the effective configuration (config.toml and defaults) and exit"
    )
    parser.add_argument("--fresh", action="store_true", help="open every article at the top, ignoring where it was left")
    parser.add_argument(
        "--theme",
        metavar="NAME",
        help="colour theme: textual-dark (default), textual-light, ansi-dark or ansi-light (the terminal's own 16 colours), or any other Textual theme",
    )
    return parser


def _limits(args: argparse.Namespace):
    from .web import FetchLimits

    return FetchLimits(total_timeout=args.fetch_timeout, connect_timeout=min(5.0, args.fetch_timeout))


def run_json(args: argparse.Namespace) -> int:
    """One JSON line per file. A cached analysis is answered without importing spaCy; the pipeline
    is loaded only for the first file the cache cannot answer, and new results are cached."""
    from .analysis.export import error_json, to_json
    from .analysis.pipeline import model_identity
    from .document import DocumentError
    from .runner import cached_analysis, remember_analysis
    from .safe_text import escape_json
    from .userdata.apply import corrected
    from .web import Feed, feed_json, open_source

    if args.model is not None and model_identity(args.model) is None:
        # Known without loading spaCy: say so before any file, even when the cache could answer.
        error(f"cannot load spaCy model {args.model!r} (not an installed package or a model directory)")
        return EXIT_USAGE
    use_cache = not args.no_cache
    nlp = None
    status = EXIT_OK
    for source in args.files:
        try:
            loaded = open_source(source, markdown=args.markdown, limits=_limits(args), use_store=use_cache)
        except DocumentError as exc:
            record, status = error_json(source, exc.reason), EXIT_FAILED_FILES
        else:
            if isinstance(loaded, Feed):
                record = feed_json(loaded)
            else:
                article = loaded
                analysis = cached_analysis(article, args.model) if use_cache else None
                if analysis is None:
                    from .analysis import ModelError, analyse, load_pipeline

                    try:
                        nlp = nlp or load_pipeline(args.model)
                    except ModelError as exc:
                        error(str(exc))
                        return EXIT_USAGE
                    analysis = analyse(article, nlp)
                    if use_cache:
                        remember_analysis(article, analysis)
                analysis, notes = corrected(article, analysis)
                for note in notes:
                    warning(note)
                record = to_json(article, analysis)
        sys.stdout.write(escape_json(json.dumps(record, ensure_ascii=False)) + "\n")
        sys.stdout.flush()
    return status


def _keyboard_from_terminal() -> bool:
    """Keys come from the controlling terminal when stdin is not one (the article was piped in,
    or stdin is a file), as `less` does: /dev/tty is put in stdin's place for Textual's driver.
    False when there is no terminal to read keys from."""
    if sys.stdin is not None and sys.stdin.isatty():
        return True
    try:
        tty = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        return False
    try:
        if not os.isatty(tty):
            return False
        os.dup2(tty, 0)
    finally:
        os.close(tty)
    sys.stdin = open(0, encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115 - stdin for the process's life
    return True


def print_config() -> int:
    """`--print-config`: what the reader would use, as TOML; problems go to stderr as warnings."""
    from .app import binding_keys
    from .userdata.config import load_config

    defaults = binding_keys()
    config = load_config(binding_ids=defaults)
    for note in config.warnings:
        warning(note)
    sys.stdout.write(config.to_toml(defaults))
    return EXIT_OK


def run_reader(args: argparse.Namespace) -> int:
    # Start-up allocates much and frees little (Textual's imports, styles, the first frame's
    # strips): a collection meanwhile walks it all for nothing, about a third of the reader's
    # time over a bare Textual app. The app collects again after its first frame (app.py).
    gc.disable()
    from .document import DocumentError, load_article
    from .model import Article
    from .safe_text import printable
    from .sources import is_url, needs_web

    articles: list[Article] = []
    feeds: list[Feed] = []
    notices: list[str] = []
    for source in args.files:
        if is_url(source) and sys.stderr.isatty():  # the reader starts once every page is here
            print(f"{PROG}: fetching {printable(source)}…", file=sys.stderr, flush=True)
        loaded: Article | Feed
        try:
            if needs_web(source, args.markdown):  # the fetcher is imported for addresses and feeds only
                from .web import FetchError, open_source

                try:
                    loaded = open_source(source, markdown=args.markdown, limits=_limits(args), use_store=not args.no_cache)
                except FetchError as exc:  # one page failing leaves the others readable
                    notices.append(str(exc))
                    continue
            else:
                loaded = load_article(source, markdown=args.markdown)
        except DocumentError as exc:
            error(str(exc))
            return EXIT_USAGE
        if not isinstance(loaded, Article):
            feeds.append(loaded)
        else:
            articles.append(loaded)
            if loaded.url is not None:  # "offline: showing the copy saved ..."
                notices.extend(f"{source}: {warning}" for warning in loaded.warnings)
    if notices and not (articles or feeds):
        for notice in notices:
            error(notice)
        return EXIT_USAGE
    from .app import binding_ids
    from .themes import theme_names
    from .userdata.config import load_config

    config = load_config(binding_ids=binding_ids())
    if config.theme is not None and config.theme not in theme_names():
        config.warnings.append(f"{config.path}: theme: unknown theme {config.theme!r}; ignored")
        config.theme = None
    for note in config.warnings:
        warning(note)
    if args.theme is not None and args.theme not in theme_names():
        error(f"unknown theme {args.theme!r}; choose one of: {', '.join(theme_names())}")
        return EXIT_USAGE
    if not os.environ.get("NEWSREADER_FORCE_TTY") and not (sys.stdout.isatty() and _keyboard_from_terminal()):
        error("the reader needs a terminal; use --json for machine-readable output")
        return EXIT_USAGE
    from . import crash, hangup
    from .app import NewsReaderApp

    ascii_only = args.ascii or config.ascii

    app = NewsReaderApp(
        articles,
        model=args.model,
        use_cache=not args.no_cache,
        ascii_only=ascii_only,
        theme_name=args.theme or config.theme,
        fresh=args.fresh,
        config=config,
        feeds=feeds,
        notices=notices,
        fetch_limits=_limits(args) if feeds else None,  # used by the feed screen only
    )
    hangup.watch(sys.stdin.fileno())
    app.run()
    if app.crashed:
        return crash.report_recorded(app.crash_log)
    return app.return_code or 0


def run_corpus(args: argparse.Namespace, index: Path) -> int:
    """`newsreader corpus.db` (or a batched folder): the corpus view over the reader."""
    from .corpus.open import CorpusOpenError, open_corpus

    try:
        corpus = open_corpus(index)
    except CorpusOpenError as exc:
        error(str(exc))
        return EXIT_USAGE
    if not sys.stdout.isatty() and not os.environ.get("NEWSREADER_FORCE_TTY"):
        error("the corpus view needs a terminal")
        return EXIT_USAGE
    from . import crash
    from .screens.corpus import corpus_app

    app = corpus_app(corpus, model=args.model, use_cache=not args.no_cache, ascii_only=args.ascii, theme_name=args.theme)
    app.run()
    if app.crashed:
        return crash.report_recorded(app.crash_log)
    return app.return_code or 0


def main(argv: Sequence[str] | None = None) -> int:
    from . import crash

    crash.install()
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv[:1] == ["serve"]:
            from .serve import main as serve_main

            return serve_main(argv[1:])
        if argv[:1] in (["batch"], ["index"]):
            from .corpus import commands

            return (commands.batch_main if argv[0] == "batch" else commands.index_main)(argv[1:])
        if argv[:1] == ["report"]:
            from .report.command import main as report_main

            return report_main(argv[1:])
        if "--print-config" in argv:
            return print_config()
        parser = _reader_parser()
        args = parser.parse_args(argv)
        if args.feeds:
            from .web.configured import configured_feeds

            args.files += configured_feeds()
            if not args.files:
                error("no feeds configured: add feeds = [...] to config.toml, or give a feed URL")
                return EXIT_USAGE
        if not args.files:
            parser.error("the following arguments are required: FILE")
        if not args.fetch_timeout > 0 or args.fetch_timeout == float("inf"):
            error("--fetch-timeout must be a number of seconds above 0")
            return EXIT_USAGE
        if args.files.count("-") > 1:
            error("stdin ('-') can be given only once")
            return EXIT_USAGE
        if not args.json and len(args.files) == 1:
            from .corpus.open import corpus_index

            index = corpus_index(args.files[0])
            if index is not None:
                return run_corpus(args, index)
        return run_json(args) if args.json else run_reader(args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `newsreader --json ... | head`: the reader went away; that is not an error of ours.
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces stdout until exit
        except OSError:
            pass
        return EXIT_OK
    except Exception as exc:  # a bug of ours: one line here, the stack in a crash log
        return crash.report(exc)

"""`newsreader report FILE... [--format md|csv|json] [-o OUT]`: who said what, across files.

Analyses come from the analysis cache when they are there (no spaCy then), else from the engine
(and are cached). The report is written atomically; an output path that is one of the articles
is refused, since an article file is never written.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..exits import EXIT_FAILED_FILES, EXIT_OK, EXIT_USAGE, PROG, error, warning
from ..model import Analysis, Article
from .formats import FORMATS, format_for, render


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=f"{PROG} report",
        description="Write who said what: per article the speakers and their quotes, places and organisations; totals.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="article files (as for the reader); '-' reads stdin")
    p.add_argument("--format", choices=FORMATS, help="md (default), csv (one row per quote) or json; default from -o's suffix")
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of to standard output")
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline: an installed package name or a model directory")
    p.add_argument("--markdown", action="store_true", default=None, help="treat every file as Markdown")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the analysis cache")
    return p


class _Analyser:
    """Cache first; the pipeline is loaded once, and only if some file is not cached."""

    def __init__(self, model: str | None, use_cache: bool) -> None:
        self.model, self.use_cache = model, use_cache
        self.nlp: Any = None

    def __call__(self, article: Article) -> Analysis:
        from ..analysis import analyse, load_pipeline
        from ..runner import cached_analysis, remember_analysis

        if self.use_cache:
            hit = cached_analysis(article, self.model)
            if hit is not None:
                return hit
        if self.nlp is None:
            self.nlp = load_pipeline(self.model)
        analysis = analyse(article, self.nlp)
        if self.use_cache:
            remember_analysis(article, analysis)
        return analysis


def write_report(text: str, output: str | None) -> str | None:
    """Write to `output` (atomically) or stdout; returns an error message or None."""
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return None
    from ..paths import write_atomically

    path = Path(output).expanduser()
    if path.is_dir():
        return f"{output}: is a directory"
    if not write_atomically(path, text):
        return f"{output}: cannot write there"
    return None


def main(argv: Sequence[str]) -> int:
    from ..analysis import ModelError
    from ..document import DocumentError, load_article
    from ..userdata.apply import corrected

    args = parser().parse_args(list(argv))
    if args.files.count("-") > 1:
        error("stdin ('-') can be given only once")
        return EXIT_USAGE
    if args.output and args.output != "-":
        out = os.path.realpath(os.path.expanduser(args.output))
        if any(f != "-" and os.path.realpath(f) == out for f in args.files):
            error(f"{args.output}: is one of the articles; an article file is never written")
            return EXIT_USAGE
    fmt = format_for(args.output, args.format)
    analyser = _Analyser(args.model, not args.no_cache)
    items, status = [], EXIT_OK
    for source in args.files:
        try:
            article = load_article(source, markdown=args.markdown)
            analysis = analyser(article)
        except DocumentError as exc:
            error(str(exc))
            status = EXIT_FAILED_FILES
            continue
        except ModelError as exc:
            error(str(exc))
            return EXIT_USAGE
        analysis, notes = corrected(article, analysis)
        for note in notes:
            warning(note)
        items.append((article, analysis))
    from .build import build_report

    problem = write_report(render(build_report(items), fmt), args.output)
    if problem:
        error(problem)
        return EXIT_USAGE
    return status

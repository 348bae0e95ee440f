"""`e` in the reader: a report of the open files, written where the user says (by default in
the XDG data dir, `<data>/newsreader/reports/`, so it never lands next to an article)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from ..model import Analysis, Article
from ..paths import write_atomically
from ..userdata.dirs import data_dir
from .build import build_report
from .formats import format_for, render


def default_report_path(articles: list[Article]) -> Path:
    if len(articles) == 1 and articles[0].source != "-":
        stem = Path(articles[0].source).stem or "report"
    else:
        stem = time.strftime("report-%Y%m%d-%H%M%S")
    return data_dir() / "reports" / f"{stem}.md"


def export_report(items: list[tuple[Article, Analysis]], path: str) -> str:
    """Write the report; returns the line for the status bar (success or why not)."""
    target = Path(os.path.expanduser(path))
    real = os.path.realpath(target)
    if any(a.source != "-" and os.path.realpath(a.source) == real for a, _ in items):
        return f"Not written: an article file is never written ({path})"
    if target.is_dir():
        return f"Not written: {path} is a directory"
    fmt = format_for(str(target), None)
    if not write_atomically(target, render(build_report(items), fmt)):
        return f"Not written: cannot write {path}"
    return f"Report written ({fmt}): {target}"

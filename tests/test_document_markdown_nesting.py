"""Markdown nested past the parser's depth limit: shown flattened, never dropped, and said so.

Before, `"# H\\n\\n" + "- " * 10 + "deep text"` showed only "H", and 20 levels of `>` lost their
content, silently."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.terminal import ROOT, PtyApp, newsreader
from tui.document import article_from_bytes
from tui.document.markdown import TOO_DEEP
from tui.model import BlockKind


@pytest.mark.parametrize(
    ("source", "kept"),
    [
        ("# H\n\n" + "- " * 10 + "deep text", "deep text"),
        ("# H\n\n" + "> " * 20 + "deep *quoted* text\n" + "> " * 20 + "second line", "deep quoted text second line"),
        ("# H\n\n" + "> " * 5000 + "very deep", "very deep"),
        ("# H\n\n" + "".join("  " * i + "- level\n" for i in range(30)) + "  " * 30 + "- bottom", "bottom"),
        ("# H\n\n" + "> - " * 12 + "mixed", "mixed"),
    ],
    ids=["lists", "quotes", "5000-quotes", "indented-lists", "mixed"],
)
def test_too_deep_is_flattened_not_dropped(source, kept):
    article = article_from_bytes(source.encode(), "deep.md")
    assert kept in article.text
    assert article.warnings == [TOO_DEEP]
    last = article.blocks[-1]
    assert last.kind in (BlockKind.LIST_ITEM, BlockKind.BLOCKQUOTE)
    # Offsets still point into the file: every visible word maps onto the same word in the source.
    start = article.text.index(kept.split()[-1])
    s, e = article.to_source_span(start, start + len(kept.split()[-1]))
    assert source[s:e] == kept.split()[-1]


def test_nesting_within_the_limit_has_no_warning():
    article = article_from_bytes(("# H\n\n" + "- " * 9 + "nine deep\n\n" + "> " * 19 + "nineteen").encode(), "ok.md")
    assert "nine deep" in article.text and "nineteen" in article.text
    assert article.warnings == []


def test_json_carries_the_warning(tmp_path):
    path = tmp_path / "deep.md"
    path.write_text("# Deep\n\nMarco Rubio said it.\n\n" + "> " * 25 + "Hidden words\n")
    proc = subprocess.run(
        [sys.executable, "-m", "tui", "--json", "--no-cache", str(path)], capture_output=True, cwd=ROOT, timeout=300
    )
    record = json.loads(proc.stdout)
    assert record["warnings"] == [TOO_DEEP]


def test_status_line_shows_the_warning(tmp_path):
    path = tmp_path / "deep.md"
    path.write_text("# Deep\n\nSome text.\n\n" + "- " * 12 + "Hidden words\n")
    with PtyApp(newsreader(str(path)), cols=140, rows=20, env={"NEWSREADER_CACHE_DIR": str(tmp_path / "c")}) as app:
        app.wait_for("Hidden words", timeout=60)
        app.wait_for("Markdown nested too deep", timeout=30)
        app.press("q")
        assert app.close() == 0

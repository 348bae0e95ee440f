"""The README's key tables say what the bindings do (both come from the same bindings)."""

from __future__ import annotations

from pathlib import Path

from tui.app import NewsReaderApp
from tui.model import Article, Block, BlockKind

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_lists_every_key_the_help_screen_lists():
    app = NewsReaderApp([Article("x.txt", "x", "x", [Block(BlockKind.HEADING, 0, 1)])])
    section = README.read_text(encoding="utf-8").split("## Keys", 1)[1].split("\n## ", 1)[0]
    missing = []
    for _, rows in app.help_sections():
        for keys, description in rows:
            keys = keys.replace("|", "\\|")
            if f"| `{keys}` | {description} |" not in section and f"| {keys} | {description} |" not in section:
                missing.append((keys, description))
    assert missing == []


def test_every_binding_has_an_id_and_a_description():
    from tui.screens.help import HelpScreen
    from tui.widgets.article_view import ArticleView
    from tui.widgets.sidebar import EntityList

    for owner in (NewsReaderApp, ArticleView, EntityList, HelpScreen):
        for binding in owner.BINDINGS:
            assert binding.id and binding.description, (owner.__name__, binding.key)

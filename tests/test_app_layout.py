"""Wrapping the article into rows of offsets (the article view's coordinate system)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.model import Article, Block, BlockKind
from tui.widgets.layout import BLANK, lay_out, wrap


def _article(text: str) -> Article:
    blocks, start = [], 0
    for part in text.split("\n"):
        if part.strip():
            blocks.append(Block(BlockKind.PARAGRAPH, start, start + len(part)))
        start += len(part) + 1
    return Article("t.txt", "t", text, blocks)


def test_rows_cover_every_character_in_order_and_fit_the_width(seed_article):
    layout = lay_out(seed_article, 40)
    text = seed_article.text
    for row in range(len(layout)):
        if layout.kinds[row] != BLANK:
            assert cell_len(text[layout.starts[row] : layout.ends[row]].rstrip()) <= 40
    covered = "".join(text[layout.starts[r] : layout.ends[r]] for r in range(len(layout)) if layout.kinds[r] != BLANK)
    assert covered == "".join(seed_article.block_text(b) for b in seed_article.blocks)


def test_blocks_are_separated_by_one_blank_row(seed_article):
    layout = lay_out(seed_article, 60)
    blanks = [r for r in range(len(layout)) if layout.kinds[r] == BLANK]
    assert len(blanks) == len(seed_article.blocks) - 1
    assert all(layout.kinds[r + 1] != BLANK for r in blanks)


def test_offset_maps_to_row_and_column_and_back(seed_article):
    layout = lay_out(seed_article, 50)
    text = seed_article.text
    offset = text.index("Dunayevsky")
    row, column = layout.position_of(offset, text)
    assert text[layout.starts[row] : layout.ends[row]].find("Dunayevsky") >= 0
    assert layout.offset_at(row, column, text) == offset


def test_wide_characters_wrap_by_cells_and_keep_offsets():
    text = "記者 東京 會議 報道 日本 " * 6 + "Tokyo"
    article = _article(text)
    layout = lay_out(article, 20)
    for row in range(len(layout)):
        assert cell_len(text[layout.starts[row] : layout.ends[row]].rstrip()) <= 20
    offset = text.index("Tokyo")
    row, column = layout.position_of(offset, text)
    assert layout.offset_at(row, column, text) == offset
    assert column == cell_len(text[layout.starts[row] : offset])


def test_a_word_longer_than_the_row_is_cut():
    assert wrap("x" * 25, 100, 10) == [100, 110, 120]


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=300), st.integers(min_value=1, max_value=60))
def test_wrap_never_loses_text_and_never_overflows(text, width):
    text = text.replace("\n", " ")
    starts = wrap(text, 0, width)
    assert starts[0] == 0 and starts == sorted(set(starts))
    assert all(0 <= s < max(1, len(text)) for s in starts)
    for a, b in zip(starts, starts[1:] + [len(text)]):
        row = text[a:b].rstrip()
        if len(row) > 1:
            assert cell_len(row) <= max(width, max(cell_len(c) for c in row))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab cd\nef-gh  ", min_size=1, max_size=400), st.integers(min_value=1, max_value=30))
def test_ascii_wrap_keeps_every_row_within_the_width(text, width):
    starts = wrap(text, 7, width)
    assert starts[0] == 7 and starts == sorted(set(starts))
    for a, b in zip(starts, starts[1:] + [7 + len(text)]):
        row = text[a - 7 : b - 7].replace("\n", " ").rstrip()
        assert len(row) <= width
        assert b > a

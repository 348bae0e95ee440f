"""Markdown via markdown-it-py: block structure kept, inline markup dropped, offsets mapped back.

The canonical text holds only what a reader sees (blocks separated by a blank line). Every
visible piece is located in the decoded source so exports can point into the original file.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..model import Block, BlockKind
from .plaintext import is_credit_line

_parser = MarkdownIt("commonmark")
_NEWLINE = re.compile("\n")


class _Builder:
    def __init__(self, source: str) -> None:
        self.source = source
        self.line_starts = [0] + [m.end() for m in _NEWLINE.finditer(source)]
        self.parts: list[str] = []
        self.length = 0
        self.runs: list[tuple[int, int, int]] = []
        self.blocks: list[Block] = []
        self.cursor = 0
        self.limit = len(source)  # where the current block's source lines end

    def _append(self, piece: str, source_pos: int | None) -> None:
        if source_pos is not None and piece:
            self.runs.append((self.length, source_pos, len(piece)))
        self.parts.append(piece)
        self.length += len(piece)

    def add_piece(self, piece: str) -> None:
        """Append visible text, finding it in the source from the cursor on."""
        if not piece:
            return
        # Searching only inside the block's own lines keeps loading linear: a piece that is not
        # in the source verbatim ("&copy;" shows as "©") must not scan the rest of the file.
        found = self.source.find(piece, self.cursor, self.limit)
        if found < 0:
            self._append(piece, None)
            return
        self._append(piece, found)
        self.cursor = found + len(piece)

    def add_separator(self, sep: str) -> None:
        self._append(sep, None)

    def start_block(self, lines: list[int] | None) -> int:
        if self.parts:
            self.add_separator("\n\n")
        self.limit = len(self.source)
        if lines:
            first, last = lines[0], lines[-1]
            if first < len(self.line_starts):
                self.cursor = max(self.cursor, self.line_starts[first])
            if last < len(self.line_starts):
                self.limit = self.line_starts[last]
        return self.length

    def add_inline(self, inline: Token) -> None:
        for child in inline.children or []:
            if child.type in ("text", "code_inline", "html_inline"):
                if child.type == "html_inline":
                    continue
                self.add_piece(child.content)
            elif child.type == "softbreak":
                self.add_separator(" ")
            elif child.type == "hardbreak":
                self.add_separator("\n")
            elif child.type == "image":
                for grand in child.children or []:
                    if grand.type == "text":
                        self.add_piece(grand.content)


def parse_markdown(source: str) -> tuple[str, str, list[Block], list[tuple[int, int, int]]]:
    """Returns (canonical text, title, blocks, offset runs)."""
    tokens = _parser.parse(source)
    b = _Builder(source)
    kind = BlockKind.PARAGRAPH
    level = 0
    depth_quote = 0
    depth_list = 0
    for i, tok in enumerate(tokens):
        if tok.type == "blockquote_open":
            depth_quote += 1
        elif tok.type == "blockquote_close":
            depth_quote -= 1
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            depth_list += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth_list -= 1
        elif tok.type == "heading_open":
            level = int(tok.tag[1])
            kind = BlockKind.HEADING if level == 1 else BlockKind.SUBHEADING
        elif tok.type == "paragraph_open":
            level = 0
            if depth_list:
                kind, level = BlockKind.LIST_ITEM, depth_list
            elif depth_quote:
                kind, level = BlockKind.BLOCKQUOTE, depth_quote
            else:
                kind = BlockKind.PARAGRAPH
        elif tok.type in ("code_block", "fence"):
            start = b.start_block(tok.map)
            b.add_piece(tok.content.rstrip("\n"))
            b.blocks.append(Block(BlockKind.PARAGRAPH, start, b.length))
        elif tok.type == "inline":
            start = b.start_block(tok.map)
            b.add_inline(tok)
            end = b.length
            if end > start:
                b.blocks.append(Block(kind, start, end, level))
    text = "".join(b.parts)
    blocks = b.blocks
    # A Markdown file without "# " headings still has a headline: its first block.
    title = ""
    if blocks:
        heading = next((blk for blk in blocks if blk.kind is BlockKind.HEADING), None)
        if heading is None and blocks[0].end - blocks[0].start <= 300:
            blocks[0] = Block(BlockKind.HEADING, blocks[0].start, blocks[0].end, 1)
            heading = blocks[0]
        if heading is not None:
            title = text[heading.start:heading.end]
        j = len(blocks) - 1
        while j > 0 and blocks[j].kind is BlockKind.PARAGRAPH and is_credit_line(text[blocks[j].start:blocks[j].end]):
            blocks[j] = Block(BlockKind.CREDIT, blocks[j].start, blocks[j].end)
            j -= 1
    return text, title, blocks, b.runs

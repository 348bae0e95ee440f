"""Markdown via markdown-it-py: block structure kept, inline markup dropped, offsets mapped back.

The canonical text holds only what a reader sees (blocks separated by a blank line). Every
visible piece is located in the decoded source so exports can point into the original file.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..model import Block, BlockKind, Emphasis
from .plaintext import is_credit_line

# text_join would fold entities and escapes ("&amp;", "\\*") into the text around them, and the
# joined text is not in the source verbatim; kept apart, every piece can be located.
_parser = MarkdownIt("commonmark").disable("text_join", ignoreInvalid=True)
_NEWLINE = re.compile("\n")
# markdown-it stops at this many open tags (a list item is two: the list and the item; a quote
# one) and silently drops whatever is nested deeper. It is the parser's guard against recursion,
# so it stays; what it would drop is shown flattened instead (`_flatten`), with a warning.
MAX_NESTING = int(_parser.options["maxNesting"])
TOO_DEEP = "Markdown nested too deep: the deepest parts are shown flattened"
_CONTAINER_MARKS = re.compile(r"^[ \t]*(?:(?:>|[-+*]|\d{1,9}[.)])(?=[ \t]|$)[ \t]*)*")
_EMPHASIS_OPEN = {"strong_open": "bold", "em_open": "italic"}
_EMPHASIS_CLOSE = {"strong_close": "bold", "em_close": "italic"}


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
        self.block_parts = 0  # index in parts where the current block's text begins
        self.emphasis: list[Emphasis] = []
        self._open: list[tuple[str, int]] = []  # emphasis opened and not yet closed: (style, start)

    def _append(self, piece: str, source_pos: int | None, length: int | None = None) -> None:
        if source_pos is not None and piece:
            self.runs.append((self.length, source_pos, len(piece) if length is None else length))
        self.parts.append(piece)
        self.length += len(piece)

    def add_piece(self, piece: str, written: str | None = None) -> None:
        """Append visible text, finding it in the source from the cursor on.

        `written` is how the source spells it when that differs ("&amp;" for "&", "\\*" for
        "*"): the piece then maps onto the start of that spelling. A piece that cannot be found
        (a code span whose line break became a space, an indented code line) is mapped to the
        cursor with a zero-length run, so its offsets still point into the right block rather
        than at the end of some earlier run.
        """
        if not piece:
            return
        # Searching only inside the block's own lines keeps loading linear: a piece that is not
        # in the source verbatim must not scan the rest of the file.
        needle = written or piece
        found = self.source.find(needle, self.cursor, self.limit)
        if found >= 0:
            self._append(piece, found, 1 if written else None)
            self.cursor = found + len(needle)
        elif "\n" in piece and written is None:
            for n, line in enumerate(piece.split("\n")):
                if n:
                    self.add_separator("\n")
                self.add_piece(line)
        else:
            self._append(piece, min(self.cursor, len(self.source)), 0)

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
        self.block_parts = len(self.parts)
        return self.length

    def end_block(self, kind: BlockKind, start: int, level: int = 0) -> None:
        """Keep the block if it shows anything: an empty code fence or a lone "&nbsp;" does not."""
        if any(part.strip() for part in self.parts[self.block_parts :]):
            self.blocks.append(Block(kind, start, self.length, level))

    def add_inline(self, inline: Token) -> None:
        for child in inline.children or []:
            self._add_child(child)

    def _add_child(self, child: Token) -> None:
        if child.type in _EMPHASIS_OPEN:
            self._open.append((_EMPHASIS_OPEN[child.type], self.length))
        elif child.type in _EMPHASIS_CLOSE:
            style = _EMPHASIS_CLOSE[child.type]
            for i in range(len(self._open) - 1, -1, -1):
                if self._open[i][0] == style:
                    start = self._open.pop(i)[1]
                    if self.length > start:
                        self.emphasis.append(Emphasis(start, self.length, style))
                    break
        elif child.type in ("text", "code_inline"):
            self.add_piece(child.content)
        elif child.type == "text_special":  # an entity or a backslash escape
            self.add_piece(child.content, child.markup)
        elif child.type == "softbreak":
            self.add_separator(" ")
        elif child.type == "hardbreak":
            self.add_separator("\n")
        elif child.type == "image":  # its alt text is what a reader sees
            for grand in child.children or []:
                if grand.type in ("text", "text_special"):
                    self._add_child(grand)


def _flatten(b: _Builder, container: Token, kind: BlockKind, level: int) -> None:
    """The lines of a container markdown-it left empty for being too deep, as one block: the
    quote and list marks stripped, the rest read as inline Markdown."""
    first, last = container.map or (0, 0)
    lines = [
        _CONTAINER_MARKS.sub(
            "", b.source[b.line_starts[n] : b.line_starts[n + 1] if n + 1 < len(b.line_starts) else len(b.source)]
        )
        for n in range(first, last)
    ]
    text = "\n".join(line.strip() for line in lines if line.strip())
    if not text:
        return
    start = b.start_block(container.map)
    for inline in _parser.parseInline(text):
        b.add_inline(inline)
    b.end_block(kind, start, level)


def parse_markdown(
    source: str,
) -> tuple[str, str, list[Block], list[tuple[int, int, int]], list[Emphasis], list[str]]:
    """Returns (canonical text, title, blocks, offset runs, emphasis spans, warnings)."""
    tokens = _parser.parse(source)
    b = _Builder(source)
    warnings: list[str] = []
    kind = BlockKind.PARAGRAPH
    level = 0
    depth_quote = 0
    depth_list = 0
    for tok in tokens:
        if tok.type in ("blockquote_open", "list_item_open") and tok.level >= MAX_NESTING - 1 and tok.map:
            # Its content would open one tag too many: markdown-it dropped it.
            if tok.type == "blockquote_open":
                _flatten(b, tok, BlockKind.BLOCKQUOTE, depth_quote + 1)
            else:
                _flatten(b, tok, BlockKind.LIST_ITEM, depth_list)
            if TOO_DEEP not in warnings:
                warnings.append(TOO_DEEP)
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
            b.end_block(BlockKind.PARAGRAPH, start)
        elif tok.type == "inline":
            start = b.start_block(tok.map)
            b.add_inline(tok)
            b.end_block(kind, start, level)
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
            title = text[heading.start : heading.end]
        j = len(blocks) - 1
        while j > 0 and blocks[j].kind is BlockKind.PARAGRAPH and is_credit_line(text[blocks[j].start : blocks[j].end]):
            blocks[j] = Block(BlockKind.CREDIT, blocks[j].start, blocks[j].end)
            j -= 1
    return text, title, blocks, b.runs, sorted(b.emphasis, key=lambda e: (e.start, e.end)), warnings

"""A web page to `Article`: trafilatura finds the article, we keep its structure.

trafilatura strips navigation, ads, related links and comments and hands back the article as
a small XML tree (`head`, `p`, `list/item`, `quote`, ...) plus metadata (title, author, date,
site). Each element becomes one `Block`; the canonical text is the blocks joined by blank
lines, so every offset (mentions, quotes, search hits) indexes the extracted text. The title
leads as the HEADING block, as in wire copy, so headline quotes are analysed the same way.
"""

from __future__ import annotations

import codecs
import logging
from collections.abc import Iterator
from urllib.parse import urlsplit

from ..model import Article, Block, BlockKind
from .decode import normalise_newlines
from .errors import DocumentError
from .plaintext import is_credit_line

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
EMPTY_EXTRACTION = "no article text found on this page (paywall, or a page built by scripts?)"
_SNIFF = 8192
# trafilatura and its helpers log warnings ("discarding data: URL"); with no handler Python would
# print them to stderr, i.e. across the reader's screen. Our errors say it in one line instead.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


def decode_html(data: bytes, source: str, charset: str | None = None) -> tuple[str, str]:
    """(text, encoding): the HTTP charset when it names a real codec, else UTF-8, else the
    page's own `<meta charset>` as trafilatura reads it."""
    if b"\x00" in data[:_SNIFF] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DocumentError(source, "binary data, not a web page")
    if charset:
        try:
            codecs.lookup(charset)
        except LookupError:
            charset = None
    if charset:
        return data.decode(charset, errors="replace"), charset.lower()
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        from trafilatura.utils import decode_file

        return decode_file(data), "detected"


def article_from_html(
    data: bytes, source: str, *, url: str | None = None, charset: str | None = None, encoding: str | None = None
) -> Article:
    """Extract the article of one page. `url` (where it came from) resolves the site name."""
    html, detected = decode_html(data, source, charset)
    if not html.strip():
        raise DocumentError(source, "empty page, nothing to read")
    import trafilatura  # ~0.3 s to import: only when a page is opened

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        prune_xpath="//noscript",  # "enable JavaScript to read this" is not the article
    )
    title = _clean(getattr(doc, "title", None) or "")
    body = getattr(doc, "body", None)
    pieces = list(_blocks(body)) if body is not None else []
    if not any(kind is not BlockKind.HEADING for kind, _, _ in pieces):
        raise DocumentError(source, EMPTY_EXTRACTION)
    if pieces[0][0] is BlockKind.HEADING:  # the page's own <h1> is the headline
        title = pieces[0][1]
    elif title:
        pieces.insert(0, (BlockKind.HEADING, title, 1))
    elif pieces[0][0] is BlockKind.SUBHEADING:
        title = pieces[0][1]
        pieces[0] = (BlockKind.HEADING, title, 1)
    # Only the first heading is the headline; the rest are subheads.
    pieces = [pieces[0]] + [(BlockKind.SUBHEADING if k is BlockKind.HEADING else k, t, lv) for k, t, lv in pieces[1:]]
    text, blocks = _join(pieces)
    site = _clean(getattr(doc, "sitename", None) or "") or (urlsplit(url).hostname if url else None)
    author = _clean(getattr(doc, "author", None) or "") or None
    published = getattr(doc, "date", None) or None
    return Article(
        source,
        title,
        text,
        blocks,
        "html",
        encoding or detected,
        url=url,
        site=site or None,
        author=author,
        published=published,
    )


def _clean(text: str) -> str:
    """One line of plain text: whitespace runs (and line breaks) become one space."""
    return " ".join(normalise_newlines(text).split())


def _blocks(body) -> Iterator[tuple[BlockKind, str, int]]:
    """(kind, text, level) for each element of trafilatura's tree, lists flattened with depth."""
    for element in body:
        yield from _element(element, 0)


def _element(element, depth: int) -> Iterator[tuple[BlockKind, str, int]]:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "head":
        rend = element.get("rend", "h2")
        level = int(rend[1]) if len(rend) == 2 and rend[1].isdigit() else 2
        yield from _leaf(BlockKind.HEADING if level == 1 else BlockKind.SUBHEADING, element, level)
    elif tag == "list":
        for item in element:
            yield from _list_item(item, depth + 1)
    elif tag == "quote":
        nested = [child for child in element if child.tag in ("p", "list", "quote", "head")]
        if nested:
            if element.text and element.text.strip():
                yield BlockKind.BLOCKQUOTE, _clean(element.text), 1
            for child in nested:
                for kind, text, level in _element(child, depth):
                    yield BlockKind.BLOCKQUOTE, text, max(1, level) if kind is BlockKind.BLOCKQUOTE else 1
        else:
            yield from _leaf(BlockKind.BLOCKQUOTE, element, 1)
    elif tag in ("p", "code", "item"):
        yield from _leaf(BlockKind.PARAGRAPH, element, 0)
    elif tag in ("table", "graphic", "ref", "lb"):
        return
    else:  # an element kind trafilatura may add later: keep its words
        yield from _leaf(BlockKind.PARAGRAPH, element, 0)


def _list_item(item, depth: int) -> Iterator[tuple[BlockKind, str, int]]:
    """An item's own words, then any list nested in it one level deeper."""
    own = [item.text or ""]
    nested: list = []
    for child in item:
        if child.tag == "list":
            nested.append(child)
        else:
            own.append(" " if child.tag == "lb" else _words(child))
        if child.tail:
            own.append(child.tail)
    words = _clean("".join(own))
    if words:
        yield BlockKind.LIST_ITEM, words, depth
    for lst in nested:
        for sub in lst:
            yield from _list_item(sub, depth + 1)


def _words(element) -> str:
    """The element's text; a line break (`<lb/>`) counts as a space, inline markup as nothing."""
    parts = [element.text or ""]
    for child in element:
        parts.append(" " if child.tag == "lb" else _words(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _leaf(kind: BlockKind, element, level: int) -> Iterator[tuple[BlockKind, str, int]]:
    words = _clean(_words(element))
    if words:
        yield kind, words, level


def _join(pieces: list[tuple[BlockKind, str, int]]) -> tuple[str, list[Block]]:
    parts: list[str] = []
    blocks: list[Block] = []
    length = 0
    for kind, words, level in pieces:
        if parts:
            parts.append("\n\n")
            length += 2
        blocks.append(Block(kind, length, length + len(words), level))
        parts.append(words)
        length += len(words)
    text = "".join(parts)
    # Trailing credit lines ("(Reporting by ...)", "© 2026 ...") are shown but not analysed.
    j = len(blocks) - 1
    while j > 0 and blocks[j].kind is BlockKind.PARAGRAPH and is_credit_line(text[blocks[j].start : blocks[j].end]):
        blocks[j] = Block(BlockKind.CREDIT, blocks[j].start, blocks[j].end)
        j -= 1
    return text, blocks

"""Property-based tests of the loader: arbitrary bytes and text never raise anything but
DocumentError, and every offset the loader hands out is valid."""

from __future__ import annotations

import codecs

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tui.document import DocumentError, article_from_bytes
from tui.document.decode import normalise_newlines
from tui.model import Article, BlockKind

LOADER = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of wire copy and Markdown, mixed with arbitrary characters, so that generated inputs
# reach the interesting paths (headlines, subheads, credits, entities, escapes, code, lists).
WIRE = [
    "US wants Russia to agree",
    "Volodymyr Zelensky",
    "said",
    '"',
    "“",
    "”",
    "'",
    "’",
    " ",
    " ",
    ".",
    ",",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "- 'No trust' -",
    "burs-jc/jbr/jhb",
    "C.Stevenson--TNT",
    "By Jane Doe",
    "(Reporting by Ann Lee)",
    "\ufeff",
    "\x1b[2J",
    "\x9b",
    "\u202e",
    "\u200b",
    "é",
    "日本",
]
MARKDOWN = WIRE + [
    "# ",
    "## ",
    "> ",
    "- ",
    "1. ",
    "*",
    "**",
    "_",
    "`",
    "```\n",
    "    ",
    "[link](http://x.org)",
    "![alt](i.png)",
    "&amp;",
    "&copy;",
    "&#x41;",
    "&nbsp;",
    "\\*",
    "\\",
    "<b>",
    "</b>",
    "<!-- c -->",
    "---\n",
    "|a|b|\n",
]
any_char = st.characters(codec="utf-8")  # every code point but surrogates, which no decoder yields
wire_text = st.lists(st.one_of(st.sampled_from(WIRE), st.text(any_char, max_size=6)), max_size=40).map("".join)
markdown_text = st.lists(st.one_of(st.sampled_from(MARKDOWN), st.text(any_char, max_size=6)), max_size=40).map("".join)


def check_article(a: Article) -> None:
    assert a.blocks
    previous_end = 0
    for b in a.blocks:
        assert previous_end <= b.start < b.end <= len(a.text), b
        assert a.text[b.start : b.end].strip(), b  # no empty or blank blocks
        previous_end = b.end
    heading = next((b for b in a.blocks if b.kind is BlockKind.HEADING), None)
    assert a.title == (a.block_text(heading) if heading else "")
    if a.format == "markdown":
        check_runs(a)


def check_runs(a: Article) -> None:
    """Every run maps visible text onto the same characters of the decoded source (or onto the
    start of an entity/escape that spells it), in order and inside both strings."""
    last_c, last_s = 0, 0
    for c, s, n in a.offset_runs:
        assert c >= last_c and s >= last_s, (c, s, n)
        assert c + max(n, 1) <= len(a.text) and s + n <= len(a.source_text)
        if n:
            assert a.text[c : c + n] == a.source_text[s : s + n] or (n == 1 and a.source_text[s] in "&\\"), (c, s, n)
        last_c, last_s = c + max(n, 1), s
    for b in a.blocks:
        s, e = a.to_source_span(b.start, b.end)
        assert 0 <= s <= e <= len(a.source_text)


def load(data: bytes, name: str, markdown: bool | None = None) -> Article | None:
    try:
        article = article_from_bytes(data, name, markdown=markdown)
    except DocumentError as exc:
        assert "\n" not in str(exc) and exc.reason
        return None
    check_article(article)
    return article


@LOADER
@given(st.binary(max_size=400), st.booleans())
@example(b"\xff\xfe\x00", False)
@example(b"\xef\xbb\xbf\x89PNG\r\n\x1a\n\x00", True)
def test_arbitrary_bytes(data, markdown):
    load(data, "x.md" if markdown else "x.txt")


@LOADER
@given(wire_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be+bom", "utf-32"]), st.booleans())
@example('Headline\r\n\r\nZelensky said "yes".\r\n', "utf-8-sig", True)
def test_text_in_any_unicode_encoding_reads_back_exactly(text, encoding, crlf):
    if crlf:
        text = text.replace("\n", "\r\n")
    if encoding == "utf-16-be+bom":
        data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    article = load(data, "x.txt")
    if article is None:
        return
    body = text[1:] if encoding == "utf-8" and text.startswith("\ufeff") else text
    assert article.text == normalise_newlines(body)
    assert article.format == "text"


@LOADER
@given(markdown_text)
@example("AT&amp;T \\* x &copy; `a  b` ![alt *x*](u)\n\n> ```\n> code\n>  more\n> ```\n\n    ind\tented\n")
@example("# T\n\n`a\nb` and *Zelensky* said\n")
def test_markdown_offsets(text):
    article = load(text.encode("utf-8"), "x.md")
    if article is not None:
        assert article.source_text == normalise_newlines(text.removeprefix("\ufeff"))


@LOADER
@given(wire_text)
def test_same_text_same_article_with_crlf_and_bom(text):
    text = text.replace("\r", "")
    plain = load(text.encode("utf-8"), "x.txt")
    dos = load(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"), "x.txt")
    if plain is None or dos is None:
        assert plain is None and dos is None or text.startswith("\ufeff")
        return
    if not text.startswith("\ufeff"):
        assert plain.text == dos.text and plain.blocks == dos.blocks

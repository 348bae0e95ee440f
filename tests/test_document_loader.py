"""The loader on the seed, Markdown, CRLF, BOM, stdin and bad input."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tui.document import DocumentError, article_from_bytes, load_article
from tui.model import BlockKind


def kinds(article):
    return [b.kind for b in article.blocks]


def texts(article, kind):
    return [article.block_text(b) for b in article.blocks if b.kind is kind]


def test_seed_structure(seed_article):
    a = seed_article
    assert a.title == "US wants Russia to agree to Ukraine truce 'unconditionally'"
    assert a.blocks[0].kind is BlockKind.HEADING
    assert texts(a, BlockKind.SUBHEADING) == ["'No trust'", "'When Putin dies'"]
    assert texts(a, BlockKind.CREDIT) == ["burs-jc/jbr/jhb", "C.Stevenson--TNT"]
    paragraphs = texts(a, BlockKind.PARAGRAPH)
    assert len(paragraphs) == 31
    assert paragraphs[0].startswith("The United States said Wednesday")
    assert paragraphs[-1].endswith('is doing what it has to do."')


def test_seed_text_is_the_file(seed_article, seed_path):
    assert seed_article.text == seed_path.read_text(encoding="utf-8")
    for b in seed_article.blocks:
        assert 0 <= b.start < b.end <= len(seed_article.text)


def test_crlf_and_bom_give_the_same_article(seed_path, tmp_path):
    raw = seed_path.read_bytes()
    dos = tmp_path / "dos.txt"
    dos.write_bytes(b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"))
    before = dos.read_bytes()
    a, b = load_article(str(seed_path)), load_article(str(dos))
    assert a.text == b.text
    assert a.blocks == b.blocks
    assert dos.read_bytes() == before  # never modified


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("Headline here\n\nZelensky said “yes”.".encode("utf-16"))
    a = load_article(str(path))
    assert a.title == "Headline here"
    assert "“yes”" in a.text


def test_latin1_is_readable(tmp_path):
    path = tmp_path / "l1.txt"
    path.write_bytes("Caf\xe9 owners in S\xe3o Paulo said no.".encode("latin-1"))
    assert "São Paulo" in load_article(str(path)).text


def test_stdin(seed_path):
    out = subprocess.run(
        [sys.executable, "-m", "tui", "--json", "-"],
        input=seed_path.read_bytes(),
        capture_output=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert b'"source": "-"' in out.stdout
    assert b"Volodymyr Zelensky" in out.stdout


def test_markdown_blocks_and_offsets(tmp_path):
    src = (
        "# Talks *resume* in Geneva\n\n"
        "By Jane Doe\n\n"
        "The **foreign minister** said [talks](http://example.com) would resume.\n\n"
        "## Reaction\n\n"
        '> "We are hopeful," she said.\n\n'
        "- first point\n- second `code` point\n"
    )
    path = tmp_path / "a.md"
    path.write_text(src, encoding="utf-8")
    a = load_article(str(path))
    assert a.format == "markdown"
    assert a.title == "Talks resume in Geneva"
    assert kinds(a)[:2] == [BlockKind.HEADING, BlockKind.PARAGRAPH]
    assert "**" not in a.text and "](" not in a.text
    assert texts(a, BlockKind.SUBHEADING) == ["Reaction"]
    assert texts(a, BlockKind.BLOCKQUOTE) == ['"We are hopeful," she said.']
    assert texts(a, BlockKind.LIST_ITEM) == ["first point", "second code point"]
    # Every visible word maps back to the same word in the decoded source.
    for word in ("Geneva", "foreign minister", "talks", "hopeful", "code"):
        start = a.text.index(word)
        s, e = a.to_source_span(start, start + len(word))
        assert src[s:e] == word


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"   \n\n\t  \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00", "binary"),
    ],
)
def test_bad_bytes_are_refused_with_a_reason(data, reason):
    with pytest.raises(DocumentError) as exc:
        article_from_bytes(data, "x.txt")
    assert reason in str(exc.value)
    assert "\n" not in str(exc.value)


def test_missing_and_directory(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        load_article(str(tmp_path / "nope.txt"))
    with pytest.raises(DocumentError, match="directory"):
        load_article(str(tmp_path))


def test_hard_wrapped_paragraphs_are_joined(tmp_path):
    para = (
        "This is a long line of prose that was wrapped by an editor at about seventy\n"
        "columns, as books and e-mails are, and it continues on the next line so that\n"
        "the paragraph spans three lines of text in the file itself.\n"
    )
    path = tmp_path / "book.txt"
    path.write_text("A Title\n\n" + para + "\n" + para, encoding="utf-8")
    a = load_article(str(path))
    assert kinds(a) == [BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]


def test_byline_is_metadata(tmp_path):
    path = tmp_path / "b.txt"
    path.write_text("Storm hits coast\nBy Jane Doe\nThe storm hit the coast on Monday.\n", encoding="utf-8")
    a = load_article(str(path))
    assert kinds(a) == [BlockKind.HEADING, BlockKind.BYLINE, BlockKind.PARAGRAPH]
    assert BlockKind.BYLINE.is_metadata

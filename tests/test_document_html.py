"""Saved web pages to Article: trafilatura keeps the article and drops the page around it."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web_site import DATA
from tui.document import DocumentError, load_article
from tui.document.html import EMPTY_EXTRACTION, article_from_html
from tui.model import BlockKind

BOILERPLATE = [
    "Subscribe for 1 dollar a week",
    "Accept all cookies",
    "ADVERTISEMENT",
    "Zephyr sedan",
    "Related stories",
    "Ferry strike enters third week",
    "harbourwatcher",
    "Enjoy the blackouts",
    "All rights reserved",
    "Privacy policy",
    "Share on social",
    "dataLayer",
]


@pytest.fixture(scope="module")
def article():
    return load_article(str(DATA / "article.html"))


def test_metadata_from_the_page(article):
    assert article.title == "Harbour city votes to close coal plant early"
    assert article.site == "The Coastal Ledger"
    assert article.author == "Maria Okonkwo"
    assert article.published == "2026-03-04"
    assert article.format == "html" and article.encoding == "utf-8"
    assert article.url is None  # a saved file has no address


def test_article_text_without_boilerplate(article):
    assert "Port Alder voted on Tuesday" in article.text
    assert '"Nobody in that room has to find a new job next year," Whitaker said.' in article.text
    for noise in BOILERPLATE:
        assert noise not in article.text, noise


def test_structure_kept_as_blocks(article):
    kinds = [b.kind for b in article.blocks]
    assert kinds[0] is BlockKind.HEADING and article.block_text(article.blocks[0]) == article.title
    subheads = [article.block_text(b) for b in article.blocks if b.kind is BlockKind.SUBHEADING]
    assert subheads == ["Jobs and the grid"]
    assert kinds[-1] is BlockKind.CREDIT
    assert sum(k is BlockKind.PARAGRAPH for k in kinds) == 6


def test_offsets_index_the_extracted_text(article):
    text = article.text
    previous_end = 0
    for block in article.blocks:
        assert previous_end <= block.start < block.end <= len(text)
        piece = text[block.start : block.end]
        assert piece == piece.strip() and "\n" not in piece
        previous_end = block.end
    joined = "\n\n".join(article.block_text(b) for b in article.blocks)
    assert joined == text
    start = text.index("This is the day")
    assert (
        text[start : start + len("This is the day our children can breathe easier")]
        == "This is the day our children can breathe easier"
    )


def test_amp_page_with_json_ld_metadata():
    amp = load_article(str(DATA / "amp.html"))
    assert amp.title == "Museum returns bronze statues to Benin City"
    assert amp.author == "Kwame Mensah" and amp.published == "2026-02-11"
    assert "Abba Tijani" in amp.text and "Barbara Plankensteiner" in amp.text
    for noise in ("Advertisement loading", "Opera season opens", "Ten books for spring", "visibility:hidden"):
        assert noise not in amp.text


def test_script_only_page_says_so():
    with pytest.raises(DocumentError) as caught:
        load_article(str(DATA / "script_only.html"))
    assert caught.value.reason == EMPTY_EXTRACTION
    assert "paywall" in str(caught.value)


def test_empty_and_binary_pages_are_one_line_errors():
    with pytest.raises(DocumentError, match="empty page"):
        article_from_html(b"   \n", "x.html")
    with pytest.raises(DocumentError, match="binary data"):
        article_from_html(b"\x89PNG\r\n\x00\x00\x00", "x.html")


def test_declared_charset_and_site_from_url():
    page = (
        "<html><head><title>Café owner speaks</title></head><body><article><h1>Café owner speaks</h1>"
        + ("<p>«Nous restons ouverts», said the café owner, Zoë Martin, on Friday morning in the old town.</p>" * 3)
        + "</article></body></html>"
    )
    art = article_from_html(page.encode("cp1252"), "u", url="https://news.example.org/a", charset="windows-1252")
    assert "Zoë Martin" in art.text and art.encoding == "windows-1252"
    assert art.site == "news.example.org" and art.url == "https://news.example.org/a"


def test_markup_in_page_text_stays_text():
    page = (
        "<html><body><article><h1>[bold]Title[/bold]</h1>"
        + ("<p>The tag [@click=app.quit]here[/] and \x1b[31m must stay plain text in the article body, said the editor.</p>" * 2)
        + "</article></body></html>"
    )
    art = article_from_html(page.encode(), "m.html")
    assert "[@click=app.quit]here[/]" in art.text


WORDS = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="<>&"), min_size=1, max_size=60)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=WORDS,
    blocks=st.lists(st.tuples(st.sampled_from(["p", "h2", "li", "blockquote"]), WORDS), min_size=1, max_size=12),
)
def test_blocks_always_tile_the_text(title, blocks):
    """Whatever trafilatura keeps, the blocks are non-empty, in order, and joined by blank lines
    they are exactly the text: offsets never drift."""
    body = "".join(f"<ul><li>{w}</li></ul>" if tag == "li" else f"<{tag}>{w}</{tag}>" for tag, w in blocks)
    page = f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"
    try:
        art = article_from_html(page.encode(), "p.html")
    except DocumentError:
        return  # nothing worth keeping: a one-line error, also fine
    assert art.blocks
    assert "\n\n".join(art.block_text(b) for b in art.blocks) == art.text
    assert all(art.block_text(b) and art.block_text(b) == art.block_text(b).strip() for b in art.blocks)
    if art.title:  # a title trafilatura found leads as the headline
        assert art.blocks[0].kind is BlockKind.HEADING and art.block_text(art.blocks[0]) == art.title
    assert sum(b.kind is BlockKind.HEADING for b in art.blocks) <= 1


def test_saved_page_in_a_legacy_encoding_follows_its_meta_charset(tmp_path):
    page = (
        '<html><head><meta charset="windows-1252"><title>Café</title></head><body><article><h1>Café owner speaks</h1>'
        + "<p>“Nous restons ouverts”, said the café owner, Zoë Martin, on Friday morning in the old town.</p>" * 3
        + "</article></body></html>"
    )
    path = tmp_path / "cafe.htm"
    path.write_bytes(page.encode("cp1252"))
    art = load_article(str(path))
    assert art.title == "Café owner speaks" and "“Nous restons ouverts”" in art.text and "Zoë Martin" in art.text
    assert art.encoding == "detected"

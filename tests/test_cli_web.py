"""URLs, saved pages and feeds on the command line: a real subprocess against a local server."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.web_site import DATA, NewsSite, free_port
from tui.document import load_article


@pytest.fixture(scope="module")
def site():
    with NewsSite() as s:
        yield s


def run(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, timeout=timeout, text=True)


def test_json_for_a_page_a_saved_page_and_a_feed(site):
    page, feed = site.url("/article.html"), site.url("/feed.rss")
    out = run("--json", page, str(DATA / "article.html"), feed)
    assert out.returncode == 0, out.stderr
    web, saved, listing = [json.loads(line) for line in out.stdout.splitlines()]
    assert web["source"] == page and web["url"] == page and web["format"] == "html"
    assert (web["site"], web["author"], web["published"]) == ("The Coastal Ledger", "Maria Okonkwo", "2026-03-04")
    assert saved["url"] is None and saved["site"] == "The Coastal Ledger"
    assert web["people"] == saved["people"] and web["quotes"] == saved["quotes"]
    # Offsets index the extracted text (the same for the page and its saved copy).
    text = load_article(str(DATA / "article.html")).text
    assert {"Sam Whitaker", "Daniel Hartley"} <= {q["speaker"] for q in web["quotes"]}
    for quote in web["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
    for person in web["people"]:
        for m in person["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    assert listing["kind"] == "feed" and len(listing["items"]) == 20


def test_json_error_line_for_a_bad_url(site):
    out = run("--json", site.url("/missing"))
    assert out.returncode == 1
    record = json.loads(out.stdout)
    assert record == {"source": site.url("/missing"), "error": "HTTP 404 Not Found: no page at this address"}


def error_cases(site) -> list[tuple[str, list[str], str]]:
    refused = free_port()
    return [
        ("dns", ["http://news.example.invalid/a.html"], "cannot find the server news.example.invalid (DNS lookup failed)"),
        ("refused", [f"http://127.0.0.1:{refused}/a.html"], f"connection refused by 127.0.0.1:{refused}"),
        ("timeout", ["--fetch-timeout", "1", site.url("/slow")], "timed out: no complete answer within 1 s"),
        ("404", [site.url("/missing")], "HTTP 404 Not Found"),
        ("403", [site.url("/forbidden")], "HTTP 403 Forbidden"),
        ("500", [site.url("/broken")], "HTTP 500 Internal Server Error"),
        ("not-html", [site.url("/image.png")], "not an HTML page or a feed (content type image/png)"),
        ("too-large", [site.url("/huge")], "too large (the limit is 10 MB)"),
        ("empty", [site.url("/paywall.html")], "no article text found on this page (paywall, or a page built by scripts?)"),
        ("loop", [site.url("/loop-a")], "redirect loop"),
        ("chain", [site.url("/chain-0")], "too many redirects (more than 5)"),
        ("file-redirect", [site.url("/to-file")], "redirect to a file: address refused"),
        ("invalid-feed", [site.url("/broken-feed.xml")], "not a valid RSS or Atom feed"),
        ("scheme", ["ftp://127.0.0.1/a.html"], "only http and https addresses are fetched"),
    ]


@pytest.mark.parametrize("case", range(14))
def test_each_error_is_one_line_and_exit_2(site, case):
    name, args, words = error_cases(site)[case]
    out = run(*args, timeout=60)
    assert out.returncode == 2, (name, out.stderr)
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, (name, out.stderr)
    assert lines[0].startswith("newsreader: error: ") and words in lines[0], (name, lines[0])
    assert "Traceback" not in out.stderr


def test_fetch_timeout_must_be_positive():
    out = run("--fetch-timeout", "0", "x.txt")
    assert out.returncode == 2 and "--fetch-timeout" in out.stderr


def test_feeds_without_a_configured_list_is_one_line(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "tui", "--feeds"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path)},
    )
    assert out.returncode == 2
    assert out.stderr.strip() == "newsreader: error: no feeds configured: add feeds = [...] to config.toml, or give a feed URL"

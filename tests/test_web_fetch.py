"""tui.web.fetch against a real HTTP server on 127.0.0.1: limits, redirects, errors, conditional GET."""

from __future__ import annotations

import time

import pytest

from tests.web_site import NewsSite, free_port
from tui.web.errors import FetchCancelled, FetchError
from tui.web.fetch import Validators, fetch, is_url
from tui.web.limits import USER_AGENT, FetchLimits


@pytest.fixture(scope="module")
def site():
    with NewsSite() as s:
        yield s


def reason_of(url: str, limits: FetchLimits = FetchLimits()) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch(url, limits)
    return caught.value


def test_fetches_a_page_with_its_type_validators_and_user_agent(site):
    got = fetch(site.url("/article.html"))
    assert got.status == 200 and got.content_type == "text/html" and got.charset == "utf-8"
    assert b"Harbour city votes" in got.body
    assert got.validators == Validators('"v1"', "Wed, 04 Mar 2026 09:30:00 GMT")
    path, headers = site.requests[-1]
    assert path == "/article.html"
    assert headers["user-agent"] == USER_AGENT and headers["user-agent"].startswith("newsreader/")
    assert "if-none-match" not in headers


def test_conditional_get_sends_validators_and_reports_not_modified(site):
    got = fetch(site.url("/article.html"), validators=Validators('"v1"', "Wed, 04 Mar 2026 09:30:00 GMT"))
    assert got.not_modified and got.status == 304 and got.body == b""
    _, headers = site.requests[-1]
    assert headers["if-none-match"] == '"v1"'
    assert headers["if-modified-since"] == "Wed, 04 Mar 2026 09:30:00 GMT"


def test_follows_a_redirect_and_keeps_the_final_address(site):
    got = fetch(site.url("/moved"))
    assert got.final_url == site.url("/article.html") and got.url == site.url("/moved")


def test_redirect_loop_is_named(site):
    assert "redirect loop" in reason_of(site.url("/loop-a")).reason


def test_endless_redirect_chain_stops_after_five(site):
    before = len(site.requests)
    assert reason_of(site.url("/chain-0")).reason == "too many redirects (more than 5)"
    assert len(site.requests) - before == 6  # the first request and five redirects


def test_redirect_to_file_scheme_is_refused(site):
    err = reason_of(site.url("/to-file"))
    assert "redirect to a file: address refused" in err.reason


@pytest.mark.parametrize(
    "path, words",
    [
        ("/missing", "HTTP 404 Not Found: no page at this address"),
        ("/forbidden", "HTTP 403 Forbidden: the site refuses access"),
        ("/broken", "HTTP 500 Internal Server Error: the site's server failed"),
        ("/unavailable", "HTTP 503 Service Unavailable"),
    ],
)
def test_http_errors_carry_their_status(site, path, words):
    err = reason_of(site.url(path))
    assert words in err.reason and not err.network
    assert str(err).startswith(site.url(path) + ": ")


def test_slow_server_times_out_within_the_whole_fetch_limit(site):
    started = time.monotonic()
    err = reason_of(site.url("/slow"), FetchLimits(total_timeout=0.5))
    assert err.reason == "timed out: no complete answer within 0.5 s" and err.network
    assert time.monotonic() - started < 10  # not the server's 30 s


def test_body_over_the_cap_is_refused_while_streaming(site):
    err = reason_of(site.url("/huge"))
    assert err.reason == "too large (the limit is 10 MB)"


def test_declared_length_over_the_cap_is_refused_before_reading(site):
    err = reason_of(site.url("/huge-declared"))
    assert err.reason == "too large (50 MB; the limit is 10 MB)"


def test_a_small_cap_applies_too(site):
    assert "too large" in reason_of(site.url("/article.html"), FetchLimits(max_bytes=100)).reason


def test_refused_connection_is_named():
    port = free_port()
    err = reason_of(f"http://127.0.0.1:{port}/x")
    assert err.reason == f"connection refused by 127.0.0.1:{port} (nothing is listening there)" and err.network


def test_dns_failure_is_named():
    # .invalid never resolves (RFC 2606); the lookup fails locally, without the internet.
    err = reason_of("http://news.example.invalid/story.html")
    assert err.reason == "cannot find the server news.example.invalid (DNS lookup failed)"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)", "http:///nohost"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(FetchError):
        fetch(url)


def test_is_url():
    assert is_url("https://a.example/x") and is_url("HTTP://A.EXAMPLE")
    assert not is_url("story.txt") and not is_url("file:///x") and not is_url("-")


def test_cancel_stops_the_fetch(site):
    with pytest.raises(FetchCancelled):
        fetch(site.url("/huge"), should_stop=lambda: True)

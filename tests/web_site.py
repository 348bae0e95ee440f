"""A small news site on 127.0.0.1 for the web tests and the benchmark: real HTTP, no network.

`NewsSite` runs `http.server` in a thread and serves pages and feeds written for these tests
(tests/data/web/ and the feeds built below) plus every failure the fetcher must survive: slow
answers, redirect loops, endless redirect chains, a redirect to file:, a 50 MB body, the wrong
content type, 403/404/500. It counts requests and honours ETag/If-Modified-Since, so tests can
see a conditional GET happen.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "web"

HEADLINES = [
    "Council approves harbour wall repairs",
    "Rail strike called off after late-night talks",
    "Hospital opens new children's ward",
    "Drought forces water limits in three valleys",
    "School meals to be free for all pupils",
    "Storm damages pier and closes coast road",
    "Bank raises rates for the fourth time",
    "Airport expansion wins planning approval",
    "Teachers vote to accept pay offer",
    "Fishing fleet ties up over fuel costs",
    "Library to stay open seven days a week",
    "Police appeal for witnesses after bridge crash",
    "Wind farm plan draws record objections",
    "Museum returns bronzes to Benin City",
    "Ferry operator orders two electric ships",
    "Housing plan for old dockyard unveiled",
    "Bus fares frozen until next spring",
    "University cuts courses amid funding gap",
    "Market traders protest at rent rise",
    "City marathon moves to autumn date",
]


def rss_feed(n: int = 20) -> bytes:
    """RSS 2.0 in the shape real sites send: relative links, HTML in summaries, some items
    without dates, one without a link, entities and CDATA."""
    items = []
    for i in range(n):
        date = "" if i % 4 == 3 else f"<pubDate>{formatdate(1772600000 - i * 3600, usegmt=True)}</pubDate>"
        link = "" if i == 7 else f"<link>{'/news/' if i % 2 else 'news/'}item-{i}.html</link>"
        summary = (
            f"<description><![CDATA[<p>Story <b>{i}</b> &amp; more: <a href='/x'>read</a> the "
            f"<script>alert(1)</script><i>full</i> report.</p>]]></description>"
            if i % 3
            else f"<description>&lt;p&gt;Plain summary {i} with &lt;em&gt;escaped&lt;/em&gt; HTML.&lt;/p&gt;</description>"
        )
        items.append(
            f'<item><title>{HEADLINES[i % len(HEADLINES)]}</title>{link}{summary}{date}<guid isPermaLink="false">urn:ledger:item-{i}</guid></item>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>The Coastal Ledger: News</title>'
        "<link>/news/</link><description>Local news</description>" + "".join(items) + "</channel></rss>"
    ).encode()


def atom_feed() -> bytes:
    return b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="/culture/">
  <title>Ledger Culture</title>
  <id>urn:ledger:culture</id>
  <updated>2026-02-11T14:00:00Z</updated>
  <entry>
    <title type="html">Museum returns bronze statues to &lt;i&gt;Benin City&lt;/i&gt;</title>
    <link rel="alternate" href="amp.html"/>
    <id>urn:ledger:culture:1</id>
    <updated>2026-02-11T14:00:00Z</updated>
    <source><title>Ledger Wire</title></source>
    <summary type="html">&lt;p&gt;Twelve statues go home.&lt;/p&gt;</summary>
  </entry>
  <entry>
    <title>Opera season opens</title>
    <link rel="alternate" href="/culture/opera.html"/>
    <id>urn:ledger:culture:2</id>
    <summary>No date on this one.</summary>
  </entry>
</feed>"""


@dataclass
class Route:
    status: int = 200
    body: bytes | Callable[[], bytes] = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0  # seconds before the answer starts
    etag: str | None = None
    last_modified: str | None = None
    stream: int = 0  # send this many bytes of filler without a length, in chunks


def default_routes() -> dict[str, Route]:
    page = (DATA / "article.html").read_bytes()
    routes = {
        "/article.html": Route(body=page, etag='"v1"', last_modified="Wed, 04 Mar 2026 09:30:00 GMT"),
        "/amp.html": Route(body=(DATA / "amp.html").read_bytes()),
        "/culture/amp.html": Route(body=(DATA / "amp.html").read_bytes()),
        "/paywall.html": Route(body=(DATA / "script_only.html").read_bytes()),
        "/feed.rss": Route(body=rss_feed(), content_type="application/rss+xml", etag='"feed-1"'),
        "/feed-as-html": Route(body=rss_feed(3), content_type="text/html"),
        "/atom.xml": Route(body=atom_feed(), content_type="application/atom+xml"),
        "/broken-feed.xml": Route(body=b"<?xml version='1.0'?><note><to>nobody</to></note>", content_type="application/xml"),
        "/image.png": Route(body=b"\x89PNG\r\n\x1a\n" + bytes(200), content_type="image/png"),
        "/forbidden": Route(status=403, body=b"<h1>Forbidden</h1>"),
        "/missing": Route(status=404, body=b"<h1>Not found</h1>"),
        "/broken": Route(status=500, body=b"<h1>Oops</h1>"),
        "/unavailable": Route(status=503, body=b"<h1>Down</h1>"),
        "/slow": Route(body=page, delay=30.0),
        "/huge": Route(stream=50 * 1000 * 1000),
        "/huge-declared": Route(body=b"x", headers=(("Content-Length", str(50 * 1000 * 1000)),)),
        "/loop-a": Route(status=302, headers=(("Location", "/loop-b"),)),
        "/loop-b": Route(status=302, headers=(("Location", "/loop-a"),)),
        "/to-file": Route(status=301, headers=(("Location", "file:///etc/passwd"),)),
        "/moved": Route(status=301, headers=(("Location", "/article.html"),)),
    }
    for i in range(20):  # feed items: every one resolves to the article page
        routes[f"/news/item-{i}.html"] = Route(
            body=page.replace(b"Harbour city votes", f"Story {i}: harbour city votes".encode())
        )
    for i in range(10):  # an endless chain: each hop a new address
        routes[f"/chain-{i}"] = Route(status=302, headers=(("Location", f"/chain-{i + 1}"),))
    return routes


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A client that hangs up mid-request (the reader's timeouts and size limits do it on
        purpose) is expected; anything else is still printed."""
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class NewsSite:
    def __init__(self) -> None:
        self.routes = default_routes()
        self.requests: list[tuple[str, dict[str, str]]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                site.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = site.routes.get(self.path.split("?")[0])
                if route is None:
                    route = Route(status=404, body=b"<h1>Not found</h1>")
                if route.delay:
                    time.sleep(route.delay)
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                try:
                    if route.stream:
                        self._stream(route)
                    else:
                        self._send(route)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _send(self, route: Route) -> None:
                body = route.body() if callable(route.body) else route.body
                self.send_response(route.status)
                if route.content_type:
                    self.send_header("Content-Type", route.content_type)
                names = {k.lower() for k, _ in route.headers}
                if "content-length" not in names:
                    self.send_header("Content-Length", str(len(body)))
                for key, value in route.headers:
                    self.send_header(key, value)
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                self.end_headers()
                self.wfile.write(body)

            def _stream(self, route: Route) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Connection", "close")
                self.end_headers()
                chunk = b"<p>" + b"filler " * 9000 + b"</p>\n"
                sent = 0
                while sent < route.stream:
                    self.wfile.write(chunk)
                    sent += len(chunk)
                self.close_connection = True

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, name="news-site", daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def paths(self) -> list[str]:
        return [p for p, _ in self.requests]

    def __enter__(self) -> NewsSite:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def free_port() -> int:
    """A port with nothing listening on it (for 'connection refused')."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

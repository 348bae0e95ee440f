"""One HTTP GET with limits, through httpx.

httpx rather than trafilatura's own fetcher: we need to see every redirect (to refuse `file:`
and other schemes, count hops and spot loops), stream the body against a byte cap, stop on a
wall-clock deadline and on the user's esc, and send conditional headers on refresh; httpx
exposes each of these, trafilatura's fetcher hides them behind one call.
"""

from __future__ import annotations

import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from ..sources import SCHEMES
from ..sources import is_url as is_url  # where it lived: tests and callers import it from here
from .errors import FetchCancelled, FetchError
from .limits import ACCEPT, DEFAULT_LIMITS, USER_AGENT, FetchLimits

if TYPE_CHECKING:
    import httpx

_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True, slots=True)
class Validators:
    """What the server said about its copy, sent back on refresh for a conditional GET."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        out = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # as asked for
    final_url: str  # after redirects: relative links resolve against this
    status: int
    content_type: str  # media type only, lower case: "text/html"
    charset: str | None
    body: bytes
    validators: Validators
    not_modified: bool = False  # 304: the caller's copy is current, `body` is empty


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        raise FetchError(url, f"only http and https addresses are fetched, not {parts.scheme or 'this'}:")
    if not parts.hostname:
        raise FetchError(url, "no host name in this address")


def fetch(
    url: str,
    limits: FetchLimits = DEFAULT_LIMITS,
    *,
    validators: Validators | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Fetched:
    """GET `url`, following at most `limits.max_redirects` http(s) redirects.

    Raises `FetchError` with one readable line for every failure and `FetchCancelled` when
    `should_stop()` turns true (checked between redirects and body chunks).
    """
    check_url(url)
    import httpx  # ~0.1 s: only when something is fetched, not on every start of the reader

    deadline = time.monotonic() + limits.total_timeout
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT, **(validators.headers() if validators else {})}
    seen = {url}
    current = url
    with httpx.Client(headers=headers, follow_redirects=False, verify=tls_context(), trust_env=True) as client:
        for _hop in range(limits.max_redirects + 1):
            _stop_if_asked(should_stop)
            remaining = _remaining(url, deadline, limits)
            timeout = httpx.Timeout(remaining, connect=min(limits.connect_timeout, remaining))
            try:
                with client.stream("GET", current, timeout=timeout) as response:
                    if response.status_code in _REDIRECTS and "location" in response.headers:
                        current = _next_hop(url, current, response.headers["location"], seen)
                        continue
                    return _finish(url, current, response, limits, deadline, should_stop)
            except httpx.TimeoutException:
                raise FetchError(url, _timed_out(limits), network=True) from None
            except httpx.HTTPError as exc:
                raise FetchError(url, _network_reason(current, exc), network=True) from None
        raise FetchError(url, f"too many redirects (more than {limits.max_redirects})")


@lru_cache(maxsize=1)
def tls_context() -> ssl.SSLContext:
    """Certificate checks on, with certifi's CA list (what httpx uses by default); built once,
    because loading the CA list costs ~50 ms and every fetch would pay it again."""
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


def _next_hop(url: str, current: str, location: str, seen: set[str]) -> str:
    target = urljoin(current, location.strip())
    scheme = urlsplit(target).scheme.lower()
    if scheme not in SCHEMES:
        raise FetchError(url, f"redirect to a {scheme or 'schemeless'}: address refused (only http and https are fetched)")
    if target in seen:
        raise FetchError(url, "redirect loop: the site sends the request round in a circle")
    seen.add(target)
    return target


def _finish(
    url: str,
    final_url: str,
    response: httpx.Response,
    limits: FetchLimits,
    deadline: float,
    should_stop: Callable[[], bool] | None,
) -> Fetched:
    validators = Validators(response.headers.get("etag"), response.headers.get("last-modified"))
    media, charset = _content_type(response.headers.get("content-type", ""))
    if response.status_code == 304:
        return Fetched(url, final_url, 304, media, charset, b"", validators, not_modified=True)
    if response.status_code >= 400:
        raise FetchError(url, _status_reason(response))
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchError(url, _too_large(limits, int(declared)))
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():  # decoded (gzip/deflate): the cap also stops bombs
        size += len(chunk)
        if size > limits.max_bytes:
            raise FetchError(url, _too_large(limits))
        chunks.append(chunk)
        _stop_if_asked(should_stop)
        if time.monotonic() > deadline:
            raise FetchError(url, _timed_out(limits), network=True)
    return Fetched(url, final_url, response.status_code, media, charset, b"".join(chunks), validators)


def _stop_if_asked(should_stop: Callable[[], bool] | None) -> None:
    if should_stop is not None and should_stop():
        raise FetchCancelled()


def _remaining(url: str, deadline: float, limits: FetchLimits) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(url, _timed_out(limits), network=True)
    return left


def _content_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media.strip().lower(), charset


def _timed_out(limits: FetchLimits) -> str:
    return f"timed out: no complete answer within {limits.total_timeout:g} s"


def _too_large(limits: FetchLimits, declared: int | None = None) -> str:
    size = f"{declared / 1_000_000:.0f} MB; " if declared is not None else ""
    return f"too large ({size}the limit is {limits.describe_size()})"


def _status_reason(response: httpx.Response) -> str:
    code = response.status_code
    phrase = response.reason_phrase or ""
    status = f"HTTP {code} {phrase}".strip()
    if code == 404 or code == 410:
        return f"{status}: no page at this address"
    if code in (401, 403):
        return f"{status}: the site refuses access (login or paywall?)"
    if code == 429:
        return f"{status}: the site asks to slow down; try again later"
    if code >= 500:
        return f"{status}: the site's server failed; try again later"
    return status


def _network_reason(url: str, exc: httpx.HTTPError) -> str:
    """Name what went wrong from the OS error under httpx's wrapper, not httpx's wording."""
    host = urlsplit(url).hostname or url
    port = urlsplit(url).port
    where = f"{host}:{port}" if port else host
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return f"cannot find the server {host} (DNS lookup failed)"
        if isinstance(cause, ConnectionRefusedError):
            return f"connection refused by {where} (nothing is listening there)"
        if isinstance(cause, ssl.SSLCertVerificationError):
            return f"TLS certificate of {host} could not be verified ({cause.verify_message})"
        if isinstance(cause, ssl.SSLError):
            return f"TLS handshake with {host} failed"
        if isinstance(cause, ConnectionResetError):
            return f"connection reset by {where}"
        cause = cause.__cause__ or cause.__context__
    import httpx

    text = str(exc).lower()
    if "name or service not known" in text or "nodename nor servname" in text or "temporary failure in name resolution" in text:
        return f"cannot find the server {host} (DNS lookup failed)"
    if "connection refused" in text:
        return f"connection refused by {where} (nothing is listening there)"
    if "certificate" in text:
        return f"TLS certificate of {host} could not be verified"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"{where} broke off the answer (not a valid HTTP response)"
    return f"network error talking to {where}: {' '.join(str(exc).split()) or type(exc).__name__}"

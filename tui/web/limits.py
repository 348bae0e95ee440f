"""How far a fetch may go: decided once here and passed around as data.

The defaults follow the issue: connect 5 s, the whole fetch 20 s, at most 5 redirects, 10 MB of
body. `--fetch-timeout` changes the whole-fetch limit (tests use short ones).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import __version__

USER_AGENT = f"newsreader/{__version__} (terminal news reader; fetches one page per request)"
ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1"


@dataclass(frozen=True, slots=True)
class FetchLimits:
    connect_timeout: float = 5.0  # seconds to open the connection (DNS, TCP, TLS)
    total_timeout: float = 20.0  # seconds for the whole fetch, redirects and body included
    max_redirects: int = 5
    max_bytes: int = 10 * 1000 * 1000  # decoded body; read in a stream, never trusted from headers

    def describe_size(self) -> str:
        return f"{self.max_bytes / 1_000_000:g} MB"


DEFAULT_LIMITS = FetchLimits()

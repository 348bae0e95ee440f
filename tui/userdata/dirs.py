"""Where the user's data lives: the XDG directories through platformdirs, so `XDG_DATA_HOME`,
`XDG_STATE_HOME` and `XDG_CONFIG_HOME` are honoured (tests point them at temporary dirs)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..model import Article

APP = "newsreader"


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP, appauthor=False))


def state_dir() -> Path:
    from platformdirs import user_state_dir

    return Path(user_state_dir(APP, appauthor=False))


def text_hash(article: Article) -> str:
    """The key of everything stored per article: the same text is the same article, wherever
    the file lives; a changed text is a new article."""
    return hashlib.sha256(article.text.encode("utf-8", errors="surrogatepass")).hexdigest()

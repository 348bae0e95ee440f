"""The feeds the user lists in config.toml (`feeds = ["https://…", …]`), for `newsreader --feeds`.

The config file itself belongs to `tui.userdata.config`; its warnings are reported by the reader.
"""

from __future__ import annotations


def configured_feeds() -> list[str]:
    from ..userdata.config import load_config

    return list(load_config().feeds)

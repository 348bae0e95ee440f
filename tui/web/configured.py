"""The feeds the user lists in config.toml (`feeds = ["https://…", …]`), for `newsreader --feeds`.

The config file and its reader belong to `tui.userdata.config` (another branch). Until that module
is present this returns an empty list; it is the one place that needs to change when it lands.
"""

from __future__ import annotations

from typing import Any


def configured_feeds() -> list[str]:
    try:
        from ..userdata import config  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return []
    loader = getattr(config, "load_config", None) or getattr(config, "load", None)
    if loader is None:
        return []
    settings: Any = loader()
    feeds = settings.get("feeds") if isinstance(settings, dict) else getattr(settings, "feeds", None)
    return [str(f) for f in feeds or [] if isinstance(f, str)]

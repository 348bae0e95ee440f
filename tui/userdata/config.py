"""The user's settings: `$XDG_CONFIG_HOME/newsreader/config.toml`, read with `tomllib`.

    theme = "nord"                 # any theme `--theme` takes
    ascii = false                  # draw with ASCII only
    sidebar_width = 40             # columns, 20-80
    feeds = ["https://example.org/rss.xml"]   # for `newsreader --feeds`
    [layers]                       # which highlights are on when an article opens
    places = false
    [keymap]                       # binding id = key(s), as in the help screen's ids
    "app.quotes" = "ctrl+q"

A malformed file gives one warning naming the file and line, and everything stays default; an
unknown key or a value of the wrong type gives one warning naming its line, and only that key
stays default. Never an exception: the reader always starts. Command-line options win.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_BYTES = 64_000
LAYERS = ("people", "places", "organizations", "quotes")
KEYS = ("theme", "ascii", "sidebar_width", "feeds", "layers", "keymap")
_KEY_STRING = re.compile(r"^[A-Za-z0-9_+\-,]+$")


def config_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("newsreader", appauthor=False)) / "config.toml"


@dataclass
class Config:
    theme: str | None = None
    ascii: bool = False
    sidebar_width: int | None = None
    feeds: list[str] = field(default_factory=list)
    layers: dict[str, bool] = field(default_factory=lambda: {layer: True for layer in LAYERS})
    keymap: dict[str, str] = field(default_factory=dict)
    path: Path | None = None
    warnings: list[str] = field(default_factory=list)

    def to_toml(self, defaults: dict[str, str] | None = None) -> str:
        """The effective settings, as a config file that says the same; every other binding id
        (`defaults`: id -> default keys) is listed as a comment, ready to uncomment."""

        def value(v: Any) -> str:
            if isinstance(v, bool):
                return "true" if v else "false"
            if isinstance(v, int):
                return str(v)
            if isinstance(v, list):
                return "[" + ", ".join(value(x) for x in v) + "]"
            return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'

        lines = [f"# {self.path}" if self.path else "# defaults"]
        lines.append(f"theme = {value(self.theme)}" if self.theme else '# theme = "textual-dark"  (the default)')
        lines.append(f"ascii = {value(self.ascii)}")
        lines.append(f"sidebar_width = {self.sidebar_width}" if self.sidebar_width else "# sidebar_width = 36  (the default)")
        lines.append(f"feeds = {value(self.feeds)}")
        lines += ["", "[layers]"] + [f"{k} = {value(v)}" for k, v in self.layers.items()]
        lines += ["", "[keymap]"] + [f"{value(k)} = {value(v)}" for k, v in self.keymap.items()]
        lines += [f"# {value(k)} = {value(v)}" for k, v in (defaults or {}).items() if k not in self.keymap]
        return "\n".join(lines) + "\n"


def _line_of(text: str, key: str, table: str | None = None) -> int:
    """The line where `key` is set (inside `[table]` when given); 1 when it cannot be told."""
    in_table = table is None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_table = table is not None and stripped.strip("[] ") == table
            if table is None:
                in_table = False
            continue
        if in_table and re.match(rf'^\s*"?{re.escape(key)}"?\s*=', line):
            return number
    return 1


def load_config(path: Path | None = None, binding_ids: Iterable[str] | None = None) -> Config:
    """The settings from `path` (default: the XDG config file); problems are in `.warnings`."""
    path = path or config_path()
    config = Config(path=path)
    try:
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            config.warnings.append(f"{path}: line 1: {size} bytes, more than {MAX_BYTES}; using defaults")
            return config
        raw = path.read_bytes()
    except FileNotFoundError:
        return config
    except OSError as exc:
        config.warnings.append(f"{path}: line 1: cannot read ({exc.strerror or exc}); using defaults")
        return config
    import tomllib  # only when there is a file: 3 ms of every start-up otherwise

    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        config.warnings.append(f"{path}: line 1: not UTF-8; using defaults")
        return config
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+)", str(exc))
        reason = re.sub(r"\s*\(at [^)]*\)", "", str(exc))
        config.warnings.append(f"{path}: line {where.group(1) if where else 1}: not valid TOML ({reason}); using defaults")
        return config
    known_ids = set(binding_ids) if binding_ids is not None else None

    def warn(key: str, why: str, table: str | None = None) -> None:
        name = f"{table}.{key}" if table else key
        config.warnings.append(f"{path}: line {_line_of(text, key, table)}: {name}: {why}; ignored")

    for key, value in data.items():
        if key not in KEYS:
            warn(key, f"unknown setting (known: {', '.join(KEYS)})")
        elif key == "theme":
            if isinstance(value, str) and 0 < len(value) <= 100:
                config.theme = value
            else:
                warn(key, "must be a theme name")
        elif key == "ascii":
            if isinstance(value, bool):
                config.ascii = value
            else:
                warn(key, "must be true or false")
        elif key == "sidebar_width":
            if isinstance(value, int) and not isinstance(value, bool) and 20 <= value <= 80:
                config.sidebar_width = value
            else:
                warn(key, "must be a number of columns from 20 to 80")
        elif key == "feeds":
            if isinstance(value, list) and all(isinstance(u, str) and u.startswith(("http://", "https://")) for u in value):
                config.feeds = list(value)
            else:
                warn(key, 'must be a list of http(s) addresses: feeds = ["https://..."]')
        elif key == "layers":
            if not isinstance(value, dict):
                warn(key, "must be a table: [layers]")
                continue
            for layer, on in value.items():
                if layer not in LAYERS:
                    warn(layer, f"unknown layer (known: {', '.join(LAYERS)})", "layers")
                elif not isinstance(on, bool):
                    warn(layer, "must be true or false", "layers")
                else:
                    config.layers[layer] = on
        elif key == "keymap":
            if not isinstance(value, dict):
                warn(key, "must be a table: [keymap]")
                continue
            for binding_id, keys in value.items():
                if known_ids is not None and binding_id not in known_ids:
                    warn(binding_id, "no such binding id (the ids are listed in the README)", "keymap")
                elif not isinstance(keys, str) or not _KEY_STRING.match(keys):
                    warn(binding_id, 'must be key names: "ctrl+q" or "x,ctrl+x"', "keymap")
                else:
                    config.keymap[binding_id] = keys
    return config

"""Where the reader was in each article: `<state dir>/reading/<text hash>.json` (XDG state dir).

Scroll position, the selected list entry (and which of its mentions was current) and the
highlight layers, so reopening an article continues where it was left. Small, validated and
bounded like every file newsreader reads back; a damaged one is moved aside with a warning and
the article opens at the top. `--fresh` ignores (and then overwrites) what is stored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Article
from ..paths import write_atomically
from ..safe_json import StoredFileError, move_aside, read_json
from .dirs import state_dir, text_hash

VERSION = 1
MAX_BYTES = 64_000
LAYER_NAMES = ("people", "places", "organizations", "quotes")


@dataclass
class ReadingState:
    scroll_y: float = 0.0
    selection: str | None = None  # a list entry's option id: "speaker:person-3", "entity:place-2"
    step: int = 0  # which of its mentions or quotes was current
    layers: dict[str, bool] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": VERSION,
            "scroll_y": self.scroll_y,
            "selection": self.selection,
            "step": self.step,
            "layers": self.layers,
        }


def _path(article: Article, directory: Path | None) -> Path:
    return (directory or state_dir() / "reading") / f"{text_hash(article)}.json"


def _valid(data: Any) -> ReadingState:
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise StoredFileError("not a reading-state file of this version")
    scroll, selection, step, layers = data.get("scroll_y"), data.get("selection"), data.get("step"), data.get("layers")
    if not isinstance(scroll, (int, float)) or isinstance(scroll, bool) or not 0 <= scroll < 10_000_000:
        raise StoredFileError("scroll_y is not a position")
    if selection is not None and (not isinstance(selection, str) or len(selection) > 200):
        raise StoredFileError("selection is not an entry id")
    if not isinstance(step, int) or isinstance(step, bool) or not 0 <= step < 1_000_000:
        raise StoredFileError("step is not a count")
    if not isinstance(layers, dict) or not all(k in LAYER_NAMES and isinstance(v, bool) for k, v in layers.items()):
        raise StoredFileError("layers are not on/off switches of known layers")
    return ReadingState(float(scroll), selection, step, dict(layers))


def load_state(article: Article, directory: Path | None = None) -> tuple[ReadingState | None, list[str]]:
    """The stored state (None when there is none) and a warning line if the file was damaged."""
    path = _path(article, directory)
    try:
        return _valid(read_json(path, max_bytes=MAX_BYTES)), []
    except FileNotFoundError:
        return None, []
    except OSError as exc:
        return None, [f"reading state not read: {path}: {exc.strerror or exc}"]
    except StoredFileError as exc:
        moved = move_aside(path)
        return None, [f"reading state ignored: {path}: {exc}" + (f"; moved to {moved}" if moved else "")]


def save_state(article: Article, state: ReadingState, directory: Path | None = None) -> bool:
    return write_atomically(_path(article, directory), json.dumps(state.to_dict()) + "\n")

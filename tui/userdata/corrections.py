"""Corrections as data, and their file: `<data dir>/corrections/<text hash>.json`.

A correction names its target by offsets into the article's text, which the text hash keeps
stable: a quote by its span, an entity by the span of one of its mentions (its anchor). Names
would drift when the engine improves; offsets into the same text do not. The file is small,
indented JSON a person can read:

    {"version": 1, "source": "seeds/000_....txt", "title": "...",
     "corrections": [{"op": "speaker", "quote": [1117, 1192], "name": "Marco Rubio"}, ...]}

Reading goes through `safe_json` (size and depth caps) and every entry is validated; a file that
fails is moved aside (`.bad`) with a warning and the article opens uncorrected.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Article, EntityKind
from ..paths import write_atomically
from ..safe_json import StoredFileError, move_aside, read_json
from ..safe_text import escape_json
from .dirs import data_dir, text_hash

VERSION = 1
MAX_BYTES = 1_000_000
MAX_CORRECTIONS = 5_000
MAX_NAME = 200

# op -> the fields it carries besides "op" (each a span, a list of spans, or a string)
OPS = {
    "speaker": ("quote", "name"),  # credit the quote to this speaker (a listed name or a typed one)
    "not_quote": ("quote",),  # the marks do not enclose a quote
    "kind": ("entity", "kind"),  # person / place / organization
    "merge": ("entity", "other"),  # `other` (and its mentions) becomes part of `entity`
    "split": ("entity", "mentions"),  # these mentions are someone else: a new entity
    "rename": ("entity", "name"),
}

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Correction:
    op: str
    quote: Span | None = None
    entity: Span | None = None
    other: Span | None = None
    mentions: tuple[Span, ...] = ()
    name: str = ""
    kind: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"op": self.op}
        for key in OPS[self.op]:
            value = getattr(self, key)
            out[key] = [list(s) for s in value] if key == "mentions" else (list(value) if isinstance(value, tuple) else value)
        return out


class CorrectionError(ValueError):
    """An entry that is not a correction (wrong op, field, type or range)."""


def _span(value: Any, limit: int) -> Span:
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        and 0 <= value[0] < value[1] <= limit
    ):
        return (value[0], value[1])
    raise CorrectionError(f"not a span inside the text: {str(value)[:40]}")


def _text(value: Any) -> str:
    if isinstance(value, str) and value.strip() and len(value) <= MAX_NAME:
        return " ".join(value.split())
    raise CorrectionError("a name must be a non-empty string")


def parse(entry: Any, text_length: int) -> Correction:
    if not isinstance(entry, dict) or entry.get("op") not in OPS:
        raise CorrectionError("an entry without a known 'op'")
    op = entry["op"]
    if set(entry) != {"op", *OPS[op]}:
        raise CorrectionError(f"'{op}' takes exactly: {', '.join(OPS[op])}")
    fields: dict[str, Any] = {}
    for key in OPS[op]:
        value = entry[key]
        if key in ("quote", "entity", "other"):
            fields[key] = _span(value, text_length)
        elif key == "mentions":
            if not isinstance(value, list) or not value:
                raise CorrectionError("'mentions' must be a list of spans")
            fields[key] = tuple(_span(v, text_length) for v in value)
        elif key == "kind":
            if value not in {k.value for k in EntityKind}:
                raise CorrectionError(f"unknown kind {str(value)[:20]!r}")
            fields[key] = value
        else:
            fields[key] = _text(value)
    return Correction(op, **fields)


@dataclass
class Store:
    """The corrections of one article, in the order they were made (undo pops the last)."""

    article: Article
    corrections: list[Correction] = field(default_factory=list)
    path: Path | None = None
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, article: Article, directory: Path | None = None) -> Store:
        path = (directory or data_dir() / "corrections") / f"{text_hash(article)}.json"
        store = cls(article, path=path)
        try:
            data = read_json(path, max_bytes=MAX_BYTES)
            if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("corrections"), list):
                raise StoredFileError("not a corrections file of this version")
            if len(data["corrections"]) > MAX_CORRECTIONS:
                raise StoredFileError(f"more than {MAX_CORRECTIONS} corrections")
            store.corrections = [parse(entry, len(article.text)) for entry in data["corrections"]]
        except FileNotFoundError:
            pass
        except OSError as exc:
            store.warnings.append(f"corrections not read: {path}: {exc.strerror or exc}")
        except (StoredFileError, CorrectionError) as exc:
            moved = move_aside(path)
            where = f"; moved to {moved}" if moved else ""
            store.warnings.append(f"corrections file ignored: {path}: {exc}{where}")
        return store

    def save(self) -> bool:
        """Write the file (or remove it when nothing is left); False when it cannot be written."""
        assert self.path is not None
        if not self.corrections:
            try:
                self.path.unlink()
            except FileNotFoundError:
                pass
            except OSError:
                return False
            return True
        payload = {
            "version": VERSION,
            "source": self.article.source,
            "title": self.article.title,
            "corrections": [c.to_dict() for c in self.corrections],
        }
        # Readable (accents kept) but always encodable: a file name that was not UTF-8 carries lone
        # surrogates, which escape_json writes as \uXXXX (line by line: indentation is not data).
        lines = json.dumps(payload, ensure_ascii=False, indent=1).split("\n")
        return write_atomically(self.path, "\n".join(escape_json(line) for line in lines) + "\n")

    def add(self, correction: Correction) -> bool:
        self.corrections.append(correction)
        return self.save()

    def undo(self) -> Correction | None:
        if not self.corrections:
            return None
        last = self.corrections.pop()
        self.save()
        return last

"""`c`: correcting the machine, one small dialog at a time.

On a quote: credit it to someone else (a listed person or organisation, or a typed name) or mark
it not a quote. On a list entry: change its kind, rename it, merge another entity into it, or
split off the mentions written one way. Every path ends in one `Correction` handed to `done`;
storing and applying it is `tui.userdata`'s business.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import Analysis, Entity, EntityKind, Quote
from ..userdata.corrections import Correction
from .dialogs import ChoiceScreen, PromptScreen

Done = Callable[[Correction], None]
TYPED = "\x00typed"  # the "type a name" option; no name can be this


def _short(text: str, width: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def anchor(entity: Entity) -> tuple[int, int]:
    """How a correction names an entity: the span of its first mention."""
    first = min(entity.mentions, key=lambda m: m.start)
    return (first.start, first.end)


def speaker_choices(analysis: Analysis, quote: Quote) -> list[tuple[str, str]]:
    """Who could have said it: the speakers, then the other people and organisations."""
    names: dict[str, str] = {}
    for s in sorted(analysis.speakers, key=lambda s: -s.quote_count):
        if s.id != quote.speaker_id:
            names.setdefault(s.name.casefold(), s.name)
    for e in sorted(analysis.entities, key=lambda e: -len(e.mentions)):
        if e.kind is not EntityKind.PLACE:
            names.setdefault(e.name.casefold(), e.name)
    return [(name, name) for name in names.values()] + [(TYPED, "Type a name…")]


def start_quote_correction(app: Any, analysis: Analysis, quote: Quote, done: Done) -> None:
    span = (quote.start, quote.end)

    def typed(name: str | None) -> None:
        if name:
            done(Correction("speaker", quote=span, name=name))

    def picked(key: str | None) -> None:
        if key == TYPED:
            app.push_screen(PromptScreen("Speaker's name", hint="enter saves, esc cancels"), typed)
        elif key:
            done(Correction("speaker", quote=span, name=key))

    def chosen(key: str | None) -> None:
        if key == "not_quote":
            done(Correction("not_quote", quote=span))
        elif key == "speaker":
            app.push_screen(ChoiceScreen(f"Who said “{_short(quote.text)}”?", speaker_choices(analysis, quote)), picked)

    speaker = analysis.speaker(quote.speaker_id) if quote.speaker_id else None
    now = speaker.name if speaker else "nobody"
    options = [("speaker", f"Credit it to someone else (now: {_short(now, 30)})…"), ("not_quote", "Not a quote")]
    app.push_screen(ChoiceScreen(f"Correct the quote “{_short(quote.text)}”", options), chosen)


def start_entity_correction(app: Any, analysis: Analysis, entity: Entity, done: Done) -> None:
    here = anchor(entity)
    forms: dict[str, list[tuple[int, int]]] = {}
    for m in entity.mentions:
        forms.setdefault(" ".join(m.text.split()), []).append((m.start, m.end))

    def kind(key: str | None) -> None:
        if key:
            done(Correction("kind", entity=here, kind=key))

    def rename(name: str | None) -> None:
        if name and name != entity.name:
            done(Correction("rename", entity=here, name=name))

    def merge(key: str | None) -> None:
        other = analysis.entity(key) if key else None
        if other is not None:
            done(Correction("merge", entity=here, other=anchor(other)))

    def split(key: str | None) -> None:
        if key in forms:
            done(Correction("split", entity=here, mentions=tuple(forms[key])))

    def chosen(key: str | None) -> None:
        if key == "kind":
            others = [(k.value, k.value) for k in EntityKind if k is not entity.kind]
            app.push_screen(ChoiceScreen(f"{_short(entity.name)} is a…", others), kind)
        elif key == "rename":
            app.push_screen(PromptScreen(f"Rename {_short(entity.name)}", entity.name, "enter saves, esc cancels"), rename)
        elif key == "merge":
            candidates = sorted(
                (e for e in analysis.entities if e.id != entity.id),
                key=lambda e: (e.kind is not entity.kind, -len(e.mentions), e.name.casefold()),
            )
            options = [(e.id, f"{e.name} ({e.kind.value}, {len(e.mentions)})") for e in candidates]
            app.push_screen(ChoiceScreen(f"Merge into {_short(entity.name)}: the same one as…", options), merge)
        elif key == "split":
            options = [(form, f"“{form}” ({len(spans)} mentions)") for form, spans in forms.items()]
            app.push_screen(ChoiceScreen(f"Split from {_short(entity.name)} the mentions written as…", options), split)

    options = [
        ("kind", f"Change kind (now {entity.kind.value})…"),
        ("rename", "Rename…"),
        ("merge", "Merge with another entry…"),
    ]
    if len(forms) > 1:
        options.append(("split", "Split off the mentions written one way…"))
    app.push_screen(ChoiceScreen(f"Correct {_short(entity.name)}", options), chosen)

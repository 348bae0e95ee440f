"""Fitting the status line's parts into its width by priority (pure: no widgets, no terminal).

The parts of a status line are not equal: the speaker's name and the position ("quote 2/6")
must never be cut, a quote's excerpt is only a reminder and shrinks first, a key hint goes
before anything else. Each part says how it may give way; `fit` applies that, lowest priority
first, so the decision lives in data rather than in string slicing at each call site.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rich.cells import cell_len

from ..model import Quote


@dataclass(frozen=True, slots=True)
class Part:
    text: str
    style: str = ""  # a Rich style name for the part ("bold", "italic", "dim")
    keep: bool = False  # never cut nor dropped
    priority: int = 0  # among the others: the lowest gives way first
    shrink_to: int = 0  # cells it may shrink to (with an ellipsis) before it is dropped; 0: drop whole
    lead: str = ""  # the separator before it, which goes with it

    @property
    def width(self) -> int:
        return cell_len(self.lead) + cell_len(self.text)


def _shrink(text: str, cells: int, ellipsis: str) -> str:
    out, used = [], cell_len(ellipsis)
    for ch in text:
        w = cell_len(ch)
        if used + w > cells:
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip() + ellipsis


def fit(parts: list[Part], width: int, ellipsis: str = "…") -> list[Part]:
    """The parts that fit in `width` cells, some shrunk, in their original order. Kept parts are
    returned whole even when they alone overflow (the widget then crops at the edge)."""
    shown: list[Part | None] = list(parts)
    order = sorted((i for i, p in enumerate(parts) if not p.keep), key=lambda i: parts[i].priority)

    # Lowest priority first, each part gives way completely (shrinks to its minimum, then goes)
    # before the next one is touched: the excerpt goes before the reason is cut.
    for i in order:
        part = shown[i]
        over = sum(p.width for p in shown if p) - width
        if over <= 0:
            break
        assert part is not None
        cells = cell_len(part.text)
        if part.shrink_to and cells - over >= part.shrink_to:
            shown[i] = replace(part, text=_shrink(part.text, cells - over, ellipsis))
        else:
            shown[i] = None
    # The first part shown carries no separator before it.
    result = [p for p in shown if p]
    if result and result[0].lead:
        result[0] = replace(result[0], lead="")
    return result


def why(quote: Quote) -> str:
    """What an attribution rests on, in one line: the resolver's explanation, else its cue."""
    if quote.attribution is not None:
        return quote.attribution.explanation or quote.attribution.rule
    return f"cue '{quote.cue}'" if quote.cue else ""


def quote_parts(quote: Quote, speaker: str | None, *, ascii_only: bool = False) -> list[Part]:
    """The quote in view: excerpt (shrinks first), speaker (never cut), why (shrinks), key hint."""
    opening, closing, dash, dot = ('"', '"', " - ", " - ") if ascii_only else ("“", "”", " — ", " · ")
    parts = [
        Part(f"{opening}{' '.join(quote.text.split())}{closing}", "italic", priority=1, shrink_to=10, lead="  "),
        Part(speaker or "unattributed", "bold" if speaker else "italic", keep=True, lead=dash),
    ]
    reason = why(quote)
    if reason:
        parts.append(Part(reason, "italic", priority=2, shrink_to=16, lead=dot))
    if speaker:
        parts.append(Part("(w: go to speaker)", "dim", priority=0, lead="  "))
    return parts

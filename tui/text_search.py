"""Case-insensitive literal search over one long text, cheap enough for every keystroke.

A regular expression with IGNORECASE cannot use the fast literal scan: on 2 MB it took 135 ms
per keystroke even with no match. Instead the text is case-folded once, one character for one
character so every offset stays exact, and matching is `str.find` on that copy. The work is cut
into slices so a caller can show the matches near the view at once and take the rest of the text
a slice at a time between keys; when the query grows by typing, the new matches are looked for
among the previous ones only. No UI imports: the reader and tests drive it alike.

A match is defined on the folded copy: the leftmost, non-overlapping occurrences of the folded
query, left to right (what `re.finditer` gives on that copy).
"""

from __future__ import annotations

from bisect import bisect_left

Span = tuple[int, int]

MAX_MATCHES = 100_000  # more is noise to a reader; the count says "100000+"
SLICE_CHARS = 50_000  # text scanned per slice: a one-letter query finds ~5,000 matches in it
SLICE_CANDIDATES = 20_000  # previous matches re-checked per slice when the query grows


def fold(text: str) -> str:
    """Lower-case copy of `text` with the same length, so offsets into it are offsets into `text`.

    The few characters whose lower case is longer (the dotted capital I becomes "i" plus a
    combining dot) fold to the first character of it."""
    low = text.lower()
    if len(low) == len(text):  # lower() never shortens, so equal length means one for one
        return low
    wide = {ord(c): c.lower()[0] for c in set(text) if len(c.lower()) != 1}
    return text.translate(wide).lower()


def _overlaps_itself(needle: str) -> bool:
    """True when two occurrences of `needle` can overlap ("aa", "abab"): then a list of
    non-overlapping matches misses some occurrences and cannot be narrowed."""
    return any(needle.startswith(needle[-k:]) for k in range(1, len(needle)))


class Search:
    """The matches of one query in one folded text, found a slice at a time."""

    def __init__(
        self,
        folded: str,
        query: str,
        previous: Search | None = None,
        *,
        slice_chars: int = SLICE_CHARS,
        slice_candidates: int = SLICE_CANDIDATES,
    ) -> None:
        self.folded = folded
        self.slice_chars, self.slice_candidates = slice_chars, slice_candidates
        self.query = query
        self.needle = fold(query)
        self.matches: list[Span] = []
        self.starts: list[int] = []  # the matches' starts, for bisecting
        self.truncated = False
        self.done = False
        self._pos = 0  # next text offset to scan from, or next candidate index
        self._last_end = 0
        self._candidates: list[int] | None = None
        if (
            previous is not None
            and previous.done
            and not previous.truncated
            and previous.folded is folded
            and previous.needle
            and self.needle.startswith(previous.needle)
            and not _overlaps_itself(previous.needle)
        ):
            self._candidates = previous.starts  # every occurrence of the shorter query
        self.done = not self.needle

    @property
    def count(self) -> int:
        return len(self.matches)

    def _add(self, start: int) -> bool:
        end = start + len(self.needle)
        self.matches.append((start, end))
        self.starts.append(start)
        self._last_end = end
        if len(self.matches) >= MAX_MATCHES:
            self.truncated = self.done = True
        return self.done

    def advance(self) -> bool:
        """Take one slice of the work; True once every match is known."""
        if self.done:
            return True
        needle, folded = self.needle, self.folded
        if self._candidates is not None:
            stop = min(len(self._candidates), self._pos + self.slice_candidates)
            for p in self._candidates[self._pos : stop]:
                if p >= self._last_end and folded.startswith(needle, p) and self._add(p):
                    return True
            self._pos = stop
            self.done = stop >= len(self._candidates)
            return self.done
        # Matches that start in [pos, limit) are this slice's, even if they end beyond it.
        limit = min(len(folded), self._pos + self.slice_chars)
        find, width = folded.find, len(needle)
        i = find(needle, self._pos, limit + width - 1)
        while i >= 0:
            if self._add(i):
                return True
            i = find(needle, i + width, limit + width - 1)
        self._pos = max(limit, self._last_end)
        self.done = self._pos >= len(folded)
        return self.done

    def finishes_within(self, chars: int, candidates: int) -> bool:
        """True when what is left is at most `chars` of text to scan, or `candidates` previous
        matches to re-check: small enough to finish before a frame rather than after it."""
        if self.done:
            return True
        if self._candidates is not None:
            return len(self._candidates) - self._pos <= min(candidates, self.slice_candidates)
        return len(self.folded) - self._pos <= min(chars, self.slice_chars)

    def run(self) -> Search:
        while not self.advance():
            pass
        return self

    def near(self, start: int, end: int) -> list[Span]:
        """Matches starting in [start, end), found directly for showing before the slices reach
        them. Exactly what the finished search will hold there, unless the query can overlap
        itself ("aa" in "aaaa") and a run of it crosses `start`."""
        if self._candidates is None and self._pos >= end:
            lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
            return self.matches[lo:hi]
        found: list[Span] = []
        needle, width = self.needle, len(self.needle)
        if not needle:
            return found
        i = self.folded.find(needle, max(0, start), end + width - 1)
        while i >= 0 and len(found) < MAX_MATCHES:
            found.append((i, i + width))
            i = self.folded.find(needle, i + width, end + width - 1)
        return found

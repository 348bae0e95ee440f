"""Collect a real-news text again on a new machine, from the stored page's excerpt.

The texts behind ``benchmarks/realnews/*.json`` stay outside the repository, so a new machine
starts without them. Each was made from a stored page's excerpt (the ``search`` tool, corpus
"pages", the manifest's ``query``; the result whose address is the manifest's ``url``) by putting
a blank line between paragraphs and dropping lines that are not the article's (menus, captions, a
last paragraph cut off mid-sentence). Save that excerpt as it came, line breaks and all, as
``~/realnews/BATCH/ID.raw``; this script tries the ways of dropping lines whose length fits the
manifest's, and writes ``ID.txt`` only when its sha256 is the manifest's::

    python benchmarks/realnews_restore.py b31            # every ID.raw of b31 without its ID.txt
    python benchmarks/realnews_restore.py b31 --status   # which texts are there, missing or raw only

A text that no dropping of whole lines reproduces is reported with how far the candidate nearest
in length agrees with the gold quotes' offsets (a hint where a line was edited by hand).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from realnews_eval import MANIFESTS, realnews_root, short_hash  # noqa: E402

_DATE_PREFIX = re.compile(r"^\s*date \d{4}-\d{2}(?:-\d{2})?\s+")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# How a collector may have kept a line's spaces: none, trailing only, leading only (an indented
# paragraph or bullet), both.
_KEEPS = (str.strip, str.lstrip, str.rstrip, lambda line: line)


def _lines(raw: str, keep: Callable[[str], str] = str.strip) -> list[str]:
    lines = raw.replace("\r\n", "\n").split("\n")
    return [keep(line) for line in lines if line.strip()]


def _render(lines: list[str]) -> str:
    return "\n\n".join(lines) + "\n"


def candidates(raw: str, headline: str) -> list[list[str]]:
    """The ways the collectors began from the excerpt: its lines stripped, or with trailing or
    leading spaces (an indent) kept, a leading "date YYYY-MM-DD" (or "date YYYY-MM") dropped, the
    manifest's headline put first (a headline taken from the page's address)."""
    out: list[list[str]] = []
    for keep in _KEEPS:
        for undated in (False, True):
            text = _DATE_PREFIX.sub("", raw, count=1) if undated else raw
            lines = _lines(text, keep)
            if undated and text == raw:
                continue
            out.append(lines)
            if headline and (not lines or lines[0].strip() != headline):
                out.append([headline, *lines])
    return out


def restore(raw: str, entry: dict[str, Any]) -> str | None:
    """The text whose sha256 is the manifest's, made by keeping some of the excerpt's lines, or
    None. The gold quotes' offsets and hashes steer the search: a kept line must hold, at the
    right place, every gold quote that starts within it."""
    for lines in candidates(raw, entry.get("headline", "")):
        text = _kept_lines(lines, entry)
        if text is not None:
            return text
    return None


def _kept_lines(lines: list[str], entry: dict[str, Any]) -> str | None:
    target = entry["length"]
    quotes = sorted(entry["quotes"], key=lambda q: q["start"])
    hopeless: set[tuple[int, int]] = set()
    kept: list[str] = []

    def fits(line: str, pos: int) -> bool:
        for q in quotes:
            if pos <= q["start"] < pos + len(line):
                if q["end"] > pos + len(line) or short_hash(line[q["start"] - pos : q["end"] - pos]) != q["hash"]:
                    return False
        return True

    def search(i: int, pos: int) -> tuple[str | None, bool]:
        """The text, and whether any way on from here had the right length (only a way with
        none is remembered as hopeless: the same way on may fail the sha256 after one prefix
        and pass it after another)."""
        if pos - 1 == target:  # the last line's "\n\n" is one "\n"
            text = _render(kept)
            return (text if _sha(text) == entry["sha256"] else None), True
        if i == len(lines) or pos > target + 1 or (i, pos) in hopeless:
            return None, False
        reached = False
        line = lines[i]
        if fits(line, pos):
            kept.append(line)
            found, reached = search(i + 1, pos + len(line) + 2)
            kept.pop()
            if found is not None:
                return found, True
        found, reached_too = search(i + 1, pos)
        if found is not None:
            return found, True
        if not (reached or reached_too):
            hopeless.add((i, pos))
        return None, reached or reached_too

    return search(0, 0)[0]


def quote_agreement(text: str, entry: dict[str, Any]) -> str:
    """How many gold quotes sit at their offsets in ``text``: where a hand edit may have been."""
    good = [q for q in entry["quotes"] if short_hash(text[q["start"] : q["end"]]) == q["hash"]]
    bad = [q["start"] for q in entry["quotes"] if q not in good]
    first_bad = f", first misplaced at offset {min(bad)}" if bad else ""
    return f"{len(good)}/{len(entry['quotes'])} quotes at their offsets{first_bad}"


def _manifest(batch: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((MANIFESTS / f"{batch}.json").read_text(encoding="utf-8"))
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("batches", nargs="+")
    parser.add_argument("--status", action="store_true", help="list what is there and what is missing")
    args = parser.parse_args(argv)
    missing = 0
    for batch in args.batches:
        folder = realnews_root() / batch
        for entry in _manifest(batch)["articles"]:
            txt, raw = folder / f"{entry['id']}.txt", folder / f"{entry['id']}.raw"
            if txt.exists() and _sha(txt.read_text(encoding="utf-8")) == entry["sha256"]:
                if args.status:
                    print(f"ok       {entry['id']}")
                continue
            if not raw.exists():
                missing += 1
                print(f"missing  {entry['id']}  url={entry['url']}  query={entry['query']!r}")
                continue
            if args.status:
                print(f"raw      {entry['id']}")
                continue
            text = restore(raw.read_text(encoding="utf-8"), entry)
            if text is None:
                missing += 1
                near = _render(candidates(raw.read_text(encoding="utf-8"), entry["headline"])[0])
                print(
                    f"no match {entry['id']}  ({len(near)} chars kept all, {entry['length']} wanted; "
                    f"{quote_agreement(near, entry)})"
                )
                continue
            txt.write_text(text, encoding="utf-8")
            print(f"restored {entry['id']}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())

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
import itertools
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from realnews_eval import MANIFESTS, realnews_root, short_hash  # noqa: E402

MAX_DROPPED = 6


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _lines(raw: str) -> list[str]:
    return [line.strip() for line in raw.replace("\r\n", "\n").split("\n") if line.strip()]


def _render(lines: list[str]) -> str:
    return "\n\n".join(lines) + "\n"


def candidates(raw: str, headline: str) -> list[list[str]]:
    """The excerpt's lines, and the same with the manifest's headline put first (a slug headline)."""
    lines = _lines(raw)
    out = [lines]
    if headline and (not lines or lines[0] != headline):
        out.append([headline, *lines])
    return out


def restore(raw: str, entry: dict[str, Any]) -> str | None:
    """The text whose sha256 is the manifest's, made by dropping whole lines, or None."""
    target = entry["length"]
    for lines in candidates(raw, entry.get("headline", "")):
        sizes = [len(line) + 2 for line in lines]
        surplus = sum(sizes) - 1 - target  # the text ends with one newline, not two
        if surplus < 0:
            continue
        for k in range(MAX_DROPPED + 1):
            for drop in itertools.combinations(range(len(lines)), k):
                if sum(sizes[i] for i in drop) != surplus:
                    continue
                kept = [line for i, line in enumerate(lines) if i not in drop]
                text = _render(kept)
                if _sha(text) == entry["sha256"]:
                    return text
    return None


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

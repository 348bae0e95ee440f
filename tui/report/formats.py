"""The report written out: Markdown (reads well in glow and on GitHub), CSV (one row per quote,
for a spreadsheet) or JSON (the report's data as built).

Article text is data in every format: in Markdown it is put on one line and its markup
characters are escaped; in CSV a cell that a spreadsheet would run as a formula (= + - @) gets a
leading apostrophe; JSON escapes every control and format character.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from ..safe_text import escape_json
from .citation import clean

FORMATS = ("md", "csv", "json")
CSV_COLUMNS = ("source", "title", "number", "speaker", "speaker_kind", "quote", "cue", "paragraph", "start", "end", "corrected")

# Inline markup only: article text never starts a line here (it follows "- “" or "### ").
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_FORMULA_START = ("=", "+", "-", "@")


def format_for(path: str | None, given: str | None) -> str:
    """The format asked for, else the output file's suffix, else Markdown."""
    if given:
        return given
    if path:
        suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
        if suffix in ("csv", "json"):
            return suffix
    return "md"


def render(report: dict[str, Any], fmt: str) -> str:
    return {"md": to_markdown, "csv": to_csv, "json": to_json}[fmt](report)


def to_json(report: dict[str, Any]) -> str:
    # Indented for people; every raw line break is between tokens (JSON escapes those in strings),
    # so each line is escaped on its own.
    lines = json.dumps(report, ensure_ascii=False, indent=2).split("\n")
    return "\n".join(escape_json(line) for line in lines) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = clean(str(value))
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(report: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for article in report["articles"]:
        for q in article["quotes"]:
            speaker = q["speaker"] if q["speaker"] is not None else "unattributed"
            values = (article["source"], article["title"], q["number"], speaker, q["speaker_kind"], q["text"], q["cue"])
            writer.writerow([_cell(v) for v in values] + [_cell(q[k]) for k in ("paragraph", "start", "end", "corrected")])
    return out.getvalue()


def md(text: Any) -> str:
    """Article text as inert Markdown: one line, markup characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", clean(str(text)))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def to_markdown(report: dict[str, Any]) -> str:
    totals = report["totals"]
    lines = ["# Who said what", ""]
    lines.append(
        f"{_plural(totals['articles'], 'article')}, {_plural(totals['quotes'], 'quote')}. "
        f"Named sources: {totals['sources']['named']}, unnamed: {totals['sources']['unnamed']}; "
        f"quotes from named sources: {totals['quotes_by_source']['named']}, from unnamed: "
        f"{totals['quotes_by_source']['unnamed']}, unattributed: {totals['quotes_by_source']['unattributed']}. "
        f"Speakers who are people: {totals['speakers_by_kind']['person']}, organisations: "
        f"{totals['speakers_by_kind']['organization']}."
    )
    if totals["quotes_per_speaker"]:
        lines += ["", "| speaker | kind | quotes |", "|---|---|---:|"]
        lines += [f"| {md(s['name'])} | {s['kind']} | {s['quotes']} |" for s in totals["quotes_per_speaker"]]
    for article in report["articles"]:
        source = clean(article["source"]).replace("`", "'")
        lines += ["", f"## {md(article['title']) or '(untitled)'}", "", f"`{source}`"]
        by_speaker: dict[str | None, list[dict[str, Any]]] = {}
        for q in article["quotes"]:
            by_speaker.setdefault(q["speaker_id"], []).append(q)
        for speaker in article["speakers"]:
            quotes = by_speaker.get(speaker["id"], [])
            if not quotes:
                continue
            lines += ["", f"### {md(speaker['name'])} ({speaker['kind']}, {_plural(speaker['quotes'], 'quote')})", ""]
            lines += [_quote_line(q) for q in quotes]
        if None in by_speaker:
            lines += ["", "### Unattributed", ""]
            lines += [_quote_line(q) for q in by_speaker[None]]
        for key, title in (("places", "Places"), ("organizations", "Organisations")):
            if article[key]:
                named = ", ".join(f"{md(e['name'])} ({e['mentions']})" for e in article[key])
                lines += ["", f"**{title}:** {named}"]
    return "\n".join(lines) + "\n"


def _quote_line(q: dict[str, Any]) -> str:
    where = "heading" if q["paragraph"] is None else f"¶ {q['paragraph']}"
    cue = f" ({md(q['cue'])})" if q["cue"] else ""
    marks = " (corrected)" if q["corrected"] else ""
    echo = " (repeats a later quote)" if q["echo_of"] else ""
    return f"- “{md(q['text'])}”{cue}, {where}, offsets {q['start']}-{q['end']}{marks}{echo}"

"""Scores the real engine on real published news, annotated by hand, whose texts stay outside the repo.

Usage (the engine scored is the checkout you run it from: the current directory's `tui/` if it has one,
else the `tui` the interpreter has installed; the first line on stderr names it):
  python benchmarks/realnews_eval.py build BATCH
  python benchmarks/realnews_eval.py score [BATCH ...] [--details] [--json] [--record] [--manifests DIR]

Without BATCH every manifest is scored except the held-out `final` and any batch that first_runs.json
does not list yet (it waits for its blind first run): those are scored only by name.

The texts belong to their outlets, so they live in ``~/realnews/BATCH/`` (or
``$NEWSREADER_REALNEWS/BATCH/``) next to their hand-made gold (``ID.ann.json``). ``build`` turns the
gold into the committed manifest ``benchmarks/realnews/BATCH.json``, which holds offsets, short hashes,
names and metadata but never the outlets' sentences. ``score`` checks every text against the
manifest's sha256 and measures:

- quotes: a gold quote is found when one predicted quote covers at least half of its characters
  (one-to-one); recall = found / gold, precision = matched predicted / predicted. Predicted echoes
  (``echo_of``) and quotes in the headline or subheads are left out of both sides;
- speakers: over found gold quotes, the predicted speaker's name equals the gold speaker or one of
  its aliases after normalising (case, punctuation, a leading "the", honorifics); a gold ``null``
  is right only when the engine left the quote unattributed. ``end-to-end`` divides the same
  count by all gold quotes. ``named`` is stricter: a speaker the engine left described ("the
  judge") counts only where the gold speaker is unnamed too, since the aliases accept a named
  speaker's titles and so reward leaving a description unresolved;
- entities, per kind: a predicted entry is right when its name is the name or an alias of a gold
  entity of the same kind, and no earlier entry already claimed that gold entity; recall counts
  gold entities claimed by a right entry. Entries whose name fits a gold entity of another kind are
  listed as kind confusions.

``--record`` appends the figures of each batch to ``benchmarks/realnews/first_runs.json``: a batch
is recorded once, blind, before any rule is changed for it, and the record is never edited.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MANIFESTS = ROOT / "benchmarks" / "realnews"
FIRST_RUNS = MANIFESTS / "first_runs.json"
KINDS = ("person", "place", "organization")
KIND_LABELS = {"person": "People", "place": "Places", "organization": "Organisations"}
SPEAKER_KINDS = ("person", "organization", "place", "unnamed")
HELD_OUT = frozenset({"final"})  # the never-tuned batch: scored only when named on the command line

_OPENING = "\"'“‘«„‚‹”"  # ” opens quotes in some styles (and in typos: 'said.”While')
_CLOSING = "\"'”’»“‹›"
_TRAILING_PUNCT = ",.;:!?…—–-"
_HONORIFICS = frozenset(
    "mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sen senator rep "
    "gov governor president premier prime minister judge justice gen general col capt captain sgt "
    "det detective officer chief mayor coach".split()
)
_LEADING = frozenset({"the", "a", "an"})


class HarnessError(Exception):
    """A problem with the gold, a text or a manifest: reported in one line, never a traceback."""


class MissingText(HarnessError):
    """An article's text is not on this machine: collect it again, or score with --skip-missing."""


def realnews_root() -> Path:
    return Path(os.environ.get("NEWSREADER_REALNEWS") or Path.home() / "realnews")


def short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


# --- names -----------------------------------------------------------------------------------


def normalise_name(name: str) -> str:
    """Case, accents, punctuation, possessive, articles, a leading "one" and honorifics do not matter."""
    # The possessive goes before the ASCII fold, which would drop a curly apostrophe and
    # leave "smiths" where a straight one gives "smith".
    text = re.sub(r"['’ʼ]s\b", "", name, flags=re.IGNORECASE)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", text.replace("'", ""))
    while words and words[0] in _LEADING:
        words = words[1:]
    if len(words) > 1 and words[0] == "one" and words[1] != "of":
        words = words[1:]  # "one woman" is "a woman"; "one of the residents" stays
    words = [w for w in words if w not in _LEADING] or words  # "one of the residents, a teacher"
    while len(words) > 1 and words[0] in _HONORIFICS:
        words = words[1:]
    return " ".join(words)


def name_forms(name: str | None, aliases: list[str]) -> set[str]:
    forms = {normalise_name(n) for n in [name or "", *aliases]}
    forms.discard("")
    return forms


def same_speaker(gold: str | None, aliases: list[str], predicted: str | None) -> bool:
    if gold is None or predicted is None:
        return gold is None and predicted is None
    return normalise_name(predicted) in name_forms(gold, aliases)


# --- build -----------------------------------------------------------------------------------


def canonical_text(path: Path) -> str:
    """The text every engine offset indexes: what the document loader makes of the file."""
    from tui.document import load_article

    return load_article(str(path)).text


def locate_quote(text: str, begins: str, ends: str, body_start: int = 0, nth: int | None = None) -> tuple[int, int]:
    """The span of a body quote's words (from `body_start` on) from its first and last words, within one paragraph.

    The opening mark must come right before `begins`; after `ends` there may be trailing punctuation
    (taken into the span), then a closing mark or the paragraph's end (a quote running on).
    A quote repeated word for word is told apart by `nth` (1-based, in text order).
    """
    if not begins or not ends:
        raise HarnessError("a quote needs non-empty 'begins' and 'ends'")
    spans = []
    for m in re.compile(re.escape(begins)).finditer(text, body_start):
        start = m.start()
        if start == 0 or text[start - 1] not in _OPENING:
            continue
        paragraph_end = text.find("\n\n", start)
        paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
        at = start + len(begins) - min(len(begins), len(ends))
        while (found := text.find(ends, at, paragraph_end)) >= 0:
            at = found + 1
            end = found + len(ends)
            while end < paragraph_end and text[end] in _TRAILING_PUNCT:
                end += 1
            if end == paragraph_end or text[end] in _CLOSING or not text[end:paragraph_end].strip():
                spans.append((start, end))
                break
    if not spans:
        raise HarnessError(f"quote {begins!r} … {ends!r} not found between quote marks in one paragraph")
    if nth is not None:
        if not 1 <= nth <= len(spans):
            raise HarnessError(f"quote {begins!r} … {ends!r}: nth={nth} but it occurs {len(spans)} times")
        return spans[nth - 1]
    if len(spans) > 1:
        raise HarnessError(f"quote {begins!r} … {ends!r} is ambiguous ({len(spans)} places): give more words or 'nth'")
    return spans[0]


def _check_kind(value: Any, allowed: tuple[str, ...], where: str) -> str:
    if value not in allowed:
        raise HarnessError(f"{where}: kind {value!r} is not one of {', '.join(allowed)}")
    return str(value)


def build_entry(ann_path: Path) -> dict[str, Any]:
    """One article's manifest entry: offsets and hashes instead of sentences."""
    article_id = ann_path.name[: -len(".ann.json")]
    text_path = ann_path.with_name(article_id + ".txt")
    if not text_path.is_file():
        raise HarnessError(f"{article_id}: no text file {text_path}")
    gold = json.loads(ann_path.read_text(encoding="utf-8"))
    text = canonical_text(text_path)
    body_start = text.find("\n") + 1  # gold quotes are body quotes: the headline line is not searched
    quotes = []
    for i, q in enumerate(gold.get("quotes", [])):
        where = f"{article_id} quote {i + 1}"
        try:
            start, end = locate_quote(text, q["begins"], q["ends"], body_start, q.get("nth"))
        except (HarnessError, KeyError) as exc:
            raise HarnessError(f"{where}: {exc}") from None
        quotes.append(
            {
                "start": start,
                "end": end,
                "hash": short_hash(text[start:end]),
                "speaker": q.get("speaker"),
                "speaker_kind": _check_kind(q.get("speaker_kind", "unnamed"), SPEAKER_KINDS, where),
                "aliases": list(q.get("aliases", [])),
            }
        )
    quotes.sort(key=lambda q: q["start"])
    for a, b in zip(quotes, quotes[1:], strict=False):
        if b["start"] < a["end"]:
            raise HarnessError(f"{article_id}: quotes at {a['start']} and {b['start']} overlap")
    entities = []
    for i, e in enumerate(gold.get("entities", [])):
        where = f"{article_id} entity {i + 1} ({e.get('name')!r})"
        entities.append(
            {"name": e["name"], "kind": _check_kind(e.get("kind"), KINDS, where), "aliases": list(e.get("aliases", []))}
        )
    meta = {k: gold.get(k) for k in ("url", "headline", "outlet", "country", "source_type", "genre", "query")}
    return {
        "id": article_id,
        **meta,
        "sha256": hashlib.sha256(text_path.read_bytes()).hexdigest(),
        "length": len(text),
        "quotes": quotes,
        "entities": entities,
    }


def build(batch: str, root: Path | None = None, out_dir: Path = MANIFESTS) -> Path:
    folder = (root or realnews_root()) / batch
    annotations = sorted(folder.glob("*.ann.json"))
    if not annotations:
        raise HarnessError(f"no *.ann.json in {folder}")
    manifest = {
        "batch": batch,
        "format": 1,
        "texts": f"~/realnews/{batch}/<id>.txt (or $NEWSREADER_REALNEWS/{batch}/); see benchmarks/realnews/README.md",
        "articles": [build_entry(p) for p in annotations],
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{batch}.json"
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


# --- score -----------------------------------------------------------------------------------


@dataclass
class Counts:
    gold_quotes: int = 0
    found: int = 0
    predicted_quotes: int = 0
    matched_predicted: int = 0
    speaker_right: int = 0
    speaker_named: int = 0  # right, and not only by a description where the gold names the speaker
    entity_gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    entity_found: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    entity_predicted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    entity_right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    confusions: dict[str, int] = field(default_factory=dict)  # "person->place": n (gold->predicted)
    articles: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        for name in (
            "gold_quotes",
            "found",
            "predicted_quotes",
            "matched_predicted",
            "speaker_right",
            "speaker_named",
            "articles",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("entity_gold", "entity_found", "entity_predicted", "entity_right"):
            mine, theirs = getattr(self, name), getattr(other, name)
            for kind in KINDS:
                mine[kind] += theirs[kind]
        for key, n in other.confusions.items():
            self.confusions[key] = self.confusions.get(key, 0) + n
        self.errors.extend(other.errors)

    def figures(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        entities = {
            kind: {
                "gold": self.entity_gold[kind],
                "predicted": self.entity_predicted[kind],
                "right": self.entity_right[kind],
                "precision": ratio(self.entity_right[kind], self.entity_predicted[kind]),
                "recall": ratio(self.entity_found[kind], self.entity_gold[kind]),
            }
            for kind in KINDS
        }
        return {
            "articles": self.articles,
            "gold_quotes": self.gold_quotes,
            "predicted_quotes": self.predicted_quotes,
            "quote_recall": ratio(self.found, self.gold_quotes),
            "quote_precision": ratio(self.matched_predicted, self.predicted_quotes),
            "speaker_accuracy": ratio(self.speaker_right, self.found),
            "speaker_end_to_end": ratio(self.speaker_right, self.gold_quotes),
            "speaker_right": self.speaker_right,
            "speaker_named_accuracy": ratio(self.speaker_named, self.found),
            "found": self.found,
            "entities": entities,
            "kind_confusions": dict(sorted(self.confusions.items())),
        }


def _in_headings(article, start: int, end: int) -> bool:
    from tui.model import BlockKind

    return any(b.kind in (BlockKind.HEADING, BlockKind.SUBHEADING) and b.start <= start and end <= b.end for b in article.blocks)


def match_quotes(entry: dict[str, Any], article, analysis) -> tuple[list[dict[str, Any]], list[Any], dict[int, int]]:
    """Body gold quotes, body predicted quotes (echoes left out) and gold index -> predicted index:
    one-to-one by largest overlap first, so a long predicted quote cannot claim two gold quotes."""
    predicted = [q for q in analysis.quotes if q.echo_of is None and not _in_headings(article, q.start, q.end)]
    gold = [g for g in entry["quotes"] if not _in_headings(article, g["start"], g["end"])]
    pairs = sorted(
        (
            (min(g["end"], p.end) - max(g["start"], p.start), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(predicted)
            if 2 * (min(g["end"], p.end) - max(g["start"], p.start)) >= g["end"] - g["start"]
        ),
        reverse=True,
    )
    match: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in pairs:
        if gi not in match and pi not in used:
            match[gi] = pi
            used.add(pi)
    return gold, predicted, match


def score_quotes(entry: dict[str, Any], article, analysis, counts: Counts) -> None:
    aid = entry["id"]
    names = {s.id: s.name for s in analysis.speakers}
    described = {s.id for s in analysis.speakers if s.kind.value == "unnamed"}
    gold, predicted, match = match_quotes(entry, article, analysis)
    used = set(match.values())
    counts.gold_quotes += len(gold)
    counts.predicted_quotes += len(predicted)
    text = article.text
    for gi, g in enumerate(gold):
        where = f"{aid} [{g['start']}:{g['end']}] {_clip(text[g['start'] : g['end']])}"
        if gi not in match:
            counts.errors.append(f"missed quote   {where} (gold {g['speaker']!r})")
            continue
        counts.found += 1
        counts.matched_predicted += 1
        q = predicted[match[gi]]
        said = names.get(q.speaker_id) if q.speaker_id else None
        if same_speaker(g["speaker"], g["aliases"], said):
            counts.speaker_right += 1
            # The gold accepts a speaker's titles as aliases, so "the judge" left unresolved is
            # right; the stricter figure wants the name wherever the gold has one.
            if q.speaker_id not in described or g["speaker"] is None or g.get("speaker_kind") == "unnamed":
                counts.speaker_named += 1
        else:
            rule = q.attribution.rule if q.attribution else "-"
            counts.errors.append(f"wrong speaker  {where}: gold {g['speaker']!r}, predicted {said!r} ({rule})")
    for pi, q in enumerate(predicted):
        if pi not in used:
            said = names.get(q.speaker_id) if q.speaker_id else None
            counts.errors.append(f"extra quote    {aid} [{q.start}:{q.end}] {_clip(q.text)} ({said!r})")


def entity_fits(name: str, mention_texts: list[str], forms: list[set[str]]) -> list[int]:
    """The gold entries a predicted entity may be: by its name, else by how the text writes it
    (the gazetteer names a place in full, "United States", where the text and the gold say "US")."""
    key = normalise_name(name)
    fits = [i for i, f in enumerate(forms) if key in f]
    if not fits:
        written = {normalise_name(t) for t in mention_texts}
        fits = [i for i, f in enumerate(forms) if written & f]
    return fits


def score_entities(entry: dict[str, Any], analysis, counts: Counts) -> None:
    aid = entry["id"]
    gold = entry["entities"]
    forms = [name_forms(g["name"], g["aliases"]) for g in gold]
    for g in gold:
        counts.entity_gold[g["kind"]] += 1
    claimed: set[int] = set()
    for e in analysis.entities:
        kind = e.kind.value
        counts.entity_predicted[kind] += 1
        fits = entity_fits(e.name, [m.text for m in e.mentions], forms)
        same_kind = [i for i in fits if gold[i]["kind"] == kind]
        free = [i for i in same_kind if i not in claimed]
        if free:
            claimed.add(free[0])
            counts.entity_right[kind] += 1
        elif same_kind:
            counts.errors.append(f"entity split   {aid}: {e.name!r} ({kind}) repeats {gold[same_kind[0]]['name']!r}")
        elif fits:
            key = f"{gold[fits[0]]['kind']}->{kind}"
            counts.confusions[key] = counts.confusions.get(key, 0) + 1
            counts.errors.append(f"entity kind    {aid}: {e.name!r} as {kind}, gold {gold[fits[0]]['kind']}")
        else:
            counts.errors.append(f"entity extra   {aid}: {e.name!r} ({kind})")
    for i, g in enumerate(gold):
        if i in claimed:
            counts.entity_found[g["kind"]] += 1
        else:
            counts.errors.append(f"entity missed  {aid}: {g['name']!r} ({g['kind']})")


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def load_manifest(batch: str, manifest_dir: Path = MANIFESTS) -> dict[str, Any]:
    path = manifest_dir / f"{batch}.json"
    if not path.is_file():
        raise HarnessError(f"no manifest {path}: run 'build {batch}' first")
    return json.loads(path.read_text(encoding="utf-8"))


def text_path(batch: str, entry: dict[str, Any], root: Path | None = None) -> Path:
    """The article's text, checked against the manifest's sha256."""
    path = (root or realnews_root()) / batch / f"{entry['id']}.txt"
    again = f"collect it again from {entry.get('url')} (search query {entry.get('query')!r}); see benchmarks/realnews/README.md"
    if not path.is_file():
        raise MissingText(f"{entry['id']}: text missing at {path}: {again}")
    if hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
        raise HarnessError(f"{entry['id']}: text at {path} differs from the manifest (sha256): {again}")
    return path


def score_batch(
    batch: str,
    nlp,
    root: Path | None = None,
    manifest_dir: Path = MANIFESTS,
    *,
    by: str | None = None,
    groups: dict[str, Counts] | None = None,
    skip_missing: bool = False,
) -> Counts:
    """Counts for a batch; with `by` (a manifest field such as "genre"), also per value of it into `groups`.
    `skip_missing`: an article whose text cannot be restored is left out, said on stderr."""
    from tui.analysis import analyse
    from tui.document import load_article

    manifest = load_manifest(batch, manifest_dir)
    present = []
    for entry in manifest["articles"]:
        try:
            present.append((entry, text_path(batch, entry, root)))
        except MissingText as exc:
            if not skip_missing:
                raise
            print(f"skipped: {exc}", file=sys.stderr)
    counts = Counts()
    for entry, path in present:
        article = load_article(str(path))
        for g in entry["quotes"]:
            if short_hash(article.text[g["start"] : g["end"]]) != g["hash"]:
                raise HarnessError(f"{entry['id']}: quote at {g['start']} no longer matches its hash: rebuild")
        analysis = analyse(article, nlp)
        one = Counts(articles=1)
        score_quotes(entry, article, analysis, one)
        score_entities(entry, analysis, one)
        counts.add(one)
        if by is not None and groups is not None:
            groups.setdefault(str(entry.get(by) or "?"), Counts()).add(one)
    return counts


def _pct(value: float | None) -> str:
    return "   n/a" if value is None else f"{value:6.1%}"


def group_line(name: str, figures: dict[str, Any]) -> str:
    """One line per group of `--by`: how many, quotes found, speakers right, entities right."""
    f, e = figures, figures["entities"]
    kinds = "  ".join(f"{KIND_LABELS[k][:3]} {_pct(e[k]['precision'])}/{_pct(e[k]['recall'])}" for k in KINDS)
    return (
        f"  {name[:22]:22} {f['articles']:3} art {f['gold_quotes']:4} quotes  recall {_pct(f['quote_recall'])}"
        f"  speakers {_pct(f['speaker_accuracy'])}  P/R {kinds}"
    )


def entity_lines(figures: dict[str, Any]) -> list[str]:
    """Precision and recall per kind, and the kind confusions: shared with the corpus entity scorer."""
    lines = []
    for kind in KINDS:
        e = figures["entities"][kind]
        lines.append(
            f"  {KIND_LABELS[kind]:13} precision {_pct(e['precision'])} ({e['right']}/{e['predicted']})"
            f"  recall {_pct(e['recall'])} (gold {e['gold']})"
        )
    if figures["kind_confusions"]:
        confusions = ", ".join(f"{k} {n}" for k, n in figures["kind_confusions"].items())
        lines.append("  kind confusions (gold->predicted): " + confusions)
    return lines


def report(name: str, figures: dict[str, Any]) -> str:
    f = figures
    lines = [
        f"{name}: {f['articles']} articles, {f['gold_quotes']} gold quotes, {f['predicted_quotes']} predicted",
        f"  quotes    recall {_pct(f['quote_recall'])}  precision {_pct(f['quote_precision'])}",
        f"  speakers  accuracy {_pct(f['speaker_accuracy'])} ({f['speaker_right']}/{f['found']} found quotes)"
        f"  end-to-end {_pct(f['speaker_end_to_end'])}",
        f"  named     accuracy {_pct(f['speaker_named_accuracy'])} (a description is right only where the gold names nobody)",
        *entity_lines(f),
    ]
    return "\n".join(lines)


def engine_checkout() -> Path:
    """The checkout whose engine is scored: wherever `tui` is imported from (see the usage)."""
    import tui

    return Path(tui.__file__).resolve().parent.parent


def _commit() -> tuple[str, bool]:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=engine_checkout(), capture_output=True, text=True, check=False).stdout.strip()

    return git("rev-parse", "HEAD"), bool(git("status", "--porcelain", "--untracked-files=no", "--", "tui"))


def first_runs_table(runs: list[dict[str, Any]]) -> str:
    """The recorded first runs, in the order they were run, as the Markdown table the READMEs quote."""

    def pct(value: float | None) -> str:
        return "n/a" if value is None else f"{100 * value:.1f}"

    lines = [
        "| batch | date | commit | articles | quotes | quote recall / precision | speakers found / end-to-end"
        " | People P/R | Places P/R | Organisations P/R |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        f = run["figures"]
        kinds = " | ".join(f"{pct(f['entities'][k]['precision'])} / {pct(f['entities'][k]['recall'])}" for k in KINDS)
        lines.append(
            f"| {run['batch']} | {run['date'][:16].replace('T', ' ')} | {run['commit'][:7]} | {f['articles']} | {f['gold_quotes']}"
            f" | {pct(f['quote_recall'])} / {pct(f['quote_precision'])}"
            f" | {pct(f['speaker_accuracy'])} / {pct(f['speaker_end_to_end'])} | {kinds} |"
        )
    return "\n".join(lines)


def record(results: dict[str, dict[str, Any]], path: Path = FIRST_RUNS) -> None:
    """Append first-run figures; a batch already recorded is refused (the record is never edited)."""
    runs = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []
    done = {r["batch"] for r in runs}
    again = sorted(set(results) & done)
    if again:
        raise HarnessError(f"first run already recorded for {', '.join(again)}: the record is never edited")
    commit, dirty = _commit()
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    for batch, figures in results.items():
        runs.append({"batch": batch, "date": when, "commit": commit, "engine_modified": dirty, "figures": figures})
    path.write_text(json.dumps(runs, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="realnews_eval", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="gold (~/realnews/BATCH/*.ann.json) -> benchmarks/realnews/BATCH.json")
    b.add_argument("batch")
    t = sub.add_parser("table", help="the first runs of first_runs.json as a Markdown table")
    s = sub.add_parser("score", help="score the engine on batches (default: every recorded manifest but 'final')")
    s.add_argument("batches", nargs="*")
    s.add_argument("--details", action="store_true", help="list every error")
    s.add_argument("--json", action="store_true", help="figures as JSON")
    s.add_argument("--record", action="store_true", help="append first-run figures to first_runs.json")
    s.add_argument(
        "--skip-missing", action="store_true", help="leave out articles whose text is not on this machine (not with --record)"
    )
    s.add_argument(
        "--by", metavar="FIELD", help="also break the figures down by a manifest field: genre, country, source_type, outlet"
    )
    for p in (b, s, t):
        p.add_argument("--manifests", type=Path, default=MANIFESTS, help=f"manifest folder (default {MANIFESTS})")
    args = parser.parse_args(argv)
    first_runs = args.manifests / FIRST_RUNS.name
    try:
        if args.command == "build":
            path = build(args.batch, None, args.manifests)
            n = json.loads(path.read_text(encoding="utf-8"))["articles"]
            print(f"{path}: {len(n)} articles, {sum(len(a['quotes']) for a in n)} quotes")
            return 0
        if args.command == "table":
            print(first_runs_table(json.loads(first_runs.read_text(encoding="utf-8"))))
            return 0
        from tui.analysis import RULES_VERSION, load_pipeline

        known = sorted(p.stem for p in args.manifests.glob("*.json") if p.name != first_runs.name)
        batches = args.batches or [b for b in known if b not in HELD_OUT]
        if not args.batches and first_runs.is_file():
            # a batch not yet recorded waits for its blind first run; a casual run must not spend it
            recorded = {r["batch"] for r in json.loads(first_runs.read_text(encoding="utf-8"))}
            waiting = [b for b in batches if b not in recorded]
            batches = [b for b in batches if b in recorded]
            if waiting:
                print(f"left out (no first run yet; name them to score): {', '.join(waiting)}", file=sys.stderr)
        if args.record and args.skip_missing:
            raise HarnessError("--record scores whole batches: it cannot be used with --skip-missing")
        if args.record and first_runs.is_file():
            done = {r["batch"] for r in json.loads(first_runs.read_text(encoding="utf-8"))}
            if set(batches) & done:
                raise HarnessError(f"first run already recorded for {', '.join(sorted(set(batches) & done))}")
        print(f"engine: {engine_checkout()} (rules {RULES_VERSION}); manifests: {args.manifests}", file=sys.stderr)
        nlp = load_pipeline()
        total = Counts()
        results = {}
        groups: dict[str, Counts] = {}
        for batch in batches:
            counts = score_batch(batch, nlp, None, args.manifests, by=args.by, groups=groups, skip_missing=args.skip_missing)
            results[batch] = counts.figures()
            total.add(counts)
        if args.json:
            out: dict[str, Any] = {"batches": results, "overall": total.figures()}
            if args.by:
                out["by_" + args.by] = {name: c.figures() for name, c in sorted(groups.items())}
            if args.details:
                out["errors"] = total.errors
            print(json.dumps(out, indent=1))
        else:
            for batch, figures in results.items():
                print(report(batch, figures))
            if len(results) > 1:
                print(report("overall", total.figures()))
            if args.by:
                print(f"by {args.by}:")
                for name, c in sorted(groups.items(), key=lambda item: -item[1].articles):
                    print(group_line(name, c.figures()))
            if args.details:
                print("\n".join(total.errors))
        sys.stdout.flush()
        if args.record:
            record(results, first_runs)
            print(f"recorded first run of {', '.join(results)} in {first_runs}", file=sys.stderr)
        return 0
    except (HarnessError, OSError, json.JSONDecodeError, KeyError) as exc:
        print(f"realnews_eval: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    import importlib.util

    here = Path.cwd()
    if (here / "tui" / "__init__.py").is_file():  # the checkout you stand in is the engine scored
        sys.path.insert(0, str(here))
    elif importlib.util.find_spec("tui") is None:  # else the installed one, else this file's checkout
        sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv[1:]))

"""Quote detection recall and speaker accuracy against hand-made gold annotations.

Usage: python benchmarks/quote_eval.py [-v] [--rules] [--realnews DIR] [BATCH ...]

--rules prints each resolver rule's contribution: speaker accuracy with that rule switched off
(`tui.analysis.rules.switched_off`), on the corpus and, when the real-news harness
(`benchmarks/realnews_eval.py`) and its manifests are there, on the real batches (every batch
in DIR, default benchmarks/realnews, whose blind first run is recorded, except the held-out
`final`; or the BATCHes named), where it also counts the quotes credited by name where the gold
names the speaker (`named` in realnews_eval: a rule that resolves "the judge" to Judge Ann Cole
is judged there) and the entity entries that turn right or wrong (an entity rule is judged
there). Each article is parsed once; only the rules are re-run.

Gold files are tests/corpus/*.gold.json next to their article (same stem, .txt or .md), and
tests/corpus/seed/*.gold.json naming their article with an "article" path. Each lists the
quotes in text order as {"start": first words, "speaker": name or null}.

- recall: gold quotes found (a predicted quote whose words begin with the gold first words);
- speaker accuracy: gold quotes found *and* credited to the gold speaker, over all gold quotes,
  so a missed quote counts against both figures. Names match when the words of one are
  contained in the other ("Zelensky" / "Volodymyr Zelensky"); null must be None;
- precision: predicted quotes that match a gold quote.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
_WORD = re.compile(r"[\w]+")
_SKIP = frozenset({"the", "a", "an"})


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    correct: int = 0
    predicted: int = 0
    matched_predicted: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.found += other.found
        self.correct += other.correct
        self.predicted += other.predicted
        self.matched_predicted += other.matched_predicted
        self.errors.extend(other.errors)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def accuracy(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else 1.0


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower().replace("’", "'"))]


def same_speaker(gold: str | None, predicted: str | None) -> bool:
    if gold is None or predicted is None:
        return gold is None and predicted is None
    g = [w for w in words(gold) if w not in _SKIP]
    p = [w for w in words(predicted) if w not in _SKIP]
    if not g or not p:
        return False
    return set(g) <= set(p) or set(p) <= set(g)


def gold_files() -> list[tuple[Path, Path]]:
    """(article, gold) pairs: the corpus first, then the seed."""
    pairs = []
    for gold in sorted(CORPUS.glob("*.gold.json")):
        stem = gold.name[: -len(".gold.json")]
        article = next(p for p in sorted(CORPUS.glob(stem + ".*")) if not p.name.endswith(".gold.json"))
        pairs.append((article, gold))
    for gold in sorted((CORPUS / "seed").glob("*.gold.json")):
        pairs.append((ROOT / json.loads(gold.read_text(encoding="utf-8"))["article"], gold))
    return pairs


def score_article(article_path: Path, gold_path: Path, nlp, analysis=None) -> Score:
    if analysis is None:
        from tui.analysis import analyse
        from tui.document import load_article

        analysis = analyse(load_article(str(article_path)), nlp)
    names = {s.id: s.name for s in analysis.speakers}
    predicted = [(words(q.text), names.get(q.speaker_id) if q.speaker_id else None, q.text) for q in analysis.quotes]
    used: set[int] = set()
    score = Score(predicted=len(predicted))
    for g in json.loads(gold_path.read_text(encoding="utf-8"))["quotes"]:
        score.gold += 1
        first = words(g["start"])
        hit = next((i for i, (w, _, _) in enumerate(predicted) if i not in used and w[: len(first)] == first), None)
        if hit is None:
            score.errors.append(f"{article_path.name}: missed quote {g['start']!r}")
            continue
        used.add(hit)
        score.found += 1
        score.matched_predicted += 1
        speaker = predicted[hit][1]
        if same_speaker(g["speaker"], speaker):
            score.correct += 1
        else:
            score.errors.append(f"{article_path.name}: {g['start']!r} credited to {speaker!r}, gold {g['speaker']!r}")
    for i, (_, speaker, text) in enumerate(predicted):
        if i not in used:
            score.errors.append(f"{article_path.name}: extra quote {text[:50]!r} ({speaker!r})")
    return score


def evaluate(nlp=None) -> dict[str, Score]:
    """Scores for "corpus" (the developer-written articles) and "seed"."""
    from tui.analysis import load_pipeline

    nlp = nlp if nlp is not None else load_pipeline()
    totals = {"corpus": Score(), "seed": Score()}
    for article, gold in gold_files():
        totals["seed" if gold.parent.name == "seed" else "corpus"].add(score_article(article, gold, nlp))
    return totals


def _corpus_parsed(nlp):
    from tui.analysis.engine import parse
    from tui.document import load_article

    out = []
    for article_path, gold in gold_files():
        article = load_article(str(article_path))
        out.append((article_path, gold, article, parse(article, nlp)))
    return out


def _corpus_accuracy(parsed) -> float:
    from tui.analysis.engine import analyse_parsed

    total = Score()
    for article_path, gold, article, blocks in parsed:
        if gold.parent.name != "seed":
            total.add(score_article(article_path, gold, None, analyse_parsed(article, blocks)))
    return total.accuracy


def _realnews_parsed(nlp, manifest_dir: Path, batches: list[str]):
    """(harness, [(entry, article, parsed)]) for the real batches, or None without the harness."""
    import importlib.util

    script = ROOT / "benchmarks" / "realnews_eval.py"
    if not script.is_file() or not manifest_dir.is_dir():
        return None
    spec = importlib.util.spec_from_file_location("realnews_eval", script)
    assert spec is not None and spec.loader is not None
    harness = importlib.util.module_from_spec(spec)
    sys.modules["realnews_eval"] = harness
    spec.loader.exec_module(harness)
    from tui.analysis.engine import parse
    from tui.document import load_article

    names = batches or _recorded_batches(manifest_dir, harness)
    items = []
    for batch in names:
        manifest = harness.load_manifest(batch, manifest_dir)
        for entry in manifest["articles"]:
            try:
                path = harness.text_path(batch, entry)
            except harness.HarnessError as err:  # a text that could not be collected again
                print(f"skipped: {err}", file=sys.stderr)
                continue
            article = load_article(str(path))
            items.append((entry, article, parse(article, nlp)))
    return harness, items


def _recorded_batches(manifest_dir: Path, harness) -> list[str]:
    """Every batch with a recorded first run, except the held-out ones: a batch still waiting for
    its blind first run must not be spent by a rule table (the harness's `score` does the same)."""
    runs = manifest_dir / "first_runs.json"
    recorded = {r["batch"] for r in json.loads(runs.read_text(encoding="utf-8"))} if runs.is_file() else set()
    return sorted(p.stem for p in manifest_dir.glob("*.json") if p.stem in recorded and p.stem not in harness.HELD_OUT)


def _realnews_right(harness, items) -> tuple[int, int, int, int, int]:
    """(quotes credited to the gold speaker, gold quotes found, entity entries right, entity entries
    wrong, quotes credited by name where the gold names the speaker) on the real batches: an
    entity rule pays its way in the entity columns; a rule that resolves descriptions in the last."""
    from tui.analysis.engine import analyse_parsed

    counts = harness.Counts()
    for entry, article, blocks in items:
        analysis = analyse_parsed(article, blocks)
        harness.score_quotes(entry, article, analysis, counts)
        harness.score_entities(entry, analysis, counts)
    right = sum(counts.entity_right.values())
    return counts.speaker_right, counts.found, right, sum(counts.entity_predicted.values()) - right, counts.speaker_named


def rule_table(argv: list[str]) -> int:
    """Speaker accuracy with each rule switched off, next to all rules on."""
    from tui.analysis import load_pipeline
    from tui.analysis.rules import RULES, switched_off

    nlp = load_pipeline()
    corpus = _corpus_parsed(nlp)
    manifest_dir = Path(argv[argv.index("--realnews") + 1]) if "--realnews" in argv else ROOT / "benchmarks" / "realnews"
    batches = [a for a in argv if not a.startswith("-") and a != str(manifest_dir)]
    real = _realnews_parsed(nlp, manifest_dir, batches)

    def figures() -> tuple[float, tuple[int, int, int, int, int] | None]:
        return _corpus_accuracy(corpus), (_realnews_right(*real) if real else None)

    base_corpus, base_real = figures()
    if base_real is not None:
        print(f"real news: {len(real[1]) if real else 0} articles, {base_real[1]} gold quotes found")
        print(f"entity entries: {base_real[2]} right, {base_real[3]} wrong (extra, split or of the wrong kind)")
    print(
        f"{'rule':26} {'corpus':>7} {'Δ':>5}  {'real':>7} {'Δ quotes':>8} {'Δ named':>8} {'Δ right ents':>12} {'Δ wrong ents':>12}"
    )
    print(f"{'(all rules on)':26} {base_corpus:7.1%} {'':5}  " + (f"{base_real[0] / base_real[1]:7.1%}" if base_real else ""))
    for rule in RULES:
        with switched_off(rule):
            c, r = figures()
        real_cols = (
            f"{r[0] / r[1]:7.1%} {r[0] - base_real[0]:+8d} {r[4] - base_real[4]:+8d} {r[2] - base_real[2]:+12d} {r[3] - base_real[3]:+12d}"
            if r is not None and base_real is not None
            else ""
        )
        print(f"{rule:26} {c:7.1%} {100 * (c - base_corpus):+5.1f}  {real_cols}", flush=True)
    return 0


def main(argv: list[str]) -> int:
    if "--rules" in argv:
        return rule_table(argv)
    totals = evaluate()
    for name, s in totals.items():
        print(
            f"{name:6}  quotes {s.gold:3}  recall {s.recall:6.1%}  speaker accuracy {s.accuracy:6.1%}  "
            f"precision {s.precision:6.1%}"
        )
    if "-v" in argv:
        for s in totals.values():
            for e in s.errors:
                print("  " + e)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv[1:]))

"""Entity precision and recall per kind on our own corpus, scored entry by entry as on real news.

Usage: python benchmarks/corpus_entity_eval.py [--details] [--json]

The gold is the "entities" list of each tests/corpus/*.gold.json and of the seed's gold: every
person, place and organisation the article names, with its kind and the other forms it appears
under, following the conventions in benchmarks/realnews/README.md. A gold file without "entities"
is skipped. Matching, splits and kind confusions are those of realnews_eval.score_entities.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def evaluate(nlp: Any = None, pairs: list[tuple[Path, Path]] | None = None) -> Any:
    """Counts over every (article, gold) pair whose gold lists entities (default: the corpus and the seed)."""
    from benchmarks.quote_eval import gold_files
    from benchmarks.realnews_eval import Counts, score_entities
    from tui.analysis import analyse, load_pipeline
    from tui.document import load_article

    nlp = nlp if nlp is not None else load_pipeline()
    counts = Counts()
    for article_path, gold_path in pairs if pairs is not None else gold_files():
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if "entities" not in gold:
            continue
        entry = {"id": gold_path.name[: -len(".gold.json")], "entities": gold["entities"]}
        counts.articles += 1
        score_entities(entry, analyse(load_article(str(article_path)), nlp), counts)
    return counts


def main(argv: list[str]) -> int:
    from benchmarks.realnews_eval import entity_lines

    parser = argparse.ArgumentParser(prog="corpus_entity_eval", description=__doc__.split("\n")[0])
    parser.add_argument("--details", action="store_true", help="list every wrong, missed or split entry")
    parser.add_argument("--json", action="store_true", help="figures as JSON")
    args = parser.parse_args(argv)
    counts = evaluate()
    figures = counts.figures()
    entities = {"articles": figures["articles"], "entities": figures["entities"], "kind_confusions": figures["kind_confusions"]}
    if args.json:
        print(json.dumps({**entities, **({"errors": counts.errors} if args.details else {})}, indent=1))
        return 0
    print(f"corpus: {figures['articles']} articles")
    print("\n".join(entity_lines(figures)))
    if args.details:
        print("\n".join(counts.errors))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv[1:]))

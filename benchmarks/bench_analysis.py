"""Time spaCy alone against our rules on the same text.

Usage: python benchmarks/bench_analysis.py [--repeat N]

Two inputs: the seed article, and a ~200 KB article made by joining the dev corpus and the seed
until it is that long. "spaCy" is `engine.parse` (every block through the pipeline); "rules" is
everything after it: entity corrections and clustering, then quotes and speakers, reported
separately. The issue's budget is rules <= 15% of spaCy.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 200_000


def _articles(tmp: Path):
    from tui.document import load_article

    seed = next((ROOT / "seeds").glob("000_*.txt"))
    parts = [p for p in sorted((ROOT / "tests" / "corpus").glob("*.txt"))] + [seed]
    bodies = [p.read_text(encoding="utf-8").strip() for p in parts]
    chunks, size = [], 0
    while size < TARGET:
        for body in bodies:
            chunks.append(body)
            size += len(body) + 2
            if size >= TARGET:
                break
    big = tmp / "joined.txt"
    big.write_text("Joined corpus for timing\n\n" + "\n\n".join(chunks) + "\n", encoding="utf-8")
    return [("seed", load_article(str(seed))), (f"joined {size // 1000} KB", load_article(str(big)))]


def _best(fn, repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main(argv: list[str]) -> int:
    import tempfile

    from tui.analysis import load_pipeline
    from tui.analysis.clustering import cluster
    from tui.analysis.engine import parse
    from tui.analysis.entities import resolve
    from tui.analysis.kinds import decide
    from tui.analysis.quotes import find_quotes

    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 3
    nlp = load_pipeline()
    from tui.analysis import gazetteer

    t0 = time.perf_counter()
    gazetteer.lookup("Kyiv")  # the place index loads once per process; timed apart
    print(f"gazetteer index load (once per process): {time.perf_counter() - t0:.3f} s")
    with tempfile.TemporaryDirectory() as tmp:
        for name, article in _articles(Path(tmp)):
            t_spacy, parsed = _best(lambda: parse(article, nlp), repeat)
            t_ent, entities = _best(lambda: decide(cluster(resolve(parsed)), parsed), repeat)
            t_quotes, (quotes, speakers) = _best(lambda: find_quotes(article, parsed, entities), repeat)
            rules = t_ent + t_quotes
            print(
                f"{name:16} {len(article.text):8,} chars  spaCy {t_spacy:7.3f} s  "
                f"rules {rules:6.3f} s (entities {t_ent:.3f}, quotes {t_quotes:.3f})  "
                f"rules/spaCy {rules / t_spacy:6.1%}  quotes {len(quotes)}  speakers {len(speakers)}"
            )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv[1:]))

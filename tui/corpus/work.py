"""The unit of batch work, the same on a local process and on a Dask worker: a chunk of decoded
articles in, one shard's Parquet files (as bytes) out.

Inputs travel as text (decoded `Article`s), so a cluster's workers need no access to the
client's files; results travel back as Parquet bytes, so the client only writes them. The spaCy
pipeline is loaded once per process (`load_pipeline` is cached) and reused for every chunk.
"""

from __future__ import annotations

import json
import resource
import signal
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import Article
from .shards import ShardData, encode
from .tables import add_article, add_error, count_tokens, empty_rows, to_tables

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass(frozen=True, slots=True)
class Item:
    article: Article
    digest: str  # tables.text_hash(article)
    date: str | None  # the file's modification date (YYYY-MM-DD), for articles without one


# One short article through the whole analysis: the first call pays for what loads lazily (the
# gazetteer, spaCy's first batch), so chunk timings measure steady work.
_WARM_UP = 'Warm-up\n\nPARIS (Newswire) - "It works," Jane Doe, the mayor of Paris, said on Monday.\n'


@lru_cache(maxsize=4)
def ready_pipeline(model: str | None) -> tuple[Language, float]:
    """The pipeline, loaded and warmed once per process (local worker or Dask worker), and the
    CPU seconds that start-up cost this process."""
    from ..analysis import load_pipeline
    from ..analysis.engine import analyse_many
    from ..document import article_from_bytes

    nlp = load_pipeline(model)
    list(analyse_many([article_from_bytes(_WARM_UP.encode(), "warm-up.txt")], nlp))
    return nlp, time.process_time()


def init_local_worker(model: str | None) -> None:
    """Process-pool initializer: ctrl+c is the parent's to handle (it stops handing out work and
    keeps only complete shards), and the pipeline is ready before the first chunk arrives."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    ready_pipeline(model)


def analyse_chunk(items: list[Item], model: str | None, jsonl: bool = False) -> ShardData:
    from ..analysis.engine import analyse_many
    from ..analysis.export import to_json
    from ..safe_text import escape_json

    nlp, startup_cpu = ready_pipeline(model)
    cpu_before = time.process_time()
    rows = empty_rows()
    lines: list[str] = []
    data = ShardData(files={})
    for item, (_, analysis) in zip(items, analyse_many([item.article for item in items], nlp)):
        if isinstance(analysis, Exception):  # one bad article is a row in `errors`, never the end of the batch
            add_error(rows, item.article.source, f"analysis failed: {type(analysis).__name__}: {' '.join(str(analysis).split())}")
            continue
        add_article(rows, item.article, analysis, digest=item.digest, date=item.date)
        data.done_keys.append((item.digest, analysis.model, analysis.rules_version))
        data.tokens += count_tokens(item.article.text)
        if jsonl:
            lines.append(escape_json(json.dumps(to_json(item.article, analysis), ensure_ascii=False)))
    data.files = encode(to_tables(rows))
    if jsonl:
        data.files["analysis.jsonl"] = "".join(line + "\n" for line in lines).encode("utf-8")
    data.articles, data.errors = len(rows["articles"]), len(rows["errors"])
    data.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    data.cpu_seconds = time.process_time() - cpu_before
    data.startup_cpu_seconds = startup_cpu
    return data

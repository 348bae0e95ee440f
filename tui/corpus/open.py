"""What `newsreader PATH` means when PATH is a corpus: an index file, or a batched folder
(indexed on first open into OUT/corpus.db, and again whenever a shard is newer)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .sniff import looks_like_index

if TYPE_CHECKING:
    from .query import Corpus


class CorpusOpenError(Exception):
    pass


def corpus_index(arg: str) -> Path | None:
    """The index file `arg` stands for, or None when it is an ordinary article argument."""
    path = Path(arg)
    if path.is_file() and looks_like_index(path):
        return path
    if path.is_dir():  # shards are Parquet: pyarrow is imported only for a folder, not every file
        from .shards import is_batch_folder

        if is_batch_folder(path):
            return path / "corpus.db"
    return None


def open_corpus(index: Path) -> Corpus:
    # Imported here: `corpus_index` runs for every file the reader opens, and SQLite with the
    # index and query code cost ~25 ms of the start-up of an ordinary article.
    from .index import IndexError_, build_index
    from .query import Corpus, CorpusError
    from .shards import is_batch_folder, shard_dirs

    folder = index.parent
    try:
        if index.name == "corpus.db" and is_batch_folder(folder):
            newest = max(d.stat().st_mtime for d in shard_dirs(folder))
            if not index.exists() or index.stat().st_mtime < newest:
                build_index(folder, index)
        return Corpus(index)
    except (IndexError_, CorpusError) as exc:
        raise CorpusOpenError(str(exc)) from None
    except OSError as exc:
        raise CorpusOpenError(f"{index}: {exc.strerror or exc}") from None

"""Batch output on disk: a folder of shards, each a folder of one Parquet file per table.

A shard is written under a temporary name and renamed into place in one step, so an interrupted
run (ctrl+c, a killed machine) leaves complete shards and temporary folders that the next run
removes; readers only ever look at complete shards. Layout::

    OUT/shard-000001-3f9c.../articles.parquet, quotes.parquet, speakers.parquet,
                             entities.parquet, mentions.parquet, errors.parquet
                             [analysis.jsonl]  (--jsonl: the `--json` records)
"""

from __future__ import annotations

import io
import os
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .tables import SCHEMAS, TABLES

SHARD_PREFIX = "shard-"
_TMP_PREFIX = ".tmp-shard-"


@dataclass
class ShardData:
    """One shard's files as bytes: what a worker (local or on a cluster) sends back."""

    files: dict[str, bytes]
    articles: int = 0
    errors: int = 0
    tokens: int = 0
    peak_rss_mb: float = 0.0
    cpu_seconds: float = 0.0  # the worker's CPU time for this chunk (parsing, rules, encoding)
    startup_cpu_seconds: float = 0.0  # what loading and warming the pipeline cost that worker
    done_keys: list[tuple[str, str, str]] = field(default_factory=list)  # (text_hash, model, rules_version)


def encode(tables: dict[str, pa.Table]) -> dict[str, bytes]:
    files = {}
    for name, table in tables.items():
        sink = io.BytesIO()
        pq.write_table(table, sink, compression="zstd")
        files[f"{name}.parquet"] = sink.getvalue()
    return files


def write_shard(out: Path, seq: int, data: ShardData) -> Path:
    """Write all files of a shard, then make it visible with one rename."""
    tmp = out / f"{_TMP_PREFIX}{uuid.uuid4().hex}"
    tmp.mkdir(parents=True)
    try:
        for name, payload in data.files.items():
            with open(tmp / name, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
        final = out / f"{SHARD_PREFIX}{seq:06d}-{uuid.uuid4().hex[:8]}"
        os.replace(tmp, final)
        return final
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def remove_leftovers(out: Path) -> int:
    """Temporary folders of an interrupted run; returns how many were removed."""
    count = 0
    for tmp in out.glob(f"{_TMP_PREFIX}*"):
        shutil.rmtree(tmp, ignore_errors=True)
        count += 1
    return count


def shard_dirs(out: Path) -> list[Path]:
    return sorted(p for p in out.glob(f"{SHARD_PREFIX}*") if p.is_dir())


def next_seq(out: Path) -> int:
    seqs = [int(p.name.split("-")[1]) for p in shard_dirs(out) if p.name.split("-")[1].isdigit()]
    return max(seqs, default=0) + 1


def read_table(out: Path, name: str, columns: list[str] | None = None) -> pa.Table:
    """One table over every complete shard (empty, with its schema, when there are none)."""
    if name not in SCHEMAS:
        raise KeyError(name)
    parts = [pq.read_table(d / f"{name}.parquet", columns=columns) for d in shard_dirs(out) if (d / f"{name}.parquet").exists()]
    if not parts:
        schema = SCHEMAS[name] if columns is None else pa.schema([SCHEMAS[name].field(c) for c in columns])
        return schema.empty_table()
    return pa.concat_tables(parts)


def done_keys(out: Path) -> set[tuple[str, str, str]]:
    """(text_hash, model, rules_version) of every article already in a complete shard."""
    table = read_table(out, "articles", columns=["text_hash", "model", "rules_version"])
    return set(zip(*(table.column(c).to_pylist() for c in ("text_hash", "model", "rules_version"))))


def is_batch_folder(path: Path) -> bool:
    return path.is_dir() and any((d / "articles.parquet").exists() for d in shard_dirs(path))


__all__ = ["TABLES", "ShardData", "done_keys", "encode", "read_table", "remove_leftovers", "shard_dirs", "write_shard"]

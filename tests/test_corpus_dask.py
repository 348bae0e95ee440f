"""`newsreader batch --scheduler`: the same work on a real dask.distributed cluster (two worker
processes on 127.0.0.1) gives the local pool's tables row for row."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.corpus_support import make_archive
from tui.corpus.batch import BatchError, BatchOptions, run_batch
from tui.corpus.shards import read_table
from tui.corpus.tables import SCHEMAS, TABLES

ROOT = Path(__file__).resolve().parent.parent
# What identifies a row in each table (sources are the same paths in both runs).
KEYS = {
    "articles": ("article_id",),
    "quotes": ("article_id", "id"),
    "speakers": ("article_id", "id"),
    "entities": ("article_id", "id"),
    "mentions": ("article_id", "entity_id", "start"),
    "errors": ("source",),
}


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None) as cluster:
        yield cluster


def _rows(out: Path, table: str) -> list[dict]:
    rows = read_table(out, table).to_pylist()
    return sorted(rows, key=lambda r: tuple(r[k] for k in KEYS[table]))


def test_dask_run_equals_local_run_row_for_row(cluster, tmp_path):
    archive = make_archive(tmp_path)
    local = run_batch(BatchOptions([str(archive)], tmp_path / "local", workers=1, chunk_chars=1500))
    remote = run_batch(BatchOptions([str(archive)], tmp_path / "dask", scheduler=cluster.scheduler_address, chunk_chars=1500))
    assert remote.workers == 2
    assert (remote.articles, remote.errors) == (local.articles, local.errors) == (4, 2)
    assert remote.shards >= 3  # the chunks really were spread out as separate tasks
    for table in TABLES:
        assert list(SCHEMAS[table].names) == read_table(tmp_path / "dask", table).column_names
        assert _rows(tmp_path / "dask", table) == _rows(tmp_path / "local", table), table
    # Resume works the same against a cluster.
    again = run_batch(BatchOptions([str(archive)], tmp_path / "dask", scheduler=cluster.scheduler_address))
    assert (again.articles, again.skipped) == (0, 4)


def test_cli_with_scheduler(cluster, tmp_path):
    archive = make_archive(tmp_path, picks=("15_wire_two_people.txt",))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tui",
            "batch",
            str(archive),
            "-o",
            str(tmp_path / "out"),
            "--scheduler",
            cluster.scheduler_address,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert done.returncode == 1, done.stderr  # the archive's two bad files
    assert read_table(tmp_path / "out", "articles").num_rows == 1


def test_unreachable_scheduler_is_one_line(tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(BatchError, match="cannot reach the Dask scheduler"):
        run_batch(BatchOptions([str(ROOT / "seeds")], tmp_path / "out", scheduler=f"tcp://127.0.0.1:{port}"))

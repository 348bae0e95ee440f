"""Many articles at once: batch runs (a local process pool or a Dask cluster) writing Parquet
shards, and the SQLite index the corpus view reads. Never imports the UI toolkit."""

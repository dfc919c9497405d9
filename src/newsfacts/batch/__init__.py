"""Batch at scale on Dask distributed: WARC, JSON Lines and folders in, Parquet (and a store) out.

See `runner.run_batch` for the steps and docs/batch.md for the command.
"""

from .chunks import Chunk, Source, find_sources, plan_chunks, read_chunk
from .runner import BatchConfig, BatchSummary, process_chunk, run_batch
from .tables import SCHEMAS, TABLES, read_table

__all__ = [
    "SCHEMAS",
    "TABLES",
    "BatchConfig",
    "BatchSummary",
    "Chunk",
    "Source",
    "find_sources",
    "plan_chunks",
    "process_chunk",
    "read_chunk",
    "read_table",
    "run_batch",
]

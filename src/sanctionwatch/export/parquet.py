"""Claims as Parquet (``export --format parquet``): one row a claim, typed columns, for
DuckDB, pandas, Polars or Spark.  Needs pyarrow (the ``export`` extra)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..exceptions import ConfigError, MissingExtraError

__all__ = ["write_parquet"]

#: columns that are not strings; every other column is a (nullable) string
_FLOATS = {"quantity", "quantity_max", "confidence"}
_INTS = {"evidence_start", "evidence_end"}
_BOOLS = {"negated"}
_LISTS = {"cameo"}


def _schema(columns: Sequence[str]) -> Any:
    import pyarrow as pa

    def kind(name: str) -> Any:
        if name in _FLOATS:
            return pa.float64()
        if name in _INTS:
            return pa.int64()
        if name in _BOOLS:
            return pa.bool_()
        if name in _LISTS:
            return pa.list_(pa.string())
        return pa.string()

    return pa.schema([pa.field(c, kind(c)) for c in columns],
                     metadata={"schema": "sanctionwatch.claim/1", "rows": "one claim a row"})


def write_parquet(rows: Iterable[dict[str, Any]], path: str | Path, columns: Sequence[str],
                  batch_rows: int = 10_000) -> int:
    """Write flat claim rows to ``path`` in batches (memory stays flat); returns the row count."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingExtraError("pyarrow", "export") from None
    schema = _schema(columns)
    n = 0
    batch: list[dict[str, Any]] = []
    try:
        writer = pq.ParquetWriter(str(path), schema, compression="zstd")
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc}; give a writable file with --output") from None
    with writer:
        for row in rows:
            batch.append(row)
            if len(batch) >= batch_rows:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n

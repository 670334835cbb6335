"""``marsad export``: merged events from the store in the formats of SCHEMA.md §6.

Every format reads the same filtered stream of merged records (SCHEMA.md §4), written to a
temporary file that replaces ``--out`` only when complete.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from marsad.export.acled import COLUMNS as ACLED_COLUMNS
from marsad.export.acled import acled_row
from marsad.export.filters import FilterError, Filters, parse_bbox
from marsad.export.geojson import feature
from marsad.export.graphml import write_graphml
from marsad.export.plover import plover_record
from marsad.store.db import Store

FORMATS = ("jsonl", "plover", "acled-csv", "geojson", "graphml", "parquet")
SUFFIX = {"jsonl": ".jsonl", "plover": ".jsonl", "acled-csv": ".csv", "geojson": ".geojson",
          "graphml": ".graphml", "parquet": ".parquet"}

__all__ = ["FORMATS", "FilterError", "Filters", "export", "parse_bbox"]


@contextmanager
def _text_out(out: Path | str) -> Iterator[TextIO]:
    if str(out) == "-":
        yield sys.stdout
        return
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def export(store: Store, fmt: str, out: Path | str, filters: Filters | None = None) -> int:
    """Write the filtered merged events in ``fmt``; returns how many were written."""
    if fmt not in FORMATS:
        raise FilterError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    where, params = (filters or Filters()).sql()
    if fmt == "parquet":
        return _parquet(store, where, params, out)
    records = store.merged_records(where, params)
    n = 0
    with _text_out(out) as fh:
        if fmt in ("jsonl", "plover"):
            for rec in records:
                line = rec if fmt == "jsonl" else plover_record(rec)
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
                n += 1
        elif fmt == "acled-csv":
            w = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS)
            w.writeheader()
            for rec in records:
                w.writerow(acled_row(rec))
                n += 1
        elif fmt == "geojson":
            fh.write('{"type": "FeatureCollection", "features": [\n')
            for rec in records:
                f = feature(rec)
                if f is not None:
                    fh.write((",\n" if n else "") + json.dumps(f, ensure_ascii=False))
                    n += 1
            fh.write("\n]}\n")
        elif fmt == "graphml":
            write_graphml(records, fh)
            n = store.con.execute(f"SELECT count(*) FROM merged_events WHERE {where}",
                                  params).fetchone()[0]
    return n


def _parquet(store: Store, where: str, params: list, out: Path | str) -> int:
    """Columns for analysis plus the full record as JSON, written by DuckDB itself."""
    if str(out) == "-":
        raise FilterError("parquet cannot be written to standard output: give --out FILE")
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    con = store.con
    con.execute(f"CREATE OR REPLACE TEMP TABLE _export AS SELECT * FROM merged_events "
                f"WHERE {where} ORDER BY date_start, merged_event_id", params)
    try:
        con.execute(f"COPY _export TO '{_sql_str(tmp)}' (FORMAT PARQUET)")
        os.replace(tmp, path)
        return con.execute("SELECT count(*) FROM _export").fetchone()[0]
    finally:
        con.execute("DROP TABLE IF EXISTS _export")
        tmp.unlink(missing_ok=True)


def _sql_str(p: Path) -> str:
    return str(p).replace("'", "''")

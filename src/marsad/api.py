"""The Python API: a store opened from a notebook or a script.

    import marsad
    db = marsad.open("events.duckdb")
    db.ingest([{"id": "a1", "text": "...", "published": "2024-01-28", "outlet": "..."}])
    df = db.events(since="2024-01-01", type="ASSAULT")

Queries return pandas DataFrames (one row per merged event, SCHEMA.md §4 fields as columns),
because that is what analysts reach for next; ``records=True`` gives the plain dicts.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from marsad.export.filters import Filters, parse_bbox
from marsad.model import Article
from marsad.store.db import Store

if TYPE_CHECKING:  # the pipeline loads only when ingest() needs it: `import marsad` stays fast
    from marsad.engine.run import Extractor, RunStats

EVENT_COLUMNS = ["merged_event_id", "event_type", "date_start", "date_end", "date_precision",
                 "factuality", "actor", "actor_ids", "recipient", "recipient_ids", "location",
                 "country", "admin1", "lat", "lon", "location_precision", "mode", "fatalities",
                 "injured", "num_articles", "num_outlets", "first_reported", "historical",
                 "aggregate", "confidence", "sources", "record"]


def _listify(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


class Marsad:
    """An open Marsad store. Close it (or use ``with``) to let other processes write."""

    def __init__(self, path: str | os.PathLike[str] | None = None, read_only: bool = False,
                 kb_extra: Iterable[Path] = ()) -> None:
        self.store = Store(path, read_only=read_only)
        self.path = self.store.path
        self._kb_extra = list(kb_extra)
        self._extractor: Extractor | None = None

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Marsad:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<marsad store {self.path}>"

    # ------------------------------------------------------------------ writing

    def ingest(self, records: Iterable[dict[str, Any] | Article]) -> RunStats:
        """Add articles (SCHEMA.md §2 records or Article objects): extraction, stories and
        merging as ``marsad run`` does. Unchanged articles are skipped, edited ones replaced."""
        from marsad.engine.run import Extractor, run_articles
        from marsad.ingest.readers import record_to_article

        if self._extractor is None:
            self._extractor = Extractor(self._kb_extra)
        items = (r if isinstance(r, Article) else record_to_article(r, f"record {i + 1}")
                 for i, r in enumerate(records))
        return run_articles(self.store, items, self._extractor)

    # ------------------------------------------------------------------ reading

    def _filters(self, since: str | None, until: str | None, type: str | Iterable[str] | None,
                 actor: str | Iterable[str] | None, country: str | Iterable[str] | None,
                 bbox: str | tuple[float, float, float, float] | None,
                 include_historical: bool, min_sources: int) -> Filters:
        return Filters(since=since, until=until, types=_listify(type), actors=_listify(actor),
                       countries=_listify(country),
                       bbox=parse_bbox(bbox) if isinstance(bbox, str) else bbox,
                       include_historical=include_historical, min_sources=min_sources)

    def events(self, since: str | None = None, until: str | None = None,
               type: str | Iterable[str] | None = None, actor: str | Iterable[str] | None = None,
               country: str | Iterable[str] | None = None,
               bbox: str | tuple[float, float, float, float] | None = None,
               include_historical: bool = False, min_sources: int = 1,
               records: bool = False) -> Any:
        """Merged events matching the filters, as a DataFrame (or a list of dicts)."""
        f = self._filters(since, until, type, actor, country, bbox, include_historical,
                          min_sources)
        where, params = f.sql()
        recs = list(self.store.merged_records(where, params))
        if records:
            return recs
        import pandas as pd

        return pd.DataFrame([_row(r) for r in recs], columns=EVENT_COLUMNS)

    def reports(self, article_id: str | None = None) -> Any:
        """The per-article events (SCHEMA.md §3) with the merged event each belongs to."""
        import pandas as pd

        cond, params = ("WHERE article_id = ?", [article_id]) if article_id else ("", [])
        rows = self.store.con.execute(
            f"SELECT record, merged_event_id FROM events {cond} ORDER BY article_id, event_id",
            params).fetchall()
        recs = [{**json.loads(r), "merged_event_id": m} for r, m in rows]
        return pd.DataFrame(recs)

    def articles(self) -> Any:
        """One row per stored article: id, outlet, url, published, story_id."""
        return self.store.con.execute(
            "SELECT article_id, title, outlet, url, published, story_id, source "
            "FROM articles ORDER BY published, article_id").df()

    def counts(self) -> dict[str, int]:
        return self.store.counts()

    def export(self, fmt: str, out: str | os.PathLike[str], **filters: Any) -> int:
        """Write merged events like ``marsad export`` (same formats and filters)."""
        from marsad.export import export

        f = self._filters(filters.get("since"), filters.get("until"), filters.get("type"),
                          filters.get("actor"), filters.get("country"), filters.get("bbox"),
                          filters.get("include_historical", False),
                          filters.get("min_sources", 1))
        return export(self.store, fmt, str(out), f)

    def sql(self, query: str, params: list[Any] | None = None) -> Any:
        """Any read query on the store's tables, as a DataFrame (see docs/store.md)."""
        return self.store.con.execute(query, params or []).df()


def _names(ents: list[dict[str, Any]]) -> str | None:
    return "; ".join(e.get("name_en") or e.get("text") or "" for e in ents) or None


def _row(rec: dict[str, Any]) -> dict[str, Any]:
    d = rec.get("date") or {}
    loc = rec.get("location") or {}
    return {
        "merged_event_id": rec["merged_event_id"], "event_type": rec["event_type"],
        "date_start": d.get("start"), "date_end": d.get("end"),
        "date_precision": d.get("precision"), "factuality": rec.get("factuality"),
        "actor": _names(rec.get("actor") or []),
        "actor_ids": [e.get("id") for e in rec.get("actor") or []],
        "recipient": _names(rec.get("recipient") or []),
        "recipient_ids": [e.get("id") for e in rec.get("recipient") or []],
        "location": loc.get("name_en") or loc.get("text"), "country": loc.get("country"),
        "admin1": loc.get("admin1"), "lat": loc.get("lat"), "lon": loc.get("lon"),
        "location_precision": loc.get("precision"), "mode": rec.get("mode") or [],
        "fatalities": rec.get("fatalities"), "injured": rec.get("injured"),
        "num_articles": rec.get("num_articles"), "num_outlets": rec.get("num_outlets"),
        "first_reported": rec.get("first_reported"), "historical": rec.get("historical"),
        "aggregate": rec.get("aggregate"), "confidence": rec.get("confidence"),
        "sources": rec.get("sources") or [], "record": rec,
    }


def open(path: str | os.PathLike[str] | None = None, read_only: bool = False,
         kb_extra: Iterable[Path] = ()) -> Marsad:
    """Open (or create) a store; ``path`` defaults as for ``marsad run --db``."""
    return Marsad(path, read_only=read_only, kb_extra=kb_extra)

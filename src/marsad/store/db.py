"""The event store: one embedded DuckDB file holding articles, events and merged events.

Writes happen in batches, each batch in one transaction (articles, their events, story and
merge updates together), so a run killed at any moment leaves the file as it was after the
last finished batch; re-running skips what is already there by content hash.
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import duckdb

from marsad import __version__
from marsad.model import Article, Doc
from marsad.store.paths import resolve_db_path
from marsad.store.schema import SCHEMA_VERSION, current_version, migrate


def content_hash(article: Article) -> str:
    """What makes two versions of an article the same: its text and its metadata."""
    parts = [article.text or "", article.html or "", article.title or "", article.url or "",
             article.outlet or "", article.published or ""]
    blob = "\x1f".join(unicodedata.normalize("NFC", p) for p in parts)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()


@dataclass
class Processed:
    """An article ready to store: its §2 record, clean text, mentions and §3 events.

    Small and picklable, so worker processes can hand it back to the writer.
    """

    article_id: str
    content_hash: str
    record: dict[str, Any]  # SCHEMA.md §2 output record without text, html and clean_text
    clean_text: str
    published: str | None
    source: str | None
    mentions: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    version: str = __version__

    @classmethod
    def from_doc(cls, doc: Doc, chash: str) -> Processed:
        record = doc.to_article_record()
        for key in ("clean_text", "text", "html", "mentions"):
            record.pop(key, None)
        return cls(article_id=doc.id, content_hash=chash, record=record,
                   clean_text=doc.clean_text, published=doc.published,
                   source=doc.article.source, mentions=[m.to_dict() for m in doc.mentions],
                   events=_unique([ev.to_dict() for ev in doc.events]))


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _day(value: str | None) -> str | None:
    return value[:10] if value else None


class Store:
    """An open store file. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | os.PathLike[str] | None = None,
                 read_only: bool = False) -> None:
        self.path = resolve_db_path(path)
        if read_only and not self.path.exists():
            raise FileNotFoundError(f"{self.path}: no such database (run `marsad run` first)")
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(str(self.path), read_only=read_only)
        if read_only:
            if current_version(self.con) != SCHEMA_VERSION:
                self.con.close()
                raise RuntimeError(f"{self.path}: schema version {current_version(self.con)}"
                                   f" (expected {SCHEMA_VERSION}); open it writable to migrate")
        else:
            migrate(self.con)

    # ------------------------------------------------------------------ plumbing

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All or nothing: a batch is either fully written or not at all."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    @property
    def schema_version(self) -> int:
        return current_version(self.con)

    def counts(self) -> dict[str, int]:
        """Rows per table: what `marsad run` reports and what tests compare."""
        out = {}
        for table in ("articles", "mentions", "entities", "events", "merged_events", "sources"):
            out[table] = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        out["stories"] = self.con.execute(
            "SELECT count(DISTINCT story_id) FROM articles").fetchone()[0]
        return out

    # ------------------------------------------------------------------ articles

    def known_hashes(self, article_ids: list[str]) -> dict[str, str]:
        """Stored content hash of each of these articles that the store already has."""
        if not article_ids:
            return {}
        rows = self.con.execute(
            "SELECT article_id, content_hash FROM articles WHERE article_id IN "
            "(SELECT unnest(?))", [article_ids]).fetchall()
        return dict(rows)

    def remove_article(self, article_id: str) -> list[str]:
        """Drop an article's old version and its events; returns the removed event ids.

        Merged events and stories that held them are repaired by the merge step of the
        same transaction.
        """
        ids = [r[0] for r in self.con.execute(
            "SELECT event_id FROM events WHERE article_id = ?", [article_id]).fetchall()]
        if ids:
            self.con.execute("DELETE FROM event_keys WHERE event_id IN (SELECT unnest(?))", [ids])
        self.con.execute("DELETE FROM events WHERE article_id = ?", [article_id])
        self.con.execute("DELETE FROM mentions WHERE article_id = ?", [article_id])
        self.con.execute("DELETE FROM articles WHERE article_id = ?", [article_id])
        return ids

    def add_many(self, batch: list[Processed]) -> None:
        """Write processed articles with their mentions, entities and (unmerged) events."""
        arts, mentions, events = [], [], []
        entities: dict[str, tuple] = {}
        for p in batch:
            arts.append((p.article_id, p.content_hash, p.record.get("title"),
                         p.record.get("url"), p.record.get("outlet"), _day(p.published),
                         p.record.get("lang"), p.source, p.clean_text, _json(p.record),
                         p.version))
            mentions += [(p.article_id, i, m.get("text"), m.get("start"), m.get("end"),
                          m.get("type"), (m.get("entity") or {}).get("id"))
                         for i, m in enumerate(p.mentions)]
            events += [self._event_row({**ev, "article_id": p.article_id}) for ev in p.events]
            _collect_entities(p, entities)
        insert_rows(self.con, "articles", ARTICLE_COLS, arts)
        insert_rows(self.con, "mentions", MENTION_COLS, mentions)
        insert_rows(self.con, "events", EVENT_COLS, events)
        known = {r[0] for r in self.con.execute(
            "SELECT entity_id FROM entities WHERE entity_id IN (SELECT unnest(?))",
            [sorted(entities)]).fetchall()} if entities else set()
        insert_rows(self.con, "entities", ENTITY_COLS,
                    [v for k, v in sorted(entities.items()) if k not in known])

    def add(self, p: Processed) -> None:
        self.add_many([p])

    @staticmethod
    def _event_row(ev: dict[str, Any]) -> list[Any]:
        d = ev.get("date") or {}
        loc = ev.get("location") or {}
        return [ev["event_id"], ev["article_id"], ev["event_type"], ev.get("factuality"),
                bool(ev.get("historical")), bool(ev.get("aggregate")), _day(d.get("start")),
                _day(d.get("end")), d.get("precision"), d.get("basis"), loc.get("country"),
                loc.get("lat"), loc.get("lon"),
                [e["id"] for e in ev.get("actor") or [] if e.get("id")],
                [e["id"] for e in ev.get("recipient") or [] if e.get("id")], _json(ev)]

    # ------------------------------------------------------------------ reading

    def merged_records(self, where: str = "TRUE", params: list[Any] | None = None,
                       order: str = "date_start, merged_event_id") -> Iterator[dict[str, Any]]:
        """Merged event records (SCHEMA.md §4) matching a SQL condition on merged_events."""
        cur = self.con.cursor()
        cur.execute(f"SELECT record FROM merged_events WHERE {where} ORDER BY {order}",
                    params or [])
        while rows := cur.fetchmany(1000):
            for (rec,) in rows:
                yield json.loads(rec)

    def article_record(self, article_id: str) -> dict[str, Any] | None:
        row = self.con.execute("SELECT record, clean_text, story_id FROM articles "
                               "WHERE article_id = ?", [article_id]).fetchone()
        if row is None:
            return None
        rec = json.loads(row[0])
        rec["clean_text"] = row[1]
        rec["story_id"] = row[2]
        return rec


def _collect_entities(p: Processed, ents: dict[str, tuple]) -> None:
    for ev in p.events:
        for e in (ev.get("actor") or []) + (ev.get("recipient") or []):
            if e.get("id"):
                ents[e["id"]] = (e["id"], e.get("name_en"), e.get("name_ar"), e.get("sector"),
                                 e.get("country"), bool(e.get("generic")), "actor")
    for m in p.mentions:
        ent = m.get("entity") or {}
        if ent.get("id") and ent["id"] not in ents:
            kind = "place" if "lat" in ent else "actor"
            ents[ent["id"]] = (ent["id"], ent.get("name_en"), ent.get("name_ar"),
                               ent.get("sector"), ent.get("country"), False, kind)


ARTICLE_COLS = ["article_id", "content_hash", "title", "url", "outlet", "published", "lang",
                "source", "clean_text", "record", "pipeline_version"]
MENTION_COLS = ["article_id", "idx", "text", "start_off", "end_off", "type", "entity_id"]
ENTITY_COLS = ["entity_id", "name_en", "name_ar", "sector", "country", "generic", "kind"]
EVENT_COLS = ["event_id", "article_id", "event_type", "factuality", "historical", "aggregate",
              "date_start", "date_end", "date_precision", "date_basis", "country", "lat", "lon",
              "actor_ids", "recipient_ids", "record"]


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, columns: list[str],
                rows: list[Any] | Any) -> None:
    """Bulk insert: rows (tuples, or a DataFrame) go in with one statement.

    DuckDB runs ``executemany`` row by row; a registered DataFrame is one columnar insert,
    which is what keeps a batch of hundreds of articles in the milliseconds.
    """
    import pandas as pd

    df = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows, columns=columns)
    if df.empty:
        return
    cols = ", ".join(columns)
    with registered(con, "_marsad_rows", df):
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _marsad_rows")


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, name: str, df: Any) -> Iterator[None]:
    """A DataFrame visible to SQL as view ``name`` for the duration of the block: bulk
    inserts and updates join against it instead of running row by row."""
    con.register(name, df)
    try:
        yield
    finally:
        con.unregister(name)


def linked_components(con: duckdb.DuckDBPyConnection, table: str,
                      seeds: set[str]) -> dict[str, str]:
    """Every id connected to the seeds through the ``(a, b)`` link table, mapped to the
    smallest id of its connected group (union-find, expanded a frontier at a time so only
    the touched part of the table is read)."""
    parent: dict[str, str] = {x: x for x in seeds}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    frontier = sorted(seeds)
    while frontier:
        rows = con.execute(f"SELECT a, b FROM {table} WHERE a IN (SELECT unnest($1)) "
                           "OR b IN (SELECT unnest($1))", [frontier]).fetchall()
        nxt = set()
        for a, b in rows:
            for x in (a, b):
                if x not in parent:
                    parent[x] = x
                    nxt.add(x)
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
        frontier = sorted(nxt)
    return {x: find(x) for x in parent}


def _unique(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events with distinct ids (the extractor codes an action once; guard against repeats)."""
    seen: set[str] = set()
    out = []
    for ev in events:
        if ev["event_id"] not in seen:
            seen.add(ev["event_id"])
            out.append(ev)
    return out


def open_store(path: str | os.PathLike[str] | None = None, read_only: bool = False) -> Store:
    return Store(path, read_only=read_only)


__all__ = ["Processed", "Store", "content_hash", "open_store"]

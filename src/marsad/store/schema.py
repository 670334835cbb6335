"""The store's tables, and the migrations that bring an older file up to date.

Each migration is a list of SQL statements run in one transaction with the version bump, so
a file is always at exactly one version. Add a migration by appending to :data:`MIGRATIONS`;
never edit one that has shipped. Full records are kept as JSON text next to the columns that
queries filter on, so exports give back exactly the SCHEMA.md records.
"""

from __future__ import annotations

import duckdb

V1 = [
    """CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
    # One row per article: its latest version (content_hash tells versions apart).
    """CREATE TABLE articles (
        article_id VARCHAR PRIMARY KEY, content_hash VARCHAR NOT NULL,
        title VARCHAR, url VARCHAR, outlet VARCHAR, published DATE, lang VARCHAR,
        source VARCHAR, story_id VARCHAR, clean_text VARCHAR, record VARCHAR,
        pipeline_version VARCHAR, ingested_at TIMESTAMP DEFAULT current_timestamp)""",
    """CREATE TABLE mentions (
        article_id VARCHAR, idx INTEGER, text VARCHAR, start_off INTEGER, end_off INTEGER,
        type VARCHAR, entity_id VARCHAR)""",
    """CREATE TABLE entities (
        entity_id VARCHAR PRIMARY KEY, name_en VARCHAR, name_ar VARCHAR, sector VARCHAR,
        country VARCHAR, generic BOOLEAN, kind VARCHAR)""",
    # One row per extracted event (SCHEMA.md §3), with the merged event it belongs to.
    """CREATE TABLE events (
        event_id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, event_type VARCHAR,
        factuality VARCHAR, historical BOOLEAN, aggregate BOOLEAN,
        date_start DATE, date_end DATE, date_precision VARCHAR, date_basis VARCHAR,
        win_lo DATE, win_hi DATE, country VARCHAR, lat DOUBLE, lon DOUBLE,
        actor_ids VARCHAR[], recipient_ids VARCHAR[], merged_event_id VARCHAR,
        record VARCHAR)""",
    # Blocking keys: two events are only ever compared when they share one.
    """CREATE TABLE event_keys (event_id VARCHAR, key VARCHAR)""",
    # Pairs with enough shared evidence to merge (CODING.md §5); components of this graph
    # are re-clustered when one of their events changes.
    """CREATE TABLE event_links (a VARCHAR, b VARCHAR, score DOUBLE)""",
    """CREATE TABLE merged_events (
        merged_event_id VARCHAR PRIMARY KEY, event_type VARCHAR, factuality VARCHAR,
        historical BOOLEAN, aggregate BOOLEAN, date_start DATE, date_end DATE,
        date_precision VARCHAR, country VARCHAR, admin1 VARCHAR, location VARCHAR,
        location_precision VARCHAR, lat DOUBLE, lon DOUBLE,
        actor_ids VARCHAR[], recipient_ids VARCHAR[], num_articles INTEGER,
        num_outlets INTEGER, first_reported DATE, record VARCHAR)""",
    """CREATE TABLE sources (
        merged_event_id VARCHAR, event_id VARCHAR, article_id VARCHAR, outlet VARCHAR,
        url VARCHAR, published DATE)""",
    # Story clustering: MinHash signature, LSH band hashes, confirmed near-duplicate pairs.
    """CREATE TABLE story_signatures (article_id VARCHAR PRIMARY KEY, day INTEGER,
        n_shingles INTEGER, sig BLOB)""",
    """CREATE TABLE story_bands (article_id VARCHAR, band SMALLINT, hash UBIGINT, day INTEGER)""",
    """CREATE TABLE story_links (a VARCHAR, b VARCHAR, similarity DOUBLE)""",
    # No secondary indexes: DuckDB joins by hashing and scans columns fast, while ART
    # indexes slow every bulk insert and update down as the tables grow.
]

# v2: the precise places (sites, cities) an article names, so that two look-alike reports of
# attacks on different bases are not taken for one story.
V2 = ["""ALTER TABLE story_signatures ADD COLUMN places VARCHAR[]"""]

# v3: blocking keys other than the story key are filed per stretch of 10 days of the event's
# date window (merge/incremental.py: BUCKET_DAYS = 10, at most MAX_BUCKETS = 40 stretches,
# else "wide"), so finding candidates for a batch no longer reads every event filed under a
# busy key. Python's date.toordinal() is the day count from 0001-01-01 plus one.
V3 = [
    """CREATE TABLE event_keys_v3 AS
       SELECT event_id, key FROM event_keys WHERE key LIKE '%|s:%'""",
    """INSERT INTO event_keys_v3
       WITH w AS (
         SELECT k.event_id, k.key,
                (date_diff('day', DATE '0001-01-01', e.win_lo) + 1) // 10 AS lo,
                (date_diff('day', DATE '0001-01-01', e.win_hi) + 2) // 10 AS hi
         FROM event_keys k JOIN events e USING (event_id)
         WHERE k.key NOT LIKE '%|s:%' AND e.win_lo IS NOT NULL AND e.win_hi IS NOT NULL)
       SELECT event_id, key || '@wide' FROM w WHERE hi - lo + 1 > 40
       UNION ALL
       SELECT event_id, key || '@' || CAST(b AS VARCHAR)
       FROM (SELECT event_id, key, unnest(range(lo, hi + 1)) AS b FROM w
             WHERE hi - lo + 1 <= 40)""",
    """DROP TABLE event_keys""",
    """ALTER TABLE event_keys_v3 RENAME TO event_keys""",
    # and each article's numbers with the words around them, so that look-alike reports of
    # another day or another toll are not taken for one story (merge/stories.py)
    """ALTER TABLE story_signatures ADD COLUMN numbers VARCHAR[]""",
]

MIGRATIONS: list[list[str]] = [V1, V2, V3]
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The file's schema version (0 for a new, empty file)."""
    has_meta = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'").fetchone()
    if not has_meta or not has_meta[0]:
        return 0
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply the missing migrations, each atomically; returns the resulting version."""
    version = current_version(con)
    if version > SCHEMA_VERSION:
        raise RuntimeError(f"the database has schema version {version}, newer than this "
                           f"Marsad ({SCHEMA_VERSION}): upgrade Marsad")
    for target in range(version + 1, SCHEMA_VERSION + 1):
        con.execute("BEGIN TRANSACTION")
        try:
            for stmt in MIGRATIONS[target - 1]:
                con.execute(stmt)
            con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                        [str(target)])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION

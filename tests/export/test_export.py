"""`marsad export`: every format readable by the tools analysts use, filters that filter."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import duckdb
import networkx as nx
import pytest

from marsad.export import FilterError, Filters, export
from marsad.export.acled import ACLED_TYPES, acled_type
from marsad.store.db import Store

ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
                 "assoc_actor_2", "inter2", "interaction", "country", "admin1", "admin2",
                 "location", "latitude", "longitude", "geo_precision", "source",
                 "source_scale", "notes", "fatalities"]
MERGED_FIELDS = {"merged_event_id", "event_type", "actor", "recipient", "location", "date",
                 "sources", "num_articles", "num_outlets", "first_reported", "factuality"}


def _export(db, fmt, out, **kw) -> int:
    with Store(db, read_only=True) as store:
        return export(store, fmt, out, Filters(**kw))


def _jsonl(db, tmp_path, **kw) -> list[dict]:
    out = tmp_path / "e.jsonl"
    _export(db, "jsonl", out, **kw)
    return [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]


def test_jsonl_records_are_merged_events_with_their_sources(gold_db, tmp_path):
    recs = _jsonl(gold_db, tmp_path)
    assert all(set(r) >= MERGED_FIELDS for r in recs)
    c01 = [r for r in recs if {s["article_id"] for s in r["sources"]} >= {"c01a", "c01c"}]
    assert len(c01) == 1 and c01[0]["num_articles"] == 3 and c01[0]["num_outlets"] == 3
    src = c01[0]["sources"][0]
    assert {"article_id", "outlet", "url", "published", "evidence", "event_id"} <= set(src)


def test_historical_only_events_are_left_out_unless_asked(gold_db, tmp_path):
    ids = {s["event_id"] for r in _jsonl(gold_db, tmp_path) for s in r["sources"]}
    assert "hist-only" not in ids
    ids = {s["event_id"] for r in _jsonl(gold_db, tmp_path, include_historical=True)
           for s in r["sources"]}
    assert "hist-only" in ids


def test_geojson_is_valid_feature_collection(gold_db, tmp_path):
    out = tmp_path / "e.geojson"
    n = _export(gold_db, "geojson", out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == n > 0
    for f in doc["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert isinstance(f["properties"], dict) and f["properties"]["event_type"]
    # RFC 7946 order is [lon, lat]: Ain al-Asad is at 42.4 E, 33.8 N
    ain = [f for f in doc["features"] if f["properties"]["location"] == "Ain al-Asad Air Base"]
    assert ain and ain[0]["geometry"]["coordinates"][0] > 40


def test_graphml_loads_in_networkx(gold_db, tmp_path):
    out = tmp_path / "net.graphml"
    _export(gold_db, "graphml", out)
    g = nx.read_graphml(out)
    assert g.is_directed() and "us-military" in g and "kataib-hezbollah" in g
    # one edge per (actor, recipient, event type): parallel edges make it a multigraph
    edges = [d for u, v, d in g.edges(data=True) if (u, v) == ("us-military", "kataib-hezbollah")]
    assert {d["event_type"] for d in edges} >= {"ASSAULT"}
    assert all(d["count"] >= 1 and d["first_date"] <= d["last_date"] for d in edges)
    assert g.nodes["us-military"]["sector"] == "MIL"


def test_acled_csv_has_acled_columns_and_mapping(gold_db, tmp_path):
    out = tmp_path / "e.csv"
    _export(gold_db, "acled-csv", out)
    with out.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0])[:len(ACLED_COLUMNS)] == ACLED_COLUMNS
    types = {(r["plover_event_type"], r["event_type"], r["sub_event_type"]) for r in rows}
    assert ("PROTEST", "Protests", "Peaceful protest") in types
    assert ("SANCTION", "Strategic developments", "Other") in types
    assert all(r["event_date"] for r in rows)


def test_acled_mapping_table():
    assert acled_type("ASSAULT", ["drone"], set()) == ("Explosions/Remote violence",
                                                       "Air/drone strike")
    assert acled_type("ASSAULT", ["heavy-weapons"], set())[1] == \
        "Shelling/artillery/missile attack"
    assert acled_type("ASSAULT", ["explosives"], set())[1] == "Remote explosive/landmine/IED"
    assert acled_type("ASSAULT", [], {"CVL"})[0] == "Violence against civilians"
    assert acled_type("THREATEN", ["violence"], set()) == ("Strategic developments", "Other")
    assert ACLED_TYPES[-1][0] == "*"


def test_parquet_reads_back_with_the_same_rows(gold_db, tmp_path):
    out = tmp_path / "e.parquet"
    n = _export(gold_db, "parquet", out)
    con = duckdb.connect()
    assert con.execute(f"SELECT count(*) FROM read_parquet('{out}')").fetchone()[0] == n
    assert n == len(_jsonl(gold_db, tmp_path))
    cols = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{out}')").fetchall()}
    assert {"merged_event_id", "event_type", "lat", "lon", "num_articles", "record"} <= cols


def test_plover_layout(gold_db, tmp_path):
    out = tmp_path / "p.jsonl"
    _export(gold_db, "plover", out)
    rec = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert {"id", "date", "event", "mode", "context", "actor", "recipient", "event_loc",
            "event_text", "source"} <= set(rec)


@pytest.mark.parametrize(("kw", "check"), [
    ({"types": ["THREATEN"]}, lambda r: r["event_type"] == "THREATEN"),
    ({"since": "2024-01-01", "until": "2024-01-31"},
     lambda r: "2024-01-01" <= r["date"]["start"] <= "2024-01-31"),
    ({"countries": ["SYR"]}, lambda r: r["location"]["country"] == "SYR"),
    ({"actors": ["kataib-hezbollah"]},
     lambda r: "kataib-hezbollah" in {e["id"] for e in r["actor"] + r["recipient"]}),
    ({"bbox": (41.5, 33.0, 43.5, 34.5)},
     lambda r: 41.5 <= r["location"]["lon"] <= 43.5 and 33 <= r["location"]["lat"] <= 34.5),
    ({"min_sources": 3}, lambda r: r["num_articles"] >= 3),
])
def test_filters(gold_db, tmp_path, kw, check):
    everything = _jsonl(gold_db, tmp_path)
    got = _jsonl(gold_db, tmp_path, **kw)
    assert got and len(got) < len(everything)
    assert all(check(r) for r in got)


def test_bad_filters_are_reported():
    with pytest.raises(FilterError):
        Filters(types=["ATTACK"]).sql()
    with pytest.raises(FilterError):
        Filters(since="last week").sql()


def test_cli_export(gold_db, tmp_path):
    out = tmp_path / "cli.csv"
    r = subprocess.run([sys.executable, "-m", "marsad", "export", "--db", str(gold_db),
                        "--format", "acled-csv", "--out", str(out), "--type", "ASSAULT",
                        "--country", "IRQ"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and all(x["plover_event_type"] == "ASSAULT" and x["country"] == "IRQ"
                        for x in rows)
    bad = subprocess.run([sys.executable, "-m", "marsad", "export", "--db", str(gold_db),
                          "--type", "ATTACK"], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "unknown event type" in bad.stderr

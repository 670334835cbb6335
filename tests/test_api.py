"""The Python API as a notebook uses it: open, ingest records, query a DataFrame."""

from __future__ import annotations

import pandas as pd

import marsad

RECORDS = [
    {"id": "r1", "outlet": "Outlet A", "published": "2024-01-21",
     "text": "تعرضت قاعدة عين الأسد الجوية في محافظة الأنبار مساء السبت 20 كانون الثاني 2024 "
             "لهجوم بعدة صواريخ استهدف القوات الأمريكية."},
    {"id": "r2", "outlet": "Outlet B", "published": "2024-01-21",
     "text": "قال مصدر أمني إن قاعدة عين الأسد الجوية في محافظة الأنبار تعرضت مساء السبت 20 "
             "كانون الثاني 2024 لهجوم بعدة صواريخ استهدف القوات الأمريكية."},
]


def test_open_ingest_query(tmp_path):
    with marsad.open(tmp_path / "api.duckdb") as db:
        stats = db.ingest(RECORDS)
        assert stats.added == 2
        df = db.events(type="ASSAULT")
        assert isinstance(df, pd.DataFrame) and len(df) >= 1
        assert set(df["event_type"]) == {"ASSAULT"}
        assert {"merged_event_id", "date_start", "actor", "num_articles", "sources"} <= set(df)
        assert df["num_articles"].max() == 2  # one attack, two outlets
        assert db.ingest(RECORDS).added == 0  # same input again adds nothing
        assert db.events(since="2030-01-01").empty
        assert set(db.articles()["article_id"]) == {"r1", "r2"}
        assert len(db.reports("r1")) >= 1
        out = tmp_path / "e.geojson"
        assert db.export("geojson", out) >= 0 and out.exists()


def test_open_read_only_sees_what_was_written(tmp_path):
    path = tmp_path / "ro.duckdb"
    with marsad.open(path) as db:
        db.ingest(RECORDS[:1])
    with marsad.open(path, read_only=True) as db:
        assert len(db.events(records=True)) >= 1
        assert db.counts()["articles"] == 1

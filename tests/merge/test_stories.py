"""Story clustering: rewrites of one report are one story; look-alike reports of attacks on
different bases are not."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from marsad.engine.run import run_store
from marsad.store.db import Store
from marsad.store.schema import MIGRATIONS, SCHEMA_VERSION

BASE = ("أفاد مصدر أمني عراقي بأن {site} تعرضت مساء الثلاثاء لهجوم بطائرة مسيرة مفخخة، "
        "من دون أن يسفر الهجوم عن إصابات في صفوف القوات المتمركزة فيها، وأضاف المصدر أن "
        "الدفاعات الجوية تصدت للطائرة قبل وصولها إلى هدفها وأن التحقيقات جارية لمعرفة "
        "الجهة التي أطلقتها، فيما لم تعلن أي جهة مسؤوليتها عن الهجوم حتى الآن.")


def _stories(tmp_path: Path, texts: dict[str, str]) -> dict[str, str]:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": k, "text": v, "published": "2024-01-10"},
                                      ensure_ascii=False) + "\n" for k, v in texts.items()),
                   encoding="utf-8")
    db = tmp_path / "s.duckdb"
    run_store([str(src)], db)
    with Store(db, read_only=True) as s:
        return dict(s.con.execute("SELECT article_id, story_id FROM articles").fetchall())


def test_same_report_twice_is_one_story(tmp_path):
    text = BASE.format(site="قاعدة عين الأسد")
    st = _stories(tmp_path, {"a": text, "b": "بغداد - " + text.replace("مفخخة، ", "")})
    assert st["a"] == st["b"]


def test_lookalike_reports_on_different_bases_are_two_stories(tmp_path):
    st = _stories(tmp_path, {"a": BASE.format(site="قاعدة عين الأسد"),
                             "b": BASE.format(site="قاعدة حرير")})
    assert st["a"] != st["b"]


def test_an_older_store_is_migrated(tmp_path):
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    for stmt in MIGRATIONS[0]:
        con.execute(stmt)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.close()
    with Store(db) as s:
        assert s.schema_version == SCHEMA_VERSION
        cols = {r[0] for r in s.con.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'story_signatures'").fetchall()}
        assert "places" in cols

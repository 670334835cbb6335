"""Story clustering: rewrites of one report are one story; look-alike reports of attacks on
different bases are not."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from marsad.engine.run import run_store
from marsad.merge.stories import different_numbers, numbers_in_context
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
        assert {"places", "numbers"} <= cols


def test_lookalike_reports_of_another_day_or_toll_are_two_stories(tmp_path):
    """A daily template with another date or another toll is another event; a copy that
    drops a word and adds a dateline keeps its numbers and stays one story."""
    text = ("شنت طائرات أمريكية وبريطانية فجر الجمعة {day} كانون الثاني ضربات على أهداف "
            "للحوثيين في مدينة الحديدة ومناطق أخرى، ما أسفر عن مقتل {dead} أشخاص، وفق رويترز.")
    st = _stories(tmp_path, {
        "a": text.format(day=12, dead=5),
        "b": "صنعاء - " + text.format(day=12, dead=5).replace("وبريطانية ", ""),
        "c": text.format(day=19, dead=5),
        "d": text.format(day=12, dead=9)})
    assert st["a"] == st["b"]
    assert st["c"] != st["a"] and st["d"] != st["a"]


def test_numbers_are_compared_where_they_stand():
    a = numbers_in_context("قتل 16 شخصا الجمعة 2 شباط")
    assert different_numbers(a, numbers_in_context("قتل 20 شخصا الجمعة 2 شباط"))
    # a rewrite that adds a number elsewhere is no conflict
    assert not different_numbers(a, numbers_in_context("قتل 16 شخصا بينهم 3 مدنيين"))


def test_a_version_2_store_is_migrated_with_its_merge_keys(tmp_path):
    """Keys written before they were filed by days are refiled, so old events keep meeting
    new ones."""
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": BASE.format(site="قاعدة عين الأسد"),
                               "published": "2024-01-10"}, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    db = tmp_path / "v2.duckdb"
    run_store([str(src)], db)
    with Store(db) as s:
        want = sorted(s.con.execute("SELECT event_id, key FROM event_keys").fetchall())
        assert any("@" in k for _, k in want)
        # back to the version 2 layout: keys without days, no numbers column
        s.con.execute("CREATE TABLE k2 AS SELECT DISTINCT event_id, split_part(key, '@', 1) "
                      "AS key FROM event_keys")
        s.con.execute("DROP TABLE event_keys")
        s.con.execute("ALTER TABLE k2 RENAME TO event_keys")
        s.con.execute("ALTER TABLE story_signatures DROP COLUMN numbers")
        s.con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    with Store(db) as s:
        assert s.schema_version == SCHEMA_VERSION
        assert sorted(s.con.execute("SELECT event_id, key FROM event_keys").fetchall()) == want

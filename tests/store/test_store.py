"""The store as a user relies on it: re-runs add nothing, edits replace, kill -9 loses nothing."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from marsad.engine.run import run_store
from marsad.store.db import Store
from marsad.store.schema import SCHEMA_VERSION
from tests.conftest import REPO

ARTICLES = [
    {"id": "a1", "outlet": "Outlet A", "published": "2024-01-21",
     "text": "تعرضت قاعدة عين الأسد الجوية في محافظة الأنبار مساء السبت 20 كانون الثاني 2024 "
             "لهجوم بعدة صواريخ استهدف القوات الأمريكية."},
    {"id": "a2", "outlet": "Outlet B", "published": "2024-01-21",
     "text": "قال مصدر أمني إن قاعدة عين الأسد الجوية في محافظة الأنبار تعرضت مساء السبت 20 "
             "كانون الثاني 2024 لهجوم بعدة صواريخ استهدف القوات الأمريكية."},
    {"id": "a3", "outlet": "Outlet C", "published": "2024-01-30",
     "text": "أعلنت كتائب حزب الله الثلاثاء 30 كانون الثاني تعليق عملياتها العسكرية ضد القوات "
             "الأمريكية."},
]


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def _snapshot(db: Path) -> dict:
    with Store(db, read_only=True) as s:
        return {
            "counts": s.counts(),
            "merged": sorted(s.con.execute(
                "SELECT merged_event_id, num_articles FROM merged_events").fetchall()),
            "stories": sorted(s.con.execute(
                "SELECT article_id, story_id FROM articles").fetchall()),
        }


def test_new_file_has_current_schema(tmp_path):
    with Store(tmp_path / "x.duckdb") as s:
        assert s.schema_version == SCHEMA_VERSION
        assert s.counts()["articles"] == 0


def test_rerun_adds_nothing(tmp_path):
    src = _write(tmp_path / "in.jsonl", ARTICLES)
    db = tmp_path / "m.duckdb"
    first = run_store([str(src)], db)
    assert first.added == 3
    before = _snapshot(db)
    again = run_store([str(src)], db)
    assert again.added == 0 and again.unchanged == 3
    assert _snapshot(db) == before
    assert before["stories"][0][1] == before["stories"][1][1]  # a1 and a2: one story


def test_an_edited_article_replaces_its_old_version(tmp_path):
    db = tmp_path / "m.duckdb"
    run_store([str(_write(tmp_path / "v1.jsonl", ARTICLES))], db)
    edited = [dict(ARTICLES[2], text="نفت هيئة الحشد الشعبي الثلاثاء 30 كانون الثاني أي علاقة "
                                     "لها بالهجمات على القواعد.")]
    stats = run_store([str(_write(tmp_path / "v2.jsonl", edited))], db)
    assert stats.replaced == 1 and stats.added == 0
    with Store(db, read_only=True) as s:
        assert s.counts()["articles"] == 3
        types = {r[0] for r in s.con.execute(
            "SELECT event_type FROM events WHERE article_id = 'a3'").fetchall()}
        assert "CONCEDE" not in types
        # no merged event still points at the old version's events
        dangling = s.con.execute(
            "SELECT count(*) FROM sources WHERE event_id NOT IN (SELECT event_id FROM events)"
        ).fetchone()[0]
        assert dangling == 0


def test_a_failed_batch_leaves_the_store_as_it_was(tmp_path):
    db = tmp_path / "m.duckdb"
    run_store([str(_write(tmp_path / "in.jsonl", ARTICLES[:1]))], db)
    with Store(db) as s:
        before = s.counts()
        with pytest.raises(duckdb.Error), s.transaction():
            s.con.execute("INSERT INTO articles (article_id, content_hash) VALUES ('z', 'h')")
            s.con.execute("INSERT INTO articles (article_id, content_hash) VALUES ('z', 'h')")
        assert s.counts() == before


def _corpus(path: Path, n: int) -> Path:
    spec = importlib.util.spec_from_file_location("run_scale", REPO / "benchmarks" / "run_scale.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    mod.write_corpus(path, n)
    return path


def _marsad_run(src: Path, db: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.Popen([sys.executable, "-m", "marsad", "run", str(src), "--db", str(db),
                             "--batch-size", "25"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _stored(db: Path) -> int:
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    except (duckdb.Error, OSError):
        return 0


def test_resume_after_kill_9_equals_a_clean_run(tmp_path):
    src = _corpus(tmp_path / "corpus.jsonl", 200)
    clean, killed = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    assert _marsad_run(src, clean).wait(timeout=600) == 0

    proc = _marsad_run(src, killed)
    deadline = time.time() + 300
    # DuckDB's lock keeps readers out while the writer runs: kill once the WAL has grown.
    wal = Path(str(killed) + ".wal")
    while time.time() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 200_000:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = _stored(killed)
    assert 0 <= partial < 200
    assert _marsad_run(src, killed).wait(timeout=600) == 0
    assert _snapshot(killed) == _snapshot(clean)

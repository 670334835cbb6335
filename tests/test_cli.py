"""The command line end to end, as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, GOLD, needs_seeds

EVENT_FIELDS = {"event_id", "article_id", "event_type", "mode", "context", "factuality",
                "actor", "recipient", "location", "date", "attribution", "fatalities",
                "injured", "aggregate", "historical", "evidence", "confidence"}
ENTITY_FIELDS = {"id", "name_en", "name_ar", "text", "start", "end", "sector", "country",
                 "generic"}
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def marsad(*args: str, stdin: str | None = None,
           hash_seed: str = "0") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True,
                          text=True, input=stdin, timeout=300, env=env)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def check_event(ev: dict, articles: dict[str, dict]) -> None:
    """An event record is SCHEMA.md §3, and every offset points at its text."""
    assert set(ev) >= EVENT_FIELDS, EVENT_FIELDS - set(ev)
    assert ev["event_type"] in PLOVER
    assert ev["factuality"] in {"asserted", "negated", "future", "hypothetical"}
    clean = articles[ev["article_id"]]["clean_text"]
    evid = ev["evidence"]
    assert clean[evid["start"]:evid["end"]] == evid["sentence"]
    assert clean[evid["trigger_start"]:evid["trigger_end"]] == evid["trigger"]
    for ent in ev["actor"] + ev["recipient"]:
        assert set(ent) >= ENTITY_FIELDS
        assert clean[ent["start"]:ent["end"]] == ent["text"]
    if ev["location"]:
        loc = ev["location"]
        assert clean[loc["start"]:loc["end"]] == loc["text"]
        assert loc["precision"] in {"site", "city", "district", "province", "country", "region"}
    d = ev["date"]
    assert d["basis"] in {"explicit", "relative", "publication", "unresolved"}
    if d["text_start"] is not None:
        assert clean[d["text_start"]:d["text_end"]] == d["text"]
    for at in ev["attribution"]:
        if at["start"] is not None:
            assert clean[at["start"]:at["end"]] == at["text"]


def test_version_and_help():
    r = marsad("--version")
    assert r.returncode == 0 and r.stdout.startswith("marsad ")
    r = marsad("--help")
    assert r.returncode == 0 and "extract" in r.stdout and "eval" in r.stdout


def test_quickstart_on_examples(tmp_path):
    out, arts = tmp_path / "events.jsonl", tmp_path / "articles.jsonl"
    r = marsad("extract", str(EXAMPLES), "--out", str(out), "--articles", str(arts))
    assert r.returncode == 0, r.stderr
    articles = {a["id"]: a for a in read_jsonl(arts)}
    events = read_jsonl(out)
    assert len(articles) >= 6
    assert events, "the examples hold several events"
    for ev in events:
        check_event(ev, articles)
    for a in articles.values():
        for m in a["mentions"]:
            assert a["clean_text"][m["start"]:m["end"]] == m["text"]
            assert m["type"] in {"PER", "ORG", "GPE", "LOC", "FAC", "NORP", "AGENT"}


def test_rerun_gives_identical_output(tmp_path):
    """Re-running overwrites, and the output does not depend on Python's hash seed."""
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert marsad("extract", str(EXAMPLES), "--out", str(a)).returncode == 0
    assert marsad("extract", str(EXAMPLES), "--out", str(a), hash_seed="4").returncode == 0
    assert marsad("extract", str(EXAMPLES), "--out", str(b), hash_seed="9").returncode == 0
    assert a.read_text(encoding="utf-8") == b.read_text(encoding="utf-8")


def test_bad_input_is_one_line_and_others_go_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("هاجم مسلحون مجهولون نقطة تفتيش للشرطة في بغداد أمس.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    out = tmp_path / "ev.jsonl"
    r = marsad("extract", str(tmp_path), "--out", str(out))
    assert r.returncode == 0
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert any("empty.txt" in ln for ln in lines)
    assert any("binary.txt" in ln for ln in lines)
    assert "Traceback" not in r.stderr
    assert any(e["article_id"] == "good" for e in read_jsonl(out))


def test_nothing_readable_exits_non_zero(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    r = marsad("extract", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "o.jsonl"))
    assert r.returncode != 0
    assert "empty.txt" in r.stderr and "Traceback" not in r.stderr
    r = marsad("extract", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o.jsonl"))
    assert r.returncode != 0 and "missing.txt" in r.stderr and "Traceback" not in r.stderr


def test_stdin_jsonl(tmp_path):
    rec = {"id": "s1", "text": "اعتقلت قوات الأمن العراقية خمسة متهمين في البصرة.",
           "published": "2024-03-02"}
    out = tmp_path / "o.jsonl"
    r = marsad("extract", "-", "--out", str(out), stdin=json.dumps(rec, ensure_ascii=False))
    assert r.returncode == 0, r.stderr
    events = read_jsonl(out)
    assert any(e["event_type"] == "COERCE" and e["article_id"] == "s1" for e in events)


def test_eval_scores_a_perfect_prediction(tmp_path):
    gold = GOLD / "examples.jsonl"
    if not gold.exists():
        pytest.skip("no examples gold")
    r = marsad("eval", str(gold), str(gold), "--json")
    assert r.returncode == 0, r.stderr
    scores = json.loads(r.stdout)
    assert scores["detection"]["f1"] == 1.0
    assert scores["core_tuple"]["f1"] == 1.0


def test_eval_bad_file_is_one_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    r = marsad("eval", str(bad), str(bad))
    assert r.returncode != 0 and "bad.jsonl:1" in r.stderr and "Traceback" not in r.stderr


@needs_seeds
def test_seeds_end_to_end(tmp_path):
    from tests.conftest import SEEDS

    out, arts = tmp_path / "events.jsonl", tmp_path / "articles.jsonl"
    r = marsad("extract", str(SEEDS), "--out", str(out), "--articles", str(arts))
    assert r.returncode == 0, r.stderr
    articles = {a["id"]: a for a in read_jsonl(arts)}
    assert len(articles) == 5
    events = read_jsonl(out)
    for ev in events:
        check_event(ev, articles)
    by_article = {}
    for ev in events:
        by_article.setdefault(ev["article_id"], []).append(ev)
    assert set(by_article) == set(articles), "every seed yields events"
    # 000: an IRGC commander asked the Iraqi factions to step up attacks (CODING.md §6)
    req = [e for e in by_article["000_0726b4fde210140d"] if e["event_type"] == "REQUEST"]
    assert any(any(a["id"] == "irgc" for a in e["actor"]) for e in req)
    # 002: the drone attack on al-Tanf by Iran-backed militias
    tanf = [e for e in by_article["002_4a950e12de890295"] if e["event_type"] == "ASSAULT"
            and "drone" in e["mode"]]
    assert any(any(a["id"] == "iran-backed-factions-iraq" for a in e["actor"]) for e in tanf)
    # publication dates recovered from the text
    assert articles["000_0726b4fde210140d"]["published"] == "2021-07-13"
    assert articles["002_4a950e12de890295"]["published"] == "2023-11-01"


def test_kb_commands_read_the_store_named_by_db(tmp_path):
    """`kb lookup --db` tells how often the store holds each entity it finds; `kb lint --db`
    checks the store against the knowledge base; a missing --db file is an error, exit 2."""
    db = tmp_path / "m.duckdb"
    assert marsad("run", str(EXAMPLES), "--db", str(db)).returncode == 0
    r = marsad("kb", "lookup", "قصفت طائرات أمريكية مواقع لكتائب حزب الله", "--db", str(db))
    assert r.returncode == 0, r.stderr
    store_lines = [ln for ln in r.stdout.splitlines() if " in the store: " in ln]
    assert any(ln.startswith("kataib-hezbollah in the store: ") for ln in store_lines)
    r = marsad("kb", "lint", "--db", str(db))
    assert r.returncode == 0, r.stdout
    r = marsad("kb", "lookup", "حزب الله", "--db", str(tmp_path / "none.duckdb"))
    assert r.returncode == 2 and "no such database" in " ".join(r.stderr.split())

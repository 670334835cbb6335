"""Done-when of the store issue: the Reuters story (seeds 000 and 001) merges with both
sources, once each for its REQUEST, CONSULT and ASSAULT events."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import SEEDS, needs_seeds

REUTERS = {"000_0726b4fde210140d", "001_c34cd6500f22572f"}


@needs_seeds
def test_reuters_story_events_have_both_sources(tmp_path):
    db = str(tmp_path / "seeds.duckdb")
    run = subprocess.run([sys.executable, "-m", "marsad", "run", str(SEEDS), "--db", db],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    out = subprocess.run([sys.executable, "-m", "marsad", "export", "--db", db, "--format",
                          "jsonl"], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    merged = [json.loads(line) for line in out.stdout.splitlines()]
    stories = {s["story_id"] for m in merged for s in m["sources"]
               if s["article_id"] in REUTERS}
    assert len(stories) == 1, "000 and 001 are one story"
    # the three events CODING.md §6 names for the story, each once, each with both sources
    # (the IRGC, or its intelligence organisation that Taeb heads)
    wanted = {
        "REQUEST": lambda m: _ids(m["actor"]) & {"irgc", "irgc-intelligence"}
        and "iran-backed-factions-iraq" in _ids(m["recipient"]),
        "CONSULT": lambda m: _ids(m["actor"]) & {"irgc", "irgc-intelligence"}
        and (m.get("location") or {}).get("name_en") == "Baghdad",
        "ASSAULT": lambda m: "us-military" in _ids(m["actor"])
        and (m.get("location") or {}).get("gazetteer_id") == "region:syria-iraq-border",
    }
    for etype, fits in wanted.items():
        found = [m for m in merged if m["event_type"] == etype and fits(m)
                 and {s["article_id"] for s in m["sources"]} & REUTERS]
        assert len(found) == 1, f"{etype}: {len(found)} merged events instead of one"
        assert {s["article_id"] for s in found[0]["sources"]} >= REUTERS, etype
        assert found[0]["num_articles"] == 2


def _ids(entities):
    return {e.get("id") for e in entities or []}

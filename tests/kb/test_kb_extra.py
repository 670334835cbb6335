"""An analyst's own folder extends the shipped knowledge base without touching it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from marsad.kb.base import load_kb
from marsad.model import Article
from marsad.pipeline import Pipeline

ACTOR = """
- id: liwa-al-test
  name_en: Liwa al-Test
  name_ar: لواء الاختبار الثوري
  aliases_ar: [لواء الإختبار]
  type: ORG
  sector: PRM
  country: IRQ
  backed_by: [iran]
"""
SITE = """
- id: site:test-outpost
  name_en: Test Outpost
  name_ar: معسكر الاختبار
  kind: site
  lat: 33.5
  lon: 44.1
  country: IRQ
  admin1: Baghdad
"""


def _extra(tmp_path: Path) -> Path:
    (tmp_path / "actors").mkdir(parents=True)
    (tmp_path / "places").mkdir(parents=True)
    (tmp_path / "actors" / "mine.yaml").write_text(ACTOR, encoding="utf-8")
    (tmp_path / "places" / "sites.yaml").write_text(SITE, encoding="utf-8")
    return tmp_path


def test_extra_folder_is_merged(tmp_path):
    kb = load_kb((_extra(tmp_path),))
    assert "liwa-al-test" in kb.actors and "site:test-outpost" in kb.places
    assert "site:ain-al-asad" in kb.places  # the shipped files are still there
    doc = Pipeline(kb=kb)(Article(id="x", published="2024-05-02",
                                  text="هاجم لواء الإختبار الثوري معسكر الاختبار أمس."))
    ev = next(e for e in doc.events if e.event_type == "ASSAULT")
    assert [a.id for a in ev.actor] == ["liwa-al-test"]
    assert ev.location.gazetteer_id == "site:test-outpost"


def test_config_file_and_cli_option(tmp_path, monkeypatch):
    extra = _extra(tmp_path / "kb")
    cfg = tmp_path / "config.toml"
    cfg.write_text(f'kb_extra = ["{extra}"]\n', encoding="utf-8")
    monkeypatch.setenv("MARSAD_CONFIG", str(cfg))
    assert "liwa-al-test" in load_kb().actors
    monkeypatch.delenv("MARSAD_CONFIG")
    r = subprocess.run([sys.executable, "-m", "marsad", "kb", "lookup", "لواء الاختبار الثوري",
                        "--kb-extra", str(extra)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and "liwa-al-test" in r.stdout


def test_lint_reports_problems_in_an_extra_folder(tmp_path):
    extra = _extra(tmp_path)
    (extra / "actors" / "bad.yaml").write_text(
        "- id: broken\n  name_en: Broken\n  name_ar: Broken\n  member_of: [nowhere]\n"
        "  sector: XXX\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "marsad", "kb", "lint", "--kb-extra", str(extra)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1
    assert "unknown id 'nowhere'" in r.stdout and "missing Arabic name" in r.stdout
    assert "unknown sector 'XXX'" in r.stdout
    assert "Traceback" not in r.stderr


def test_shipped_knowledge_base_lints_clean():
    r = subprocess.run([sys.executable, "-m", "marsad", "kb", "lint"], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stdout[-2000:]


def test_a_ministry_acts_for_its_state_an_authority_for_itself(kb):
    # ACLED's "Government of X" for a state's ministries; a rival or regional government
    # (the GNA, the Palestinian Authority, the KRG) is its own actor
    assert kb.acting_body("gna-libya") == "gna-libya"
    assert kb.acting_body("palestinian-authority") == "palestinian-authority"
    assert kb.acting_body("kurdistan-regional-government") == "kurdistan-regional-government"
    ministries = [a.id for a in kb.actors.values() if a.sector == "GOV" and a.type == "ORG"
                  and a.country == "IRQ" and not a.authority and not a.generic]
    assert ministries and kb.acting_body(ministries[0]) == "iraq"

"""Linking accuracy on the dev split of tests/gold/linking/cases.jsonl, and that file's format.

The floor is the accuracy measured when the set was written, less 0.02: a change to the
linker or the knowledge base that loses more than that on the dev cases fails here. Raise
``MEASURED`` when the linker improves.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from datetime import date
from pathlib import Path

import pytest

from marsad.kb import get_kb
from marsad.model import Article, Doc

ROOT = Path(__file__).resolve().parents[2]
MEASURED = 0.947
TYPES = {"PER", "ORG", "GPE", "LOC", "FAC", "NORP", "AGENT"}
CATEGORIES = {"org", "clitic", "person", "nisba", "agent", "meto", "cityprov", "site", "typo",
              "neg"}


def _load_scorer():
    spec = importlib.util.spec_from_file_location(
        "linking_accuracy", ROOT / "benchmarks" / "linking_accuracy.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


scorer = _load_scorer()


@pytest.fixture(scope="module")
def cases() -> list[dict]:
    return scorer.load_cases()


def _known_id(kb, kb_id: str) -> bool:
    """An id the knowledge base can produce: actor, place, agent, or agent with a nationality."""
    if kb_id in kb.actors or kb_id in kb.places or kb_id in kb.agents:
        return True
    agent, _, iso3 = kb_id.rpartition("-")
    return agent in kb.agents and kb.country_place(iso3.upper()) is not None


def test_cases_are_well_formed(cases):
    kb = get_kb()
    assert len(cases) >= 150
    assert [c["id"] for c in cases] == [f"l{i:03d}" for i in range(1, len(cases) + 1)]
    dev = [c for c in cases if scorer.in_split(c["id"], "dev")]
    assert len(dev) == 75 and dev[-1]["id"] == "l075"
    for c in cases:
        assert set(c) == {"id", "text", "published", "category", "links"}, c["id"]
        date.fromisoformat(c["published"])
        assert c["category"] in CATEGORIES, c["id"]
        assert re.search("[\u0600-\u06ff]", c["text"]) and c["links"], c["id"]
        for link in c["links"]:
            assert set(link) == {"text", "expect", "type"}, c["id"]
            assert c["text"].count(link["text"]) == 1, (c["id"], link["text"])
            assert link["type"] in TYPES, (c["id"], link["type"])
            if link["expect"] is not None:
                assert _known_id(kb, link["expect"]), (c["id"], link["expect"])


def test_every_category_is_in_both_splits(cases):
    for split in ("dev", "test"):
        seen = {c["category"] for c in cases if scorer.in_split(c["id"], split)}
        assert seen == CATEGORIES, split


def test_scorer_credits_only_what_is_linked(cases):
    """With no mentions at all, exactly the links that must stay unlinked are correct."""

    def nothing(article: Article) -> Doc:
        return Doc(article=article, clean_text=article.text or "")

    report = scorer.evaluate("all", cases, pipeline=nothing)
    assert report.outcomes and all(o.correct == (o.expect is None) for o in report.outcomes)


def test_dev_accuracy_does_not_regress(cases):
    report = scorer.evaluate("dev", cases)
    failures = "\n".join(f"{o.case_id} «{o.surface}» expected {o.expect}; got {o.got}"
                         for o in report.failures())
    assert report.accuracy >= MEASURED - 0.02, f"{report.accuracy:.3f}\n{failures}"

"""Checks on the gold annotations and the shipped examples.

The gold files are what Marsad is scored against, so a broken offset, a misspelt event type
or a lost worked example silently corrupts every evaluation. These tests re-derive each
article's clean text the way tests/gold/README.md defines it and check every gold line
against it. The seed articles live outside the repository (``MARSAD_SEEDS``, default
/work/shared/seeds); their tests are skipped when the folder is absent.
"""

from __future__ import annotations

import datetime as dt
import html.parser
import json
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from tests.gold.spans import check_date_shape, check_event_fields, sentence_spans

from marsad.model import (
    DATE_BASIS,
    DATE_PRECISION,
    PLACE_PRECISION,
)
from marsad.text.normalize import norm

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold"
EXAMPLES = ROOT / "examples"
SEEDS = Path(os.environ.get("MARSAD_SEEDS", "/work/shared/seeds"))
# Boilerplate lines of seed 002 that are not part of its clean text (see README).
SEED_002_DROP = ("Skip to main content", "AvaToday caption", "posted onNovember 1, 2023",
                 "nocomment")
TXT_EXAMPLES = ("2023-10-19_drone_attack", "protest_yemen", "no_event")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
GAZ_PREFIX = {"site": "site:", "region": "region:", "country": "country:"}


def read_gold(name: str) -> list[dict[str, Any]]:
    """The gold events; lines with ``"event_type": null`` only mark an annotated article
    that has no event (so that the scorer counts what is extracted from it)."""
    lines = (GOLD / name).read_text(encoding="utf-8").splitlines()
    return [r for r in (json.loads(line) for line in lines if line.strip()) if r["event_type"]]


def test_the_no_event_example_is_marked_as_annotated():
    lines = (GOLD / "examples.jsonl").read_text(encoding="utf-8").splitlines()
    markers = [json.loads(x) for x in lines if '"event_type": null' in x]
    assert markers == [{"article_id": "no_event", "event_type": None}]


SEED_GOLD = read_gold("seeds.jsonl")
EXAMPLE_GOLD = read_gold("examples.jsonl")
ALL_GOLD = [("seeds", e) for e in SEED_GOLD] + [("examples", e) for e in EXAMPLE_GOLD]






def seed_clean_text(stem: str) -> str:
    """NFC of the file; for seed 002 its four boilerplate lines are dropped with their newline."""
    text = unicodedata.normalize("NFC", (SEEDS / f"{stem}.txt").read_text(encoding="utf-8"))
    if stem.startswith("002_"):
        text = "".join(line for line in text.splitlines(keepends=True)
                       if line.rstrip("\n") not in SEED_002_DROP)
    return text


class _ArticleParagraphs(html.parser.HTMLParser):
    """Collects the text of the <p> elements inside <article>: the page's clean text."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.in_p = False
        self.paras: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        elif tag == "p" and self.depth:
            self.in_p = True
            self.paras.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        elif tag == "p":
            self.in_p = False

    def handle_data(self, data: str) -> None:
        if self.in_p:
            self.paras[-1] += data


def html_clean_text(page: str) -> str:
    parser = _ArticleParagraphs()
    parser.feed(page)
    return "\n".join(p.strip() for p in parser.paras)


def example_records() -> list[dict[str, Any]]:
    lines = (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def example_texts() -> dict[str, str]:
    texts = {r["id"]: unicodedata.normalize("NFC", r["text"]) for r in example_records()}
    for stem in TXT_EXAMPLES:
        raw = (EXAMPLES / f"{stem}.txt").read_text(encoding="utf-8")
        texts[stem] = unicodedata.normalize("NFC", raw)
    page = (EXAMPLES / "meeting.html").read_text(encoding="utf-8")
    texts["meeting"] = unicodedata.normalize("NFC", html_clean_text(page))
    return texts


def clean_text(group: str, article_id: str) -> str:
    if group == "examples":
        return example_texts()[article_id]
    if not (SEEDS / f"{article_id}.txt").exists():
        pytest.skip(f"seed {article_id} not available under {SEEDS}")
    return seed_clean_text(article_id)


def ids(side: list[dict[str, Any]]) -> set[str | None]:
    return {e["id"] for e in side}


def find(events: list[dict[str, Any]], article: str, etype: str, **want: Any) -> list[dict]:
    """Gold events of ``article`` (id prefix) and ``etype`` whose fields match ``want``.

    ``actor``/``recipient`` are compared as sets of ids; ``location`` by gazetteer id or
    English name; ``date`` as a (start, end) pair; anything else by equality.
    """
    out = []
    for e in events:
        if not e["article_id"].startswith(article) or e["event_type"] != etype:
            continue
        ok = True
        for key, value in want.items():
            if key in ("actor", "recipient"):
                ok &= ids(e[key]) == set(value)
            elif key == "location":
                loc = e["location"] or {}
                ok &= value in (loc.get("gazetteer_id"), loc.get("name_en"))
            elif key == "date":
                ok &= (e["date"]["start"], e["date"]["end"]) == value
            elif key == "mode_has":
                ok &= set(value) <= set(e["mode"])
            elif key == "attributed_to":
                ok &= value in {(a["entity"] or {}).get("id") for a in e["attribution"]}
            else:
                ok &= e.get(key) == value
        if ok:
            out.append(e)
    return out


# --------------------------------------------------------------------------- field checks


def _label(item: tuple[str, dict[str, Any]]) -> str:
    group, e = item
    return f"{group}:{e['article_id'][:24]}:{e['event_type']}:{e['evidence']['start']}"


@pytest.mark.parametrize("item", ALL_GOLD, ids=[_label(i) for i in ALL_GOLD])
def test_event_fields_follow_the_schema(item: tuple[str, dict[str, Any]]) -> None:
    _, e = item
    check_event_fields(e)
    for side in ("actor", "recipient"):
        for ent in e[side]:
            assert ent["text"].strip()
            assert ent["id"] is None or SLUG.match(ent["id"]), ent["id"]
    loc = e["location"]
    if loc is not None:
        assert loc["precision"] in PLACE_PRECISION
        assert loc["name_en"]
        prefix = GAZ_PREFIX.get(loc["precision"])
        if loc["gazetteer_id"] is not None and prefix:
            assert loc["gazetteer_id"].startswith(prefix)
    for att in e["attribution"]:
        assert att["entity"] is None or SLUG.match(att["entity"]["id"])


@pytest.mark.parametrize("item", ALL_GOLD, ids=[_label(i) for i in ALL_GOLD])
def test_dates_are_consistent(item: tuple[str, dict[str, Any]]) -> None:
    d = item[1]["date"]
    assert d["basis"] in DATE_BASIS
    if d["basis"] == "unresolved":
        assert d["start"] is None and d["end"] is None and d["precision"] is None
        return
    start, end = dt.date.fromisoformat(d["start"]), dt.date.fromisoformat(d["end"])
    assert d["precision"] in DATE_PRECISION
    assert start <= end
    check_date_shape(start, end, d["precision"])


@pytest.mark.parametrize("item", ALL_GOLD, ids=[_label(i) for i in ALL_GOLD])
def test_evidence_offsets_hold_on_the_clean_text(item: tuple[str, dict[str, Any]]) -> None:
    group, e = item
    text = clean_text(group, e["article_id"])
    s, end = e["evidence"]["start"], e["evidence"]["end"]
    assert 0 <= s < end <= len(text)
    assert (s, end) in sentence_spans(text), "evidence is not one whole sentence"
    sentence = text[s:end]
    assert norm(e["evidence"]["trigger"]) in norm(sentence)
    for ent in e["actor"] + e["recipient"] + e["attribution"]:
        assert ent["text"] in text, ent["text"]


# --------------------------------------------------------------------------- seeds


def test_every_seed_is_annotated() -> None:
    expected = {p.stem for p in SEEDS.glob("*.txt")} if SEEDS.exists() else set()
    got = {e["article_id"] for e in SEED_GOLD}
    assert len(got) == 5
    assert expected <= got


def test_worked_examples_of_the_coding_manual_are_in_the_gold() -> None:
    g = SEED_GOLD
    factions = "iran-backed-factions-iraq"
    req = find(g, "000", "REQUEST", actor={"irgc"}, recipient={factions}, location="Baghdad",
               date=("2021-07-05", "2021-07-11"), attributed_to="reuters")
    assert len(req) == 1 and req[0]["date"]["precision"] == "week"
    assert len(req[0]["attribution"]) == 3
    assert find(g, "000", "ASSAULT", actor={"us-military"}, recipient={factions},
                location="region:syria-iraq-border", date=("2021-06-27", "2021-06-27"),
                mode_has=["aerial"])
    assert find(g, "000", "REJECT", actor={"iran"}, date=("2021-07-01", "2021-07-31"))
    assert find(g, "000", "ACCUSE", actor={"united-states"}, recipient={"iran"})
    for art in ("000", "001"):  # the Reuters story, told twice
        for etype in ("REQUEST", "CONSULT"):
            assert len(find(g, art, etype, actor={"irgc"}, location="Baghdad")) == 1
        assert find(g, art, "ASSAULT", actor={"us-military"}, mode_has=["aerial"])
    assert find(g, "001", "ACCUSE", actor={"united-states"}, recipient={factions})
    assert find(g, "002", "THREATEN", actor={"harakat-al-nujaba"}, recipient={"us-military"},
                date=("2023-11-01", "2023-11-01"), mode_has=["violence"])
    assert find(g, "002", "ASSAULT", actor={factions}, location="site:al-tanf",
                mode_has=["drone"], attributed_to="sohr")
    assert find(g, "002", "ASSAULT", actor={"houthis"}, recipient={"israel"},
                date=("2023-10-31", "2023-10-31"), mode_has=["heavy-weapons", "drone"])
    assert find(g, "002", "MOBILIZE", location="region:syrian-desert", mode_has=["militia"])
    assert find(g, "003", "THREATEN", actor={factions}, recipient={"us-military"})
    airport = find(g, "003", "ASSAULT", location="site:baghdad-airport",
                   date=("2021-05-01", "2021-05-31"), mode_has=["heavy-weapons"])
    assert len(airport) == 1 and airport[0]["actor"] == []
    assert find(g, "003", "REJECT", actor={"popular-mobilization-forces"})
    threat = find(g, "004", "THREATEN", actor={"kataib-sayyid-al-shuhada"},
                  recipient={"us-military"}, factuality="asserted")
    assert len(threat) == 1 and threat[0]["condition"]
    assert find(g, "004", "ASSAULT", actor={"us-military"}, recipient={factions},
                mode_has=["aerial", "targeted"])


def test_background_events_are_flagged_historical() -> None:
    soleimani = find(SEED_GOLD, "003", "ASSAULT", mode_has=["targeted"])
    assert len(soleimani) == 1
    assert soleimani[0]["historical"] and soleimani[0]["date"]["start"] == "2020-01-01"
    assert {"qasem-soleimani", "abu-mahdi-al-muhandis"} <= ids(soleimani[0]["recipient"])
    forty = find(SEED_GOLD, "000", "ASSAULT", count=40)
    assert len(forty) == 1 and forty[0]["aggregate"] and forty[0]["historical"]
    # this week's news is never historical
    assert not any(e["historical"] for e in find(SEED_GOLD, "002", "THREATEN"))


def test_seed_without_publication_date_keeps_relative_dates_unresolved() -> None:
    for e in SEED_GOLD:
        if e["article_id"].startswith("004"):
            assert e["date"]["basis"] in ("unresolved", "explicit")


# --------------------------------------------------------------------------- examples


def test_example_articles_are_marked_as_samples() -> None:
    records = example_records()
    assert len(records) == 4
    for r in records:
        assert {"id", "text", "title", "outlet", "url", "published"} <= set(r)
        assert "العينة" in r["outlet"]
        assert r["url"].startswith("https://example.org/")
        dt.date.fromisoformat(r["published"])
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8").lower()
    assert "invented" in readme and "not real news" in readme


def test_example_lengths_are_short_news_reports() -> None:
    for article_id, text in example_texts().items():
        words = len(text.split())
        assert 80 <= words <= 200, (article_id, words)


def test_text_examples_start_with_a_dateline() -> None:
    first = {stem: (EXAMPLES / f"{stem}.txt").read_text(encoding="utf-8").split("\n", 1)[0]
             for stem in TXT_EXAMPLES}
    assert first["2023-10-19_drone_attack"] == "بغداد - الخميس 19 أكتوبر/تشرين الأول 2023 (العينة)"
    assert "حزيران" in first["protest_yemen"]
    assert all(line.endswith("(العينة)") for line in first.values())


def test_html_example_has_metadata_and_boilerplate() -> None:
    page = (EXAMPLES / "meeting.html").read_text(encoding="utf-8")
    assert "<title>" in page and '<meta name="date" content="2024-02-05">' in page
    assert "<nav>" in page and "<footer>" in page and "<article>" in page
    assert "جميع الحقوق محفوظة" not in html_clean_text(page)


def test_html_clean_text_matches_trafilatura() -> None:
    """The offsets of meeting.html assume the ingest's boilerplate remover keeps the <p>s."""
    trafilatura = pytest.importorskip("trafilatura")
    page = (EXAMPLES / "meeting.html").read_text(encoding="utf-8")
    assert trafilatura.extract(page) == html_clean_text(page)


def test_every_example_file_has_its_gold() -> None:
    annotated = {e["article_id"] for e in EXAMPLE_GOLD}
    assert annotated == set(example_texts()) - {"no_event"}


def test_no_event_example_has_no_gold_event() -> None:
    assert not [e for e in EXAMPLE_GOLD if e["article_id"] == "no_event"]
    text = example_texts()["no_event"]
    for tempting in ("هجوماً", "ضربة جزاء", "صاروخية", "تظاهرة", "الشرطة"):
        assert tempting in text


def test_examples_cover_the_brief() -> None:
    g = EXAMPLE_GOLD
    rockets = find(g, "sample-a", "ASSAULT", location="site:ain-al-asad",
                   attributed_to="islamic-resistance-in-iraq", mode_has=["heavy-weapons"])
    assert len(rockets) == 1 and rockets[0]["fatalities"] and rockets[0]["injured"]
    assert {"claimed_by"} <= {a["role"] for a in rockets[0]["attribution"]}
    assert find(g, "sample-b", "ASSAULT", actor={"us-military"}, mode_has=["aerial"])
    threat = find(g, "sample-c", "THREATEN", actor={"kataib-hezbollah"}, factuality="asserted")
    assert len(threat) == 1 and threat[0]["condition"]
    assert find(g, "sample-d", "REJECT", actor={"iran"}, recipient={"united-states"})
    assert find(g, "sample-d", "ACCUSE", actor={"united-states"}, recipient={"iran"})
    assert find(g, "sample-d", "ASSAULT", factuality="negated")
    drone = find(g, "2023-10-19_drone_attack", "ASSAULT", location="site:harir",
                 mode_has=["drone"], date=("2023-10-19", "2023-10-19"))
    assert len(drone) == 1 and drone[0]["injured"] == 0
    assert find(g, "meeting", "CONSULT", actor={"iraq"}, recipient={"iran"}, location="Baghdad",
                factuality="asserted")
    assert find(g, "meeting", "REQUEST")
    assert find(g, "meeting", "CONSULT", factuality="future", location="Tehran")
    assert find(g, "protest_yemen", "PROTEST", location="Sanaa")
    assert find(g, "protest_yemen", "COERCE", actor={"houthis"}, mode_has=["arrest"])

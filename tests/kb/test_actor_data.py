"""Checks on the actor and agent knowledge base (src/marsad/data/actors/*.yaml, agents.yaml).

These are the checks an analyst editing the YAML relies on: an entity the loader cannot read,
a relation to an id that does not exist, or one Arabic name claimed by two entities would make
the matcher silently pick one of them. Each ``problems_*`` function returns a list of readable
messages (empty when the data is clean) so the same checks can back ``marsad kb lint`` later.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml

from marsad.model import SECTORS
from marsad.text.normalize import norm

DATA = Path(__file__).resolve().parents[2] / "src" / "marsad" / "data"
ACTORS_DIR = DATA / "actors"
AGENTS_FILE = DATA / "agents.yaml"

ACTOR_REQUIRED = ("id", "name_en", "name_ar", "type", "sector", "country")
ACTOR_TYPES = {"ORG", "PER", "GPE", "NORP"}
ACTOR_LIST_FIELDS = ("aliases_ar", "aliases_en", "member_of", "part_of", "backed_by", "leader_of")
RELATIONS = ("member_of", "part_of", "backed_by", "leader_of")
ACTOR_KNOWN_FIELDS = set(ACTOR_REQUIRED) | set(ACTOR_LIST_FIELDS) | {
    "title_ar", "generic", "authority", "wikidata", "note"}
AGENT_REQUIRED = ("id", "name_en", "name_ar", "aliases_ar", "sector")
AGENT_KNOWN_FIELDS = set(AGENT_REQUIRED) | {"aliases_en", "note", "national", "official"}

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
WIKIDATA_RE = re.compile(r"^Q[1-9][0-9]*$")
ISO3 = {c.alpha_3 for c in pycountry.countries}


def load_actors(folder: Path = ACTORS_DIR) -> list[tuple[str, dict[str, Any]]]:
    """Every entity of every YAML file in ``folder``, with the file it came from."""
    out: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, list), f"{path.name}: the file must be a YAML list of entities"
        out.extend((path.name, entity) for entity in data)
    return out


def load_agents(path: Path = AGENTS_FILE) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, list), f"{path.name}: the file must be a YAML list of agents"
    return data


def _where(source: str, entity: Any) -> str:
    ident = entity.get("id") if isinstance(entity, dict) else None
    return f"{source}:{ident or '?'}"


def problems_fields(actors: list[tuple[str, dict[str, Any]]]) -> list[str]:
    """Required fields, value types, id shape, sectors, country codes, Arabic names."""
    out: list[str] = []
    for source, e in actors:
        where = _where(source, e)
        if not isinstance(e, dict):
            out.append(f"{where}: entity is not a mapping")
            continue
        for key in ACTOR_REQUIRED:
            if key not in e:
                out.append(f"{where}: missing field {key!r}")
        for key in sorted(set(e) - ACTOR_KNOWN_FIELDS):
            out.append(f"{where}: unknown field {key!r}")
        ident = e.get("id")
        if not isinstance(ident, str) or not ID_RE.match(ident):
            out.append(f"{where}: id must be a lowercase ascii slug")
        for key in ("name_en", "name_ar"):
            if not isinstance(e.get(key), str) or not e.get(key, "").strip():
                out.append(f"{where}: {key} must be a non-empty string")
        if isinstance(e.get("name_ar"), str) and not ARABIC_LETTER.search(e["name_ar"]):
            out.append(f"{where}: name_ar has no Arabic letter")
        if e.get("type") not in ACTOR_TYPES:
            out.append(f"{where}: type {e.get('type')!r} not in {sorted(ACTOR_TYPES)}")
        if e.get("sector") not in SECTORS:
            out.append(f"{where}: sector {e.get('sector')!r} not in SCHEMA.md's list")
        country = e.get("country")
        if country is not None and country not in ISO3:
            out.append(f"{where}: country {country!r} is not an ISO 3166-1 alpha-3 code")
        for key in ACTOR_LIST_FIELDS:
            value = e.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                out.append(f"{where}: {key} must be a list of non-empty strings")
        for alias in e.get("aliases_ar", []) or []:
            if isinstance(alias, str) and not ARABIC_LETTER.search(alias):
                out.append(f"{where}: Arabic alias {alias!r} has no Arabic letter")
        if "generic" in e and not isinstance(e["generic"], bool):
            out.append(f"{where}: generic must be true or false")
        title = e.get("title_ar")
        if title is not None and not (isinstance(title, str) and ARABIC_LETTER.search(title)):
            out.append(f"{where}: title_ar must be Arabic text or null")
        wikidata = e.get("wikidata")
        if wikidata is not None and not (isinstance(wikidata, str) and WIKIDATA_RE.match(wikidata)):
            out.append(f"{where}: wikidata {wikidata!r} is not a Q-id")
        if e.get("type") == "PER" and not (e.get("leader_of") or e.get("member_of")):
            out.append(f"{where}: a person needs leader_of or member_of (the body they serve)")
    return out


def problems_ids(actors: list[tuple[str, dict[str, Any]]]) -> list[str]:
    """Ids unique across all files; every relation points at an existing id (not itself)."""
    out: list[str] = []
    seen: dict[str, str] = {}
    for source, e in actors:
        ident = e.get("id")
        if ident in seen:
            out.append(f"{source}:{ident}: id already used in {seen[ident]}")
        else:
            seen[ident] = source
    for source, e in actors:
        for rel in RELATIONS:
            for target in e.get(rel, []) or []:
                if target not in seen:
                    out.append(f"{_where(source, e)}: {rel} -> unknown id {target!r}")
                elif target == e.get("id"):
                    out.append(f"{_where(source, e)}: {rel} points at itself")
    return out


def _names(e: dict[str, Any], lang: str) -> list[str]:
    """The entity's canonical name and aliases in one language, as written."""
    names = [e.get(f"name_{lang}"), *list(e.get(f"aliases_{lang}", []) or [])]
    return [n for n in names if isinstance(n, str) and n.strip()]


def problems_alias_clashes(records: list[tuple[str, str, list[str]]]) -> list[str]:
    """A normalised name claimed by two different records, given (source, id, names) triples."""
    owners: dict[str, set[str]] = defaultdict(set)
    for source, ident, names in records:
        for name in names:
            owners[norm(name)].add(f"{source}:{ident}")
    return [f"{key!r} is claimed by {sorted(who)}" for key, who in sorted(owners.items())
            if len(who) > 1]


def _actor_records(actors: list[tuple[str, dict[str, Any]]], lang: str):
    return [(source, e.get("id"), _names(e, lang)) for source, e in actors]


def problems_agents(agents: list[dict[str, Any]], actor_ids: set[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for a in agents:
        where = f"agents.yaml:{a.get('id', '?') if isinstance(a, dict) else '?'}"
        if not isinstance(a, dict):
            out.append(f"{where}: agent is not a mapping")
            continue
        for key in AGENT_REQUIRED:
            if key not in a:
                out.append(f"{where}: missing field {key!r}")
        for key in sorted(set(a) - AGENT_KNOWN_FIELDS):
            out.append(f"{where}: unknown field {key!r}")
        ident = a.get("id")
        if not isinstance(ident, str) or not ID_RE.match(ident):
            out.append(f"{where}: id must be a lowercase ascii slug")
        elif ident in seen:
            out.append(f"{where}: duplicate agent id")
        elif ident in actor_ids:
            out.append(f"{where}: agent id also used by an actor entity")
        seen.add(ident)
        if a.get("sector") not in SECTORS:
            out.append(f"{where}: sector {a.get('sector')!r} not in SCHEMA.md's list")
        if not isinstance(a.get("name_ar"), str) or not ARABIC_LETTER.search(a["name_ar"]):
            out.append(f"{where}: name_ar must contain Arabic letters")
        aliases = a.get("aliases_ar")
        if not isinstance(aliases, list) or not all(
                isinstance(x, str) and ARABIC_LETTER.search(x) for x in aliases):
            out.append(f"{where}: aliases_ar must be a list of Arabic strings")
    return out


# --- the tests ---

@pytest.fixture(scope="module")
def actors() -> list[tuple[str, dict[str, Any]]]:
    return load_actors()


@pytest.fixture(scope="module")
def agents() -> list[dict[str, Any]]:
    return load_agents()


def test_enough_entities(actors):
    assert len(actors) >= 400, f"only {len(actors)} entities"


def test_fields_are_complete_and_valid(actors):
    problems = problems_fields(actors)
    assert not problems, "\n".join(problems)


def test_ids_unique_and_relations_resolve(actors):
    problems = problems_ids(actors)
    assert not problems, "\n".join(problems)


def test_no_arabic_name_shared_by_two_entities(actors):
    problems = problems_alias_clashes(_actor_records(actors, "ar"))
    assert not problems, "\n".join(problems)


def test_no_english_name_shared_by_two_entities(actors):
    problems = problems_alias_clashes(_actor_records(actors, "en"))
    assert not problems, "\n".join(problems)


def test_agents_valid(agents, actors):
    assert len(agents) >= 60, f"only {len(agents)} agents"
    problems = problems_agents(agents, {e.get("id") for _, e in actors})
    assert not problems, "\n".join(problems)


def test_no_agent_word_shared_by_two_agents(agents):
    records = [("agents.yaml", a.get("id"), _names(a, "ar")) for a in agents]
    problems = problems_alias_clashes(records)
    assert not problems, "\n".join(problems)


def test_no_agent_word_is_also_a_named_actor(agents, actors):
    """«الحشد» must not be both the PMF and a generic word: the matcher could not choose."""
    actor_names = {norm(n): e["id"] for _, e in actors for n in _names(e, "ar")}
    clashes = [f"{a['id']}: {n!r} is also {actor_names[norm(n)]}"
               for a in agents for n in _names(a, "ar") if norm(n) in actor_names]
    assert not clashes, "\n".join(clashes)


@pytest.mark.parametrize(("surface", "expected"), [
    ("الحرس الثوري الإيراني", "irgc"),
    ("الحرس الثوري", "irgc"),
    ("استخبارات الحرس الثوري", "irgc-intelligence"),
    ("حسين طائب", "hossein-taeb"),
    ("رويترز", "reuters"),
    ("الفصائل المسلحة الموالية لإيران", "iran-backed-factions-iraq"),
    ("الميليشيات الإيرانية", "iran-backed-factions-iraq"),
    ("المليشيات الايرانيه", "iran-backed-factions-iraq"),
    ("حركة النجباء", "harakat-al-nujaba"),
    ("أكرم الكعبي", "akram-al-kaabi"),
    ("الإطار التنسيقي", "coordination-framework"),
    ("جماعة الحوثي", "houthis"),
    ("يحيى سريع", "yahya-saree"),
    ("المرصد السوري لحقوق الإنسان", "sohr"),
    ("التحالف الدولي المناهض لتنظيم داعش", "global-coalition"),
    ("محمد شياع السوداني", "mohammed-shia-al-sudani"),
    ("نيجيرفان بارزاني", "nechirvan-barzani"),
    ("ألينا رومانوسكي", "alina-romanowski"),
    ("مصطفى الكاظمي", "mustafa-al-kadhimi"),
    ("قاسم سليماني", "qasem-soleimani"),
    ("أبو مهدي المهندس", "abu-mahdi-al-muhandis"),
    ("الهيئة التنسيقية للمقاومة العراقية", "iraqi-resistance-coordination-committee"),
    ("عصائب أهل الحق", "asaib-ahl-al-haq"),
    ("كتائب حزب الله", "kataib-hezbollah"),
    ("منظمة بدر", "badr-organization"),
    ("هيئة الحشد الشعبي", "popular-mobilization-forces"),
    ("كتائب سيد الشهداء", "kataib-sayyid-al-shuhada"),
    ("شفق نيوز", "shafaq-news"),
    ("إيان مكاري", "ian-mccary"),
    ("أنتوني بلينكن", "antony-blinken"),
    ("مجيد تخت روانجي", "majid-takht-ravanchi"),
    ("حسين أمير عبد اللهيان", "hossein-amir-abdollahian"),
    ("بلومبرغ", "bloomberg"),
    ("الولايات المتحدة الأميركية", "united-states"),
    ("القوات الأمريكية", "us-military"),
    ("القوات الأميركية", "us-military"),
    ("وزارة الخارجية الإيرانية", "iran-ministry-of-foreign-affairs"),
])
def test_seed_names_resolve(actors, surface, expected):
    """Names the seed articles use must reach the entity a coder would pick (CODING.md §6)."""
    index = {norm(n): e["id"] for _, e in actors for n in _names(e, "ar")}
    assert index.get(norm(surface)) == expected


@pytest.mark.parametrize("word", [
    "العراقي", "الإيرانية", "الأمريكية", "القاعدة", "الحركة", "الأسد", "المهندس", "الشرع",
    "البرهان", "الضيف", "فتح", "الجيش", "القوات", "المقاومة", "التحالف", "المقاومة الإسلامية",
    "الجزيرة", "الميادين", "عمان", "رئيسي", "مبارك", "الحرة", "الحدث", "المسيرة", "بري",
    "الصدر", "مالي", "وام", "بن لادن", "العامري", "الكعبي", "المجلس", "الحكومة",
])
def test_ordinary_words_are_not_actor_names(actors, word):
    """Ordinary words, bare adjectives and place names must never name an actor."""
    names = {norm(n) for _, e in actors for n in _names(e, "ar")}
    assert norm(word) not in names


def test_relations_examples(actors):
    """A spokesperson or leader can be credited to their group; a branch to its parent."""
    by_id = {e["id"]: e for _, e in actors}
    assert "harakat-al-nujaba" in by_id["akram-al-kaabi"]["leader_of"]
    assert "houthis" in (by_id["yahya-saree"].get("member_of", []) +
                         by_id["yahya-saree"].get("leader_of", []))
    assert "irgc" in by_id["quds-force"]["part_of"]
    assert by_id["iran-backed-factions-iraq"]["generic"] is True
    assert by_id["iran-backed-factions-iraq"]["backed_by"] == ["iran"]
    assert by_id["global-coalition"]["country"] is None
    assert by_id["united-states"]["type"] == "GPE" and by_id["united-states"]["sector"] == "GOV"


def test_checks_catch_bad_data():
    """The checks themselves must fail on broken entities, or a green run proves nothing."""
    bad = [
        ("x.yaml", {"id": "Bad Id", "name_en": "X", "name_ar": "abc", "type": "ORG",
                    "sector": "XYZ", "country": "IQ", "member_of": ["nowhere"]}),
        ("x.yaml", {"id": "dup", "name_en": "A", "name_ar": "الأمريكية", "type": "PER",
                    "sector": "GOV", "country": None}),
        ("y.yaml", {"id": "dup", "name_en": "B", "name_ar": "الاميركيه", "type": "ORG",
                    "sector": "GOV", "country": "USA", "aliases_ar": ["الأمريكية"]}),
    ]
    bad.append(("y.yaml", {"id": "no-country", "name_en": "C", "name_ar": "ج", "type": "ORG",
                           "sector": "GOV", "aliases_ar": "ج"}))
    fields = "\n".join(problems_fields(bad))
    for expected in ("lowercase ascii slug", "no Arabic letter", "sector 'XYZ'", "'IQ'",
                     "needs leader_of", "missing field 'country'", "aliases_ar must be a list"):
        assert expected in fields
    ids = "\n".join(problems_ids(bad))
    assert "already used" in ids and "unknown id 'nowhere'" in ids
    assert problems_alias_clashes(_actor_records(bad, "ar"))


def test_every_gazetteer_country_is_a_state_that_can_act(kb):
    """A country states.yaml does not list («إيرلندا») still acts as a state, so a list of
    states recognising Palestine or signing a deal is not cut at an unlisted one."""
    countries = {p.country for p in kb.places.values() if p.kind == "country" and p.country}
    assert countries <= set(kb.state_of)
    ireland = kb.actor(kb.state_of["IRL"])
    assert ireland is not None and ireland.type == "GPE" and ireland.sector == "GOV"
    assert kb.state_of["NOR"] == "norway"  # listed states keep their own entries


def test_an_unlisted_state_fills_a_compound_role(pipeline):
    from marsad.model import Article
    doc = pipeline(Article(id="t", text="اعترفت إسبانيا وإيرلندا والنرويج رسمياً اليوم بدولة "
                                        "فلسطين.", published="2024-05-28"))
    support = [e for e in doc.events if e.event_type == "SUPPORT"]
    assert [a.id for a in support[0].actor] == ["spain", "ireland", "norway"]

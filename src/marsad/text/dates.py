"""Explicit dates in Arabic (and English) news text.

Arabic news names months in several systems, often paired («13 يوليو/تموز 2021»,
«7 تشرين الأول/أكتوبر»), writes dates numerically («13/7/2021»), gives years alone
(«عام 2014») and sometimes Hijri dates («16 ربيع الآخر 1445 هـ»). :func:`find_dates` finds
them all in the *normalised* view of a text (``marsad.text.normalize.normalize(s).text``),
so one pattern per form covers every spelling; offsets index that view (map them back with
``NormText.to_orig``). Relative expressions («الأسبوع الماضي») are not explicit dates and
are left to the date-resolution stage; a month followed by «الماضي» is kept, with a hint.
:func:`find_counts` finds counted spans of time («قبل ثلاثة أيام»، «منذ عامين»، «معارك استمرت
أسبوعين»), which only the publication date turns into dates.

The month and weekday names live in ``data/calendar.yaml``; the regexes are built from them
once, on first use.
"""

from __future__ import annotations

import calendar as _cal
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from hijridate import Hijri

from marsad.text.normalize import norm

# Gregorian years accepted: wider would turn counts («2500 عسكري») into years.
_MIN_YEAR, _MAX_YEAR = 1800, 2199
_HIJRI_MIN, _HIJRI_MAX = 1343, 1500  # what hijridate can convert
_LETTER_BEFORE = r"(?<![^\W\d_])"  # not preceded by a letter
_LETTER_AFTER = r"(?![^\W\d_])"  # not followed by a letter
_NUM_BEFORE = r"(?<![\d/:.])"  # not the tail of a longer number, time or date
_AR_CLITIC = r"(?:[وف]?(?:[بك]?ال|لل|[بلك])?)"  # «و»، «ف» then «ال»، «بال»، «لل»، «ب»...


@dataclass(frozen=True)
class DateMatch:
    """An explicit date expression found in normalised text.

    ``year``/``month``/``day`` are Gregorian (a Hijri date is converted; for a Hijri month or
    year they give the Gregorian date its first day falls on, and :meth:`span` gives the exact
    Gregorian range). ``weekday`` (0 = Monday) is set when a weekday name is attached, and
    ``relative_hint`` («past», «next», «current») when a word like «الماضي» follows a month
    that has no year.
    """

    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    precision: str  # "day", "month" or "year"
    calendar: str = "gregorian"  # or "hijri"
    weekday: int | None = None
    relative_hint: str | None = None
    text: str = ""
    hijri: tuple[int, int | None, int | None] | None = None  # (year, month, day) as written

    def span(self) -> tuple[date, date] | None:
        """First and last Gregorian day the expression covers (None when the year is unknown)."""
        if self.hijri is not None:
            return _hijri_span(*self.hijri)
        if self.year is None:
            return None
        if self.precision == "day" and self.month and self.day:
            d = date(self.year, self.month, self.day)
            return d, d
        if self.precision == "month" and self.month:
            last = _cal.monthrange(self.year, self.month)[1]
            return date(self.year, self.month, 1), date(self.year, self.month, last)
        return date(self.year, 1, 1), date(self.year, 12, 31)


def _hijri_span(y: int, m: int | None, d: int | None) -> tuple[date, date]:
    if m is None:
        first, last = Hijri(y, 1, 1), Hijri(y, 12, Hijri(y, 12, 1).month_length())
    elif d is None:
        first = Hijri(y, m, 1)
        last = Hijri(y, m, first.month_length())
    else:
        first = last = Hijri(y, m, d)
    g1, g2 = first.to_gregorian(), last.to_gregorian()
    return date(g1.year, g1.month, g1.day), date(g2.year, g2.month, g2.day)


# --------------------------------------------------------------------------- data & regexes


def _alt(names: list[str]) -> str:
    """A regex alternation of normalised names, longest first, any spaces between words."""
    parts = sorted({n for n in names if n}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in parts)


def _key(s: str) -> str:
    return " ".join(s.split())


@dataclass(frozen=True)
class _Calendar:
    months: dict[str, int]  # normalised name -> month number
    anchored: frozenset[str]  # names that need a day, year, pair or hint
    latin_months: frozenset[str]
    hijri: dict[str, int]
    weekdays: dict[str, int]
    hints: dict[str, str]
    latin_hints: dict[str, str]
    patterns: dict[str, re.Pattern[str]]
    cue_before: re.Pattern[str]
    month_word_before: re.Pattern[str]
    ordinals: dict[str, int]
    ordinal_blockers: frozenset[str]
    units: dict[str, tuple[str, int | None]]  # form -> (unit, count it implies, if any)
    count_words: dict[str, int]
    counts: dict[str, re.Pattern[str]]  # cue kind -> pattern


def _names(values: Any) -> list[str]:
    return [norm(str(v)) for v in (values or [])]


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    return yaml.safe_load(
        resources.files("marsad").joinpath("data/calendar.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _load() -> _Calendar:
    raw = _raw()
    months: dict[str, int] = {}
    anchored: set[str] = set()
    for num, entry in raw["gregorian_months"].items():
        for n in _names(entry.get("names")):
            months[n] = int(num)
        for n in _names(entry.get("anchored")):
            months[n] = int(num)
            anchored.add(n)
    latin = frozenset(n for n in months if n.isascii())
    hijri = {n: int(num) for num, names in raw["hijri_months"].items() for n in _names(names)}
    weekdays = {n: int(num) for num, names in raw["weekdays"].items() for n in _names(names)}
    hints = {n: kind for kind, names in raw["relative_hints"].items() for n in _names(names)}
    latin_hints = {n: kind for kind, names in raw["relative_hints_latin"].items()
                   for n in _names(names)}

    ar_months = _alt([n for n in months if n not in latin])
    en_months = _alt(list(latin))
    any_month = f"{ar_months}|{en_months}"
    links = _alt(_names(raw.get("weekday_links")))
    wd = (rf"(?:{_LETTER_BEFORE}(?P<wd>{_alt(list(weekdays))}){_LETTER_AFTER}"
          rf"\s*[,،]?\s*(?:(?:{links})\s*)?)?")
    month = (rf"{_LETTER_BEFORE}(?P<m1>{any_month}){_LETTER_AFTER}(?:(?<=[a-z])\.)?"
             rf"(?:\s*/\s*(?P<m2>{any_month}){_LETTER_AFTER}"
             rf"|\s*\(\s*(?P<m3>{any_month})\s*\))?")
    year_words = _alt(_names(raw["year_words"]))
    year_word = rf"{_LETTER_BEFORE}{_AR_CLITIC}(?:{year_words})"
    year_tail = (rf"\s*[,،]?\s*(?:(?:من\s+)?{year_word}\s+)?"
                 rf"(?P<y>\d{{4}})(?!\d)(?:\s?م{_LETTER_AFTER})?")
    hint = rf"(?:\s+(?P<hint>{_alt(list(hints))}){_LETTER_AFTER})?"
    latin_hint = rf"(?:(?P<lh>{_alt(list(latin_hints))})\s+)?"
    day = rf"{_NUM_BEFORE}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
    markers = _alt(_names(raw["hijri_markers"]))
    hijri_tail = rf"(?:\s*(?P<mk>{markers}){_LETTER_AFTER}\.?)?"
    cues = _alt(_names(raw["month_cues"]))
    year_cues = _alt(_names(raw["year_cues"]))

    ordinals = {n: int(num) for num, names in raw["ordinal_days"].items() for n in _names(names)}
    ordinal = (rf"{_LETTER_BEFORE}(?P<od>{_alt(list(ordinals))}){_LETTER_AFTER}\s+"
               rf"(?:من\s+)?(?:شهر\s+)?")
    patterns = {
        # «السادس من آذار»، «الحادي والعشرين من يونيو 2020»
        "dmy_ord": rf"{wd}{ordinal}{month}(?:{year_tail})?{hint}",
        # «الثلاثاء 13 يوليو/تموز 2021»، «7 تشرين الأول/أكتوبر»، «1 November 2023»
        "dmy": rf"{wd}{day}\s*(?:من\s+)?(?:شهر\s+)?{month}(?:{year_tail})?{hint}",
        # «November 1, 2023», «Tuesday, July 13»: English order only
        "mdy": (rf"{wd}{latin_hint}{_LETTER_BEFORE}(?P<m1>{en_months}){_LETTER_AFTER}\.?\s+"
                rf"{day}(?:\s*,?\s*(?P<y>\d{{4}})(?!\d))?"),
        # «يناير/كانون الثاني عام 2020»، «مايو 2021»
        "my": rf"{latin_hint}{month}{year_tail}{hint}",
        # «أكتوبر/تشرين الأول الماضي»، «في أبريل/نيسان»: checked for a cue in code
        "m": rf"{latin_hint}{month}{hint}",
        "ymd": (rf"{wd}(?<![\d/.-])(?P<y>\d{{4}})(?P<s>[-/.])(?P<m>\d{{1,2}})(?P=s)"
                rf"(?P<d>\d{{1,2}})(?![\d]|[-/.]\d){hijri_tail}"),
        "dmy_num": (rf"{wd}(?<![\d/.-])(?P<d>\d{{1,2}})(?P<s>[-/.])(?P<m>\d{{1,2}})(?P=s)"
                    rf"(?P<y>\d{{4}})(?![\d]|[-/.]\d){hijri_tail}"),
        "year": rf"{year_word}\s+(?P<y>\d{{4}})(?!\d)(?:\s?م{_LETTER_AFTER})?",
        "year_cue": (rf"{_LETTER_BEFORE}{_AR_CLITIC}(?:{year_cues})\s+"
                     rf"(?P<y>(?:19|20)\d\d)(?![\d/.-]\d)(?!\d)"),
        "hijri": (rf"{wd}(?:{day}\s*(?:من\s+)?)?(?:شهر\s+)?{_LETTER_BEFORE}"
                  rf"(?P<hm>{_alt(list(hijri))}){_LETTER_AFTER}\s*[,،]?\s*"
                  rf"(?:(?:من\s+)?{year_word}\s+)?(?P<y>\d{{3,4}})(?!\d){hijri_tail}"),
    }
    cue_before = re.compile(rf"{_LETTER_BEFORE}{_AR_CLITIC}(?:{cues})\s+(?:(?:ال)?شهر\s+)?$")
    named = _alt(list(months) + list(hijri) + list(weekdays))
    units, count_words, counts = _count_patterns(raw, named)
    return _Calendar(
        months=months, anchored=frozenset(anchored), latin_months=latin, hijri=hijri,
        weekdays=weekdays, hints=hints, latin_hints=latin_hints,
        patterns={k: re.compile(v) for k, v in patterns.items()}, cue_before=cue_before,
        month_word_before=re.compile(rf"{_LETTER_BEFORE}{_AR_CLITIC}شهر\s+$"),
        ordinals=ordinals, ordinal_blockers=frozenset(_names(raw["ordinal_blockers"])),
        units=units, count_words=count_words, counts=counts,
    )


def _count_patterns(raw: dict[str, Any], named: str) -> tuple[
        dict[str, tuple[str, int | None]], dict[str, int], dict[str, re.Pattern[str]]]:
    """Regexes for counted spans of time, one per cue kind (see ``count_cues``). ``named``
    (month and weekday names) may not follow: «قبل شهر رمضان», «منذ يوم الجمعة» name a time,
    they do not count one."""
    units: dict[str, tuple[str, int | None]] = {}
    one, two, many = [], [], []
    for unit, forms in raw["count_units"].items():
        for n in _names(forms.get("one")):
            units[n] = (unit, 1)
            one.append(n)
        for n in _names(forms.get("two")):
            units[n] = (unit, 2)
            two.append(n)
        for n in _names(forms.get("many")):
            units[n] = (unit, None)
            many.append(n)
    words = {n: int(num) for num, names in raw["count_words"].items() for n in _names(names)}
    count = (rf"(?:(?P<n>\d{{1,3}}|{_alt(list(words))})\s+(?P<u>{_alt(one + many)})"
             rf"|(?P<u2>{_alt(two + one)})){_LETTER_AFTER}")
    cues = {kind: _alt(_names(ws)) for kind, ws in raw["count_cues"].items()}
    on, of = norm("على"), norm("من")
    nouns = _alt(_names(raw["activity_nouns"]))
    head = rf"{_LETTER_BEFORE}[وف]?"
    # «قبل يومين من…» (before another event), «قبل عام 2003», «قبل شهر رمضان»
    not_other = rf"(?!\s+(?:(?:{of}|{named}){_LETTER_AFTER}|\d))"
    pats = {
        "ago": rf"{head}(?:{cues['ago']})\s+{count}{not_other}",
        "since": rf"{head}(?:{cues['since']})\s+{count}{not_other}",
        "elapsed": rf"{head}(?:{cues['elapsed']})\s+{count}(?=\s+{on}{_LETTER_AFTER})",
        "lasted": rf"{head}(?:{cues['lasted']})\s+(?:(?:ل|{norm('لمدة')})\s*)?{count}{not_other}",
        "after": (rf"{head}(?:{cues['after']})\s+{count}(?=\s+{of}\s+[وف]?"
                  rf"(?P<noun>{nouns}){_LETTER_AFTER})"),
        # «بعد يومين من هجوم …»: a single act, N days before the clause's own date
        "offset": (rf"{head}(?:{cues['after']})\s+{count}(?=\s+{of}\s+"
                   rf"(?!(?:[وف]?(?:{nouns})){_LETTER_AFTER})(?P<noun>[^\W\d_]))"),
    }
    return units, words, {k: re.compile(v) for k, v in pats.items()}


# --------------------------------------------------------------------------- matching


def _valid_day(y: int | None, m: int, d: int) -> bool:
    if not 1 <= m <= 12 or d < 1:
        return False
    return d <= (_cal.monthrange(y, m)[1] if y else (29 if m == 2 else _cal.mdays[m]))


def _month_of(cal: _Calendar, mt: re.Match[str]) -> int | None:
    """The month named by the m1(/m2) groups, or None when a pair disagrees."""
    m1 = cal.months[_key(mt.group("m1"))]
    other = mt.groupdict().get("m2") or mt.groupdict().get("m3")
    if other and cal.months[_key(other)] != m1:
        return None
    return m1


def _paired(mt: re.Match[str]) -> bool:
    return bool(mt.groupdict().get("m2") or mt.groupdict().get("m3"))


def _hint(cal: _Calendar, mt: re.Match[str]) -> str | None:
    g = mt.groupdict()
    if g.get("hint"):
        return cal.hints[_key(g["hint"])]
    if g.get("lh"):
        return cal.latin_hints[_key(g["lh"])]
    return None


def _weekday(cal: _Calendar, mt: re.Match[str]) -> int | None:
    w = mt.groupdict().get("wd")
    return cal.weekdays[_key(w)] if w else None


def _year(mt: re.Match[str]) -> int | None:
    y = mt.groupdict().get("y")
    return int(y) if y else None


def _gregorian(cal: _Calendar, kind: str, mt: re.Match[str], text: str) -> DateMatch | None:
    """Check a month-name match and build its DateMatch (None when it is not a date)."""
    month = _month_of(cal, mt)
    if month is None:
        return None
    y = _year(mt)
    if y is not None and not _MIN_YEAR <= y <= _MAX_YEAR:
        return None
    d = int(mt.group("d")) if mt.groupdict().get("d") else None
    if mt.groupdict().get("od"):
        d = cal.ordinals[_key(mt.group("od"))]
        before = text[max(0, mt.start("od") - 20):mt.start("od")].split()
        if before and before[-1] in cal.ordinal_blockers:
            return None
    hint = _hint(cal, mt)
    m1 = _key(mt.group("m1"))
    if d is not None and not _valid_day(y, month, d):
        return None
    if kind == "m":
        # A month named alone: needs a pair, a relative word, «شهر» before it, or (unless it
        # is also an ordinary word) a time word before it such as «في» or «منذ».
        window = text[max(0, mt.start() - 20):mt.start()]
        if not (_paired(mt) or hint or cal.month_word_before.search(window)) and (
                m1 in cal.anchored or not cal.cue_before.search(window)):
            return None
    precision = "day" if d is not None else "month"
    return DateMatch(mt.start(), mt.end(), y, month, d, precision, weekday=_weekday(cal, mt),
                     relative_hint=hint if y is None else None, text=mt.group(0))


def _numeric(cal: _Calendar, mt: re.Match[str]) -> DateMatch | None:
    y, m, d = int(mt.group("y")), int(mt.group("m")), int(mt.group("d"))
    if mt.group("mk"):
        return _hijri_match(mt, y, m, d, cal)
    if m > 12 and d <= 12:  # 07/13/2021: month first
        m, d = d, m
    if not _MIN_YEAR <= y <= _MAX_YEAR or not _valid_day(y, m, d):
        return None
    return DateMatch(mt.start(), mt.end(), y, m, d, "day", weekday=_weekday(cal, mt),
                     text=mt.group(0))


def _hijri_match(mt: re.Match[str], y: int, m: int, d: int | None,
                 cal: _Calendar) -> DateMatch | None:
    if not _HIJRI_MIN <= y <= _HIJRI_MAX:
        return None
    try:
        first, _ = _hijri_span(y, m, d)
    except (ValueError, OverflowError):
        return None
    return DateMatch(mt.start(), mt.end(), first.year, first.month,
                     first.day if d is not None else None, "day" if d is not None else "month",
                     calendar="hijri", weekday=_weekday(cal, mt), text=mt.group(0),
                     hijri=(y, m, d))


def _hijri(cal: _Calendar, mt: re.Match[str]) -> DateMatch | None:
    y = int(mt.group("y"))
    d = int(mt.group("d")) if mt.group("d") else None
    # «صفر» is also «zero», «رجب» a name: without «هـ» it takes a day and a Hijri-range year.
    if not mt.group("mk") and (d is None or not 1300 <= y <= _HIJRI_MAX):
        return None
    return _hijri_match(mt, y, cal.hijri[_key(mt.group("hm"))], d, cal)


@lru_cache(maxsize=1)
def _day_of_month() -> re.Pattern[str]:
    cal = _load()
    return re.compile(rf"(?:{_LETTER_BEFORE}(?P<od>{_alt(list(cal.ordinals))}){_LETTER_AFTER}"
                      rf"|{_NUM_BEFORE}(?P<d>\d{{1,2}}))\s+من\s+$")


def day_before_month(text: str) -> tuple[int, int] | None:
    """«الثالث عشر من [الشهر الجاري]», «4 من [الشهر نفسه]»: the day of the month written
    right before a month named relatively, and where it starts in ``text`` (a normalised
    text ending where that month's name begins)."""
    mt = _day_of_month().search(text)
    if mt is None:
        return None
    day = int(mt.group("d")) if mt.group("d") else _load().ordinals[_key(mt.group("od"))]
    return (day, mt.start()) if 1 <= day <= 31 else None


def find_dates(text: str) -> list[DateMatch]:
    """Every explicit date in ``text`` (a normalised view), in order, without overlaps.

    When two readings overlap, the longer wins: «13 يوليو عام 2021» is one day, not a day
    plus the year «عام 2021».
    """
    cal = _load()
    found: list[DateMatch] = []
    for kind, pat in cal.patterns.items():
        for mt in pat.finditer(text):
            dm: DateMatch | None
            if kind in ("dmy", "dmy_ord", "mdy", "my", "m"):
                dm = _gregorian(cal, kind, mt, text)
            elif kind in ("ymd", "dmy_num"):
                dm = _numeric(cal, mt)
            elif kind == "hijri":
                dm = _hijri(cal, mt)
            else:  # a year alone
                y = int(mt.group("y"))
                if not _MIN_YEAR <= y <= _MAX_YEAR:
                    continue
                start = mt.start("y") if kind == "year_cue" else mt.start()
                dm = DateMatch(start, mt.end(), y, None, None, "year", text=text[start:mt.end()])
            if dm is not None:
                found.append(dm)
    chosen: list[DateMatch] = []
    for dm in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
        if all(dm.end <= c.start or dm.start >= c.end for c in chosen):
            chosen.append(dm)
    return sorted(chosen, key=lambda m: m.start)


@dataclass(frozen=True)
class CountMatch:
    """A counted span of time: ``count`` ``unit``\\s («day», «week», «month», «year»).

    ``kind`` is the cue's (``count_cues`` in calendar.yaml): «ago», «since», «elapsed»,
    «lasted», «after» (a duration) or «offset». For «after», ``target`` is the normalised
    offset of the activity noun it measures («بعد 18 يوماً من الاحتجاجات» → «الاحتجاجات»);
    for «offset», of the word naming the earlier act («بعد يومين من هجوم» → «هجوم»).
    """

    start: int
    end: int
    kind: str
    count: int
    unit: str
    text: str = ""
    target: int | None = None


@lru_cache(maxsize=1)
def date_links() -> dict[str, frozenset[str]]:
    """Normalised words that tie clauses in time (``date_links`` in calendar.yaml): «links»,
    «new_clause» and «during»."""
    raw = _raw().get("date_links") or {}
    return {k: frozenset(_names(v)) for k, v in raw.items()}


@lru_cache(maxsize=1)
def range_openers() -> dict[str, int]:
    """Normalised words opening a range that runs up to publication («منذ», «بدأ في»), each
    with the number of words allowed between it and its date."""
    raw = _raw()
    return {norm(str(k)): int(v) for k, v in (raw.get("range_openers") or {}).items()}


def find_counts(text: str) -> list[CountMatch]:
    """Every counted span of time in ``text`` (a normalised view), in order."""
    cal = _load()
    out: list[CountMatch] = []
    for kind, pat in cal.counts.items():
        for mt in pat.finditer(text):
            g = mt.groupdict()
            unit, implied = cal.units[_key(g["u"] or g["u2"])]
            if g["n"]:
                n = int(g["n"]) if g["n"].isdigit() else cal.count_words[_key(g["n"])]
            else:
                n = implied or 1
            if n <= 0:
                continue
            target = mt.start("noun") if g.get("noun") else None
            out.append(CountMatch(mt.start(), mt.end(), kind, n, unit, mt.group(0), target))
    return sorted(out, key=lambda c: c.start)

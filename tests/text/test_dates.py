"""The explicit-date finder on normalised Arabic (and English) text."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from marsad.text.dates import DateMatch, find_counts, find_dates
from marsad.text.normalize import normalize


def dates(text: str) -> list[DateMatch]:
    return find_dates(normalize(text).text)


def one(text: str) -> DateMatch:
    found = dates(text)
    assert len(found) == 1, [d.text for d in found]
    return found[0]


def ymd(d: DateMatch) -> tuple[int | None, int | None, int | None]:
    return d.year, d.month, d.day


@pytest.mark.parametrize(("text", "expected", "precision"), [
    # paired Egyptian/Gulf and Levantine names, either order
    ("كشفت المصادر، الثلاثاء 13 يوليو/تموز 2021، أن", (2021, 7, 13), "day"),
    ("في 13 تموز/يوليو 2021", (2021, 7, 13), "day"),
    ("بعد أحداث 7 تشرين الأول/أكتوبر في غزة", (None, 10, 7), "day"),
    ("في 27 يونيو/حزيران ضد فصائل", (None, 6, 27), "day"),
    ("اغتيال سليماني في يناير/كانون الثاني عام 2020", (2020, 1, None), "month"),
    ("تموز (يوليو) 2021", (2021, 7, None), "month"),
    # Levantine / Iraqi alone
    ("في 3 شباط 2022", (2022, 2, 3), "day"),
    ("في 5 آب 2020", (2020, 8, 5), "day"),
    ("في 9 نيسان 2003", (2003, 4, 9), "day"),
    ("في 1 كانون الأول 2019", (2019, 12, 1), "day"),
    ("في 1 كانون   الثاني 2019", (2019, 1, 1), "day"),
    ("في 10 تشرين ثاني 2019", (2019, 11, 10), "day"),
    # Egyptian / Gulf spellings
    ("في 30 يونية 2013", (2013, 6, 30), "day"),
    ("23 يوليه 1952", (1952, 7, 23), "day"),
    ("في 14 إبريل 2021", (2021, 4, 14), "day"),
    ("في 2 اغسطس 1990", (1990, 8, 2), "day"),
    # North African
    ("في 15 جويلية 2022", (2022, 7, 15), "day"),
    ("يوم 1 جانفي 2020", (2020, 1, 1), "day"),
    ("منذ 3 أوت", (None, 8, 3), "day"),
    ("في 12 أفريل 2019", (2019, 4, 12), "day"),
    ("في 22 فيفري 2019", (2019, 2, 22), "day"),
    ("في 5 جوان 2020", (2020, 6, 5), "day"),
    ("في 8 ماي 1945", (1945, 5, 8), "day"),
    ("في 17 مارس 2020", (2020, 3, 17), "day"),
    # English (the normalised view is lowercase)
    ("posted on November 1, 2023", (2023, 11, 1), "day"),
    ("Published: 13 July 2021", (2021, 7, 13), "day"),
    ("Tuesday, July 13, 2021", (2021, 7, 13), "day"),
    ("in March 2019", (2019, 3, None), "month"),
    ("Nov. 1, 2023", (2023, 11, 1), "day"),
    # numeric
    ("نشر بتاريخ 2021-07-13", (2021, 7, 13), "day"),
    ("في 13/7/2021", (2021, 7, 13), "day"),
    ("في 13-07-2021", (2021, 7, 13), "day"),
    ("في 13.07.2021", (2021, 7, 13), "day"),
    ("في ٢٠٢١/٠٧/١٣", (2021, 7, 13), "day"),  # Arabic-Indic digits
    ("on 07/13/2021", (2021, 7, 13), "day"),  # month first when the day can't be a month
    # years alone
    ("منذ عام 2014", (2014, None, None), "year"),
    ("في العام 2021", (2021, None, None), "year"),
    ("خلال سنة 2019", (2019, None, None), "year"),
    ("وللعام 2022", (2022, None, None), "year"),
    ("ومنذ 2003 تنتشر القوات", (2003, None, None), "year"),
    ("عام 2014م", (2014, None, None), "year"),
])
def test_gregorian_dates(text: str, expected: tuple, precision: str) -> None:
    d = one(text)
    assert ymd(d) == expected
    assert d.precision == precision
    assert d.calendar == "gregorian"


def test_offsets_index_the_normalised_view_and_map_back() -> None:
    text = "كشفت ثلاثة مصادر، الثلاثاء 13 يوليو/تموز 2021، أن قيادياً"
    nt = normalize(text)
    d = find_dates(nt.text)[0]
    assert nt.text[d.start:d.end] == d.text == "الثلاثاء 13 يوليو/تموز 2021"
    assert nt.orig_slice(d.start, d.end) == "الثلاثاء 13 يوليو/تموز 2021"


@pytest.mark.parametrize(("text", "weekday"), [
    ("الثلاثاء 13 يوليو/تموز 2021", 1),
    ("الإثنين 24 مايو/أيار 2021", 0),
    ("الاثنين 24 مايو 2021", 0),
    ("يوم الجمعة، 3 يناير 2020", 4),
    ("الأحد الموافق 5 يناير 2020", 6),
    ("السبت 22 مايو/أيار", 5),
    ("13 يوليو 2021", None),
])
def test_weekday_attached(text: str, weekday: int | None) -> None:
    d = one(text)
    assert d.weekday == weekday
    if weekday is not None and d.year:
        assert date(d.year, d.month or 1, d.day or 1).weekday() == weekday


@pytest.mark.parametrize(("text", "month", "hint"), [
    ("التي دخلت حيز التنفيذ في أكتوبر/تشرين الأول الماضي، يرجع", 10, "past"),
    ("في 13 تموز/يوليو الجاري", 7, "current"),
    ("في مارس المقبل", 3, "next"),
    ("last July", 7, "past"),
])
def test_relative_hint(text: str, month: int, hint: str) -> None:
    d = one(text)
    assert (d.year, d.month, d.relative_hint) == (None, month, hint)


@pytest.mark.parametrize(("text", "month"), [
    ("وفي أبريل/نيسان، أعلن العراق", 4),  # paired
    ("في نهاية سبتمبر", 9),  # after a time word
    ("خلال شباط", 2),
    ("في شهر ماي", 5),  # an ambiguous name after «شهر»
])
def test_month_alone(text: str, month: int) -> None:
    d = one(text)
    assert (d.year, d.month, d.day, d.precision) == (None, month, None, "month")


@pytest.mark.parametrize(("text", "gregorian", "hijri", "precision"), [
    ("الخميس 16 ربيع الآخر 1445 هـ", (2023, 10, 31), (1445, 4, 16), "day"),
    ("في 16 ربيع الثاني 1445هـ", (2023, 10, 31), (1445, 4, 16), "day"),
    ("في 4 ذو الحجة 1442 للهجرة", (2021, 7, 14), (1442, 12, 4), "day"),
    ("1442/12/04 هـ", (2021, 7, 14), (1442, 12, 4), "day"),
    ("في شهر رمضان 1444 هـ", (2023, 3, None), (1444, 9, None), "month"),
    ("غرة محرم 1445 هجرية", (2023, 7, None), (1445, 1, None), "month"),
])
def test_hijri_dates_are_converted(text: str, gregorian: tuple, hijri: tuple,
                                   precision: str) -> None:
    d = one(text)
    assert d.calendar == "hijri"
    assert ymd(d) == gregorian and d.hijri == hijri and d.precision == precision


def test_hijri_month_span_is_exact() -> None:
    d = one("رمضان 1444 هـ")
    assert d.span() == (date(2023, 3, 23), date(2023, 4, 20))


def test_spans() -> None:
    assert one("13 يوليو 2021").span() == (date(2021, 7, 13), date(2021, 7, 13))
    assert one("فبراير 2024").span() == (date(2024, 2, 1), date(2024, 2, 29))
    assert one("عام 2014").span() == (date(2014, 1, 1), date(2014, 12, 31))
    assert one("في 27 يونيو/حزيران").span() is None  # year unknown until resolved


def test_several_dates_in_order_without_overlap() -> None:
    text = ("الخميس 16 ربيع الآخر 1445 هـ الموافق 31 أكتوبر 2023م، بعد هجمات 7 أكتوبر "
            "وضربات عام 2014")
    found = dates(text)
    assert [(d.calendar, ymd(d)) for d in found] == [
        ("hijri", (2023, 10, 31)), ("gregorian", (2023, 10, 31)),
        ("gregorian", (None, 10, 7)), ("gregorian", (2014, None, None))]
    assert all(a.end <= b.start for a, b in pairwise(found))


def test_impossible_day_is_not_a_day() -> None:
    assert [d.precision for d in dates("يوم 31 فبراير 2021")] == ["month"]
    assert dates("يوم 31 فبراير") == []


def test_longer_reading_wins() -> None:
    d = one("في 1 أكتوبر/تشرين الأول من عام 2019")
    assert ymd(d) == (2019, 10, 1)


@pytest.mark.parametrize("text", [
    "مارس الجيش ضغوطاً على الفصائل",  # «مارس» the verb
    "وقال أب لثلاثة أطفال",  # «أب» father
    "ماي",
    "النائب شباط قال إن",  # a surname, no time word
    "أطلقت الفصائل 2500 صاروخ",  # a bare number
    "نحو 2500 عسكري أمريكي",
    "قتل 13 شخصا وأصيب 2021",
    "في رمضان الماضي",  # Hijri month without a year: not converted
    "صفر 1445",  # «صفر» is also zero: needs «هـ» or a day
    "صفر إصابات",
    "الساعة 10:30 صباحاً",
    "في 13/13/2021",
    "يوليو/حزيران 2021",  # a pair that disagrees
    "version 1.2.3 and 3.5.2021.4",
])
def test_not_dates(text: str) -> None:
    assert dates(text) == [], [d.text for d in dates(text)]


# --------------------------------------------------------------------------- ordinal days


@pytest.mark.parametrize(("text", "expected"), [
    ("قتل المئات منذ السادس من آذار", (None, 3, 6)),
    ("في الحادي والعشرين من يونيو 2020", (2020, 6, 21)),
    ("وصل الوفد في الأول من كانون الثاني", (None, 1, 1)),
    ("منذ الثلاثين من سبتمبر/أيلول الماضي", (None, 9, 30)),
])
def test_ordinal_days(text: str, expected: tuple) -> None:
    d = one(text)
    assert ymd(d) == expected and d.precision == "day"


@pytest.mark.parametrize("text", [
    "في الأسبوع الثاني من آذار",  # a week, not the 2nd
    "خلال النصف الأول من يونيو",
    "الثلاثين من عمره",  # no month
])
def test_ordinal_that_is_no_day(text: str) -> None:
    assert all(d.precision != "day" for d in dates(text))


# --------------------------------------------------------------------------- counted spans


def counts(text: str) -> list[tuple[str, int, str]]:
    return [(c.kind, c.count, c.unit) for c in find_counts(normalize(text).text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("اغتيل قبل عامين", [("ago", 2, "year")]),
    ("بدأت العملية قبل ثلاثة أيام", [("ago", 3, "day")]),
    ("وقع الانفجار قبل 5 أشهر", [("ago", 5, "month")]),
    ("يحاصرون المدينة منذ أسبوعين", [("since", 2, "week")]),
    ("يصادف اليوم مرور عام على الهجوم", [("elapsed", 1, "year")]),
    ("بعد معارك استمرت أسبوعين", [("lasted", 2, "week")]),
    ("اشتباكات دامت لمدة ثلاثة أيام", [("lasted", 3, "day")]),
    ("بعد 18 يوماً من الاحتجاجات", [("after", 18, "day")]),
    ("بعد 11 يوماً من القصف المتبادل", [("after", 11, "day")]),
])
def test_counted_spans(text: str, expected: list) -> None:
    assert counts(text) == expected


@pytest.mark.parametrize("text", [
    "قبل يومين من الانتخابات",  # before another event, not before publication
    "قبل عام 2003",  # a year
    "قبل شهر رمضان",  # a named month
    "منذ يوم الجمعة",  # a named day
    "قبل أيام",  # no count
])
def test_not_counted_spans(text: str) -> None:
    assert counts(text) == []


def test_after_a_single_act_is_an_offset_not_a_duration() -> None:
    assert counts("بعد يومين من إطلاقها هجوماً") == [("offset", 2, "day")]
    assert counts("بعد يوم من هجوم بطائرة مسيرة") == [("offset", 1, "day")]
    assert counts("بعد يومين من القتال") == [("after", 2, "day")]


def test_duration_points_at_the_activity_it_measures() -> None:
    text = normalize("احتفلوا بعد 18 يوماً من الاحتجاجات").text
    (c,) = find_counts(text)
    assert text[c.target:].startswith("الاحتجاجات")
    assert text[c.start:c.end] == "بعد 18 يوما"

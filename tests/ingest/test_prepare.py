"""prepare(): clean text (NFC, furniture lines removed, nothing else) and publication date."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from marsad.ingest import normalize_published, prepare
from marsad.model import Article

SEEDS = Path(__file__).parents[2].parent / "shared" / "seeds"

BODY = ("وقال مسؤول عسكري إن هجوماً بطائرة مسيّرة وقع في 27 يونيو/حزيران 2020 على قاعدة "
        "عين الأسد غربي العراق، من دون أن يسفر عن إصابات.")
TITLE = "هجوم جديد على قاعدة عين الأسد"


def seed(name: str) -> Article:
    path = SEEDS / name
    if not path.is_file():
        pytest.skip("shared/seeds not present")
    return Article(id=path.stem, text=path.read_text(encoding="utf-8"))


def clean(text: str) -> str:
    return prepare(Article(id="t", text=text))[0]


def published(text: str, record_date: str | None = None) -> str | None:
    return prepare(Article(id="t", text=text, published=record_date))[1]


# --------------------------------------------------------------------------- clean_text


def test_plain_text_comes_out_as_its_nfc_exactly() -> None:
    # decomposed hamza/madda, spaces at the ends, blank lines, a CR: only NFC may change it
    raw = f"  {TITLE}\n\n{BODY}  \r\n\n\nوأضاف المسؤول أن التحقيق جار. "
    text = unicodedata.normalize("NFD", raw)
    assert text != unicodedata.normalize("NFC", text)
    assert clean(text) == unicodedata.normalize("NFC", text)


def test_seed_002_loses_exactly_its_furniture_lines() -> None:
    art = seed("002_4a950e12de890295.txt")
    text = unicodedata.normalize("NFC", art.text or "")
    out, _ = prepare(art)
    furniture = {"Skip to main content", "AvaToday caption", "posted onNovember 1, 2023",
                 "nocomment"}
    kept = [line for line in text.split("\n") if line.strip() not in furniture]
    assert [line for line in out.split("\n") if line.strip()] == [
        line for line in kept if line.strip()]
    assert out.startswith("إيران تشحن وكلاءها في العراق ضد الوجود الأميركي\n")
    # the photo caption (Arabic prose) and the kicker stay
    assert "الميليشيات الشيعية\nقيادة الميليشيات الإيرانية أعطت أوامر صارمة" in out


@pytest.mark.parametrize("name", ["000_0726b4fde210140d.txt", "001_c34cd6500f22572f.txt",
                                  "003_267a3a983ed8c34b.txt"])
def test_seeds_without_furniture_are_unchanged(name: str) -> None:
    art = seed(name)
    assert prepare(art)[0] == unicodedata.normalize("NFC", art.text or "")


@pytest.mark.parametrize("line", [
    "Skip to main content",
    "شارك",
    "طباعة",
    "شارك  طباعة",
    "Facebook Twitter WhatsApp",
    "0 comments",
    "12 تعليقات",
    "3 دقائق قراءة",
    "اقرأ أيضاً: الميليشيات تتحدى واشنطن بالإصرار على مواصلة الهجمات",
    "الصورة: رويترز",
    "صورة أرشيفية",
    "بقلم: أحمد علي",
    "posted onNovember 1, 2023",
    "Published: 13 July 2021 by Staff",
    "نشر في: الثلاثاء 13 يوليو 2021 - 10:30 ص",
    "آخر تحديث: 14/07/2021 - 09:15",
    "الثلاثاء 13 يوليو 2021",
    "منذ 3 ساعات",
    "© 2023 جميع الحقوق محفوظة",
    "https://example.com/news/123",
    "AvaToday caption",
    "-",
    "***",
])
def test_furniture_lines_are_removed(line: str) -> None:
    text = f"{TITLE}\n{line}\n{BODY}"
    assert clean(text) == f"{TITLE}\n{BODY}"


@pytest.mark.parametrize("line", [
    TITLE,
    "تهديد الفصائل العراقية",  # a heading
    "(رويترز)",  # an agency credit alone may matter for attribution: kept
    "نشر الجيش العراقي قوات إضافية في الأنبار عام 2021 بعد الهجمات المتكررة.",
    "بتاريخ 13 يوليو 2021 اجتمع قادة الفصائل المسلحة في بغداد لبحث التصعيد مع واشنطن.",
    "كشف قائد عسكري بارز لموقع Middle East Eye، الإثنين 24 مايو/أيار 2021، أن الهدنة انتهت.",
    "شارك آلاف العراقيين في تظاهرة ضد الوجود الأمريكي.",
])
def test_real_lines_are_kept(line: str) -> None:
    text = f"{line}\n{BODY}"
    assert clean(text) == text


def test_date_lines_below_the_top_are_kept() -> None:
    """Further down, a date alone heads the next item of a timeline: it dates that item."""
    text = f"{TITLE}\n{BODY}\n{BODY}\nالثلاثاء 13 يوليو 2021\n{BODY}\n13/07/2021\n{BODY}"
    assert clean(text) == text
    with_byline = f"{TITLE}\n{BODY}\n{BODY}\nنشر في 13/07/2021\n{BODY}"
    assert clean(with_byline) == f"{TITLE}\n{BODY}\n{BODY}\n{BODY}"


def test_short_latin_line_is_kept_in_an_english_article() -> None:
    text = "Rocket attack on Ain al-Asad\nNo casualties were reported, officials said."
    assert clean(text) == text


def test_html_only_article_is_extracted() -> None:
    html = f"<html><body><article><h1>{TITLE}</h1><p>{BODY}</p></article></body></html>"
    out, _ = prepare(Article(id="h", html=html))
    assert BODY in out and "<" not in out


def test_article_without_text_or_html_is_refused() -> None:
    with pytest.raises(ValueError, match="neither text nor html"):
        prepare(Article(id="empty", text="  "))


# --------------------------------------------------------------------------- published


@pytest.mark.parametrize(("name", "expected"), [
    ("000_0726b4fde210140d.txt", "2021-07-13"),
    ("001_c34cd6500f22572f.txt", None),
    ("002_4a950e12de890295.txt", "2023-11-01"),
    ("003_267a3a983ed8c34b.txt", "2021-05-24"),
    ("004_b4a12e420ae2588d.txt", None),
])
def test_published_recovered_from_seeds(name: str, expected: str | None) -> None:
    assert prepare(seed(name))[1] == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("2021-07-13", "2021-07-13"),
    ("2021-07-13T23:30:00-05:00", "2021-07-13"),  # the date as written, not moved to UTC
    ("2021-07-13T10:00:00Z", "2021-07-13"),
    ("2021/07/13", "2021-07-13"),
    ("20210713", "2021-07-13"),
    ("Tue, 13 Jul 2021 10:00:00 +0300", "2021-07-13"),
    ("13 July 2021", "2021-07-13"),
    ("13 يوليو/تموز 2021", "2021-07-13"),
    ("13/07/2021", "2021-07-13"),
    ("1626134400", "2021-07-13"),
    ("2021-02-30", None),
    ("yesterday", None),
    ("", None),
    (None, None),
])
def test_record_published_is_normalised(value: str | None, expected: str | None) -> None:
    assert normalize_published(value) == expected


def test_record_date_wins_over_the_text() -> None:
    assert published(f"نشر بتاريخ 2021-07-13\n{BODY}", "2022-01-02T08:00:00Z") == "2022-01-02"


def test_unparsable_record_date_falls_back_to_the_text() -> None:
    assert published(f"نشر بتاريخ 2021-07-13\n{BODY}", "last week") == "2021-07-13"


@pytest.mark.parametrize(("head", "expected"), [
    ("posted on November 1, 2023", "2023-11-01"),
    ("Published: 13 July 2021", "2021-07-13"),
    ("Posted on November 1, 2023 by Admin", "2023-11-01"),
    ("نشر بتاريخ 2021-07-13", "2021-07-13"),
    ("نشر في: الثلاثاء 13 يوليو 2021 - 10:30", "2021-07-13"),
    ("الأربعاء 1 نوفمبر/تشرين الثاني 2023", "2023-11-01"),
    ("13/07/2021", "2021-07-13"),
])
def test_published_from_a_byline_under_the_title(head: str, expected: str) -> None:
    assert published(f"{TITLE}\n{head}\n\n{BODY}") == expected


def test_published_from_a_dateline_in_the_first_sentence() -> None:
    text = f"بغداد، 13 يوليو/تموز 2021، قالت مصادر أمنية إن هجوماً وقع.\n{BODY}"
    assert published(text) == "2021-07-13"


def test_publish_byline_beats_update_line() -> None:
    text = f"آخر تحديث: 14/07/2021 - 09:15\nنشر في 13/07/2021\n{BODY}"
    assert published(text) == "2021-07-13"
    assert published(f"آخر تحديث: 14/07/2021 - 09:15\n{BODY}") == "2021-07-14"


@pytest.mark.parametrize("text", [
    BODY,  # a date inside the text is about the event, not the article
    f"قتل خمسة في هجوم وقع في 12 يوليو 2021 في بغداد.\n{BODY}",
    f"{TITLE}\n" + "\n".join([BODY] * 4) + "\nالثلاثاء 13 يوليو 2021",  # not at the top
    f"{TITLE}\nنشر في 13 يوليو\n{BODY}",  # no year: no date
])
def test_no_published_date_is_invented(text: str) -> None:
    assert published(text) is None

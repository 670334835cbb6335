from datetime import date

import pytest

from marsad.extract.time import resolve_relative
from marsad.model import Article


@pytest.mark.parametrize(("kind", "offset", "start", "end", "precision"), [
    ("days", -1, "2021-07-12", "2021-07-12", "day"),
    ("weekday", 1, "2021-07-13", "2021-07-13", "day"),  # «الثلاثاء» on a Tuesday: that day
    ("weekday", 0, "2021-07-12", "2021-07-12", "day"),
    ("weekday", 6, "2021-07-11", "2021-07-11", "day"),
    ("week", -1, "2021-07-05", "2021-07-11", "week"),  # «الأسبوع الماضي»: previous Mon–Sun
    ("month", 0, "2021-07-01", "2021-07-31", "month"),
    ("month", -1, "2021-06-01", "2021-06-30", "month"),
    ("year", -1, "2020-01-01", "2020-12-31", "year"),
])
def test_relative_expressions(kind, offset, start, end, precision):
    d0, d1, prec = resolve_relative(kind, offset, date(2021, 7, 13))  # a Tuesday
    assert (d0.isoformat(), d1.isoformat(), prec) == (start, end, precision)


def _dates(pipeline, text, published="2021-07-13"):
    doc = pipeline(Article(id="t", text=text, published=published))
    return [(x.span.start, x.span.end, x.span.precision, x.span.basis)
            for x in doc.time_expressions]


def test_dates_in_text(pipeline):
    assert _dates(pipeline, "وقع الهجوم في 27 يونيو/حزيران") == [
        ("2021-06-27", "2021-06-27", "day", "relative")]
    assert _dates(pipeline, "في 13 يوليو/تموز 2021") == [
        ("2021-07-13", "2021-07-13", "day", "explicit")]
    assert _dates(pipeline, "عقد اجتماع الأسبوع الماضي") == [
        ("2021-07-05", "2021-07-11", "week", "relative")]
    assert _dates(pipeline, "الهجوم مطلع هذا الشهر") == [
        ("2021-07-01", "2021-07-31", "month", "relative")]
    # a day-month with no year that would fall after publication is last year's
    assert _dates(pipeline, "في 3 ديسمبر/كانون الأول") == [
        ("2020-12-03", "2020-12-03", "day", "relative")]


def test_no_publication_date_leaves_relative_dates_unresolved(pipeline):
    assert _dates(pipeline, "هاجم مسلحون القاعدة أمس", published=None) == [
        (None, None, None, "unresolved")]

from datetime import date

import pytest

from marsad.extract.time import resolve_count, resolve_relative
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
    # a day of a month named relatively; a weekday to come
    assert _dates(pipeline, "في الحادي عشر من الشهر الجاري") == [
        ("2021-07-11", "2021-07-11", "day", "relative")]
    assert _dates(pipeline, "في 28 من الشهر الماضي") == [
        ("2021-06-28", "2021-06-28", "day", "relative")]
    assert _dates(pipeline, "يوم الأحد المقبل") == [("2021-07-18", "2021-07-18", "day", "relative")]


def test_no_publication_date_leaves_relative_dates_unresolved(pipeline):
    assert _dates(pipeline, "هاجم مسلحون القاعدة أمس", published=None) == [
        (None, None, None, "unresolved")]


def test_weekday_with_past_word_is_strictly_before_publication():
    # «الأحد الماضي» in a Sunday paper is last week's Sunday; «الأحد» alone is that day
    assert resolve_relative("last_weekday", 6, date(2024, 3, 10))[0] == date(2024, 3, 3)
    assert resolve_relative("last_weekday", 6, date(2024, 3, 14))[0] == date(2024, 3, 10)
    assert resolve_relative("weekday", 6, date(2024, 3, 10))[0] == date(2024, 3, 10)


@pytest.mark.parametrize(("kind", "count", "unit", "start", "end", "precision"), [
    ("ago", 2, "year", "2020-01-03", "2020-01-03", "day"),  # «قبل عامين»
    ("elapsed", 1, "year", "2021-01-03", "2021-01-03", "day"),  # «مرور عام على»
    ("ago", 3, "day", "2021-12-31", "2021-12-31", "day"),
    ("since", 2, "week", "2021-12-20", "2022-01-03", "range"),  # «منذ أسبوعين»
    # a duration fills the days before the news: «بعد 18 يوماً من الاحتجاجات»
    ("after", 18, "day", "2021-12-16", "2022-01-02", "range"),
    ("lasted", 2, "week", "2021-12-20", "2022-01-02", "range"),  # «استمرت أسبوعين»
])
def test_counted_spans_against_publication(kind, count, unit, start, end, precision):
    d0, d1, prec = resolve_count(kind, count, unit, date(2022, 1, 3))
    assert (d0.isoformat(), d1.isoformat(), prec) == (start, end, precision)


def test_month_back_keeps_a_valid_day():
    assert resolve_count("ago", 1, "month", date(2024, 3, 31))[0] == date(2024, 2, 29)


PUB = "2024-03-14"  # a Thursday


def _when(pipeline, text, published=PUB):
    """(type, trigger) -> (start, end, precision) for every event of ``text``."""
    doc = pipeline(Article(id="t", text=text, published=published))
    return {(e.event_type, e.evidence.trigger): (e.date.start, e.date.end, e.date.precision)
            for e in doc.events}


def test_since_an_ordinal_day_is_a_range_up_to_publication(pipeline):
    doc = pipeline(Article(id="t", text="قتل أكثر من 800 مدني في عمليات قتل منذ السادس من آذار.",
                           published=PUB))
    (x,) = doc.time_expressions
    assert x.since is not None and x.since.span.text == "منذ السادس من آذار"
    assert (x.since.span.start, x.since.span.end) == ("2024-03-06", PUB)
    assert all((e.date.start, e.date.end, e.date.precision) == ("2024-03-06", PUB, "range")
               for e in doc.events) and doc.events


def test_since_an_event_ago_dates_both_events(pipeline):
    # the aggregate runs from the assassination to publication; the assassination is a day
    when = _when(pipeline, "منذ اغتيال قاسم سليماني قبل أربعة أعوام، شنت الفصائل أكثر من 100 "
                           "هجوم على المصالح الأمريكية.")
    assert when[("ASSAULT", "اغتيال")] == ("2020-03-14", "2020-03-14", "day")
    assert when[("ASSAULT", "هجوم")] == ("2020-03-14", PUB, "range")


def test_since_with_an_event_and_a_past_weekday(pipeline):
    when = _when(pipeline, "شنت الطائرات الإسرائيلية عشرات الغارات على مواقع عسكرية منذ سقوط "
                           "النظام الأحد الماضي.")
    assert list(when.values()) == [("2024-03-10", PUB, "range")]


def test_an_attack_that_began_on_a_date_runs_to_publication(pipeline):
    when = _when(pipeline, "تقدمت القوات في هجوم بدأ في 2 آذار على ريف حلب.")
    assert when[("ASSAULT", "هجوم")] == ("2024-03-02", PUB, "range")


def test_durations_date_the_activity_they_measure(pipeline):
    when = _when(pipeline, "عادت الحياة إلى المدينة بعد 12 يوماً من الاشتباكات بين الجيش "
                           "والمسلحين.")
    assert when[("ASSAULT", "الاشتباكات")] == ("2024-03-02", "2024-03-13", "range")
    (span,) = _when(pipeline, "قتل ثلاثة جنود في اشتباكات استمرت ثلاثة أيام مع مسلحين في "
                              "الأنبار.").values()
    assert span == ("2024-03-11", "2024-03-13", "range")


def test_a_statement_is_dated_by_publication_not_by_what_it_condemns(pipeline):
    when = _when(pipeline, "اتهمت واشنطن كتائب حزب الله بالوقوف وراء الهجوم على قاعدة حرير "
                           "مساء الاثنين، ونفت الكتائب الاتهامات.")
    assert when[("ASSAULT", "الهجوم")] == ("2024-03-11", "2024-03-11", "day")
    assert when[("ACCUSE", "اتهمت")] == (PUB, PUB, "day")
    assert when[("REJECT", "ونفت")] == (PUB, PUB, "day")  # a new statement after «،»


def test_each_event_takes_the_date_of_its_own_clause(pipeline):
    when = _when(pipeline, "هاجمت طائرة مسيرة قاعدة حرير أمس، بعد يومين من هجوم صاروخي على قاعدة "
                           "عين الأسد في 10 مارس.")
    assert when[("ASSAULT", "هاجمت طائرة مسيرة")] == ("2024-03-13", "2024-03-13", "day")
    assert when[("ASSAULT", "هجوم صاروخي")] == ("2024-03-10", "2024-03-10", "day")


def test_date_after_the_trigger_wins_over_one_before_it(pipeline):
    when = _when(pipeline, "أحيا العراقيون اليوم الذكرى الرابعة لاغتيال قاسم سليماني قرب مطار "
                           "بغداد في 3 يناير 2020.")
    assert when[("ASSAULT", "لاغتيال")] == ("2020-01-03", "2020-01-03", "day")


def test_an_event_that_followed_shares_the_date(pipeline):
    when = _when(pipeline, "تعرضت قاعدة الشدادي لهجوم بطائرة مسيرة فجر الأربعاء، أعقبه استنفار "
                           "لقوات التحالف في القاعدة.")
    assert when[("MOBILIZE", "استنفار")] == ("2024-03-13", "2024-03-13", "day")
    when = _when(pipeline, "قصفت مدفعية الجيش بلدة في ريف إدلب أمس، فيما نفت هيئة تحرير الشام "
                           "وجود مقاتلين فيها.")
    assert when[("ASSAULT", "قصفت")] == ("2024-03-13", "2024-03-13", "day")
    assert when[("REJECT", "نفت")] == (PUB, PUB, "day")


def test_a_main_verb_takes_the_date_closing_its_clause(pipeline):
    when = _when(pipeline, "قصفت طائرة أمريكية سيارة لمسلحين بعد إطلاقهم صواريخ على قاعدة عين "
                           "الأسد أمس.")
    assert when[("ASSAULT", "قصفت")] == ("2024-03-13", "2024-03-13", "day")


def test_a_statement_made_in_a_meeting_takes_the_meeting_date(pipeline):
    when = _when(pipeline, "دعا قيادي في الحرس الثوري الفصائل العراقية إلى تكثيف هجماتها، وذلك في "
                           "اجتماع عقد في بغداد الأسبوع الماضي.")
    assert when[("REQUEST", "دعا")] == ("2024-03-04", "2024-03-10", "week")
    assert when[("CONSULT", "اجتماع")] == ("2024-03-04", "2024-03-10", "week")


def test_condemning_a_dated_bombing(pipeline):
    when = _when(pipeline, "أدانت الحكومة العراقية القصف الذي استهدف مقراً للحشد الشعبي في القائم "
                           "ليلة 2 مارس، ودعت إلى تحقيق.")
    assert when[("ACCUSE", "أدانت")] == (PUB, PUB, "day")
    assert when[("ASSAULT", "القصف الذي استهدف")] == ("2024-03-02", "2024-03-02", "day")
    assert when[("REQUEST", "ودعت")] == (PUB, PUB, "day")


def test_after_a_single_act_counts_back_from_the_clause_date(pipeline):
    when = _when(pipeline, "أعلنت الكتائب في 30 يناير تعليق عملياتها، بعد يومين من هجوم بطائرة "
                           "مسيرة على موقع عسكري أمريكي في الأردن.")
    assert when[("CONCEDE", "تعليق")] == ("2024-01-30", "2024-01-30", "day")
    assert when[("ASSAULT", "هجوم بطائرة مسيرة")] == ("2024-01-28", "2024-01-28", "day")


def test_the_same_day_is_the_day_stated_before(pipeline):
    # «اليوم نفسه», «الشهر ذاته» point back to the last date the article gave, not to the
    # day of publication; with no date before they keep the publication day
    got = _dates(pipeline, "قُتل شرطي في هجوم على حاجز مساء السبت. وفي بلدة مجاورة أصيب ثلاثة "
                           "مدنيين بقصف مدفعي في وقت لاحق من اليوم نفسه.")
    assert got[-1][:3] == ("2021-07-10", "2021-07-10", "day")
    got = _dates(pipeline, "وقعت الهجمات في 3 آذار 2019، ثم أعلن التنظيم مسؤوليته في الشهر ذاته.")
    assert got[-1][:3] == ("2019-03-01", "2019-03-31", "month")
    got = _dates(pipeline, "تظاهر المئات مساء اليوم نفسه أمام البرلمان.")
    assert got[-1][:3] == ("2021-07-13", "2021-07-13", "day")


def test_the_act_told_again_at_the_end_dates_the_first_telling(pipeline):
    # «قُتل … بقصف … صباح أمس»: the trailing date sits by the second word for the act, which
    # adds nothing else and folds into the first
    doc = pipeline(Article(id="t", text="قُتل أربعة مزارعين وأصيب ستة آخرون، بينهم طفلان، بقصف "
                                        "مدفعي استهدف حقلاً زراعياً في ريف حماة، صباح أمس "
                                        "الأربعاء.", published=PUB))
    evs = [e for e in doc.events if e.event_type == "ASSAULT"]
    assert len(evs) == 1 and evs[0].date.start == "2024-03-13", [
        (e.evidence.trigger, e.date) for e in evs]


def test_an_act_told_as_done_is_not_dated_after_publication(pipeline):
    # the date to come belongs to what was agreed on, not to the agreement
    when = _when(pipeline, "اتفق الجانبان على عقد جولة ثانية من المحادثات السبت المقبل.")
    assert when[("AGREE", "اتفق")] == (PUB, PUB, "day")

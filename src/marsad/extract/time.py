"""Dates: explicit dates and relative expressions, resolved against the publication date
(CODING.md §4), and the rule that gives each event its own.

Explicit dates come from :func:`marsad.text.dates.find_dates`, counted spans («قبل عامين»،
«بعد 18 يوماً من الاحتجاجات») from :func:`marsad.text.dates.find_counts`, relative
expressions («أمس»، «الأسبوع الماضي»، «الثلاثاء») from ``data/relative_time.yaml``. Each becomes
a :class:`TimeExpression` located in the text; a date opened by «منذ» also carries the range
from it up to publication (CODING.md rule 5).

Which event a date belongs to (:func:`governed_dates`): a date dates the nearest trigger before
it in its sentence (the clause or noun phrase it closes: «أدانت … القصف الذي استهدف … ليلة 2
جويلية» dates the bombing, not the condemnation), or the first trigger after it when none
precedes. A «منذ» range dates the event outside the «منذ» phrase, the date inside it the event
named there («منذ اغتيال سليماني قبل عامين، شنت الفصائل 300 هجوم»). A duration dates the
activity it measures. An event with no date of its own shares the one of the event just before
it in the same clause, or falls back to the publication date.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from marsad.kb import KnowledgeBase
from marsad.kb.matcher import PhraseMatcher
from marsad.model import Doc, TimeSpan, Token
from marsad.text.dates import date_links, day_before_month, find_counts, find_dates, range_openers

# Single statements: a range or a duration in their sentence dates what they speak of.
_POINT_TYPES = frozenset({"ACCUSE", "REJECT", "REQUEST", "THREATEN", "AGREE", "SUPPORT",
                          "CONCEDE"})


@dataclass
class TimeExpression:
    start: int  # offsets in clean_text
    end: int
    first_token: int
    last_token: int
    span: TimeSpan
    kind: str = "point"  # "point", "since" (a range up to publication), "duration", "offset"
    target: int | None = None  # duration, offset: the token of the act it dates
    since: TimeExpression | None = None  # «منذ …» up to this date: the range it opens


def _pub(doc: Doc) -> date | None:
    try:
        return date.fromisoformat(doc.published[:10]) if doc.published else None
    except ValueError:
        return None


def _month_span(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def resolve_explicit(dm, pub: date | None) -> tuple[date, date, str, str] | None:
    """(start, end, precision, basis) of a found date; years are guessed from publication."""
    year = dm.year
    basis = "explicit"
    if year is None:
        if pub is None:
            return None
        year, basis = pub.year, "relative"
        probe = date(year, dm.month, dm.day or 1)
        if probe > pub or (getattr(dm, "relative_hint", None) == "past" and probe.month == pub.month
                           and dm.day is None):
            year -= 1
    try:
        if dm.day and dm.month:
            d = date(year, dm.month, dm.day)
            return d, d, "day", basis
        if dm.month:
            s, e = _month_span(year, dm.month)
            return s, e, "month", basis
        return date(year, 1, 1), date(year, 12, 31), "year", basis
    except ValueError:
        return None


def resolve_relative(kind: str, offset: int, pub: date) -> tuple[date, date, str]:
    if kind == "days" or kind.startswith("same_"):  # «اليوم نفسه» with no date before it
        d = pub + timedelta(days=offset)
        return d, d, "day"
    if kind == "weekday":
        d = pub - timedelta(days=(pub.weekday() - offset) % 7)
        return d, d, "day"
    if kind == "last_weekday":  # «الأحد الماضي»: strictly before publication
        d = pub - timedelta(days=(pub.weekday() - offset - 1) % 7 + 1)
        return d, d, "day"
    if kind == "next_weekday":  # «الجمعة المقبل»: strictly after publication
        d = pub + timedelta(days=(offset - pub.weekday() - 1) % 7 + 1)
        return d, d, "day"
    if kind == "week":
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=offset)
        return monday, monday + timedelta(days=6), "week"
    if kind == "month":
        y, m = _shift_month(pub.year, pub.month, offset)
        s, e = _month_span(y, m)
        return s, e, "month"
    y = pub.year + offset
    return date(y, 1, 1), date(y, 12, 31), "year"


def before(pub: date, count: int, unit: str) -> date:
    """The day ``count`` ``unit``s before ``pub`` (a month or year back keeps the day)."""
    if unit == "day":
        return pub - timedelta(days=count)
    if unit == "week":
        return pub - timedelta(weeks=count)
    y, m = (_shift_month(pub.year, pub.month, -count) if unit == "month"
            else (pub.year - count, pub.month))
    return date(y, m, min(pub.day, calendar.monthrange(y, m)[1]))


def resolve_count(kind: str, count: int, unit: str, pub: date) -> tuple[date, date, str]:
    """A counted span against publication: «قبل عامين» is the day two years back; «منذ
    عامين» runs from it to publication; a duration («بعد 18 يوماً من الاحتجاجات»، «استمرت
    أسبوعين») fills the days just before publication, when the news it led to came."""
    back = before(pub, count, unit)
    if kind in ("ago", "elapsed"):
        return back, back, "day"
    if kind == "since":
        return back, pub, "range"
    return back, pub - timedelta(days=1), "range"


def _relative_matcher(kb: KnowledgeBase) -> PhraseMatcher:
    cached = getattr(kb, "_relative_matcher", None)
    if cached is None:
        cached = PhraseMatcher()
        for rec in kb.relative_time:
            cached.add(rec["phrase"], (rec["kind"], int(rec.get("offset", 0))))
        kb._relative_matcher = cached  # type: ignore[attr-defined]
    return cached


def find_time_expressions(doc: Doc, kb: KnowledgeBase) -> None:
    pub = _pub(doc)
    nt, toks = doc.norm, doc.tokens
    starts = {t.nstart: t.i for t in toks}
    ends = {t.nend: t.i for t in toks}
    taken: set[int] = set()
    out: list[TimeExpression] = []

    def tokens_of(ns: int, ne: int) -> tuple[int, int]:
        return starts.get(ns, _token_at(toks, ns)), ends.get(ne, _token_at(toks, ne - 1))

    for dm in find_dates(nt.text):
        resolved = resolve_explicit(dm, pub)
        first, last = tokens_of(dm.start, dm.end)
        s, e = nt.to_orig(dm.start, dm.end)
        if resolved is None:
            span = TimeSpan(None, None, None, doc.clean_text[s:e], "unresolved", s, e)
        else:
            d0, d1, prec, basis = resolved
            span = TimeSpan(d0.isoformat(), d1.isoformat(), prec, doc.clean_text[s:e], basis, s, e)
        out.append(TimeExpression(s, e, first, last, span))
        taken.update(range(first, last + 1))
    offsets: list[tuple[TimeExpression, int, str]] = []
    # «اليوم نفسه», «الرابع من الشهر نفسه»: wait for the date before them
    same: list[tuple[TimeExpression, str, int | None]] = []
    for cm in find_counts(nt.text):
        first, last = tokens_of(cm.start, cm.end)
        if taken.intersection(range(first, last + 1)):
            continue
        s, e = nt.to_orig(cm.start, cm.end)
        text = doc.clean_text[s:e]
        kind = {"since": "since", "after": "duration", "lasted": "duration",
                "offset": "offset"}.get(cm.kind, "point")
        target = (first - 1 if cm.kind == "lasted" else
                  tokens_of(cm.target, cm.target + 1)[0] if cm.target is not None else None)
        if pub is None or cm.kind == "offset":  # an offset waits for the date it counts from
            span = TimeSpan(None, None, None, text, "unresolved", s, e)
        else:
            d0, d1, prec = resolve_count(cm.kind, cm.count, cm.unit, pub)
            span = TimeSpan(d0.isoformat(), d1.isoformat(), prec, text, "relative", s, e)
        out.append(TimeExpression(s, e, first, last, span, kind, target))
        if cm.kind == "offset":
            offsets.append((out[-1], cm.count, cm.unit))
        taken.update(range(first, last + 1))
    day_parts = kb.cues.get("time_of_day")
    for m in _relative_matcher(kb).match(toks):
        if taken.intersection(range(m.first, m.last)):
            continue
        kind, offset = m.payloads[0]
        first = m.first
        if first > 0 and day_parts is not None and day_parts.get(toks[first - 1].norm):
            first -= 1  # «فجر السبت», «مساء الثلاثاء»: the part of the day belongs to the date
        day = None
        if kind in ("month", "same_month") and first == m.first and not m.peeled:
            # «في الثالث عشر من الشهر الجاري»: a day of that month
            found = day_before_month(nt.text[:toks[first].nstart])
            if found is not None and not taken.intersection(
                    range(_token_at(toks, found[1]), first)):
                day, first = found[0], _token_at(toks, found[1])
        s, e = nt.to_orig(toks[first].nstart + (m.peeled if first == m.first else 0),
                          toks[m.last - 1].nend)
        text = doc.clean_text[s:e]
        if pub is None:
            span = TimeSpan(None, None, None, text, "unresolved", s, e)
        else:
            d0, d1, prec = resolve_relative(kind, offset, pub)
            if day is not None:
                d0, d1, prec = _on_day(d0, day)
            span = TimeSpan(d0.isoformat(), d1.isoformat(), prec, text, "relative", s, e)
        out.append(TimeExpression(s, e, first, m.last - 1, span))
        if kind.startswith("same_"):
            same.append((out[-1], kind, day))
    out.sort(key=lambda x: x.start)
    if pub is not None:
        for x, kind, day in same:
            _resolve_same(out, x, kind, day)
        _open_ranges(doc, out, pub)
        for x, count, unit in offsets:
            _resolve_offset(doc, out, x, count, unit, pub)
    doc.time_expressions = out


def _open_ranges(doc: Doc, exprs: list[TimeExpression], pub: date) -> None:
    """«منذ السادس من آذار», «منذ سقوط النظام الأحد الماضي», «هجوم بدأ في 27 تشرين الثاني»:
    the first date within reach of the opener, in its clause, starts a range that runs up to
    publication (CODING.md rule 5)."""
    openers = range_openers()
    toks = doc.tokens
    for t in toks:
        reach = openers.get(t.norm) or openers.get(t.norm[1:] if t.norm[:1] in "وف" else "")
        if reach is None:
            continue
        x = next((x for x in exprs if x.last_token >= t.i), None)
        if (x is None or x.first_token <= t.i or x.first_token - t.i - 1 > reach
                or x.kind != "point" or x.since is not None or not x.span.start
                or x.span.start > pub.isoformat() or toks[x.first_token].sent != t.sent
                or any(_is_break(toks[i]) for i in range(t.i + 1, x.first_token))):
            continue
        text = doc.clean_text[t.start:x.end]
        x.since = TimeExpression(
            t.start, x.end, t.i, x.last_token,
            TimeSpan(x.span.start, pub.isoformat(), "range", text, x.span.basis, t.start, x.end),
            "since")


def _on_day(first: date, day: int) -> tuple[date, date, str]:
    """Day ``day`` of the month that starts on ``first`` (the month's span if it has none)."""
    try:
        d = first.replace(day=day)
    except ValueError:
        return (*_month_span(first.year, first.month), "month")
    return d, d, "day"


def _resolve_same(exprs: list[TimeExpression], x: TimeExpression, kind: str,
                  day: int | None = None) -> None:
    """«في وقت سابق من اليوم نفسه», «في الشهر ذاته»: the day (month, year) of the last date
    stated before it in the article (``day``: «الرابع من الشهر نفسه»); with none, the
    publication day it already holds."""
    ahead = [y for y in exprs if y.end <= x.start and y.kind == "point" and y.span.start
             and y.span.precision in _AT_LEAST[kind]]
    if not ahead:
        return
    d = date.fromisoformat(str(ahead[-1].span.start))
    if kind == "same_day":
        d0, d1, prec = d, d, "day"
    elif kind == "same_month":
        d0, d1 = _month_span(d.year, d.month)
        prec = "month"
        if day is not None:
            d0, d1, prec = _on_day(d0, day)
    else:
        d0, d1, prec = date(d.year, 1, 1), date(d.year, 12, 31), "year"
    x.span = TimeSpan(d0.isoformat(), d1.isoformat(), prec, x.span.text, ahead[-1].span.basis,
                      x.start, x.end)


# the precision a date must have to anchor «اليوم نفسه» (a day), «الشهر نفسه» (a month)…
_AT_LEAST = {"same_day": ("day",), "same_month": ("day", "month"),
             "same_year": ("day", "month", "year")}


def _resolve_offset(doc: Doc, exprs: list[TimeExpression], x: TimeExpression, count: int,
                    unit: str, pub: date) -> None:
    """«أعلنت في 30 يناير تعليق عملياتها، بعد يومين من هجوم…»: the act came ``count``
    ``unit``s before the nearest date stated ahead of it in its sentence (or publication)."""
    sent = doc.tokens[x.first_token].sent
    ahead = [y for y in exprs if y.last_token < x.first_token and y.kind == "point"
             and y.span.start and doc.tokens[y.first_token].sent == sent]
    anchor = date.fromisoformat(ahead[-1].span.start) if ahead else pub
    d = before(anchor, count, unit).isoformat()
    x.span = TimeSpan(d, d, "day", x.span.text, "relative", x.start, x.end)


_BREAKS = frozenset({"،", ",", "؛", ";", ":", ".", "(", ")", "-"})


def _is_break(t: Token) -> bool:
    return t.norm in _BREAKS


def _token_at(toks, npos: int) -> int:
    for t in toks:
        if t.nstart <= npos < t.nend or t.nstart > npos:
            return t.i
    return len(toks) - 1


def publication_span(doc: Doc) -> TimeSpan:
    pub = _pub(doc)
    if pub is None:
        return TimeSpan(None, None, None, None, "unresolved")
    return TimeSpan(pub.isoformat(), pub.isoformat(), "day", None, "publication")


# --------------------------------------------------------------------------- attachment


@dataclass(frozen=True)
class Governed:
    """A date an event's trigger governs: ``after`` when the date follows the trigger;
    ``via`` says how it got it: its own, borrowed from the event before («prev»), from the
    event after in the same clause («next»), or from an event it took place in («during»)."""

    expr: TimeExpression
    after: bool
    distance: int
    via: str = "own"


def governed_dates(doc: Doc, lo: int, hi: int, triggers: list[tuple[int, int]],
                   is_break: Callable[[int], bool],
                   nominal: list[bool] | None = None) -> list[list[Governed]]:
    """For each trigger span of sentence tokens [lo, hi) (in order), the dates it governs.
    ``nominal`` tells which triggers are nouns: «، وضرب أهداف» continues a list of objects
    where «، ونفت القوات» starts a new statement."""
    owned: list[list[Governed]] = [[] for _ in triggers]
    if not triggers:
        return owned

    def outer(x: TimeExpression, inside: tuple[int, int] | None = None) -> None:
        """Give ``x`` to the nearest trigger before it, else the first one after it."""
        def free(k: int) -> bool:
            return inside is None or not inside[0] <= triggers[k][0] <= inside[1]
        prev = [k for k, (a, _) in enumerate(triggers) if a < x.first_token and free(k)]
        if prev:
            k = max(prev, key=lambda k: triggers[k][0])
            owned[k].append(Governed(x, True, max(0, x.first_token - triggers[k][1])))
            return
        nxt = [k for k, (a, _) in enumerate(triggers) if a > x.last_token and free(k)]
        if nxt:
            k = min(nxt, key=lambda k: triggers[k][0])
            owned[k].append(Governed(x, False, triggers[k][0] - x.last_token))

    for x in doc.time_expressions:
        if not lo <= x.first_token < hi:
            continue
        if x.kind in ("duration", "offset"):
            k = _measured(triggers, x.target, 1 if x.kind == "duration" else 3)
            if k is not None:
                owned[k].append(Governed(x, True, 0))
        elif x.since is not None:
            opener = x.since.first_token
            outer(x.since, (opener, x.last_token))
            inner = [k for k, (a, _) in enumerate(triggers) if opener < a < x.first_token]
            if inner:  # the event the range starts from
                k = max(inner, key=lambda k: triggers[k][0])
                owned[k].append(Governed(x, True, x.first_token - triggers[k][1]))
        else:
            outer(x)
    words = date_links()
    toks = doc.tokens
    borrowed: list[list[Governed]] = [[] for _ in triggers]
    for k in range(1, len(triggers)):  # «أسر … أمس جنديين في هجوم»: same clause, same day
        noun = triggers[k][0] if nominal and nominal[k] else None
        if _continues(toks, triggers[k - 1][1], triggers[k][0], is_break, words, strict=False,
                      noun=noun):
            borrowed[k] = [replace(g, via="prev") for g in owned[k - 1] + borrowed[k - 1]
                           if g.expr.kind in ("point", "since") and g.via in ("own", "prev")]
    for k in range(len(triggers) - 1):  # «قصفت … عربة بعد إطلاقها صاروخاً … أمس»
        a, b = triggers[k][1], triggers[k + 1][0]
        if _continues(toks, a, b, is_break, words, strict=True):
            during = b > a and toks[b - 1].norm in words.get("during", ())
            borrowed[k] += [replace(g, via="during" if during else "next") for g in owned[k + 1]
                            if g.after and g.expr.kind in ("point", "since")]
    return [own + more for own, more in zip(owned, borrowed, strict=True)]


def _continues(toks: list[Token], a: int, b: int, is_break: Callable[[int], bool],
               words: dict[str, frozenset[str]], strict: bool, noun: int | None = None) -> bool:
    """Whether tokens [a, b) between two triggers stay in one clause: every break is followed
    by a linking word («، الذي…», «، أعقبه…»); unless ``strict``, by anything but the start
    of a new statement («، فيما نفت…», «، وطالبوا…»; the noun ``noun`` glued to «و» only
    continues a list)."""
    for i in range(a, b):
        if not is_break(i) or i + 1 >= len(toks):
            continue
        nxt = toks[i + 1].norm
        if nxt in words.get("links", ()):
            continue
        if strict or nxt in words.get("new_clause", ()) or (
                nxt.startswith("و") and len(nxt) > 2 and i + 1 != noun):
            return False
    return True


def _measured(triggers: list[tuple[int, int]], target: int | None,
              reach: int) -> int | None:
    """The trigger a duration or offset dates: the one at its target token or within
    ``reach`` tokens after it («من إطلاقها هجوماً»)."""
    if target is None:
        return None
    for k, (a, b) in enumerate(triggers):
        if a <= target < b or target < a <= target + reach:
            return k
    return None


def choose_date(governed: list[Governed], event_type: str, blocked: set[int],
                latest: str | None = None) -> TimeSpan | None:
    """The event's date among those its trigger governs: a duration that measures it, else
    the nearest date after the trigger, else an offset from another date («بعد يومين من
    هجوم»), else one borrowed from the event before it in its clause or from one it took
    place in, else from the event after it, else the nearest date before it. A date inside a
    reporting frame dates the report («كشفت مصادر، الثلاثاء، أن…»); a statement takes no
    range or duration (they date what it speaks of). An act told as done is dated no later
    than ``latest`` (publication): «اتفقتا على … السبت المقبل» dates what was agreed on."""
    cands = [g for g in governed if g.expr.span.start and g.expr.first_token not in blocked
             and (latest is None or str(g.expr.span.start) <= latest)]
    if event_type in _POINT_TYPES:  # «أدانت القصف … ليلة 2 جويلية»: the bombing's date
        cands = [g for g in cands if g.expr.kind in ("point", "offset") and g.via != "next"]
    if not cands:
        return None
    durations = [g for g in cands if g.expr.kind == "duration"]
    if durations:
        return durations[0].expr.span

    def rank(g: Governed) -> tuple[int, int]:
        if g.via == "own":
            if g.expr.kind == "offset":
                return 1, 0
            return (0 if g.after or g.expr.kind == "since" else 4), g.distance
        return (3 if g.via == "next" else 2), g.distance

    return min(cands, key=rank).expr.span

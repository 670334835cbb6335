"""Dates: explicit dates and relative expressions, resolved against the publication date
(CODING.md §4).

Explicit dates come from :func:`marsad.text.dates.find_dates`; relative expressions («أمس»،
«الأسبوع الماضي»، «الثلاثاء») from ``data/relative_time.yaml``. Each becomes a
:class:`TimeExpression` located in the text, and an event takes the one nearest its trigger
in its sentence, or the publication date when its sentence has none.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from marsad.kb import KnowledgeBase
from marsad.kb.matcher import PhraseMatcher
from marsad.model import Doc, TimeSpan
from marsad.text.dates import find_dates


@dataclass
class TimeExpression:
    start: int  # offsets in clean_text
    end: int
    first_token: int
    last_token: int
    span: TimeSpan


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
    if kind == "days":
        d = pub + timedelta(days=offset)
        return d, d, "day"
    if kind == "weekday":
        d = pub - timedelta(days=(pub.weekday() - offset) % 7)
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
    for dm in find_dates(nt.text):
        resolved = resolve_explicit(dm, pub)
        first = starts.get(dm.start, _token_at(toks, dm.start))
        last = ends.get(dm.end, _token_at(toks, dm.end - 1))
        s, e = nt.to_orig(dm.start, dm.end)
        if resolved is None:
            span = TimeSpan(None, None, None, doc.clean_text[s:e], "unresolved", s, e)
        else:
            d0, d1, prec, basis = resolved
            span = TimeSpan(d0.isoformat(), d1.isoformat(), prec, doc.clean_text[s:e], basis, s, e)
        out.append(TimeExpression(s, e, first, last, span))
        taken.update(range(first, last + 1))
    day_parts = kb.cues.get("time_of_day")
    for m in _relative_matcher(kb).match(toks):
        if taken.intersection(range(m.first, m.last)):
            continue
        kind, offset = m.payloads[0]
        first = m.first
        if first > 0 and day_parts is not None and day_parts.get(toks[first - 1].norm):
            first -= 1  # «فجر السبت», «مساء الثلاثاء»: the part of the day belongs to the date
        s, e = nt.to_orig(toks[first].nstart + (m.peeled if first == m.first else 0),
                          toks[m.last - 1].nend)
        text = doc.clean_text[s:e]
        if pub is None:
            span = TimeSpan(None, None, None, text, "unresolved", s, e)
        else:
            d0, d1, prec = resolve_relative(kind, offset, pub)
            span = TimeSpan(d0.isoformat(), d1.isoformat(), prec, text, "relative", s, e)
        out.append(TimeExpression(s, e, first, m.last - 1, span))
    out.sort(key=lambda x: x.start)
    doc.time_expressions = out


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

"""Whole lines of web-page furniture copied along with an article's text.

Text pasted or scraped from news sites carries lines that are not the article: «Skip to
main content», share and comment widgets, photo credits, «posted on …» bylines. They are
recognised by general rules (``data/boilerplate.yaml``), never by listing one site's
strings, and removed as whole lines; every other character is kept exactly, so a text with
no furniture comes out unchanged and offsets still hold on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from marsad.text.dates import DateMatch, find_dates
from marsad.text.normalize import norm

# Punctuation trimmed from both ends of a line before it is compared.
_TRIM = " \t.:;,،؛!?؟-|•·*>«»\"'()[]{}/\\_=+~#"
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
PROSE_WORDS = 12  # a line this long is article prose, not furniture or a heading


def _is_arabic_letter(c: str) -> bool:
    return "\u0621" <= c <= "\u064a" or "\u0671" <= c <= "\u06d3"


def _is_latin_letter(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _alt(names: list[str]) -> str:
    parts = sorted(set(names), key=len, reverse=True)
    return "|".join(r"\s*".join(re.escape(w) for w in n.split()) for n in parts if n)


@dataclass(frozen=True)
class Rules:
    phrases: frozenset[str]
    widget_words: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]
    pattern_max_words: int
    byline_prefix: re.Pattern[str]
    update_prefix: re.Pattern[str]
    byline_links: re.Pattern[str]
    byline_max_extra_words: int
    date_line_words: frozenset[str]
    latin_line_max_words: int
    drop_lines_without_letters: bool


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The furniture rules of ``data/boilerplate.yaml``, loaded once."""
    raw = yaml.safe_load(
        resources.files("marsad").joinpath("data/boilerplate.yaml").read_text(encoding="utf-8"))

    def words(key: str) -> list[str]:
        return [norm(str(w)).strip(_TRIM) for w in raw.get(key) or []]

    return Rules(
        phrases=frozenset(words("phrases")),
        widget_words=frozenset(words("widget_words")),
        patterns=tuple(re.compile(p) for p in raw.get("patterns") or []),
        pattern_max_words=int(raw.get("pattern_max_words", 25)),
        byline_prefix=re.compile(rf"(?:{_alt(words('byline_prefixes'))})\s*[:|-]?\s*"),
        update_prefix=re.compile(rf"(?:{_alt(words('update_prefixes'))})\s*[:|-]?\s*"),
        byline_links=re.compile(rf"(?:(?:{_alt(words('byline_links'))})\s*[:|-]?\s+)*"),
        byline_max_extra_words=int(raw.get("byline_max_extra_words", 4)),
        date_line_words=frozenset(words("date_line_words")),
        latin_line_max_words=int(raw.get("latin_line_max_words", 8)),
        drop_lines_without_letters=bool(raw.get("drop_lines_without_letters", True)),
    )


def line_key(line: str) -> str:
    """A line as the rules see it: normalised, spaces collapsed, end punctuation trimmed."""
    return norm(line).strip(_TRIM)


def _leftover_words(key: str, dates: list[DateMatch], start: int = 0) -> list[str]:
    """The words of ``key[start:]`` outside its dates and times, punctuation dropped."""
    pieces, pos = [], start
    for d in dates:
        pieces.append(key[pos:d.start])
        pos = d.end
    pieces.append(key[pos:])
    rest = _TIME.sub(" ", " ".join(pieces))
    return [w.strip(_TRIM) for w in rest.split() if w.strip(_TRIM)]


def byline_date(key: str, updates: bool = False) -> DateMatch | None:
    """The date of a byline line («posted on November 1, 2023», «نشر في 13/07/2021»), or of
    an «updated …» line when ``updates``."""
    r = rules()
    m = (r.update_prefix if updates else r.byline_prefix).match(key)
    if not m:
        return None
    link = r.byline_links.match(key, m.end())
    start = link.end() if link else m.end()
    dates = find_dates(key[start:])
    if not dates or dates[0].start != 0:
        return None
    extra = _leftover_words(key[start:], dates[:1])
    extra = [w for w in extra if w not in r.date_line_words]
    return dates[0] if len(extra) <= r.byline_max_extra_words else None


def date_line(key: str) -> DateMatch | None:
    """The first date of a line that holds nothing but dates and times."""
    dates = find_dates(key)
    if not dates:
        return None
    r = rules()
    if any(w not in r.date_line_words for w in _leftover_words(key, dates)):
        return None
    return dates[0]


def is_arabic_text(text: str) -> bool:
    """Whether most letters of ``text`` are Arabic (then short Latin lines are furniture)."""
    arabic = latin = 0
    for c in text:
        if _is_arabic_letter(c):
            arabic += 1
        elif _is_latin_letter(c):
            latin += 1
    return arabic > 0 and arabic >= latin


def is_furniture(line: str, arabic_article: bool, in_head: bool = True) -> bool:
    """Whether a whole line is page furniture rather than part of the article.

    A line holding only a date is furniture at the top of the article (``in_head``: above
    its second paragraph of prose), where it dates the page; further down it may head the
    next item of a timeline, and is kept.
    """
    if not line.strip():
        return False  # blank lines separate paragraphs: keep them
    r = rules()
    key = line_key(line)
    if not any(c.isalpha() for c in key):
        return r.drop_lines_without_letters and (in_head or not find_dates(key))
    if key in r.phrases:
        return True
    words = key.split()
    if all(w.strip(_TRIM) in r.widget_words or w.strip(_TRIM).isdigit() or not w.strip(_TRIM)
           for w in words):
        return True
    if len(words) <= r.pattern_max_words and any(p.fullmatch(key) for p in r.patterns):
        return True
    if len(words) <= r.byline_max_extra_words + 12 and (
            byline_date(key) or byline_date(key, updates=True)
            or (in_head and date_line(key))):
        return True
    return (arabic_article and len(words) <= r.latin_line_max_words
            and not any(_is_arabic_letter(c) for c in key)
            and any(_is_latin_letter(c) for c in key))


def head_size(lines: list[str]) -> int:
    """How many of ``lines`` are the top of the article: those above its second line of
    prose (a photo caption may come before the byline)."""
    prose = 0
    for i, line in enumerate(lines):
        if len(line.split()) >= PROSE_WORDS:
            prose += 1
            if prose == 2:
                return i + 1
    return len(lines)


def remove_boilerplate(text: str) -> str:
    """``text`` without its furniture lines; unchanged (the same string) when it has none."""
    lines = text.split("\n")
    arabic = is_arabic_text(text)
    head = head_size(lines)
    keep = [not is_furniture(line, arabic, i < head) for i, line in enumerate(lines)]
    if all(keep):
        return text
    last = len(lines) - 1
    out = "".join(line + ("\n" if i < last else "")
                  for i, (line, k) in enumerate(zip(lines, keep, strict=True)) if k)
    # The furniture above the title often leaves blank lines at the top: drop them.
    return re.sub(r"\A(?:[ \t\r\f\v]*\n)+", "", out)

"""Attribution: who reports, claims or accuses (CODING.md rules 7 and 8).

A reporting verb before the trigger («قالت»، «أفاد»، «كشف») with a clause opener after it
(«أن»، «إن»، «:») makes everything named between them a source; «نقلت X عن Y», «بحسب X»,
«وفقاً لـ X» add theirs. These spans are excluded from the search for the actor.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.extract.context import SentenceContext
from marsad.model import Attribution, Mention


@dataclass
class Reporting:
    attributions: list[Attribution]
    blocked: set[int]  # token indices that belong to the reporting frame
    clause_start: int  # first token of the reported clause (actor search stops here)


def _mentions_in(ctx: SentenceContext, a: int, b: int) -> list[Mention]:
    return [m for m in ctx.mentions if m.tokens[0] >= a and m.tokens[1] <= b]


def _source(ctx: SentenceContext, a: int, b: int, role: str) -> list[Attribution]:
    named = [m for m in _mentions_in(ctx, a, b) if m.actor_id or m.type in ("ORG", "PER")]
    if named:
        return [Attribution(role, m.text, m.entity, m.start, m.end) for m in named]
    while a < b and ctx.is_break(a):
        a += 1
    while b > a and ctx.is_break(b - 1):
        b -= 1
    if b <= a:
        return []
    text, s, e = ctx.text(a, b)
    return [Attribution(role, text, None, s, e)]


def find_reporting(ctx: SentenceContext, trigger_first: int) -> Reporting:
    attrs: list[Attribution] = []
    blocked: set[int] = set()
    clause_start = ctx.first
    for a, b in ctx.cues_between("reporting_verbs", ctx.first, trigger_first):
        end = b
        while end < trigger_first and not (ctx.is_complementizer(end)
                                             or ctx.doc.tokens[end].norm in (":", '"')):
            end += 1
        if end >= trigger_first:
            continue  # no reported clause between the verb and the trigger
        attrs.extend(_source(ctx, b, end, "reported_by"))
        blocked.update(range(a, end + 1))
        clause_start = max(clause_start, end + 1)
    for _, b in ctx.cues_between("reporting_prepositions", ctx.first, ctx.last):
        window_end = min(b + 6, ctx.last)
        found = [m for m in _mentions_in(ctx, b, window_end) if m.tokens[0] == b]
        for m in found:
            attrs.append(Attribution("reported_by", m.text, m.entity, m.start, m.end))
            blocked.update(range(m.tokens[0], m.tokens[1]))
    if ctx.hits("reporting_verbs"):
        for m in ctx.mentions:  # «قالت لوكالة رويترز»: the outlet that carried the words
            if (m.entity or {}).get("sector") == "MED":
                attrs.append(Attribution("reported_by", m.text, m.entity, m.start, m.end))
                blocked.update(range(*m.tokens))
    seen: set[tuple[str, int | None]] = set()
    unique = []
    for at in attrs:
        if (at.text, at.start) not in seen:
            seen.add((at.text, at.start))
            unique.append(at)
    return Reporting(unique, blocked, clause_start)

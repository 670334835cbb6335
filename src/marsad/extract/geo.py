"""Where an event happened: the place named with the trigger (CODING.md §3).

The first place after the trigger in its sentence, else the nearest before it; of a nested
run («قاعدة عين الأسد في الأنبار»), the most precise. Places inside the reporting frame
(where a statement was made) are skipped.
"""

from __future__ import annotations

from marsad.extract.context import SentenceContext
from marsad.kb import KnowledgeBase
from marsad.model import Mention, Place

_PRECISION_RANK = {"site": 0, "city": 1, "district": 2, "province": 3, "region": 4, "country": 5}
_NEST_GAP = 3  # tokens between two places that still read as «X في Y»
_LIST_GAP = 6  # tokens between two listed sites («… في الأنبار وقاعدة …»)


def _is_place(m: Mention) -> bool:
    return m.place_id is not None and m.type != "NORP"


def to_place(m: Mention, kb: KnowledgeBase) -> Place | None:
    p = kb.place(m.place_id)
    if p is None:
        return None
    return Place(p.name_en, p.name_ar, m.text, m.start, m.end, p.lat, p.lon, p.precision,
                 p.country, p.admin1, p.id)


def locate(ctx: SentenceContext, first: int, last: int, blocked: set[int],
           kb: KnowledgeBase, roles: list[tuple[int, int]]) -> Place | None:
    """``roles``: token ranges of the actor and recipient mentions. A place glued to one of
    them qualifies it («الفصائل المسلحة بالعراق»), it does not locate the event."""
    role_starts = {a for a, _ in roles}
    role_ends = {b for _, b in roles}
    def glued(m: Mention) -> bool:
        peeled = ctx.doc.clean_text[ctx.doc.tokens[m.tokens[0]].start:m.start]
        return m.tokens[0] in role_ends and "ب" in peeled

    places = [m for m in ctx.mentions if _is_place(m) and m.tokens[0] not in role_starts
              and not glued(m) and not blocked.intersection(range(*m.tokens))]
    after = [m for m in places if m.tokens[0] >= last]
    before = [m for m in places if m.tokens[1] <= first]
    if after:
        run = [after[0]]
        for m in after[1:]:
            if m.tokens[0] - run[-1].tokens[1] > _NEST_GAP:
                break
            run.append(m)
    elif before:
        run = [before[-1]]
    else:
        return None
    best = min(run, key=lambda m: _PRECISION_RANK.get((m.entity or {}).get("precision", ""), 9))
    return to_place(best, kb)


def listed_sites(ctx: SentenceContext, first: Place, kb: KnowledgeBase) -> list[Place]:
    """Further sites coordinated with the event's site («قاعدة عين الأسد في الأنبار وقاعدة
    فيكتوريا … وقاعدة حرير»): attacks on different bases are different events (ACLED codes
    one event per location; CODING.md §5 forbids merging them)."""
    kb_places = [m for m in ctx.mentions if _is_place(m) and (m.entity or {}).get(
        "precision") == "site"]
    start = next((i for i, m in enumerate(kb_places) if m.start == first.start), None)
    if start is None:
        return []
    out: list[Place] = []
    prev = kb_places[start]
    for m in kb_places[start + 1:]:
        gap = [ctx.doc.tokens[i].norm for i in range(prev.tokens[1], m.tokens[0])]
        peeled = ctx.doc.clean_text[ctx.doc.tokens[m.tokens[0]].start:m.start]
        if peeled.endswith("ب") or gap[-1:] == ["في"]:
            prev = m  # «قاعدة فيكتوريا بمطار بغداد»: where the listed site is, not another one
            continue
        joined = peeled.startswith("و") or "و" in gap or "،" in gap
        if not joined or len(gap) > _LIST_GAP:
            break
        out.append(m)
        prev = m
    return [p for p in (to_place(m, kb) for m in out) if p is not None]



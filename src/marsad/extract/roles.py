"""Actor and recipient from Arabic clause structure, by rules over tokens and mentions.

- Subject–verb («الفصائل هاجمت…») and verb–subject («هاجمت الفصائل…») orders: the nearest
  candidate before the trigger within its clause, else the first one right after it.
- Recipients follow the trigger, directly (object) or after «على»، «ضد»، «لـ».
- Passive frames «تعرضت X لهجوم من Y»: X is the recipient, the agent follows «من»/«تابعة لـ».
- A nationality right after a name is its modifier («الحرس الثوري الإيراني»), not an actor.
"""

from __future__ import annotations

from marsad.extract.context import SentenceContext
from marsad.kb import KnowledgeBase
from marsad.model import Entity, Mention

_PASSIVE_VERBS = frozenset({"تعرض", "تعرضت", "يتعرض", "تتعرض", "تعرضوا", "تعرضا"})
_AGENT_MARKERS = frozenset({"من", "تابعه", "تابع", "يد", "قبل"})
_RIGHT_WINDOW = 6


def to_entity(m: Mention, kb: KnowledgeBase) -> Entity:
    """The role filler for a mention; a person acts for the body they lead or serve
    (CODING.md §2), keeping the person's words as the surface text."""
    ent = m.entity or {}
    entry = kb.actor(m.actor_id)
    if entry is not None and entry.type == "PER":
        body = next((kb.actor(x) for x in entry.leader_of + entry.member_of if kb.actor(x)), None)
        entry = body or entry
    if entry is not None:
        return Entity(entry.id, entry.name_en, entry.name_ar, m.text, m.start, m.end,
                      entry.sector, entry.country, entry.generic)
    return Entity(ent.get("id"), ent.get("name_en"), ent.get("name_ar"), m.text, m.start, m.end,
                  ent.get("sector"), ent.get("country"), m.type == "AGENT")


def _can_act(ctx: SentenceContext, m: Mention) -> bool:
    """Named or generic actors; not the media that report (CODING.md rule 7), and not a
    country named as a location («في العراق», «بسوريا»)."""
    if m.actor_id is None or m.type == "NORP":
        return False
    if (m.entity or {}).get("sector") == "MED":
        return False
    if m.place_id is not None:
        peeled = ctx.doc.clean_text[ctx.doc.tokens[m.tokens[0]].start:m.start]
        if "ب" in peeled or any(b == m.tokens[0] for _, b in ctx.cue_hits.get(
                "place_prepositions", ())):
            return False
    return True


def _candidates(ctx: SentenceContext, blocked: set[int]) -> list[Mention]:
    return [m for m in ctx.mentions
            if _can_act(ctx, m) and not blocked.intersection(range(*m.tokens))]


def _compound(ctx: SentenceContext, first: Mention, pool: list[Mention]) -> list[Mention]:
    """``first`` and the candidates joined to it by «و» (compound actors)."""
    group = [first]
    for m in pool:
        if m.tokens[0] <= group[-1].tokens[0]:
            continue
        gap = range(group[-1].tokens[1], m.tokens[0])
        words = [ctx.doc.tokens[i].norm for i in gap]
        joined = (not words and ctx.doc.tokens[m.tokens[0]].norm.startswith("و")) or words in (
            ["و"], ["،"], [","])
        if not joined:
            break
        group.append(m)
    return group


def assign_roles(ctx: SentenceContext, first: int, last: int, clause_start: int,
                 blocked: set[int], kb: KnowledgeBase) -> tuple[list[Entity], list[Entity]]:
    """Actor and recipient entity lists for the trigger at tokens [first, last)."""
    cands = _candidates(ctx, blocked)
    left = [m for m in cands if clause_start <= m.tokens[0] and m.tokens[1] <= first]
    right = [m for m in cands if m.tokens[0] >= last]
    toks = ctx.doc.tokens
    actor: list[Mention] = []
    recipient: list[Mention] = []

    passive = any(toks[i].norm.lstrip("و") in _PASSIVE_VERBS
                  for i in range(max(clause_start, first - 8), first))
    if passive:
        if left:
            recipient = [left[-1]]
        for m in right:
            before = toks[m.tokens[0] - 1].norm if m.tokens[0] > 0 else ""
            if m.tokens[0] - last <= _RIGHT_WINDOW * 2 and (
                    before in _AGENT_MARKERS or toks[m.tokens[0]].norm.startswith("ل")):
                actor = [m]
                break
    else:
        if left:
            # the nearest subject: walk back over a compound («X و Y هاجمت»)
            start = left[-1]
            for m in reversed(left[:-1]):
                if _compound(ctx, m, left)[-1] is left[-1]:
                    start = m
                    break
            actor = _compound(ctx, start, left)
        elif right and right[0].tokens[0] - last <= _RIGHT_WINDOW:
            actor = _compound(ctx, right[0], right)
        rest = [m for m in right if m not in actor]
        if rest and rest[0].tokens[0] - last <= _RIGHT_WINDOW * 2:
            recipient = _compound(ctx, rest[0], rest)
    return [to_entity(m, kb) for m in actor], [to_entity(m, kb) for m in recipient]

"""Names the knowledge base lacks, found by the title in front of them.

«قال المتحدث باسم الحركة أبو علي العسكري»، «أعلن قائد العمليات اللواء سعد معن»: a title
(an official's agent word, or a rank) followed by words that no other stage claimed is a
person's name. Runs after the statistical tagger and only fills what it left. A person
neither knows, named right after a named body («المتحدث باسم وزارة الخارجية الإيرانية …»),
acts for that body.
"""

from __future__ import annotations

from marsad.kb import KnowledgeBase
from marsad.model import Doc, Mention
from marsad.text.numbers import read_number

_MAX_NAME = 4  # words in a name after its title
# «الوزير»، «اللواء»، and also «الناشط»، «الصحفي»، «الطبيب» stand before names
_TITLE_SECTORS = {"GOV", "MIL", "COP", "SPY", "LEG", "JUD", "PRM", "REB", "CVL", "MED", "HLH",
                  "REL", "EDU", "NGO", "BUS"}


def _stops(kb: KnowledgeBase) -> set[str]:
    cached = kb.__dict__.get("_name_stops")
    if cached is None:
        matcher = kb.cues.get("not_name")
        cached = {" ".join(k) for k in matcher} if matcher else set()
        kb.__dict__["_name_stops"] = cached
    return cached


def title_names(doc: Doc, kb: KnowledgeBase) -> None:
    taken = {i for m in doc.mentions for i in range(*m.tokens)}
    taken.update(i for t in doc.triggers for i in range(t.first, t.last))
    taken.update(doc.time_tokens())
    stops = _stops(kb)
    ranks = kb.cues.get("ranks")
    added: list[Mention] = []
    for m in doc.mentions:
        entry = kb.agents.get(m.agent_id or "") if m.type == "AGENT" else None
        if entry is None or entry.sector not in _TITLE_SECTORS or _plural(doc, m):
            continue
        i = m.tokens[1]
        while i < len(doc.tokens) and ranks is not None and ranks.get(doc.tokens[i].norm):
            i += 1  # «قائد العمليات اللواء سعد معن»: the rank is part of the title
        first, toks = i, doc.tokens
        while (i < len(toks) and i - first < _MAX_NAME and i not in taken
               and toks[i].sent == m_sent(doc, m) and not toks[i].is_punct
               and toks[i].norm.isalpha() and toks[i].norm not in stops):
            if i > first and toks[i].norm.startswith(("و", "ف")) and toks[i].norm[1:] in stops:
                break
            i += 1
        if i - first >= 2 and not toks[first].norm.startswith(("ال", "بال", "لل", "وال", "فال")):
            start, end = toks[first].start, toks[i - 1].end
            added.append(Mention(text=doc.clean_text[start:end], start=start, end=end,
                                 type="PER", source="pattern", tokens=(first, i)))
            taken.update(range(first, i))
    if added:
        doc.mentions = sorted(doc.mentions + added, key=lambda x: x.start)
    _titled_persons(doc, kb)


def _titled_persons(doc: Doc, kb: KnowledgeBase) -> None:
    """«المتحدث باسم وزارة الخارجية الإيرانية سعيد خطيب زاده»: a person the knowledge base
    does not know, named right after a named body («وزير الخارجية الإيراني» included), speaks
    and acts for it; after a state's title with no country («وزير الداخلية أحمد وحيدي») he
    is that official, who acts for the state the event gives the title (``national``)."""
    for prev, m in zip(doc.mentions, doc.mentions[1:], strict=False):
        body = kb.actor(prev.actor_id)
        official = body is not None and body.official
        if (m.type == "PER" and m.actor_id is None and m.place_id is None
                and body is not None and (not body.generic or official)
                and 0 <= m.tokens[0] - prev.tokens[1] <= 1
                and not any(doc.tokens[i].is_punct for i in range(prev.tokens[1], m.tokens[0]))):
            m.actor_id = prev.actor_id


def _plural(doc: Doc, m: Mention) -> bool:
    """A title names one person: «جنديان»، «مسلحون»، «قوات» are no titles («قُتل جنديان
    سوريان وأصيب خمسة آخرون» has no name after them)."""
    head, tail = doc.tokens[m.tokens[0]].norm, doc.tokens[m.tokens[1] - 1].norm
    i = m.tokens[0]
    words = [t.norm for t in doc.tokens[max(0, i - 3):i]]
    counted = any((read_number(words, j) or (0, -1))[1] == len(words)  # «ثلاثة جنود عراقيين»
                  for j in range(len(words)))
    return counted or any(len(w) > 4 and w.endswith(("ون", "ين", "ان", "ات"))
                          for w in (head, tail)) or head.startswith(("قوات", "القوات"))


def m_sent(doc: Doc, m: Mention) -> int:
    return doc.tokens[m.tokens[0]].sent

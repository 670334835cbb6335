"""Actor and recipient from Arabic clause structure, by rules over tokens and mentions.

- Subject–verb («الفصائل هاجمت…») and verb–subject («هاجمت الفصائل…») orders: the nearest
  candidate before the trigger within its clause, else the first one right after it.
- A nationality right after a verbal noun names its agent: «ضربات جوية أمريكية» → the US
  military, «الاتهامات الأمريكية» → the United States.
- Recipients follow the trigger, directly (object) or after «على»، «ضد»، «لـ».
- Passive frames «تعرضت X لهجوم من Y»: X is the recipient, the agent follows «من»/«تابعة لـ».
- Not actors: the media that report (CODING.md rule 7), countries named as locations
  («في العراق وسوريا»), and names that only qualify another («المبعوث لدى الأمم المتحدة»).
"""

from __future__ import annotations

from dataclasses import replace

from marsad.extract.context import SentenceContext
from marsad.kb import KnowledgeBase
from marsad.model import Entity, Mention
from marsad.text.clitics import object_stems, proclitic_forms
from marsad.text.normalize import written
from marsad.text.numbers import read_number

_PASSIVE_VERBS = frozenset({"تعرض", "تعرضت", "يتعرض", "تتعرض", "تعرضوا", "تعرضا"})
_AGENT_MARKERS = frozenset({"من", "تابعه", "تابع", "يد", "قبل"})
_QUALIFIERS = frozenset({"لدي", "في", "داخل", "عند", "قرب"})  # «X لدى Y»: Y qualifies X
_ROLE_PREPOSITIONS = frozenset({"على", "علي", "ضد", "من", "في", "الي", "تجاه", "بحق"})
_LOCATIVE = frozenset({"في", "الي", "من", "داخل", "جنوب", "شمال", "شرق", "غرب",
                       "وسط", "جنوبي", "شمالي", "شرقي", "غربي", "قرب", "عند", "انحاء", "مدينه",
                       "محافظه", "بلده", "قريه", "منطقه", "محيط"})
_RIGHT_WINDOW = 6
_HOW = frozenset({"في", "جراء", "اثر", "خلال", "اثناء"})  # before the act a passive tells
_COUNT_WORDS = 5  # a count and «من» before whose dead they were («مقتل ثلاثة من جنوده»)
_IN = frozenset({"في"})
SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# acts done to a person himself (he is killed, sanctioned, arrested), not to the body he leads
_ON_PERSONS = frozenset({"ASSAULT", "SANCTION", "COERCE"})
_RECIPIENT_PREPOSITIONS = frozenset({"على", "علي", "ضد", "بحق", "تجاه", "الي", "مع", "نحو",
                                     "باتجاه", "استهدف", "استهدفت", "استهدفا", "استهدفتا",
                                     "استهدفوا", "طال", "طالت"})
_PRONOUN_PARTICLES = frozenset({
    "انه", "انها", "انهم", "انهما", "بانه", "بانها", "بانهم", "لكنه", "لكنها", "لكنهم", "ولكنه",
    "ولكنها", "ولكنهم", "وانه", "وانها", "وانهم", "لانه", "لانها", "لانهم"})
_VERDICTS = frozenset({"ACCUSE", "REJECT"})  # types aimed at whoever did the act in the object
_TOPIC = frozenset({"بشان", "حول", "بخصوص", "عن", "ازاء", "فيما يخص"})
_TO_IT = frozenset({"اليه", "اليها", "اليهما"})  # the pronoun of a verb that takes «إلى»
_RELATIVES = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي"})


def to_entity(m: Mention, kb: KnowledgeBase, actor_id: str | None = None,
              acting: bool = True) -> Entity:
    """The role filler for a mention, keeping the mention's words as the surface text. An
    actor is the body it acts for (``KnowledgeBase.acting_body``); a recipient is who was hit
    («اغتيال قاسم سليماني» targets the man, not the Quds Force)."""
    ent = m.entity or {}
    kb_id = actor_id or m.actor_id
    entry = kb.actor(kb.acting_body(kb_id) if acting else kb_id)
    if entry is not None:
        return entry.entity(m.text, m.start, m.end)
    return Entity(ent.get("id"), ent.get("name_en"), ent.get("name_ar"), m.text, m.start, m.end,
                  ent.get("sector"), ent.get("country"), m.type == "AGENT")


def _introduced_by(ctx: SentenceContext, m: Mention, words: frozenset[str]) -> bool:
    i = m.tokens[0]
    peeled = ctx.doc.clean_text[ctx.doc.tokens[i].start:m.start]
    if "ب" in peeled and "في" in words:
        return True
    return i > 0 and ctx.doc.tokens[i - 1].norm in words


def _with_ba(ctx: SentenceContext, m: Mention, last: int) -> bool:
    """«اتصالاً هاتفياً بالرئيس الإيراني إبراهيم رئيسي»، «لقاء بوزير الخارجية»: the partner of
    a meeting or call in «بـ», on the name or on its title right after the event word."""
    word = ctx.doc.tokens[last].norm if last < ctx.last else ""
    return m.tokens[0] - last <= 2 and word.startswith("ب") and len(word) > 3


def _title_of_next(ctx: SentenceContext, m: Mention) -> bool:
    """«قائد فيلق القدس قاسم سليماني», «رئيس الوزراء العراقي محمد شياع السوداني»: a body or
    title right before a person's name only describes the person, who is the one acting."""
    if m.type not in ("ORG", "AGENT"):
        return False
    following = [o for o in ctx.mentions if o.tokens[0] >= m.tokens[1]]
    nxt = min(following, key=lambda o: o.tokens[0], default=None)
    return nxt is not None and nxt.type == "PER" and nxt.tokens[0] - m.tokens[1] <= 1


def _joined(ctx: SentenceContext, a: Mention, b: Mention) -> bool:
    """``b`` follows ``a`` as a coordinated item («X وY», «X، Y»); the «و» must be a
    conjunction peeled off the name, not its first letter («واشنطن»)."""
    words = [ctx.doc.tokens[i].norm for i in range(a.tokens[1], b.tokens[0])]
    if not words:
        peeled = ctx.doc.clean_text[ctx.doc.tokens[b.tokens[0]].start:b.start]
        return peeled.startswith("و")
    if b.type == "PER" and len(words) <= _TITLE_WORDS and _titled(ctx, a.tokens[1], b.tokens[0]):
        return True  # «قاسم سليماني ونائب رئيس هيئة الحشد الشعبي أبو مهدي المهندس»
    if len(words) == 2 and words[0].startswith("و") and words[1] in ("من", "في") and any(
            ctx.kb.cues["member_nouns"].get(f) for p, f in proclitic_forms(words[0]) if p == 1):
        return True  # «قوات حرس الحدود وعناصر من طالبان»: the members of a second party
    return words in (["و"], ["،"], [","])


_TITLE_WORDS = 6


def _titled(ctx: SentenceContext, start: int, end: int) -> bool:
    """Tokens [start, end) are «و» + a title before a person's name: the first word carries
    the conjunction, and none is a break, a preposition, an event word or a reporting verb."""
    toks = ctx.doc.tokens
    first = toks[start].norm
    if not (first.startswith("و") and len(first) > 3):
        return False
    if any(ctx.is_break(i) or toks[i].norm in _ROLE_PREPOSITIONS | {"مع", "عن", "ان", "انه"}
           # «كتيبة موالية لرئيس…», not the article after «لـ» in a title («للأمن القومي»)
           or (toks[i].norm[:1] in "بل" and len(toks[i].norm) > 3
               and not toks[i].norm.startswith("لل"))
           for i in range(start, end)):
        return False
    return not any(start <= i < end for i in _act_starts(ctx))


def _act_starts(ctx: SentenceContext) -> list[int]:
    """Where an event word or a reporting verb starts: a verb of its own clause."""
    return [t.first for t in ctx.doc.triggers] + [a for a, _ in ctx.hits("reporting_verbs")]


def _appositions(ctx: SentenceContext) -> set[int]:
    """Tokens of «، إحدى الفصائل الموالية لإيران،»-style appositions, up to the next break
    («، وهو ما نفته طهران،» opens a clause instead: cues.yaml ``clause_openers``)."""
    openers = {a for a, _ in ctx.hits("clause_openers")}
    return {i for a, b in ctx.set_off("apposition") if a not in openers for i in range(a, b)}


def candidates(ctx: SentenceContext, blocked: set[int]) -> list[Mention]:
    """Mentions of the sentence that can fill a role, in text order."""
    out: list[Mention] = []
    blocked = blocked | _appositions(ctx)
    located_prev: Mention | None = None
    prev: Mention | None = None
    for m in ctx.mentions:
        located = m.place_id is not None and m.type != "NORP" and (
            _introduced_by(ctx, m, _LOCATIVE)
            or (located_prev is not None and prev is located_prev and _joined(ctx, prev, m)))
        located_prev = m if located else None
        qualifier = prev is not None and m.tokens[0] - prev.tokens[1] <= 1 and _introduced_by(
            ctx, m, _QUALIFIERS)
        prev = m
        if _title_of_next(ctx, m):
            continue
        unnamed = m.actor_id is None and not (m.type == "PER" and m.place_id is None)
        if (unnamed or m.type == "NORP" or located or qualifier
                or (m.entity or {}).get("sector") == "MED"
                or blocked.intersection(range(*m.tokens))):
            continue
        out.append(m)
    return out


def _subject_slot(ctx: SentenceContext, last: int, m: Mention) -> bool:
    """A name after a verb is its subject unless a prepositional phrase opens the words
    after the verb: in «وهدّدت بشنّ هجمات تستهدف القوافل العسكرية» the convoys are inside
    the threatened act; in «توعد الأمين العام لعصائب أهل الحق» or «اعتقلت قوة من جهاز
    مكافحة الإرهاب» the preposition only ties the name to the subject's head noun."""
    if any(last <= t.first < m.tokens[0] for t in ctx.doc.triggers):
        return False  # «لوّحت الحركة بقصف تل أبيب»: the name is inside another act's words
    i = last
    while i < m.tokens[0] and ctx.is_break(i):
        i += 1
    if i == m.tokens[0]:  # «ناقش مع رومانوسكي»: a partner, not the subject
        return not (_introduced_by(ctx, m, _ROLE_PREPOSITIONS | {"مع"}) or _lam(ctx, m))
    word = ctx.doc.tokens[i].norm
    return not (word in _ROLE_PREPOSITIONS or word == "مع"
                or (len(word) >= 3 and word[0] in "بل"))


def first_subject(ctx: SentenceContext, start: int, end: int,
                  blocked: set[int]) -> list[Mention]:
    """The first name in tokens [start, end) that no preposition introduces, with the names
    joined to it («أعلنت السعودية والإمارات والبحرين»): the subject of the clause a
    coordinated verb («…، وهدّدت») continues."""
    pool = [m for m in candidates(ctx, blocked) if start <= m.tokens[0] and m.tokens[1] <= end]
    for m in pool:
        if not (_introduced_by(ctx, m, _ROLE_PREPOSITIONS) or _lam(ctx, m)):
            return _compound(ctx, m, pool)
    return []


def _subject_start(ctx: SentenceContext, left: list[Mention]) -> Mention:
    """The first member of the compound that ends nearest the trigger («X و Y هاجمت»)."""
    start = left[-1]
    for m in reversed(left[:-1]):
        if _compound(ctx, m, left)[-1] is left[-1]:
            start = m
    return start


def _compound(ctx: SentenceContext, first: Mention, pool: list[Mention]) -> list[Mention]:
    """``first`` and the candidates joined to it by «و» (compound actors)."""
    group = [first]
    for m in pool:
        if m.tokens[0] <= group[-1].tokens[0]:
            continue
        if not _joined(ctx, group[-1], m):
            break
        group.append(m)
    return group


def _light_subjects(light: tuple[int, int], left: list[Mention]) -> list[Mention]:
    """The subject of a support verb: after it («شنت الفصائل هجوماً»; «قصف حزب الله…، وردت
    المدفعية الإسرائيلية بقصف» is the artillery's), else before it («الفصائل نفذت هجوماً»)."""
    after = [m for m in left if m.tokens[0] >= light[1]]
    return after or left


def nisba_agent(ctx: SentenceContext, last: int, etype: str,
                 kb: KnowledgeBase) -> tuple[Mention, str] | None:
    """«ضربات جوية أمريكية»: a nationality within two words after a verbal noun (not the
    adjective of a noun after a preposition: «اتصالاً هاتفياً بالرئيس الإيراني»)."""
    gap = ctx.doc.tokens[last].norm if last < ctx.last else ""
    for m in ctx.mentions:
        if m.tokens[0] == last + 1 and (gap in _ROLE_PREPOSITIONS or gap.startswith(
                ("بال", "لل", "وال", "كال"))):
            continue
        if m.type == "NORP" and last <= m.tokens[0] <= last + 1 and m.actor_id:
            country = (m.entity or {}).get("country")
            if etype == "ASSAULT":
                return m, kb.military_of(country) or m.actor_id
            return m, m.actor_id
    return None


def passive_voice(ctx: SentenceContext, i: int) -> bool:
    """A verb written with its passive vowel: damma on the first letter («قُتل»), or on the
    «ت» of a derived form after its «است»/«ا» («استُهدف», «اُعتقل»)."""
    tok = ctx.doc.tokens[i]
    word = ctx.doc.clean_text[tok.start:tok.end].lstrip("وف")
    letters = [(j, c) for j, c in enumerate(word) if not ("\u064b" <= c <= "\u0652")]
    bare = "".join(c for _, c in letters)
    if (bare[:1] in ("ا", "إ") and bare[2:4] == "تي" and 5 <= len(bare) <= 7
            and bare[4] != "ا" and bare[5:] in ("", "ت", "وا")):
        return True  # a hollow verb's passive is spelt apart: «اغتيل», «اختيرت» (not «اغتال»)
    for k in range(min(4, len(letters))):
        j = letters[k][0]
        if j + 1 < len(word) and word[j + 1] == "\u064f":  # damma
            if k == 0:  # «قُتل», «أُصيب»; not an imperfect prefix («يُطلق» is active)
                return word[0] not in "يتن"
            return word.startswith(("است", "ا")) and k <= 3
    return False


def pronoun_subject(ctx: SentenceContext, first: int, clause_start: int) -> bool:
    """The verb's subject is a pronoun: a plural ending on the verb («حمّلوا», «يهاجمون»), or
    a particle carrying the pronoun just before it («إنهم», «لكنها»)."""
    word = ctx.doc.tokens[first].norm
    if word.endswith(("وا", "ون")) and len(word) > 4:
        return True
    return any(ctx.doc.tokens[i].norm in _PRONOUN_PARTICLES
               for i in range(max(clause_start - 1, first - 2, 0), first))


def circumstantial(ctx: SentenceContext, i: int) -> bool:
    """A participle set off by a comma («، متهمةً الدوحة بدعم الإرهاب», «، داعياً السلطات»):
    its subject is the main clause's, and the name after it is its object. The participle
    of a derived verb starts with «م»; that of a plain verb has «ا» second («داعياً»,
    «رافضةً»); either ends in «ـاً» or «ـة», or in the plural «ـين» («، مطالبين برحيل…»)."""
    if i <= ctx.first or not ctx.is_break(i - 1) or ctx.doc.tokens[i - 1].norm == '"':
        return False
    word = ctx.doc.tokens[i].norm
    return len(word) >= 5 and word.endswith(("ا", "ه", "ين")) and (
        word[0] == "م" or word[1] == "ا")


def _aimed_at(ctx: SentenceContext, m: Mention) -> bool:
    """«على/ضد X», «استهدفت (مقرات) X»: a word that aims at what follows, up to three words
    before the mention, or further through a partitive («عقوبات على ستة من قادة X»)."""
    i = m.tokens[0]
    # a time or a comma does not count («استهدفا صباح الثلاثاء مقر السفارة»)
    before = [ctx.doc.tokens[j].norm for j in range(max(ctx.first, i - 8), i)
              if j not in ctx.times and not ctx.is_break(j)][-3:]
    if set(before) & _RECIPIENT_PREPOSITIONS or _introduced_by(ctx, m, _RECIPIENT_PREPOSITIONS):
        return True
    wider = [ctx.doc.tokens[j].norm for j in range(max(ctx.first, i - 6), i)]
    return "من" in wider and bool(set(wider[:wider.index("من")]) & _RECIPIENT_PREPOSITIONS)


def _between(ctx: SentenceContext, right: list[Mention], last: int) -> list[Mention] | None:
    """«اشتباكات بين الجيش ومسلحين», «اتفاق وقف إطلاق النار بين إسرائيل وحزب الله»: the two
    sides, after «بين» later in the same clause."""
    toks = ctx.doc.tokens
    for i in range(last, min(last + _RIGHT_WINDOW * 2, ctx.last)):
        if ctx.is_break(i):
            break
        if toks[i].norm == "بين":
            sides = [m for m in right if m.tokens[0] > i]
            if len(sides) >= 2 and _joined(ctx, sides[0], sides[1]):
                return sides[:2]
            if sides and sides[0].tokens[0] == i + 1:  # «بين جهاز الردع وكتيبة موالية لـ…»
                other = _unnamed_side(ctx, sides[0].tokens[1])
                if other is not None:
                    return [sides[0], other]
    return None


def _unnamed_side(ctx: SentenceContext, i: int) -> Mention | None:
    """The unnamed second side of «بين X وY»: the words after «و» up to a break or a
    preposition (at most four), kept as text."""
    toks = ctx.doc.tokens
    if i >= ctx.last or not toks[i].norm.startswith("و") or len(toks[i].norm) < 3:
        return None
    end = i + 1
    while end < min(i + 4, ctx.last) and not ctx.is_break(end) and toks[end].norm not in (
            _ROLE_PREPOSITIONS | {"اسفرت", "اسفر", "ادت", "ادي"}):
        end += 1
    start = toks[i].start + 1  # without the conjunction
    return Mention(text=ctx.doc.clean_text[start:toks[end - 1].end], start=start,
                   end=toks[end - 1].end, type="NP", source="phrase", tokens=(i, end))


def _after_title(ctx: SentenceContext, last: int, m: Mention) -> bool:
    """A person named right after a title that follows the trigger («اغتيال رئيس الوزراء
    الأسبق رفيق الحريري»): the title only describes him, he is the genitive."""
    if m.type != "PER":
        return False
    return any(t.tokens[0] <= last + 1 and t.tokens[1] >= m.tokens[0] - 1 and t is not m
               and _title_of_next(ctx, t) for t in ctx.mentions)


def _lam(ctx: SentenceContext, m: Mention) -> bool:
    """The mention carries the preposition «لـ» («للقوات الأمريكية»)."""
    peeled = ctx.doc.clean_text[ctx.doc.tokens[m.tokens[0]].start:m.start]
    return peeled.endswith("ل")


def _object_with_lam(ctx: SentenceContext, later: list[Mention], agent: Mention) -> bool:
    """Whether an object follows the genitive: introduced by «لـ» within a few words
    («اغتيال الولايات المتحدة للجنرال»), or — when the genitive is a state or an organisation —
    a person named right after it, perhaps behind a title («اغتيال الولايات المتحدة قائد فيلق
    القدس قاسم سليماني»: a state is not who was killed)."""
    for m in later:
        if m.tokens[0] - agent.tokens[1] > 5:
            break
        peeled = ctx.doc.clean_text[ctx.doc.tokens[m.tokens[0]].start:m.start]
        if m.tokens[0] - agent.tokens[1] <= 3 and (
                peeled.endswith("ل") or ctx.doc.tokens[m.tokens[0] - 1].norm == "ل"):
            return True
        if (m.type == "PER" and agent.type in ("GPE", "ORG") and not peeled
                and not _introduced_by(ctx, m, _ROLE_PREPOSITIONS)):
            return True
    return False


def _agent_phrase(ctx: SentenceContext, right: list[Mention], last: int,
                  kb: KnowledgeBase) -> list[Entity]:
    """The agent of a passive: after «من قبل»، «على يد»، «من»، «تابعة لـ»."""
    toks = ctx.doc.tokens
    for m in right:
        if m.tokens[0] - last > _RIGHT_WINDOW * 2:
            break
        before = toks[m.tokens[0] - 1].norm if m.tokens[0] > 0 else ""
        if before in _AGENT_MARKERS or (_lam(ctx, m) and before.startswith(("تابع", "التابع"))):
            return [to_entity(m, kb)]  # not any «لـ»: «أعقبه استنفار لقوات التحالف»
    return []


def _fire_owner(ctx: SentenceContext, right: list[Mention], last: int,
                kb: KnowledgeBase) -> list[Entity]:
    """«قُتلت الصحفية برصاص قوات الاحتلال»، «استشهد شاب بنيران الجيش»: whose fire it was
    (cues.yaml ``fire_of``, the name right after it) is who attacked."""
    for _, b in ctx.hits("fire_of"):
        if last <= b <= last + _RIGHT_WINDOW * 2:
            owner = next((m for m in right if m.tokens[0] == b), None)
            if owner is not None:
                return [to_entity(owner, kb)]
    return []


def _manner(ctx: SentenceContext, recipient: list[Mention], kb: KnowledgeBase) -> list[Mention]:
    """Unidentified attackers named right after an attack's noun («تفجيرين انتحاريين»,
    «هجوم مسلحين»): they tell who struck, they were not hit."""
    after = {t.last for t in ctx.doc.triggers if t.entries[0].type == "ASSAULT"
             and all(e.pos == "noun" for e in t.entries)}
    return [m for m in recipient if m.tokens[0] in after
            and (a := kb.agents.get(m.agent_id or "")) is not None and a.sector == "UAF"]


def _object_nationality(ctx: SentenceContext, last: int, actor: list[Entity]) -> list[Mention]:
    """«أدانت دمشق الغارات الأمريكية»: with no named object, the nationality of the object
    noun names the state on the receiving end."""
    taken = {e.start for e in actor}
    for m in ctx.mentions:
        if m.tokens[0] < last or m.start in taken:
            if m.start in taken and m.tokens[0] >= last:
                last = m.tokens[1]  # «أدانت الخارجية السورية الغارات الأمريكية»: after the subject
            continue
        if m.tokens[0] - last > 3:
            break
        if m.type == "NORP" and m.actor_id:
            return [m]
    return []


def relative_agent(ctx: SentenceContext, start: int, stop: int, blocked: set[int],
                   kb: KnowledgeBase) -> list[Entity]:
    """«اتهامات وجهها وزير الدفاع», «قصف مدفعي نفذته قوات الدعم السريع», «بصاروخ أطلقه
    الحوثيون»: a support verb carrying a pronoun for the noun, in tokens [start, stop); its
    subject right after it (a name, or the nationality of an unnamed one: «ضربة نفذتها
    طائرة مسيّرة أمريكية») is the noun's actor."""
    toks = ctx.doc.tokens
    light = ctx.hits("light_verbs")
    for i in range(start, min(stop, ctx.last)):
        if ctx.is_break(i) or any(a == i for a, _ in ctx.hits("new_event")):
            break
        # «امرأة» is no «أمر» + «ه»: the pronoun is told from a «ة» on the written word
        base = object_stems(toks[i].norm, written(toks[i].text))
        if not base and i + 1 < ctx.last and toks[i + 1].norm in _TO_IT:
            base = [toks[i].norm]  # «الهدنة التي توصلت إليها إسرائيل وحماس»
        if not base:
            continue
        if any(kb.cues["light_verbs"].get(b) for b in base) or any(a == i for a, _ in light):
            cands = candidates(ctx, blocked)
            after = sorted((m for m in ctx.mentions if m.tokens[0] > i and (
                m in cands or (m.type == "NORP" and m.actor_id))), key=lambda m: m.tokens[0])
            # the subject right after the verb, or the nationality of an unnamed one
            if after and not _introduced_by(ctx, after[0], _ROLE_PREPOSITIONS) and (
                    after[0].tokens[0] - i <= 2  # «عقده قائد قوات حرس الحدود»
                    or (after[0].type == "NORP" and after[0].tokens[0] - i <= 4)):
                return [to_entity(m, kb) for m in _compound(ctx, after[0], after)]
            return []
    return []


def _next_clause(ctx: SentenceContext, last: int) -> int:
    """Where the next verb's own clause starts («…، ووصفتها …، وطالبت بانسحاب القوات»): at
    a later trigger right after a comma or a clause opener. Roles do not reach past it."""
    openers = {b for _, b in ctx.hits("clause_openers")}
    ends = [i for i in sorted(_act_starts(ctx)) if last < i < ctx.last
            and (ctx.is_break(i - 1) or i in openers)]
    # «…، فيما تخوض قوات الأمن اشتباكات»: a clause opener after a comma starts a clause
    ends += [a for a, _ in ctx.hits("clause_openers") if last < a and ctx.is_break(a - 1)]
    # «… في حال لم ينسحب جنود الاحتلال»: a condition's own participants are not the event's
    ends += [a for a, _ in ctx.hits("conditional") if a >= last]
    return min(ends, default=ctx.last)


def _military_target(ctx: SentenceContext, m: Mention, kb: KnowledgeBase) -> Entity | None:
    """«ثلاثة مواقع إسرائيلية»، «طائرة مسيّرة أمريكية»، «منشآت عسكرية في إيران»: a military
    target (cues.yaml ``military_targets``) of one state hits that state's armed forces."""
    if m.type not in ("NORP", "GPE"):
        return None
    i = m.tokens[0]
    lo = max(ctx.first, i - 3)
    if not any(b in (i, i - 1) for _, b in ctx.cues_between("military_targets", lo, i)):
        return None
    if m.type == "GPE" and not _introduced_by(ctx, m, _IN):
        return None  # a country is a military target's place only with «في»
    country = (m.entity or {}).get("country")
    mil = kb.actor(kb.military_of(country))
    if mil is None:
        return None
    return mil.entity(m.text, m.start, m.end)


def _accused(ctx: SentenceContext, last: int, right: list[Mention]) -> Mention | None:
    """The subject of what an accusation says («اتهامات بأن طهران دعمت الهجمات»): the name
    right after «أن/بأن» that opens its content, within a few words of the trigger."""
    for i in range(last, min(last + 4, ctx.last)):
        if ctx.is_break(i):
            return None
        if ctx.is_complementizer(i):
            return next((m for m in right if i < m.tokens[0] <= i + 2), None)
    return None


def _counted_nationals(ctx: SentenceContext, last: int, kb: KnowledgeBase) -> list[Entity]:
    """«قُتل أكثر من 100 فلسطيني»، «مقتل 12 عراقياً»: a nationality counted right after the
    verb names civilians of that country (the text says no more of who they were)."""
    toks = ctx.doc.tokens
    for m in ctx.mentions:
        if m.type != "NORP" or not last <= m.tokens[0] <= last + 4:
            continue
        if not any(toks[j].norm.isdigit() or toks[j].norm in ("عشرات", "مئات", "الاف")
                   for j in range(last, m.tokens[0])):
            continue
        return nationals(m, kb)
    return []


def nationals(m: Mention, kb: KnowledgeBase) -> list[Entity]:
    """Civilians of the country a counted nationality names («ثلاثة فلسطينيين»)."""
    civ = kb.agents.get("civilians")
    if civ is None:
        return []
    return [replace(civ.entity(m.text, m.start, m.end), country=(m.entity or {}).get("country"))]


def _survivor(ctx: SentenceContext, clause_start: int, first: int) -> Mention | None:
    """«نجا رئيس الوزراء مصطفى الكاظمي من محاولة اغتيال»: who survived was the target."""
    for _, b in ctx.cues_between("survived", clause_start, first):
        named = [m for m in candidates(ctx, set()) if b <= m.tokens[0] < first]
        if named:
            return named[0]
    return None


def interception(ctx: SentenceContext, first: int, last: int, clause_start: int,
                 actor: list[Entity], kb: KnowledgeBase,
                 ) -> tuple[list[Entity], list[Entity]] | None:
    """«اعترضت الدفاعات الجوية السعودية صواريخ أطلقها الحوثيون»، «صدّ الجيش هجوماً شنه مقاتلو
    الحركة»: stopping a missile, a drone or an attack is the launcher's attack (CODING.md
    rule 4), on whatever it flew at («باتجاه السفن التجارية») or else on the side that
    stopped it. A projectile with another state's nationality («أسقطت طهران طائرة مسيّرة
    أمريكية») is that state's craft, shot down: no interception. ``None`` when the trigger
    stops nothing."""
    # the verb is the trigger, or in its clause stops the weapon that is («تصدت الدفاعات
    # لعدد من المسيّرات كانت تستهدف»)
    stop = next((b for a, b in ctx.hits("intercept_verbs") if clause_start <= a <= first
                 and not ctx.cues_between("new_event", a, first)), None)
    if stop is None:
        return None
    end = _next_clause(ctx, last)
    shot = next(((a, b) for a, b in ctx.hits("projectiles") if stop <= a < end), None)
    if shot is None:
        return None
    cands = candidates(ctx, set())
    after = [m for m in cands if shot[1] <= m.tokens[0] < end]
    near = next((m for m in ctx.mentions if shot[1] <= m.tokens[0] <= shot[1] + 2), None)
    if near is not None and near.type == "NORP":
        if any(a == shot[0] for a, _ in ctx.hits("aircraft")):
            return None  # «طائرة مسيّرة أمريكية»: a state's own craft, shot down
        return [to_entity(near, kb)], actor  # «عدوان جوي إسرائيلي», «صاروخ إيراني»
    launcher = [to_entity(m, kb) for a, b in ctx.hits("launched_it") if shot[1] <= a < end
                for m in after if 0 <= m.tokens[0] - b <= 2][:1]
    aimed = [m for a, b in ctx.hits("aimed_at") if shot[1] <= a < end
             for m in after if 0 <= m.tokens[0] - b <= 2 and m.place_id is None][:1]
    victims = [to_entity(m, kb, acting=False) for m in aimed] or actor
    return launcher, victims


def _target_user(ctx: SentenceContext, right: list[Mention], last: int) -> list[Mention]:
    """«غارات على 60 هدفاً يستخدمها الحوثيون»، «كمائن يتمركز فيها الجيش»، «مواقع تابعة
    لميليشيات»: the holder of the target named after a holding phrase (cues.yaml
    ``target_users``) is hit."""
    for a, b in ctx.hits("target_users"):
        if last <= a <= last + _RIGHT_WINDOW * 2:
            held = [m for m in right if b <= m.tokens[0] <= b + 1]
            if held:
                return _compound(ctx, held[0], right)
    return []


_OBJECT_STOPS = frozenset({"في", "من", "الى", "عن", "مع", "قرب", "عند", "داخل", "خارج", "بين",
                           "منذ", "خلال", "بعد", "قبل", "حيث", "اثناء", "وسط", "على", "علي",
                           "ضد", "لدي", "و", "او", "ما", "مما", "ادي", "اسفر", "اسفرت"})
_OBJECT_WORDS = 3


def object_phrase(ctx: SentenceContext, start: int, kb: KnowledgeBase,
                   persons: bool = False) -> Mention | None:
    """An attack's unnamed target at token ``start`` kept as text («استهدفت متسوقين في سوق»،
    «على سفينة الشحن»، «اختطف ثلاثة عمال إغاثة»): its first words, up to a preposition, a
    break, a name, a date or another act. Places, parts of places and what is fired are no
    target (cues.yaml ``not_targets``, ``place_words``, ``projectiles``): «قصف أطراف البلدة»
    leaves it empty. ``persons``: the object of an arrest or a release, kept when counted
    («ثلاثة شبان»); a quantity reaches over «من» («عدد من المشتبه بهم»)."""
    toks = ctx.doc.tokens
    times = ctx.times
    stops = times | {i for m in ctx.mentions for i in range(*m.tokens)} | {
        i for t in ctx.doc.triggers for i in range(t.first, t.last)}
    i = start
    while i < ctx.last and i in times:
        i += 1
    if i < ctx.last and toks[i].norm in ("على", "علي", "ضد"):
        i += 1
    end = i
    while (end < min(i + _OBJECT_WORDS, ctx.last) and end not in stops and not toks[end].is_punct
           and toks[end].norm not in _OBJECT_STOPS and toks[end].norm not in _RELATIVES
           and not (end > i and toks[end].norm.startswith(("بال", "لل")))):
        end += 1
    if end == i or toks[i].norm.startswith(("بال", "لل")):
        return None  # nothing, or an instrument («بالصواريخ»)
    if persons:
        words = [t.norm for t in toks[i:end]]
        counted = any(read_number(words, k) for k in range(min(2, len(words))))
        if not counted and not any(a == i for a, _ in ctx.hits("quantities")):
            return None  # «أوقفت شحنة أسلحة»: goods; «لم يُعتقل أحد»: nobody
        named = next((m for m in ctx.mentions if m.tokens[0] == end), None)
        if named is not None and end == i + 1:  # a number and whom it counts: «16 رهينة»
            text, s, e = ctx.text(i, named.tokens[1])
            return replace(named, text=text, start=s, end=e, tokens=(i, named.tokens[1]))
        if end == i + 1 and end + 1 < ctx.last and toks[end].norm == "من" and (
                end + 1 not in stops):
            end += 2  # «عدد من المشتبه بهم», «خمسة من موظفيه»
            while end < min(i + _OBJECT_WORDS + 1, ctx.last) and end not in stops and not (
                    toks[end].is_punct or toks[end].norm in _OBJECT_STOPS):
                end += 1
    elif any(kb.cues[n].get(w) for _, form in proclitic_forms(toks[i].norm)  # no target:
             for w in (form, form[2:] if form.startswith("ال") else form)
             for n in ("not_targets", "place_words", "projectiles") if n in kb.cues):
        return None
    text, s, e = ctx.text(i, end)
    return Mention(text=text, start=s, end=e, type="NP", source="phrase", tokens=(i, end))


def unnamed_target(ctx: SentenceContext, first: int, last: int, nominal: bool,
                   actor: list[Entity], kb: KnowledgeBase) -> Entity | None:
    """The unnamed target of an attack, as text: what follows «على»/«ضد» or a verb of aiming
    within four words («غارة إسرائيلية استهدفت قافلتهم»، «هجوم بطائرات مسيّرة على منشأة»), or
    the object of an aiming verb, after its subject («استهدفت الغارة مبنى سكنياً»)."""
    toks = ctx.doc.tokens
    start = None
    if not nominal and toks[first].norm.lstrip("و") in _RECIPIENT_PREPOSITIONS:
        start = _after_subject(ctx, last, actor)
    for i in range(last - 1, min(last + 5, ctx.last)):  # the event's words may end with it
        if start is not None or (i >= last and ctx.is_break(i)):
            break
        if toks[i].norm.lstrip("و") in _RECIPIENT_PREPOSITIONS:  # «على», «ضد», «استهدفت»
            start = i + 1
    if start is None or start >= _next_clause(ctx, last):
        return None
    phrase = object_phrase(ctx, start, kb)
    return to_entity(phrase, kb) if phrase is not None else None


def _after_subject(ctx: SentenceContext, last: int, actor: list[Entity]) -> int:
    """Where a verb's object may start: after the verb, and after the actor's names that
    follow it (VSO: «استهدفت الغارة مبنى»، «أفرجت الحركة عن…»)."""
    return max([last] + [m.tokens[1] for m in ctx.mentions if m.tokens[0] >= last
                         and any(a.start == m.start for a in actor)])


_HELD_LINKS = frozenset({"عن", "سراح", "القبض", "علي", "على"})


def held_persons(ctx: SentenceContext, first: int, last: int, actor: list[Entity],
                 kb: KnowledgeBase) -> Entity | None:
    """Who was arrested or freed, as text when the text does not name them («اعتقلت ثلاثة
    شبان», «أفرجت الحركة عن موظفين اثنين», «توقيف عدد من المشتبه بهم»): the object of a
    word of holding or freeing (cues.yaml ``held``), after its subject."""
    if not any(a == first for a, _ in ctx.hits("held")):
        return None
    toks = ctx.doc.tokens
    start = _after_subject(ctx, last, actor)
    times = ctx.times
    while start < ctx.last and (start in times or toks[start].norm in ("،", ",")
                                or toks[start].norm.lstrip("و") in _HELD_LINKS):
        start += 1  # «أفرجت حركة الشباب، أول من أمس، عن موظفين اثنين»
    if start >= _next_clause(ctx, last):
        return None
    phrase = object_phrase(ctx, start, kb, persons=True)
    return to_entity(phrase, kb) if phrase is not None else None


_AIMED_PRONOUNS = frozenset({p + s for p in ("مع", "علي", "ضد", "تجاه", "بحق", "ايا")
                             for s in ("ه", "ها", "هم", "هما")})


def _pronoun_object(ctx: SentenceContext, last: int, actor: list[Entity], blocked: set[int],
                    kb: KnowledgeBase) -> list[Mention]:
    """«تخوض قوات الأمن اشتباكات معهم», «متوعداً إياها»: a pronoun after «مع/على/ضد» (or on
    «إيّا») right after the event word is the nearest name before the event that is neither
    its actor nor the source reporting it."""
    toks = ctx.doc.tokens
    at = next((i for i in range(last, min(last + 3, ctx.last))
               if toks[i].norm.lstrip("و") in _AIMED_PRONOUNS), None)
    if at is None:
        return []
    before = [m for m in candidates(ctx, blocked) if m.tokens[1] <= at]
    return _not_actor(before, actor, kb)[-1:]


def _not_actor(pool: list[Mention], actor: list[Entity], kb: KnowledgeBase) -> list[Mention]:
    """``pool`` without the names of the actor itself: «توعد المرشد الإيراني علي خامنئي
    إسرائيل» names the actor twice before its object (nobody acts on themselves)."""
    ids = [a.id for a in actor if a.id]
    return [m for m in pool
            if not any(kb.related(to_entity(m, kb).id, i) for i in ids)
            and not any(a.start <= m.start < a.end for a in actor)]


def assign_roles(ctx: SentenceContext, first: int, last: int, clause_start: int,
                 blocked: set[int], kb: KnowledgeBase, etype: str = "",
                 nominal: bool = False,
                 patient: bool = False) -> tuple[list[Entity], list[Entity]]:
    """Actor and recipient entity lists for the trigger at tokens [first, last)."""
    cands = candidates(ctx, blocked)
    left = [m for m in cands if clause_start <= m.tokens[0] and m.tokens[1] <= first]
    right = [m for m in cands if m.tokens[0] >= last]
    nxt = _next_clause(ctx, last)
    right = [m for m in right if m.tokens[0] < nxt]
    rel = next((i for i in range(last, ctx.last) if ctx.doc.tokens[i].norm in _RELATIVES), None)
    if rel is not None and not nominal:
        # «نفت … صلتها بالهجمات التي تستهدف القوات»: a relative clause has its own roles
        right = [m for m in right if m.tokens[0] < rel]
    if etype == "REJECT":
        # «نفى الجيش وقوع أي اشتباك مع قوات اليونيفيل»: who takes part in the denied act is
        # not whom the denial answers
        content = min((t.first for t in ctx.doc.triggers if last <= t.first < ctx.last),
                      default=ctx.last)
        right = [m for m in right if m.tokens[0] < content]
    topic = next((i for i in range(last, ctx.last) if ctx.doc.tokens[i].norm in _TOPIC), None)
    if topic is not None:
        # «تتفاوض بغداد وواشنطن بشأن خروج القوات»: what a statement is about is no participant
        right = [m for m in right if m.tokens[0] < topic]
    toks = ctx.doc.tokens
    actor: list[Entity] = []
    recipient: list[Mention] = []

    passive_frame = any(toks[i].norm.lstrip("و") in _PASSIVE_VERBS
                        for i in range(max(clause_start, first - 8), first))
    nisba = nisba_agent(ctx, last, etype, kb) if nominal else None
    if passive_frame:  # «تعرضت X لهجوم من Y»
        if left:
            recipient = [left[-1]]
        actor = _agent_phrase(ctx, right, last, kb)
    elif not nominal and (patient or passive_voice(ctx, first)):
        # «قُتل جنديان», «استُهدفت القاعدة», «استشهد شاب»: the subject is who was hit
        # (the subject may stand inside a trigger that runs to its companion: «استشهد 12
        # فلسطينياً بقصف»; whose fire it was is not who was hit: «بنيران الجيش»)
        fired = {b for _, b in ctx.hits("fire_of")}
        # the subject comes before the event word that tells how («قُتل 23 شخصاً في
        # تفجيرين انتحاريين»: the bombers are no victims)
        acts = {t.first for t in ctx.doc.triggers}
        how = next((i for i in range(first + 1, ctx.last) if (
            toks[i].norm in _HOW and i + 1 in acts) or (
            i in acts and toks[i].norm[:1] == "ب")), ctx.last)
        hit = [m for m in cands if first < m.tokens[0] and m.tokens[1] <= last] + right
        hit = [m for m in hit if m.tokens[1] <= how]
        hit = [m for m in hit if m.tokens[0] not in fired]
        if hit and hit[0].tokens[0] - last <= _RIGHT_WINDOW:
            recipient = _compound(ctx, hit[0], hit)
        elif aimed := [m for m in right if _aimed_at(ctx, m)]:
            # «قُتل 23 شخصاً في تفجيرين استهدفا مقر السفارة الإيرانية»: what the act aimed at
            recipient = _compound(ctx, aimed[0], aimed)
        rest = [m for m in right if m not in recipient]
        actor = _agent_phrase(ctx, rest, last, kb) or _fire_owner(ctx, rest, last, kb)
        if not recipient and (people := _counted_nationals(ctx, first + 1, kb)):
            return actor, people  # «قُتل أكثر من 100 فلسطيني»
    elif nominal and (sides := _between(ctx, right, last)) is not None:
        actor, recipient = [to_entity(sides[0], kb)], [sides[1]]
    elif nominal:
        # «أطلق صواريخ … رداً على اغتيال القيادي»: a new event between cuts the support verb
        # «أعلن حزب الله مقتل أمينه العام»: who announces the death of one of its own did
        # not cause it («أعلن الجيش مقتل 100 من المهاجمين» is the army's act)
        # (also counted: «مقتل عشرة من جنوده»)
        own_loss = patient and any(
            (i == last or (toks[i - 1].norm == "من" and not toks[i].norm.startswith("ال")))
            and bool(object_stems(
                toks[i].norm, written(toks[i].text), min_stem=3))
            for i in range(last, min(last + _COUNT_WORDS, ctx.last)))
        light = [(a, b) for a, b in ctx.cues_between("light_verbs", clause_start, first)
                 if not ctx.cues_between("new_event", b, first)
                 and not (own_loss and ctx.cues_between("reporting_verbs", a, b))]
        near = bool(right) and (right[0].tokens[0] - last <= 1 or _after_title(ctx, last, right[0]))
        genitive = right[0] if near and not _introduced_by(
            ctx, right[0], _ROLE_PREPOSITIONS | {"مع"}) else None  # «للتعاون مع واشنطن»
        rest = [m for m in right if _aimed_at(ctx, m) or _lam(ctx, m) or (
            etype in SYMMETRIC and _with_ba(ctx, m, last))]
        if nisba is not None:
            actor = [to_entity(nisba[0], kb, nisba[1])]
        elif own_verb := relative_agent(ctx, last, last + 3, blocked, kb):
            actor = own_verb  # «بغارات جوية شنتها مقاتلاتها»: the event's own support verb
        elif light and (own := _light_subjects(light[-1], left)):
            # «شنت الفصائل هجوماً», «الفصائل نفذت هجوماً»
            actor = [to_entity(m, kb) for m in _compound(ctx, _subject_start(ctx, own), own)]
        # «قصف مقار أحزاب كردية»: a name after a target noun owns the target, it does not act
        owned = genitive is not None and genitive.tokens[0] == last + 1 and any(
            a == last for a, _ in ctx.hits("target_nouns"))
        if genitive is not None:
            group = _compound(ctx, genitive, right)
            if owned:
                recipient = group
            # «اغتيال الولايات المتحدة للجنرال»: with an object in «لـ» the genitive acts
            elif not actor and (not patient or _object_with_lam(ctx, right[1:], genitive)):
                actor = [to_entity(m, kb) for m in group]
                if patient:  # … and the object after it is who was hit
                    after = [m for m in right if m.tokens[0] >= group[-1].tokens[1]]
                    if after and after[0].tokens[0] - group[-1].tokens[1] <= _RIGHT_WINDOW:
                        recipient = _compound(ctx, after[0], after)
            elif patient:
                recipient = group  # «مقتل الجنود», «اعتقال ناشطين»
            rest = [m for m in rest if m not in group]
        rest = _not_actor(rest, actor, kb)
        if not recipient and rest and rest[0].tokens[0] - last <= _RIGHT_WINDOW * 2:
            recipient = _compound(ctx, rest[0], right)
    else:
        rest = right
        object_from = last
        if left:
            actor = [to_entity(m, kb) for m in _compound(ctx, _subject_start(ctx, left), left)]
        elif pronoun_subject(ctx, first, clause_start) or circumstantial(ctx, first):
            pass  # «حمّلوا إيران المسؤولية»: the subject is a pronoun, what follows is the object
        elif right and right[0].tokens[0] - last <= _RIGHT_WINDOW and _subject_slot(
                ctx, last, right[0]):
            group = _compound(ctx, right[0], right)
            actor = [to_entity(m, kb) for m in group]
            rest = [m for m in right if m not in group]
            if etype == "CONSULT":  # the visitor after the host, where and when («استقبل
                # رئيس المجلس الرئاسي محمد المنفي في طرابلس، الأحد، المبعوث الأممي»)
                object_from = max(last, group[-1].tokens[1])
        rest = _not_actor(rest, actor, kb)
        if rest and rest[0].tokens[0] - object_from <= _RIGHT_WINDOW * 2:
            recipient = _compound(ctx, rest[0], rest)
    if passive_frame and nominal and not actor:
        # «تعرضت القاعدة لهجوم شنته الفصائل»: the nominal branch above already asked
        actor = relative_agent(ctx, last, last + 3, blocked, kb)
    if nominal and not actor and etype in SYMMETRIC and left and left[-1].tokens[1] == first and (
            toks[first].norm.startswith("ل")) and left[-1].actor_id:
        actor = [to_entity(left[-1], kb)]  # «استعداد دمشق للتعاون»: the name before «لـ» acts
    if not actor and etype == "ASSAULT":
        actor = _fire_owner(ctx, [m for m in right if m not in recipient], last, kb)
    if nominal and not recipient and (survivor := _survivor(ctx, clause_start, first)):
        recipient = [survivor]  # «نجا الكاظمي من محاولة اغتيال»
    if not recipient and not passive_frame and etype not in _VERDICTS:
        recipient = _target_user(ctx, right, last)  # «غارات على أهداف يستخدمها الحوثيون»
    if not recipient and not passive_frame:
        recipient = _pronoun_object(ctx, last, actor, blocked, kb)
    if not recipient and etype == "ASSAULT":  # «مواقع إسرائيلية»، «منشآت عسكرية في إيران»
        recipient = [m for m in ctx.mentions if last <= m.tokens[0] < min(
            nxt, last + _RIGHT_WINDOW * 2) and _military_target(ctx, m, kb)][:1]
    if etype == "ACCUSE" and (accused := _accused(ctx, last, right)):
        recipient = [accused]  # «الاتهامات الأمريكية بأن طهران دعمت الهجمات»
    elif not nominal and not passive_frame and etype in _VERDICTS:
        # «ندد بالضربات الأمريكية على الفصائل»: who is blamed is whoever struck
        recipient = _object_nationality(ctx, last, actor) or recipient
    elif not recipient and not passive_frame:
        # «استهدفت المصالح الأمريكية», «هجوم على منشآت إيرانية»: an unnamed object of one state
        # (a direct object only once the subject is behind: «أسقطت الدفاعات الأمريكية…»
        # has the nationality in its subject)
        recipient = [m for m in _object_nationality(ctx, last, actor)
                     if _aimed_at(ctx, m) or (not nominal and actor and all(
                         e.end <= m.start for e in actor))]
    if etype == "ASSAULT" and (manner := _manner(ctx, recipient, kb)):
        # «استهدف تفجيران انتحاريان مقر السفارة الإيرانية»: the bombers did it, the embassy's
        # state was hit
        recipient = [m for m in recipient if m not in manner]
        actor = actor or [to_entity(manner[0], kb)]
        after = [m for m in right if 0 <= m.tokens[0] - manner[0].tokens[1] <= 3
                 and (not nominal or _aimed_at(ctx, m))]
        if not recipient and not passive_frame and after:
            recipient = _compound(ctx, after[0], after)
    recipients = [_military_target(ctx, m, kb) if etype == "ASSAULT" else None
                  for m in recipient]
    recipients = [r or to_entity(m, kb, acting=etype not in _ON_PERSONS)
                  for r, m in zip(recipients, recipient, strict=True)]
    recipients = [r for r in recipients  # nobody acts on themselves
                  if not any(kb.related(r.id, a.id) if r.id and a.id else r.text == a.text
                             for a in actor)]
    return one_with_the_other(etype, actor, recipients)


def one_with_the_other(etype: str, actor: list[Entity],
                       recipient: list[Entity]) -> tuple[list[Entity], list[Entity]]:
    """«اتفقت إسرائيل وحماس»: a two-sided act with a compound subject and nobody else named
    is the first party's with the others."""
    if etype in SYMMETRIC and len(actor) >= 2 and not recipient:
        return actor[:1], actor[1:]
    return actor, recipient

"""Events: one per trigger that states an action, with every field filled by its extractor.

Order of work for each sentence: find triggers; fold a trigger that is the content of a
request, threat or agreement into it («هددت بشن هجمات» is one THREATEN, CODING.md rule 1);
fold neighbouring triggers of one type into one event («شن هجمات تستهدف»); then roles,
factuality, attribution, place, date, modes, counts; finally drop repeats of the same action
within the article (CODING.md rule 10).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from marsad.extract.attribution import find_reporting
from marsad.extract.context import SentenceContext, sentence_contexts
from marsad.extract.factuality import factuality
from marsad.extract.geo import listed_sites, locate
from marsad.extract.mentions import article_countries
from marsad.extract.roles import (
    SYMMETRIC,
    assign_roles,
    candidates,
    circumstantial,
    first_subject,
    held_persons,
    interception,
    nationals,
    nisba_agent,
    object_phrase,
    one_with_the_other,
    passive_voice,
    pronoun_subject,
    relative_agent,
    to_entity,
    unnamed_target,
)
from marsad.extract.time import Governed, choose_date, governed_dates, publication_span
from marsad.kb import KnowledgeBase
from marsad.kb.lexicon import TriggerMatch
from marsad.kb.matcher import PhraseMatcher
from marsad.model import Attribution, Doc, Entity, Event, Evidence, Mention, Place, TimeSpan
from marsad.text.clitics import object_stems, proclitic_forms
from marsad.text.normalize import norm, written
from marsad.text.numbers import one_person, read_number

_CONTENT_OF = {"REQUEST", "THREATEN", "AGREE", "REJECT"}  # types whose object can be an action
# frames whose content act is part of them: a truce «تتوقف بموجبها عن استهداف…» is one
# CONCEDE, arms supplied «بطائرات مسيرة» one AID. A denial is not one: what it denies is
# coded on its own (CODING.md rule 2).
_FOLDS = {"REQUEST", "THREATEN", "AGREE", "CONCEDE", "AID"}
_AIM_GAP = 2  # words between a purpose phrase and the aim it introduces
_FOLD_GAP = 4
_HISTORICAL_DAYS = 60
_MODE_WINDOW = 8
_HERE = frozenset({"فيه", "فيها", "خلاله", "خلالها", "جراءه", "جراءها"})
_NO_HARM = frozenset(norm(w) for w in ("إصابات", "إصابة", "ضحايا", "خسائر"))
_ARMED = frozenset({"MIL", "PRM", "REB", "UAF", "COP"})
_STATE_ORGANS = frozenset({"MIL", "COP", "GOV", "SPY", "JUD"})
_APPROX = frozenset({"اكثر", "نحو", "حوالي", "قرابه", "زهاء", "اقل"})


def find_triggers(doc: Doc, kb: KnowledgeBase) -> None:
    """Trigger words outside names and dates (the «حشد» of «الحشد الشعبي» is no
    mobilisation, the «فجر» of «فجر اليوم» no bombing)."""
    in_name = {i for m in doc.mentions if m.type not in ("AGENT", "NORP")
               for i in range(*m.tokens)}
    in_name.update(doc.time_tokens())
    words = [t.norm for t in doc.tokens]
    # a number word is no event word: «اثني عشر صاروخاً» is not «أثنى» (praise)
    found = [t for t in kb.triggers.match(doc.tokens)
             if in_name.isdisjoint(range(t.first, t.last)) and not _other_sense(doc, t, kb)
             and read_number(words, t.first) is None]
    sents = {doc.tokens[t.first].sent for t in found}
    ctxs = {c.index: c for c in sentence_contexts(doc, kb, only=sents)}
    doc.triggers = [t for t in found if not _not_reported(ctxs[doc.tokens[t.first].sent], t)]


def _not_reported(ctx: SentenceContext, t: TriggerMatch) -> bool:
    """An event word that reports no event (CODING.md rule 11, tests/gold/README.md "Not
    events"): in a question («من يقف وراء الاغتيالات؟»), a commentator's view or a fear
    («يرى محللون أن…», «تخشى … عقوبات»), a trend with no period («تراجعت الهجمات»), a kind
    of act described («الاغتيالات أصبحت أكثر شيوعاً»), a motive adverb («احتجاجاً على…»),
    or the speaker's own trip as the setting of what he says («قال الوزير خلال زيارته
    لروما»)."""
    end = ctx.doc.tokens[ctx.last - 1].norm if ctx.tokens else ""
    if end in ("؟", "?"):
        return True
    if ctx.cues_between("speculation", ctx.first, t.first):
        return True
    if any(a == t.first for a, _ in ctx.hits("motive")):
        return True
    if t.entries[0].type == "CONSULT" and _own_trip(ctx, t):
        return True
    if ctx.cues_between("trend", max(ctx.first, t.first - 1), t.first):
        return not any(ctx.first <= x.first_token < ctx.last for x in ctx.doc.time_expressions)
    return any(t.last <= a <= t.last + 5 and not _clause_between(ctx, t.last, a)
               for a, _ in ctx.hits("generic_predicates"))


def _claimed(ctx: SentenceContext, head: TriggerMatch) -> bool:
    """«وتبنت المقاومة الإسلامية في العراق الهجومين»: the trigger is the object of a claim
    verb earlier in its clause."""
    return any(head.first - b <= _FOLD_GAP * 2 and not _clause_between(ctx, b, head.first)
               for _, b in ctx.cues_between("claim_verbs", ctx.first, head.first))


def _points_back(ctx: SentenceContext, group: list[TriggerMatch]) -> bool:
    """A verb that tells again an act already named: its object is a pronoun for it
    («بعد أن وافقت الحكومة عليه»), or its setting is that act («وقتل ثمانية جنود آخرين
    في الهجوم»: a definite event noun after «في»)."""
    doc, head = ctx.doc, group[0]
    if _is_nominal(doc, head):
        return False
    end = min(ctx.last, head.last + _FOLD_GAP)
    if any(not _clause_between(ctx, head.last, a)
           for a, _ in ctx.cues_between("resumptive", head.last, end)):
        return True
    etype = head.entries[0].type
    return any(t.entries[0].type == etype and t.first > ctx.first and _is_nominal(doc, t)
               and any(f.startswith("ال") for _, f in proclitic_forms(doc.tokens[t.first].norm))
               and doc.tokens[t.first - 1].norm in _SETTING for t in group[1:])


_SETTING = frozenset({"في", "خلال", "اثناء"})


def _own_trip(ctx: SentenceContext, t: TriggerMatch) -> bool:
    """«خلال زيارته», «أثناء لقائها»: a meeting noun with a possessive pronoun after a
    setting preposition (the written «ه», not the «ة» of «زيارة»)."""
    toks = ctx.doc.tokens
    return (t.first > ctx.first and toks[t.first - 1].norm in _SETTING
            and bool(object_stems(toks[t.first].norm, written(toks[t.first].text))))


def _is_aim(ctx: SentenceContext, t: TriggerMatch) -> bool:
    """The aim of a purpose phrase («بهدف إرغامها على الانسحاب», «استعداداً لمعركة
    الموصل», «مبادرة لوقف إطلاق النار») or a topic («جدولة انسحاب القوات», «لإحياء
    الاتفاق»): not an event of its own. It still claims its words, so the place after it
    is not taken for another event."""
    if any(b == t.first for _, b in ctx.cues_between("topic", ctx.first, t.first)):
        return True
    return any(a <= t.first and t.first - b <= _AIM_GAP and not _clause_between(ctx, b, t.first)
               for a, b in ctx.cues_between("purpose", ctx.first, t.last))


def _clause_between(ctx: SentenceContext, start: int, end: int) -> bool:
    return any(ctx.is_break(i) for i in range(start, end))


def _other_sense(doc: Doc, t: TriggerMatch, kb: KnowledgeBase) -> bool:
    """A word that names violence in sport, markets or metaphor (``data/senses.yaml``)."""
    spec = kb.senses.get(t.entries[0].type)
    if spec is None:
        return False
    window, matcher = spec
    sent = doc.tokens[t.first].sent
    lo, hi = max(0, t.first - window), min(len(doc.tokens), t.last + window)
    near = [tok for tok in doc.tokens[lo:hi] if tok.sent == sent]
    return bool(matcher.match(near))


def _mode_matchers(kb: KnowledgeBase) -> dict[str, dict[str, PhraseMatcher]]:
    cached = getattr(kb, "_mode_matchers", None)
    if cached is None:
        cached = {}
        for etype, modes in kb.modes.items():
            for mode, words in modes.items():
                m = cached.setdefault(etype, {}).setdefault(mode, PhraseMatcher())
                for w in words:
                    m.add(w, mode)
        kb._mode_matchers = cached  # type: ignore[attr-defined]
    return cached


def _group(ctx: SentenceContext, triggers: list[TriggerMatch]) -> list[list[TriggerMatch]]:
    """Triggers of one action: an outcome («أسفر عن مقتل») joins the event before it; the
    content of a request or threat joins its frame; neighbours of one type within a clause
    join each other. A retaliation («رداً على هجمات») always starts a new event."""
    groups: list[list[TriggerMatch]] = []
    aside = _asides(ctx)
    for t in triggers:
        if groups:
            # the frame is the latest request, threat… of the sentence, else its first one
            head = next((g for g in (groups[-1], groups[0])
                         if g[0].entries[0].type in _FOLDS), groups[-1])
            prev = groups[-1][-1]
            between = range(prev.last, t.first)
            breaks = any(ctx.is_break(i) and i not in aside for i in between)
            fresh = bool(ctx.cues_between("new_event", prev.last, t.first))
            window = max(prev.last, t.first - 3)
            if ctx.cues_between("result", window, t.first) and not fresh and not (
                    ctx.cues_between("cause", window, t.first)
                    and t.entries[0].type != groups[-1][0].entries[0].type):
                groups[-1].append(t)
                continue
            same = t.entries[0].type == prev.entries[0].type
            gap = _FOLD_GAP * 2 if t.entries[0].type == "ASSAULT" else _FOLD_GAP
            if not breaks and not fresh and same and t.first - prev.last <= gap:
                groups[-1].append(t)
                continue
            if _in_condition(ctx, prev, t):
                groups[-1].append(t)  # «… إذا لم تنسحب»: the condition is no event of its own
                continue
            frame = head[0].entries[0].type
            # («أعلنت تقليص وجودها وسحب جزء من قواتها»: a withdrawal done alongside a
            # stand-down is an act of its own, tests/gold/sentences/README.md)
            done = frame == "CONCEDE" and t.entries[0].type == "RETREAT" and (
                ctx.doc.tokens[t.first].norm.startswith("و"))
            if (frame in _FOLDS and t.entries[0].type != frame and not fresh and not done and (
                    (not breaks and t.first - head[-1].last <= _FOLD_GAP * 2)
                    or _threatened_act(ctx, head, groups, t))):
                head.append(t)
                continue
        groups.append([t])
    return groups


def _asides(ctx: SentenceContext) -> set[int]:
    """Tokens of «، بينهم أربعة أطفال،»-style asides, with the commas around them."""
    return {i for a, b in ctx.set_off("breakdown") for i in range(a - 1, b + 1)}


def _in_condition(ctx: SentenceContext, prev: TriggerMatch, t: TriggerMatch) -> bool:
    """Whether ``t`` stands in the condition of the statement before it («ستضرب 52 موقعاً
    إذا هاجمت طهران…», «لوّحت بقصف القدس في حال لم ينسحب…»): a conditional cue between
    them. The condition is part of that statement (CODING.md rule 1), not a report."""
    return bool(ctx.cues_between("conditional", prev.last, t.first))


def _content_recipient(ctx: SentenceContext, group: list[TriggerMatch], etype: str,
                       clause_start: int, blocked: set[int], kb: KnowledgeBase) -> list[Entity]:
    """«لوحت الكتائب باستئناف الهجمات على القوات الأميركية»: a threat or request aimed at
    whoever its content act is aimed at."""
    for t in group[1:]:
        if t.entries[0].type == etype:
            continue
        _, rec = assign_roles(ctx, t.first, t.last, clause_start, blocked, kb,
                              t.entries[0].type, nominal=True)
        if rec:
            return rec
        if etype == "THREATEN" and (state := _aimed_state(ctx, t, kb)) is not None:
            return [state]
    return []


def _aimed_state(ctx: SentenceContext, t: TriggerMatch, kb: KnowledgeBase) -> Entity | None:
    """«ستضرب 52 موقعاً إيرانياً»، «لوّحت بقصف القدس وتل أبيب»، «توسيع عملياتها لتشمل المصالح
    الأمريكية»: a threatened act aimed at the sites, interests or cities of one state (a
    nationality or a place named within a few words of the act) threatens that state."""
    for m in ctx.mentions:
        if not t.last <= m.tokens[0] <= t.last + 4:
            continue
        country = (m.entity or {}).get("country") if m.type == "NORP" else None
        if m.type != "NORP" and m.place_id is not None:
            place = kb.places.get(m.place_id)
            country = place.country if place is not None and place.kind != "region" else None
        entry = kb.actor(kb.state_of.get(country or ""))
        if entry is not None:
            return entry.entity(m.text, m.start, m.end)
    return None


def _threatened_act(ctx: SentenceContext, head: list[TriggerMatch],
                    groups: list[list[TriggerMatch]], t: TriggerMatch) -> bool:
    """«لوحت الكتائب، إحدى الفصائل الموالية لإيران، باستئناف الهجمات»: the act in «بـ»
    (on the trigger or the word before it) after the frame verb's subject and its
    apposition is still the frame's content."""
    toks = ctx.doc.tokens
    words = [toks[i].norm for i in (t.first - 1, t.first) if i > head[-1].last]
    return (groups[-1] is head and any(w.startswith("ب") and len(w) > 3 for w in words)
            and t.first - head[-1].last <= _FOLD_GAP * 4
            and not ctx.cues_between("clause_openers", head[-1].last, t.first))


def _modes(ctx: SentenceContext, etype: str, group: list[TriggerMatch],
           kb: KnowledgeBase) -> list[str]:
    modes: list[str] = []
    for t in group:
        for e in t.entries:
            modes.extend(x for x in e.mode if e.type == etype)
    lo = max(ctx.first, group[0].first - _MODE_WINDOW)
    hi = min(ctx.last, group[-1].last + _MODE_WINDOW)
    window = ctx.doc.tokens[lo:hi]
    for mode, matcher in _mode_matchers(kb).get(etype, {}).items():
        if matcher.match(window, suffixes=True):
            modes.append(mode)
    return list(dict.fromkeys(modes))


def _counts(words: list[str], cues: dict[str, dict[int, int]],
            numbers: list[tuple[int, int] | None],
            start: int = 0) -> tuple[int | None, int | None]:
    """Killed and injured stated from word ``start`` on: a number right after a word of death
    or injury («مقتل ثلاثة جنود»، «قُتل 305 مصلين»، «أصيب خمسة آخرون»), or right before a noun
    of the dead or wounded («100 قتيل»، «ثلاثة جرحى»). ``cues`` maps each of cues.yaml's
    ``killed``/``injured`` to its phrases' word spans (start → end) in ``words``; ``numbers``
    is the number read at each word (``read_number``), read once per sentence."""
    if _no_casualties(words[start:]):
        return 0, 0
    out: list[int | None] = []
    for name in ("killed", "injured"):
        spans = cues.get(name, {})
        found = None
        for i in range(start, len(words)):
            if i in spans:
                j = spans[i]
                if j < len(words) and words[j] in _HERE:  # «الذي قُتل فيه نحو 1200 شخص»
                    j += 1
                if j < len(words) and words[j] in _APPROX:  # «أكثر من 40»، «نحو 1200»
                    j += 2 if j + 1 < len(words) and words[j + 1] == "من" else 1
                num = read_number(words, j) or one_person(words, j) or (
                    read_number(words, j + 1) if j + 1 < len(words) else None)  # «مدنيين اثنين»
            else:
                num = numbers[i]
                # «100 قتيل»، «800 مدني قُتلوا»: the cue right after the number or its noun
                # (not across «و»: «قُتل جنديان وأصيب خمسة» counts the soldiers as killed)
                if num is not None and not any(
                        k in spans and not words[k].startswith("و")
                        for k in (num[1], num[1] + 1)):
                    num = None
            if num is not None:
                found = num[0]
                break
        out.append(found)
    return out[0], out[1]


def _event_count(words: list[str], i: int,
                 numbers: list[tuple[int, int] | None]) -> int | None:
    """«أكثر من 40 هجوماً»، «شنت 300 هجوم»، «ثلاثة عمليات»: a number of more than one right
    before the event word (CODING.md rule 5: an aggregate with its ``count``, a lower bound
    for «أكثر من»)."""
    for j in (i - 1, i - 2):
        got = numbers[j] if 0 <= j < len(numbers) else None
        if got is not None and got[1] == i and got[0] > 1 and not words[j].startswith("و"):
            return got[0]
    return None


def _cue_spans(ctx: SentenceContext, name: str, kb: KnowledgeBase) -> dict[int, int]:
    """Word spans (start → end, from the sentence's first word) of cue list ``name``: its
    phrases, and its single words under any clitic («بقتل»: the phrase matcher peels only
    «و/ف» off a word of three letters)."""
    words = kb.__dict__.setdefault("_cue_words", {})
    if name not in words:
        matcher = kb.cues.get(name)
        words[name] = frozenset(k[0] for k in matcher if len(k) == 1) if matcher else frozenset()
    spans = {a - ctx.first: b - ctx.first for a, b in ctx.hits(name)}
    for i, tok in enumerate(ctx.tokens):
        if i not in spans and any(f in words[name] for _, f in proclitic_forms(tok.norm)):
            spans[i] = i + 1
    return spans


def _victims(ctx: SentenceContext, words: list[str], cues: dict[str, dict[int, int]],
             numbers: list[tuple[int, int] | None], start: int, blocked: set[int],
             actor: list[Entity], kb: KnowledgeBase) -> list[Entity]:
    """«ما أدى إلى مقتل أربعة مدنيين»، «أسفر عن مقتل جنديين أمريكيين»: when the text names no
    target, those the attack killed or wounded (counted or not) are who it hit. Only a name
    right after the word of death or injury and its number counts («مقتل 23 شخصاً» names
    nobody). ``words``, ``cues`` and ``numbers`` are the sentence's, read once for its
    casualty counts (``_counts``)."""
    pool = [m for m in candidates(ctx, blocked)
            if not any(a.start == m.start or (a.id and a.id == m.actor_id) for a in actor)]
    for name in ("killed", "injured"):
        for i, j in sorted(cues.get(name, {}).items()):
            if i < start:
                continue
            while j < len(words) and (words[j] in _APPROX or words[j] == "من"):
                j += 1
            at = {j}  # the name itself, or after its number («جنديين» is both)
            if j < len(words) and numbers[j] is not None:
                k = numbers[j][1]
                at |= {k, k + 1} if k < len(words) and words[k] == "من" else {k}
                if k + 2 < len(words) and words[k + 1] == "من":
                    at.add(k + 2)  # «11 عنصراً من الشرطة الإيرانية»: members of a body
            hit = next((m for m in pool if m.tokens[0] - ctx.first in at), None)
            if hit is not None:
                return [to_entity(hit, kb)]
            counted = next((m for m in ctx.mentions if m.type == "NORP" and m.tokens[0]
                            - ctx.first in at - {j}), None)
            if counted is not None:  # «ما أدى إلى مقتل ثلاثة فلسطينيين»
                return nationals(counted, kb)
    return []


def _victim_phrase(ctx: SentenceContext, words: list[str], cues: dict[str, dict[int, int]],
                   numbers: list[tuple[int, int] | None], start: int,
                   kb: KnowledgeBase) -> Entity | None:
    """«قُتل تسعة سياح عراقيين», «أصيب شاب فلسطيني»: the unnamed dead or wounded, as text,
    when the first word of death or injury names who they were; «مقتل 23 شخصاً» and
    «أصيب ستة آخرون» say nobody (cues.yaml ``anyone``)."""
    spans = sorted((i, j) for name in ("killed", "injured")
                   for i, j in cues.get(name, {}).items() if i >= start)
    if not spans:
        return None
    j = spans[0][1]
    while j < len(words) and words[j] in _APPROX:
        j += 1
    noun = numbers[j][1] if j < len(words) and numbers[j] is not None else j
    if noun >= len(words) or any(a == ctx.first + noun for a, _ in ctx.hits("anyone")):
        return None
    phrase = object_phrase(ctx, ctx.first + j, kb)
    if phrase is None or phrase.tokens[1] <= ctx.first + noun:
        return None
    after = phrase.tokens[1]
    named = next((m for m in ctx.mentions if m.tokens[0] in (after, after + 1)), None)
    if named is not None and ((named.type == "PER" and named.tokens[0] == after) or (
            named.tokens[0] == after + 1 and ctx.doc.tokens[after].norm in ("في", "من"))):
        return to_entity(named, kb, acting=False)  # «مقتل أمينه العام حسن نصر الله»
    if named is not None and named.type == "NORP" and named.tokens[0] == after:
        text, s, e = ctx.text(phrase.tokens[0], named.tokens[1])  # «تسعة سياح عراقيين»
        return Entity(None, None, None, text, s, e)
    return to_entity(phrase, kb)


def _captor(ctx: SentenceContext, first: int, kb: KnowledgeBase) -> list[Entity]:
    """«أعلنت قوات الدعم السريع سيطرتها على مدينة سنجة بعد معارك»، «سيطرت الهيئة على حلب بعد
    هجوم خاطف»: a battle told after «بعد» a capture (cues.yaml ``capture``) was fought by
    the armed body that took the ground, also when it is the one announcing it."""
    after = [a for a, _ in ctx.hits("new_event") if a < first and ctx.doc.tokens[a].norm == "بعد"]
    if not after or first - after[-1] > 2:
        return []
    took = [(a, b) for a, b in ctx.hits("capture") if a < after[-1]]
    if not took:
        return []
    subject = first_subject(ctx, ctx.first, after[-1], set())
    # the captor is named before the capture, or right after its verb («دخلت فصائل…»)
    if subject and (subject[0].tokens[0] < took[0][0] or subject[0].tokens[0] == took[0][1]) \
            and _armed(subject, kb):
        return [to_entity(m, kb) for m in subject]
    return []


def _armed(mentions: list[Mention], kb: KnowledgeBase) -> bool:
    """Every one of ``mentions`` is an armed body (forces, militias, rebels, gunmen, police)."""
    return all((e := kb.actor(m.actor_id)) is not None and e.sector in _ARMED for m in mentions)


def _no_casualties(words: list[str]) -> bool:
    """«لم يسفر القصف … عن إصابات», «دون وقوع إصابات»: none killed or hurt (CODING.md rule 3
    keeps the attack asserted). «دون ورود معلومات عن إصابات» says nothing: unknown."""
    for i, w in enumerate(words):
        if w in _NO_HARM and i > 0 and words[i - 1] in ("عن", "وقوع", "دون", "بدون", "اي"):
            before = words[max(0, i - 12):i]
            if any(b in ("لم", "دون", "بدون", "لا") for b in before) and "معلومات" not in before:
                return True
    return False


def _assassinated(ctx: SentenceContext, group: list[TriggerMatch], etype: str,
                  recipient: list[Entity]) -> int | None:
    """How many named people an assassination («اغتال»، «اغتيال») killed: each of them, when
    every target is a person; ``None`` for an attempt on them or anything else."""
    if etype != "ASSAULT" or not recipient:
        return None
    head = ctx.doc.tokens[group[0].first].norm
    if not any(f.startswith(("اغتيال", "اغتال")) for _, f in proclitic_forms(head)):
        return None
    if group[0].first > ctx.first and ctx.doc.tokens[group[0].first - 1].norm.endswith("محاوله"):
        return None  # «محاولة اغتيال»
    people = {m.start for m in ctx.mentions if m.type == "PER"}
    return len(recipient) if all(r.start in people for r in recipient) else None


def _is_historical(ctx: SentenceContext, first: int, when: TimeSpan, pub: str | None) -> bool:
    if ctx.cues_between("historical", max(ctx.first, first - 3), first):
        return True
    if pub and when.end and when.basis != "publication":
        try:
            gap = date.fromisoformat(pub[:10]) - date.fromisoformat(when.end)
        except ValueError:
            return False
        return gap.days > _HISTORICAL_DAYS
    return False


def build_events(doc: Doc, kb: KnowledgeBase) -> None:
    by_sent: dict[int, list[TriggerMatch]] = {}
    for t in doc.triggers:
        by_sent.setdefault(doc.tokens[t.first].sent, []).append(t)
    events: list[Event] = []
    claims: set[int] = set()  # ids of the events that are the object of a claim
    fresh: set[int] = set()  # ids of the events a retaliation, «فيما»… sets apart in a sentence
    back: set[int] = set()  # ids of the events that tell again an act named before them
    for ctx in sentence_contexts(doc, kb, only=set(by_sent)):
        prev: tuple[int, Event] | None = None
        groups = _group(ctx, by_sent.get(ctx.index, []))
        dates = governed_dates(doc, ctx.first, ctx.last,
                               [(g[0].first, max(t.last for t in g)) for g in groups],
                               ctx.is_break, [_is_nominal(doc, g[0]) for g in groups])
        for n, (group, governed) in enumerate(zip(groups, dates, strict=True)):
            own = group[0].entries[0].type
            # the content of a frame («اتفاقاً يمهد لانسحاب … من أفغانستان») has its own place
            others = [(t.first, t.last, t.entries[0].type, _is_nominal(ctx.doc, t))
                      for g in groups for t in g if g is not group or t.entries[0].type != own]
            if _is_aim(ctx, group[0]):
                continue
            ev = _event(ctx, group, kb, governed, others)
            if ev is None:
                continue
            if prev is not None:
                _shared_subject(ctx, group[0], ev, *prev)
            if not ev.actor and _reciprocal(ctx, group[0], own):
                ev.actor, ev.recipient = _parties(events)  # «اتفق الجانبان»
            if not ev.nominal:
                prev = (group[0].last, ev)
            if _claimed(ctx, group[0]):
                claims.add(id(ev))
            if n and ctx.cues_between("apart", groups[n - 1][-1].last, group[0].first):
                fresh.add(id(ev))
            if _points_back(ctx, group):
                back.add(id(ev))
            events.append(ev)
            events.extend(_per_site(ctx, ev, kb))
        _claims(ctx, events, kb)
        here = doc.sentences[ctx.index].start
        for k, ev in enumerate(events):
            if ev.nominal and not ev.actor and (charge := _accusation_of(ev, events[:k])):
                if ev.event_type == "AID":  # a supply is told as the accused's own act
                    ev.actor = list(charge.recipient)
                else:  # only the accusation names who did it (CODING.md rule 8)
                    ev.attribution = [*ev.attribution, *(Attribution(
                        "accused_by", a.text, (e := kb.actor(a.id)) and e.record(), a.start,
                        a.end) for a in charge.actor)]
            if ev.recipient or ev.evidence.start != here:
                continue
            if ev.event_type == "THREATEN":
                ev.recipient = _retaliation_target(ctx, ev, events[:k], kb)
            elif ev.event_type == "REJECT" and not ev.nominal:
                ev.recipient = _accuser(ev, events, kb)
            if not ev.recipient and ev.event_type in ("REJECT", "SUPPORT"):
                ev.recipient = _decision_author(ctx, ev, events[:k], kb)
    if any(kb.agents.get(e.id or "") for ev in events for e in ev.actor + ev.recipient):
        countries = article_countries(doc, kb)
        for ev in events:
            ev.actor = [_localised(e, ev, doc, kb, countries) for e in ev.actor]
            ev.recipient = [_localised(e, ev, doc, kb, countries) for e in ev.recipient]
    doc.events = _dedupe(events, kb, claims, fresh, back)
    for ev in doc.events:
        if not ev.recipient and ev.unnamed_target is not None:
            ev.recipient = [ev.unnamed_target]
    _lead_places(doc.events)


# acts that happen somewhere (not statements, which are located only where the text says)
_PHYSICAL = frozenset({"ASSAULT", "COERCE", "RETREAT", "PROTEST", "MOBILIZE", "AGREE"})


def _lead_places(events: list[Event]) -> None:
    """A follow-up sentence that names no place goes on where the article's earlier act
    happened («اندلعت اشتباكات في حي أبوسليم بطرابلس… وأعلن الأعيان التوصل إلى اتفاق»): ACLED
    codes the report's location. Background acts and statements inherit nothing."""
    for ev in events:
        if ev.location is not None or ev.event_type not in _PHYSICAL or ev.historical:
            continue
        earlier = [k for k in events if k.location is not None and not k.historical
                   and k.evidence.start < ev.evidence.start and k.event_type in _PHYSICAL]
        if earlier:
            ev.location = earlier[-1].location


def _claims(ctx: SentenceContext, events: list[Event], kb: KnowledgeBase) -> None:
    """«تبنت المقاومة الإسلامية الهجوم», «هجوم … تبناه الحوثيون» (CODING.md rule 8): the
    claimant — the name right after the claim verb, else the subject before it — is the actor
    of the attack claimed: the one named in this sentence, else the latest one reported in
    the sentence before; the claim is kept as attribution ``claimed_by``."""
    for a, b in ctx.hits("claim_verbs"):
        named = [m for m in candidates(ctx, set()) if m.type != "AGENT"]
        claimant = next((m for m in named if b <= m.tokens[0] < b + 4), None) or next(
            (m for m in reversed(named) if a - 3 <= m.tokens[1] <= a), None)
        if claimant is None:
            continue
        start = ctx.doc.tokens[a].start
        here = [e for e in events if e.event_type == "ASSAULT"
                and e.evidence.start == ctx.doc.sentences[ctx.index].start]
        before = [e for e in events if e.event_type == "ASSAULT" and e.evidence.end <= start
                  and e not in here][-1:]
        who = to_entity(claimant, kb)
        for ev in here or before:
            if ev.factuality != "asserted":
                continue
            if not ev.actor or all(e.generic for e in ev.actor):
                ev.actor = [_as_military(who, kb)]
            ev.attribution = [*ev.attribution, Attribution(
                "claimed_by", claimant.text, claimant.entity, claimant.start, claimant.end)]


def _crowd(ctx: SentenceContext, first: int, last: int, kb: KnowledgeBase) -> list[Entity]:
    """«تظاهر آلاف اللبنانيين»، «خرج الآلاف»: a crowd right after (or before) the verb is the
    protest's actor, as a text-only civilian entity (its words up to a preposition or a
    break, at most three after the number)."""
    toks = ctx.doc.tokens
    for a, b in ctx.hits("crowds"):
        if not (last <= a <= last + 2 or b == first):
            continue
        end = b
        while end < min(b + 3, ctx.last) and not ctx.is_break(end) and not (
                toks[end].norm in ("في", "الى", "على", "قرب", "امام", "عند", "من")
                or toks[end].norm[:1] in "بل" or toks[end].norm in ("اليوم", "امس")):
            end += 1
        text, s, e = ctx.text(a, end)
        # «آلاف المتظاهرين», «مئات من أهالي الفلوجة»: the crowd is of the civilian agent word
        # it names (not «آلاف من أنصار الفصائل»: supporters are not the factions)
        who = next((kb.actor(m.actor_id) for m in ctx.mentions if m.type == "AGENT"
                    and a <= m.tokens[0] < end), None)
        if who is not None and who.sector == "CVL":
            return [who.entity(text, s, e)]
        return [Entity(None, "Crowd", None, text, s, e, "CVL", None, True)]
    return []


def _reciprocal(ctx: SentenceContext, t: TriggerMatch, etype: str) -> bool:
    """«اتفق الجانبان», «الجانبين اتفقا», «اتفاق أُبرم بين الطرفين», «الاشتباكات بين
    الطرفين»: the two parties are the subject of an agreement, meeting or cooperation, right
    before or a few words after its word, or the two sides of a clash."""
    return any(t.first - 2 <= a and b <= t.last + 3 and not any(
        ctx.is_break(i) for i in range(min(a, t.first), max(b, t.last))) and (
        etype in SYMMETRIC or (etype == "ASSAULT" and ctx.doc.tokens[a - 1].norm == "بين"))
        for a, b in ctx.hits("reciprocal"))


def _parties(earlier: list[Event]) -> tuple[list[Entity], list[Entity]]:
    """The two parties the article named last: the two actors of a joint act («تبادل الأسرى
    بين الحكومة والحوثيين»), else the actor and the recipient of the latest event that names
    both (the host and his visitor)."""
    for ev in reversed(earlier):
        named = [e for e in ev.actor if e.id]
        if len(named) < 2:
            named += [e for e in ev.recipient if e.id][:1]
        if len(named) >= 2 and named[0].id != named[1].id:
            return [replace(named[0])], [replace(named[1])]
    return [], []


def _accuser(ev: Event, events: list[Event], kb: KnowledgeBase) -> list[Entity]:
    """«نفت طهران أي صلة بالهجمات، رداً على اتهامات وجهها وزير الدفاع الأمريكي»: a denial
    answers the accusation told in its sentence (or the one just before): its accuser."""
    for other in events:
        if other.event_type != "ACCUSE" or not other.actor or other is ev:
            continue
        if other.evidence.start != ev.evidence.start and not (
                0 < ev.evidence.start - other.evidence.end <= 2):
            continue
        if _allied(other.actor, ev.actor, kb):
            continue
        return list(other.actor)
    return []


def _allied(a: list[Entity], b: list[Entity], kb: KnowledgeBase) -> bool:
    """Some named actor of ``a`` is, or belongs with, one of ``b``: the same side."""
    return any(kb.related(x.id, y.id) for x in a for y in b if x.id and y.id)


def _accusation_of(ev: Event, earlier: list[Event]) -> Event | None:
    """«اتهمت الأمم المتحدة قوات الدعم السريع بقتل 120 مدنياً»، «اتهم بري إسرائيل بخرق
    الاتفاق»: the accusation just before an act in its sentence names who did it (a supply,
    «بتزويد الفصائل», may follow further on). ``None`` when another act stands between."""
    for other in reversed(earlier):
        if other.evidence.start != ev.evidence.start:
            return None
        if (other.evidence.trigger_start or 0) >= (ev.evidence.trigger_start or 0):
            continue
        if other.event_type == "ACCUSE" and other.recipient:
            at = ev.evidence.start
            gap = ev.evidence.sentence[max(r.end or 0 for r in other.recipient) - at:
                                       (ev.evidence.trigger_start or 0) - at]
            return other if ev.event_type == "AID" or len(gap.split()) <= 3 else None
        if ev.event_type != "AID":
            return None
    return None


def _decision_author(ctx: SentenceContext, ev: Event, earlier: list[Event],
                     kb: KnowledgeBase) -> list[Entity]:
    """«فرض مجلس الأمن عقوبات… ورحبت الحكومة بالقرار»، «ورفضت قوات الدعم السريع القرار»: a
    welcome or a rejection of the decision, step or operation told before (cues.yaml
    ``decision_words``, right after the verb) answers whoever took it; a state's army
    acting is the state («رحبت دمشق بالعملية» after a US strike)."""
    doc = ctx.doc
    end = max([ev.evidence.trigger_end or ev.evidence.end]  # after a subject that follows
              + [e.end or 0 for e in ev.actor])
    after = [t for t in doc.tokens[:ctx.last] if t.start >= end][:2]
    words = kb.cues.get("decision_words")
    if words is None or not any(words.get(f) for t in after for _, f in proclitic_forms(t.norm)):
        return []
    for other in reversed(earlier):
        if other.event_type in ("REJECT", "SUPPORT", "ACCUSE") or not other.actor:
            continue
        if _allied(other.actor, ev.actor, kb):
            continue
        return [_as_state(e, kb) for e in other.actor]
    return []


def _retaliation_target(ctx: SentenceContext, ev: Event, earlier: list[Event],
                        kb: KnowledgeBase) -> list[Entity]:
    """«…هجوم تبناه الحوثيون، وتوعدت الإمارات بالرد»: a vow to retaliate (cues.yaml
    ``retaliation`` after the trigger) is aimed at whoever carried out the latest attack
    reported before it, in this sentence or the one before."""
    doc = ctx.doc
    trigger = ev.evidence.trigger_start or ev.evidence.start
    if not any(doc.tokens[a].start >= trigger for a, _ in ctx.hits("retaliation")):
        return []
    # an event's evidence starts where its sentence does
    sentence_at = {s.start: k for k, s in enumerate(doc.sentences)}
    for other in reversed(earlier):
        if other.event_type != "ASSAULT" or not other.actor:
            continue
        if ctx.index - sentence_at.get(other.evidence.start, ctx.index) > 1:
            break
        if _allied(other.actor, ev.actor, kb):
            continue  # its own attack is no target
        return list(other.actor)
    return []


def _localised(e: Entity, ev: Event, doc: Doc, kb: KnowledgeBase,
               countries: set[str]) -> Entity:
    """An unqualified state agent («قوات الأمن», «الجيش», «الفصائل المسلحة») is the body
    of the country the article just named it for («الجيش الإسرائيلي … وقال الجيش»), else of
    the country where the event happened, else of the article's only country (as ACLED codes
    unnamed police as "Police Forces of <country>"). Agents flagged ``national`` only."""
    agent = kb.agents.get(e.id or "")
    if agent is None or not agent.national:
        return e
    named = None
    if agent.sector in ("MIL", "COP", "PRM"):
        # armed forces and police refer back to a named one; «الفصائل» to the groups of
        # factions named before («الفصائل المدعومة من إيران … وتستمر الفصائل»)
        earlier = [m for m in doc.mentions if m.end <= e.start and m.type != "AGENT"
                   and (a := kb.actor(m.actor_id)) is not None and a.sector == agent.sector
                   and a.generic == (agent.sector == "PRM")]
        named = kb.actor(earlier[-1].actor_id) if earlier else None
    if named is None:
        iso3 = (ev.location.country if ev.location else None) or (
            next(iter(countries)) if len(countries) == 1 else None)
        if not iso3:
            return e
        kb_id, rec = kb.national_agent(agent, iso3)
        named = kb.actor(kb_id)
        if named is None and agent.sector in _STATE_ORGANS:
            # no such body in the knowledge base: the state organ of that country
            return Entity(kb_id, rec["name_en"], rec["name_ar"], e.text, e.start, e.end,
                          agent.sector, iso3, True)
        if named is None:
            return e  # factions are not a state's: the word stays generic
    return named.entity(e.text, e.start, e.end)


def _shared_subject(ctx: SentenceContext, head: TriggerMatch, ev: Event, prev_last: int,
                    prev: Event) -> None:
    """«ونفى المبعوث … الاتهامات، وندد بالضربات»: a verb joined by «و» with no subject of its
    own shares the subject of the verb before it in the sentence."""
    if ev.nominal or prev.nominal or not prev.actor:
        return
    if circumstantial(ctx, head.first):
        # «أعلنت السعودية والإمارات قطع علاقاتها مع قطر، متهمةً الدوحة…»; a participle after
        # reported words is the speaker's, found with the event
        if find_reporting(ctx, head.first).clause_start > ctx.first:
            return
    elif not ctx.doc.tokens[head.first].norm.startswith("و"):
        return
    start = prev_last
    for i in range(prev_last, head.first):
        if ctx.is_break(i):
            start = i  # only this verb's own clause can hold its subject
    own = [m for m in ctx.mentions if start <= m.tokens[0] < head.first
           and m.actor_id and m.type != "NORP"]
    if own:
        return  # a subject stands between the two verbs
    taken = {e.id for e in prev.actor}
    ev.recipient = [r for r in ev.recipient if r.id not in taken] or (
        ev.actor if ev.actor and ev.actor[0].id not in taken and not circumstantial(
            ctx, head.first) else [])
    ev.actor = list(prev.actor)


def _event(ctx: SentenceContext, group: list[TriggerMatch], kb: KnowledgeBase,
           governed: list[Governed],
           others: list[tuple[int, int, str, bool]] | None = None) -> Event | None:
    """``governed``: the dates the sentence's clauses give this event; ``others``: trigger
    spans of the sentence's other events (they claim their places)."""
    doc = ctx.doc
    head = group[0]
    etype = head.entries[0].type
    first, last = head.first, max(t.last for t in group if t.entries[0].type == etype)
    rep = find_reporting(ctx, first)
    # a participle set off by a comma acts as a verb: «، داعياً السلطات إلى…»
    nominal = _is_nominal(doc, head) and not circumstantial(ctx, first)
    # roles hang on the head word; the folded words only widen the evidence
    patient = any((e.genitive if nominal else e.subject) == "patient"
                  for e in head.entries if e.type == etype and (e.pos == "noun") == nominal)
    clause_start = rep.clause_start
    if not nominal and _opens_clause(ctx, first):
        clause_start = max(clause_start, first)
    actor, recipient = assign_roles(ctx, first, head.last, clause_start, rep.blocked, kb,
                                    etype, nominal, patient)
    if not actor and (nominal or patient or passive_voice(ctx, first)):
        # «قُتل 12 مدنياً في قصف مدفعي نفذته قوات الدعم السريع»: the support verb after the
        # event's last word names who did it
        for t in group:  # after any of the event's words («قُتل…، في قصف نفذته…»)
            actor = actor or relative_agent(ctx, t.last, t.last + 4, rep.blocked, kb)
    if not actor and not nominal and etype == "ASSAULT" and not passive_voice(ctx, first):
        # «استهدفت مسيّرة إسرائيلية سيارة», «قصفت غارة أمريكية»: the weapon or strike that
        # is the verb's subject carries its owner's nationality
        weapon = next((b for a, b in ctx.hits("projectiles") if a == head.last), None) or next(
            (t.last for t in ctx.doc.triggers if t.first == head.last and _is_nominal(doc, t)
             and t.entries[0].type == "ASSAULT"), None)
        if weapon is not None and (nisba := nisba_agent(ctx, weapon, etype, kb)):
            actor = [to_entity(nisba[0], kb, nisba[1])]
            recipient = [r for r in recipient if r.start != nisba[0].start]
    for t in group[1:]:  # «مقتل أمينه العام في الغارات الإسرائيلية»: a later word's nationality
        if not actor and t.entries[0].type == etype and _is_nominal(doc, t) and not any(
                e.genitive == "patient" for e in t.entries) and (
                nisba := nisba_agent(ctx, t.last, etype, kb)):
            actor = [to_entity(nisba[0], kb, nisba[1])]
    near = max(ctx.first, first - 3)
    if not actor and nominal and ctx.cues_between("result", near, first) and not \
            ctx.cues_between("cause", near, first):
        # «ألقت مروحيات تابعة للجيش براميل متفجرة على حي…، ما أدى إلى مقتل»: the outcome of
        # an act no event word names is that act's, done by its armed subject
        subject = first_subject(ctx, rep.clause_start, first, rep.blocked)
        if subject and _armed(subject, kb):
            actor = [to_entity(m, kb) for m in subject]
            recipient = _others(recipient, actor)
    if not actor and nominal and etype == "CONSULT" and any(
            b == first and (ctx.is_break(a - 1) or any(m.tokens[1] == a for m in ctx.mentions))
            for a, b in ctx.hits("setting_prepositions")):
        # «بحث الوزير في اتصال هاتفي مع نظيره», «اتفق الرئيسان، خلال محادثات»: the talks
        # the clause's subject held (not «دعا إلى الانخراط في مفاوضات»)
        actor = [to_entity(m, kb) for m in first_subject(ctx, rep.clause_start, first,
                                                          rep.blocked)]
        actor, recipient = one_with_the_other(etype, actor, _others(recipient, actor))
    if not actor and nominal and etype == "ASSAULT":
        actor = _captor(ctx, first, kb)
        recipient = _others(recipient, actor)
    reported = circumstantial(ctx, first) and rep.clause_start > ctx.first
    if not actor and reported:
        # «قالت الشبكة إن 800 مدني قُتلوا…، محمّلةً مجموعات مسلحة المسؤولية»: the speaker,
        # never a name inside the words reported
        actor = _reporter_as_actor(rep.attributions, kb, doc.tokens[first].start)
    elif not actor and not nominal and clause_start > rep.clause_start:
        # «أعلنت الفصائل انتهاء الهدنة، وهدّدت بشنّ هجمات»: the coordinated verb keeps the
        # subject of the clause it continues
        subject = first_subject(ctx, rep.clause_start, first, rep.blocked)
        if subject:
            actor = [to_entity(m, kb) for m in subject]
            recipient = _others(recipient, actor)
    crowd = _crowd(ctx, first, head.last, kb) if etype == "PROTEST" else []
    if crowd and (not actor or all(e.start >= crowd[0].start for e in actor)):
        actor = crowd  # «تظاهر آلاف من أنصار الفصائل»: the crowd, not a name inside or after it
    if not recipient and etype in _CONTENT_OF:
        recipient = _content_recipient(ctx, group, etype, clause_start, rep.blocked, kb)
    if not actor and not passive_voice(ctx, first) and pronoun_subject(
            ctx, first, rep.clause_start):
        # «قال مسؤولون أميركيون إنهم…»
        actor = _reporter_as_actor(rep.attributions, kb, doc.tokens[first].start)
    stopped = (interception(ctx, first, head.last, clause_start, actor, kb)
               if etype == "ASSAULT" else None)
    if stopped is not None:
        actor, recipient = stopped[0], [_as_military(e, kb) for e in stopped[1]]
    if etype in ("ASSAULT", "MOBILIZE") or (etype == "RETREAT" and any(
            first <= a <= head.last + 4 for a, _ in ctx.hits("troops"))):
        actor = [_as_military(e, kb) for e in actor]
    elif etype in _STATEMENTS:
        actor = [_as_state(e, kb) for e in actor]
    recipient = _others(recipient, actor)
    if etype == "MOBILIZE":  # «نشر سفن حربية»: what is deployed is the actor's own
        recipient = [r for r in recipient if not (r.generic and r.sector == "MIL")]
    used = {e.start for e in actor + recipient}
    roles = [m.tokens for m in ctx.mentions if m.start in used]
    hit = {e.start for e in recipient}
    targets = [m.tokens for m in ctx.mentions if m.start in hit]
    fact, condition = factuality(ctx, first, etype, rep.clause_start, head.via == "lemma")
    sent = doc.sentences[ctx.index]
    t_s, t_e = doc.tokens[first].start, doc.tokens[last - 1].end
    done = fact in ("asserted", "negated") and doc.published
    when = choose_date(governed, etype, rep.blocked, doc.published[:10] if done else None
                       ) or publication_span(doc)
    cached = ctx.__dict__.get("_casualty_cues")
    if cached is None:
        words = [t.norm for t in ctx.tokens]
        cached = ctx.__dict__["_casualty_cues"] = (
            words, {name: _cue_spans(ctx, name, kb) for name in ("killed", "injured")},
            [read_number(words, i) for i in range(len(words))])
    words, cues, numbers = cached
    # the count after the event's own word first («مقتل 17 جندياً، فيما أعلن الجيش مقتل 100»)
    killed, hurt = _counts(words, cues, numbers, first - ctx.first)
    if killed is None and hurt is None:
        killed, hurt = _counts(words, cues, numbers)
    if killed is None:  # «اغتال مسلحون الخبير هشام الهاشمي»: an assassination kills its target
        killed = _assassinated(ctx, group, etype, recipient)
    ev = Event(
        article_id=doc.id, event_type=etype,
        evidence=Evidence(doc.clean_text[sent.start:sent.end], sent.start, sent.end,
                          doc.clean_text[t_s:t_e], t_s, t_e),
        mode=_modes(ctx, etype, group, kb), factuality=fact, condition=condition,
        actor=actor, recipient=recipient,
        location=locate(ctx, first, head.last, rep.blocked, kb, roles, others, targets, etype,
                        tail=last),
        date=when, attribution=rep.attributions,
        fatalities=killed if etype == "ASSAULT" else None,
        injured=hurt if etype == "ASSAULT" else None, nominal=nominal,
    )
    if etype == "ASSAULT" and fact == "future" and actor:
        # an armed actor announcing its own attacks threatens them (CODING.md rule 1)
        ev.event_type, ev.factuality = "THREATEN", "asserted"
        ev.mode = ["violence"]
    if etype in ("ASSAULT", "PROTEST") and not recipient and ev.location is not None:
        # an attack on a base hits its forces; a protest at an embassy targets its state
        ev.recipient = [_acting(e, kb) if etype == "PROTEST" else e
                        for e in _site_hosts(ev.location, kb)]
    if etype == "ASSAULT" and not ev.recipient:
        ev.recipient = _victims(ctx, words, cues, numbers, first - ctx.first, rep.blocked,
                                actor, kb)
    if etype == "ASSAULT" and not ev.recipient and stopped is None:
        ev.unnamed_target = _victim_phrase(ctx, words, cues, numbers, first - ctx.first, kb) \
            or unnamed_target(ctx, first, last, nominal, actor, kb)
    elif etype in ("COERCE", "RETREAT") and not ev.recipient:
        ev.unnamed_target = held_persons(ctx, first, last, actor, kb)
    ev.definite = nominal and any(f.startswith("ال") for _, f in proclitic_forms(
        doc.tokens[first].norm))
    head_word = doc.tokens[first].norm
    ev.count = _event_count(words, first - ctx.first, numbers) if etype == "ASSAULT" else None
    ev.aggregate = etype == "ASSAULT" and (
        head_word.endswith(("ات", "اتها", "اتهم")) or ev.count is not None)
    ev.historical = _is_historical(ctx, first, when, doc.published)
    ev.confidence = min(0.95, 0.3 + 0.25 * bool(actor) + 0.15 * bool(recipient)
                        + 0.1 * bool(ev.location) + 0.1 * (when.basis in ("explicit", "relative"))
                        + 0.05 * (head.via == "phrase"))
    return ev


def _others(recipient: list[Entity], actor: list[Entity]) -> list[Entity]:
    """The recipients that are not one of the actors: nobody acts on themselves."""
    acting = {a.id for a in actor}
    return [r for r in recipient if r.id is None or r.id not in acting]


def _opens_clause(ctx: SentenceContext, first: int) -> bool:
    """The verb at ``first`` starts a clause of its own: right after a comma or a clause
    opener («، وتوعدت الإمارات»، «فيما نفت القوات»), so its subject follows it."""
    if first <= ctx.first:
        return False
    if ctx.is_break(first - 1):
        return True
    return any(b == first for _, b in ctx.hits("clause_openers"))


def _acting(e: Entity, kb: KnowledgeBase) -> Entity:
    entry = kb.actor(kb.acting_body(e.id))
    if entry is None:
        return e
    return entry.entity(e.text, e.start, e.end)


def _site_hosts(place: Place, kb: KnowledgeBase) -> list[Entity]:
    """An attack on a base hits the forces based there (CODING.md rule 9: «تعرضت قاعدة التنف
    لهجوم» → the coalition forces at al-Tanf), as the knowledge base's ``hosts`` lists them."""
    entry = kb.place(place.gazetteer_id)
    out = []
    for host in entry.hosts if entry else []:
        a = kb.actor(host)
        if a is not None:
            out.append(a.entity(place.text, place.start, place.end))
    return out


def _per_site(ctx: SentenceContext, ev: Event, kb: KnowledgeBase) -> list[Event]:
    """Copies of an attack for each further site listed with its own («قواعد X وY وZ»)."""
    if ev.event_type != "ASSAULT" or ev.location is None or ev.location.precision != "site":
        return []
    others = listed_sites(ctx, ev.location, kb)
    if not others:
        return []
    ev.split = ev.location.gazetteer_id
    loc = ev.location
    hosted = bool(ev.recipient) and all(r.start == loc.start for r in ev.recipient)
    return [replace(ev, location=p, split=p.gazetteer_id, actor=list(ev.actor),
                    recipient=_site_hosts(p, kb) if hosted else list(ev.recipient),
                    mode=list(ev.mode)) for p in others]


def _reporter_as_actor(attributions: list[Attribution], kb: KnowledgeBase,
                       before: int | None = None) -> list[Entity]:
    """The speaker a pronoun subject refers back to: the reporting source of the clause, the
    nearest before the event («قال حزب الله إنه أطلق…، فيما أعلن الجيش أنه نفذ ضربات»)."""
    if before is not None:
        attributions = sorted((a for a in attributions if a.start is not None
                               and a.start < before), key=lambda a: -(a.start or 0))
    for at in attributions:
        entry = kb.actor(kb.acting_body((at.entity or {}).get("id")))
        if entry is not None and entry.sector != "MED" and at.start is not None:
            return [entry.entity(at.text, at.start, at.end or at.start)]
    return []


def _as_military(e: Entity, kb: KnowledgeBase) -> Entity:
    """A state that strikes («نفذت إسرائيل ضربات») does so through its armed forces."""
    entry = kb.actor(e.id)
    if entry is None or entry.type != "GPE":
        return e
    mil = kb.actor(kb.military_of(entry.country))
    if mil is None:
        return e
    return mil.entity(e.text, e.start, e.end)


# what a state says or decides, even through its army's spokesman (tests/gold/sentences
# README, Actors: statements, threats, accusations, sanctions → the state)
_STATEMENTS = frozenset({"ACCUSE", "REJECT", "THREATEN", "REQUEST", "SANCTION", "SUPPORT"})


def _as_state(e: Entity, kb: KnowledgeBase) -> Entity:
    """«نفى الجيش الإسرائيلي»، «أنذر الجيش الإسرائيلي السكان»: a state's armed forces speak for
    the state."""
    entry = kb.actor(e.id)
    if entry is None or not entry.country or kb.military_of(entry.country) != entry.id:
        return e
    state = kb.actor(kb.state_of.get(entry.country, ""))
    return state.entity(e.text, e.start, e.end) if state is not None else e


_NOUN_PREPOSITIONS = frozenset({"في", "من", "علي", "على", "عن", "الي", "خلال", "عقب", "بعد", "قبل",
                                "منذ", "اثر", "جراء", "اثناء", "ضد", "رغم", "حول"})


def _is_nominal(doc: Doc, t: TriggerMatch) -> bool:
    """Whether the trigger is a noun here: by the lexicon, and for words listed both ways
    («قصف», «رفض») by the article or a preposition on the word («القصف», «بالقصف»)."""
    poses = {e.pos for e in t.entries}
    if len(poses) == 1:
        return poses == {"noun"}
    word = doc.tokens[t.first].norm
    if t.first > 0 and doc.tokens[t.first - 1].norm in _NOUN_PREPOSITIONS:
        return True  # «في قصف مدفعي»: no verb follows a preposition
    return any(f.startswith("ال") for _, f in proclitic_forms(word)) or word[:1] in "بل"


def _bare_mention(ev: Event) -> bool:
    """A noun that names a kind of event with nothing to anchor it — no participant, place
    or date of its own («جدولة انسحاب القوات»، «سيل من التهديدات»): a topic, not a report."""
    return (ev.nominal and not ev.actor and not ev.recipient and ev.location is None
            and (ev.date is None or ev.date.basis == "publication"))


def _same_participants(a: list[Entity], b: list[Entity], kb: KnowledgeBase) -> bool:
    if not a or not b:
        return True
    return any(kb.related(x.id, y.id) if x.id and y.id else x.text == y.text
               for x in a for y in b)


def _same_action(a: Event, b: Event, kb: KnowledgeBase) -> bool:
    """Two statements of one action (CODING.md rule 10): same type and factuality,
    participants that can be the same, the same or no place, dates that agree."""
    if (a.event_type, a.factuality) != (b.event_type, b.factuality):
        return False
    # a definite noun («وندد بالضربات الجوية») names an act already told: the place and
    # date in its sentence are those of the statement about it, not of the act
    told = b.definite and b.nominal
    if a.historical != b.historical and not (told and a.actor and b.actor
                                             and _same_participants(a.actor, b.actor, kb)):
        return False  # «ومنذ الضربات الأمريكية…» may name again the strikes the article told
    # «…، وقالت القيادة إن الغارات استهدفت مخازن يستخدمها الحرس الثوري»: a definite noun
    # telling the same strikes again may name more of whom they hit
    telling_again = b.definite and b.evidence.start > a.evidence.start
    if not (_same_participants(a.actor, b.actor, kb)
            and (telling_again or _same_participants(a.recipient, b.recipient, kb))):
        return False
    if not (a.actor or a.recipient) and not (b.actor or b.recipient) and not (
            a.location and b.location):
        return False  # nothing but the type in common: two different events
    if (a.location and b.location and a.location.gazetteer_id != b.location.gazetteer_id
            and not (told and b.location.precision in ("country", "region"))):
        return False
    da, db = a.date, b.date
    dated = bool(da and db and da.basis != "publication" and db.basis != "publication")
    # likewise a statement named by a noun («رداً على اتهامات وجهها الوزير») and then told
    # by its named speaker with its own date («وكان الوزير قد حمّل إيران الخميس…»)
    announced = (a.nominal and not b.nominal and a.event_type != "ASSAULT"
                 and _same_speaker(a, b))
    if dated and not told and not announced and not (
            da.start and db.start and da.start <= (db.end or db.start)
            and db.start <= (da.end or da.start)):
        return False
    # compatible is not enough: something must tie them — a definite noun pointing back
    # («الهجوم»), the same place, the same stated date, or the same named actor doing it
    # again in the same sentence («أدانت الخارجية الغارات، ووصفتها بأنها اعتداء»)
    restated = (a.evidence.start == b.evidence.start and bool(a.actor)
                and {e.id for e in a.actor} == {e.id for e in b.actor} and None not in
                {e.id for e in a.actor})
    same_place = bool(a.location and b.location)
    return b.definite or same_place or dated or restated or announced


def _same_speaker(a: Event, b: Event) -> bool:
    """Both name the same actors, every one a knowledge-base entity."""
    ids = {e.id for e in a.actor}
    return bool(ids) and None not in ids and ids == {e.id for e in b.actor}


_HEADING_WORDS = 16


def _heading(ev: Event) -> bool:
    """Whether the event is told in a headline or subheading: a short line without a
    final stop."""
    text = ev.evidence.sentence.strip()
    return bool(text) and text[-1] not in ".!?؟:»\"”" and len(text.split()) <= _HEADING_WORDS


def _absorb(keep: Event, other: Event) -> None:
    """Fill what ``keep`` lacks from another statement of the same action."""
    keep.actor = keep.actor or other.actor
    known = {r.id for r in keep.recipient}
    keep.recipient = keep.recipient + [r for r in other.recipient if r.id not in known and r.id
                                       ] if keep.recipient else other.recipient
    keep.location = keep.location or other.location
    if other.date and other.date.basis != "publication" and (
            keep.date is None or keep.date.basis == "publication"):
        keep.date = other.date
    keep.mode = list(dict.fromkeys(keep.mode + other.mode))
    keep.attribution = keep.attribution or other.attribution


def _absorb_meeting(keep: Event, other: Event) -> None:
    """A meeting told again: a verb naming who met («اجتمع رئيس الاستخبارات مع قادة
    الفصائل») says it better than the nouns for it («اجتماع», «الاجتماع», «زيارة طائب»),
    whose roles are guesses from their sentences and are not taken."""
    if not other.nominal:
        if keep.nominal:
            keep.actor = list(other.actor) or keep.actor
            keep.recipient = list(other.recipient) or keep.recipient
        _absorb(keep, other)
        return
    actor, recipient = keep.actor, keep.recipient
    _absorb(keep, other)
    keep.actor, keep.recipient = actor, recipient


def _campaign_told(ev: Event, kept: list[Event]) -> Event | None:
    """«الهجمات» with no date of its own, once a campaign of attacks has been coded: the
    article speaks of that campaign again (tests/gold/README.md, Aggregates: other
    sentences describing it are not coded again), whoever its sentence makes the actor."""
    if not (ev.aggregate and ev.nominal and ev.definite and _undated(ev)):
        return None
    # a definite noun is no report of its own: a negation in its sentence («لم تأمر
    # بتنفيذ الهجمات») bears on the statement, not on the campaign
    return next((k for k in kept if k.aggregate and k.event_type == ev.event_type
                 and k.historical == ev.historical), None)


def _told_before(ev: Event, kept: list[Event]) -> Event | None:
    """The latest event of the same type in the same sentence, for a verb that points
    back to it."""
    return next((k for k in reversed(kept) if k.event_type == ev.event_type
                 and k.evidence.start == ev.evidence.start), None)


_SETTLED = ("city", "site")


def _meeting_told(ev: Event, kept: list[Event]) -> Event | None:
    """A meeting or visit is told once: a later «الزيارة», «اجتماع طائب», «اجتمع مع…»
    with no date of its own, or a trip named as the setting of a statement («خلال
    زيارته»), is the one already coded — unless it is placed in another town."""
    if ev.event_type != "CONSULT" or not _undated(ev):
        return None
    for k in kept:
        if k.event_type != ev.event_type or k.historical != ev.historical or (
                k.factuality != ev.factuality and not ev.nominal):
            continue  # (a noun's mood is its sentence's: «إذا كانت … خلال زيارته»)
        elsewhere = (k.location and ev.location and k.location.precision in _SETTLED
                     and ev.location.precision in _SETTLED
                     and k.location.gazetteer_id != ev.location.gazetteer_id)
        if not elsewhere:
            return k
    return None


def _new_site(ev: Event, kept: list[Event]) -> bool:
    """Whether ``ev`` happened at a site (a base, an airport) or in a town where no event
    of its type coded so far did: «استنفار» at al-Tanf is not the alert in the desert told
    before, a sit-in «في مدينة تعز» not the demonstration in Sanaa."""
    if ev.location is None or ev.location.precision not in _SETTLED:
        return False
    return all(k.location is None or k.location.gazetteer_id != ev.location.gazetteer_id
               for k in kept if k.event_type == ev.event_type)


def _many(ev: Event) -> bool:
    """An aggregate: a plural head, a count («أكثر من 60 هجوماً») or a period of its own."""
    return ev.aggregate or ev.count is not None or bool(ev.date and ev.date.precision == "range")


def _own_news(ev: Event, kept: list[Event]) -> bool:
    """What a bare noun adds to the acts of its type told before: a period of its own
    («أكثر من 60 هجوماً منذ 17 أكتوبر»), a day none of them had, or another factuality
    («لم تقع هجمات»)."""
    same = [k for k in kept if k.event_type == ev.event_type]
    if ev.date and ev.date.precision == "range":
        return True
    if ev.date and not _undated(ev) and all(k.date and not _undated(k) and not _overlap(
            k.date, ev.date) for k in same):
        return True  # «بعد يومين من إطلاقها هجوماً»: another day than every one told
    return all(k.factuality != ev.factuality for k in same)


def _overlap(a: TimeSpan, b: TimeSpan) -> bool:
    return bool(a.start and b.start and a.start <= (b.end or b.start)
                and b.start <= (a.end or a.start))


def _undated(ev: Event) -> bool:
    return ev.date is None or ev.date.basis in ("publication", "unresolved")


def _claims_back(ev: Event, kept: list[Event], kb: KnowledgeBase, claims: set[int]) -> bool:
    """«وتبنى تنظيم القاعدة الهجوم», «وتبنت المقاومة الإسلامية الهجومين»: a claim of a
    definite attack names the perpetrator of the attacks already told (CODING.md rule 8).
    The claimant becomes the actor of those with no named actor (the latest one, and the
    ones before it for a dual or plural), with attribution ``claimed_by``."""
    if not (ev.event_type == "ASSAULT" and ev.nominal and ev.definite and ev.actor
            and id(ev) in claims):
        return False
    earlier = [k for k in kept if k.event_type == "ASSAULT" and k.historical == ev.historical
               and k.factuality == ev.factuality]
    if not earlier:
        return False
    targets = [k for k in earlier if all(_unnamed(e, kb) for e in k.actor)]
    if not targets:
        return _same_participants(earlier[-1].actor, ev.actor, kb)
    if not (ev.aggregate or ev.evidence.trigger.endswith(("ين", "ان"))):
        targets = targets[-1:]
    claim = Attribution("claimed_by", ev.actor[0].text, {"id": ev.actor[0].id} if
                        ev.actor[0].id else None, ev.actor[0].start, ev.actor[0].end)
    for k in targets:
        k.actor = list(ev.actor)
        k.attribution = k.attribution + [a for a in [*ev.attribution, claim]
                                         if a not in k.attribution]
    return True


def _unnamed(e: Entity, kb: KnowledgeBase) -> bool:
    """An actor the text does not name: no entity, or a generic one («انتحاري», «مسلحون»)."""
    entry = kb.actor(e.id) if e.id else None
    return entry is None or entry.generic


def _dedupe(events: list[Event], kb: KnowledgeBase, claims: set[int] | None = None,
            fresh: set[int] | None = None, back: set[int] | None = None) -> list[Event]:
    """The same action stated twice in one article is one event (CODING.md rule 10).

    A later noun of an already coded type with nothing of its own («…الاجتماع») refers back
    to it; a bare topic noun is dropped; other repeats merge into the first statement,
    which takes what the later ones add. An act its sentence sets apart from the one
    before («… رداً على اغتيال القيادي», «فيما أعلن الجيش أنه نفذ ضربات») is never that one.
    """
    kept: list[Event] = []
    seen_types: set[str] = set()
    fresh = fresh or set()
    for ev in events:
        if _bare_mention(ev):
            continue
        apart = id(ev) in fresh
        if not ev.actor and not ev.recipient and ev.event_type in seen_types and not (
                (apart or _new_site(ev, kept)) and ev.location) and not _own_news(ev, kept) and (
                ev.nominal or (ev.location is None and _undated(ev))):
            # «وقالت إنها قصفت القاعدة»: the act told again; a date it states dates the last
            # one of its kind that had none («قُتل تسعة …، بقصف … بعد ظهر أمس»)
            last = next((k for k in reversed(kept) if k.event_type == ev.event_type
                         and k.factuality == ev.factuality), None)
            if (last is not None and _undated(last) and not _undated(ev)
                    and last.historical == ev.historical):
                last.date = ev.date
            continue
        if _claims_back(ev, kept, kb, claims or set()):
            continue
        meeting = _meeting_told(ev, kept)
        if meeting is not None:
            _absorb_meeting(meeting, ev)
            continue
        told = _campaign_told(ev, kept) or (
            _told_before(ev, kept) if back and id(ev) in back else None)
        if told is not None:
            _absorb(told, ev)
            continue
        seen_types.add(ev.event_type)
        same = next((k for k in kept if _same_action(k, ev, kb) and not (
            apart and k.evidence.start == ev.evidence.start)), None)
        if same is None:
            kept.append(ev)
        else:
            _absorb(same, ev)
    return _campaign_named_first(_headings_told(kept))


def _campaign_named_first(events: list[Event]) -> list[Event]:
    """«نفت طهران أي صلة بالهجمات …» before the article counts them («أكثر من 60 هجوماً منذ
    17 أكتوبر»): a definite plural with no actor of its own names the campaign told
    elsewhere in the article, and is coded there."""
    out = list(events)
    for ev in events:
        if not (ev.aggregate and ev.nominal and ev.definite and not ev.actor):
            continue
        other = next((k for k in out if k is not ev and _many(k)
                      and (k.event_type, k.historical, k.factuality)
                      == (ev.event_type, ev.historical, ev.factuality)
                      and not (k.definite and not k.actor)), None)
        if other is not None:
            _absorb(other, ev)
            out.remove(ev)
    return out


def _headings_told(events: list[Event]) -> list[Event]:
    """A headline announces what the body tells (tests/gold/README.md: coded once, in the
    body): its event goes into the body's event of that type, whoever the roles name."""
    out = list(events)
    for ev in events:
        if not _heading(ev):
            continue
        body = next((k for k in out if k is not ev and not _heading(k)
                     and (k.event_type, k.factuality, k.historical)
                     == (ev.event_type, ev.factuality, ev.historical)), None)
        if body is not None:
            _absorb(body, ev)
            out.remove(ev)
    return out

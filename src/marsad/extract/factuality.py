"""Factuality: asserted, negated, future or hypothetical (SCHEMA.md §3; CODING.md rules 1–3).

Cues are looked for in the few words before the trigger, inside its clause: a negation
(«لم»، «لن»، «لا») negates, a future marker («سوف»، the prefix «سـ» on a verb, «قرر»،
«يعتزم») makes it future, a conditional or modal («إذا»، «في حال»، «ربما») hypothetical.
A threat is itself asserted: its condition goes to ``condition`` instead.
"""

from __future__ import annotations

from marsad.extract.context import SentenceContext

_WINDOW = 4
_FUTURE_PREFIXES = ("سي", "ست", "سن", "سا")


def _condition_text(ctx: SentenceContext, a: int, b: int) -> tuple[str | None, int]:
    end = b
    while end < ctx.last and not ctx.is_break(end) and ctx.doc.tokens[end].norm not in (".",):
        end += 1
    if end <= b:
        return None, b
    return ctx.text(b, end)[0], end


def _imperfect(word: str) -> bool:
    """«قد يهاجم» (may attack) vs «قد تعرضت» (had been attacked): an imperfect prefix and
    no perfect ending."""
    return word[:1] in "ين" or (word[:1] == "ت" and not word.endswith(("ت", "وا", "ا")))


def factuality(ctx: SentenceContext, first: int, event_type: str,
               clause_start: int, via_lemma: bool) -> tuple[str, str | None]:
    """(factuality, condition) for the trigger starting at token ``first``."""
    lo = max(clause_start, first - _WINDOW)
    toks = ctx.doc.tokens
    if event_type == "THREATEN":
        cond = ctx.cues_between("conditional", ctx.first, ctx.last)
        if cond:
            a, b = cond[0]
            text, _ = _condition_text(ctx, a, b)
            return "asserted", text
        return "asserted", None
    cond = [c for c in ctx.cues_between("conditional", clause_start, first)]
    if cond:
        return "hypothetical", None
    hyp = [(a, b) for a, b in ctx.cues_between("hypothetical", lo, first)
           if toks[a].norm != "قد" or (b < len(toks) and _imperfect(toks[b].norm))]
    if hyp:
        return "hypothetical", None
    support = {a: b for a, b in ctx.hits("light_verbs")}
    for _, b in ctx.cues_between("negation", lo, first):
        hopped = False
        while b in support and b < first:
            b, hopped = support[b], True  # «لم تشن الفصائل أي هجمات»: the support verb
        if b == first or (hopped and first - b <= 3):
            return "negated", None
    word = toks[first].norm.lstrip("وف")
    if ctx.cues_between("future", lo, first) or (
            via_lemma and word.startswith(_FUTURE_PREFIXES) and len(word) > 4):
        return "future", None
    if any(_governs(ctx, b, first) for _, b in ctx.cues_between("future", clause_start, lo)):
        return "future", None  # «تعتزم فصائل معارضة في محافظة السويداء تنظيم اعتصام»
    return "asserted", None


def _governs(ctx: SentenceContext, b: int, first: int) -> bool:
    """A cue ending at ``b`` still governs the event word at ``first``: no break and no
    other event word between them."""
    return not any(ctx.is_break(i) for i in range(b, first)) and not any(
        b <= t.first < first for t in ctx.doc.triggers)

"""``marsad kb lookup``: how a phrase resolves, and why — for analysts editing the files."""

from __future__ import annotations

from typing import Any

from marsad.kb.base import KnowledgeBase
from marsad.model import Article, Doc


def explain(text: str, kb: KnowledgeBase, published: str | None = None,
            store: Any = None) -> list[str]:
    """One line per mention / date / trigger found in ``text``, with its reading; with an
    open store (:class:`marsad.store.db.Store`), also what the store holds about each
    entity, so an analyst sees what a change to the entry would touch."""
    from marsad.pipeline import Pipeline

    doc: Doc = Pipeline(kb=kb)(Article(id="lookup", text=text, published=published))
    lines: list[str] = []
    for m in doc.mentions:
        ent = m.entity or {}
        tok = doc.tokens[m.tokens[0]]
        peeled = doc.clean_text[tok.start:m.start]
        how = [f"via {m.source}"]
        if peeled:
            how.append(f"clitic «{peeled}» peeled")
        readings = sorted({f"{r.kind}:{r.id}" for r in m.candidates})
        if len(readings) > 1:
            how.append("readings " + ", ".join(readings))
        if m.actor_id and m.actor_id != ent.get("id"):
            how.append(f"acts as {m.actor_id}")
        lines.append(f"«{m.text}» [{m.start}:{m.end}] {m.type} → {ent.get('id')} "
                     f"({ent.get('name_en')}) — {'; '.join(how)}")
    for x in doc.time_expressions:
        s = x.span
        lines.append(f"«{s.text}» date → {s.start}..{s.end} {s.precision} ({s.basis})")
    for t in doc.triggers:
        words = doc.clean_text[doc.tokens[t.first].start:doc.tokens[t.last - 1].end]
        kinds = ", ".join(sorted({f"{e.type}{list(e.mode) or ''}" for e in t.entries}))
        lines.append(f"«{words}» trigger → {kinds} (by {t.via})")
    if not lines:
        lines.append("nothing in the knowledge base matches")
    if store is not None:
        ids = sorted({(m.entity or {}).get("id") for m in doc.mentions} - {None})
        lines += [_in_store(store, i) for i in ids]
    return lines


def _in_store(store: Any, entity_id: str) -> str:
    """How often the store's articles and merged events name an entity."""
    con = store.con
    mentions = con.execute("SELECT count(*) FROM mentions WHERE entity_id = ?",
                           [entity_id]).fetchone()[0]
    actor, recipient = con.execute(
        "SELECT count(*) FILTER (WHERE list_contains(actor_ids, $1)), "
        "count(*) FILTER (WHERE list_contains(recipient_ids, $1)) FROM merged_events",
        [entity_id]).fetchone()
    return (f"{entity_id} in the store: {mentions} mentions, actor of {actor} and recipient "
            f"of {recipient} merged events")

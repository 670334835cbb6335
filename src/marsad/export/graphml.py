"""The actor network as GraphML: entities are nodes; an edge per (actor, recipient, event
type) carries how many merged events it stands for and their date range."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO
from xml.sax.saxutils import quoteattr

NODE_KEYS = [("name_en", "string"), ("name_ar", "string"), ("sector", "string"),
             ("country", "string"), ("generic", "boolean")]
EDGE_KEYS = [("event_type", "string"), ("count", "int"), ("num_articles", "int"),
             ("first_date", "string"), ("last_date", "string")]


def _node_id(ent: dict[str, Any]) -> str:
    return ent.get("id") or f"text:{ent.get('text')}"


def write_graphml(records: Iterable[dict[str, Any]], out: TextIO) -> tuple[int, int]:
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for rec in records:
        d = rec.get("date") or {}
        for a in rec.get("actor") or []:
            for r in rec.get("recipient") or []:
                for ent in (a, r):
                    nodes.setdefault(_node_id(ent), ent)
                key = (_node_id(a), _node_id(r), rec["event_type"])
                e = edges.setdefault(key, {"count": 0, "num_articles": 0, "first_date": None,
                                           "last_date": None})
                e["count"] += 1
                e["num_articles"] += rec.get("num_articles") or 1
                if d.get("start"):
                    e["first_date"] = min(filter(None, [e["first_date"], d["start"]]))
                    e["last_date"] = max(filter(None, [e["last_date"], d.get("end") or d["start"]]))
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for name, typ in NODE_KEYS:
        out.write(f'  <key id="n_{name}" for="node" attr.name="{name}" attr.type="{typ}"/>\n')
    for name, typ in EDGE_KEYS:
        out.write(f'  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="{typ}"/>\n')
    out.write('  <graph id="actors" edgedefault="directed">\n')
    for nid in sorted(nodes):
        ent = nodes[nid]
        out.write(f"    <node id={quoteattr(nid)}>\n")
        for name, typ in NODE_KEYS:
            v = ent.get(name)
            if v is None:
                continue
            v = str(bool(v)).lower() if typ == "boolean" else str(v)
            out.write(f'      <data key="n_{name}">{_esc(v)}</data>\n')
        out.write("    </node>\n")
    for i, ((src, dst, typ), e) in enumerate(sorted(edges.items())):
        out.write(f'    <edge id="e{i}" source={quoteattr(src)} target={quoteattr(dst)}>\n')
        for name, _ in EDGE_KEYS:
            v = typ if name == "event_type" else e[name]
            if v is not None:
                out.write(f'      <data key="e_{name}">{_esc(str(v))}</data>\n')
        out.write("    </edge>\n")
    out.write("  </graph>\n</graphml>\n")
    return len(nodes), len(edges)


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

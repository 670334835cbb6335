"""Printing an evaluation report as tables."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from marsad.eval.score import Counts, Report


def _row(name: str, c: Counts) -> list[str]:
    p, r, f = c.prf()
    return [name, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", str(c.tp), str(c.gold), str(c.pred)]


def _acc(v: float | None, n: int) -> str:
    return "n/a" if v is None else f"{v:.3f} (n={n})"


def print_report(rep: Report, console: Console, show_errors: bool = False) -> None:
    t = Table(title=f"Marsad eval — {rep.articles} articles")
    for col in ("measure", "P", "R", "F1", "tp", "gold", "pred"):
        t.add_column(col, justify="right" if col != "measure" else "left")
    t.add_row(*_row("event detection", rep.detection))
    t.add_row(*_row("core tuple", rep.core))
    if rep.mentions is not None:
        t.add_row(*_row("mentions (NER)", rep.mentions))
    console.print(t)
    console.print(f"location accuracy: {_acc(rep.location.value, rep.location.n)}   "
                  f"date accuracy: {_acc(rep.date.value, rep.date.n)}   "
                  f"factuality accuracy: {_acc(rep.factuality.value, rep.factuality.n)}   "
                  f"casualty accuracy: {_acc(rep.casualties.value, rep.casualties.n)}")
    bt = Table(title="by type")
    for col in ("type", "P", "R", "F1", "tp", "gold", "pred", "core F1"):
        bt.add_column(col, justify="right" if col != "type" else "left")
    for etype, c in sorted(rep.by_type.items()):
        bt.add_row(*_row(etype, c), f"{rep.core_by_type[etype].prf()[2]:.3f}")
    console.print(bt)
    if show_errors:
        for label, items in (("missed", rep.missed), ("spurious", rep.spurious)):
            for e in items:
                ev = e.get("evidence") or {}
                actors = ",".join(str(a.get("id") or a.get("text")) for a in e.get("actor") or [])
                console.print(f"{label}: {e['article_id']} {e['event_type']} actor=[{actors}] "
                              f"trigger={ev.get('trigger')!r} @{ev.get('start')}", markup=False)

"""Extraction accuracy on every gold set, in one command.

    python benchmarks/evaluate.py              # seeds (if ../shared is there), examples, dev
    python benchmarks/evaluate.py --heldout    # also the held-out sentence set (check rarely)
    python benchmarks/evaluate.py --by-type    # per-type table for each set

Each set is extracted with the same pipeline as ``marsad extract`` and scored like
``marsad eval`` (detection P/R/F1, core tuple F1, place, date and factuality accuracy).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from marsad.eval.score import Report, read_jsonl, score  # noqa: E402
from marsad.ingest import ReadError, read_inputs  # noqa: E402
from marsad.pipeline import Pipeline  # noqa: E402

GOLD = REPO / "tests" / "gold"
SETS = {
    "seeds": (REPO.parent / "shared" / "seeds", GOLD / "seeds.jsonl"),
    "examples": (REPO / "examples", GOLD / "examples.jsonl"),
    "dev": (GOLD / "sentences" / "articles_dev.jsonl", GOLD / "sentences" / "gold_dev.jsonl"),
    "heldout": (GOLD / "sentences" / "articles_test.jsonl", GOLD / "sentences" / "gold_test.jsonl"),
}


def run(pipe: Pipeline, source: Path, gold: Path) -> Report:
    preds = []
    for item in read_inputs([str(source)]):
        if isinstance(item, ReadError):
            print(f"  {item}", file=sys.stderr)
            continue
        preds += [e.to_dict() for e in pipe(item).events]
    return score(read_jsonl(gold), preds, pipe.kb)


def _fmt(v: float | None) -> str:
    return "  n/a" if v is None else f"{v:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--heldout", action="store_true", help="also score the held-out set")
    ap.add_argument("--by-type", action="store_true", help="print per-type detection F1")
    args = ap.parse_args()
    pipe = Pipeline()
    print(f"{'set':9} {'arts':>4} {'det P':>6} {'det R':>6} {'det F1':>6} {'core F1':>7} "
          f"{'place':>6} {'date':>6} {'fact':>6} {'casu':>6}")
    for name, (source, gold) in SETS.items():
        if name == "heldout" and not args.heldout:
            continue
        if not source.exists():
            print(f"{name:9} (not available: {source})")
            continue
        rep = run(pipe, source, gold)
        p, r, f = rep.detection.prf()
        print(f"{name:9} {rep.articles:4d} {p:6.3f} {r:6.3f} {f:6.3f} {rep.core.prf()[2]:7.3f} "
              f"{_fmt(rep.location.value)} {_fmt(rep.date.value)} {_fmt(rep.factuality.value)} "
              f"{_fmt(rep.casualties.value)}")
        if args.by_type:
            for etype, c in sorted(rep.by_type.items()):
                tp, tr, tf = c.prf()
                core = rep.core_by_type[etype].prf()[2]
                print(f"    {etype:10} P {tp:.2f} R {tr:.2f} F1 {tf:.2f} "
                      f"(gold {c.gold}, pred {c.pred}) core F1 {core:.2f}")


if __name__ == "__main__":
    main()

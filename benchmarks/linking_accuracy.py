"""Entity-linking accuracy on the held-out linking cases (tests/gold/linking/cases.jsonl).

Each case is a short sentence with the links a careful analyst expects. The full pipeline
(:class:`marsad.pipeline.Pipeline`) runs on the sentence and every expected link is scored:

- the gold surface is located in the document's clean text (it occurs there exactly once);
  the *covering* mentions are those whose span overlaps it, so a clitic left in the gold
  surface («بالحرس الثوري») still meets the mention «الحرس الثوري»;
- a mention's readings are ``{actor_id, place_id, entity["id"]}``. A capital or country name
  carries both its place and the state it can act for, so metonymy («بغداد وواشنطن
  تتفاوضان» → iraq, united-states) and the place reading («في بغداد» → gn:98182) are each
  correct when the mention carries that reading; the roles stage, not linking, chooses
  between them in an event;
- ``expect`` an id: correct when some covering mention has that id among its readings;
- ``expect`` null: correct when no covering mention has any reading (unlinked, or only a
  tagger mention without an entity).

    python benchmarks/linking_accuracy.py                  # the dev split (l001-l075)
    python benchmarks/linking_accuracy.py --split test     # the held-out cases
    python benchmarks/linking_accuracy.py --split all --json

Prints accuracy by mention type, by case category and overall, then every failure with what
the system linked instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CASES = ROOT / "tests" / "gold" / "linking" / "cases.jsonl"
DEV_LAST = 75  # l001-l075 are the dev split; the rest are held out


@dataclass
class Outcome:
    case_id: str
    category: str
    text: str
    surface: str
    expect: str | None
    type: str
    correct: bool
    got: list[str] = field(default_factory=list)  # covering mentions, for the failure list


@dataclass
class Report:
    split: str
    outcomes: list[Outcome]

    @property
    def accuracy(self) -> float:
        return _acc(self.outcomes)

    def by(self, key: str) -> dict[str, tuple[int, int]]:
        groups: dict[str, list[Outcome]] = defaultdict(list)
        for o in self.outcomes:
            groups[getattr(o, key) or "-"].append(o)
        return {k: (sum(o.correct for o in v), len(v)) for k, v in sorted(groups.items())}

    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.correct]

    def to_dict(self) -> dict[str, Any]:
        return {"split": self.split, "accuracy": round(self.accuracy, 4),
                "n": len(self.outcomes),
                "by_type": {k: {"correct": c, "n": n} for k, (c, n) in self.by("type").items()},
                "by_category": {k: {"correct": c, "n": n}
                                for k, (c, n) in self.by("category").items()},
                "failures": [{"id": o.case_id, "surface": o.surface, "expect": o.expect,
                              "got": o.got} for o in self.failures()]}


def _acc(outcomes: list[Outcome]) -> float:
    return sum(o.correct for o in outcomes) / len(outcomes) if outcomes else 0.0


def load_cases(path: Path = CASES) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def in_split(case_id: str, split: str) -> bool:
    n = int(case_id.lstrip("l"))
    return split == "all" or (split == "dev") == (n <= DEV_LAST)


def readings(m: Any) -> set[str]:
    """Every id a mention can stand for: its actor, its place, and its entity record."""
    ids = {m.actor_id, m.place_id, (m.entity or {}).get("id")}
    return {i for i in ids if i}


def _describe(m: Any) -> str:
    ids = sorted(readings(m))
    return f"«{m.text}» {m.type or '?'} → {', '.join(ids) if ids else 'unlinked'}"


def score_case(case: dict[str, Any], pipeline: Any) -> list[Outcome]:
    from marsad.model import Article

    doc = pipeline(Article(id=case["id"], text=case["text"], published=case.get("published")))
    out: list[Outcome] = []
    for link in case["links"]:
        surface, expect = link["text"], link["expect"]
        start = doc.clean_text.find(surface)
        covering = []
        if start >= 0:
            end = start + len(surface)
            covering = [m for m in doc.mentions if m.start < end and start < m.end]
        if expect is None:
            correct = not any(readings(m) for m in covering)
        else:
            correct = any(expect in readings(m) for m in covering)
        out.append(Outcome(case["id"], case.get("category", ""), case["text"], surface, expect,
                           link["type"], correct, [_describe(m) for m in covering]))
    return out


def evaluate(split: str = "dev", cases: Iterable[dict[str, Any]] | None = None,
             pipeline: Any = None) -> Report:
    """Score the linker on one split; ``pipeline`` defaults to the full standard pipeline."""
    if pipeline is None:
        from marsad.pipeline import Pipeline

        pipeline = Pipeline()
    selected = [c for c in (cases if cases is not None else load_cases())
                if in_split(c["id"], split)]
    outcomes = [o for c in selected for o in score_case(c, pipeline)]
    return Report(split, outcomes)


def _print(report: Report) -> None:
    print(f"split {report.split}: {len(report.outcomes)} expected links")
    for key in ("type", "category"):
        print(f"\nby {key}:")
        for k, (c, n) in report.by(key).items():
            print(f"  {k:<9} {c:>3}/{n:<3} {c / n:6.1%}")
    c = sum(o.correct for o in report.outcomes)
    print(f"\noverall {c}/{len(report.outcomes)} = {report.accuracy:.1%}")
    fails = report.failures()
    if fails:
        print(f"\nfailures ({len(fails)}):")
    for o in fails:
        got = "; ".join(o.got) if o.got else "no mention"
        print(f"  {o.case_id} [{o.category}] «{o.surface}» expected {o.expect} ({o.type}); "
              f"got {got}\n        {o.text}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["dev", "test", "all"], default="dev")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    args = ap.parse_args(argv)
    report = evaluate(args.split)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
    else:
        _print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

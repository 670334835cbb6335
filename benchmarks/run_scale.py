"""`marsad run` at scale: a generated corpus with known duplicate structure.

The corpus is made from the merging gold's short reports (tests/gold/merge/clusters.yaml).
A *story* is one gold story (a report, or the gold's copies of one report) turned into a
distinct event: its years, day numbers, base and faction names are swapped for a variant's,
and it gets its own publication day, later for each variant (so the corpus covers more days
as it grows, as a real archive does, instead of piling more reports onto the same days; and
two variants of a text with nothing to swap — no number, base or faction — never fall within
a few days of each other, when no reader could tell them apart). Each story is published as 1-3
articles: the story text and copies with small edits (a dropped word, an outlet dateline), so
the true story of every article is known and story clustering can be scored at any size.

    python benchmarks/run_scale.py --articles 100000 --workers 2   # ~20-30 min on 2 cores
    python benchmarks/run_scale.py --articles 2000                  # a quick look

Prints time per 10k articles (wall clock, and the writer's own CPU seconds, which other
people's jobs on a shared machine do not inflate), the peak memory of the writer and of the
extraction workers,
how time grows with size (seconds per 1k articles, first vs last tenth), and pairwise
precision/recall of story clustering against the generated structure.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
GOLD = ROOT / "tests" / "gold" / "merge" / "clusters.yaml"

# Interchangeable names: a variant swaps one for another, so stories differ in substance.
BASES = ["عين الأسد", "حرير", "التنف", "الشدادي", "كونيكو", "فيكتوريا", "بلد", "حقل العمر"]
FACTIONS = ["كتائب حزب الله", "حركة النجباء", "كتائب سيد الشهداء", "عصائب أهل الحق"]
DATELINES = ["بغداد -", "أربيل -", "دمشق -", "(خاص) -", "عاجل:"]
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_DAY = re.compile(r"(?<!\d)\d{1,2}(?!\d)")


def templates() -> list[dict]:
    import yaml

    data = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    out = [{"text": r["text"], "story": r["story"]}
           for c in data["clusters"] for r in c["reports"]]
    out += [{"text": n["text"], "story": n["id"]} for n in data["near_misses"]]
    return out


def _swap(text: str, names: list[str], pick: int) -> str:
    for name in names:
        if name in text:
            return text.replace(name, names[pick % len(names)])
    return text


def _mutate(text: str, rng: random.Random) -> str:
    words = text.split()
    if len(words) > 8:
        del words[rng.randrange(3, len(words) - 1)]
    return f"{rng.choice(DATELINES)} {' '.join(words)}"


def generate(n_articles: int, seed: int = 1) -> Iterator[dict]:
    """Yield ``n_articles`` article records; ``story`` is the true story of each."""
    rng = random.Random(seed)
    tpls = templates()
    labels = sorted({t["story"] for t in tpls})
    base_day = date(2015, 1, 1)
    n = s = 0
    while n < n_articles:
        t = tpls[s % len(tpls)]
        k = s // len(tpls)
        year = 1900 + k % 125  # with the base swap: a template repeats every 1000 variants
        # Gold copies of one story (same label) stay one story in every variant.
        label = labels.index(t["story"])
        pub = base_day + timedelta(days=k * 7 + label * 9)
        text = _YEAR.sub(str(year), t["text"])
        # day numbers move too, or «الثلاثاء 17 تشرين الأول» would be one day in every variant
        text = _DAY.sub(lambda m, k=k: str((int(m.group()) + k) % 28 + 1), text)
        text = _swap(_swap(text, BASES, k), FACTIONS, k // 3)
        story = f"{t['story']}-{k}"
        copies = rng.choice((1, 1, 2, 2, 3))
        for c in range(copies):
            if n >= n_articles:
                break
            body = text if c == 0 else _mutate(text, rng)
            yield {"id": f"g{n}", "text": body, "outlet": f"outlet-{rng.randrange(40)}",
                   "published": (pub + timedelta(days=min(c, 1))).isoformat(), "story": story}
            n += 1
        s += 1


def write_corpus(path: Path, n_articles: int, seed: int = 1) -> dict[str, str]:
    """Write the corpus as JSONL; returns article id → true story."""
    truth = {}
    with path.open("w", encoding="utf-8") as f:
        for rec in generate(n_articles, seed):
            truth[rec["id"]] = rec.pop("story")
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return truth


def story_scores(truth: dict[str, str], predicted: dict[str, str]) -> dict[str, float]:
    """Pairwise precision/recall of story ids, counted within groups (no all-pairs loop)."""
    def pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
        groups: dict[str, list[str]] = {}
        for a, lab in labels.items():
            groups.setdefault(lab, []).append(a)
        return {p for g in groups.values() for p in combinations(sorted(g), 2)}

    gold, pred = pairs(truth), pairs(predicted)
    tp = len(gold & pred)
    return {"precision": round(tp / len(pred), 4) if pred else 1.0,
            "recall": round(tp / len(gold), 4) if gold else 1.0,
            "gold_pairs": len(gold), "predicted_pairs": len(pred)}


def _cpu_seconds() -> float:
    """CPU time of this process (the writer: reading, storing, stories, merging)."""
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description="Benchmark `marsad run` on a generated corpus.")
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=500)
    ap.add_argument("--keep", type=Path, help="Keep the database (and corpus) in this folder.")
    args = ap.parse_args()

    from marsad.engine.run import RunStats, run_store
    from marsad.store.db import Store

    tmp = tempfile.TemporaryDirectory()
    folder = args.keep or Path(tmp.name)
    folder.mkdir(parents=True, exist_ok=True)
    corpus, db = folder / "corpus.jsonl", folder / "scale.duckdb"
    db.unlink(missing_ok=True)
    truth = write_corpus(corpus, args.articles)
    cpu0 = _cpu_seconds()
    marks: list[tuple[int, float]] = []
    cpu: list[float] = []
    t0 = time.perf_counter()

    def on_batch(st: RunStats) -> None:
        marks.append((st.added, time.perf_counter() - t0))
        cpu.append(_cpu_seconds())
        if st.batches % 20 == 0:
            print(f"  {st.added} articles, {marks[-1][1]:.0f}s", flush=True)

    stats = run_store([str(corpus)], db, workers=args.workers, batch_size=args.batch_size,
                      on_batch=on_batch)
    with Store(db, read_only=True) as store:
        predicted = dict(store.con.execute("SELECT article_id, story_id FROM articles").fetchall())
        counts = store.counts()
    per10k, cpu10k = [], []
    last_n, last_t, last_c = 0, 0.0, cpu0
    for (n, t), c in zip(marks, cpu, strict=True):
        if n - last_n >= 10_000 or n == marks[-1][0]:
            per10k.append(round((t - last_t) * 10_000 / max(1, n - last_n), 1))
            cpu10k.append(round((c - last_c) * 10_000 / max(1, n - last_n), 1))
            last_n, last_t, last_c = n, t, c
    tenth = max(1, len(marks) // 10)

    def rate(part: list[tuple[int, float]], prev: tuple[int, float]) -> float:
        return round((part[-1][1] - prev[1]) * 1000 / max(1, part[-1][0] - prev[0]), 2)

    first = rate(marks[:tenth], (0, 0.0))
    last = rate(marks[-tenth:], marks[-tenth - 1] if len(marks) > tenth else (0, 0.0))
    report = {
        "articles": stats.added, "seconds": round(stats.seconds, 1), "workers": args.workers,
        "seconds_per_10k_articles": per10k,
        "writer_cpu_seconds_per_10k_articles": cpu10k,
        "seconds_per_1k_first_tenth": first, "seconds_per_1k_last_tenth": last,
        "peak_rss_mb_writer": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "peak_rss_mb_workers": round(
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
        "db_mb": round(db.stat().st_size / 2**20, 1), "counts": counts,
        "stories": story_scores(truth, predicted),
    }
    print(json.dumps(report, indent=2))
    tmp.cleanup()


if __name__ == "__main__":
    main()

"""Throughput and peak memory of ``marsad extract`` in one process.

    python benchmarks/throughput.py [--articles N] [--source DIR ...]

Builds a corpus of seed-sized articles by recombining the paragraphs of the shipped
examples (and of ../shared/seeds when present) with shifted numbers and dates, then times
the pipeline on it. Start-up (loading the knowledge base and lemmatiser) is timed apart and
excluded from the rate. Prints articles/s, sentences/s, events and peak RSS.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from marsad.ingest import ReadError, read_inputs  # noqa: E402
from marsad.model import Article  # noqa: E402
from marsad.pipeline import Pipeline  # noqa: E402


def paragraphs(sources: list[Path]) -> list[str]:
    paras: list[str] = []
    for item in read_inputs([str(s) for s in sources if s.exists()]):
        if isinstance(item, ReadError) or not item.text:
            continue
        paras += [p.strip() for p in item.text.split("\n") if len(p.strip()) > 40]
    return paras


def corpus(paras: list[str], n: int, seed: int = 7) -> list[Article]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        k = rnd.randint(6, 12)  # seed articles have 8-20 paragraphs of 1-3 sentences
        body = "\n".join(rnd.choice(paras) for _ in range(k))
        body = re.sub(r"\d+", lambda m: str(int(m.group()) + rnd.randint(0, 3)), body)
        published = f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}"
        out.append(Article(id=f"bench-{i}", text=body, published=published))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=600)
    ap.add_argument("--source", type=Path, nargs="*",
                    default=[REPO / "examples", REPO.parent / "shared" / "seeds"])
    args = ap.parse_args()
    paras = paragraphs(args.source)
    if not paras:
        sys.exit("no source text found")
    docs = corpus(paras, args.articles)
    t0 = time.perf_counter()
    pipe = Pipeline()
    pipe(Article(id="warmup", text=paras[0], published="2023-01-01"))
    startup = time.perf_counter() - t0
    sentences = events = 0
    t1 = time.perf_counter()
    for a in docs:
        d = pipe(a)
        sentences += len(d.sentences)
        events += len(d.events)
    dt = time.perf_counter() - t1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    chars = sum(len(a.text or "") for a in docs) / len(docs)
    print(f"articles: {len(docs)} (mean {chars:.0f} chars) from {len(paras)} paragraphs")
    print(f"start-up: {startup:.2f} s (excluded)")
    print(f"throughput: {len(docs) / dt:.1f} articles/s, {sentences / dt:.0f} sentences/s, "
          f"{events} events")
    print(f"peak memory: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()

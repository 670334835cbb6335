"""Train Marsad's NER tagger (a CRF) from the shared corpora and report held-out scores.

Run from the repository root::

    python scripts/train_ner.py [--data ../shared/data/ner] [--out src/marsad/models/ner]

What it does (docs/ner.md has the reasons):

- reads ANERcorp (``anercorp-train/train.csv``), AQMAR (``aqmar/*.txt``) and the Wojood sample
  (``wojood-sample/*.txt``, nested: the outermost PER/ORG/location span of each place wins);
- maps their tags to the model's three classes: PER; ORG; LOC (ANERcorp LOC, AQMAR LOC,
  Wojood GPE/LOC/FAC). MISC/MIS and every other Wojood type become O;
- normalises each word with :func:`marsad.text.normalize.norm` and re-splits it with Marsad's
  tokenizer, so the model sees the words it will see at run time;
- holds out the last 15% of ANERcorp sentences (never trained on) and, for reference,
  AQMAR's and Wojood's test files; trains on everything else, ANERcorp's sentences twice
  (``--anercorp-weight``: news is the genre Marsad reads);
- feeds the gazetteer features the cue words of ``types.yaml`` (titles, organisation and
  place heads); ``--kb`` adds the knowledge base's names (docs/ner.md says why that is off);
- prints precision, recall and F1 per type and micro on the held-out parts, and writes
  ``ner.crfsuite`` plus ``training.json`` (settings and scores) to ``--out``.

Training is deterministic (L-BFGS on a fixed sentence order): the same data gives the same
model. ``--tune`` instead carves a development part off the training data and tries a few
regularisation settings, leaving the held-out part untouched.
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from marsad.extract.tagger import (  # noqa: E402
    Gazetteer,
    propagate,
    sentence_features,
    set_vocab,
    spans_from_bio,
    types_conf,
    vocab_counts,
    write_vocab,
)
from marsad.text.normalize import norm  # noqa: E402

Sentence = tuple[list[str], list[str]]  # normalised words, BIO labels

TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+|[^\w\s]|_+")  # marsad.text.tokens
TYPE_MAP = {"PER": "PER", "PERS": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC",
            "FAC": "LOC"}
HELD_OUT_SHARE = 0.15
TYPES = ("PER", "ORG", "LOC")
DOC_SIZE = 8  # sentences per pseudo-article when scoring propagate()
ANERCORP_WEIGHT = 2  # ANERcorp sentences are seen twice: news, the genre Marsad reads


def retokenize(words: list[str], types: list[str | None]) -> Sentence:
    """Normalise and split corpus words as Marsad does; ``types[i]`` is the entity type of
    word i and whether it begins a span is told by ``B:``/``I:`` prefixes."""
    out_w: list[str] = []
    out_l: list[str] = []
    for w, t in zip(words, types, strict=True):
        parts = TOKEN_RE.findall(norm(w))
        if not parts:
            continue
        first = True
        for p in parts:
            if t is None or not p[0].isalnum():
                out_w.append(p)
                out_l.append("O")
                continue
            bio, typ = t.split(":")
            out_w.append(p)
            out_l.append(f"{'B' if bio == 'B' and first else 'I'}-{typ}")
            first = False
    # a span must start with B- (a leading punctuation split may have orphaned an I-)
    for i, lab in enumerate(out_l):
        if lab.startswith("I-") and (i == 0 or out_l[i - 1][2:] != lab[2:]):
            out_l[i] = "B-" + lab[2:]
    return out_w, out_l


def _flat(tag: str) -> str | None:
    if tag == "O" or "-" not in tag:
        return None
    bio, typ = tag.split("-", 1)
    mapped = TYPE_MAP.get(typ)
    return f"{bio}:{mapped}" if mapped else None


def read_anercorp(path: Path) -> list[Sentence]:
    out = []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            words = row["sentence"].split(" ")
            tags = ast.literal_eval(row["entities"])
            if len(words) != len(tags):
                continue
            out.append(retokenize(words, [_flat(t) for t in tags]))
    return out


def _blocks(path: Path) -> list[list[list[str]]]:
    blocks: list[list[list[str]]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split()
        if not cols:
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(cols)
    return [b for b in blocks if b]


def read_aqmar(path: Path) -> list[Sentence]:
    out = []
    for b in _blocks(path):
        words = [c[0] for c in b]
        out.append(retokenize(words, [_flat(c[1]) if len(c) > 1 else None for c in b]))
    return out


def read_wojood(path: Path) -> list[Sentence]:
    """Wojood is nested (one IOB column per layer): keep the outermost span of a kept type."""
    out = []
    for b in _blocks(path):
        words = [c[0] for c in b]
        spans: list[tuple[int, int, str]] = []
        # a column mixes layers once an outer span ends, so rebuild the spans type by type
        for typ in sorted({x[2:] for c in b for x in c[1:] if x != "O"}):
            labels = [next((x for x in c[1:] if x[2:] == typ), "O") for c in b]
            spans += spans_from_bio(labels)
        kept = [(a, e, TYPE_MAP[t]) for a, e, t in spans if t in TYPE_MAP]
        kept.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
        types: list[str | None] = [None] * len(words)
        for a, e, t in kept:
            if all(x is None for x in types[a:e]):
                types[a] = f"B:{t}"
                for i in range(a + 1, e):
                    types[i] = f"I:{t}"
        out.append(retokenize(words, types))
    return out


def load(data: Path) -> dict[str, list[Sentence]]:
    aner = read_anercorp(data / "anercorp-train" / "train.csv")
    cut = int(len(aner) * (1 - HELD_OUT_SHARE))
    parts = {"anercorp-train": aner[:cut], "anercorp-heldout": aner[cut:]}
    aq, wj = data / "aqmar", data / "wojood-sample"
    if aq.is_dir():
        parts["aqmar-train"] = read_aqmar(aq / "train.txt") + read_aqmar(aq / "dev.txt")
        parts["aqmar-test"] = read_aqmar(aq / "test.txt")
    if wj.is_dir():
        parts["wojood-train"] = read_wojood(wj / "train.txt") + read_wojood(wj / "val.txt")
        parts["wojood-test"] = read_wojood(wj / "test.txt")
    return parts


def train(sents: list[Sentence], model: Path, c1: float, c2: float, iterations: int,
          gaz: Gazetteer, weighted: list[Sentence] = ()) -> None:
    """Train and write ``model``, plus ``vocab.tsv`` next to it (the rarity features).

    ``weighted`` sentences are seen twice more (crfsuite has no instance weights): the
    held-out genre, news, then weighs more than AQMAR's Wikipedia and Wojood's sample.
    """
    import pycrfsuite

    counts = vocab_counts(w for w, _ in sents)
    set_vocab(counts)
    write_vocab(counts, model.with_name("vocab.tsv"))
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, labels in [*sents, *weighted]:
        if words:
            trainer.append(sentence_features(words, gaz), labels)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True, "feature.minfreq": 1})
    trainer.train(str(model))


def evaluate(model: Path, sents: list[Sentence], gaz: Gazetteer,
             doc_size: int = 0) -> dict[str, dict[str, float]]:
    """Exact-span precision, recall and F1 per type and micro (CoNLL style).

    ``doc_size`` > 0 groups that many consecutive sentences into a pseudo-article and applies
    the tagger's article-level :func:`propagate`, as Marsad does at run time (the corpora
    keep no article boundaries).
    """
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    tp: Counter[str] = Counter()
    npred: Counter[str] = Counter()
    ngold: Counter[str] = Counter()
    sents = [s for s in sents if s[0]]
    step = doc_size or 1
    for k in range(0, len(sents), step):
        chunk = sents[k:k + step]
        preds = [spans_from_bio(tagger.tag(sentence_features(w, gaz))) for w, _ in chunk]
        if doc_size:
            preds = propagate([w for w, _ in chunk], preds)
        for (_, labels), found in zip(chunk, preds, strict=True):
            gold = set(spans_from_bio(labels))
            for s in gold:
                ngold[s[2]] += 1
            for s in set(found):
                npred[s[2]] += 1
                tp[s[2]] += s in gold
    tagger.close()
    scores = {}
    for t in (*TYPES, "micro"):
        def k(c: Counter[str], t: str = t) -> int:
            return sum(c.values()) if t == "micro" else c[t]

        p = k(tp) / k(npred) if k(npred) else 0.0
        r = k(tp) / k(ngold) if k(ngold) else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        scores[t] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "gold": k(ngold)}
    return scores


def show(name: str, scores: dict[str, dict[str, float]]) -> None:
    print(f"\n{name}")
    print(f"  {'type':<6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
    for t, s in scores.items():
        label = "LOC*" if t == "LOC" else t
        print(f"  {label:<6} {s['p']:6.3f} {s['r']:6.3f} {s['f1']:6.3f} {s['gold']:6d}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "ner")
    ap.add_argument("--out", type=Path, default=REPO / "src" / "marsad" / "models" / "ner")
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iterations", type=int, default=200)
    ap.add_argument("--anercorp-only", action="store_true", help="train on ANERcorp alone")
    ap.add_argument("--anercorp-weight", type=int, default=ANERCORP_WEIGHT,
                    help="times each ANERcorp training sentence is seen (default %(default)s)")
    ap.add_argument("--kb", action="store_true",
                    help="gazetteer features from the knowledge base too, not only cue words")
    ap.add_argument("--tune", action="store_true",
                    help="try settings on a dev part of the training data; save nothing")
    args = ap.parse_args()

    parts = load(args.data)
    train_names = ["anercorp-train"] if args.anercorp_only else [
        k for k in parts if k.endswith("-train")]
    for k, v in parts.items():
        print(f"{k}: {len(v)} sentences, {sum(len(w) for w, _ in v)} tokens")
    kb = None
    if args.kb:
        from marsad.kb import get_kb

        kb = get_kb()
    gaz = Gazetteer.build(kb, types_conf().get("cues") or {})
    again = max(args.anercorp_weight - 1, 0)

    if args.tune:
        aner = parts["anercorp-train"]
        cut = int(len(aner) * 0.85)
        extra = [s for k in train_names if k != "anercorp-train" for s in parts[k]]
        tmp = Path("/tmp/marsad-ner-tune/ner.crfsuite")
        tmp.parent.mkdir(exist_ok=True)
        for c1, c2 in ((0.01, 0.01), (0.05, 0.01), (0.15, 0.01)):
            t0 = time.perf_counter()
            train(aner[:cut] + extra, tmp, c1, c2, args.iterations, gaz, aner[:cut] * again)
            s = evaluate(tmp, aner[cut:], gaz)
            print(f"c1={c1} c2={c2}: dev micro F1 {s['micro']['f1']:.3f} "
                  f"({time.perf_counter() - t0:.0f} s)")
        return

    args.out.mkdir(parents=True, exist_ok=True)
    model = args.out / "ner.crfsuite"
    t0 = time.perf_counter()
    train([s for k in train_names for s in parts[k]], model, args.c1, args.c2, args.iterations,
          gaz, parts["anercorp-train"] * again if len(train_names) > 1 else [])
    print(f"\ntrained in {time.perf_counter() - t0:.0f} s on {', '.join(train_names)}; "
          f"{model.stat().st_size / 1e6:.1f} MB")
    report = {}
    for k in ("anercorp-heldout", "aqmar-test", "wojood-test"):
        if k in parts:
            report[k] = evaluate(model, parts[k], gaz)
            show(f"{k} (never trained on), sentence by sentence", report[k])
            report[k + "+propagation"] = evaluate(model, parts[k], gaz, doc_size=DOC_SIZE)
            show(f"{k}, with article-level propagation ({DOC_SIZE}-sentence pseudo-articles)",
                 report[k + "+propagation"])
    print("\nLOC* = the model's location class (Marsad types it GPE, LOC or FAC)")
    meta = {"trained_on": train_names, "held_out": list(report), "c1": args.c1, "c2": args.c2,
            "iterations": args.iterations, "held_out_share_anercorp": HELD_OUT_SHARE,
            "anercorp_weight": args.anercorp_weight if len(train_names) > 1 else 1,
            "gazetteer_kb": args.kb,
            "gazetteer_names": len(gaz.names), "scores": report}
    (args.out / "training.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

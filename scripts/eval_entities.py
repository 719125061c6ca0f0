#!/usr/bin/env python3
"""Precision and recall of entity extraction against the hand annotation.

    python scripts/eval_entities.py            # summary table
    python scripts/eval_entities.py -v         # plus every miss and false hit
    python scripts/eval_entities.py --seeds DIR  # read article texts from DIR

Two levels, per type (person, organization, place; figure at surface level):
  entity   distinct (article, type, canonical name) after merge() over the
           five articles: a wrong merge or a wrong canonical name costs here;
  surface  distinct (article, type, surface form) from extract().
Article texts come from the annotation file itself unless --seeds is given.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from tui.core.entities import (  # noqa: E402
    ENTITY_TYPES,
    FIGURE,
    extract,
    load_aliases,
    load_gazetteer,
    merge,
)

ANNOTATION = ROOT / "tests" / "fixtures" / "entities_annotation.yaml"
GAZETTEER = ROOT / "corpus" / "gazetteer.yaml"
ALIASES = ROOT / "corpus" / "aliases.yaml"


def load_annotation(path: Path = ANNOTATION, seeds_dir: Path | None = None) -> dict[str, dict]:
    """{article id: {"text": str, type: {canonical: [surfaces]}, "figure": [surfaces]}}"""
    with open(path, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    articles = data["articles"]
    if seeds_dir is not None:
        for aid, art in articles.items():
            art["text"] = (Path(seeds_dir) / aid).read_text(encoding="utf-8")
    return articles


def _score(gold: set, pred: set) -> dict:
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(gold) if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": len(pred - gold), "fn": len(gold - pred), "precision": p, "recall": r,
            "f1": f, "missed": sorted(gold - pred), "spurious": sorted(pred - gold)}


def evaluate(annotation_path: Path = ANNOTATION, seeds_dir: Path | None = None,
             gazetteer_path: Path = GAZETTEER, aliases_path: Path = ALIASES) -> dict:
    """{"entity"|"surface": {type: score}, "problems": [...], "words": int, "mentions": {...}}"""
    articles = load_annotation(annotation_path, seeds_dir)
    gazetteer, problems = load_gazetteer(gazetteer_path)
    aliases, more = load_aliases(aliases_path)
    problems += more
    mentions = {aid: extract(art["text"], gazetteer) for aid, art in articles.items()}
    entities = merge(mentions, aliases)

    gold_ent, gold_surf, pred_ent, pred_surf = set(), set(), set(), set()
    for aid, art in articles.items():
        text = art["text"]
        for etype in ENTITY_TYPES:
            for canonical, surfaces in (art.get(etype) or {}).items():
                gold_ent.add((aid, etype, canonical))
                for s in surfaces:
                    gold_surf.add((aid, etype, s))
                    if s not in text:
                        problems.append(f"annotation: {aid}: {s!r} does not occur in the text")
        for s in art.get(FIGURE) or []:
            gold_surf.add((aid, FIGURE, s))
        for m in mentions[aid]:
            pred_surf.add((aid, m.type, m.text))
    for e in entities:
        for aid in e.articles:
            pred_ent.add((aid, e.type, e.name))

    def by_type(gold: set, pred: set, types) -> dict:
        return {t: _score({g for g in gold if g[1] == t}, {p for p in pred if p[1] == t}) for t in types}

    return {
        "entity": by_type(gold_ent, pred_ent, ENTITY_TYPES),
        "surface": by_type(gold_surf, pred_surf, ENTITY_TYPES + (FIGURE,)),
        "problems": problems,
        "articles": articles,
        "words": sum(len(a["text"].split()) for a in articles.values()),
    }


def bench(articles: dict, repeat: int = 5, number: int = 10) -> float:
    """CPU milliseconds of extract() per 1,000 words (gazetteer loaded once; best
    of ``repeat`` runs of CPU time, so other load on the machine disturbs it less)."""
    gazetteer, _ = load_gazetteer(GAZETTEER)
    texts = [a["text"] for a in articles.values()]
    words = sum(len(t.split()) for t in texts)
    for t in texts:  # warm-up
        extract(t, gazetteer)
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for _ in range(number):
            for t in texts:
                extract(t, gazetteer)
        best = min(best, (time.process_time() - start) / number)
    return best * 1000 / words * 1000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--annotation", type=Path, default=ANNOTATION)
    ap.add_argument("--seeds", type=Path, default=None, help="directory with the seed .txt files")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and false hits")
    ap.add_argument("--no-bench", action="store_true", help="skip the speed measurement")
    args = ap.parse_args(argv)
    try:
        result = evaluate(args.annotation, args.seeds)
    except (OSError, yaml.YAMLError, KeyError) as exc:
        print(f"cannot evaluate: {exc}", file=sys.stderr)
        return 2
    for p in result["problems"]:
        print(f"problem: {p}")
    print(f"{'level':8} {'type':13} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
    for level in ("entity", "surface"):
        for etype, s in result[level].items():
            print(f"{level:8} {etype:13} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}"
                  f"  {s['tp']:3d} {s['fp']:3d} {s['fn']:3d}")
            if args.verbose:
                for item in s["missed"]:
                    print(f"    missed   {item[0][:3]} {item[2]!r}")
                for item in s["spurious"]:
                    print(f"    spurious {item[0][:3]} {item[2]!r}")
    if not args.no_bench:
        ms = bench(result["articles"])
        n = len(result["articles"])
        print(f"speed: {ms:.2f} ms per 1,000 words ({result['words']} words in {n} articles)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

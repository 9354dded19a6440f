#!/usr/bin/env python3
"""Scores `ties extract` against the gold annotations in ../shared, overall, per
language and per predicate, and prints markdown tables.

Usage: python3 scripts/score.py [--ties ./ties] [--shared ../shared] [--sets seeds,dev]

It builds nothing: pass the ties binary (default: `go run .`). The scoring
itself is ../shared/eval/score.py's, run on subsets of the gold and of the
predictions, so every figure here is one that scorer prints.
"""
import argparse
import importlib.util
import json
import os
import subprocess
import sys
from collections import defaultdict

SETS = {"seeds": ("seeds", "gold/seeds.json"), "dev": ("dev/docs", "gold/dev.json")}


def load_scorer(shared):
    path = os.path.join(shared, "eval", "score.py")
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def extract(ties, files):
    cmd = (ties.split() if ties else ["go", "run", "."]) + ["extract", *files]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def subset(gold, docs=None, predicate=None):
    """The gold restricted to some documents and, optionally, one predicate."""
    keep = lambda r: predicate is None or r[1] == predicate
    return {**gold, "documents": {
        d: {**g, "required": [r for r in g["required"] if keep(r)],
            "optional": [r for r in g.get("optional", []) if keep(r)]}
        for d, g in gold["documents"].items() if docs is None or d in docs}}


def row(name, r):
    return f'| {name} | {r["precision"]:.3f} | {r["recall"]:.3f} | {r["f1"]:.3f} | {r["tp"]} | {r["fp"]} | {r["fn"]} |'


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ties", default="", help="the ties command to run (default: go run .)")
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
    ap.add_argument("--sets", default="seeds,dev")
    a = ap.parse_args()
    if not os.path.isdir(a.shared):
        sys.exit(f"score.py: {a.shared} not found: the gold annotations live beside the clone in ../shared")
    scorer = load_scorer(a.shared)
    header = "| | precision | recall | F1 | tp | fp | fn |\n|---|---|---|---|---|---|---|"
    for name in a.sets.split(","):
        folder, goldfile = SETS[name]
        gold = json.load(open(os.path.join(a.shared, goldfile), encoding="utf-8"))
        files = [os.path.join(a.shared, folder, d) for d in sorted(gold["documents"])]
        preds = extract(a.ties, files)
        total = scorer.score(gold, preds)
        print(f"### {name}: {len(files)} documents\n")
        print(f'entities named in several documents: {total["entities_in_several_documents"]}, '
              f'kept as one node: {total["merged"]}\n')
        print(header)
        print(row("**all**", total))
        by_lang = defaultdict(set)
        for d, g in gold["documents"].items():
            by_lang[g.get("language", "?")].add(d)
        for lang in sorted(by_lang):
            print(row(lang, scorer.score(subset(gold, by_lang[lang]), preds)))
        print()
        print(header.replace("| |", "| predicate |", 1))
        for p in gold.get("vocabulary") or sorted({r[1] for g in gold["documents"].values() for r in g["required"]}):
            pred_p = [x for x in preds if x.get("predicate") == p]
            r = scorer.score(subset(gold, predicate=p), pred_p)
            if r["tp"] + r["fp"] + r["fn"]:
                print(row(p, r))
        print()


if __name__ == "__main__":
    main()

"""Trains the scorers of the experimental `tui.analysis.ranker` on the hand-annotated real-news batches.

An experiment that was not integrated (see README.md here): apply the engine side first, from the
repository root, on the commit it was made for (9d4c007, rules 37):
  git apply benchmarks/experiments/ranker/engine.patch

Usage (from the repository root):
  python benchmarks/experiments/ranker/train_ranker.py train [--cache DIR] [--dry-run]   # writes tui/analysis/ranker_weights.json
  python benchmarks/experiments/ranker/train_ranker.py compare [--cache DIR] [--rule R] [BATCH ...]  # shipped weights vs the hand rules

`train` learns from batches b01-b13 and b20-b50 only (the L2 penalty by 4-fold cross-validation
over those batches) and reports the held-out batches (b51-b66 and `final`) per decision; it is
deterministic (full-batch gradient descent from zero, weights rounded to 4 places), so running it
again writes the same file. `compare` runs the whole engine twice on each batch (default: the
held-out ones), once with the ranked rules (`pronoun.ranked`, `inherit.ranked`, or the one named by
--rule) switched off, and counts quotes whose speaker went right -> wrong and wrong -> right, as
`realnews_eval.py score` counts them.

Two decisions, two kinds of example. "pronoun": a quote whose cue's subject is "he"/"she".
"inherit": a whole quote with no cue of its own. The engine runs with every weight at 0 (so it
decides exactly as the hand rules do), `ranker.tracing` records the candidates and their facts
from the engine's own `pronoun_candidates` / `inherit_candidates`, and a candidate is right when its
name matches the quote's gold speaker (`realnews_eval.same_speaker`; "nobody" when the gold is null). The texts are read from
~/realnews (see realnews_eval.py); `--cache DIR` keeps the spaCy parses between runs.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[3]
WEIGHTS = ROOT / "tui" / "analysis" / "ranker_weights.json"
TRAIN = [f"b{n:02d}" for n in range(1, 14)] + [f"b{n:02d}" for n in range(20, 51)]
HELD_OUT = [f"b{n:02d}" for n in range(51, 67)] + ["final"]
L2_GRID = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0)  # the penalty is chosen by cross-validation on TRAIN alone
FOLDS = 4  # by batch: each fold holds out a quarter of the training batches
# Facts left out of a kind's score. For a cue-less quote the scorer stands alone: without the
# hand rules' pick it did better in cross-validation (717 vs 716 of 778); for a pronoun the pick
# stays (549 vs 547 of 599).
LEFT_OUT = {"pronoun": frozenset[str](), "inherit": frozenset({"rule_pick"})}
STEPS = 3000
RATE = 0.5


@dataclass
class Example:
    batch: str
    where: str  # article id and quote offset, for reading the errors
    names: tuple[str | None, ...]
    features: tuple[dict[str, float], ...]
    right: tuple[bool, ...]  # per candidate: is the gold speaker
    rule: int  # the candidate the hand rule picked


def _harness() -> Any:
    spec = importlib.util.spec_from_file_location("realnews_eval", ROOT / "benchmarks" / "realnews_eval.py")
    assert spec is not None and spec.loader is not None
    harness = importlib.util.module_from_spec(spec)
    sys.modules["realnews_eval"] = harness
    spec.loader.exec_module(harness)
    return harness


def parsed_batch(harness: Any, batch: str, nlp_box: list[Any], cache: Path | None) -> list[tuple[dict, Any, list]]:
    """(manifest entry, article, parsed blocks) for each article of a batch, parsed once."""
    path = cache / f"{batch}.pkl" if cache else None
    if path is not None and path.is_file():
        return pickle.loads(path.read_bytes())  # noqa: S301 - our own cache
    from tui.analysis import load_pipeline
    from tui.analysis.engine import parse
    from tui.document import load_article

    if not nlp_box:
        nlp_box.append(load_pipeline())
    items = []
    for entry in harness.load_manifest(batch)["articles"]:
        article = load_article(str(harness.text_path(batch, entry)))
        items.append((entry, article, parse(article, nlp_box[0])))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(items))
    return items


def examples(harness: Any, batch: str, items: list[tuple[dict, Any, list]]) -> dict[str, list[Example]]:
    """The batch's training examples per decision kind ("pronoun", "inherit")."""
    from tui.analysis import ranker
    from tui.analysis.engine import analyse_parsed

    out: dict[str, list[Example]] = {"pronoun": [], "inherit": []}
    for entry, article, blocks in items:
        with ranker.tracing({}) as trace:
            analysis = analyse_parsed(article, blocks)
        pronouns = [d for d in trace if d.kind == "pronoun"]
        inherited = {d.offset: d for d in trace if d.kind == "inherit"}
        gold, predicted, match = harness.match_quotes(entry, article, analysis)
        for gi, pi in sorted(match.items()):
            q, g = predicted[pi], gold[gi]
            rule = q.attribution.rule if q.attribution else ""
            if rule == "pronoun.ranked" and q.cue_start is not None:
                kind, d = "pronoun", next((d for d in pronouns if q.cue_start <= d.offset < (q.cue_end or q.cue_start)), None)
            elif rule in ("inherit.ranked", ""):
                kind, d = "inherit", inherited.get(q.start)
            else:
                continue
            if d is None or not d.names:
                continue
            right = tuple(harness.same_speaker(g["speaker"], g["aliases"], n) for n in d.names)
            picked = max(range(len(d.names)), key=lambda i: d.features[i]["rule_pick"])
            out[kind].append(Example(batch, f"{entry['id']}@{q.start}", d.names, d.features, right, picked))
    return out


def _matrix(ex: Example, names: list[str]) -> np.ndarray:
    return np.array([[f.get(n, 0.0) for n in names] for f in ex.features], dtype=np.float64)


def choose_l2(data: dict[str, list[Example]], left_out: frozenset[str] = frozenset()) -> tuple[float, list[str]]:
    """The L2 penalty with the most right picks over `FOLDS` folds of the training batches
    (each fold trained on the others); on a tie the larger, which stays closer to the hand rule."""
    batches = [b for b in TRAIN if b in data]
    folds = [batches[i::FOLDS] for i in range(FOLDS)]
    lines, best, best_right = [], L2_GRID[0], -1
    for l2 in L2_GRID:
        right = 0
        for fold in folds:
            w = train([ex for b in batches if b not in fold for ex in data[b]], l2, left_out)
            right += sum(ex.right[pick(ex, w)] for b in fold for ex in data[b])
        rule = sum(ex.right[ex.rule] for b in batches for ex in data[b])
        lines.append(f"  cross-validation L2 {l2:5}: ranker {right}, hand rule {rule}")
        if right >= best_right:
            best, best_right = l2, right
    return best, lines


def train(data: list[Example], l2: float, left_out: frozenset[str] = frozenset()) -> dict[str, float]:
    """Conditional logit over each decision's candidates (softmax), maximising the probability of
    the right ones, with an L2 penalty; full-batch gradient descent from zero: deterministic."""
    names = sorted({n for ex in data for f in ex.features for n in f} - left_out)
    usable = [ex for ex in data if any(ex.right) and not all(ex.right)]
    if not usable:
        return dict.fromkeys(names, 0.0)
    x = np.vstack([_matrix(ex, names) for ex in usable])  # every candidate of every decision
    y = np.concatenate([np.array(ex.right, dtype=np.float64) for ex in usable])
    starts = np.cumsum([0] + [len(ex.names) for ex in usable[:-1]])
    group = np.repeat(np.arange(len(usable)), [len(ex.names) for ex in usable])
    w = np.zeros(len(names))
    for _ in range(STEPS):
        s = x @ w
        s -= np.maximum.reduceat(s, starts)[group]
        e = np.exp(s)
        p = e / np.add.reduceat(e, starts)[group]
        q = p * y
        q /= np.add.reduceat(q, starts)[group]  # the posterior over the right candidates
        grad = l2 * w - x.T @ (q - p)
        w -= RATE * grad / len(usable)
    return {n: round(float(v), 4) for n, v in zip(names, w, strict=True)}


def pick(ex: Example, w: dict[str, float]) -> int:
    """The candidate `ranker.best` / `best_inherit` would choose (the same score and tie-breaks)."""
    from tui.analysis import ranker

    return max(
        range(len(ex.names)),
        key=lambda i: (ranker.score(ex.features[i], w), ex.features[i]["rule_pick"], -i),
    )


def report(name: str, data: list[Example], w: dict[str, float]) -> None:
    rule = sum(ex.right[ex.rule] for ex in data)
    ranked = sum(ex.right[pick(ex, w)] for ex in data)
    lost = [ex for ex in data if ex.right[ex.rule] and not ex.right[pick(ex, w)]]
    won = [ex for ex in data if not ex.right[ex.rule] and ex.right[pick(ex, w)]]
    reachable = sum(any(ex.right) for ex in data)
    print(
        f"{name}: {len(data)} quotes (gold speaker among the candidates: {reachable}); "
        f"hand rule {rule}, ranker {ranked}; right->wrong {len(lost)}, wrong->right {len(won)}"
    )


RANKED = ("pronoun.ranked", "inherit.ranked")


def compare(harness: Any, batches: list[str], nlp_box: list[Any], cache: Path | None, rules: tuple[str, ...] = RANKED) -> None:
    """Whole-quote accuracy with the ranked `rules` on against every ranked rule off."""
    from tui.analysis.engine import analyse_parsed
    from tui.analysis.rules import switched_off

    totals = [0, 0, 0, 0, 0]  # found, right (rules), right (ranker), right->wrong, wrong->right
    for batch in batches:
        for entry, article, blocks in parsed_batch(harness, batch, nlp_box, cache):
            with switched_off(*RANKED):
                before = analyse_parsed(article, blocks)
            with switched_off(*(r for r in RANKED if r not in rules)):
                after = analyse_parsed(article, blocks)
            verdicts = []
            for analysis in (before, after):
                names = {s.id: s.name for s in analysis.speakers}
                gold, predicted, match = harness.match_quotes(entry, article, analysis)
                verdicts.append(
                    {
                        gi: harness.same_speaker(
                            gold[gi]["speaker"], gold[gi]["aliases"], names.get(predicted[pi].speaker_id or "")
                        )
                        for gi, pi in match.items()
                    }
                )
            totals[0] += len(verdicts[1])
            totals[1] += sum(verdicts[0].values())
            totals[2] += sum(verdicts[1].values())
            for gi in verdicts[0].keys() | verdicts[1].keys():
                a, b = verdicts[0].get(gi, False), verdicts[1].get(gi, False)
                if a and not b:
                    totals[3] += 1
                    print(f"  right->wrong {batch} {entry['id']} gold quote {gi}")
                elif b and not a:
                    totals[4] += 1
                    print(f"  wrong->right {batch} {entry['id']} gold quote {gi}")
    found, rules, ranked, lost, won = totals
    print(
        f"{' '.join(batches)}: found quotes {found}; speakers right: hand rule {rules} ({rules / max(found, 1):.1%}), "
        f"ranker {ranked} ({ranked / max(found, 1):.1%}); right->wrong {lost}, wrong->right {won}"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="train_ranker", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train")
    t.add_argument("--dry-run", action="store_true", help="report, do not write the weights")
    c = sub.add_parser("compare")
    c.add_argument("batches", nargs="*")
    c.add_argument("--rule", action="append", choices=RANKED, help="compare only this ranked rule (repeatable)")
    for p in (t, c):
        p.add_argument("--cache", type=Path, help="keep spaCy parses here (pickles; outside the repository)")
    args = parser.parse_args(argv)
    harness = _harness()
    nlp_box: list[Any] = []
    if args.command == "compare":
        compare(harness, args.batches or HELD_OUT, nlp_box, args.cache, tuple(args.rule or RANKED))
        return 0
    data = {b: examples(harness, b, parsed_batch(harness, b, nlp_box, args.cache)) for b in TRAIN + HELD_OUT}
    learned = {}
    for kind in ("pronoun", "inherit"):
        train_set = [ex for b in TRAIN for ex in data[b][kind]]
        held = [ex for b in HELD_OUT for ex in data[b][kind]]
        l2, lines = choose_l2({b: data[b][kind] for b in TRAIN}, LEFT_OUT[kind])
        w = learned[kind] = train(train_set, l2, LEFT_OUT[kind])
        print(f"{kind}: L2 {l2}")
        print("\n".join(lines))
        for name, value in sorted(w.items(), key=lambda kv: -abs(kv[1])):
            print(f"  {name:20} {value:+.4f}")
        report("  training (b01-b13, b20-b50)", train_set, w)
        report("  held out (b51-b66, final)", held, w)
        report("  held out: final", data["final"][kind], w)
    if not args.dry_run:
        WEIGHTS.write_text(json.dumps(learned, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv[1:]))

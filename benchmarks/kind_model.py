"""Train and check the entity-kind scorer (`tui.analysis.kind_scorer`) on the real-news gold.

    python benchmarks/kind_model.py dump ROWS.jsonl b01 b02 ...   # engine evidence + gold label per entry
    python benchmarks/kind_model.py train ROWS.jsonl --train b01-b124   # writes tui/analysis/kind_weights.json
    python benchmarks/kind_model.py check ROWS.jsonl --test b125-b148  # the decision, entry by entry

`dump` runs the real pipeline and the hand rules, then labels each predicted entry with the kind
the annotators gave the name (or "none" where they listed no such entity). The rows hold names and
numbers only, no article text, but they are derived from the outlets' articles: keep them outside
the repository, next to the texts (~/realnews/). `train` fits a multinomial logistic regression
with numpy (L2-penalised, full-batch gradient descent) on the development batches only, so the
later batches stay a fair test. `check` prints how often the scorer's decision (with the threshold
in `tui.analysis.kinds`) is right against the hand rules', per kind, on the batches given.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import realnews_eval as R  # noqa: E402

from tui.analysis import kind_scorer  # noqa: E402

WEIGHTS = ROOT / "tui" / "analysis" / kind_scorer.WEIGHTS_FILE


def batch_range(spec: str) -> list[str]:
    """ "b01-b124" or "b125,b130" → batch names that have a manifest."""
    names: list[str] = []
    for part in spec.split(","):
        m = re.fullmatch(r"b(\d+)-b(\d+)", part)
        if m:
            width = len(m.group(1))
            names += [f"b{i:0{width}d}" if i < 100 else f"b{i}" for i in range(int(m.group(1)), int(m.group(2)) + 1)]
        else:
            names.append(part)
    return [n for n in names if (R.MANIFESTS / f"{n}.json").is_file()]


def dump(out: Path, batches: list[str]) -> None:
    from tui.analysis import load_pipeline
    from tui.analysis.clustering import cluster
    from tui.analysis.engine import parse
    from tui.analysis.entities import resolve
    from tui.analysis.kinds import typed
    from tui.document import load_article

    nlp = load_pipeline()
    with out.open("a", encoding="utf-8") as fh:
        for batch in batches:
            for entry in R.load_manifest(batch)["articles"]:
                try:
                    path = R.text_path(batch, entry)
                except R.HarnessError:
                    continue
                article = load_article(str(path))
                parsed = parse(article, nlp)
                gold = entry["entities"]
                forms = [R.name_forms(g["name"], g["aliases"]) for g in gold]
                for ent, kind, evidence in typed(cluster(resolve(parsed)), parsed):
                    fits = R.entity_fits(ent.name, [m.text for m in ent.mentions], forms)
                    same = [i for i in fits if gold[i]["kind"] == kind.value]
                    label = gold[(same or fits)[0]]["kind"] if fits else "none"
                    row = {
                        "batch": batch,
                        "id": entry["id"],
                        "name": ent.name,
                        "rule": kind.value,
                        "label": label,
                        "evidence": evidence,
                    }
                    fh.write(json.dumps(row) + "\n")
            print(batch, file=sys.stderr, flush=True)


def load_rows(path: Path, batches: list[str]) -> list[dict]:
    wanted = set(batches)
    return [row for row in map(json.loads, path.open(encoding="utf-8")) if row["batch"] in wanted]


def train(rows: list[dict], l2: float, steps: int, l2_words: float | None = None) -> dict:
    import numpy as np

    expanded = [kind_scorer.expand(r["evidence"], r["rule"]) for r in rows]
    counts = Counter(name for x in expanded for name in x)
    names = sorted(n for n, c in counts.items() if c >= 5)  # a feature seen fewer times learns noise
    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for i, feats in enumerate(expanded):
        for name, value in feats.items():
            if name in index:
                x[i, index[name]] = value
    labels = kind_scorer.LABELS
    y = np.array([labels.index(r["label"]) for r in rows])
    onehot = np.eye(len(labels))[y]
    # Word features are many and each is seen rarely: they may get their own, stronger penalty.
    penalty = np.array([(l2_words if l2_words is not None and n.startswith(kind_scorer.LEXICAL) else l2) for n in names])[:, None]
    w = np.zeros((len(names), len(labels)))
    b = np.zeros(len(labels))
    # Adam on the mean cross-entropy plus an L2 penalty on the weights (not the bias).
    m_w, v_w, m_b, v_b = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, steps + 1):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad_z = (p - onehot) / len(rows)
        g_w = x.T @ grad_z + penalty * w
        g_b = grad_z.sum(axis=0)
        for param, grad, m, v in ((w, g_w, m_w, v_w), (b, g_b, m_b, v_b)):
            m *= beta1
            m += (1 - beta1) * grad
            v *= beta2
            v += (1 - beta2) * grad * grad
            param -= rate * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)
    loss = -np.log(p[np.arange(len(rows)), y] + 1e-12).mean()
    print(f"trained on {len(rows)} entries, {len(names)} features; loss {loss:.3f}", file=sys.stderr)
    return {
        "labels": list(labels),
        "bias": [round(float(v), 4) for v in b],
        "weights": {n: [round(float(v), 4) for v in w[i]] for i, n in enumerate(names) if np.abs(w[i]).max() >= 1e-3},
    }


def weights_text(weights: dict) -> str:
    """JSON with one feature per line, so that a retrained model's diff reads feature by feature."""
    head = {k: v for k, v in weights.items() if k != "weights"}
    lines = [f"{json.dumps(name)}: {json.dumps(row)}" for name, row in sorted(weights["weights"].items())]
    return json.dumps(head, sort_keys=True)[:-1] + ', "weights": {\n' + ",\n".join(lines) + "\n}}\n"


def check(rows: list[dict]) -> None:
    from tui.analysis.kinds import learned
    from tui.model import EntityKind

    tally: dict[str, Counter] = {"rules": Counter(), "scorer": Counter()}
    for r in rows:
        decision = learned(EntityKind(r["rule"]), r["evidence"])
        for who, kind in (("rules", r["rule"]), ("scorer", decision.value if decision else None)):
            if kind is not None:
                tally[who][f"predicted {kind}"] += 1
                tally[who][f"right {kind}"] += kind == r["label"]
    gold = Counter(r["label"] for r in rows)
    print(f"{len(rows)} entries; labels {dict(gold)}")
    for who, t in tally.items():
        cells = []
        for kind in ("person", "place", "organization"):
            p = t[f"right {kind}"] / max(t[f"predicted {kind}"], 1)
            cells.append(f"{kind} {p:.1%} of {t[f'predicted {kind}']} (right {t[f'right {kind}']})")
        right = sum(t[f"right {k}"] for k in ("person", "place", "organization"))
        wrong = sum(t[f"predicted {k}"] for k in ("person", "place", "organization")) - right
        print(f"  {who:7} " + "; ".join(cells) + f"; right {right}, wrong {wrong}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kind_model", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_dump = sub.add_parser("dump")
    p_dump.add_argument("rows", type=Path)
    p_dump.add_argument("batches", nargs="+")
    p_train = sub.add_parser("train")
    p_train.add_argument("rows", type=Path)
    p_train.add_argument("--train", default="b01-b124")
    p_train.add_argument("--l2", type=float, default=1e-4)
    p_train.add_argument("--steps", type=int, default=800)
    p_train.add_argument("--l2-words", type=float, default=None)
    p_train.add_argument("--out", type=Path, default=WEIGHTS)
    p_check = sub.add_parser("check")
    p_check.add_argument("rows", type=Path)
    p_check.add_argument("--test", default="b125-b148")
    args = parser.parse_args(argv)
    if args.command == "dump":
        dump(args.rows, [b for spec in args.batches for b in batch_range(spec)])
    elif args.command == "train":
        weights = train(load_rows(args.rows, batch_range(args.train)), args.l2, args.steps, args.l2_words)
        weights["trained_on"] = args.train
        args.out.write_text(weights_text(weights), encoding="utf-8")
        kind_scorer.weights.cache_clear()
        print(f"wrote {args.out}")
    else:
        check(load_rows(args.rows, batch_range(args.test)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""How much a bundle's figures on its own synthetic split fall when the text is perturbed without changing its meaning.

    python benchmarks/perturb_split.py --bundle BUNDLE --dataset DATASET_DIR [--episodes 300] \
        [--distractors DIR] [--shares 0.1 0.25] [--precision fp32|bf16] [--out FILE]

Each perturbation keeps every line of the episode and its codes; it only adds or moves text:
- `sentences S`: sentences of unrelated clinical text (the .txt files under --distractors, e.g. the English CodiEsp
  case reports) inserted between lines until they make up a share S of the episode's words;
- `words S`: single words of that text inserted between words, the same share;
- `shuffled lines`: the episode's lines in a random order.

If accuracy falls little under these, what a model misses on real reports is not explained by extra unfamiliar text
or another layout, and the remedy is in how the clinical content itself is worded. The episodes are a fixed sample of
the split (seed 0), coded and scored as `score_split.py` codes and scores them (the bundle's own decision), each
perturbation from the same seed, so a run is reproducible.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

_SENTENCE_END = re.compile(r"(?<=[.])\s+")
_WORD = re.compile(r"[A-Za-z]{4,}")


def sentences_of(texts: list[str], low: int = 30, high: int = 200) -> list[str]:
    """The sentences of `texts` between `low` and `high` characters long, whitespace-trimmed, in order."""
    out = []
    for text in texts:
        out.extend(s.strip() for s in _SENTENCE_END.split(text) if low < len(s.strip()) < high)
    return out


def insert_sentences(text: str, share: float, rng: random.Random, sentences: list[str]) -> str:
    """`text` with whole sentences inserted as lines of their own until they hold `share` of its words."""
    lines = text.split("\n")
    target, added = share * len(text.split()), 0
    while added < target:
        sentence = rng.choice(sentences)
        lines.insert(rng.randrange(len(lines) + 1), sentence)
        added += len(sentence.split())
    return "\n".join(lines)


def insert_words(text: str, share: float, rng: random.Random, words: list[str]) -> str:
    """`text` with `share` times its word count of single words inserted between its words."""
    tokens = text.split(" ")
    for _ in range(int(share * len(tokens))):
        tokens.insert(rng.randrange(len(tokens) + 1), rng.choice(words))
    return " ".join(tokens)


def shuffle_lines(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    rng.shuffle(lines)
    return "\n".join(lines)


def perturbations(sentences: list[str], shares: list[float]) -> dict:
    """name -> f(text, rng): the unperturbed text first, then those that need no distractor text, then the rest."""
    out = {"none": lambda text, rng: text, "shuffled lines": shuffle_lines}
    if sentences:
        words = sorted({w.lower() for s in sentences for w in _WORD.findall(s)})
        for share in shares:
            out[f"sentences {share:g}"] = lambda text, rng, s=share: insert_sentences(text, s, rng, sentences)
            out[f"words {share:g}"] = lambda text, rng, s=share: insert_words(text, s, rng, words)
    return out


def score(bundle: str, dataset: Path, episodes: int, distractors: Path | None, shares: list[float],
          precision: str = "fp32", split: str = "test") -> dict:
    from datasets import load_from_disk

    from autocoding.eval.evaluation import evaluate_predictions
    from autocoding.serving.predictor import Coder, ServingOptions

    data = load_from_disk(str(dataset))[split]
    rows = sorted(random.Random(0).sample(range(len(data)), min(episodes, len(data))))
    texts = [data["text"][i] for i in rows]
    coder = Coder.from_bundle(bundle, ServingOptions(progress=False, precision=precision))
    gold = {system: [list(data[system][i]) for i in rows] for system in coder.systems}
    sentences = []
    if distractors is not None:
        sentences = sentences_of([p.read_text(errors="replace") for p in sorted(distractors.glob("*.txt"))])
    results = {}
    for name, perturb in perturbations(sentences, shares).items():
        rng = random.Random(1)
        coded = coder.code([perturb(text, rng) for text in texts])
        evaluation = evaluate_predictions(coded.outputs, gold, coder.bundle.thresholds, coder.code_systems,
                                          ood_flags=coded.ood_flags, split="split", blocked=coded.blocked,
                                          weak_evidence=coded.weak_evidence)
        m = {k.removeprefix("split/"): v for k, v in evaluation.metrics.items()}
        auto_n = int(m["automation/auto_episodes"])
        results[name] = {"automation_rate": m["automation/rate"], "auto_coded": auto_n,
                         "auto_coded_right": int(round(m["automation/accuracy"] * auto_n)) if auto_n else 0,
                         "primary_diagnosis_accuracy": m.get("audit/primary_diagnosis_accuracy"),
                         "primary_procedure_accuracy": m.get("audit/primary_procedure_accuracy"),
                         "episode_accuracy": m.get("audit/episode_accuracy")}
    return {"bundle": bundle, "dataset": str(dataset), "split": split, "episodes": len(rows),
            "distractor_sentences": len(sentences), "perturbations": results}


def render(r: dict) -> str:
    def pct(x):
        return "n/a" if x is None or x != x else f"{100 * x:.1f}%"
    lines = [f"{r['episodes']} episodes of the {r['split']} split of {r['dataset']}, bundle {r['bundle']}",
             f"  {'perturbation':<16} {'automated':>9} {'(right)':>9} {'primary dx':>10} {'primary px':>10} "
             f"{'whole':>7}"]
    for name, m in r["perturbations"].items():
        counts = f"{m['auto_coded_right']}/{m['auto_coded']}"
        lines.append(f"  {name:<16} {pct(m['automation_rate']):>9} {counts:>9} "
                     f"{pct(m['primary_diagnosis_accuracy']):>10} "
                     f"{pct(m['primary_procedure_accuracy']):>10} {pct(m['episode_accuracy']):>7}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", required=True, help="bundle directory, runs:/ or models:/ URI")
    parser.add_argument("--dataset", type=Path, required=True, help="a dataset folder written by autocoding build")
    parser.add_argument("--split", default="test")
    parser.add_argument("--episodes", type=int, default=300, help="how many episodes of the split to sample")
    parser.add_argument("--distractors", type=Path, default=None, help="a folder of .txt files of unrelated text")
    parser.add_argument("--shares", type=float, nargs="+", default=[0.1, 0.25])
    parser.add_argument("--precision", default="fp32", choices=["fp32", "bf16"])
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    if args.distractors is not None and not args.distractors.is_dir():
        parser.error(f"--distractors {args.distractors}: not a folder")
    result = score(args.bundle, args.dataset, args.episodes, args.distractors, args.shares, args.precision,
                   args.split)
    print(render(result))
    if args.out:
        from autocoding.files import write_json_atomic

        write_json_atomic(args.out, result, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How well measures of label-attention concentration tell right codes from wrong ones, beside the probability.

    python benchmarks/evidence_concentration.py --bundle DIR --data DATASET [--extract DIR ...]

Among codes with probability >= 0.5 on the dataset's test split and on each extract (joined as the bundle's dataset
config says, gold from its audit rows), prints the ROC AUC (right vs wrong code; 0.5 = no separation) of: `top`,
the largest attention weight on one document word (what `policy.evidence` bounds); `entropy`, minus the entropy of
the attention restricted to document words, over log(words); `top5`, the attention mass of the five largest; and
the probability. The heads' attention is recomputed here from the encoder states, as `model.label_attention` does.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

MEASURES = ("top", "entropy", "top5", "prob")


def measures(coder, texts: list[str]) -> dict[str, dict[str, np.ndarray]]:
    import torch

    from autocoding.serving.evidence import Evidence

    network, n = coder.network.eval(), len(texts)
    out = {m: {s: np.zeros((n, len(c))) for s, c in coder.bundle.labels.items()} for m in MEASURES}
    with torch.inference_mode():
        for batch in coder._batches(texts, np.zeros(n), Evidence(), coder.text_sections(texts)):
            rows = batch["row"].numpy()
            states, mask = network.encode(batch["input_ids"], batch["attention_mask"])
            words = (batch["evidence_mask"].reshape(mask.shape) * mask).bool()
            for system, head in network.heads.items():
                projected = torch.tanh(torch.nn.functional.linear(states.float(), head.project.weight))
                scores = (projected @ head.queries.t()).masked_fill(~mask.bool().unsqueeze(-1),
                                                                    torch.finfo(torch.float32).min)
                weights = torch.softmax(scores, 1) * mask.unsqueeze(-1)
                weights = weights.reshape(*weights.shape[:2], head.n_labels, -1).mean(-1) * words.unsqueeze(-1)
                share = weights / weights.sum(1, keepdim=True).clamp(min=1e-12)
                entropy = -(share * torch.log(share.clamp(min=1e-12))).sum(1)
                out["top"][system][rows] = weights.max(1).values.numpy()
                out["entropy"][system][rows] = (-entropy / torch.log(words.sum(1).clamp(min=2).float())[:, None]
                                                ).numpy()
                out["top5"][system][rows] = weights.topk(min(5, weights.shape[1]), dim=1).values.sum(1).numpy()
                out["prob"][system][rows] = torch.sigmoid(head(states, mask)[0]).numpy()
    return out


def report(name: str, coder, texts: list[str], gold: dict[str, list[list[str]]]) -> None:
    from sklearn.metrics import roc_auc_score

    from autocoding.policy.evidence import gold_matrix

    found = measures(coder, texts)
    for system in coder.systems:
        predicted = found["prob"][system] >= 0.5
        right = gold_matrix(gold[system], coder.bundle.labels[system])[predicted] > 0
        if right.all() or not right.any():
            print(f"{name} {system}: {int(predicted.sum())} predicted, {int((~right).sum())} wrong")
            continue
        print(f"{name} {system}: {int(predicted.sum())} predicted, {int((~right).sum())} wrong; AUC right vs wrong: "
              + ", ".join(f"{m} {roc_auc_score(right, found[m][system][predicted]):.3f}" for m in MEASURES))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", required=True, type=Path)
    parser.add_argument("--data", required=True, type=Path)
    parser.add_argument("--extract", type=Path, action="append", default=[])
    args = parser.parse_args(argv)

    from datasets import load_from_disk

    from autocoding.data.extract import load_extract
    from autocoding.pipelines.evaluate_job import gold_codes
    from autocoding.serving.predictor import Coder
    from autocoding.serving.texts import join_episode_texts

    coder = Coder.from_bundle(args.bundle)
    test = load_from_disk(str(args.data))["test"]
    report("test split", coder, list(test["text"]), {s: [list(c) for c in test[s]] for s in coder.systems})
    types = ((coder.bundle.config.get("dataset") or {}).get("documents") or {}).get("types")
    for extract in args.extract:
        loaded = load_extract(extract, coder.code_systems or {}, on_error="quarantine")
        ids = loaded.episodes["episode_id"].astype(str).tolist()
        texts = join_episode_texts(loaded.documents, ids,
                                   types or sorted(loaded.documents["doc_type"].astype(str).unique()))
        report(str(extract), coder, texts, gold_codes(loaded, coder.systems, "audit"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

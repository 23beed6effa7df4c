"""Time of the label-wise heads against the encoder, with the heads' big products in float32 or in bf16.

    python benchmarks/bench_heads.py --bundle BUNDLE --extract DIR [--n 800] [--repeats 3] [--dataset DIR]

Codes the first N documents of an extract (documents.parquet) with the bundle in bf16 as `autocoding code` does
(encoder weights cast to bf16 once): the encoder pass is timed once and its outputs cached, then each head pass is
timed `--repeats` times on the cached states, given as float32 (products in float32) and as bf16 (products in bf16,
what serving does). Prints seconds per pass. With `--dataset` (a folder written by `autocoding build`) it also codes
that dataset's test split both ways (`Coder.code`, the bundle's thresholds and detectors) and prints how often the
auto/exception decision and the codes agree, and the largest probability difference.
"""

from __future__ import annotations

import argparse
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", required=True)
    parser.add_argument("--extract", required=True, help="a folder with documents.parquet")
    parser.add_argument("--n", type=int, default=800)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--dataset", default=None, help="also compare decisions on this dataset's test split")
    args = parser.parse_args()

    import numpy as np
    import pandas as pd
    import torch

    from autocoding.serving.predictor import Coder, ServingOptions

    coder = Coder.from_bundle(args.bundle, ServingOptions(precision="bf16", progress=False))
    texts = pd.read_parquet(f"{args.extract}/documents.parquet")["text"].astype(str).tolist()[: args.n]
    network = coder.network.eval()
    cached = []
    with torch.inference_mode():
        start = time.perf_counter()
        for batch in coder._batches(texts, np.zeros(len(texts))):
            cached.append(network.encode(batch["input_ids"], batch["attention_mask"]))
        print(f"encoder (bf16): {time.perf_counter() - start:.2f} s for {len(texts)} documents")
        for _ in range(args.repeats):
            for name, dtype in (("float32", torch.float32), ("bf16", torch.bfloat16)):
                start = time.perf_counter()
                for states, mask in cached:
                    for head in network.heads.values():
                        head(states.to(dtype), mask)
                print(f"heads, {name} products: {time.perf_counter() - start:.2f} s", flush=True)
    if args.dataset:
        agreement(coder, args.dataset)


def agreement(coder, dataset: str) -> None:
    """Decisions and codes of the test split with the heads' products in bf16 (as served) and in float32."""
    import numpy as np
    from datasets import load_from_disk

    texts = list(load_from_disk(dataset)["test"]["text"])
    low = coder.code(texts)
    encode = type(coder.network).encode

    def encode_float32(network, *args, **kwargs):
        states, mask = encode(network, *args, **kwargs)
        return states.float(), mask

    coder.network.encode = encode_float32.__get__(coder.network)  # this instance only
    try:
        high = coder.code(texts)
    finally:
        del coder.network.encode
    same_decision = float(np.mean(low.decisions.auto == high.decisions.auto))
    same_codes = float(np.mean([all(low.decisions.codes[s][i] == high.decisions.codes[s][i] for s in low.outputs)
                                for i in range(len(texts))]))
    largest = max(float(np.abs(low.outputs[s].probs - high.outputs[s].probs).max()) for s in low.outputs)
    print(f"test split, {len(texts)} episodes: same decision {same_decision:.2%}, same codes {same_codes:.2%}, "
          f"largest probability difference {largest:.4f}")


if __name__ == "__main__":
    main()

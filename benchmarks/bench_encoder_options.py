"""Where the coding time goes, and what the CPU options buy: a bundle's encoder on one batch, fp32 / bf16 /
int8 dynamic quantisation / torch.compile (bf16), with the fidelity of each against fp32.

    python benchmarks/bench_encoder_options.py --bundle DIR [--threads 2] [--batch-size 32] [--tokens 200]

Random token ids (no padding), `--repeats` timed passes after one warm-up (the warm-up of the compiled model is its
compilation, printed apart). Fidelity: mean cosine similarity of the last hidden states to fp32's, per sequence.
"""

from __future__ import annotations

import argparse
import copy
import json
import platform
import time


def _time(model, ids, mask, repeats: int) -> tuple[float, float, object]:
    import torch

    with torch.inference_mode():
        start = time.perf_counter()
        model(input_ids=ids, attention_mask=mask)
        first = time.perf_counter() - start
        start = time.perf_counter()
        for _ in range(repeats):
            out = model(input_ids=ids, attention_mask=mask).last_hidden_state
    return first, (time.perf_counter() - start) / repeats, out.float()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", required=True)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--tokens", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--compile", action="store_true", help="also torch.compile (bf16, dynamic shapes)")
    args = parser.parse_args()

    import torch

    from autocoding.registry.bundle import load_bundle_dir

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    encoder = load_bundle_dir(args.bundle).network.encoder.eval()
    ids = torch.randint(1000, 20000, (args.batch_size, args.tokens))
    mask = torch.ones_like(ids)
    _, fp32, reference = _time(encoder, ids, mask, args.repeats)
    variants = {"bf16": copy.deepcopy(encoder).to(torch.bfloat16),
                "int8 dynamic": torch.ao.quantization.quantize_dynamic(copy.deepcopy(encoder), {torch.nn.Linear},
                                                                      dtype=torch.qint8)}
    if args.compile:
        variants["bf16 + torch.compile"] = torch.compile(copy.deepcopy(encoder).to(torch.bfloat16), dynamic=True)
    rows = [{"variant": "fp32", "seconds": fp32, "sequences_per_s": args.batch_size / fp32, "cosine": 1.0}]
    for name, model in variants.items():
        first, seconds, out = _time(model, ids, mask, args.repeats)
        cosine = torch.nn.functional.cosine_similarity(out.flatten(1), reference.flatten(1)).mean().item()
        rows.append({"variant": name, "seconds": seconds, "sequences_per_s": args.batch_size / seconds,
                     "cosine": cosine, "first_call_s": first})
    print(json.dumps({"machine": platform.processor() or platform.machine(), "threads": args.threads,
                      "batch": args.batch_size, "tokens": args.tokens, "torch": torch.__version__}, indent=None))
    print(f"{'variant':<22} {'s / batch':>9} {'sequences/s':>11} {'vs fp32':>7} {'cosine':>7}")
    for row in rows:
        print(f"{row['variant']:<22} {row['seconds']:>9.3f} {row['sequences_per_s']:>11.1f} "
              f"{fp32 / row['seconds']:>6.2f}x {row['cosine']:>7.4f}"
              + (f"  (first call {row['first_call_s']:.1f} s)" if row.get("first_call_s", 0) > 5 else ""))


if __name__ == "__main__":
    main()

"""Training throughput of the coder network: samples/s and tokens/s of forward + backward + optimiser step.

    python benchmarks/bench_training.py --model minilm --tokens 512 --batch-size 16 --precision bf16-mixed
    python benchmarks/bench_training.py --model bert_base --pretrained /models/clinical-bert --device cuda

Random token ids in full windows (no padding: the upper bound the hardware allows), the label heads of the demo's
size (132 ICD-10 + 37 OPCS-4 codes), AdamW at the config's learning rates. The first `--warmup` steps are not timed
(kernel selection, allocator). A `bert_base` without `--pretrained` is built with random weights from its shape,
which times the same as the pretrained model.
"""

from __future__ import annotations

import argparse
import json
import platform
import time

import torch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="minilm", help="a conf/model option: minilm | bert_base | tiny")
    parser.add_argument("--pretrained", default=None, help="encoder path for bert_base (else random init of its shape)")
    parser.add_argument("--tokens", type=int, default=512, help="tokens per window (one window per sample)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--precision", default="bf16-mixed", choices=["32-true", "bf16-mixed"])
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--frozen-layers", type=int, default=0)
    parser.add_argument("--json", default=None)
    args = parser.parse_args()

    from omegaconf import OmegaConf

    from autocoding.config import compose
    from autocoding.model.encoder import ModelSpec
    from autocoding.model.loss import coder_loss
    from autocoding.model.network import build_network

    overrides = [f"model={args.model}", f"model.encoder.frozen_layers={args.frozen_layers}"]
    if args.model == "bert_base" and not args.pretrained:
        overrides += ["model.encoder.pretrained=null", "+model.encoder.config={model_type: bert}"]
    elif args.pretrained:
        overrides.append(f"model.encoder.pretrained={args.pretrained}")
    cfg = compose("train", overrides)
    spec = ModelSpec.from_dict(OmegaConf.to_container(cfg.model, resolve=True))
    labels = {"icd10": [f"D{i}" for i in range(132)], "opcs4": [f"P{i}" for i in range(37)]}
    network = build_network(spec, labels, vocab_size=30522).to(args.device).train()
    heads = [p for p in network.heads.parameters()]
    encoder = [p for p in network.encoder.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW([{"params": encoder, "lr": 1e-4}, {"params": heads, "lr": 2e-3}])
    b, t = args.batch_size, args.tokens
    ids = torch.randint(1000, 29000, (b, 1, t), device=args.device)
    mask = torch.ones_like(ids)
    targets = {s: (torch.rand(b, len(c), device=args.device) < 0.02).float() for s, c in labels.items()}
    primary = {s: torch.randint(0, len(c), (b,), device=args.device) for s, c in labels.items()}
    dtype = torch.bfloat16 if args.precision == "bf16-mixed" else torch.float32

    def step() -> None:
        with torch.autocast(args.device, dtype=dtype, enabled=dtype is torch.bfloat16):
            loss = coder_loss(network(ids, mask), targets, primary, 1.0)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)

    for _ in range(args.warmup):
        step()
    if args.device == "cuda":
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
    start = time.perf_counter()
    for _ in range(args.steps):
        step()
    if args.device == "cuda":
        torch.cuda.synchronize()
    seconds = time.perf_counter() - start
    result = {"model": args.model, "device": args.device,
              "device_name": torch.cuda.get_device_name() if args.device == "cuda" else (platform.processor() or platform.machine()),
              "threads": torch.get_num_threads(), "precision": args.precision, "batch_size": b, "tokens": t,
              "frozen_layers": args.frozen_layers, "steps": args.steps, "seconds": round(seconds, 3),
              "samples_per_s": round(b * args.steps / seconds, 2), "tokens_per_s": round(b * t * args.steps / seconds),
              "peak_gpu_mib": round(torch.cuda.max_memory_allocated() / 2**20) if args.device == "cuda" else None}
    print(json.dumps(result))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()

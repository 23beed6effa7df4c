"""Choosing the numeric precision: bf16 mixed precision where the hardware runs it, else float32."""

from __future__ import annotations

import contextlib
import functools

import torch

BF16 = "bf16-mixed"
FP32 = "32-true"
_ALIASES = {
    "32": FP32,
    "fp32": FP32,
    "32-true": FP32,
    "bf16": BF16,
    "bf16-mixed": BF16,
    "16-mixed": "16-mixed",
}


@functools.cache
def cpu_supports_bf16() -> bool:
    """True when this CPU has native bf16 (AVX512-BF16 / AMX) and a bf16 autocast matmul runs.

    Without native support bf16 autocast is emulated and slower than float32, so we check for it."""
    try:
        if not torch.ops.mkldnn._is_mkldnn_bf16_supported():
            return False
        with torch.autocast("cpu", dtype=torch.bfloat16):
            out = torch.nn.functional.linear(torch.randn(4, 8), torch.randn(8, 8))
        return out.dtype == torch.bfloat16 and bool(torch.isfinite(out).all())
    except (RuntimeError, AttributeError):
        return False


def resolve_precision(precision: str | int, accelerator: str) -> str:
    """`auto` -> bf16-mixed where supported (CPU: native bf16; GPU: bf16 CUDA), else 32-true / 16-mixed."""
    precision = str(precision)
    if precision != "auto":
        return _ALIASES.get(precision, precision)
    if accelerator in ("gpu", "cuda") or (accelerator == "auto" and torch.cuda.is_available()):
        return BF16 if torch.cuda.is_available() and torch.cuda.is_bf16_supported() else "16-mixed"
    return BF16 if cpu_supports_bf16() else FP32


def autocast(precision: str, device: torch.device | str = "cpu"):
    """The autocast context matching a Lightning precision string, for inference outside the Trainer."""
    device_type = torch.device(device).type
    precision = _ALIASES.get(str(precision), str(precision))
    if precision == BF16:
        return torch.autocast(device_type, dtype=torch.bfloat16)
    if precision == "16-mixed":
        return torch.autocast(device_type, dtype=torch.float16)
    return contextlib.nullcontext()

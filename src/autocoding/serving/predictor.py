"""Coding new episodes with a model bundle: `Coder.from_bundle(uri).code_episodes(texts or DataFrame)`.

Throughput on CPU comes from doing little work per episode:
- texts are tokenised in blocks of `block_size` and each block is sorted by length, so a batch holds documents
  of similar length and dynamic padding (`autocoding.model.segments.pad_segments`) pads little;
- `torch.inference_mode` (no autograd bookkeeping) and optional bf16: the encoder's weights are cast to bf16 once
  (a copy; the label-wise heads stay float32, as they compute in float32 anyway), which on CPUs with native bf16
  (AMX / AVX512-BF16) is ~1.35x faster than bf16 autocast, which re-casts every weight on every call;
- `threads` sets torch's intra-op threads (default: torch's choice, one per core).
The decision (auto-coded or exception with reasons) is `autocoding.policy.decision.decide_episodes` with the
bundle's own thresholds, code-system rules and out-of-distribution detector.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from autocoding.errors import ConfigError, InputError

log = logging.getLogger(__name__)
PRECISIONS = {"fp32": "32-true", "32": "32-true", "32-true": "32-true", "bf16": "bf16-mixed", "bf16-mixed": "bf16-mixed"}


@dataclass(frozen=True)
class ServingOptions:
    batch_size: int = 32
    precision: str = "fp32"  # fp32 | bf16 (autocast; only worth it on CPUs with native bf16)
    threads: int | None = None  # torch intra-op threads; None = torch's default
    block_size: int = 4096  # texts tokenised and length-sorted together (bounds memory of token ids)
    progress: bool = False

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise ConfigError(f"precision must be one of fp32, bf16; got {self.precision!r}")
        if self.batch_size < 1 or self.block_size < 1:
            raise ConfigError("batch_size and block_size must be positive")


@dataclass
class CodedEpisodes:
    """The result for N episodes: model outputs per system, (N, H) embeddings, (N,) OOD flags, the decisions."""

    episode_ids: list[str]
    outputs: dict  # {system: autocoding.policy.outputs.SystemOutputs}
    embeddings: np.ndarray
    ood_flags: np.ndarray
    decisions: object  # autocoding.policy.decision.Decisions
    unknown_fraction: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def __len__(self) -> int:
        return len(self.episode_ids)

    def to_frame(self):
        """One row per episode: episode_id, auto, one list column per system, reasons (readable strings)."""
        import pandas as pd

        d = self.decisions
        frame = pd.DataFrame({"episode_id": self.episode_ids, "auto": d.auto.astype(bool)})
        for system, codes in d.codes.items():
            frame[system] = codes
        frame["reasons"] = [[str(r) for r in rs] for rs in d.reasons]
        return frame


def unknown_shares(encoded: Sequence[Sequence[Sequence[int]]], unk_id: int) -> list[float]:
    """Per document (segments of token ids), the share of its tokens, [CLS]/[SEP] aside, that are [UNK]."""
    shares = []
    for segments in encoded:
        ids = [t for seg in segments for t in seg[1:-1]]
        shares.append(sum(t == unk_id for t in ids) / len(ids) if ids else 0.0)
    return shares


def _texts_and_ids(episodes) -> tuple[list[str], list[str]]:
    """A sequence of texts, or a DataFrame with `text` (and `episode_id`)."""
    if hasattr(episodes, "columns"):
        if "text" not in episodes.columns:
            raise InputError(f"episodes need a 'text' column; got {list(episodes.columns)}")
        texts = ["" if t is None or (isinstance(t, float) and math.isnan(t)) else str(t) for t in episodes["text"]]
        ids = [str(e) for e in episodes["episode_id"]] if "episode_id" in episodes.columns else None
    else:
        texts, ids = [str(t) for t in episodes], None
    return texts, ids if ids is not None else [str(i) for i in range(len(texts))]


class Coder:
    """A loaded bundle ready to code episodes."""

    def __init__(self, bundle, options: ServingOptions | None = None, code_systems: dict | None = None):
        self.bundle = bundle
        self.options = options or ServingOptions()
        from autocoding.model.encoder import SegmentSpec

        self.segments = SegmentSpec(**bundle.info.segments)
        self.network = bundle.network
        if PRECISIONS[self.options.precision] == "bf16-mixed":
            import copy

            import torch

            self.network = copy.deepcopy(bundle.network)
            self.network.encoder.to(torch.bfloat16)
        self.code_systems = code_systems if code_systems is not None else self._code_systems()
        if self.options.threads:
            import torch

            torch.set_num_threads(int(self.options.threads))

    @classmethod
    def from_bundle(cls, uri, options: ServingOptions | None = None, cache_dir=None, **kwargs) -> Coder:
        """`uri`: a bundle directory, `runs:/<run_id>/model` or `models:/<name>@<alias>`; kwargs: ServingOptions."""
        from autocoding.registry.bundle import load_bundle

        return cls(load_bundle(uri, cache_dir=cache_dir), options or ServingOptions(**kwargs))

    def _code_systems(self) -> dict | None:
        """Coding rules need the code tables; the bundle's config says which (conf/codes)."""
        from autocoding.codes import get_code_systems

        try:
            return get_code_systems(self.bundle.config.get("codes") or {}, list(self.bundle.labels))
        except (ConfigError, InputError, OSError) as exc:
            log.warning("code tables unavailable (%s): coding-rule checks are skipped", exc)
            return None

    @property
    def systems(self) -> list[str]:
        return list(self.bundle.labels)

    def _batches(self, texts: Sequence[str], unknown: np.ndarray) -> Iterator[dict]:
        """Batches of (B, S, T) ids/mask with `row` (the text's index), length-sorted within each block."""
        import torch

        from autocoding.model.segments import pad_segments, tokenize_segments

        tokenizer, size = self.bundle.tokenizer, self.options.batch_size
        for start in range(0, len(texts), self.options.block_size):
            block = texts[start : start + self.options.block_size]
            encoded, n_tokens = tokenize_segments(tokenizer, block, self.segments)
            unknown[start : start + len(block)] = unknown_shares(encoded, tokenizer.unk_token_id)
            order = sorted(range(len(block)), key=n_tokens.__getitem__)
            for b in range(0, len(order), size):
                index = order[b : b + size]
                input_ids, mask = pad_segments([encoded[i] for i in index], tokenizer.pad_token_id)
                yield {"input_ids": input_ids, "attention_mask": mask, "row": torch.tensor(index) + start}

    def predict(self, texts: Sequence[str]):
        """Model outputs for texts: ({system: SystemOutputs}, embeddings (N, H), unknown-token share (N,))."""
        from autocoding.policy.outputs import outputs_from_predictions
        from autocoding.train.predict import predict

        texts = list(texts)
        unknown = np.zeros(len(texts))
        batches = self._batches(texts, unknown)
        if self.options.progress:
            from tqdm.auto import tqdm

            batches = tqdm(batches, total=math.ceil(len(texts) / self.options.batch_size), desc="coding", unit="batch")
        pred = predict(self.network, batches, "32-true")  # bf16: weights already cast (see module docstring)
        return outputs_from_predictions(pred, self.bundle.labels), pred.embeddings, unknown

    def ood_flags(self, embeddings: np.ndarray, texts: Sequence[str], unknown: np.ndarray) -> np.ndarray:
        if self.bundle.ood is None:
            from autocoding.policy.ood import empty_texts

            return empty_texts(texts)
        return self.bundle.ood.flag(embeddings, texts=texts, unknown_fraction=unknown)

    def code(self, episodes) -> CodedEpisodes:
        """Code episodes (texts, or a DataFrame with episode_id, text): outputs, OOD flags and decisions."""
        from autocoding.policy.decision import DecisionSettings, decide_episodes

        texts, ids = _texts_and_ids(episodes)
        outputs, embeddings, unknown = self.predict(texts)
        flags = self.ood_flags(embeddings, texts, unknown)
        suggest = next(iter(self.bundle.thresholds.values())).config.get("suggest_threshold", 0.5)
        decisions = decide_episodes(outputs, self.bundle.thresholds, self.code_systems, flags,
                                    DecisionSettings(suggest_threshold=suggest))
        return CodedEpisodes(ids, outputs, embeddings, flags, decisions, unknown)

    def code_episodes(self, episodes) -> list:
        """One `autocoding.policy.decision.Decision` (auto, codes, reasons) per episode, in input order."""
        coded = self.code(episodes)
        return [coded.decisions[i] for i in range(len(coded))]

"""Coding new episodes with a model bundle: `Coder.from_bundle(uri).code_episodes(texts or DataFrame)`.

Throughput on CPU comes from doing little work per episode:
- texts are tokenised in blocks of `block_size` and each block is sorted by length, so a batch holds documents
  of similar length and dynamic padding (`autocoding.model.segments.pad_segments`) pads little;
- `torch.inference_mode` (no autograd bookkeeping) and optional bf16: the encoder's weights are cast to bf16 once
  (a copy; the label-wise heads' parameters stay float32, their big products follow the bf16 states), which on
  CPUs with native bf16 (AMX / AVX512-BF16) is ~1.35x faster than bf16 autocast, which re-casts every weight on
  every call;
- `threads` sets torch's intra-op threads (default: torch's choice, one per core).
The decision (auto-coded or exception with reasons) is `autocoding.policy.decision.decide_episodes` with the
bundle's own thresholds, code-system rules and out-of-distribution detector. An episode with no text is not run
through the network at all: it is an exception `no_usable_text` with no suggestion (its outputs are zeros), never
"coded" from an empty input. With `evidence=True` each label's most-attended document token comes back too
(`serving.evidence`), at the cost of the tokenizer's offset mapping (the network pass is the same). A bundle with
an evidence detector (`policy.evidence`, `evidence.json`) always computes the evidence weights: a code the model
cannot point to is an exception `weak_evidence`. The weight is taken over document words only (headers, [CLS] and
[SEP] excluded), which needs the offset mapping to find the `[doc_type]` headers; its cost is small beside the
network pass (tokenising 570 demo test episodes: 0.10-0.12 s with or without offsets).
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from autocoding.codes import get_code_systems
from autocoding.errors import ConfigError, InputError
from autocoding.model.encoder import SegmentSpec
from autocoding.model.linear_coder import blend
from autocoding.model.segments import pad_segments, tokenize_segments
from autocoding.policy.decision import DecisionSettings, decide_episodes
from autocoding.policy.ood import empty_texts
from autocoding.policy.outputs import SystemOutputs
from autocoding.registry.bundle import load_bundle

log = logging.getLogger(__name__)
PRECISIONS = {"fp32": "32-true", "32": "32-true", "32-true": "32-true", "bf16": "bf16-mixed", "bf16-mixed": "bf16-mixed"}


@dataclass(frozen=True)
class ServingOptions:
    batch_size: int = 32
    precision: str = "fp32"  # fp32 | bf16 (autocast; only worth it on CPUs with native bf16)
    threads: int | None = None  # torch intra-op threads; None = torch's default
    block_size: int = 4096  # texts tokenised and length-sorted together (bounds memory of token ids)
    progress: bool = False
    device: str = "cpu"  # cpu | cuda | cuda:N | auto (cuda when torch sees one, else cpu)

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise ConfigError(f"precision must be one of fp32, bf16; got {self.precision!r}")
        if self.batch_size < 1 or self.block_size < 1:
            raise ConfigError("batch_size and block_size must be positive")
        if not (self.device in ("cpu", "auto") or re.fullmatch(r"cuda(:\d+)?", self.device)):
            raise ConfigError(f"device must be cpu, cuda, cuda:N or auto; got {self.device!r}")


def resolve_device(name: str) -> str:
    """`auto` -> cuda when torch sees a GPU, else cpu; a cuda device torch cannot see is a ConfigError."""
    import torch

    if name == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if name.startswith("cuda") and not torch.cuda.is_available():
        raise ConfigError(f"device={name}: torch sees no CUDA device here (torch {torch.__version__})")
    return name


@dataclass
class CodedEpisodes:
    """The result for N episodes: model outputs per system, (N, H) embeddings, (N,) OOD flags, the decisions."""

    episode_ids: list[str]
    outputs: dict  # {system: autocoding.policy.outputs.SystemOutputs}
    embeddings: np.ndarray
    ood_flags: np.ndarray
    decisions: object  # autocoding.policy.decision.Decisions
    unknown_fraction: np.ndarray = field(default_factory=lambda: np.zeros(0))
    blocked: dict = field(default_factory=dict)  # {pre-model reason: (N,) values}: pass on to evaluate_predictions
    evidence: object = None  # serving.evidence.Evidence when asked for
    texts: list = field(default_factory=list)
    weak_evidence: dict | None = None  # {system: (N, L) bool} below the bundle's evidence bounds; None: no detector

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


def _scatter(n: int, rows: np.ndarray, outputs: dict, embeddings: np.ndarray, unknown: np.ndarray, evidence):
    """Results for `rows` of n episodes -> arrays over all n (zeros, and no evidence, elsewhere)."""
    def widen(array: np.ndarray, fill=0) -> np.ndarray:
        full = np.full((n, *array.shape[1:]), fill, dtype=array.dtype)
        full[rows] = array
        return full

    outputs = {s: SystemOutputs(widen(o.probs), widen(o.primary_probs), o.labels) for s, o in outputs.items()}
    if evidence is not None:
        offsets = [np.zeros((0, 2), np.int64)] * n
        for k, row in enumerate(rows.tolist()):
            offsets[row] = evidence.offsets[k]
        evidence.tokens = {s: widen(t, -1) for s, t in evidence.tokens.items()}
        evidence.weights = {s: widen(w) for s, w in evidence.weights.items()}
        evidence.offsets = offsets
    return outputs, widen(embeddings), widen(unknown), evidence


def network_coder(network, tokenizer, labels: dict, segments: dict, document_types=(), options=None) -> Coder:
    """A Coder over a network not yet in a bundle (training's calibration): no thresholds, OOD or code tables, so
    only `evidence_weights` and `predict` apply; `segments` SegmentSpec fields; `document_types` the headers of
    the joined texts."""
    from types import SimpleNamespace

    bundle = SimpleNamespace(info=SimpleNamespace(segments=dict(segments)), network=network, tokenizer=tokenizer,
                             labels={s: list(c) for s, c in labels.items()}, evidence=None, ood=None,
                             config={"dataset": {"documents": {"types": list(document_types)}}})
    device = str(next(network.parameters()).device)  # where training left it
    return Coder(bundle, options or ServingOptions(device=device), code_systems={})


class Coder:
    """A loaded bundle ready to code episodes."""

    def __init__(self, bundle, options: ServingOptions | None = None, code_systems: dict | None = None):
        self.bundle = bundle
        self.options = options or ServingOptions()
        self.segments = SegmentSpec(**bundle.info.segments)
        self.network = bundle.network
        self.device = resolve_device(self.options.device)
        if PRECISIONS[self.options.precision] == "bf16-mixed" or self.device != "cpu":
            import copy

            import torch

            self.network = copy.deepcopy(bundle.network).to(self.device)  # the bundle's own stays as loaded
            if PRECISIONS[self.options.precision] == "bf16-mixed":
                self.network.encoder.to(torch.bfloat16)
        self.code_systems = code_systems if code_systems is not None else self._code_systems()
        if self.options.threads:
            import torch

            torch.set_num_threads(int(self.options.threads))

    @classmethod
    def from_bundle(cls, uri, options: ServingOptions | None = None, cache_dir=None, **kwargs) -> Coder:
        """`uri`: a bundle directory, `runs:/<run_id>/model` or `models:/<name>@<alias>`; kwargs: ServingOptions."""
        return cls(load_bundle(uri, cache_dir=cache_dir), options or ServingOptions(**kwargs))

    def _code_systems(self) -> dict | None:
        """Coding rules need the code tables; the bundle's config says which (conf/codes)."""
        try:
            return get_code_systems(self.bundle.config.get("codes") or {}, list(self.bundle.labels))
        except (ConfigError, InputError, OSError) as exc:
            log.warning("code tables unavailable (%s): coding-rule checks are skipped", exc)
            return None

    @property
    def systems(self) -> list[str]:
        return list(self.bundle.labels)

    def _batches(self, texts: Sequence[str], unknown: np.ndarray, evidence=None, sections=None) -> Iterator[dict]:
        """Batches of (B, S, T) ids/mask with `row` (the text's index), length-sorted within each block; with
        `evidence` (an Evidence to fill with token offsets) also `evidence_mask` (B, S, T) and `starts`."""
        import torch

        from autocoding.serving.evidence import evidence_mask, tokenize_with_offsets, window_starts

        tokenizer, size = self.bundle.tokenizer, self.options.batch_size
        for start in range(0, len(texts), self.options.block_size):
            block = texts[start : start + self.options.block_size]
            if evidence is None:
                encoded, n_tokens = tokenize_segments(tokenizer, block, self.segments)
            else:
                encoded, n_tokens, offsets = tokenize_with_offsets(tokenizer, block, self.segments)
                evidence.offsets.extend(offsets)
            unknown[start : start + len(block)] = unknown_shares(encoded, tokenizer.unk_token_id)
            order = sorted(range(len(block)), key=n_tokens.__getitem__)
            for b in range(0, len(order), size):
                index = order[b : b + size]
                input_ids, mask = pad_segments([encoded[i] for i in index], tokenizer.pad_token_id)
                batch = {"input_ids": input_ids, "attention_mask": mask, "row": torch.tensor(index) + start}
                if evidence is not None:
                    masks = [evidence_mask(encoded[i], offsets[i], sections[start + i] if sections else None)
                             for i in index]
                    batch["evidence_mask"] = pad_segments(masks, 0)[0]
                    batch["starts"] = [window_starts(n_tokens[i], self.segments) for i in index]
                yield batch

    def _run(self, texts: list[str], evidence=None, sections=None):
        """The network over texts: ({system: SystemOutputs}, embeddings (N, H), unknown share (N,)); fills
        `evidence` (tokens, weights per system) when given."""
        import torch

        from autocoding.serving.evidence import document_tokens

        network, n, device = self.network, len(texts), self.device
        linear = getattr(self.bundle, "linear", None)
        # the linear coder's features are mostly Python (scikit-learn's analyzers) and torch releases the GIL while
        # it computes: scored in a thread beside the network, its time mostly hides behind the network's
        pool = ThreadPoolExecutor(max_workers=1) if linear is not None and n else None
        linear_scores = pool.submit(linear.scores, texts) if pool is not None else None
        labels = {system: list(codes) for system, codes in self.bundle.labels.items()}
        probs = {s: np.zeros((n, len(c)), np.float32) for s, c in labels.items()}
        primary = {s: np.zeros((n, len(c)), np.float32) for s, c in labels.items()}
        embeddings = np.zeros((n, network.encoder.config.hidden_size), np.float32)
        if evidence is not None:
            evidence.tokens = {s: np.full((n, len(c)), -1, np.int32) for s, c in labels.items()}
            evidence.weights = {s: np.zeros((n, len(c)), np.float32) for s, c in labels.items()}
        unknown = np.zeros(n)
        batches = self._batches(texts, unknown, evidence, sections)
        if self.options.progress:
            from tqdm.auto import tqdm

            batches = tqdm(batches, total=math.ceil(n / self.options.batch_size), desc="coding", unit="batch")
        network.eval()
        with torch.inference_mode():  # bf16: weights already cast (see module docstring)
            for batch in batches:
                rows = batch["row"].numpy()
                mask = batch.get("evidence_mask")
                outputs, pooled = network.infer(batch["input_ids"].to(device), batch["attention_mask"].to(device),
                                                mask.to(device) if mask is not None else None)
                for system, out in outputs.items():
                    probs[system][rows] = torch.sigmoid(out["logits"].float()).cpu().numpy()
                    primary[system][rows] = torch.softmax(out["primary_logits"].float(), dim=-1).cpu().numpy()
                    if evidence is not None:
                        width = batch["input_ids"].shape[-1]
                        flat = out["evidence_index"].cpu().numpy()
                        for k, row in enumerate(rows.tolist()):
                            evidence.tokens[system][row] = document_tokens(flat[k], width, batch["starts"][k])
                        evidence.weights[system][rows] = out["evidence_weight"].float().cpu().numpy()
                embeddings[rows] = pooled.float().cpu().numpy()
        if linear_scores is not None:
            scores = linear_scores.result()
            pool.shutdown()
            for s in labels:
                probs[s], primary[s] = blend(probs[s], primary[s], scores[s], linear.weight)
        outputs = {s: SystemOutputs(probs[s], primary[s], labels[s]) for s in labels}
        return outputs, embeddings, unknown

    def text_sections(self, texts: Sequence[str]) -> list:
        """Per joined text its documents (`serving.texts.sections_from_text` with the bundle's document types), None
        where it has no header: then every real token may be evidence."""
        from autocoding.serving.texts import sections_from_text

        types = ((self.bundle.config.get("dataset") or {}).get("documents") or {}).get("types") or []
        return [sections_from_text(t, types) or None for t in texts]

    def evidence_weights(self, texts: Sequence[str]):
        """Model outputs and {system: (N, L)} evidence weights of joined texts (documents found from their headers),
        as `code` computes them for the evidence detector."""
        from autocoding.serving.evidence import Evidence

        texts, found = list(texts), Evidence()
        outputs, _, _ = self._run(texts, found, self.text_sections(texts))
        return outputs, found.weights

    def predict(self, texts: Sequence[str]):
        """Model outputs for texts: ({system: SystemOutputs}, embeddings (N, H), unknown-token share (N,))."""
        return self._run(list(texts))

    def ood_flags(self, embeddings: np.ndarray, texts: Sequence[str], unknown: np.ndarray) -> np.ndarray:
        if self.bundle.ood is None:
            return empty_texts(texts)
        return self.bundle.ood.flag(embeddings, texts=texts, unknown_fraction=unknown)

    def code(self, episodes, sections=None, blocked=None, evidence: bool = False) -> CodedEpisodes:
        """Code episodes (texts, or a DataFrame with episode_id, text): outputs, OOD flags and decisions.

        sections: per episode the documents in its text (`serving.texts.join_episode_sections`), for evidence
        that names documents; blocked: pre-model exceptions ({"outside_cohort": (N,) details}, see
        `policy.decision`); episodes whose text is empty are `no_usable_text` whatever `blocked` says. With the
        bundle's evidence detector the weights are computed (documents found from the headers when `sections` is
        None) and `weak_evidence` holds the codes below their bounds; `evidence` still says whether the evidence
        records come back."""
        from autocoding.serving.evidence import Evidence

        texts, ids = _texts_and_ids(episodes)
        blocked = {kind: list(values) for kind, values in (blocked or {}).items()}
        no_text = empty_texts(texts)
        given = blocked.get("no_usable_text") or [None] * len(texts)
        blocked["no_usable_text"] = [d if d is not None else ("" if empty else None)
                                     for d, empty in zip(given, no_text, strict=True)]
        has_text = np.flatnonzero([d is None for d in blocked["no_usable_text"]])
        detector = getattr(self.bundle, "evidence", None)
        found = Evidence() if evidence or detector is not None else None
        if detector is not None and sections is None:
            sections = self.text_sections(texts)
        outputs, embeddings, unknown = self._run([texts[i] for i in has_text], found,
                                                 [sections[i] for i in has_text] if sections is not None else None)
        if len(has_text) < len(texts):  # episodes without text: zeros, never run through the network
            outputs, embeddings, unknown, found = _scatter(len(texts), has_text, outputs, embeddings, unknown, found)
        flags = self.ood_flags(embeddings, texts, unknown)
        suggest = next(iter(self.bundle.thresholds.values())).config.get("suggest_threshold", 0.5)
        weak = detector.weak(found.weights) if detector is not None else None
        decisions = decide_episodes(outputs, self.bundle.thresholds, self.code_systems, flags,
                                    DecisionSettings(suggest_threshold=suggest), blocked, weak)
        return CodedEpisodes(ids, outputs, embeddings, flags, decisions, unknown, blocked,
                             found if evidence else None, texts, weak)

    def code_episodes(self, episodes) -> list:
        """One `autocoding.policy.decision.Decision` (auto, codes, reasons) per episode, in input order."""
        coded = self.code(episodes)
        return [coded.decisions[i] for i in range(len(coded))]

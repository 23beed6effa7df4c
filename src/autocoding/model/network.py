"""The coder network: a transformer encoder over document segments + one label-wise attention head per code system.

Contract (docs/architecture.md): `forward(input_ids, attention_mask)` with (batch, segments, tokens) inputs
returns `{system: {"logits": (B, L), "primary_logits": (B, L)}}`; probabilities are `sigmoid(logits)`, the
primary distribution `softmax(primary_logits)`. `embed` gives a pooled document embedding (B, H) (masked mean
of token states) for the out-of-distribution detector; `infer` returns both from one encoder pass.

Partial fine-tuning (`frozen_layers=k`): the embeddings and the bottom k transformer layers keep their pretrained
weights (no gradient, dropout off) and only the top layers and the heads learn. Since the bottom never changes,
its output for a document is the same every epoch: `bottom` computes it and `top` finishes the encoder from it,
so training can cache it (`autocoding.train.frozen_cache`) and pay only for the top layers after the first
epoch. With k = all layers the encoder is a fixed feature extractor and only the heads train. Without cached
states (serving, or `cache_frozen: false`) the network runs `top(bottom(x))`, equal to `encoder(x)` in eval mode.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import torch
from torch import Tensor, nn

from autocoding.errors import ConfigError
from autocoding.model.encoder import HeadSpec, ModelSpec, load_encoder
from autocoding.model.label_attention import LabelWiseAttention

Outputs = dict[str, dict[str, Tensor]]


def _layers(encoder: nn.Module) -> nn.ModuleList:
    """The transformer layers of a BERT-family encoder (BERT, RoBERTa, ELECTRA, ... : `encoder.encoder.layer`)."""
    layers = getattr(getattr(encoder, "encoder", None), "layer", None)
    if not isinstance(layers, nn.ModuleList) or not hasattr(encoder, "embeddings"):
        raise ConfigError(f"frozen_layers needs a BERT-family encoder (embeddings + encoder.layer); got "
                          f"{type(encoder).__name__}")
    return layers


class CoderNetwork(nn.Module):
    def __init__(self, encoder: nn.Module, labels: Mapping[str, Sequence[str]], head: HeadSpec | None = None,
                 frozen_layers: int = 0):
        super().__init__()
        self.encoder = encoder
        self.frozen_layers = int(frozen_layers)
        if self.frozen_layers:
            layers = _layers(encoder)
            if not 0 < self.frozen_layers <= len(layers):
                raise ConfigError(f"frozen_layers={frozen_layers}: the encoder has {len(layers)} layers")
            for module in self.frozen_modules():
                module.requires_grad_(False)
            self._freeze_modes()
        self.labels = {system: list(codes) for system, codes in labels.items()}  # label id = index
        hidden, head = encoder.config.hidden_size, head or HeadSpec()
        self.heads = nn.ModuleDict(
            {
                system: LabelWiseAttention(hidden, len(codes), head.attention_dim, head.dropout, head.queries)
                for system, codes in self.labels.items()
            }
        )

    @property
    def systems(self) -> list[str]:
        return list(self.labels)

    def frozen_modules(self) -> list[nn.Module]:
        if not self.frozen_layers:
            return []
        return [self.encoder.embeddings, *_layers(self.encoder)[: self.frozen_layers]]

    def train(self, mode: bool = True):
        super().train(mode)
        self._freeze_modes()
        return self

    def _freeze_modes(self) -> None:
        """Frozen = pretrained as is: no dropout, the same output every epoch. Set on each use, not only in `train`:
        Lightning restores every submodule's `training` flag as it captured it (`_ModuleMode`), bypassing `train`,
        and an encoder built in train mode would otherwise run its frozen part with dropout - which the frozen-state
        cache then kept for good (train documents noised once, validation and serving clean) and which sends SDPA
        attention down its slow dropout path."""
        for module in self.frozen_modules():
            module.train(False)

    def _mask(self, states: Tensor, mask: Tensor):
        from transformers.masking_utils import create_bidirectional_mask

        return create_bidirectional_mask(config=self.encoder.config, inputs_embeds=states, attention_mask=mask)

    def bottom(self, input_ids: Tensor, attention_mask: Tensor) -> Tensor:
        """(N, T) segments -> the frozen part's output (N, T, H): embeddings + the bottom `frozen_layers` layers."""
        self._freeze_modes()
        with torch.no_grad():
            states = self.encoder.embeddings(input_ids=input_ids)
            mask = self._mask(states, attention_mask)
            for layer in _layers(self.encoder)[: self.frozen_layers]:
                states = layer(states, mask)
        return states

    def top(self, states: Tensor, attention_mask: Tensor) -> Tensor:
        """The frozen part's output (N, T, H) -> the encoder's last hidden state (N, T, H)."""
        mask = self._mask(states, attention_mask)
        for layer in _layers(self.encoder)[self.frozen_layers :]:
            states = layer(states, mask)
        return states

    def encode_segments(self, input_ids: Tensor, attention_mask: Tensor, bottom_states: Tensor | None = None):
        """(N, T) non-empty segments -> last hidden states (N, T, H); `bottom_states` skips the frozen part."""
        if bottom_states is not None:
            return self.top(bottom_states, attention_mask)
        if self.frozen_layers:
            return self.top(self.bottom(input_ids, attention_mask), attention_mask)
        return self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    def encode(self, input_ids: Tensor, attention_mask: Tensor, bottom_states: Tensor | None = None
               ) -> tuple[Tensor, Tensor]:
        """(B, S, T) ids and mask -> token states (B, S*T, H) and mask (B, S*T).

        Segments are flattened to (B*S, T) and only those holding tokens are run through the encoder:
        padding segments cost nothing and never reach attention as an all-masked row. `bottom_states`, the
        frozen part's output for those kept segments in order (`bottom`), skips recomputing it.
        """
        b, s, t = input_ids.shape
        flat_ids, flat_mask = input_ids.reshape(b * s, t), attention_mask.reshape(b * s, t)
        keep = flat_mask.any(dim=1)
        out = self.encode_segments(flat_ids[keep], flat_mask[keep], bottom_states)
        states = out.new_zeros(b * s, t, out.shape[-1])
        states[keep] = out
        return states.reshape(b, s * t, -1), attention_mask.reshape(b, s * t)

    def classify(self, states: Tensor, mask: Tensor) -> Outputs:
        outputs = {}
        for system, head in self.heads.items():
            logits, primary = head(states, mask)
            outputs[system] = {"logits": logits, "primary_logits": primary}
        return outputs

    @staticmethod
    def pool(states: Tensor, mask: Tensor) -> Tensor:
        """Masked mean of token states, (B, H) float32: the document embedding for OOD checks."""
        m = mask.unsqueeze(-1).float()
        return (states.float() * m).sum(1) / m.sum(1).clamp(min=1.0)

    def forward(self, input_ids: Tensor, attention_mask: Tensor, bottom_states: Tensor | None = None) -> Outputs:
        return self.classify(*self.encode(input_ids, attention_mask, bottom_states))

    def embed(self, input_ids: Tensor, attention_mask: Tensor) -> Tensor:
        return self.pool(*self.encode(input_ids, attention_mask))

    def infer(self, input_ids: Tensor, attention_mask: Tensor, evidence_mask: Tensor | None = None
              ) -> tuple[Outputs, Tensor]:
        """Outputs and pooled embedding from one encoder pass. With `evidence_mask` (B, S, T), 1 for tokens that
        may be shown as evidence, each system's outputs also hold `evidence_index` (B, L) (flat S*T position of the
        token its label attention weighted most; -1 none) and `evidence_weight` (B, L)."""
        states, mask = self.encode(input_ids, attention_mask)
        if evidence_mask is None:
            return self.classify(states, mask), self.pool(states, mask)
        flat = evidence_mask.reshape(mask.shape) * mask
        outputs = {}
        for system, head in self.heads.items():
            logits, primary, (index, weight) = head(states, mask, flat)
            outputs[system] = {"logits": logits, "primary_logits": primary, "evidence_index": index,
                               "evidence_weight": weight}
        return outputs, self.pool(states, mask)

    def init_priors(
        self, presence: Mapping[str, Tensor], primary: Mapping[str, Tensor] | None = None
    ) -> None:
        """Start each head's logits at the training label frequencies (see `LabelWiseAttention.init_priors`)."""
        for system, head in self.heads.items():
            head.init_priors(presence[system], (primary or {}).get(system))

    def head_parameters(self) -> list[nn.Parameter]:
        return list(self.heads.parameters())

    def encoder_parameters(self) -> list[nn.Parameter]:
        return list(self.encoder.parameters())


def build_network(
    spec: ModelSpec, labels: Mapping[str, Sequence[str]], vocab_size: int | None = None
) -> CoderNetwork:
    """The network for `spec` and label spaces. `vocab_size` sizes a random-init encoder to its tokenizer;
    for a bundle, build with the bundle's tokenizer and then `load_state_dict` the saved weights."""
    encoder = load_encoder(spec.encoder, vocab_size=vocab_size if spec.encoder.pretrained is None else None)
    return CoderNetwork(encoder, labels, spec.head, frozen_layers=spec.encoder.frozen_layers)

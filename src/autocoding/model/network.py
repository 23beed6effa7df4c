"""The coder network: a transformer encoder over document segments + one label-wise attention head per code system.

Contract (docs/architecture.md): `forward(input_ids, attention_mask)` with (batch, segments, tokens) inputs
returns `{system: {"logits": (B, L), "primary_logits": (B, L)}}`; probabilities are `sigmoid(logits)`, the
primary distribution `softmax(primary_logits)`. `embed` gives a pooled document embedding (B, H) (masked mean
of token states) for the out-of-distribution detector; `infer` returns both from one encoder pass.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from torch import Tensor, nn

from autocoding.model.encoder import HeadSpec, ModelSpec, load_encoder
from autocoding.model.label_attention import LabelWiseAttention

Outputs = dict[str, dict[str, Tensor]]


class CoderNetwork(nn.Module):
    def __init__(self, encoder: nn.Module, labels: Mapping[str, Sequence[str]], head: HeadSpec | None = None):
        super().__init__()
        self.encoder = encoder
        self.labels = {system: list(codes) for system, codes in labels.items()}  # label id = index
        hidden, head = encoder.config.hidden_size, head or HeadSpec()
        self.heads = nn.ModuleDict(
            {
                system: LabelWiseAttention(hidden, len(codes), head.attention_dim, head.dropout)
                for system, codes in self.labels.items()
            }
        )

    @property
    def systems(self) -> list[str]:
        return list(self.labels)

    def encode(self, input_ids: Tensor, attention_mask: Tensor) -> tuple[Tensor, Tensor]:
        """(B, S, T) ids and mask -> token states (B, S*T, H) and mask (B, S*T).

        Segments are flattened to (B*S, T) and only those holding tokens are run through the encoder:
        padding segments cost nothing and never reach attention as an all-masked row.
        """
        b, s, t = input_ids.shape
        flat_ids, flat_mask = input_ids.reshape(b * s, t), attention_mask.reshape(b * s, t)
        keep = flat_mask.any(dim=1)
        out = self.encoder(input_ids=flat_ids[keep], attention_mask=flat_mask[keep]).last_hidden_state
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

    def forward(self, input_ids: Tensor, attention_mask: Tensor) -> Outputs:
        return self.classify(*self.encode(input_ids, attention_mask))

    def embed(self, input_ids: Tensor, attention_mask: Tensor) -> Tensor:
        return self.pool(*self.encode(input_ids, attention_mask))

    def infer(self, input_ids: Tensor, attention_mask: Tensor) -> tuple[Outputs, Tensor]:
        states, mask = self.encode(input_ids, attention_mask)
        return self.classify(states, mask), self.pool(states, mask)

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
    return CoderNetwork(encoder, labels, spec.head)

"""Label-wise attention: shapes, masking, fp32 under bf16 autocast, no NaN on all-padding rows, prior init."""

from __future__ import annotations

import torch

from autocoding.model.label_attention import LabelWiseAttention


def _head(n_labels: int = 3, hidden: int = 8) -> LabelWiseAttention:
    torch.manual_seed(0)
    return LabelWiseAttention(hidden, n_labels, attention_dim=4, dropout=0.0)


def test_shapes_and_padding_does_not_change_result():
    head = _head()
    states, mask = torch.randn(2, 5, 8), torch.ones(2, 5, dtype=torch.long)
    mask[1, 3:] = 0
    logits, primary = head(states, mask)
    assert logits.shape == primary.shape == (2, 3)
    # changing the padded states must not change the output
    noisy = states.clone()
    noisy[1, 3:] = 1e4
    logits2, _ = head(noisy, mask)
    assert torch.allclose(logits, logits2)


def test_all_padding_row_is_finite_and_gives_the_bias():
    head = _head()
    head.presence_bias.data = torch.tensor([0.1, 0.2, 0.3])
    states, mask = torch.randn(1, 4, 8), torch.zeros(1, 4, dtype=torch.long)
    logits, primary = head(states, mask)
    assert torch.isfinite(logits).all() and torch.isfinite(primary).all()
    assert torch.allclose(logits, head.presence_bias.unsqueeze(0))  # nothing attended: v_l = 0


def test_float32_under_bf16_autocast_and_huge_activations():
    head = _head()
    states = torch.randn(2, 6, 8).to(torch.bfloat16) * 300  # bf16 encoder output, large values
    mask = torch.ones(2, 6, dtype=torch.long)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        logits, primary = head(states, mask)
    assert logits.dtype == torch.float32 and primary.dtype == torch.float32
    assert torch.isfinite(logits).all()


def test_attention_is_the_formula():
    head = _head(n_labels=2, hidden=3)
    states, mask = torch.randn(1, 4, 3), torch.tensor([[1, 1, 1, 0]])
    logits, _ = head(states, mask)
    h = states[0, :3]  # the three real tokens
    for label in range(2):
        a = torch.softmax(torch.tanh(h @ head.project.weight.t()) @ head.queries[label], dim=0)  # (3,)
        v = (a.unsqueeze(1) * h).sum(0)
        expected = v @ head.presence_weight[label] + head.presence_bias[label]
        assert torch.allclose(logits[0, label], expected, atol=1e-6)


def test_init_priors_starts_logits_near_log_prior():
    head = _head(n_labels=2)
    head.init_priors(torch.tensor([0.1, 0.5]), torch.tensor([0.25, 0.75]))
    logits, primary = head(torch.randn(64, 5, 8), torch.ones(64, 5, dtype=torch.long))
    assert torch.allclose(torch.sigmoid(logits).mean(0), torch.tensor([0.1, 0.5]), atol=0.03)
    assert torch.allclose(torch.softmax(primary, -1).mean(0), torch.tensor([0.25, 0.75]), atol=0.03)


def test_several_queries_per_label_is_the_formula():
    torch.manual_seed(1)
    head = LabelWiseAttention(3, 2, attention_dim=4, dropout=0.0, queries=2)
    assert head.queries.shape == (4, 4) and head.presence_weight.shape == (2, 6)
    states, mask = torch.randn(1, 5, 3), torch.tensor([[1, 1, 1, 1, 0]])
    logits, primary = head(states, mask)
    h = states[0, :4]
    for label in range(2):
        expected, expected_primary = head.presence_bias[label], head.primary_bias[label]
        for k in range(2):  # query k of label l is row l * K + k; its read-out is slice k of the weight row
            a = torch.softmax(torch.tanh(h @ head.project.weight.t()) @ head.queries[label * 2 + k], dim=0)
            v = (a.unsqueeze(1) * h).sum(0)
            expected = expected + v @ head.presence_weight[label, k * 3:(k + 1) * 3]
            expected_primary = expected_primary + v @ head.primary_weight[label, k * 3:(k + 1) * 3]
        assert torch.allclose(logits[0, label], expected, atol=1e-6)
        assert torch.allclose(primary[0, label], expected_primary, atol=1e-6)


def test_one_query_keeps_the_plm_icd_parameter_shapes():
    head = _head(n_labels=3, hidden=8)  # bundles saved before `queries` existed load into it unchanged
    assert head.queries.shape == (3, 4) and head.presence_weight.shape == (3, 8) and head.primary_weight.shape == (3, 8)


def test_bf16_autocast_stays_close_to_float32():
    torch.manual_seed(2)
    head = LabelWiseAttention(16, 5, attention_dim=8, dropout=0.0, queries=4)
    states, mask = torch.randn(3, 40, 16), torch.ones(3, 40, dtype=torch.long)
    mask[2, 25:] = 0
    exact, exact_primary = head(states, mask)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        low, low_primary = head(states, mask)
    assert low.dtype == torch.float32
    assert torch.allclose(low, exact, atol=2e-2) and torch.allclose(low_primary, exact_primary, atol=2e-2)
    assert not torch.equal(low, exact)  # the products did run in bf16


def test_bf16_states_without_autocast_compute_as_bf16_autocast_does():
    # serving casts the encoder's weights to bf16 once and runs without autocast: the heads' products follow the
    # states' precision, as in bf16-mixed training, and the logits stay float32
    torch.manual_seed(3)
    head = LabelWiseAttention(16, 5, attention_dim=8, dropout=0.0, queries=4)
    states, mask = torch.randn(3, 40, 16), torch.ones(3, 40, dtype=torch.long)
    mask[1, 30:] = 0
    exact, _ = head(states, mask)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        autocast, autocast_primary = head(states.bfloat16(), mask)
    low, low_primary = head(states.bfloat16(), mask)
    assert low.dtype == low_primary.dtype == torch.float32
    assert torch.equal(low, autocast) and torch.equal(low_primary, autocast_primary)
    assert torch.allclose(low, exact, atol=2e-2) and not torch.equal(low, head(states.bfloat16().float(), mask)[0])

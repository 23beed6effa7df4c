"""The coder network contract (docs/architecture.md) with small random-init encoders; BERT-base shape too."""

from __future__ import annotations

import pytest
import torch

from autocoding.config import compose
from autocoding.model.encoder import EncoderSpec, ModelSpec, SegmentSpec, load_tokenizer
from autocoding.model.loss import IGNORE, coder_loss
from autocoding.model.network import build_network
from autocoding.model.segments import pad_segments, tokenize_segments
from autocoding.train.precision import cpu_supports_bf16

LABELS = {"icd10": ["K21.9", "K29.7", "K63.5"], "opcs4": ["G45.1", "H22.1"]}
TINY = EncoderSpec(
    config={
        "hidden_size": 32,
        "num_hidden_layers": 1,
        "num_attention_heads": 2,
        "intermediate_size": 64,
        "max_position_embeddings": 64,
    },
    vocab_size=200,
)


@pytest.fixture(scope="module")
def tiny():
    torch.manual_seed(0)
    spec = ModelSpec(name="t", encoder=TINY, segments=SegmentSpec(max_length=8, max_segments=3))
    tokenizer = load_tokenizer(TINY, corpus=["reflux gastritis polyp seen at gastroscopy and colonoscopy"])
    return spec, tokenizer, build_network(spec, LABELS, vocab_size=len(tokenizer)).eval()


def _batch(spec, tokenizer, texts):
    segments, _ = tokenize_segments(tokenizer, texts, spec.segments)
    return pad_segments(segments, tokenizer.pad_token_id)


def test_forward_contract(tiny):
    spec, tokenizer, net = tiny
    ids, mask = _batch(spec, tokenizer, ["reflux", "polyp seen at colonoscopy " * 4])
    assert ids.shape[:2] == (2, 3)  # second text fills three segments
    out = net(ids, mask)
    assert set(out) == {"icd10", "opcs4"}
    for system, labels in LABELS.items():
        assert out[system]["logits"].shape == out[system]["primary_logits"].shape == (2, len(labels))
    assert net.embed(ids, mask).shape == (2, 32)
    assert net.encoder.training is False and net.heads.training is False


def test_padding_segments_do_not_change_a_document(tiny):
    spec, tokenizer, net = tiny
    alone = net(*_batch(spec, tokenizer, ["reflux"]))["icd10"]["logits"]
    with_long = net(*_batch(spec, tokenizer, ["reflux", "polyp " * 30]))["icd10"]["logits"][:1]
    assert torch.allclose(alone, with_long, atol=1e-5)


def test_encoder_is_in_train_mode_after_loading():
    net = build_network(ModelSpec(name="t", encoder=TINY), LABELS, vocab_size=100)
    assert net.encoder.training and getattr(net.encoder, "pooler", None) is None


@pytest.mark.skipif(not cpu_supports_bf16(), reason="no native bf16 on this CPU")
def test_bf16_autocast_outputs_float32(tiny):
    spec, tokenizer, net = tiny
    with torch.autocast("cpu", dtype=torch.bfloat16):
        out, emb = net.infer(*_batch(spec, tokenizer, ["reflux", "gastritis " * 20]))
    assert out["icd10"]["logits"].dtype == torch.float32 and emb.dtype == torch.float32
    assert torch.isfinite(out["icd10"]["logits"]).all()


def test_loss_ignores_primary_outside_label_space():
    out = {"icd10": {"logits": torch.zeros(2, 3), "primary_logits": torch.tensor([[5.0, 0, 0], [0, 0, 0]])}}
    targets = {"icd10": torch.tensor([[1.0, 0, 0], [0, 0, 0]])}
    # BCE at logit 0 is log 2 per label; primary CE only for row 0: -log softmax([5,0,0])[0]
    ce = torch.logsumexp(torch.tensor([5.0, 0, 0]), 0) - 5.0
    loss = coder_loss(out, targets, {"icd10": torch.tensor([0, IGNORE])}, presence_reduction="mean")
    assert torch.isclose(loss, torch.log(torch.tensor(2.0)) + ce, atol=1e-6)
    none = coder_loss(out, targets, {"icd10": torch.tensor([IGNORE, IGNORE])}, presence_reduction="mean")
    assert torch.isclose(none, torch.log(torch.tensor(2.0)))


def test_loss_sums_presence_over_labels_by_default():
    """Default: the presence BCE is summed over the 3 labels (mean over the batch), the primary CE is not scaled."""
    out = {"icd10": {"logits": torch.tensor([[2.0, 0, -1], [0, 1, 0]]), "primary_logits": torch.zeros(2, 3)}}
    targets = {"icd10": torch.tensor([[1.0, 0, 0], [0, 1, 1]])}
    primary = {"icd10": torch.tensor([0, 1])}
    sp = torch.nn.functional.softplus  # BCE(logit x, target 1) = softplus(-x); target 0: softplus(x)
    rows = [sp(torch.tensor(-2.0)) + sp(torch.tensor(0.0)) + sp(torch.tensor(-1.0)),
            sp(torch.tensor(0.0)) + sp(torch.tensor(-1.0)) + sp(torch.tensor(0.0))]
    expected = (rows[0] + rows[1]) / 2 + torch.log(torch.tensor(3.0))  # uniform primary: CE = log 3
    assert torch.isclose(coder_loss(out, targets, primary), expected, atol=1e-6)
    mean = coder_loss(out, targets, primary, presence_reduction="mean")
    assert torch.isclose(mean, (rows[0] + rows[1]) / 6 + torch.log(torch.tensor(3.0)), atol=1e-6)
    with pytest.raises(ValueError, match="presence_reduction"):
        coder_loss(out, targets, primary, presence_reduction="max")


def test_bert_base_config_works_unchanged(tmp_path):
    """conf/model/bert_base.yaml with a random-init BERT-base-shaped encoder on local disk (nothing downloaded)."""
    from transformers import BertConfig, BertModel, BertTokenizerFast

    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "reflux", "polyp", *"abcdefghijklmnopqrstuvwxyz"]
    (tmp_path / "vocab.txt").write_text("\n".join(vocab))
    BertTokenizerFast(vocab_file=str(tmp_path / "vocab.txt")).save_pretrained(tmp_path)
    # BERT-base shape (12 x 768, 512 positions); a small vocabulary keeps the file small
    BertModel(BertConfig(vocab_size=len(vocab))).save_pretrained(tmp_path)
    cfg = compose("train", ["model=bert_base", f"model.encoder.pretrained={tmp_path}"])
    from omegaconf import OmegaConf

    spec = ModelSpec.from_dict(OmegaConf.to_container(cfg.model, resolve=True))
    tokenizer = load_tokenizer(spec.encoder)
    net = build_network(spec, LABELS).eval()
    assert net.encoder.config.hidden_size == 768 and spec.segments.max_length == 512
    ids, mask = _batch(spec, tokenizer, ["reflux " * 1020])  # two full 512-token segments (510 + [CLS], [SEP])
    assert ids.shape == (1, 2, 512) and int(mask[0, 1].sum()) == 512
    with torch.inference_mode():
        out = net(ids, mask)
    assert out["icd10"]["logits"].shape == (1, 3) and torch.isfinite(out["icd10"]["logits"]).all()


def _partly_frozen(n_layers: int, frozen: int):
    """(spec, tokenizer, network in train mode): the tiny encoder with `n_layers` layers, the bottom `frozen` frozen."""
    torch.manual_seed(0)
    enc = EncoderSpec(config={**TINY.config, "num_hidden_layers": n_layers}, vocab_size=200, frozen_layers=frozen)
    spec = ModelSpec(name="t", encoder=enc, segments=SegmentSpec(max_length=8, max_segments=3))
    tokenizer = load_tokenizer(enc, corpus=["reflux gastritis polyp seen at gastroscopy and colonoscopy"])
    return spec, tokenizer, build_network(spec, LABELS, vocab_size=len(tokenizer)).train()


def test_frozen_bottom_then_top_equals_the_whole_encoder():
    spec, tokenizer, net = _partly_frozen(3, 2)
    # frozen: embeddings + 2 bottom layers, no gradient and no dropout even in train mode; the top layer learns
    assert not any(p.requires_grad for p in net.encoder.embeddings.parameters())
    assert not any(p.requires_grad for layer in net.encoder.encoder.layer[:2] for p in layer.parameters())
    assert all(p.requires_grad for p in net.encoder.encoder.layer[2].parameters())
    assert not net.encoder.embeddings.training and net.encoder.encoder.layer[2].training
    net.eval()
    ids, mask = _batch(spec, tokenizer, ["reflux", "polyp seen at colonoscopy " * 4])
    b, s, t = ids.shape
    flat_ids, flat_mask = ids.reshape(b * s, t), mask.reshape(b * s, t)
    keep = flat_mask.any(1)
    bottom = net.bottom(flat_ids[keep], flat_mask[keep])
    whole = net(ids, mask)["icd10"]["logits"]
    split = net(ids, mask, bottom)["icd10"]["logits"]
    assert torch.allclose(whole, split, atol=1e-5)
    with pytest.raises(Exception, match="frozen_layers=4"):
        build_network(ModelSpec(name="t", encoder=EncoderSpec(config=spec.encoder.config, frozen_layers=4)), LABELS,
                      vocab_size=len(tokenizer))


def test_frozen_part_runs_without_dropout_whatever_its_flags_say():
    """Lightning restores each submodule's `training` flag as it captured it, bypassing `train()`: an encoder built in
    train mode then ran its frozen part with dropout, and the frozen-state cache kept that noise for the training
    documents (validation and serving saw clean states). The frozen part must be deterministic in any case."""
    spec, tokenizer, net = _partly_frozen(2, 1)  # BERT's default dropout 0.1
    for module in net.modules():  # what `_ModuleMode.restore` leaves when it captured an all-train network
        module.training = True
    ids, mask = _batch(spec, tokenizer, ["polyp seen at colonoscopy " * 4])
    flat_ids, flat_mask = ids.reshape(-1, ids.shape[-1]), mask.reshape(-1, ids.shape[-1])
    keep = flat_mask.any(1)
    first, second = net.bottom(flat_ids[keep], flat_mask[keep]), net.bottom(flat_ids[keep], flat_mask[keep])
    assert torch.equal(first, second)
    assert not any(m.training for m in net.encoder.embeddings.modules())
    assert not any(m.training for m in net.encoder.encoder.layer[0].modules())
    assert net.encoder.encoder.layer[1].training  # the learning layer keeps its dropout
    net.eval()
    assert torch.allclose(first, net.bottom(flat_ids[keep], flat_mask[keep]))


def test_frozen_state_cache_reuses_and_matches():
    from autocoding.train.frozen_cache import FrozenStatesCache

    spec, tokenizer, net = _partly_frozen(2, 1)
    net.eval()
    cache = FrozenStatesCache(dtype=torch.float32)
    texts = ["reflux", "polyp seen at colonoscopy " * 4, "gastritis"]
    ids, mask = _batch(spec, tokenizer, texts)
    first = net(ids, mask, cache.states(net, "train", torch.tensor([10, 11, 12]), ids, mask))
    assert cache.misses == 3 and cache.hits == 0 and len(cache) == 3
    # the same documents in another batch (other partners, other padding) come from the cache
    ids2, mask2 = _batch(spec, tokenizer, [texts[1], "reflux gastritis"])
    second = net(ids2, mask2, cache.states(net, "train", torch.tensor([11, 13]), ids2, mask2))
    assert cache.hits == 1 and cache.misses == 4
    assert torch.allclose(first["icd10"]["logits"][1], second["icd10"]["logits"][0], atol=1e-5)
    assert torch.allclose(second["icd10"]["logits"], net(ids2, mask2)["icd10"]["logits"], atol=1e-5)
    cache.states(net, "validation", torch.tensor([11]), ids2[:1], mask2[:1])
    assert len(cache) == 5  # keyed by split: validation row 11 is not train row 11


def test_kept_layers_are_the_bottom_of_the_whole_encoder_and_rebuild_from_their_config():
    import transformers

    from autocoding.model.encoder import keep_layers

    config = {**TINY.config, "num_hidden_layers": 3}
    torch.manual_seed(0)
    whole = build_network(ModelSpec(name="t", encoder=EncoderSpec(config=config)), LABELS, vocab_size=200).eval()
    torch.manual_seed(0)
    spec = ModelSpec(name="t", encoder=EncoderSpec(config=config, layers=2))
    kept = build_network(spec, LABELS, vocab_size=200).eval()
    assert len(kept.encoder.encoder.layer) == 2 and kept.encoder.config.num_hidden_layers == 2
    ids = torch.randint(5, 200, (2, 10))
    mask = torch.ones_like(ids)
    with torch.inference_mode():
        full = whole.encoder(input_ids=ids, attention_mask=mask, output_hidden_states=True).hidden_states
        two = kept.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
    assert torch.allclose(full[2], two, atol=1e-5) and not torch.allclose(full[3], two, atol=1e-3)
    # what a bundle saves (encoder/config.json) rebuilds the same shape, so the saved weights fit it
    rebuilt = transformers.AutoModel.from_config(kept.encoder.config)
    assert len(rebuilt.encoder.layer) == 2
    for bad in (0, 4):
        with pytest.raises(Exception, match=f"layers={bad}: the encoder has 3 layers"):
            keep_layers(transformers.AutoModel.from_config(whole.encoder.config), bad)

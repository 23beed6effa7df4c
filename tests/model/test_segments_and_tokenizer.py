"""Segmenting long documents, dynamic padding, and the in-process WordPiece tokenizer."""

from __future__ import annotations

import pytest

from autocoding.model.encoder import SegmentSpec
from autocoding.model.segments import is_truncated, pad_segments, split_segments
from autocoding.model.wordpiece import build_vocabulary, build_wordpiece_tokenizer


def test_split_segments_windows_and_truncation():
    spec = SegmentSpec(max_length=5, max_segments=2)  # 3 tokens per window
    assert split_segments([1, 2, 3, 4, 5, 6, 7], cls_id=100, sep_id=101, spec=spec) == [
        [100, 1, 2, 3, 101],
        [100, 4, 5, 6, 101],
    ]
    # as few windows as hold the text, of equal size: 4 tokens -> 2 + 2, not 3 + 1
    assert split_segments([1, 2, 3, 4], 100, 101, spec) == [[100, 1, 2, 101], [100, 3, 4, 101]]
    assert split_segments([1, 2, 3], 100, 101, spec) == [[100, 1, 2, 3, 101]]
    long = SegmentSpec(max_length=256, max_segments=4)
    for n in (1, 253, 254, 255, 300, 509, 763, 1013, 1016, 2000):
        windows = split_segments(list(range(n)), 100, 101, long)
        body = [len(w) - 2 for w in windows]
        assert sum(body) == min(n, 254 * 4) and max(body) <= 254 and max(body) - min(body) <= 1
        assert len(windows) == -(-min(n, 1016) // 254)
        assert [t for w in windows for t in w[1:-1]] == list(range(min(n, 1016)))  # order kept, nothing lost
    assert is_truncated(7, spec) and not is_truncated(6, spec)
    assert split_segments([], 100, 101, spec) == [[100, 101]]  # an empty text still gives one segment
    with pytest.raises(ValueError):
        split_segments([1], 100, 101, SegmentSpec(max_length=2))


def test_pad_segments_dynamic():
    ids, mask = pad_segments([[[1, 2, 3]], [[4, 5], [6, 7, 8, 9]]], pad_id=0)
    assert ids.shape == mask.shape == (2, 2, 4)
    assert ids[0].tolist() == [[1, 2, 3, 0], [0, 0, 0, 0]]
    assert mask[0].tolist() == [[1, 1, 1, 0], [0, 0, 0, 0]]
    assert mask[1].tolist() == [[1, 1, 0, 0], [1, 1, 1, 1]]


def test_wordpiece_is_deterministic_and_handles_unknown_words(tmp_path):
    corpus = ["Gastritis seen. Reflux oesophagitis.", "reflux and polyp", "polyp polyp"]
    assert build_vocabulary(corpus, 60) == build_vocabulary(list(reversed(corpus)), 60)
    tok = build_wordpiece_tokenizer(corpus, vocab_size=60)
    ids = tok("reflux zebra")["input_ids"]
    assert ids[0] == tok.cls_token_id and ids[-1] == tok.sep_token_id
    assert tok.convert_ids_to_tokens(ids)[1] == "reflux"  # a frequent word is one token
    assert tok.tokenize("refluxes") == ["reflux", "##e", "##s"]  # unseen word -> known pieces
    assert tok.tokenize("zebra")[0] == "[UNK]"  # "z" never seen
    tok.save_pretrained(tmp_path)
    from transformers import AutoTokenizer

    assert AutoTokenizer.from_pretrained(tmp_path)("reflux zebra")["input_ids"] == ids

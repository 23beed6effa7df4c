from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch

from autocoding.model.encoder import SegmentSpec
from autocoding.model.segments import split_segments
from autocoding.serving.evidence import evidence_mask, tokenize_with_offsets, window_starts
from autocoding.serving.predictor import Coder, ServingOptions
from autocoding.serving.texts import join_episode_sections, sections_from_text

TYPES = ["endoscopy_report", "histology"]
DOCUMENTS = pd.DataFrame({
    "episode_id": ["E1", "E1", "E2", "E3", "E3"],
    "doc_id": ["D1", "H1", "D2", "D3", "L3"],
    "doc_type": ["histology", "endoscopy_report", "endoscopy_report", "endoscopy_report", "clinic_letter"],
    "text": ["\n chronic gastritis helicobacter negative ", "  gastroscopy reflux oesophagitis biopsy taken",
             "colonoscopy polyp removed snare diverticula seen in the sigmoid colon " * 3, "sigmoidoscopy normal",
             "not read"],
})


@pytest.mark.parametrize("n", [0, 1, 13, 14, 15, 27, 28, 40])
def test_window_starts_match_split_segments(n):
    spec = SegmentSpec(max_length=16, max_segments=2)
    windows = split_segments(list(range(n)), -1, -2, spec)
    starts = [w[1] if len(w) > 2 else 0 for w in windows]
    assert window_starts(n, spec) == starts[: len(windows)]


def test_sections_say_where_each_document_lies():
    texts, sections = join_episode_sections(DOCUMENTS, ["E1", "E2", "E3", "E4"], TYPES)
    text = dict(zip(DOCUMENTS["doc_id"], DOCUMENTS["text"], strict=True))
    assert [s.doc_id for s in sections[0]] == ["H1", "D1"]  # type order, not extract order
    for joined, found in zip(texts, sections, strict=True):
        for s in found:
            assert joined[s.start : s.end] == text[s.doc_id][s.offset : s.offset + s.end - s.start]
            assert joined[s.start : s.end] == text[s.doc_id].strip()
    assert sections[3] == [] and texts[3] == ""
    # the same layout read back from the joined text alone (pyfunc callers send text, not documents)
    assert [(s.doc_type, s.start, s.end) for s in sections_from_text(texts[0], TYPES)] == \
        [(s.doc_type, s.start, s.end) for s in sections[0]]


def test_evidence_mask_leaves_out_headers_and_special_tokens(tiny_bundle):
    coder = Coder.from_bundle(tiny_bundle)
    texts, sections = join_episode_sections(DOCUMENTS, ["E1"], TYPES)
    segments, _, offsets = tokenize_with_offsets(coder.bundle.tokenizer, texts, coder.segments)
    masks = evidence_mask(segments[0], offsets[0], sections[0])
    flat = [m for seg in masks for m in seg[1:-1]]
    assert all(seg[0] == 0 and seg[-1] == 0 for seg in masks)
    for (a, b), allowed in zip(offsets[0], flat, strict=False):
        in_body = any(s.start <= a and b <= s.end for s in sections[0]) and b > a
        assert bool(allowed) == in_body
    assert 0 < sum(flat) < len(flat)  # the [endoscopy_report] / [histology] headers are tokens too


def _attention(coder, text: str) -> dict[str, np.ndarray]:
    """Per system (L, n_tokens): each label's attention over the document's tokens, recomputed by hand."""
    from autocoding.model.segments import pad_segments, tokenize_segments

    encoded, _ = tokenize_segments(coder.bundle.tokenizer, [text], coder.segments)
    ids, mask = pad_segments(encoded, coder.bundle.tokenizer.pad_token_id)
    with torch.inference_mode():
        states, flat_mask = coder.network.encode(ids, mask)
        found = {}
        for system, head in coder.network.heads.items():
            scores = torch.tanh(states @ head.project.weight.t()) @ head.queries.t()
            scores = scores.masked_fill(~flat_mask.bool().unsqueeze(-1), float("-inf"))
            weights = torch.softmax(scores, dim=1)[0]  # (S*T, L)
            width = ids.shape[-1]
            columns = []
            for s, seg in enumerate(encoded[0]):
                columns += [weights[s * width + t] for t in range(1, len(seg) - 1)]
            found[system] = torch.stack(columns, dim=1).numpy()
    return found


def test_evidence_is_the_most_attended_document_token(tiny_bundle):
    coder = Coder(Coder.from_bundle(tiny_bundle).bundle, ServingOptions(batch_size=2))
    ids = ["E1", "E2", "E3"]
    texts, sections = join_episode_sections(DOCUMENTS, ids, TYPES)
    coded = coder.code(pd.DataFrame({"episode_id": ids, "text": texts}), sections=sections, evidence=True)
    document = dict(zip(DOCUMENTS["doc_id"], DOCUMENTS["text"], strict=True))
    for row, text in enumerate(texts):
        segments, _, offsets = tokenize_with_offsets(coder.bundle.tokenizer, [text], coder.segments)
        allowed = np.array([m for seg in evidence_mask(segments[0], offsets[0], sections[row]) for m in seg[1:-1]],
                           dtype=bool)
        attention = _attention(coder, text)
        for system, weights in attention.items():
            expected = np.where(allowed, weights, -1).argmax(axis=1)  # (L,)
            np.testing.assert_array_equal(coded.evidence.tokens[system][row], expected)
            np.testing.assert_allclose(coded.evidence.weights[system][row], weights[np.arange(len(expected)),
                                                                                    expected], atol=1e-5)
        # and the offsets lead back to that token's characters in its document
        from autocoding.serving.evidence import code_evidence

        for system in attention:
            for label in range(len(coder.bundle.labels[system])):
                found = code_evidence(coded.evidence, row, system, label, text, sections[row])
                a, b = offsets[0][coded.evidence.tokens[system][row, label]]
                source = document[found["doc_id"]]
                assert source[found["start"] : found["end"]] == found["text"]
                assert found["text"].lower().find(text[a:b].lower().strip("#")) >= 0
                start = found["start"] - found["snippet_start"]
                assert found["snippet"][start : start + len(found["text"])] == found["text"]

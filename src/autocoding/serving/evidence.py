"""Evidence for a predicted code: the words of which document its label attention weighted most.

Each code's label-wise attention head (`autocoding.model.label_attention`) spreads one softmax over the episode's
tokens; the evidence is the token it weighted most, among the tokens of the documents themselves ([CLS], [SEP] and
the `[doc_type]` section headers of the joined text are excluded: they carry no clinical content). The path back:

1. the tokenizer's offset mapping gives each token's character span in the joined text (`tokenize_with_offsets`);
2. the network returns the top token's flat position in the batch's (segments x tokens) grid, turned here into
   the document's token index (`window_starts`, the same equal windows as `autocoding.model.segments`);
3. the joined text's sections (`serving.texts.Section`) give the document and the offset in its own text.

The evidence names the whole word around that token (a WordPiece `##ly` becomes its word), its character offsets
in the document's text as written (`start`, `end`: text[start:end] is the word), a snippet of up to
`SNIPPET_CHARS` characters either side (`snippet_start` its offset), and the attention weight.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from autocoding.model.segments import split_segments
from autocoding.serving.texts import Section

SNIPPET_CHARS = 60


@dataclass
class Evidence:
    """Per system (N, L): the document token index each label weighted most (-1: none) and its weight; per
    episode the (n, 2) character spans of its tokens in the joined text."""

    tokens: dict[str, np.ndarray] = field(default_factory=dict)
    weights: dict[str, np.ndarray] = field(default_factory=dict)
    offsets: list[np.ndarray] = field(default_factory=list)


def window_starts(n_tokens: int, spec) -> list[int]:
    """First document-token index of each window `split_segments` cuts n_tokens tokens into (equal windows)."""
    body = spec.max_length - 2
    kept = min(n_tokens, body * spec.max_segments)
    n_windows = max(1, -(-kept // body))
    size, longer = divmod(kept, n_windows)
    starts = [0]
    for w in range(n_windows - 1):
        starts.append(starts[-1] + size + (w < longer))
    return starts


def tokenize_with_offsets(tokenizer, texts: Sequence[str], spec):
    """Texts -> (segments per text, tokens per text before truncation, (kept, 2) char spans per text)."""
    encoded = tokenizer(list(texts), add_special_tokens=False, truncation=False, verbose=False,
                        return_offsets_mapping=True)
    kept = (spec.max_length - 2) * spec.max_segments
    segments = [split_segments(ids, tokenizer.cls_token_id, tokenizer.sep_token_id, spec)
                for ids in encoded["input_ids"]]
    offsets = [np.asarray(o[:kept], dtype=np.int64).reshape(-1, 2) for o in encoded["offset_mapping"]]
    return segments, [len(x) for x in encoded["input_ids"]], offsets


def evidence_mask(segments: list[list[int]], offsets: np.ndarray, sections: Sequence[Section] | None
                  ) -> list[list[int]]:
    """Per segment, 1 for each position holding a document token (not [CLS]/[SEP], not a section header)."""
    spans = offsets
    if sections is None:  # no documents known (a text given directly): every real token may be evidence
        inside = spans[:, 1] > spans[:, 0]
    else:
        starts = np.array([s.start for s in sections], dtype=np.int64)
        ends = np.array([s.end for s in sections], dtype=np.int64)
        which = np.searchsorted(starts, spans[:, 0], side="right") - 1
        ok = which >= 0
        inside = ok & (spans[:, 1] > spans[:, 0])
        inside[ok] &= spans[ok, 1] <= ends[which[ok]]
    masks, position = [], 0
    for segment in segments:
        body = len(segment) - 2
        masks.append([0, *inside[position : position + body].astype(int).tolist(), 0])
        position += body
    return masks


def document_tokens(flat: np.ndarray, width: int, starts: list[int]) -> np.ndarray:
    """(L,) flat positions in a (segments x width) grid -> document token indices (-1 stays -1)."""
    segment, column = np.divmod(np.maximum(flat, 0), width)
    base = np.asarray(starts, dtype=np.int64)[np.minimum(segment, len(starts) - 1)]
    return np.where(flat >= 0, base + column - 1, -1)


def _word(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    while start > lo and text[start - 1].isalnum():
        start -= 1
    while end < hi and text[end].isalnum():
        end += 1
    return start, end


def _snippet(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    a, b = max(lo, start - SNIPPET_CHARS), min(hi, end + SNIPPET_CHARS)
    if a > lo:  # begin and end on word boundaries
        space = text.find(" ", a, start)
        a = space + 1 if space >= 0 else a
    if b < hi:
        space = text.rfind(" ", end, b)
        b = space if space >= 0 else b
    return a, b


def locate(text: str, sections: Sequence[Section] | None, span: tuple[int, int], weight: float) -> dict | None:
    """One evidence record for a token's (start, end) span in the joined `text` (see module docstring)."""
    start, end = int(span[0]), int(span[1])
    if sections is None:
        lo, hi, doc_id, shift = 0, len(text), None, 0
    else:
        section = next((s for s in sections if s.start <= start and end <= s.end), None)
        if section is None:
            return None
        lo, hi, doc_id, shift = section.start, section.end, section.doc_id, section.offset - section.start
    start, end = _word(text, start, end, lo, hi)
    a, b = _snippet(text, start, end, lo, hi)
    return {"doc_id": doc_id, "start": start + shift, "end": end + shift, "text": text[start:end],
            "snippet": text[a:b], "snippet_start": a + shift, "weight": round(float(weight), 4)}


def code_evidence(evidence: Evidence, row: int, system: str, label: int, text: str,
                  sections: Sequence[Section] | None) -> dict | None:
    """The evidence record of one code (label index) of one episode, or None where there is none."""
    if system not in evidence.tokens:
        return None
    token = int(evidence.tokens[system][row, label])
    offsets = evidence.offsets[row]
    if token < 0 or token >= len(offsets):
        return None
    return locate(text, sections, offsets[token], evidence.weights[system][row, label])

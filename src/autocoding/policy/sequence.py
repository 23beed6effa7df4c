"""From per-label decisions to code sequences as coders record them: primary first, then secondaries.

- Primary: among the codes decided present that may stand first (`LabelRules.can_be_primary`), the one with the
  highest primary probability. Its confidence is that probability renormalised over those candidates: "of the
  codes this episode has, how sure is the model which one is primary".
- Secondaries: the other codes by presence probability, highest first; OPCS-4 Y/Z qualifiers go right after the
  primary procedure they qualify (the model gives presence, not attachment, so the primary is the best guess).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def choose_primary(primary_probs: np.ndarray, chosen: np.ndarray,
                   can_be_primary: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Primary label per episode and its confidence.

    primary_probs (N, L), chosen (N, L) bool, can_be_primary (L,) bool -> index (N,) int (-1 when nothing is
    chosen) and confidence (N,) in [0, 1]. When only codes that cannot be primary are chosen, they compete
    anyway (the coding-rule check then flags the episode). Works on the chosen cells only (a few per episode),
    never on dense (N, L) temporaries: 150,000 x 300 floats would be 360 MB each.
    """
    n = chosen.shape[0]
    rows, cols = np.nonzero(chosen)
    eligible = can_be_primary[cols]
    row_has_eligible = np.zeros(n, dtype=bool)
    row_has_eligible[rows[eligible]] = True
    keep = eligible | ~row_has_eligible[rows]  # rows with no eligible code keep all their codes as candidates
    rows, cols = rows[keep], cols[keep]
    q = primary_probs[rows, cols]
    total = np.bincount(rows, weights=q, minlength=n)
    order = np.lexsort((-q, rows))  # by row, highest primary probability first
    rows, cols, q = rows[order], cols[order], q[order]
    first = np.ones(len(rows), dtype=bool)
    first[1:] = rows[1:] != rows[:-1]
    index = np.full(n, -1, dtype=np.int64)
    confidence = np.zeros(n, dtype=np.float64)
    index[rows[first]] = cols[first]
    top = q[first]
    confidence[rows[first]] = np.divide(top, total[rows[first]], out=np.zeros_like(top), where=total[rows[first]] > 0)
    return index, confidence


def code_sequences(probs: np.ndarray, chosen: np.ndarray, primary_index: np.ndarray, is_qualifier: np.ndarray,
                   labels: Sequence[str]) -> list[list[str]]:
    """Ordered code lists, one per episode (primary first; see module docstring). probs/chosen (N, L)."""
    n = probs.shape[0]
    rows, cols = np.nonzero(chosen)
    order = np.lexsort((-probs[rows, cols], rows))  # by episode, then probability descending
    rows, cols = rows[order], cols[order]
    bounds = np.searchsorted(rows, np.arange(n + 1))
    cols_list, qualifier, primary = cols.tolist(), is_qualifier.tolist(), primary_index.tolist()
    sequences: list[list[str]] = []
    for i in range(n):
        segment = cols_list[bounds[i]:bounds[i + 1]]
        first = primary[i]
        if first < 0:
            sequences.append([])
            continue
        rest = [c for c in segment if c != first]
        if qualifier[first]:
            ordered = [first, *rest]
        else:
            ordered = [first, *(c for c in rest if qualifier[c]), *(c for c in rest if not qualifier[c])]
        sequences.append([labels[c] for c in ordered])
    return sequences

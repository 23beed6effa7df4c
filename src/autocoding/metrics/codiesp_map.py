"""The official CodiEsp-D / CodiEsp-P ranking metric: mean average precision (MAP), defined once.

Re-implements `codiespD_P_evaluation.py` of TeMU-BSC/codiesp-evaluation-script, which formats the gold standard as TREC
qrels and the predictions as a TREC run and calls `trectools.TrecEval(run, qrels).get_map(trec_eval=False)` (depth
1000), with trectools 0.0.42 as pinned in the script's requeriments.txt. What that scorer does, and so this module:

1. Gold: codes lower-cased, duplicates within a document dropped. Gold codes are NOT filtered by the valid-codes list.
2. Predictions: codes lower-cased; for each document the file order is the rank order (scores are all equal, and
   0.0.42 sorts stably by score); duplicates dropped keeping the first; codes outside the valid-codes list dropped
   (ranks close up); only the first `depth` (1000) per document count.
3. Per document: AP = sum over relevant predictions at rank k of (relevant found in ranks 1..k) / k, divided by the
   number of gold codes of that document (all of them, also those never predicted).
4. MAP = sum of AP / number of documents in the filtered run (0.0.42: `nqueries = len(run.topics())`). So a
   document with valid predictions but no gold code counts as 0 (CodiEsp-P: 28 of the 250 dev documents have no
   procedure), while a gold document with no valid prediction is left out of the mean. `missing_as_zero=True` also
   counts those as 0, for our own stricter reports; the default reproduces the official figure.
   (trectools >= 0.0.43 divides by the documents in both run and gold, and >= 0.0.50 re-sorts a run by code name,
   so the script run with a current trectools gives other, and for 0.0.50 meaningless, numbers.)

Checked against the script with trectools 0.0.42 on the baseline's dev runs (D, P, and a run with a restricted
valid-codes list and a missing document): equal to 1e-15.

Pure Python (no torch): the inputs are ranked code lists, not tensors; the CodiEsp baseline and the evaluation of a
trained coder both produce such lists (codes of the label space sorted by probability).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

OFFICIAL_DEPTH = 1000


def _dedupe(codes: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for code in codes:
        if code not in seen:
            seen.add(code)
            out.append(code)
    return out


def average_precision(gold: Iterable[str], ranked: Sequence[str], depth: int = OFFICIAL_DEPTH) -> float:
    """TREC average precision of one ranked list against one gold set (both already in the same code form).

    `ranked` is deduplicated first (keep first). Returns 0.0 for an empty gold set (the official scorer never scores
    such a document, see `codiesp_map`).
    """
    gold_set = set(gold)
    if not gold_set:
        return 0.0
    hits, total = 0, 0.0
    for rank, code in enumerate(_dedupe(ranked)[:depth], start=1):
        if code in gold_set:
            hits += 1
            total += hits / rank
    return total / len(gold_set)


def codiesp_map(
    gold: Mapping[str, Iterable[str]],
    predictions: Mapping[str, Sequence[str]],
    valid_codes: Iterable[str] | None = None,
    depth: int = OFFICIAL_DEPTH,
    missing_as_zero: bool = False,
) -> float:
    """Official CodiEsp MAP.

    gold: document id -> gold codes (any case; duplicates allowed).
    predictions: document id -> codes in rank order, best first (any case).
    valid_codes: the task's valid-codes list; predicted codes outside it are dropped before ranking. None keeps all.
    missing_as_zero: also count gold documents without any valid prediction as AP 0 (not the official behaviour).
    """
    per_doc = per_document_ap(gold, predictions, valid_codes, depth)
    if missing_as_zero:
        for doc, codes in gold.items():
            if doc not in per_doc and any(True for _ in codes):
                per_doc[doc] = 0.0
    return sum(per_doc.values()) / len(per_doc) if per_doc else 0.0


def per_document_ap(
    gold: Mapping[str, Iterable[str]],
    predictions: Mapping[str, Sequence[str]],
    valid_codes: Iterable[str] | None = None,
    depth: int = OFFICIAL_DEPTH,
) -> dict[str, float]:
    """AP of each document the official scorer averages over: every document with at least one valid prediction
    (AP 0 when it has no gold code)."""
    valid = None if valid_codes is None else {c.lower() for c in valid_codes}
    out: dict[str, float] = {}
    for doc, ranked in predictions.items():
        kept = [c.lower() for c in ranked]
        if valid is not None:
            kept = [c for c in kept if c in valid]
        if kept:
            out[doc] = average_precision([c.lower() for c in gold.get(doc, ())], kept, depth)
    return out

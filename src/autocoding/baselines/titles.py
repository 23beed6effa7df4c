"""Code-title coverage: a score for every code of a code system, seen in training or not.

A classifier cannot rank a code it never saw (about 18% of CodiEsp-D dev codes are absent from train). The code's
title often says what the text says ("Brucellosis, unspecified" / "... positive for Brucella ..."), so we score each
code by how much of its title the document covers: the idf-weighted share of the title's content words (lower-cased,
crude suffix-stripped) found in the document. With T the (codes, vocab) title matrix, rows idf-weighted and summing
to 1, and D the (docs, vocab) 0/1 presence matrix, coverage = D @ T.T, shaped (docs, codes), in [0, 1].
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
from scipy import sparse

TOKEN = re.compile(r"[a-z][a-z0-9]+")
# words that say little about which code applies (ICD titles use them everywhere)
STOPWORDS = frozenset(
    "and or of the in with without to for by on as at from not other unspecified specified site sites part parts "
    "type disease diseases disorder disorders condition conditions due use unsp nos nec elsewhere classified "
    "than more less one two any all".split()
)


def stem(token: str) -> str:
    """A crude plural strip so that 'fractures'/'fracture' and 'infections'/'infection' match
    ('bodies' -> 'body', 'abscesses' -> 'abscess'; 'sepsis', 'virus', 'glass' stay)."""
    if len(token) <= 4:
        return token
    if token.endswith("ies"):
        return token[:-3] + "y"
    if token.endswith(("sses", "xes", "ches", "shes")):
        return token[:-2]
    if token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def content_words(text: str) -> set[str]:
    return {stem(t) for t in TOKEN.findall(text.lower()) if t not in STOPWORDS}


class TitleCoverage:
    """Built once per code system from {code: title}; `score(texts)` -> (n_docs, n_codes) in `codes` order."""

    def __init__(self, titles: Mapping[str, str]):
        self.codes = [c for c, t in titles.items() if t and content_words(t)]
        words = [content_words(titles[c]) for c in self.codes]
        vocab = sorted(set().union(*words)) if words else []
        self.index = {w: i for i, w in enumerate(vocab)}
        df = np.zeros(len(vocab))
        rows, cols = [], []
        for r, ws in enumerate(words):
            for w in ws:
                rows.append(r)
                cols.append(self.index[w])
                df[self.index[w]] += 1
        # idf over titles: 'brucellosis' (one title) outweighs 'acute' (thousands)
        idf = np.log((1 + len(self.codes)) / (1 + df)) + 1.0
        weights = idf[cols]
        matrix = sparse.csr_matrix((weights, (rows, cols)), shape=(len(self.codes), len(vocab)))
        norm = np.asarray(matrix.sum(axis=1)).ravel()
        self.matrix = sparse.diags(1.0 / np.maximum(norm, 1e-12)) @ matrix  # rows sum to 1

    def presence(self, texts: Sequence[str]) -> sparse.csr_matrix:
        rows, cols = [], []
        for r, text in enumerate(texts):
            for w in content_words(text):
                j = self.index.get(w)
                if j is not None:
                    rows.append(r)
                    cols.append(j)
        return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), len(self.index)))

    def score(self, texts: Sequence[str]) -> np.ndarray:
        """-> (n_docs, n_codes) coverage in [0, 1]."""
        return np.asarray((self.presence(texts) @ self.matrix.T).todense())


def icd10cm_titles() -> dict[str, str]:
    """Every ICD-10-CM category and subcategory (without 7th-character extensions, which CodiEsp does not code)
    -> its description, from the simple-icd-10-cm package; codes in canonical dotted upper-case form."""
    import simple_icd_10_cm as cm

    out = {}
    for code in cm.get_all_codes(with_dots=True):
        if cm.is_chapter_or_block(code) or cm.is_extended_subcategory(code):
            continue
        out[code] = cm.get_description(code)
    return out

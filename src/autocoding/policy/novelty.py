"""Text novelty: send an episode whose wording the model never saw in training to a coder.

The embedding detector (`policy.ood`) sees what the model's pooled states see, and a fine-tuned encoder maps a
new report template or another author's phrasing close to what it knows: measured on independently written
episodes, it let most of them through while the model coded them wrongly. This detector looks at the text itself,
against the training documents:
- `word`: the share of an episode's words never seen (at least `min_count` times) in training;
- `phrase`: the share of its word 3-grams never seen in training (a new template, section order or author shows
  here first, even when every single word is known).
Numbers are folded to one token, so dates, ages and doses are not novel. Each threshold is the `quantile` of the
VALIDATION scores (in-distribution text, never trained on) times `margin`, so about 1 - quantile of episodes like
the training data are sent to a coder: the cost of safety, visible in the exception counts.

The words and the 3-grams are kept as bitsets of their CRC-32 (stable across processes and machines) modulo
`n_word_bits` / `n_bits`, so the bundle lists no word of the training documents (patients' and clinicians' names
among them): it can only answer "was this word seen", which someone holding a candidate name can still ask. 2^23
bits is 1 MiB, and a few hundred thousand distinct training 3-grams fill ~3% of it, so an unseen phrase is mistaken
for a seen one about 3% of the time (it errs towards "seen", that is towards auto-coding, by that much); the words
(thousands to tens of thousands) fill well under 1% of their 2^22 bits. Saved in the bundle's `ood.json`. Bundles
of format 1 carry the word list itself; they load and score as before. numpy and the standard library only.
"""

from __future__ import annotations

import base64
import json
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from autocoding.errors import InputError
from autocoding.files import write_json_atomic

TOKEN = re.compile(r"[a-z]+|\d+")
NUMBER = "0"
FORMAT_VERSION = 2  # 1: the word list itself; 2: the words as a bitset


def words(text: str) -> list[str]:
    """Lower-cased word tokens; every run of digits becomes one number token."""
    return [NUMBER if t[0].isdigit() else t for t in TOKEN.findall((text or "").lower())]


def word_hashes(tokens: Iterable[str], n_bits: int) -> np.ndarray:
    """Bit positions of the words."""
    return np.fromiter((zlib.crc32(t.encode()) % n_bits for t in tokens), dtype=np.int64)


def phrase_hashes(tokens: Sequence[str], n_bits: int) -> np.ndarray:
    """Bit positions of the word 3-grams of `tokens` (empty for fewer than three tokens)."""
    grams = (" ".join(tokens[i:i + 3]).encode() for i in range(len(tokens) - 2))
    return np.fromiter((zlib.crc32(g) % n_bits for g in grams), dtype=np.int64)


@dataclass
class NoveltyScores:
    word: np.ndarray  # (N,) share of unseen words
    phrase: np.ndarray  # (N,) share of unseen word 3-grams


@dataclass
class NoveltyDetector:
    word_bits: np.ndarray | None  # (n_word_bits,) bool: hashes of the words seen (min_count times) in training
    bits: np.ndarray  # (n_bits,) bool: 3-gram hashes seen in training
    word_threshold: float
    phrase_threshold: float
    quantile: float = 0.99
    margin: float = 1.0
    min_count: int = 1
    vocabulary: frozenset[str] | None = None  # the word list of a format-1 bundle (then word_bits is None)

    @property
    def n_bits(self) -> int:
        return len(self.bits)

    @classmethod
    def fit(cls, train_texts: Iterable[str], validation_texts: Sequence[str], quantile: float = 0.99,
            margin: float = 1.0, min_count: int = 1, n_bits: int = 1 << 23,
            n_word_bits: int = 1 << 22) -> NoveltyDetector:
        """Vocabulary and 3-grams from training texts; thresholds from validation texts (never trained on)."""
        if not 0 < quantile <= 1 or margin < 1:
            raise ValueError(f"need 0 < quantile <= 1 and margin >= 1, got {quantile}, {margin}")
        counts: Counter[str] = Counter()
        bits = np.zeros(n_bits, dtype=bool)
        n = 0
        for text in train_texts:
            tokens = words(text)
            counts.update(tokens)
            bits[phrase_hashes(tokens, n_bits)] = True
            n += 1
        if n == 0:
            raise ValueError("need at least one training text to fit the novelty detector")
        word_bits = np.zeros(n_word_bits, dtype=bool)
        word_bits[word_hashes((w for w, c in counts.items() if c >= min_count), n_word_bits)] = True
        detector = cls(word_bits, bits, np.inf, np.inf, quantile, margin, min_count)
        if len(validation_texts):
            scores = detector.score(validation_texts)
            detector.word_threshold = float(np.quantile(scores.word, quantile) * margin)
            detector.phrase_threshold = float(np.quantile(scores.phrase, quantile) * margin)
        return detector

    def score(self, texts: Sequence[str]) -> NoveltyScores:
        word, phrase = np.zeros(len(texts)), np.zeros(len(texts))
        for i, text in enumerate(texts):
            tokens = words(text)
            if not tokens:
                word[i] = phrase[i] = 1.0  # nothing the model could have learnt from: as novel as it gets
                continue
            if self.vocabulary is not None:
                word[i] = sum(t not in self.vocabulary for t in tokens) / len(tokens)
            else:
                word[i] = float((~self.word_bits[word_hashes(tokens, len(self.word_bits))]).mean())
            hashes = phrase_hashes(tokens, self.n_bits)
            phrase[i] = float((~self.bits[hashes]).mean()) if len(hashes) else word[i]
        return NoveltyScores(word, phrase)

    def flag(self, texts: Sequence[str], scores: NoveltyScores | None = None) -> np.ndarray:
        """(N,) bool, True = the wording is unlike the training documents."""
        scores = scores or self.score(texts)
        return (scores.word > self.word_threshold) | (scores.phrase > self.phrase_threshold)

    def to_json(self) -> dict:
        data = {"format_version": FORMAT_VERSION if self.vocabulary is None else 1, "quantile": self.quantile,
                "margin": self.margin, "min_count": self.min_count, "word_threshold": self.word_threshold,
                "phrase_threshold": self.phrase_threshold, "n_bits": self.n_bits,
                "bits_zlib_base64": _pack(self.bits)}
        if self.vocabulary is not None:
            data["vocabulary"] = sorted(self.vocabulary)
        else:
            data["n_word_bits"], data["word_bits_zlib_base64"] = len(self.word_bits), _pack(self.word_bits)
        return data

    @classmethod
    def from_json(cls, data: dict) -> NoveltyDetector:
        version = int(data.get("format_version", 0))
        if version not in (1, FORMAT_VERSION):
            raise ValueError(f"novelty format_version {data.get('format_version')!r}, expected 1 or {FORMAT_VERSION}")
        bits = _unpack(data["bits_zlib_base64"], int(data["n_bits"]))
        word_bits = _unpack(data["word_bits_zlib_base64"], int(data["n_word_bits"])) if version > 1 else None
        return cls(word_bits, bits, float(data["word_threshold"]), float(data["phrase_threshold"]),
                   float(data["quantile"]), float(data["margin"]), int(data["min_count"]),
                   frozenset(data["vocabulary"]) if version == 1 else None)

    def save(self, path: str | Path) -> Path:
        return write_json_atomic(path, self.to_json())

    @classmethod
    def load(cls, path: str | Path) -> NoveltyDetector:
        try:
            return cls.from_json(json.loads(Path(path).read_text()))
        except (OSError, ValueError, KeyError) as exc:
            raise InputError(f"cannot read the text novelty detector: {exc}", file=str(path)) from exc


def _pack(bits: np.ndarray) -> str:
    return base64.b64encode(zlib.compress(np.packbits(bits).tobytes(), 6)).decode("ascii")


def _unpack(text: str, n_bits: int) -> np.ndarray:
    packed = np.frombuffer(zlib.decompress(base64.b64decode(text)), dtype=np.uint8)
    return np.unpackbits(packed)[:n_bits].astype(bool)

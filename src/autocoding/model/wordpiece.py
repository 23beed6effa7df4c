"""A small WordPiece tokenizer built in-process from training texts (for random-init test encoders).

Deterministic by construction (vocabulary = special tokens, every character seen, its `##` continuation,
then the most frequent words, ties broken alphabetically), so DDP ranks that each build it agree on every
token id. Unknown words fall back to characters, as in BERT.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def _bert_pipeline():
    from tokenizers import normalizers, pre_tokenizers

    return normalizers.BertNormalizer(lowercase=True, strip_accents=True), pre_tokenizers.BertPreTokenizer()


def build_vocabulary(corpus: Iterable[str], vocab_size: int) -> list[str]:
    normalizer, pre_tokenizer = _bert_pipeline()
    words: Counter[str] = Counter()
    for text in corpus:
        words.update(w for w, _ in pre_tokenizer.pre_tokenize_str(normalizer.normalize_str(text)))
    chars = sorted({c for w in words for c in w})
    vocab = SPECIAL_TOKENS + chars + [f"##{c}" for c in chars]
    room = max(vocab_size - len(vocab), 0)
    known = set(vocab)
    ranked = sorted((w for w in words if w not in known), key=lambda w: (-words[w], w))
    return vocab + ranked[:room]


def build_wordpiece_tokenizer(corpus: Iterable[str], vocab_size: int = 4000, model_max_length: int = 512):
    """A `PreTrainedTokenizerFast` with BERT conventions ([CLS] text [SEP]), saveable with `save_pretrained`."""
    from tokenizers import Tokenizer, models, processors
    from transformers import PreTrainedTokenizerFast

    vocab = build_vocabulary(corpus, vocab_size)
    ids = {token: i for i, token in enumerate(vocab)}
    tok = Tokenizer(models.WordPiece(ids, unk_token="[UNK]", max_input_chars_per_word=100))
    tok.normalizer, tok.pre_tokenizer = _bert_pipeline()
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B [SEP]",
        special_tokens=[("[CLS]", ids["[CLS]"]), ("[SEP]", ids["[SEP]"])],
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
        model_max_length=model_max_length,
    )

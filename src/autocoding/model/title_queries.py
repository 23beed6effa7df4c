"""Starting each code's attention at its title (`model.head.title_init`).

A label-wise attention query starts random, so before training no code looks anywhere in particular and a rare code
learns where to look from its few examples alone, which in synthetic training means from the template's phrase.
Starting the first query of each code from the encoder's reading of the code's official title ("Diverticular
disease of large intestine without perforation or abscess", "Diagnostic fibreoptic endoscopic examination of colon
and biopsy of lesion of colon") points it, from the first step, at the words that mean the code, whichever words a
report uses for them.

The title is read by the pretrained encoder (mean of its last hidden states over the title's tokens, `e_l`). Since
the attention scores a token h as u . tanh(W h), the query that scores a token that reads like the title highest is
u_l along tanh(W e_l); it is scaled to the norm a random query has, so only the direction changes. Codes without a
title (none in the table, or a label the table does not hold) keep their random query, and so do the other K - 1
queries of each code (`HeadSpec.queries`), which stay free to find other evidence.

Off by default: it speeds learning and raises validation mAP on generated text, but did not improve the demos on
independently written reports (docs/benchmarks.md, "Code titles and token dropout").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence

import torch
from torch import Tensor

log = logging.getLogger(__name__)

# the packaged UK identifiers carry a note in the title's place ("Irritable bowel syndrome [UK 5th Edition code K58.0]")
_NOTE = re.compile(r"\s*\[UK [^\]]*\]")


def code_titles(labels: Sequence[str], code_system) -> list[str | None]:
    """Each label's title, cleaned for reading; None where the code system has none."""
    out: list[str | None] = []
    for code in labels:
        try:
            title = code_system.title(code) if code_system is not None else ""
        except (KeyError, ValueError):
            title = ""
        title = _NOTE.sub("", title or "").strip()
        out.append(title or None)
    return out


@torch.no_grad()
def embed_texts(network, tokenizer, texts: Sequence[str], batch_size: int = 64, max_length: int = 64) -> Tensor:
    """(len(texts), H) float32: the encoder's mean last hidden state over each text's tokens, in eval mode."""
    was_training = network.training
    network.eval()
    try:
        out = []
        for start in range(0, len(texts), batch_size):
            enc = tokenizer(list(texts[start:start + batch_size]), padding=True, truncation=True,
                            max_length=max_length, return_tensors="pt")
            ids, mask = enc["input_ids"].unsqueeze(1), enc["attention_mask"].unsqueeze(1)  # one segment each
            out.append(network.embed(ids, mask))
        return torch.cat(out) if out else torch.zeros(0, network.encoder.config.hidden_size)
    finally:
        network.train(was_training)


def init_title_queries(network, tokenizer, code_systems: Mapping[str, object]) -> dict[str, int]:
    """Set the first query of every code that has a title (all heads of `network`); returns the number set per
    system."""
    counts = {}
    for system, head in network.heads.items():
        titles = code_titles(network.labels[system], code_systems.get(system))
        rows = [i for i, t in enumerate(titles) if t]
        if rows:
            head.init_queries(rows, embed_texts(network, tokenizer, [titles[i] for i in rows]))
        counts[system] = len(rows)
        log.info("%s: %d of %d codes start their attention at their title", system, len(rows), len(titles))
    return counts

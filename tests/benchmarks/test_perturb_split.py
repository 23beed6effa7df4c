"""benchmarks/perturb_split.py: each perturbation adds or moves text and never removes or changes a line."""

from __future__ import annotations

import random
from collections import Counter

from tests.helpers.benchmark_scripts import load_benchmark

TEXT = "Procedure: OGD\nFindings: 3cm hiatus hernia.\nBiopsies taken from the antrum.\nImpression: HH"
SENTENCES = ["The patient was seen in clinic last spring.", "Blood pressure remained stable throughout the stay."]


def test_sentences_of_keeps_sentences_of_the_chosen_length():
    module = load_benchmark("perturb_split")
    text = "Short. " + SENTENCES[0] + " " + SENTENCES[1] + " " + "x" * 250 + "."
    assert module.sentences_of([text]) == SENTENCES


def test_inserted_sentences_reach_the_share_and_keep_every_line_in_order():
    module = load_benchmark("perturb_split")
    out = module.insert_sentences(TEXT, 0.5, random.Random(3), SENTENCES)
    lines = out.split("\n")
    original = TEXT.split("\n")
    assert [line for line in lines if line not in SENTENCES] == original
    added = sum(len(line.split()) for line in lines if line in SENTENCES)
    assert added >= 0.5 * len(TEXT.split())
    assert out == module.insert_sentences(TEXT, 0.5, random.Random(3), SENTENCES)


def test_inserted_words_are_the_share_asked_and_the_text_keeps_its_order():
    module = load_benchmark("perturb_split")
    out = module.insert_words(TEXT, 0.2, random.Random(1), ["zebra"]).split(" ")
    assert out.count("zebra") == int(0.2 * len(TEXT.split(" ")))
    assert " ".join(t for t in out if t != "zebra") == TEXT


def test_shuffled_lines_are_the_same_lines():
    module = load_benchmark("perturb_split")
    out = module.shuffle_lines(TEXT, random.Random(0))
    assert Counter(out.split("\n")) == Counter(TEXT.split("\n"))


def test_perturbations_need_distractor_text_only_for_insertions():
    module = load_benchmark("perturb_split")
    assert list(module.perturbations([], [0.1])) == ["none", "shuffled lines"]
    names = list(module.perturbations(SENTENCES, [0.1, 0.25]))
    assert names == ["none", "shuffled lines", "sentences 0.1", "words 0.1", "sentences 0.25", "words 0.25"]
    assert module.perturbations(SENTENCES, [0.1])["none"](TEXT, random.Random(0)) == TEXT

"""The text novelty detector on hand-made texts: unseen words and unseen phrasing are flagged, known text is not."""

from __future__ import annotations

import numpy as np
import pytest

from autocoding.policy.novelty import NoveltyDetector, phrase_hashes, words

TRAIN = [
    "Procedure: OGD. Findings: mild oesophagitis at 35 cm. Biopsies taken from the antrum.",
    "Procedure: OGD. Findings: normal oesophagus. Biopsies taken from the duodenum.",
    "Procedure: colonoscopy to caecum. Findings: 4 mm polyp in the sigmoid, removed by cold snare.",
    "Procedure: colonoscopy to caecum. Findings: diverticular disease in the sigmoid.",
]
VALIDATION = [
    "Procedure: OGD. Findings: normal oesophagus. Biopsies taken from the antrum.",
    "Procedure: colonoscopy to caecum. Findings: 6 mm polyp in the sigmoid, removed by cold snare.",
]


def test_words_fold_numbers_and_case():
    assert words("Polyp 4mm at 35 CM") == ["polyp", "0", "mm", "at", "0", "cm"]
    assert words("") == [] and words(None) == []


def test_phrase_hashes_are_stable_and_count_trigrams():
    hashes = phrase_hashes(["a", "b", "c", "d"], 1 << 20)
    assert len(hashes) == 2
    np.testing.assert_array_equal(hashes, phrase_hashes(["a", "b", "c", "d"], 1 << 20))
    assert len(phrase_hashes(["a", "b"], 1 << 20)) == 0


def test_known_text_passes_new_wording_is_flagged():
    detector = NoveltyDetector.fit(TRAIN, VALIDATION, quantile=1.0)
    same = detector.flag(VALIDATION)
    assert not same.any()  # the thresholds are the validation maximum: validation itself passes
    new_words = "Gastroscopy: grade B reflux oesophagitis, hiatus hernia, CLO test positive."
    new_phrasing = "Findings: the sigmoid in biopsies polyp taken antrum from normal caecum."
    flags = detector.flag([TRAIN[0], new_words, new_phrasing])
    assert flags.tolist() == [False, True, True]
    scores = detector.score([new_words, new_phrasing])
    assert scores.word[0] > 0.5 and scores.word[1] == 0.0  # every word of the scramble is known ...
    assert scores.phrase[1] > 0.5  # ... but not its 3-grams


def test_empty_text_is_novel():
    detector = NoveltyDetector.fit(TRAIN, VALIDATION)
    assert detector.flag(["", "   "]).all()


def test_round_trip(tmp_path):
    detector = NoveltyDetector.fit(TRAIN, VALIDATION, quantile=0.5, margin=1.5, n_bits=1 << 16)
    loaded = NoveltyDetector.load(detector.save(tmp_path / "novelty.json"))
    assert loaded.vocabulary is None and loaded.n_bits == 1 << 16
    np.testing.assert_array_equal(loaded.bits, detector.bits)
    np.testing.assert_array_equal(loaded.word_bits, detector.word_bits)
    probe = TRAIN + ["something else entirely"]
    np.testing.assert_array_equal(loaded.flag(probe), detector.flag(probe))
    assert (loaded.word_threshold, loaded.phrase_threshold) == (detector.word_threshold, detector.phrase_threshold)


def test_the_saved_detector_names_no_training_word(tmp_path):
    detector = NoveltyDetector.fit(TRAIN + ["letter for mrs zebedee quartermaine"], VALIDATION)
    saved = detector.save(tmp_path / "novelty.json").read_text()
    assert "zebedee" not in saved and "quartermaine" not in saved
    assert detector.score(["zebedee quartermaine"]).word[0] == 0.0  # yet the words count as seen


def test_a_format_1_detector_with_its_word_list_loads_and_scores_as_before(tmp_path):
    import json

    detector = NoveltyDetector.fit(TRAIN, VALIDATION, n_bits=1 << 16)
    old = detector.to_json()
    del old["n_word_bits"], old["word_bits_zlib_base64"]
    old.update(format_version=1, vocabulary=sorted({w for t in TRAIN for w in words(t)}))
    (tmp_path / "old.json").write_text(json.dumps(old))
    loaded = NoveltyDetector.load(tmp_path / "old.json")
    assert loaded.word_bits is None and "zebedee" not in loaded.vocabulary
    probe = TRAIN + VALIDATION + ["something else entirely", "zebedee"]
    np.testing.assert_array_equal(loaded.score(probe).word, detector.score(probe).word)
    assert loaded.to_json()["vocabulary"] == old["vocabulary"]


def test_bad_settings_and_files(tmp_path):
    with pytest.raises(ValueError):
        NoveltyDetector.fit([], VALIDATION)
    with pytest.raises(ValueError):
        NoveltyDetector.fit(TRAIN, VALIDATION, margin=0.5)
    bad = tmp_path / "novelty.json"
    bad.write_text("{not json")
    from autocoding.errors import InputError

    with pytest.raises(InputError, match="novelty"):
        NoveltyDetector.load(bad)


def test_ood_detector_carries_novelty_through_its_file(tmp_path):
    """The wording detector rides in ood.json: a bundle saved with it flags new wording after loading."""
    from autocoding.policy.ood import OODDetector

    rng = np.random.default_rng(0)
    ood = OODDetector.fit(rng.normal(size=(50, 4)), rng.normal(size=(20, 4)), quantile=1.0)
    ood.threshold = np.inf  # embeddings say nothing here: only the text signals speak
    ood.novelty = NoveltyDetector.fit(TRAIN, VALIDATION, quantile=1.0)
    loaded = OODDetector.load(ood.save(tmp_path / "ood.json"))
    embeddings = rng.normal(size=(2, 4))
    texts = [TRAIN[1], "Gastroscopy: grade B reflux oesophagitis, hiatus hernia, CLO test positive."]
    assert loaded.flag(embeddings, texts=texts).tolist() == [False, True]
    assert loaded.flag(embeddings).tolist() == [False, False]  # no texts: no wording check

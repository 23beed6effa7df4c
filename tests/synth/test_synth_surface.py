"""The surface of the endoscopy documents: every house style is drawn, each still states its codes' evidence, and
the text is varied (many words, many sentences) while the same seed still gives the same text."""

from __future__ import annotations

import random
import re

import pandas as pd
import pytest

from autocoding.data.synth import endoscopy
from autocoding.data.synth.command import write_extract
from autocoding.data.synth.endoscopy_lexicon import measures, rephrase
from autocoding.data.synth.endoscopy_report import STYLE_NAMES, render
from autocoding.data.synth.endoscopy_wording import names_site
from autocoding.data.synth.report_noise import wrap
from autocoding.data.synth.stream import SynthSettings

LEGACY = ("ned", "consultant", "registrar", "gp_letter")


def _episodes(style: str, n_patients: int = 300, seed: str = "surface"):
    for i in range(n_patients):
        rng = random.Random(f"{seed}:{style}:{i}")
        patient = endoscopy.new_patient(rng, i)
        yield from endoscopy.patient_episodes(rng, patient, i * 10, 3, styles=((style, 1.0),))


def test_the_style_names_keep_the_old_ones_and_match_the_weights():
    assert STYLE_NAMES[:4] == LEGACY
    assert {name for name, _ in endoscopy.STYLES} == set(STYLE_NAMES)
    assert all(w > 0 for _, w in endoscopy.STYLES)


def test_every_style_appears_on_2000_episodes(tmp_path):
    # the default mix draws every style: each has words no other style's reports start with, so count by renderer
    counts = dict.fromkeys(STYLE_NAMES, 0)
    rng = random.Random(0)
    for _ in range(2000):
        counts[endoscopy.weighted(rng, endoscopy.STYLES)] += 1
    assert min(counts.values()) >= 40, counts
    write_extract(SynthSettings("endoscopy", 2000, 0, 0.07, 1.0, 2000), tmp_path)
    reports = pd.read_parquet(tmp_path / "documents.parquet").query("doc_type == 'endoscopy_report'").text
    assert reports.str.contains("Screening|SCREENING|BCSP|Bowelscope", regex=True).sum() > 20
    assert reports.str.startswith("Dear ").sum() > 40
    assert reports.str.contains(r"^(?:[-*>o\u2022] )", flags=re.M, regex=True).sum() > 40     # bulleted lists


@pytest.mark.parametrize("style", STYLE_NAMES)
def test_each_style_states_the_evidence_of_its_codes(style):
    checked = 0
    for episode in _episodes(style):
        report_texts = [t for kind, t in episode.documents if kind == "endoscopy_report"]
        text = " ".join(report_texts).lower()
        histology = " ".join(t for kind, t in episode.documents if kind == "histology").lower()
        for code in episode.procedures:
            if code in ("G45.1", "H22.1", "H25.1"):
                assert re.search(r"bx|biops|clo", text), (style, code, text)
            if code in ("H20.1", "H23.1", "G43.1"):
                assert "snare" in text or "polypectomy" in text, (style, code, text)
            if code == "G43.7":
                assert re.search(r"band|\bevl\b|\bovbl\b", text), (style, text)
        if "K22.7" in episode.diagnoses:
            assert "barrett" in text + histology, (style, text)
        if "H22.9" in episode.procedures or "H22.1" in episode.procedures:
            assert re.search(r"caec|\bti\b|terminal ileum|flexure|transverse|ascending|hepatic", text), text
        checked += 1
    assert checked > 200


@pytest.mark.parametrize("style", STYLE_NAMES)
def test_each_style_names_the_site_of_every_biopsy(style):
    from autocoding.data.synth.endoscopy_exam import examine
    from autocoding.data.synth.model import Patient

    rng = random.Random(style)
    found = 0
    for i in range(300):
        kind, indication = (("ogd", "dyspepsia"), ("colonoscopy", "ida"), ("flexi", "pr_bleed"))[i % 3]
        exam = examine(rng, kind, [indication], Patient(f"P{i}", 60, "2"), [], True)
        sampled = [s for s in exam.seen if s.sampled]
        if not sampled:
            continue
        text = render(rng, exam, Patient(f"P{i}", 60, "2"), [indication], style, [], [])
        for s in sampled:
            assert names_site(text, s), (style, s.site.names, text)
            found += 1
    assert found > 20


def test_the_endoscopy_text_is_varied(tmp_path):
    write_extract(SynthSettings("endoscopy", 2000, 0, 0.07, 1.0, 2000), tmp_path)
    docs = pd.read_parquet(tmp_path / "documents.parquet")
    words = set()
    for text in docs.text:
        words.update(re.findall(r"[a-z]+(?:'[a-z]+)?", text.lower()))
    assert len(words) > 1750                        # 1,283 before the layouts and the lexicon (0ef39e3)
    reports = docs[docs.doc_type == "endoscopy_report"].text
    assert reports.nunique() >= 0.995 * len(reports)   # short ERCP/EUS/capsule templates may repeat
    first_lines = reports.str.split("\n").str[0].str.split().str[:2].str.join(" ")
    assert first_lines.value_counts().iloc[0] / len(reports) < 0.1   # no opening dominates


def test_the_same_seed_gives_the_same_text():
    first = [e.documents for e in _episodes("unit_form", 40, "same")]
    again = [e.documents for e in _episodes("unit_form", 40, "same")]
    assert first == again


def test_rewording_keeps_the_evidence_words():
    rng = random.Random(1)
    text = "12mm sessile polyp in the sigmoid, removed by cold snare and retrieved; biopsies. LA grade B. C2M5"
    for _ in range(300):
        out = measures(rng, rephrase(rng, text, 1.0))
        assert "polyp" in out and "snare" in out and "sigmoid" in out
        assert re.search(r"bx|biops", out.lower())
        assert re.search(r"12 ?mm|1\.2 ?cm|12-mm", out) and re.search(r"\bC2\W{0,2}M5\b", out)


def test_wrap_never_splits_a_word():
    text = "continuous granular inflammation from the anal verge to 20cm, Mayo 2, biopsies taken " * 3
    wrapped = wrap(text, 30)
    assert wrapped.split() == text.split() and max(map(len, wrapped.split("\n"))) <= 30

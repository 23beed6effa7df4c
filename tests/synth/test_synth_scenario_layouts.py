"""ERCP, EUS and capsule reports come in several layouts (export, dictation, terse, letter, form), follow the house
style, keep the evidence of their codes, and widen the endoscopy vocabulary; the luminal reports carry the new
furniture and phrasebook."""

from __future__ import annotations

import random
import re

import pandas as pd
import pytest

from autocoding.data.synth.command import write_extract
from autocoding.data.synth.endoscopy_scenario_layouts import (
    LAYOUT_BY_STYLE,
    SCENARIO_LAYOUTS,
    render_scenario,
)
from autocoding.data.synth.endoscopy_scenarios import CAPSULE, ERCP, EUS
from autocoding.data.synth.model import Patient
from autocoding.data.synth.stream import SynthSettings

TABLES = {"ercp": ERCP, "eus": EUS, "capsule": CAPSULE}
NAME = {"ercp": r"ercp", "eus": r"eus|endoscopic ultrasound", "capsule": r"capsule"}
# what only each layout writes (how a reader would recognise it)
MARK = {"unit_export": re.compile(r"^(?:Procedure|Examination|Procedure performed|PROCEDURE|EXAMINATION|PROCEDURE "
                                  r"PERFORMED)(?:: | - | \| |\t|:  | \.\.\.\. )", re.M),
        "letter": re.compile(r"^Dear ", re.M),
        "form": re.compile(r"^Procedure: .*\nEndoscopist: |report\nReferral: ", re.I)}


def _render(kind: str, layout: str, n: int = 60) -> list[tuple[str, str]]:
    rng = random.Random(f"layouts:{kind}:{layout}")
    out = []
    for i in range(n):
        scenario = TABLES[kind][i % len(TABLES[kind])]
        out.append((scenario.key, render_scenario(rng, kind, scenario, Patient(f"P{i}", 64, "12"[i % 2]), "ned",
                                                  layout)))
    return out


@pytest.mark.parametrize("kind", TABLES)
@pytest.mark.parametrize("layout", SCENARIO_LAYOUTS)
def test_each_layout_names_the_procedure_and_differs_from_the_others(kind, layout):
    texts = _render(kind, layout)
    assert all(re.search(NAME[kind], t.lower()) for _, t in texts), [t for _, t in texts][:3]
    assert len({t for _, t in texts}) == len(texts)
    if layout in MARK:
        assert sum(bool(MARK[layout].search(t)) for _, t in texts) > 0.5 * len(texts), (layout, texts[0][1])


@pytest.mark.parametrize("kind", TABLES)
def test_scenario_reports_keep_the_evidence_of_their_procedure_codes(kind):
    by_key = {s.key: s for s in TABLES[kind]}
    for layout in SCENARIO_LAYOUTS:
        for key, text in _render(kind, layout, 120):
            low, codes = text.lower(), by_key[key].procedures
            if "Y21.1" in codes:
                assert "brush" in low, text
            if "Y20.4" in codes:
                assert "fna" in low or "aspirat" in low, text
            if "Y20.3" in codes:
                assert re.search(r"fnb|core|biops", low), text
            if not {"Y20.4", "Y20.3"} & set(codes) and kind == "eus":
                assert not re.search(r"\bfna\b|\bfnb\b|needle", low), text          # a diagnostic EUS samples nothing
            if "J38.1" in codes or "J38.2" in codes:
                assert re.search(r"sphincterotomy|\bes\b", low), text
            if not {"J38.1", "J38.2"} & set(codes) and kind == "ercp":
                assert not re.search(r"\bes performed|sphincterotomy (?:done|made|performed)|biliary "
                                     r"sphincterotomy", low), text
            if "J40.6" in codes:
                assert "uncovered" in low, text
            if "J40.5" in codes:
                assert "covered" in low and "uncovered" not in low, text
            if "D50.9" in by_key[key].diagnoses:
                assert re.search(r"ida|iron", low), text


def test_the_house_style_leads_every_scenario_layout():
    assert {layout for options in LAYOUT_BY_STYLE.values() for layout, _ in options} == set(SCENARIO_LAYOUTS)
    from autocoding.data.synth.endoscopy_report import STYLE_NAMES
    assert set(LAYOUT_BY_STYLE) == set(STYLE_NAMES)


def test_an_extract_holds_every_scenario_layout_and_a_wide_vocabulary(tmp_path):
    write_extract(SynthSettings("endoscopy", 4000, 0, 0.07, 1.0, 4000), tmp_path)
    docs = pd.read_parquet(tmp_path / "documents.parquet")
    episodes = pd.read_parquet(tmp_path / "episodes.parquet")
    scoped = set(episodes[episodes.procedures.map(lambda p: any(c[:3] in ("J38", "J40", "J41", "J42", "J43", "G80")
                                                                or c == "G45.2" for c in p))].episode_id)
    reports = docs[docs.episode_id.isin(scoped)].text
    assert len(reports) > 200
    assert reports.str.contains(r"^Dear ", regex=True, flags=re.M).sum() > 10                       # letters
    assert reports.str.contains(r"Dictated|Dict\.", regex=True).sum() > 10                          # dictation
    assert reports.str.contains(r"^Endoscopist: ", regex=True, flags=re.M).sum() > 10               # the old form
    assert reports.str.contains(r"^(?:[-*>o\u2022] )", regex=True, flags=re.M).sum() > 5           # bullet notes
    words = set()
    for text in reports:
        words.update(re.findall(r"[a-z]+(?:'[a-z]+)?", text.lower()))
    assert len(words) > 1000                   # 359 with one form per kind (203952c), 1,091 now
    everything = set()
    for text in docs.text:
        everything.update(re.findall(r"[a-z]+(?:'[a-z]+)?", text.lower()))
    assert len(everything) > 2700              # 2,463 before the scenario layouts and the second phrasebook
    luminal = docs[~docs.episode_id.isin(scoped) & (docs.doc_type == "endoscopy_report")].text
    assert luminal.str.contains(r"Withdrawal time \d+ min \d+ s|WT \d+ min|Caecal intubation time", regex=True).sum() > 5
    assert luminal.str.contains(r"CSP \(cold snare\)|EVL with \d bands|Paris 0-Is polyp", regex=True).sum() > 5


def test_the_same_seed_gives_the_same_scenario_reports():
    assert _render("ercp", "unit_export", 20) == _render("ercp", "unit_export", 20)

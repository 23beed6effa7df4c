"""`id_offset` (extracts that share no ids) and `styles` (the house styles reports are drawn from: a shifted
generator for the learning-loop simulation)."""

from __future__ import annotations

import pandas as pd
import pytest

from autocoding.config import compose
from autocoding.data.synth.command import settings_from, write_extract
from autocoding.data.synth.stream import SynthSettings
from autocoding.errors import ConfigError


def _write(tmp_path, name, **kw) -> tuple[pd.DataFrame, pd.DataFrame]:
    settings = SynthSettings("endoscopy", 200, 0, 0.07, 1.0, 100, **kw)
    write_extract(settings, tmp_path / name)
    return (pd.read_parquet(tmp_path / name / "episodes.parquet"),
            pd.read_parquet(tmp_path / name / "documents.parquet"))


def test_an_offset_extract_shares_no_patient_episode_or_document_id(tmp_path):
    first, first_docs = _write(tmp_path, "a")
    second, second_docs = _write(tmp_path, "b", id_offset=1_000_000)
    assert not set(first.patient_id) & set(second.patient_id)
    assert not set(first.episode_id) & set(second.episode_id)
    assert not set(first_docs.doc_id) & set(second_docs.doc_id)
    assert second.episode_id.min() == "EP001000000" and second.patient_id.min() == "P01000000"
    # other patients, so other text: not the first extract renamed
    assert set(first_docs.text) != set(second_docs.text)


def test_styles_choose_the_house_styles_of_the_reports(tmp_path):
    _, letters = _write(tmp_path, "gp", styles=(("ned", 0.0), ("consultant", 0.0), ("registrar", 0.0),
                                               ("gp_letter", 1.0)))
    reports = letters[letters.doc_type == "endoscopy_report"].text
    # every scoped examination's report is a letter (ERCP, EUS, capsule and procedures not done have forms of their own)
    assert reports.str.startswith("Dear ").mean() > 0.85
    # (an ERCP / EUS / capsule letter may open with a letterhead; an export may be printed in capitals)
    assert reports[~reports.str.startswith("Dear ")].str.contains("ERCP|EUS|Endoscopic ultrasound|capsule|"
                                                                  "booked|not performed|cancelled|declined|"
                                                                  "abandoned", case=False, regex=True).all()
    _, mixed = _write(tmp_path, "mix")
    assert mixed[mixed.doc_type == "endoscopy_report"].text.str.startswith("Dear ").mean() < 0.3


def test_styles_from_the_config_are_checked(tmp_path):
    settings, _, _ = settings_from(compose("synth", ["styles={gp_letter:1}", f"out={tmp_path}"]))
    assert settings.styles[:4] == (("ned", 0.0), ("consultant", 0.0), ("registrar", 0.0), ("gp_letter", 1.0))
    assert {name for name, w in settings.styles if w} == {"gp_letter"} and len(settings.styles) >= 10
    assert settings_from(compose("synth", [f"out={tmp_path}"]))[0].styles is None
    with pytest.raises(ConfigError, match="not endoscopy house styles"):
        settings_from(compose("synth", ["styles={letter:1}", f"out={tmp_path}"]))
    with pytest.raises(ConfigError, match="not all 0"):
        settings_from(compose("synth", ["styles={ned:0}", f"out={tmp_path}"]))
    with pytest.raises(ConfigError, match="id_offset"):
        settings_from(compose("synth", ["id_offset=-1", f"out={tmp_path}"]))

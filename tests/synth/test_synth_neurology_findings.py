"""Second widening of the neurology letters: presenting complaints composed from parts, test findings that fit the
outcome, tests named as not done (never coded) and more wordings of each outcome's result."""

from __future__ import annotations

import random
import re

from autocoding.data.synth import neurology
from autocoding.data.synth.neurology_complaint_forms import composed
from autocoding.data.synth.neurology_complaint_parts import BY_OUTCOME, PARTS
from autocoding.data.synth.neurology_findings import FINDINGS, NAMES
from autocoding.data.synth.neurology_not_done import _FORMS, decoy
from autocoding.data.synth.neurology_result_wording import RESULTS
from autocoding.data.synth.neurology_scenarios import ALL_SCENARIOS
from autocoding.data.synth.neurology_tests import TESTS

SCENARIOS = {s.key: s for s in ALL_SCENARIOS}


def _episodes(n: int, seed: str = "neuro-findings"):
    for i in range(n):
        rng = random.Random(f"{seed}:{i}")
        yield from neurology.patient_episodes(rng, neurology.new_patient(rng, i), i * 10, 2)


def test_complaints_come_in_many_forms_and_persons():
    for key in PARTS:
        codes = [o.codes[0] for o in SCENARIOS[key].outcomes]
        texts = {composed(random.Random(i), key, codes[i % len(codes)], i % 2 == 0) for i in range(300)}
        assert None not in texts and len(texts) > 150, key
        assert any(t.startswith("\n") for t in texts) and any(t.startswith("S: ") for t in texts), key
        assert any(re.match(r"(I|We) ", t) for t in texts) and any(re.match(r"(She|He|Patient) ", t) for t in texts)
    assert set(BY_OUTCOME["tia"]) == {o.codes[0] for o in SCENARIOS["tia"].outcomes}


def test_findings_point_at_outcomes_and_tests_the_scenario_has():
    for (key, test), table in FINDINGS.items():
        scenario = SCENARIOS[key]
        assert test in NAMES
        assert any(codes == TESTS[test][0] for codes, _, _ in scenario.optional), (key, test)
        firsts = {o.codes[0] for o in scenario.outcomes}
        assert set(table) - {"*"} <= firsts, (key, test)


def test_findings_never_imply_a_code_the_episode_lacks():
    seen = 0
    for episode in _episodes(1500):
        text = episode.documents[0][1].lower()
        for phrase, prefixes in (("acute infarct on dwi", ("I63",)), ("in keeping with an acute infarct", ("I63",)),
                                 ("lesions in keeping with demyelination", ("G35",)), ("typical of ms", ("G35",)),
                                 ("consistent with ms", ("G35",)),
                                 ("features in keeping with raised intracranial", ("G93.2",)), ("filling defect", ("I67.6",))):
            if phrase in text:
                seen += 1
                assert any(c.startswith(prefixes) for c in episode.diagnoses), (phrase, episode.diagnoses, text)
    assert seen > 5


def test_not_done_tests_are_never_coded():
    line = {form: name for name, forms in _FORMS.items() for form in forms}
    found = set()
    for episode in _episodes(1500):
        text = episode.documents[0][1]
        for form, name in line.items():
            if form in text or form[0].upper() + form[1:] in text:
                found.add(name)
                assert not set(TESTS[name][0]) & set(episode.procedures), (form, episode.procedures)
    assert {"mri", "ct", "lp", "eeg"} <= found
    assert decoy(random.Random(0), True, (), ["A55.9", "U05.2", "U05.1", "A84.1"]) is None
    assert decoy(random.Random(0), False, (), ["A54.8", "U05.2", "A84.3", "U22.1"]) is None   # a tap is a lumbar puncture


def test_result_wordings_belong_to_outcomes_and_are_drawn():
    names = {o.diagnosis[0] for s in ALL_SCENARIOS for o in s.outcomes}
    assert set(RESULTS) <= names
    assert sum(len(v) for v in RESULTS.values()) > 100


def test_generation_is_deterministic():
    first = [(e.documents, e.diagnoses, e.procedures) for e in _episodes(200, "det")]
    assert first == [(e.documents, e.diagnoses, e.procedures) for e in _episodes(200, "det")]

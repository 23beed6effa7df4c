"""The auto-code decision on hand-built episodes: each exception reason, the code order, and speed."""

from __future__ import annotations

import numpy as np
import pytest

from autocoding.policy.decision import decide, decide_episodes
from autocoding.policy.outputs import SystemOutputs

DX = ["K21.9", "K29.7", "I10", "R10.4"]
PX = ["H22.9", "Z28.6", "H20.1"]


def _kinds(decision):
    return [(r.kind, r.system) for r in decision.reasons]


def test_each_reason(episodes):
    outputs, tables = episodes
    ood = np.array([False, False, False, False, True, False, False])
    d = decide_episodes(outputs, tables, ood_flags=ood)
    assert d.auto.tolist() == [True, False, False, False, False, False, False]
    assert _kinds(d[0]) == []
    assert _kinds(d[1]) == [("uncertain_code", "icd10")]
    assert d[1].reasons[0].codes == ("K29.7",) and d[1].reasons[0].probabilities == (0.5,)
    assert _kinds(d[2]) == [("coding_rule", "opcs4")]
    assert "Y/Z" in d[2].reasons[0].detail
    assert _kinds(d[3]) == [("no_code_predicted", "icd10")]  # no procedure is fine: an uncoded-procedure episode
    assert _kinds(d[4]) == [("out_of_distribution", None)]
    assert _kinds(d[5]) == [("primary_uncertain", "icd10")]
    assert d[5].reasons[0].probabilities == (pytest.approx(0.5),)  # 0.4 / (0.4 + 0.4) renormalised
    assert _kinds(d[6]) == [("code_not_auto", "icd10")] and d[6].reasons[0].codes == ("R10.4",)
    assert d.flags["uncertain_code"].tolist() == [False, True, False, False, False, False, False]
    assert "K29.7 0.50" in str(d[1].reasons[0])


def test_sequences_primary_first_and_qualifier_after_primary(episodes):
    d = decide_episodes(*episodes)
    # row 0: I10 has the higher primary probability though K21.9 the higher presence probability
    assert d[0].codes == {"icd10": ["I10", "K21.9"], "opcs4": ["H22.9", "Z28.6"]}
    # row 1: the uncertain K29.7 (0.5 >= suggest 0.5) is still suggested to the coder, after the primary
    assert d[1].codes["icd10"] == ["K21.9", "K29.7"]
    # row 3: no diagnosis reached the suggestion threshold: the likeliest primary is suggested, and named
    assert d[3].codes == {"icd10": ["K21.9"], "opcs4": []}
    assert d[3].reasons[0].codes == ("K21.9",) and d[3].reasons[0].probabilities == (pytest.approx(0.10),)


def _required_opcs(make_table, coded_share):
    from dataclasses import replace

    return {"opcs4": replace(make_table("opcs4", PX, [0.8, 0.8, 0.8], [0.2, 0.2, 0.2], primary=0.0),
                             coded_share=coded_share)}


@pytest.mark.parametrize("presence", [[0.01, 0.01, 0.01], [0.01, 0.95, 0.01]], ids=["nothing", "only a Z code"])
def test_a_system_nearly_every_episode_has_needs_a_primary_and_gets_the_likeliest_suggested(make_table, presence):
    p, q = np.array([presence]), np.array([[0.2, 0.1, 0.7]])  # H20.1 likeliest primary; Z28.6 may not stand first
    d = decide_episodes({"opcs4": SystemOutputs(p, q, PX)}, _required_opcs(make_table, coded_share=1.0))
    assert not d.auto[0]
    assert _kinds(d[0]) == [("no_code_predicted", "opcs4")] and d[0].reasons[0].codes == ("H20.1",)
    assert d[0].codes["opcs4"] == (["H20.1"] if presence[1] < 0.5 else ["H20.1", "Z28.6"])
    assert d.primary_confidence["opcs4"][0] == pytest.approx(0.7)  # its own probability, not renormalised to 1


def test_a_procedure_not_carried_out_needs_no_procedure_code(make_table):
    dx = ["R19.4", "Z53.0"]
    tables = {**_required_opcs(make_table, coded_share=1.0),
              "icd10": make_table("icd10", dx, [0.8, 0.8], [0.2, 0.2], primary=0.0)}
    px_p, px_q = np.array([[0.01, 0.01, 0.01]] * 2), np.full((2, 3), 1 / 3)
    dx_p = np.array([[0.95, 0.95], [0.95, 0.01]])  # episode 0: cancelled (Z53.0); episode 1: no procedure found
    d = decide_episodes({"icd10": SystemOutputs(dx_p, np.array([[0.9, 0.1]] * 2), dx),
                         "opcs4": SystemOutputs(px_p, px_q, PX)}, tables)
    assert d.auto.tolist() == [True, False]
    assert d[0].codes == {"icd10": ["R19.4", "Z53.0"], "opcs4": []}
    assert _kinds(d[1]) == [("no_code_predicted", "opcs4")]


def test_a_system_many_episodes_lack_may_be_empty(make_table):
    p, q = np.array([[0.01, 0.01, 0.01]]), np.full((1, 3), 1 / 3)  # confidently no procedure (neurology)
    d = decide_episodes({"opcs4": SystemOutputs(p, q, PX)}, _required_opcs(make_table, coded_share=0.4))
    assert d.auto[0] and d[0].codes["opcs4"] == []


def test_qualifier_goes_right_after_the_primary_procedure(make_table):
    px = ["H20.1", "H22.9", "Z28.6"]
    table = {"opcs4": make_table("opcs4", px, [0.5, 0.5, 0.5], [0.1, 0.1, 0.1], primary=0.0)}
    p = np.array([[0.9, 0.8, 0.95]])  # the qualifier has the highest presence probability
    q = np.array([[0.7, 0.2, 0.1]])
    d = decide_episodes({"opcs4": SystemOutputs(p, q, px)}, table)
    assert d[0].codes["opcs4"] == ["H20.1", "Z28.6", "H22.9"]


class FakeCodeSystem:
    """A code system whose only valid codes are those listed; Z codes cannot be primary."""

    def __init__(self, name, valid):
        self.name, self.valid = name, set(valid)

    def check(self, code, position):
        problems = [] if code in self.valid else [f"{code} is not a valid {self.name} code"]
        if position == 0 and code.startswith("Z"):
            problems.append("a Z code cannot be primary")
        return problems


def test_coding_rule_from_code_system_invalid_code(first_episode):
    outputs, tables = first_episode
    systems = {"icd10": FakeCodeSystem("icd10", ["K21.9", "K29.7", "R10.4"]),
               "opcs4": FakeCodeSystem("opcs4", ["H22.9", "Z28.6", "H20.1"])}
    d = decide_episodes(outputs, tables, systems)
    assert not d.auto[0]
    (reason,) = d[0].reasons
    assert reason.kind == "coding_rule" and reason.system == "icd10" and "I10 is not a valid" in reason.detail


def test_sequence_rule_from_code_system_names_the_problem(make_table):
    # a Y (method) code decided as primary breaks the OPCS-4 sequence rules (autocoding.codes.check_sequence)
    px = ["Y20.3", "H20.1"]
    table = {"opcs4": make_table("opcs4", px, [0.5, 0.5], [0.1, 0.1], primary=0.0)}
    p, q = np.array([[0.9, 0.9]]), np.array([[0.8, 0.2]])
    d = decide_episodes({"opcs4": SystemOutputs(p, q, px)}, table, {"opcs4": FakeCodeSystem("opcs4", px)})
    assert not d.auto[0]
    (reason,) = d[0].reasons
    assert reason.kind == "coding_rule" and "Y20.3 is an" in reason.detail and "primary procedure" in reason.detail


def test_decide_single_episode_contract(first_episode):
    decision = decide(*first_episode)
    assert decision.auto and decision.codes["opcs4"] == ["H22.9", "Z28.6"] and decision.reasons == []


def test_labels_must_match_table(episodes):
    outputs, tables = episodes
    flipped = {"icd10": SystemOutputs(outputs["icd10"].probs[:, ::-1], outputs["icd10"].primary_probs,
                                      outputs["icd10"].labels[::-1])}
    with pytest.raises(ValueError, match="label space"):
        decide_episodes(flipped, {"icd10": tables["icd10"]})


def test_decides_150k_episodes(make_table):
    """A year of a health board's episodes in one call (its speed is in benchmarks/, not asserted here)."""
    rng = np.random.default_rng(0)
    n, n_labels = 150_000, 60
    labels = [f"K{i:02d}.0" for i in range(n_labels)]
    # most codes clearly absent, ~2% clearly present, ~1% uncertain (0.05 <= p < 0.9)
    u = rng.random((n, n_labels), dtype=np.float32)
    probs = np.where(u < 0.02, 0.95, np.where(u < 0.03, 0.5, 0.01)).astype(np.float32)
    table = make_table("icd10", labels, [0.9] * n_labels, [0.05] * n_labels, primary=0.5)
    outputs = {"icd10": SystemOutputs(probs, probs, labels), "opcs4": SystemOutputs(probs, probs, labels)}
    tables = {"icd10": table, "opcs4": make_table("opcs4", labels, [0.9] * n_labels, [0.05] * n_labels, 0.5)}
    d = decide_episodes(outputs, tables)
    assert len(d) == n and 0 < d.auto.sum() < n
    uncertain = ((probs >= 0.05) & (probs < 0.9)).any(axis=1)  # a code neither confidently present nor absent
    assert not (d.auto & uncertain).any() and d.auto.sum() > n // 10

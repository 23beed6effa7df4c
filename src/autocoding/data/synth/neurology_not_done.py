"""Tests a letter names but that were not done in this stay: to be arranged as an outpatient, pending at
discharge, declined, requested via clinic, or only to be considered if symptoms recur.

Coding judgement: a procedure is coded only when it was performed during the episode, so these lines carry no
code. `decoy` offers one only for a test whose codes are not among the episode's procedures, so a decoy never
sits beside a done test of the same code, and the codes of tests that were done are kept as they are.
"""

from __future__ import annotations

from .neurology_tests import TESTS

_MRI = ("MRI brain", "MRI head", "an MRI")
_FORMS: dict[str, tuple[str, ...]] = {
    "mri": tuple(f"{n} {w}" for n in _MRI for w in (
        "to be arranged as an outpatient", "requested as an outpatient", "- not done, OPD request made",
        "to follow as an outpatient", "not performed this admission; to be booked", "planned as an outpatient")),
    "ct": ("CT pending at discharge - not done", "CT head not required", "CT head not indicated (no red flags)",
           "CT head not performed", "CT was considered but not done"),
    "lp": ("LP declined", "LP offered but declined by the patient", "consider LP if recurs", "LP not performed",
           "LP deferred - not done this admission", "consider lumbar puncture if symptoms recur"),
    "eeg": ("EEG requested via OPD", "EEG to be arranged as an outpatient", "outpatient EEG requested",
            "EEG not done - requested in clinic", "EEG awaiting booking"),
    "carotid": ("carotid dopplers to be booked as an outpatient", "carotid duplex requested - not done as inpatient"),
    "ncs": ("NCS requested as an outpatient", "nerve conduction studies to be arranged in clinic"),
    "mri_spine": ("MRI spine not indicated", "MRI spine to be arranged as an outpatient if symptoms persist"),
}
# codes of a done procedure that a not-done line of the test would contradict (a tap is a lumbar puncture)
_CLASH = {"lp": ("A52", "A54", "A55"), "eeg": ("A84.1", "U22.1", "U33.1"), "ncs": ("A84.3", "A84.2")}
# the tests a scenario's letter may name as not done, beyond its own optional ones
_LIKELY = {True: ("mri", "ct", "lp", "eeg"), False: ("mri", "eeg", "ncs")}


def decoy(rng, acute: bool, optional_names: tuple[str, ...], procedures: list[str]) -> str | None:
    """A not-done line for a test whose codes the episode does not have, or None."""
    names = [n for n in dict.fromkeys(optional_names + _LIKELY[acute]) if n in _FORMS
             and not set(TESTS[n][0]) & set(procedures)
             and not any(c.startswith(_CLASH.get(n, ("-",))) for c in procedures)]
    if not names:
        return None
    name = names[int(rng.random() * len(names))]
    return _FORMS[name][int(rng.random() * len(_FORMS[name]))]

"""Tests done during a neurology admission that some episodes have: imaging, neurophysiology, LP, infusions.

Each entry is (OPCS-4 codes, how a letter names it). A scenario's `optional` pairs an entry with the share of its
episodes that had the test during this admission; the letter lists it under the investigations of this stay and
the codes are added after the scenario's own procedures. `neurology_test_wording` adds hundreds of other forms of
each (narrative, results lines, terse, dated), all of them saying the test was done in this stay. The wording is neutral (what was found is the outcome's
`result`), so a test never contradicts the diagnosis. Imaging of this admission is coded by the convention in
`neurology_catalogue`; a scan mentioned as done before the admission is not.
"""

from __future__ import annotations

from .neurology_test_wording import WORDING

TESTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "ct": (("U05.1",), ("CT head on arrival: no haemorrhage, no mass lesion", "CTH (this admission) - no acute "
                        "intracranial abnormality", "Non-contrast CT brain done in ED, no bleed", "CT head NAD")),
    "mri": (("U05.2",), ("MRI brain during admission", "Inpatient MRI head performed", "MRI brain (DWI/FLAIR) "
                         "done on the ward", "MRI head this admission")),
    "mri_spine": (("U05.5",), ("MRI whole spine this admission", "Urgent MRI spine performed",
                               "MRI C/T/L spine on the day of admission")),
    "carotid": (("U11.1",), ("Carotid duplex this admission", "Carotid dopplers done", "Carotid USS performed")),
    "cta": (("U11.4",), ("CT angiogram of the head and neck vessels", "CTA arch to vertex", "CT angiography "
                         "intracranial vessels")),
    "ctv": (("U11.4",), ("CT venogram this admission", "CTV performed", "CT venography of the dural sinuses")),
    "mrv": (("U11.7",), ("MR venogram done on the ward", "MRV (magnetic resonance venography) this admission")),
    "eeg": (("A84.1",), ("Routine EEG during admission", "Inpatient EEG performed", "EEG (standard 20 min)")),
    "ncs": (("A84.3",), ("Nerve conduction studies on the ward", "NCS performed this admission", "Urgent NCS")),
    "emg": (("A84.2",), ("EMG (single fibre) performed", "Needle EMG this admission")),
    "vep": (("A84.4",), ("Visual evoked potentials recorded", "VEPs done")),
    "datscan": (("U21.4",), ("DaTSCAN (SPECT) performed", "DAT scan this admission")),
    "memory": (("U22.5",), ("Neuropsychology memory assessment done on the unit", "Formal neuropsychometry "
                            "(memory) performed")),
    "lp": (("A55.9",), ("Lumbar puncture performed", "LP done on the ward", "Diagnostic LP - CSF sent for cells, "
                        "protein, glucose, PCR")),
    "ivmp": (("X29.2",), ("IV methylprednisolone 1g given", "IVMP 1g daily started", "Pulsed IV methylpred")),
    "ivig": (("X29.2", "X96.1"), ("IVIg 0.4g/kg/day started", "IV immunoglobulin course commenced",
                                  "IVIg (2g/kg over 5 days) started before transfer to the day unit")),
    "holter": (("U19.2",), ("24h tape performed", "24 hour Holter monitor fitted")),
    "infusion": (("X29.2",), ("IV infusion given", "IV treatment given over 1 hour")),
}


def optional(*pairs: tuple[str, float]) -> tuple[tuple[tuple[str, ...], float, tuple[str, ...]], ...]:
    """`optional(("ct", 0.8), ("mri", 0.3))` -> the scenario's `optional` table."""
    return tuple((TESTS[name][0], p, TESTS[name][1] + WORDING.get(name, ())) for name, p in pairs)

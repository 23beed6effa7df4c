"""What a test of this stay found, per scenario and outcome, in radiology-report and terse forms.

`FINDINGS[(scenario key, test)]` maps an outcome's first code to findings consistent with that outcome ('*' for
every outcome of the scenario). A finding only restates what the outcome already is (demyelination on MRI for MS,
a normal MRI for migraine or a functional disorder, no large vessel occlusion on CTA for a TIA, a raised opening
pressure for IIH) or is normal where the outcome has nothing to show; none names a condition the episode is not
coded with, so a finding adds no code and removes none. An outcome with no finding written keeps the neutral
wording of `neurology_test_wording`.
"""

from __future__ import annotations

from .text import pick

_NORMAL_MRI = ("normal MRI brain", "no structural abnormality", "no intracranial abnormality",
               "normal appearances, no restricted diffusion", "unremarkable study")
_NO_DWI = ("no restricted diffusion", "no acute infarct", "no DWI lesion", "no evidence of acute ischaemia")
_NO_LVO = ("no large vessel occlusion", "no LVO", "patent intracranial and extracranial vessels, no occlusion",
           "no occlusion or dissection")
_NORMAL_EEG = ("normal EEG", "normal background, no epileptiform discharges", "no epileptiform activity",
               "within normal limits")
_NORMAL_CTV = ("dural venous sinuses patent", "no venous sinus thrombosis", "normal venous opacification")

FINDINGS: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {
    ("tia", "mri"): {"G45.9": _NO_DWI, "G45.0": _NO_DWI, "G45.3": _NO_DWI, "G43.1": _NORMAL_MRI + _NO_DWI,
                     "R20.2": _NORMAL_MRI + _NO_DWI, "F44.4": _NORMAL_MRI + _NO_DWI,
                     "I63.9": ("small focus of restricted diffusion in keeping with an acute infarct",
                               "acute infarct on DWI"),
                     "I63.8": ("small acute lacunar infarct on DWI", "acute lacune with restricted diffusion")},
    ("tia", "cta"): {c: _NO_LVO for c in ("G45.9", "G45.0", "G45.3", "I63.9", "I63.8", "G43.1", "R20.2",
                                           "F44.4")},
    ("tia", "carotid"): {c: ("no haemodynamically significant stenosis", "less than 50% stenosis bilaterally",
                             "no significant carotid stenosis") for c in ("G45.0", "G43.1", "R20.2", "F44.4")},
    ("first_seizure", "eeg"): {c: _NORMAL_EEG for c in ("R56.8", "E87.1", "E22.2", "F10.3", "R55", "F44.5")},
    ("first_seizure", "mri"): {c: _NORMAL_MRI for c in ("R56.8", "G40.6", "G40.3", "R55", "F44.5")},
    ("acute_migraine", "mri"): {"*": _NORMAL_MRI},
    ("acute_migraine", "ct"): {"*": ("normal CT head", "no acute intracranial abnormality")},
    ("headache_acute", "mri"): {c: _NORMAL_MRI for c in ("R51", "G44.2", "G44.3", "G44.0")},
    ("fnd_acute", "mri"): {"*": _NORMAL_MRI + _NO_DWI},
    ("fnd_acute", "ct"): {"*": ("normal CT head", "no acute intracranial abnormality")},
    ("stroke_mimic", "mri"): {"*": _NORMAL_MRI + _NO_DWI},
    ("pppd", "mri"): {"*": _NORMAL_MRI},
    ("tga", "mri"): {"G45.4": ("punctate DWI focus in the hippocampus", "tiny hippocampal DWI lesion"),
                     "R41.3": _NORMAL_MRI},
    ("optic_neuritis", "mri"): {"H46": ("no demyelinating lesions in the brain", "brain parenchyma normal"),
                                "G35": ("multiple periventricular and juxtacortical T2 lesions in keeping with "
                                        "demyelination", "demyelinating lesions, typical of MS")},
    ("ms_relapse_acute", "mri"): {"G35": ("T2 lesions in keeping with known demyelination",
                                          "demyelinating lesions consistent with MS", "known MS lesion load")},
    ("vertigo", "mri"): {c: _NO_DWI + ("no posterior fossa abnormality",) for c in ("H81.1", "H81.2", "R42")}
                        | {"I63.9": ("acute infarct in the cerebellum on DWI",)},
    ("iih_acute", "ct"): {"*": ("no mass lesion or hydrocephalus", "no space-occupying lesion")},
    ("iih_acute", "mri"): {"G93.2": ("no mass lesion; features in keeping with raised intracranial pressure",
                                     "flattened posterior globes and distended optic nerve sheaths, no mass"),
                           "R51": _NORMAL_MRI, "H47.3": _NORMAL_MRI},
    ("thunderclap_lp", "ctv"): {"*": _NORMAL_CTV},
    ("cvst", "ctv"): {"I67.6": ("filling defect in the transverse sinus in keeping with thrombosis",),
                      "R51": _NORMAL_CTV},
    ("rcvs", "lp"): {"*": ("opening pressure normal, CSF clear, no xanthochromia", "CSF normal")},
    ("gbs", "ncs"): {"G61.0": ("demyelinating polyneuropathy", "prolonged F waves and conduction slowing"),
                     "G61.8": ("demyelinating polyneuropathy",), "R20.2": ("normal nerve conduction studies",)},
    ("cord_root", "mri_spine"): {"F44.6": ("normal MRI spine, no cord compression",),
                                 "M51.2": ("disc prolapse without cauda equina compression",)},
    ("parkinsons", "datscan"): {"G25.0": ("normal DaTSCAN", "normal striatal uptake"),
                                "G20": ("reduced striatal uptake in keeping with PD",)},
    ("trigeminal", "mri"): {"G50.0": ("no neurovascular conflict", "normal trigeminal nerves")},
    ("memory_day", "mri"): {"G30.1": ("bilateral hippocampal atrophy",), "R41.8": _NORMAL_MRI,
                            "F06.7": ("no significant atrophy",)},
}
_REPORT = ("{N}: {f}.", "{N} REPORT: {f}.", "{N} - Findings: {f}. Conclusion: {f}.", "{N}. Impression: {f}.",
           "{N} (reported): {f}", "{N}: CLINICAL DETAILS as above. FINDINGS: {f}.")
_TERSE = ("{N} - {f}", "{N}: {f}", "{N} {f}", "{N} = {f}", "{N} -> {f}")
NAMES = {"mri": ("MRI brain", "MRI head", "MRI (brain)"), "ct": ("CT head", "CTH", "CT brain"),
         "cta": ("CTA", "CT angiogram", "CTA head and neck"), "ctv": ("CTV", "CT venogram"),
         "carotid": ("Carotid duplex", "Carotid dopplers"), "eeg": ("EEG", "Routine EEG"),
         "ncs": ("NCS", "Nerve conduction studies"), "mri_spine": ("MRI spine", "MRI whole spine"),
         "datscan": ("DaTSCAN",), "lp": ("LP", "Lumbar puncture")}


def finding(rng, key: str, test: str, code: str) -> str | None:
    """A line naming `test` and what it found, consistent with the outcome's first code, or None."""
    table = FINDINGS.get((key, test), {})
    found = table.get(code) or table.get("*")
    if not found or test not in NAMES:
        return None
    form = pick(rng, _REPORT) if rng.random() < 0.5 else pick(rng, _TERSE)
    return form.format(N=pick(rng, NAMES[test]), f=pick(rng, found))

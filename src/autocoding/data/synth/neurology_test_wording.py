"""The many ways a letter shows that a test of this admission was done: narrative ('had a CT head in ED'), results
lines that imply it ('CT head (non-contrast) 03/04: no intracranial haemorrhage'), terse lists ('CTH - no bleed'),
dated and timed entries and radiology-report wording. Composed from parts, so each test has hundreds of forms.

Every form says the test was done during this stay (in ED, on the ward, on day 2, before discharge, on a date of
the stay); none says it was requested, pending, done elsewhere or before the admission, since the code of an
optional test (`neurology_tests`) rests on it being done now. A report awaited at discharge still means the test
was done. Findings are scenario-neutral: a CT says only that there is no haemorrhage (no scenario that has a CT
codes a bleed), vessel, venous, spinal and MR imaging and neurophysiology give no finding at all (what was found is
the outcome's own result), so a form never contradicts the diagnosis. Names keep the evidence word a reader looks
for (CT, MRI, MR, LP/lumbar, EEG, NCS/nerve conduction, EMG, IVIg/immunoglobulin, methylpred). `framed` and
`SEPARATORS` vary how the outcome's own result is introduced and how a results line is strung together.
"""

from __future__ import annotations

from itertools import product

_DATES = ("03/04", "12/11", "21/06", "08/02", "17/09", "29/01", "05/07", "14/10")
_TIMES = ("02:40", "09:15", "11:52", "14:20", "16:05", "18:33", "21:47", "23:10")
# when, within this admission
_WHEN = ("on arrival", "in ED", "on the ward", "on day 1", "on day 2", "on admission", "prior to discharge",
         "on the day of admission", "this admission", "during this admission", "overnight", "the following morning",
         "in the department", "as an inpatient")
# tests that are booked on the ward rather than done in the emergency department
_WARD_WHEN = ("on the ward", "on day 2", "prior to discharge", "this admission", "during this admission",
              "as an inpatient", "the following morning", "on day 1", "before discharge", "on the unit")
_DONE = ("performed", "done", "carried out", "undertaken", "obtained", "completed", "was done", "was performed")
# how a report or result line is introduced, and what it says where nothing is said about the finding
_REPORTED = ("formally reported, see results", "report as below", "reported - see results section",
             "reviewed with radiology", "report awaited at discharge", "provisional report discussed",
             "verbal report given", "report on PACS", "images reviewed on PACS", "formal report to follow",
             "discussed with the on-call radiologist", "reviewed at the neuroradiology meeting", "done - see report")
_REPORTED_OTHER = ("report as below", "report awaited at discharge", "formal report to follow", "done - see report",
                   "reported - see results section", "results as below", "reviewed by the consultant",
                   "result discussed with the patient", "full report to follow")
_STATUS = ("done", "performed", "completed", "carried out", "obtained")

_CT_NAMES = ("CT head", "CT brain", "CTH", "CT head (non-contrast)", "CT head (NCCT)", "unenhanced CT head",
             "plain CT brain", "non-contrast CT head", "CT scan of the head", "CT head (unenhanced)", "CT brain (plain)",
             "CT head without contrast", "urgent CT head", "CT")
_CT_FOUND = ("no haemorrhage", "no bleed", "no intracranial haemorrhage", "no acute haemorrhage",
             "no evidence of intracranial haemorrhage", "no ICH", "no acute bleed", "no hyperdense blood",
             "no intracranial bleed identified", "no haemorrhage seen", "negative for haemorrhage",
             "no extra-axial collection or haemorrhage")
_MRI_NAMES = ("MRI brain", "MRI head", "MRI B", "MRI brain (MR)", "MRI brain with DWI", "MRI brain (DWI/FLAIR/SWI)",
              "MRI brain with and without gadolinium", "MRI head (1.5T)", "MRI brain (3T)", "MRI head (3T)",
              "inpatient MRI brain", "MRI brain with contrast", "MRI of the brain", "urgent MRI head")
_SPINE_NAMES = ("MRI whole spine", "MRI spine", "MR whole spine", "MRI C/T/L spine", "MRI cervical and thoracic "
                "spine", "MRI WS", "whole spine MRI", "MRI spine (sagittal and axial T2)", "urgent MRI spine",
                "MRI spine with contrast")
_CAROTID_NAMES = ("carotid duplex", "carotid dopplers", "carotid Doppler USS", "carotid ultrasound",
                  "duplex of the carotids", "carotid duplex scan", "carotid USS", "carotid Doppler ultrasound")
_CTA_NAMES = ("CT angiogram", "CTA", "CT angiogram (arch to vertex)", "CTA head and neck", "CT angiography of the "
              "head and neck vessels", "CTA arch to COW", "CT angio", "CT angiogram of the intracranial vessels",
              "CTA (circle of Willis)", "CT carotid and intracranial angiogram")
_CTV_NAMES = ("CT venogram", "CTV", "CT venography", "CT venogram (dural sinuses)", "CT cerebral venogram",
              "CTV head")
_MRV_NAMES = ("MR venogram", "MRV", "MR venography", "MRV head", "MR venogram (contrast-enhanced)",
              "MRI/MRV (venous phase)")
_EEG_NAMES = ("EEG", "routine EEG", "standard EEG", "20-minute EEG", "EEG with HV and photic",
              "inpatient EEG", "electroencephalogram (EEG)", "EEG (10-20 montage)", "EEG (30 min)")
_NCS_NAMES = ("nerve conduction studies", "NCS", "nerve conduction tests", "NCS (motor and sensory)",
              "nerve conductions", "neurophysiology - NCS", "urgent NCS", "NCS upper and lower limbs")
_EMG_NAMES = ("EMG", "needle EMG", "concentric needle EMG", "single fibre EMG", "neurophysiology - EMG",
              "electromyography (EMG)")
_VEP_NAMES = ("VEPs", "visual evoked potentials", "pattern reversal VEPs", "VEP", "visual evoked responses (VEP)")
_DAT_NAMES = ("DaTSCAN", "DAT scan", "DaT-SPECT", "DaTSCAN (ioflupane SPECT)", "dopamine transporter SPECT "
              "(DaTSCAN)")
_MEMORY_NAMES = ("neuropsychology memory assessment", "formal neuropsychometry (memory)", "neuropsychological "
                 "assessment of memory", "neuropsychometric testing (memory)", "memory assessment by neuropsychology")
_LP_NAMES = ("LP", "lumbar puncture", "diagnostic LP", "LP (L3/4)", "LP at L4/5", "lumbar puncture (LP)",
             "LP with CSF analysis", "ward LP")
_LP_FOUND = ("CSF clear and colourless", "clear CSF", "CSF clear, colourless", "clear, colourless CSF")
_LP_SENT = tuple(f"{n}: {s}" for n, s in product(("LP", "Lumbar puncture", "LP (ward)", "Diagnostic LP"), (
    "CSF sent for cells, protein, glucose and xanthochromia", "CSF to micro and biochem", "paired serum glucose sent",
    "CSF for MC&S, protein, glucose, PCR", "samples sent to the lab", "3 bottles sent, paired glucose")))
_HOLTER_NAMES = ("24h tape", "24 hour Holter", "Holter monitor (24h)", "24-hour ECG", "ambulatory ECG (24h)",
                 "24hr ECG tape")


def _article(name: str) -> str:
    """'a ', 'an ' or '' (a plural or a list of studies) before a test's name."""
    if name.endswith(("s", "s)")) or "NCS" in name or "VEPs" in name:
        return ""
    acronym = name[:2].isupper()
    vowel = name[0] in ("AEFHILMNORSX" if acronym else "aeiou")
    return "an " if vowel else "a "


def _forms(names, found, extra=(), whens=_WHEN, reports=_REPORTED) -> tuple[str, ...]:
    """Narrative, results-line, terse and dated forms of one test: `found` are scenario-neutral findings ('' for
    none); a form with no finding says the test was done or reported."""
    out: list[str] = list(extra)
    for i, (name, when) in enumerate(product(names, whens)):
        head = _head(name)
        done = _DONE[i % len(_DONE)]
        date, time = _DATES[i % len(_DATES)], _TIMES[(i * 3) % len(_TIMES)]
        reported = reports[i % len(reports)]
        finding = found[i % len(found)] if found else ""
        out += [f"{head} {when}", f"{head} {done} {when}", f"had {_article(name)}{name} {when}", f"{head} ({when})", f"{head} {date}: {finding or reported}",
                f"{head} {date} {time} - {finding or reported}", f"{head} {when} - {finding or reported}",
                f"underwent {name} {when}", f"{head} {done} {when}, {reported}",
                f"{head} [{date}]: {finding or _STATUS[i % len(_STATUS)]}"]
        if finding:
            out += [f"{head}: {finding}", f"{head} {when}: {finding}", f"{head} - {finding}",
                    f"{head} {done} {when} which showed {finding}", f"{head} {when} showed {finding}"]
    return tuple(dict.fromkeys(out))


def _infusion_forms(names, doses) -> tuple[str, ...]:
    out: list[str] = []
    for i, (name, dose) in enumerate(product(names, doses)):
        when = _WARD_WHEN[i % len(_WARD_WHEN)]
        out += [f"{name} {dose} given {when}", f"{name} {dose} - given", f"received {name} {dose}",
                f"{name} {dose} administered {when}", f"{name} ({dose}) commenced {when}",
                f"{name} {dose} started {_DATES[i % len(_DATES)]}", f"given {name} {dose} {when}"]
    return tuple(dict.fromkeys(out))


def _head(name: str) -> str:
    return name[0].upper() + name[1:]


WORDING: dict[str, tuple[str, ...]] = {
    "ct": _forms(_CT_NAMES, _CT_FOUND, tuple(f"Ix: {n} {f}" for n, f in product(("CTH", "CT head", "CT brain"),
                                                                                 _CT_FOUND))),
    "mri": _forms(_MRI_NAMES, (), whens=_WARD_WHEN),
    "mri_spine": _forms(_SPINE_NAMES, (), whens=_WARD_WHEN),
    "carotid": _forms(_CAROTID_NAMES, (), whens=_WARD_WHEN),
    "cta": _forms(_CTA_NAMES, ()),
    "ctv": _forms(_CTV_NAMES, ()),
    "mrv": _forms(_MRV_NAMES, (), whens=_WARD_WHEN),
    "eeg": _forms(_EEG_NAMES, (), whens=_WARD_WHEN, reports=_REPORTED_OTHER),
    "ncs": _forms(_NCS_NAMES, (), whens=_WARD_WHEN, reports=_REPORTED_OTHER),
    "emg": _forms(_EMG_NAMES, (), whens=_WARD_WHEN, reports=_REPORTED_OTHER),
    "vep": _forms(_VEP_NAMES, (), whens=_WARD_WHEN, reports=_REPORTED_OTHER),
    "datscan": _forms(_DAT_NAMES, (), whens=_WARD_WHEN),
    "memory": _forms(_MEMORY_NAMES, (), whens=_WARD_WHEN, reports=_REPORTED_OTHER),
    "lp": _forms(_LP_NAMES, _LP_FOUND, _LP_SENT, reports=_REPORTED_OTHER),
    "holter": _forms(_HOLTER_NAMES, (), whens=_WARD_WHEN, reports=_REPORTED_OTHER),
    "ivmp": _infusion_forms(("IV methylprednisolone", "IVMP", "IV methylpred", "methylprednisolone IV",
                             "pulsed IV methylprednisolone", "i.v. methylprednisolone"),
                            ("1g", "1g od", "1g daily", "1g (day 1 of 3)", "1g x3 days", "500mg", "1g over 1h")),
    "ivig": _infusion_forms(("IVIg", "IVIG", "IV immunoglobulin", "intravenous immunoglobulin",
                             "IV immunoglobulin (Privigen)", "IVIg (Octagam)", "IVIg (Gamunex)"),
                            ("0.4g/kg/day", "2g/kg over 5 days", "0.4g/kg x5 days", "day 1 of 5", "course")),
    "infusion": _infusion_forms(("IV infusion", "IV treatment", "intravenous infusion", "IV therapy",
                                 "infusion via peripheral cannula"), ("over 1 hour", "over 30 minutes", "x1",
                                                                      "as prescribed")),
}

# how the tests and the outcome's own result are strung together in a results line
SEPARATORS = ("; ", "; ", "; ", ". ", " | ", ", ", " / ")
# how the outcome's own result (a finding that supports the diagnosis) is introduced; the finding is unchanged
RESULT_FRAMES = ("{r}", "{r}", "{r}", "{r}", "Result: {r}", "Key result - {r}", "{r} (as reported)", "Findings: {r}",
                 "documented: {r}", "{r} - discussed with the patient", "Relevant result: {r}", "{r} (see report)")


def framed(rng, result: str) -> str:
    """The outcome's result, now and then introduced as a report or key-result line."""
    return RESULT_FRAMES[int(rng.random() * len(RESULT_FRAMES))].format(r=result)

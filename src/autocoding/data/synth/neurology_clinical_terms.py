"""More surface forms for `neurology_lexicon.vary`: symptoms, signs, imaging and CSF report phrases, history
phrasing. Each alternative means what the term means (a symptom is never swapped for a broader or narrower one:
numbness, dizziness and confusion are left alone), so no code changes; evidence words (CT, MRI, LP, EEG, TIA...)
are kept in every form, as in the lexicon.
"""

from __future__ import annotations

TERMS: dict[str, tuple[str, ...]] = {
    # symptoms and signs
    "blurred vision": ("blurred vision", "blurring of vision", "visual blurring"),
    "double vision": ("double vision", "diplopia", "seeing double"),
    "visual loss": ("visual loss", "loss of vision", "vision loss"),
    "neck stiffness": ("neck stiffness", "nuchal rigidity", "stiff neck"),
    "fever": ("fever", "pyrexia", "fever"),
    "vomiting": ("vomiting", "emesis", "vomiting"),
    "nausea": ("nausea", "feeling sick", "nausea"),
    "slurred speech": ("slurred speech", "dysarthria", "speech slurring"),
    "word-finding difficulty": ("word-finding difficulty", "word finding difficulties", "difficulty finding words"),
    "tingling": ("tingling", "pins and needles", "paraesthesia"),
    "facial droop": ("facial droop", "facial weakness", "drooping of the face"),
    "loss of awareness": ("loss of awareness", "impaired awareness", "LOA"),
    "tongue biting": ("tongue biting", "bitten tongue", "tongue bitten"),
    "urinary incontinence": ("urinary incontinence", "incontinence of urine", "urinary incontinence"),
    "post-ictal": ("post-ictal", "postictal", "post ictal"),
    "sudden onset": ("sudden onset", "abrupt onset", "sudden-onset"),
    "thunderclap headache": ("thunderclap headache", "TCH (thunderclap headache)", "thunderclap h/a"),
    "worst ever headache": ("worst ever headache", "worst headache of life", "worst headache ever"),
    "presyncope": ("presyncope", "pre-syncope", "near-faint"),
    "on examination": ("O/E", "on examination", "on exam", "examination revealed"),
    "cranial nerves": ("CNs", "cranial nerves", "cranial nerves II-XII"),
    "reflexes": ("reflexes", "DTRs", "tendon reflexes"),
    "plantars flexor": ("plantars flexor", "plantars downgoing", "flexor plantars"),
    "facial weakness": ("facial weakness", "facial droop"),
    "unsteadiness": ("unsteadiness", "imbalance"),
    "transient loss of consciousness": ("TLOC", "T-LOC", "transient LOC"),
    "visual acuity": ("VA", "visual acuity"),
    # imaging, CSF and report phrases
    "ct angiogram": ("CTA", "CT angiogram", "CT angiography", "CT angio"),
    "carotid duplex": ("carotid dopplers", "carotid Doppler USS", "carotid ultrasound", "carotid duplex"),
    "mr venogram": ("MRV", "MR venography", "MR venogram"),
    "opening pressure": ("OP", "opening pressure", "CSF opening pressure"),
    "no xanthochromia": ("xanthochromia negative", "negative for xanthochromia", "no xanthochromia"),
    "no acute intracranial abnormality": ("no acute intracranial pathology", "no acute abnormality",
                                          "no acute intracranial abnormality"),
    "no haemorrhage": ("no haemorrhage", "no bleed", "no ICH", "no intracranial haemorrhage"),
    "no mass lesion": ("no mass lesion", "no SOL", "no space-occupying lesion"),
    "white matter lesions": ("WMLs", "white matter lesions", "T2 hyperintense white matter lesions"),
    "white cell count": ("WCC", "white cell count"),
    "magnetic resonance imaging": ("MRI",),
    "computed tomography": ("CT",),
    "thrombolysis": ("thrombolysis", "IV thrombolysis", "thrombolysis (IVT)"),
    # history and services
    "presented with": ("presented with", "came in with", "attended with", "was admitted with", "p/w",
                       "presents with"),
    "history of": ("history of", "hx of", "h/o"),
    "emergency department": ("ED", "A&E", "the emergency department"),
    "physiotherapy": ("physio", "physiotherapy", "PT"),
    "occupational therapy": ("OT",),
}

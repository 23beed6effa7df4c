"""Acute short-stay neurology, mimics of stroke and seizure: panic attacks, acute dystonic reactions to an
antiemetic, and migraine aura variants (retinal migraine, migraine with brainstem aura) that arrive as a stroke
call or a TIA referral. Emergency admissions of 0-2 nights, mostly SDEC or an overnight stay.

Coding rules held here (ICD-10 5th Edition, National Clinical Coding Standards):
- a mimic is coded to what it turned out to be; the stroke or TIA it was referred as is excluded and not coded;
- a panic attack is F41.0 (panic disorder [episodic paroxysmal anxiety] is where the index puts 'panic attack');
- an adverse effect of a drug in correct use: the manifestation first, then the Y40-Y59 drug code (acute dystonia
  after metoclopramide: G24.0 drug-induced dystonia, Y43.0 antiemetic drugs; by judgement metoclopramide is
  taken as an antiemetic in the ICD-10 table of drugs);
- migraine with brainstem (basilar) or typical aura is G43.1; retinal migraine is G43.8 (other migraine);
- a transient symptom with no diagnosis reached is its R code (R20.2 paraesthesia, R29.8 other nervous system
  symptoms), with the excluded TIA not coded.
"""

from __future__ import annotations

from .neurology_catalogue import NeuroOutcome as O
from .neurology_catalogue import NeuroScenario
from .neurology_tests import optional

ACUTE_MIMICS: tuple[NeuroScenario, ...] = (
    NeuroScenario(
        "stroke_mimic", 0.03, "400", (), ("",),
        ("stroke call: tingling of both hands and around the mouth with breathlessness and chest tightness",
         "sudden numbness of the left side with palpitations, FAST positive per paramedics, resolved in ED",
         "transient visual loss in one eye with headache, ?amaurosis fugax", "episode of vertigo, diplopia and "
         "dysarthria followed by occipital headache, ?posterior circulation TIA",
         "?TIA - 30 minutes of tingling spreading up the arm to the face"),
        (O(0.3, ("F41.0",), ("Panic attack - stroke mimic", "Panic attack with hyperventilation, not TIA",
                             "Acute anxiety / panic attack"),
           ("symptoms settled with breathing control; VBG pCO2 3.6 on arrival",), refuted=("G45.9",)),
         O(0.2, ("G43.8",), ("Retinal migraine", "Retinal (ocular) migraine - not amaurosis fugax"),
           ("fundoscopy normal, visual symptoms fully resolved",), refuted=("G45.3",)),
         O(0.2, ("G43.1",), ("Migraine with brainstem aura", "Basilar-type migraine (migraine with brainstem "
                                                             "aura)"),
           ("history of similar episodes, neuro exam normal between attacks",), refuted=("G45.0",)),
         O(0.15, ("G43.1",), ("Migraine aura without headache (TIA mimic)", "Typical aura without headache"),
           ("spreading positive symptoms over 20 minutes",), refuted=("G45.9",)),
         O(0.15, ("R20.2",), ("Transient paraesthesia - TIA not supported", "Sensory symptoms of uncertain "
                                                                            "cause, TIA unlikely on history"),
           ("normal examination, ECG sinus rhythm",), refuted=("G45.9",))),
        ("No antiplatelet required.", "Reassured; TIA clinic appointment cancelled.", "Self-help resources for "
         "anxiety; GP to consider talking therapies.", "Migraine advice; headache diary."), age=(40, 14),
        female=0.65, ordinary=0.4, acute=True, optional=optional(("ct", 0.5), ("mri", 0.25))),
    NeuroScenario(
        "dystonic_reaction", 0.008, "400", (), ("",),
        ("jaw clenching, tongue protrusion and eyes rolling upwards 12 hours after metoclopramide",
         "neck twisting and oculogyric crisis after antiemetic given for vomiting, ?seizure"),
        (O(0.85, ("G24.0", "Y43.0"), ("Acute dystonic reaction to metoclopramide", "Drug-induced acute dystonia "
                                                                                  "(metoclopramide)",
                                      "Oculogyric crisis secondary to metoclopramide"),
           ("resolved within 20 minutes of IV procyclidine", "rapid response to procyclidine"),
           refuted=("G40.9",)),
         O(0.15, ("G24.0", "Y43.0"), ("Metoclopramide-induced dystonia - not a seizure",),
           ("fully conscious throughout, responded to procyclidine",), refuted=("G40.9",))),
        ("Metoclopramide added to allergy/intolerance list; avoid dopamine antagonists.", "Procyclidine 5mg tds "
         "for 48 hours."), age=(24, 8), female=0.7, ordinary=0.3, acute=True),
)

"""Acute short-stay neurology, conditions added to widen coverage: persistent postural-perceptual dizziness, vitamin
B12 deficiency neuropathy and subacute combined degeneration, cervical artery (carotid / vertebral) dissection,
cerebral venous sinus thrombosis, ocular motor nerve palsies, a brain tumour found on the scan of a seizure or
headache, and reversible cerebral vasoconstriction syndrome. Emergency admissions of 0-2 nights (SDEC, AMU or an
overnight stay on the neurology ward).

Coding rules held here (ICD-10 5th Edition, National Clinical Coding Standards); judgement calls are marked:
- PPPD has no ICD-10 code of its own; by judgement it is F45.8 (other somatoform disorders: the index puts
  psychogenic vertigo there), not R42, which is kept for dizziness with no diagnosis reached; vestibular migraine
  G43.8 as in `neurology_acute_paroxysmal`;
- B12 deficiency neuropathy is E53.8 dagger, G63.4 asterisk (polyneuropathy in nutritional deficiency); subacute
  combined degeneration E53.8 dagger, G32.0 asterisk, or D51.0 dagger, G32.0 asterisk where the letter names
  pernicious anaemia (the index's 'degeneration, combined, with anaemia (pernicious)'); B12 deficiency after
  long-term metformin adds Y42.3 (insulin and oral hypoglycaemic drugs, adverse effect in correct use) and the
  diabetes E11.9 (the neuropathy is not diabetic); a diabetic neuropathy with a normal B12 is E11.4 G63.2;
- a cervical artery dissection is I72.0 (aneurysm and dissection of carotid artery) or I72.6 (aneurysm and
  dissection of vertebral artery); with a Horner's syndrome G90.2 after it. By judgement, the event it caused
  leads as in `neurology_acute_deficit`: a TIA G45.1 / G45.0 then the dissection; an infarct I63.2 (infarction
  due to unspecified occlusion or stenosis of precerebral arteries) then the dissection;
- cerebral venous sinus thrombosis without infarct is I67.6 (nonpyogenic thrombosis of the intracranial venous
  system); with a venous infarct I63.6 alone (it includes the thrombosis); on the combined pill the adverse
  effect Y42.4 (oral contraceptives) follows; a CT or MR venogram of this stay is U11.4 (CT of cerebral vessels)
  or U11.7 (MR angiography), a query CVST the venogram excluded is not coded;
- ocular motor palsies by nerve: H49.0 third, H49.1 fourth, H49.2 sixth; a microvascular palsy in a diabetic adds
  E11.9 after it (by judgement not E11.3: the palsy is not indexed as a diabetic complication); diplopia with no
  palsy found is H53.2; an aneurysm excluded by CTA (I67.1) is not coded;
- a brain tumour named on imaging at discharge is coded as stated (uncertain diagnosis rule): C71.x by lobe,
  meningioma D32.0, metastases C79.3 then the primary (C34.9 lung); a seizure it caused follows as R56.8 (not
  epilepsy unless the letter says so); no morphology code (not collected in this extract);
- reversible cerebral vasoconstriction syndrome has no ICD-10 code of its own; by judgement I67.8 (other
  specified cerebrovascular diseases); the SAH it was referred as is not coded.
"""

from __future__ import annotations

from .neurology_catalogue import NeuroOutcome as O
from .neurology_catalogue import NeuroScenario
from .neurology_tests import optional

ACUTE_MORE: tuple[NeuroScenario, ...] = (
    NeuroScenario(
        "pppd", 0.015, "400", (), ("",),
        ("constant non-spinning dizziness and unsteadiness for {m} months, worse in supermarkets and on scrolling "
         "screens", "rocking sensation every day since a bout of vertigo last year, attended ED again",
         "persistent dizziness, feels off balance when standing, better lying down, ?stroke",
         "daily imbalance and dizziness since a panic episode; several ED visits"),
        (O(0.65, ("F45.8",), ("Persistent postural-perceptual dizziness", "PPPD", "Persistent postural perceptual "
                                                                                "dizziness (functional dizziness)"),
           ("HINTS reassuring, normal gait on distraction; symptoms provoked by visual motion",
            "Dix-Hallpike negative, head impulse test normal"), refuted=("I63.9",)),
         O(0.15, ("F45.8",), ("PPPD following vestibular neuritis", "Functional dizziness (PPPD) after resolved "
                                                                      "vestibular neuritis"),
           ("head impulse test now normal, vestibular neuritis resolved",)),
         O(0.12, ("G43.8",), ("Vestibular migraine", "Migrainous vertigo"), ("episodic vertigo with photophobia, "
                                                                            "examination normal",)),
         O(0.08, ("R42",), ("Dizziness - no vestibular or central cause found", "Dizziness, cause not established"),
           ("examination and investigations normal",), refuted=("I63.9",))),
        ("Vestibular rehabilitation physiotherapy referral.", "Explained as a functional (PPPD) disorder; "
         "neurosymptoms.org given.", "Consider sertraline via GP; CBT referral.", "Balance clinic follow up."),
        age=(46, 13), female=0.7, ordinary=0.35, acute=True, optional=optional(("ct", 0.4), ("mri", 0.3))),
    NeuroScenario(
        "b12_neuropathy", 0.012, "400", (), ("",),
        ("numbness and pins and needles in both feet and hands for {m} weeks, now unsteady in the dark",
         "progressive tingling and leg stiffness, falls, vegan diet", "sensory ataxia and falls, on metformin for "
         "years, ?cord compression", "numb hands and feet, Romberg positive, macrocytosis on GP bloods"),
        (O(0.4, ("E53.8", "G63.4"), ("Vitamin B12 deficiency neuropathy", "Peripheral neuropathy due to B12 "
                                                                           "deficiency", "B12 deficient "
                                                                                         "polyneuropathy"),
           ("B12 92 ng/L, MMA raised", "serum B12 <100, MCV 108")),
         O(0.2, ("E53.8", "G32.0"), ("Subacute combined degeneration of the cord", "SACD due to vitamin B12 "
                                                                                   "deficiency"),
           ("dorsal column T2 signal C2-C6 on MRI, B12 78",)),
         O(0.15, ("D51.0", "G32.0"), ("Subacute combined degeneration due to pernicious anaemia",
                                      "SCDC - pernicious anaemia"),
           ("intrinsic factor antibodies positive, Hb 98, MCV 112",)),
         O(0.15, ("E53.8", "G63.4", "Y42.3", "E11.9"), ("B12 deficiency neuropathy secondary to metformin",
                                                         "Metformin-associated B12 deficiency with neuropathy"),
           ("B12 110 after 8 years of metformin",)),
         O(0.1, ("E11.4", "G63.2"), ("Diabetic peripheral neuropathy - B12 normal", "Diabetic polyneuropathy, "
                                                                                    "not B12 related"),
           ("B12 and folate normal, HbA1c 78",), refuted=("E53.8",))),
        ("IM hydroxocobalamin 1mg alternate days for 2 weeks then every 2 months.", "Folate replaced after B12 "
         "started.", "Neuropathy clinic in 3 months.", "Physiotherapy; falls advice."), age=(58, 16), ordinary=0.6,
        acute=True, optional=optional(("mri_spine", 0.45), ("ncs", 0.25))),
    NeuroScenario(
        "cervical_dissection", 0.01, "400", (), ("",),
        ("unilateral neck pain and headache with a droopy eyelid and small pupil", "neck pain after a chiropractic "
         "manipulation, then vertigo and unsteadiness", "occipital headache and neck pain followed by transient "
         "dysarthria", "pain behind the eye and along the jaw, pulsatile tinnitus, ?Horner's"),
        (O(0.3, ("I72.0", "G90.2"), ("Left internal carotid artery dissection with Horner's syndrome",
                                     "Carotid dissection - partial Horner's"),
           ("tapering ICA with intramural haematoma on CTA, no infarct",)),
         O(0.25, ("I72.6",), ("Vertebral artery dissection", "Right vertebral artery dissection, no infarct"),
           ("irregular V2 segment on CTA, MRI no infarct",)),
         O(0.15, ("G45.1", "I72.0"), ("Carotid territory TIA due to ICA dissection", "TIA - carotid dissection"),
           ("ICA dissection on CTA, no DWI lesion",)),
         O(0.15, ("I63.2", "I72.6"), ("Small cerebellar infarct due to vertebral artery dissection",
                                      "Posterior circulation stroke - vertebral dissection"),
           ("DWI lesion in the left cerebellar hemisphere, dissected V3 segment",)),
         O(0.15, ("R51",), ("Headache and neck pain - dissection excluded", "Musculoskeletal neck pain, no "
                                                                            "dissection"),
           ("CTA carotid and vertebral arteries normal",), refuted=("I72.0",))),
        ("Aspirin 300mg then 75mg for 3-6 months; repeat vessel imaging at 3 months.", "Avoid neck manipulation "
         "and contact sport.", "Must not drive for 1 month.", "Stroke clinic follow up."), age=(44, 11),
        female=0.5, ordinary=0.75, acute=True, optional=optional(("cta", 0.8), ("mri", 0.5), ("ct", 0.6))),
    NeuroScenario(
        "cvst", 0.006, "400", (), ("",),
        ("progressive headache over {m} days, worse lying down, on the combined pill", "new headache and "
         "blurred vision 3 weeks postpartum", "headache with a focal seizure, D-dimer raised",
         "worsening headache and vomiting, papilloedema, ?IIH ?venous sinus thrombosis"),
        (O(0.55, ("I67.6",), ("Cerebral venous sinus thrombosis", "Transverse sinus thrombosis", "CVST"),
           ("filling defect in the left transverse and sigmoid sinus on venogram",)),
         O(0.2, ("I67.6", "Y42.4"), ("Venous sinus thrombosis related to the combined oral contraceptive",
                                     "CVST - oestrogen containing pill"),
           ("superior sagittal sinus thrombosis on CT venogram",)),
         O(0.1, ("I63.6",), ("Venous infarct due to cerebral venous sinus thrombosis", "CVST with small venous "
                                                                                       "infarct"),
           ("venous infarct in the left temporal lobe, no haemorrhage",)),
         O(0.15, ("R51",), ("Headache - venous sinus thrombosis excluded", "Headache, CT venogram normal"),
           ("venogram normal, sinuses patent",), refuted=("I67.6",))),
        ("Apixaban for 3-6 months; stop the combined pill.", "Haematology thrombophilia review.", "Neurology "
         "clinic in 6 weeks; ophthalmology to check the discs."), age=(36, 11), female=0.75, ordinary=0.9,
        acute=True, optional=optional(("ct", 0.9), ("ctv", 0.75), ("mrv", 0.3))),
    NeuroScenario(
        "ocular_palsy", 0.018, "400", (), ("",),
        ("sudden horizontal double vision worse looking to the left", "binocular diplopia and a droopy eyelid "
         "with pain above the eye, ?aneurysm", "vertical double vision, tilting the head to compensate",
         "double vision since waking, ?stroke, diabetic"),
        (O(0.35, ("H49.2",), ("Sixth nerve palsy (microvascular)", "Left abducens nerve palsy", "Isolated VI nerve "
                                                                                               "palsy"),
           ("failure of abduction, no other neurology",)),
         O(0.15, ("H49.0", "E11.9"), ("Pupil-sparing third nerve palsy (diabetic, microvascular)",),
           ("CTA no aneurysm, pupil spared",), refuted=("I67.1",)),
         O(0.15, ("H49.0",), ("Third nerve palsy - aneurysm excluded", "Partial III nerve palsy"),
           ("CTA no posterior communicating artery aneurysm",), refuted=("I67.1",)),
         O(0.15, ("H49.1",), ("Fourth nerve palsy", "Right trochlear nerve palsy (decompensated)"),
           ("hypertropia worse on contralateral gaze and ipsilateral head tilt",)),
         O(0.1, ("H53.2",), ("Diplopia - no cranial nerve palsy, myasthenia excluded", "Binocular diplopia of "
                                                                                     "uncertain cause"),
           ("AChR antibodies negative, eye movements full on review",), refuted=("G70.0",)),
         O(0.1, ("G70.0",), ("Ocular myasthenia gravis", "Myasthenia - ocular"), ("fatigable diplopia, AChR "
                                                                                  "antibody positive",))),
        ("Orthoptics referral; occlusion for diplopia.", "Expect recovery over 3 months; return if new symptoms.",
         "Optimise vascular risk factors.", "Neuro-ophthalmology clinic."), age=(62, 13), ordinary=0.5,
        acute=True, optional=optional(("ct", 0.5), ("cta", 0.35), ("mri", 0.35))),
    NeuroScenario(
        "brain_tumour", 0.014, "400", (), ("",),
        ("first generalised seizure, CT shows a mass", "progressive headache and word-finding difficulty over {m} "
         "weeks", "left arm weakness over weeks and a focal seizure", "personality change and headache, CT "
         "shows a frontal lesion"),
        (O(0.3, ("C71.1", "R56.8"), ("Right frontal high-grade glioma presenting with a seizure",
                                     "Probable glioblastoma (frontal) with first seizure"),
           ("enhancing right frontal mass with oedema on MRI",)),
         O(0.15, ("C71.2",), ("Left temporal glioma", "Probable low grade glioma, left temporal lobe"),
           ("non-enhancing left temporal lesion on MRI",)),
         O(0.25, ("C79.3", "C34.9"), ("Cerebral metastases from lung primary", "Multiple brain metastases - "
                                                                               "probable lung primary"),
           ("multiple ring-enhancing lesions; CT chest: right upper lobe mass",)),
         O(0.2, ("D32.0", "R56.8"), ("Meningioma presenting with a seizure", "Convexity meningioma - first fit"),
           ("extra-axial dural-based enhancing lesion",)),
         O(0.1, ("D32.0",), ("Incidental meningioma", "Small parafalcine meningioma (incidental)"),
           ("small calcified meningioma, no oedema",))),
        ("Dexamethasone 8mg with PPI; levetiracetam 500mg bd.", "Discussed at neuro-oncology MDT; neurosurgical "
         "clinic.", "Clinical nurse specialist contact given; DVLA informed.", "Outpatient MRI surveillance."),
        age=(60, 14), ordinary=0.8, acute=True, optional=optional(("ct", 0.9), ("mri", 0.6))),
    NeuroScenario(
        "rcvs", 0.005, "400", (), ("",),
        ("recurrent thunderclap headaches over a week, one during exertion", "thunderclap headache 10 days "
         "postpartum, CT normal", "sudden severe headaches on sertraline and sumatriptan"),
        (O(0.8, ("I67.8",), ("Reversible cerebral vasoconstriction syndrome", "RCVS"),
           ("multifocal segmental narrowing on CTA, no SAH", "beading of the MCA branches, CSF normal"),
           refuted=("I60.9",)),
         O(0.2, ("R51",), ("Thunderclap headache - RCVS and SAH excluded",), ("CT, CTA and LP normal",),
           refuted=("I60.9",))),
        ("Nimodipine 60mg 4-hourly; avoid triggers (serotonergic drugs, exertion).", "Repeat vessel imaging in 3 "
         "months."), age=(43, 10), female=0.8, ordinary=0.9, acute=True,
        optional=optional(("ct", 0.9), ("cta", 0.8), ("lp", 0.3))),
)

"""Acute short-stay neurology, paroxysmal events: seizures, status, dissociative seizures, syncope, headache, TGA,
vertigo. Emergency admissions of 0-2 nights (same-day emergency care counts as a zero-night ordinary admission).

Coding rules held here (ICD-10 5th Edition, National Clinical Coding Standards):
- a first seizure without a diagnosis of epilepsy is R56.8; epilepsy is coded only when the letter states it
  (G40.x by type: G40.2 focal with impaired awareness, G40.3 idiopathic generalised, G40.6 tonic-clonic NOS);
- status epilepticus is G41.x alone (it includes the epilepsy);
- a provoked seizure is coded to its cause first and R56.8 after it: hyponatraemia E87.1 / SIADH E22.2, alcohol
  withdrawal F10.3; a seizure related to drug use is G40.5 (special epileptic syndromes) with the F1x.1 harmful use;
- an adverse effect of a drug in correct use: the manifestation, then the Y40-Y59 drug code, then the condition;
- post-stroke epilepsy: the epilepsy, then I69.3 (sequelae of cerebral infarction);
- dissociative (non-epileptic) seizures F44.5; syncope R55 (orthostatic hypotension I95.1);
- migraine G43.x (status G43.2, chronic migraine G43.3, vestibular migraine G43.8), tension-type G44.2,
  cluster G44.0, medication overuse G44.4, post-dural puncture headache G97.1, CSF leak G96.0; a headache with
  no diagnosis reached is R51 and the excluded cause (SAH, CVST, GCA) is not coded;
- transient global amnesia G45.4; BPPV H81.1, vestibular neuronitis H81.2, Meniere's H81.0, dizziness with no
  diagnosis R42.
"""

from __future__ import annotations

from .neurology_catalogue import NeuroOutcome as O
from .neurology_catalogue import NeuroScenario
from .neurology_tests import optional

ACUTE_PAROXYSMAL: tuple[NeuroScenario, ...] = (
    NeuroScenario(
        "first_seizure", 0.1, "400", (), ("",),
        ("first generalised tonic-clonic seizure witnessed by partner, tongue bitten",
         "collapse with jerking of all four limbs and post-ictal confusion for 20 minutes",
         "found on the floor, incontinent of urine, no recollection, no previous events",
         "?first fit at work - stiffening then shaking, GCS 14 on arrival improving to 15",
         "transient LOC with limb jerking, ambulance called by wife"),
        (O(0.45, ("R56.8",), ("First seizure", "Single unprovoked generalised seizure", "First fit",
                              "Seizure - first presentation"),
           ("bloods normal, ECG sinus rhythm, normal QTc", "no focal neurology; epilepsy not diagnosed after a "
                                                             "single event"), refuted=("G40.9",)),
         O(0.07, ("G40.6",), ("Epilepsy - generalised tonic-clonic seizures", "Epilepsy (GTCS), previously "
                                                                             "unrecognised events"),
           ("history of two previous nocturnal events from partner",)),
         O(0.06, ("G40.3",), ("Juvenile myoclonic epilepsy", "Idiopathic generalised epilepsy (JME)"),
           ("morning myoclonic jerks for 2 years on direct questioning",)),
         O(0.06, ("G40.1", "I69.3"), ("Post-stroke epilepsy - focal seizure with secondary generalisation",),
           ("old left MCA infarct on CT, no new change",)),
         O(0.07, ("E87.1", "R56.8"), ("Provoked seizure secondary to hyponatraemia (Na 117)",
                                      "Hyponatraemic seizure"), ("Na 117 on admission, 128 at discharge",)),
         O(0.03, ("E22.2", "R56.8"), ("Seizure due to hyponatraemia - SIADH",), ("paired osmolalities c/w SIADH",)),
         O(0.08, ("F10.3", "R56.8"), ("Alcohol withdrawal seizure", "Seizure in the context of alcohol withdrawal"),
           ("GGT 320, MCV 104", "CIWA scores settled on chlordiazepoxide")),
         O(0.03, ("G40.5", "F14.1"), ("Provoked seizure related to cocaine use",), ("urine tox positive for "
                                                                                   "cocaine",)),
         O(0.1, ("R55",), ("Convulsive syncope - not epileptic", "Vasovagal syncope with brief jerks"),
           ("clear prodrome of light-headedness and pallor",), refuted=("G40.9",)),
         O(0.05, ("F44.5",), ("Dissociative seizure (NEAD)", "Functional/dissociative seizure"),
           ("eyes closed throughout, prolonged asynchronous movements",), refuted=("G40.9",))),
        ("First seizure clinic referral.", "DVLA: must not drive for 6 months - patient informed.",
         "Advised not to swim or bathe alone.", "No antiseizure medication at present; EEG and MRI as outpatient."),
        age=(38, 18), ordinary=0.75, acute=True, optional=optional(("ct", 0.85), ("mri", 0.2), ("eeg", 0.15))),
    NeuroScenario(
        "breakthrough_seizure", 0.08, "400", (), ("",),
        ("known epilepsy, cluster of three seizures today", "breakthrough seizure after missed doses of levetiracetam",
         "known epilepsy on sodium valproate, seizure after sleep deprivation", "prolonged seizure at home, buccal "
         "midazolam given by carer"),
        (O(0.3, ("G40.9",), ("Breakthrough seizure in known epilepsy", "Epilepsy - breakthrough seizures"),
           ("levetiracetam level subtherapeutic", "no provoking infection")),
         O(0.18, ("G40.2",), ("Focal epilepsy with impaired awareness - seizure cluster", "Temporal lobe epilepsy"),
           ("focal slowing left temporal",)),
         O(0.12, ("G40.3",), ("Idiopathic generalised epilepsy - breakthrough GTCS",), ("sleep deprived",)),
         O(0.12, ("G41.0",), ("Convulsive status epilepticus, terminated with IV lorazepam", "Status epilepticus"),
           ("seizure lasted 12 minutes, terminated in ED",)),
         O(0.03, ("G41.2",), ("Non-convulsive (complex partial) status epilepticus",), ("EEG confirmed NCSE",)),
         O(0.08, ("G40.9", "N39.0"), ("Seizures in known epilepsy, provoked by UTI",), ("urine culture E. coli",)),
         O(0.05, ("G40.4", "F79.9"), ("Lennox-Gastaut syndrome, learning disability - seizure cluster",),
           ("carer reports more drop attacks",)),
         O(0.05, ("G40.2", "I69.3"), ("Post-stroke epilepsy, breakthrough focal seizures",),
           ("old right parietal infarct",)),
         O(0.04, ("R27.0", "Y46.2", "G40.9"), ("Phenytoin toxicity causing ataxia (known epilepsy)",),
           ("phenytoin level 32",)),
         O(0.03, ("F44.5", "G40.9"), ("Dissociative seizures in a patient with epilepsy",),
           ("events atypical of habitual seizures",))),
        ("Epilepsy nurse to follow up.", "Dose of levetiracetam increased to 1g bd.", "Rescue medication plan updated.",
         "Continue current AEDs; compliance discussed."), age=(36, 16), ordinary=0.8, acute=True,
        repeat=(0.15, 30, 120), optional=optional(("ct", 0.4), ("eeg", 0.1))),
    NeuroScenario(
        "dissociative_attack", 0.03, "400", (), ("",),
        ("known NEAD, prolonged attack in the community, not responding to midazolam", "?status - eyes screwed shut, "
         "pelvic thrusting"),
        (O(0.8, ("F44.5",), ("Dissociative seizure (known NEAD)", "Functional seizures", "Non-epileptic attack"),
           ("normal lactate and CK, no post-ictal phase",), refuted=("G41.9",)),
         O(0.2, ("F44.5", "F43.1"), ("Dissociative seizures, PTSD",), ("known to psychology",))),
        ("Psychology follow up; avoid benzodiazepines for these events.", "Care plan shared with ambulance service."),
        age=(30, 10), female=0.75, ordinary=0.5, acute=True),
    NeuroScenario(
        "syncope", 0.04, "400", (), ("",),
        ("collapse on standing, brief LOC, rapid recovery", "blackout in a hot church, some jerking", "collapse ?fit "
         "?faint"),
        (O(0.6, ("R55",), ("Vasovagal syncope", "Syncope", "Reflex syncope - not a seizure"),
           ("ECG normal, lying/standing BP normal",), refuted=("G40.9",)),
         O(0.2, ("I95.1",), ("Orthostatic hypotension", "Postural hypotension"), ("postural drop 34mmHg",)),
         O(0.2, ("R55",), ("Collapse - ?arrhythmic, for cardiology review", "Syncope of unclear cause"),
           ("no structural heart disease on echo",))),
        ("Cardiology referral.", "Fluids and salt advice.", "No driving restriction (simple faint)."),
        age=(55, 20), ordinary=0.6, acute=True, optional=optional(("ct", 0.3), ("holter", 0.1))),
    NeuroScenario(
        "acute_migraine", 0.07, "400", (), ("",),
        ("severe unilateral throbbing headache with vomiting and photophobia", "headache with zigzag lines and "
         "tingling of the right hand", "left arm weakness and headache, stroke call", "migraine not responding to "
         "triptan for 4 days", "headache with vertigo and nausea"),
        (O(0.25, ("G43.0",), ("Migraine without aura", "Migraine (no aura)"), ("neurological examination normal",)),
         O(0.2, ("G43.1",), ("Migraine with aura", "Migraine with typical visual aura"), ("symptoms resolved fully",)),
         O(0.1, ("G43.1",), ("Hemiplegic migraine - stroke excluded", "Migraine with motor aura"),
           ("MRI DWI negative",), refuted=("I63.9",)),
         O(0.12, ("G43.2",), ("Status migrainosus",), ("settled with IV fluids, metoclopramide and naproxen",)),
         O(0.08, ("G43.8",), ("Vestibular migraine",), ("normal head impulse test",)),
         O(0.12, ("G43.9",), ("Migraine", "Migraine attack"), ("responded to antiemetic and analgesia",)),
         O(0.08, ("G43.3",), ("Chronic migraine with acute exacerbation",), ("headache 20 days a month",)),
         O(0.05, ("G43.0", "G44.4"), ("Medication overuse headache with migraine without aura",),
           ("codeine most days",))),
        ("Start propranolol 40mg bd as prophylaxis.", "Headache diary; GP to review in 6 weeks.",
         "Avoid opiates; triptan plus NSAID for attacks."), age=(35, 12), female=0.75, ordinary=0.5, acute=True,
        optional=optional(("ct", 0.5), ("mri", 0.15))),
    NeuroScenario(
        "headache_acute", 0.06, "400", (), ("",),
        ("new daily persistent headache, worse lying down", "headache after a head injury 3 weeks ago",
         "headache and jaw claudication ?GCA", "headache worse on standing since an LP last week",
         "generalised tight band headache, worried about a tumour"),
        (O(0.25, ("R51",), ("Headache - CVST excluded", "Headache, no sinister cause found"),
           ("CT venogram normal",), refuted=("I67.6",)),
         O(0.2, ("G44.2",), ("Tension-type headache", "TTH"), ("normal fundi, normal examination",)),
         O(0.15, ("G97.1",), ("Post-dural puncture headache", "Post-LP headache"), ("postural headache",)),
         O(0.1, ("G44.3",), ("Post-traumatic headache",), ("CT head normal",)),
         O(0.1, ("R51",), ("Headache - GCA unlikely, steroids stopped", "Headache; temporal artery US normal"),
           ("ESR 12, CRP <5",), refuted=("M31.6",)),
         O(0.08, ("M31.6",), ("Giant cell arteritis", "Temporal arteritis"), ("ESR 88, halo sign on US",)),
         O(0.07, ("G96.0",), ("Spontaneous intracranial hypotension (CSF leak)",), ("pachymeningeal "
                                                                                    "enhancement on MRI",)),
         O(0.05, ("G44.0",), ("Cluster headache - new bout",), ("ipsilateral lacrimation and ptosis",))),
        ("Reassured; simple analgesia, avoid overuse.", "Rheumatology follow up.", "Headache clinic review."),
        age=(45, 15), female=0.6, ordinary=0.5, acute=True, optional=optional(("ct", 0.7), ("mri", 0.15))),
    NeuroScenario(
        "thunderclap_lp", 0.04, "400", ("A55.9",), ("LP >12 hours after onset for xanthochromia", "Diagnostic LP "
                                                   "(xanthochromia)", "LP - CSF spectrophotometry"),
        ("sudden onset worst ever headache during exercise, CT at 8 hours normal", "thunderclap headache, CTH "
         "NAD, LP to exclude SAH"),
        (O(0.75, ("R51",), ("Thunderclap headache - SAH excluded", "Headache; no evidence of subarachnoid "
                                                                   "haemorrhage"),
           ("no xanthochromia, RBC 4", "CSF clear, spectrophotometry negative"), refuted=("I60.9",)),
         O(0.15, ("G44.8",), ("Primary exertional headache",), ("CSF normal",), refuted=("I60.9",)),
         O(0.1, ("G43.0",), ("Migraine - SAH excluded",), ("CSF normal",), refuted=("I60.9",))),
        ("Discharged; return if recurrence.", "No follow up required."), age=(44, 13), female=0.6, ordinary=0.6,
        acute=True, optional=optional(("ct", 0.9), ("cta", 0.2))),
    NeuroScenario(
        "blood_patch", 0.015, "400", ("A52.3",), ("Epidural blood patch", "EBP by anaesthetics"),
        ("severe postural headache since a diagnostic LP {m} days ago",),
        (O(1.0, ("G97.1",), ("Post-dural puncture headache", "Post-LP headache"), ("headache resolved after EBP",)),),
        ("Return if headache recurs.",), age=(40, 12), female=0.65, ordinary=0.3, acute=True),
    NeuroScenario(
        "tga", 0.025, "400", (), ("",),
        ("acute onset amnesia, repetitive questioning for 5 hours", "confusion and repeated questions after "
         "swimming, no other deficit"),
        (O(0.85, ("G45.4",), ("Transient global amnesia", "TGA"), ("MRI: punctate hippocampal DWI focus",
                                                                   "resolved within 24 hours")),
         O(0.07, ("G40.2",), ("Transient epileptic amnesia",), ("left temporal sharp waves",)),
         O(0.08, ("R41.3",), ("Amnesic episode, cause uncertain",), ("investigations normal",))),
        ("No driving restriction for TGA.", "No follow up required."), age=(63, 8), ordinary=0.7, acute=True,
        optional=optional(("ct", 0.7), ("mri", 0.35))),
    NeuroScenario(
        "vertigo", 0.04, "400", (), ("",),
        ("acute onset rotatory vertigo with vomiting, unable to walk", "positional vertigo on turning in bed",
         "vertigo and unsteadiness, stroke call", "recurrent vertigo with tinnitus and aural fullness"),
        (O(0.28, ("H81.1",), ("BPPV", "Benign paroxysmal positional vertigo"), ("Dix-Hallpike positive, Epley "
                                                                                "performed",)),
         O(0.28, ("H81.2",), ("Vestibular neuronitis", "Vestibular neuritis"), ("HINTS peripheral",)),
         O(0.06, ("H81.0",), ("Meniere's disease",), ("low-frequency SNHL on audiogram",)),
         O(0.2, ("R42",), ("Dizziness - posterior circulation stroke excluded", "Dizziness, cause not found"),
           ("MRI no infarct",), refuted=("I63.9",)),
         O(0.08, ("I63.9",), ("Small cerebellar infarct", "Posterior circulation stroke (cerebellar)"),
           ("DWI restriction in the right cerebellum",)),
         O(0.1, ("G43.8",), ("Vestibular migraine",), ("history of migraine, normal HINTS",))),
        ("Vestibular rehabilitation exercises.", "ENT follow up.", "Stroke clinic follow up; aspirin then "
                                                                   "clopidogrel."),
        age=(58, 15), ordinary=0.6, acute=True, optional=optional(("ct", 0.5), ("mri", 0.3))),
)

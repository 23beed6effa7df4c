"""Acute short-stay neurology, deficits and inflammation: TIA and minor stroke, Bell's palsy, optic neuritis, cord
syndromes, GBS, myasthenia, functional disorder, meningitis, Parkinson's disease, trigeminal neuralgia.

Coding rules held here (ICD-10 5th Edition, National Clinical Coding Standards):
- a TIA is G45.x by territory (G45.1 carotid, G45.0 vertebrobasilar, G45.3 amaurosis fugax); when imaging shows
  an infarct the event is a stroke, I63.x (I63.4 cardioembolic with the AF, I63.8 lacunar, I63.9 unspecified);
- a residual deficit of an old stroke is coded with I69.3 after it; a stroke mimic is coded to what it was;
- MS in relapse is G35 (optic neuritis in known MS is G35 alone); isolated optic neuritis H46; NMOSD G36.0;
  transverse myelitis G37.3; GBS and Miller Fisher G61.0; CIDP G61.8; myasthenia G70.0;
- dagger before asterisk: enteroviral meningitis A87.0 G02.0, herpes simplex meningitis B00.3 G02.0, zoster
  meningitis B02.1 G02.0, Ramsay Hunt B02.2 G53.0, cervical disc myelopathy M50.0 G99.2, cervical disc
  radiculopathy M50.1 G55.1, subacute combined degeneration E53.8 G32.0, Parkinson's disease dementia G20 F02.3,
  Lewy body dementia G31.8 F02.8;
- functional neurological disorder is F44.4 (motor), F44.6 (sensory), F44.7 (mixed);
- drug-induced parkinsonism G21.1 with the drug's Y code; orthostatic hypotension from levodopa I95.2 Y46.7 G20.
"""

from __future__ import annotations

from .neurology_catalogue import NeuroOutcome as O
from .neurology_catalogue import NeuroScenario
from .neurology_tests import optional

ACUTE_DEFICIT: tuple[NeuroScenario, ...] = (
    NeuroScenario(
        "tia", 0.09, "400", (), ("",),
        ("transient right arm and face weakness lasting 30 minutes, ABCD2 5", "episode of word-finding difficulty "
         "for 20 minutes", "painless monocular visual loss like a curtain, resolved", "transient dysarthria and left "
         "leg weakness", "brief episode of vertigo, diplopia and ataxia"),
        (O(0.3, ("G45.9",), ("TIA", "Transient ischaemic attack"), ("no DWI lesion", "ECG sinus rhythm")),
         O(0.1, ("G45.1",), ("Left carotid territory TIA - 70% ICA stenosis", "Carotid TIA"),
           ("70% left ICA stenosis on duplex",)),
         O(0.06, ("G45.0",), ("Vertebrobasilar TIA", "Posterior circulation TIA"), ("no infarct on MRI",)),
         O(0.06, ("G45.3",), ("Amaurosis fugax",), ("retina normal on fundoscopy",)),
         O(0.12, ("I63.9",), ("Minor ischaemic stroke", "Minor stroke (DWI positive)", "Small cortical infarct"),
           ("small DWI lesion in the left frontal cortex",), refuted=("G45.9",)),
         O(0.06, ("I63.4", "I48.9"), ("Cardioembolic minor stroke, new AF",), ("AF on ECG, DWI lesions in two "
                                                                                "territories",)),
         O(0.06, ("I63.8",), ("Lacunar infarct", "Lacunar stroke (left internal capsule)"), ("lacune on DWI",)),
         O(0.1, ("G43.1",), ("Migraine aura - TIA mimic", "Migraine with aura, not TIA"),
           ("march of symptoms over 20 minutes",), refuted=("G45.9",)),
         O(0.06, ("R20.2",), ("Transient sensory symptoms - not TIA", "Paraesthesia, TIA unlikely"),
           ("investigations normal",), refuted=("G45.9",)),
         O(0.04, ("F44.4",), ("Functional limb weakness (stroke mimic)",), ("positive Hoover's sign",),
           refuted=("I63.9",)),
         O(0.04, ("G81.9", "I69.3"), ("Recrudescence of old stroke hemiparesis, no new event",),
           ("old infarct only",), refuted=("I63.9",))),
        ("Aspirin 300mg for 2 weeks then clopidogrel 75mg od. Atorvastatin 80mg.", "Vascular surgery referral for "
         "CEA.", "Anticoagulation with apixaban.", "Must not drive for 1 month."), age=(68, 12), ordinary=0.7,
        acute=True, optional=optional(("ct", 0.7), ("mri", 0.45), ("carotid", 0.5), ("cta", 0.15))),
    NeuroScenario(
        "bells_palsy", 0.03, "400", (), ("",),
        ("right facial droop since waking, forehead involved", "left facial weakness and ear pain", "facial weakness "
         "?stroke"),
        (O(0.8, ("G51.0",), ("Bell's palsy", "Idiopathic facial nerve palsy (Bell's)"), ("House-Brackmann IV",)),
         O(0.1, ("B02.2", "G53.0"), ("Ramsay Hunt syndrome",), ("vesicles in the ear canal",)),
         O(0.1, ("G51.0",), ("Bell's palsy - stroke excluded",), ("forehead involved, CT normal",),
           refuted=("I63.9",))),
        ("Prednisolone 60mg for 7 days; eye care.", "Eye patch at night, lubricants.", "ENT review if not "
                                                                                      "improving."),
        age=(45, 16), ordinary=0.2, acute=True, optional=optional(("ct", 0.2),)),
    NeuroScenario(
        "optic_neuritis", 0.03, "400", (), ("",),
        ("painful blurred vision in the left eye for 5 days, worse on eye movement", "central scotoma and colour "
         "desaturation, RAPD"),
        (O(0.55, ("H46",), ("Optic neuritis", "Left optic neuritis"), ("MRI brain no demyelinating lesions",)),
         O(0.25, ("G35",), ("Optic neuritis - first presentation of MS", "MS (optic neuritis relapse)"),
           ("multiple periventricular lesions",)),
         O(0.1, ("G36.0",), ("NMOSD (AQP4 positive) optic neuritis",), ("AQP4 antibody positive",)),
         O(0.1, ("G37.8",), ("MOG antibody associated disease",), ("MOG antibody positive",))),
        ("Ophthalmology and MS clinic follow up.", "Oral prednisolone taper."), age=(33, 9), female=0.75,
        ordinary=0.5, acute=True, optional=optional(("mri", 0.7), ("ivmp", 0.4), ("vep", 0.1))),
    NeuroScenario(
        "cord_root", 0.03, "400", (), ("",),
        ("bilateral leg numbness and urinary hesitancy ?cauda equina", "progressive hand clumsiness and gait "
         "disturbance", "neck pain radiating to the arm with tingling", "sensory level at T8"),
        (O(0.3, ("M51.2",), ("Lumbar disc prolapse, no cauda equina compression", "L5/S1 disc prolapse"),
           ("no CES on MRI",), refuted=("G83.4",)),
         O(0.2, ("M50.0", "G99.2"), ("Cervical myelopathy due to disc prolapse",), ("cord signal change C5/6",)),
         O(0.2, ("M50.1", "G55.1"), ("C6 radiculopathy due to disc protrusion", "Cervical radiculopathy"),
           ("C5/6 foraminal narrowing",)),
         O(0.12, ("G37.3",), ("Transverse myelitis",), ("T-spine cord lesion",)),
         O(0.08, ("E53.8", "G32.0"), ("Subacute combined degeneration of the cord (B12 deficiency)",),
           ("B12 <100",)),
         O(0.1, ("F44.6",), ("Functional sensory disturbance - cord compression excluded",), ("MRI normal",),
           refuted=("G95.2",))),
        ("Neurosurgical opinion.", "Physiotherapy referral.", "B12 replacement."), age=(50, 14), ordinary=0.7,
        acute=True, optional=optional(("mri_spine", 0.9),)),
    NeuroScenario(
        "gbs", 0.02, "400", ("A55.9",), ("Lumbar puncture", "Diagnostic LP (CSF protein)"),
        ("ascending tingling and leg weakness over 5 days after diarrhoea", "diplopia, ataxia and areflexia"),
        (O(0.55, ("G61.0",), ("Guillain-Barre syndrome", "GBS (mild, walking)"), ("CSF protein 1.2, cells 2",)),
         O(0.15, ("G61.0",), ("Miller Fisher syndrome",), ("anti-GQ1b positive",)),
         O(0.15, ("G61.8",), ("CIDP",), ("demyelinating features, course over 8 weeks",)),
         O(0.15, ("R20.2",), ("Sensory symptoms - GBS excluded",), ("CSF and NCS normal",), refuted=("G61.0",))),
        ("FVC monitoring stable; discharge with safety-net.", "Neuromuscular clinic in 2 weeks."), age=(50, 16),
        ordinary=1.0, acute=True, optional=optional(("ncs", 0.5), ("ivig", 0.3))),
    NeuroScenario(
        "myasthenia_acute", 0.02, "400", (), ("",),
        ("worsening ptosis and diplopia by the evening", "known MG, more dysphagia and fatigable weakness",
         "fatigable ptosis ?MG"),
        (O(0.5, ("G70.0",), ("Myasthenia gravis - exacerbation", "Ocular myasthenia"), ("FVC 3.2L stable",)),
         O(0.2, ("G70.0", "J22"), ("Myasthenia gravis - worse with chest infection",), ("CRP 60, CXR clear",)),
         O(0.15, ("H02.4",), ("Ptosis - myasthenia excluded", "Aponeurotic ptosis"), ("AChR and MuSK negative",),
           refuted=("G70.0",)),
         O(0.15, ("G70.0",), ("Myasthenia gravis (AChR positive) - new diagnosis",), ("AChR antibody positive",))),
        ("Pyridostigmine increased.", "Prednisolone slowly titrated.", "Neuromuscular follow up."),
        age=(62, 14), ordinary=0.9, acute=True, optional=optional(("emg", 0.2), ("ivig", 0.3))),
    NeuroScenario(
        "fnd_acute", 0.04, "400", (), ("",),
        ("sudden left sided weakness, stroke call", "unable to walk, dragging leg gait", "numbness down the whole "
         "right side", "tremor and weakness after a minor injury"),
        (O(0.5, ("F44.4",), ("Functional limb weakness", "FND - motor", "Functional neurological disorder"),
           ("positive Hoover's sign, MRI normal",), refuted=("I63.9",)),
         O(0.15, ("F44.6",), ("Functional sensory symptoms",), ("non-anatomical sensory loss",)),
         O(0.15, ("F44.7",), ("Mixed functional neurological disorder (motor and sensory)",),
           ("give-way weakness",)),
         O(0.2, ("F44.4",), ("Functional gait disorder", "Functional tremor"), ("entrainment and distractibility",))),
        ("Physiotherapy for FND.", "neurosymptoms.org given.", "Neuropsychiatry referral."), age=(36, 12),
        female=0.72, ordinary=0.8, acute=True, optional=optional(("ct", 0.6), ("mri", 0.5))),
    NeuroScenario(
        "meningitis", 0.03, "400", ("A55.9",), ("Lumbar puncture", "LP (cells, protein, glucose, viral PCR)"),
        ("headache, fever, neck stiffness and photophobia", "headache and fever, ?meningitis, IV ceftriaxone in ED"),
        (O(0.35, ("A87.9",), ("Viral meningitis", "Aseptic (viral) meningitis"), ("CSF lymphocytes 180, glucose "
                                                                                  "normal",)),
         O(0.15, ("A87.0", "G02.0"), ("Enteroviral meningitis",), ("CSF enterovirus PCR positive",)),
         O(0.12, ("B00.3", "G02.0"), ("HSV-2 meningitis",), ("CSF HSV-2 PCR positive",)),
         O(0.05, ("B02.1", "G02.0"), ("VZV meningitis",), ("CSF VZV PCR positive",)),
         O(0.23, ("B34.9",), ("Viral illness - meningitis excluded",), ("CSF normal",), refuted=("G03.9",)),
         O(0.1, ("G43.9",), ("Migraine - meningitis excluded",), ("CSF normal",), refuted=("G03.9",))),
        ("Antibiotics stopped once CSF results known.", "Aciclovir stopped, HSV PCR negative."), age=(32, 10),
        ordinary=1.0, acute=True, optional=optional(("ct", 0.6),)),
    NeuroScenario(
        "parkinsons", 0.035, "400", (), ("",),
        ("known Parkinson's, increasing falls", "PD with hallucinations and confusion", "wearing off and freezing, "
         "medication review", "tremor and slowness ?Parkinson's", "dizziness on standing, on co-careldopa"),
        (O(0.3, ("G20",), ("Parkinson's disease - motor fluctuations", "Idiopathic Parkinson's disease"),
           ("improved after dose adjustment",)),
         O(0.15, ("G20", "R29.6"), ("Parkinson's disease with recurrent falls",), ("no injury",)),
         O(0.1, ("I95.2", "Y46.7", "G20"), ("Postural hypotension due to levodopa, Parkinson's disease",),
           ("postural drop 40mmHg",)),
         O(0.1, ("G20", "F02.3"), ("Parkinson's disease dementia with hallucinations",), ("MoCA 17",)),
         O(0.1, ("G21.1", "Y49.5"), ("Drug-induced parkinsonism (risperidone)",), ("symmetrical, no rest tremor",),
           refuted=("G20",)),
         O(0.05, ("G23.1",), ("Progressive supranuclear palsy",), ("vertical gaze palsy",)),
         O(0.1, ("G31.8", "F02.8"), ("Dementia with Lewy bodies",), ("fluctuating cognition",)),
         O(0.1, ("G25.0",), ("Essential tremor - not Parkinson's",), ("DaTSCAN normal",), refuted=("G20",))),
        ("PD nurse follow up.", "Co-careldopa timings adjusted.", "Falls clinic referral."), age=(72, 8),
        ordinary=0.8, acute=True, optional=optional(("ct", 0.3), ("datscan", 0.1))),
    NeuroScenario(
        "trigeminal", 0.015, "400", (), ("",),
        ("severe electric shock pains in the right cheek, unable to eat", "facial pain crisis, carbamazepine not "
         "tolerated"),
        (O(0.7, ("G50.0",), ("Trigeminal neuralgia", "Trigeminal neuralgia (V2)"), ("MRI no neurovascular "
                                                                                     "conflict",)),
         O(0.15, ("G50.1",), ("Atypical facial pain",), ("continuous pain",)),
         O(0.15, ("B02.2", "G53.0"), ("Post-herpetic trigeminal neuralgia",), ("shingles in V1 last year",))),
        ("Oxcarbazepine started.", "Neurosurgical referral re MVD."), age=(60, 12), female=0.6, ordinary=0.7,
        acute=True, optional=optional(("infusion", 0.4), ("mri", 0.3))),
)

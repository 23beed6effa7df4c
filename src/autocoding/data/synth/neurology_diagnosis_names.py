"""More ways a neurology letter names each final diagnosis (`NAMES`, with `MORE` merged into it): synonyms, UK
abbreviations, eponyms, the terse forms of a ward doctor and the fuller forms of a consultant. Keyed by the
outcome's first diagnosis line (`NeuroOutcome.diagnosis[0]`), so a name is only ever used for the outcome it
describes and the codes stay those of the outcome.

Each name keeps the word a reader looks for (TIA, epilepsy, Parkinson, stroke/infarct, functional, dissociative,
IIH/intracranial, MS, Bell, BPPV/positional, GBS/Guillain...). Names of an outcome that excluded a diagnosis
(symptom coded, the query not) all say it was excluded or not confirmed: none may read as the query confirmed.
"""

from __future__ import annotations

NAMES: dict[str, tuple[str, ...]] = {
    "Idiopathic intracranial hypertension": ("IIH (idiopathic intracranial hypertension)", "IIH with papilloedema",
                                             "Benign intracranial hypertension (IIH)", "Raised ICP - IIH",
                                             "Pseudotumour cerebri (IIH)"),
    "Headache - IIH excluded": ("Headache; normal CSF opening pressure, IIH ruled out", "Headache - not IIH",
                                "Chronic daily headache, no evidence of raised intracranial pressure"),
    "Relapsing remitting multiple sclerosis": ("RRMS", "Relapsing-remitting MS", "MS (relapsing remitting)",
                                               "Multiple sclerosis - relapsing remitting course", "RR MS"),
    "Probable demyelination - clinically isolated syndrome": ("CIS (clinically isolated syndrome)",
                                                              "Clinically isolated syndrome - demyelinating",
                                                              "Likely inflammatory demyelination (CIS)"),
    "Sensory symptoms - MS not confirmed": ("Paraesthesia - no evidence of MS", "Sensory disturbance, MS not "
                                            "supported (OCBs negative)", "Tingling, demyelination excluded"),
    "Headache - SAH excluded": ("Headache - no SAH", "Sudden onset headache, subarachnoid haemorrhage excluded",
                                "Headache; LP negative for xanthochromia, SAH ruled out"),
    "Relapse of multiple sclerosis": ("MS relapse", "Acute relapse of RRMS", "Relapsing remitting MS - "
                                      "clinical relapse", "Multiple sclerosis, acute exacerbation", "RRMS relapse"),
    "Chronic inflammatory demyelinating polyneuropathy": ("CIDP", "CIDP on maintenance IVIg", "Chronic "
                                                          "inflammatory demyelinating polyradiculoneuropathy"),
    "Multifocal motor neuropathy": ("MMN", "MMN (multifocal motor neuropathy with conduction block)"),
    "Myasthenia gravis": ("MG", "Generalised MG", "Myasthenia gravis - AChR antibody positive",
                          "Seropositive myasthenia gravis"),
    "Cervical dystonia": ("Cervical dystonia (torticollis)", "Idiopathic cervical dystonia", "Torticollis"),
    "Hemifacial spasm": ("Hemifacial spasm (HFS)", "Primary hemifacial spasm"),
    "Chronic migraine": ("CM (chronic migraine)", "Chronic migraine - 15 or more headache days a month",
                         "Chronic migraine without aura"),
    "Post-stroke spasticity (spastic hemiplegia)": ("Spastic hemiparesis post stroke", "Upper limb spasticity "
                                                    "following stroke (spastic hemiplegia)"),
    "Generalised idiopathic epilepsy": ("IGE (idiopathic generalised epilepsy)", "Genetic generalised epilepsy",
                                        "Idiopathic generalised epilepsy"),
    "Focal epilepsy": ("Focal-onset epilepsy", "Epilepsy with focal seizures", "Focal epilepsy (temporal)",
                       "Localisation-related epilepsy"),
    "Seizure-like episodes - epilepsy not confirmed": ("Transient loss of consciousness - epilepsy not diagnosed",
                                                       "Episodes of uncertain nature, no evidence of epilepsy"),
    "Dissociative seizures": ("NEAD", "Non-epileptic attack disorder (NEAD)", "Functional seizures (PNES)",
                              "Psychogenic non-epileptic seizures", "Dissociative (non-epileptic) attacks"),
    "Carpal tunnel syndrome": ("CTS", "Bilateral carpal tunnel syndrome", "Median nerve entrapment at the wrist "
                               "(carpal tunnel syndrome)"),
    "Axonal polyneuropathy": ("Length-dependent axonal polyneuropathy", "Peripheral neuropathy (axonal)",
                              "Axonal sensorimotor peripheral neuropathy"),
    "Motor neurone disease": ("MND", "MND (ALS phenotype)", "Amyotrophic lateral sclerosis",
                              "Motor neuron disease"),
    "Ulnar neuropathy at the elbow": ("UNE (ulnar neuropathy at elbow)", "Cubital tunnel syndrome",
                                      "Ulnar nerve entrapment at the elbow"),
    "Functional neurological disorder (functional limb weakness)": (
        "FND", "FND - functional limb weakness", "Functional weakness", "Functional neurological disorder",
        "Conversion disorder (FND, motor)"),
    "Functional sensory disorder": ("Functional sensory symptoms", "FND (sensory)"),
    "Cluster headache": ("Episodic cluster headache", "Cluster headache (TAC)", "Cluster headache - in bout"),
    "Normal pressure hydrocephalus": ("NPH", "Idiopathic normal pressure hydrocephalus (iNPH)"),
    "Status migrainosus": ("Prolonged migraine (status migrainosus)", "Status migrainosus - attack > 72 hours"),
    "Myasthenia gravis - exacerbation": ("Myasthenic exacerbation", "MG - exacerbation", "Worsening myasthenia "
                                         "gravis"),
    "Vascular dementia": ("Dementia - vascular type", "Vascular cognitive impairment with dementia"),
    "Mild cognitive impairment": ("MCI", "Mild neurocognitive disorder (MCI)"),
    "Obstructive sleep apnoea": ("OSA", "OSAHS"),
    "First seizure": ("First unprovoked seizure", "Single seizure", "1st fit", "First tonic-clonic seizure",
                      "Isolated seizure", "Unprovoked seizure - first event", "First seizure (GTCS)"),
    "Alcohol withdrawal seizure": ("Alcohol withdrawal fit", "Seizure due to alcohol withdrawal",
                                   "Withdrawal seizure (alcohol)", "ETOH withdrawal seizure (alcohol)"),
    "Breakthrough seizure in known epilepsy": ("Epilepsy - breakthrough seizure", "Known epilepsy, breakthrough "
                                               "fit", "Breakthrough seizures (epilepsy)", "Epilepsy, poorly "
                                               "controlled"),
    "Convulsive status epilepticus, terminated with IV lorazepam": ("Status epilepticus", "Convulsive status "
                                                                    "epilepticus", "CSE (convulsive status)"),
    "Dissociative seizure (known NEAD)": ("Known NEAD - prolonged dissociative attack", "Functional seizure "
                                          "(NEAD)", "PNES (psychogenic non-epileptic seizure)"),
    "Vasovagal syncope": ("Simple faint", "Reflex syncope", "Vasovagal syncope (simple faint)",
                          "Situational syncope", "Neurally mediated syncope"),
    "Orthostatic hypotension": ("Postural hypotension (orthostatic)", "OH - orthostatic hypotension"),
    "Migraine without aura": ("Common migraine (without aura)", "Migraine w/o aura", "Migraine, no aura",
                              "Episodic migraine without aura"),
    "Migraine with aura": ("Migraine with visual aura", "Classical migraine (with aura)", "Migraine + aura",
                           "Migraine with typical aura"),
    "Vestibular migraine": ("Migrainous vertigo (vestibular migraine)", "VM (vestibular migraine)",
                            "Migraine-associated vertigo"),
    "Migraine": ("Migraine attack", "Acute migraine", "Exacerbation of migraine"),
    "Tension-type headache": ("TTH", "Tension type headache", "Episodic tension-type headache",
                              "Chronic tension-type headache"),
    "Post-dural puncture headache": ("Post-LP headache", "PDPH (post-dural puncture headache)",
                                     "Low pressure headache after LP (post-dural puncture)"),
    "Post-traumatic headache": ("Headache following head injury (post-traumatic)", "Post-concussion headache "
                                "(post-traumatic)"),
    "Giant cell arteritis": ("GCA", "Temporal arteritis (GCA)", "Giant cell (temporal) arteritis"),
    "Transient global amnesia": ("TGA", "Episode of transient global amnesia", "TGA - typical episode"),
    "BPPV": ("Benign paroxysmal positional vertigo", "Posterior canal BPPV", "Right posterior canal BPPV",
             "BPPV (positional vertigo)"),
    "Vestibular neuronitis": ("Vestibular neuritis", "Acute vestibular neuritis", "Acute peripheral vestibulopathy "
                              "(vestibular neuritis)"),
    "Meniere's disease": ("Menieres disease", "Meniere disease", "Endolymphatic hydrops (Meniere's)"),
    "Small cerebellar infarct": ("Cerebellar stroke", "Posterior circulation infarct (cerebellar)", "POCI - "
                                 "cerebellar infarct", "POCS - small cerebellar infarct"),
    "TIA": ("Transient ischaemic attack", "TIA - symptoms resolved within 24h", "TIA (ABCD2 score 4)",
            "Mini-stroke (TIA)", "Transient ischemic attack"),
    "Left carotid territory TIA - 70% ICA stenosis": ("Symptomatic left ICA stenosis - carotid TIA",
                                                      "Anterior circulation TIA, carotid stenosis"),
    "Vertebrobasilar TIA": ("Posterior circulation TIA", "VB TIA (vertebrobasilar)"),
    "Amaurosis fugax": ("Transient monocular visual loss (amaurosis fugax)", "Amaurosis fugax (retinal TIA)"),
    "Minor ischaemic stroke": ("Minor stroke", "Ischaemic stroke (NIHSS 2)", "Small acute infarct", "Acute "
                               "ischaemic stroke - minor", "Partial anterior circulation infarct (PACI), minor "
                               "stroke", "CVA - minor ischaemic stroke", "Left PACS - minor stroke"),
    "Lacunar infarct": ("LACS (lacunar stroke)", "Lacunar infarct (LACI)", "Small vessel stroke (lacunar "
                        "infarct)", "Pure motor lacunar stroke"),
    "Bell's palsy": ("Bells palsy", "Left Bell's palsy", "Right Bell's palsy", "Lower motor neurone facial "
                     "palsy (Bell's)", "Idiopathic LMN VII palsy (Bell's palsy)", "Bell palsy"),
    "Ramsay Hunt syndrome": ("Herpes zoster oticus (Ramsay Hunt)", "Ramsay-Hunt syndrome"),
    "Optic neuritis": ("Demyelinating optic neuritis", "Acute optic neuritis", "Retrobulbar neuritis (optic "
                       "neuritis)", "Typical optic neuritis"),
    "Guillain-Barre syndrome": ("GBS", "Guillain-Barré syndrome", "AIDP (Guillain-Barre syndrome)",
                                "Guillain Barre syndrome - mild, ambulant"),
    "Myasthenia gravis (AChR positive) - new diagnosis": ("New diagnosis of myasthenia gravis (AChR+)",
                                                          "Seropositive generalised MG, newly diagnosed"),
    "Functional limb weakness": ("FND (functional weakness)", "Functional weakness", "Functional "
                                 "neurological disorder - motor", "Functional hemiparesis (FND)"),
    "Functional gait disorder": ("Functional movement disorder (gait)", "FND - functional gait",
                                 "Functional tremor (FND)"),
    "Viral meningitis": ("Aseptic meningitis", "Lymphocytic (viral) meningitis"),
    "Enteroviral meningitis": ("Enterovirus meningitis", "Meningitis due to enterovirus"),
    "Parkinson's disease - motor fluctuations": ("Idiopathic Parkinson's disease", "Parkinson's disease with "
                                                 "wearing off", "IPD (Parkinson's) - motor fluctuations",
                                                 "Parkinson's disease, on-off fluctuations"),
    "Progressive supranuclear palsy": ("PSP (progressive supranuclear palsy)", "Steele-Richardson-Olszewski "
                                       "syndrome (PSP)"),
    "Dementia with Lewy bodies": ("DLB", "Lewy body dementia", "DLB (dementia with Lewy bodies)"),
    "Trigeminal neuralgia": ("Classical trigeminal neuralgia", "Trigeminal neuralgia, right V2/V3",
                             "Tic douloureux (trigeminal neuralgia)"),
    "Transverse myelitis": ("Acute transverse myelitis", "Idiopathic transverse myelitis"),
    "Cervical myelopathy due to disc prolapse": ("Degenerative cervical myelopathy (disc)", "Cervical "
                                                 "spondylotic myelopathy secondary to disc prolapse"),
    "Lumbar disc prolapse, no cauda equina compression": ("L5/S1 disc herniation - CES excluded",
                                                          "Lumbar disc prolapse; MRI shows no cauda equina "
                                                          "compression"),
    "Persistent postural-perceptual dizziness": ("PPPD (persistent postural-perceptual dizziness)",
                                                "Functional dizziness - PPPD", "Chronic functional dizziness "
                                                "(persistent postural perceptual dizziness)"),
    "Vitamin B12 deficiency neuropathy": ("Peripheral neuropathy secondary to vitamin B12 deficiency",
                                          "Sensory neuropathy - low B12", "Neuropathy due to cobalamin "
                                          "deficiency"),
    "Subacute combined degeneration of the cord": ("SACD (B12 deficiency)", "Subacute combined degeneration of "
                                                   "the spinal cord - vitamin B12 deficiency"),
    "Vertebral artery dissection": ("VAD (vertebral artery dissection)", "Spontaneous vertebral artery "
                                    "dissection", "Cervical artery dissection (vertebral), no stroke"),
    "Small cerebellar infarct due to vertebral artery dissection": ("POCI - cerebellar infarct secondary to "
                                                                    "vertebral artery dissection", "POCS due to "
                                                                    "left vertebral artery dissection",
                                                                    "Vertebral dissection with posterior "
                                                                    "circulation infarct (POCI)"),
    "Cerebral venous sinus thrombosis": ("CVST", "Cerebral venous thrombosis (sinus)", "Dural venous sinus "
                                         "thrombosis", "Sagittal sinus thrombosis"),
    "Sixth nerve palsy (microvascular)": ("VI nerve palsy - presumed microvascular", "Abducens palsy "
                                          "(ischaemic)", "Isolated sixth cranial nerve palsy"),
    "Reversible cerebral vasoconstriction syndrome": ("RCVS (reversible cerebral vasoconstriction syndrome)",
                                                      "Call-Fleming syndrome (RCVS)"),
    "Inclusion body myositis": ("IBM", "sIBM (sporadic inclusion body myositis)"),
    "Cerebral metastases from lung primary": ("Brain metastases - lung primary", "Metastatic lung cancer with "
                                              "cerebral metastases"),
}

# further names of the commonest outcomes, in the forms of final-diagnosis fields and problem lists
MORE: dict[str, tuple[str, ...]] = {
    "Relapse of multiple sclerosis": ("Relapse of RRMS", "MS - acute relapse", "Clinical MS relapse",
                                      "Multiple sclerosis (relapsing-remitting) - relapse", "Acute MS relapse"),
    "Relapsing remitting multiple sclerosis": ("Multiple sclerosis, relapsing-remitting", "MS - RR phenotype",
                                               "Relapsing-remitting multiple sclerosis (RRMS)",
                                               "Multiple sclerosis (RRMS)"),
    "Chronic inflammatory demyelinating polyneuropathy": ("CIDP - typical", "Chronic inflammatory demyelinating "
                                                          "polyradiculoneuropathy (CIDP)"),
    "Idiopathic intracranial hypertension": ("Idiopathic intracranial hypertension (IIH)", "IIH - raised opening "
                                             "pressure", "Intracranial hypertension, idiopathic (IIH)"),
    "First seizure": ("1st seizure", "First fit", "Single seizure", "First presentation with a seizure"),
    "Functional neurological disorder (functional limb weakness)": ("FND - functional weakness", "Functional "
                                                                    "neurological disorder - motor type"),
    "Chronic migraine": ("Chronic migraine (ICHD-3 criteria)", "Migraine, chronic"),
    "TIA": ("Transient ischaemic attack (TIA)", "TIA - symptoms fully resolved", "Transient ischaemic attack"),
    "Carpal tunnel syndrome": ("CTS", "Carpal tunnel syndrome (median nerve entrapment at the wrist)",
                               "Median neuropathy at the wrist (carpal tunnel syndrome)"),
    "Vasovagal syncope": ("Reflex syncope (vasovagal)", "Simple faint", "Vasovagal faint",
                          "Neurally mediated (vasovagal) syncope"),
    "Bell's palsy": ("Idiopathic facial nerve palsy (Bell's)", "Bell's palsy - LMN facial weakness",
                     "LMN VII palsy - Bell's"),
    "Transient global amnesia": ("Transient global amnesia - typical episode", "Episode of transient global "
                                 "amnesia (TGA)"),
    "Focal epilepsy": ("Focal-onset epilepsy", "Epilepsy - focal", "Focal (localisation-related) epilepsy"),
    "Cluster headache": ("Cluster headache (TAC)", "Cluster headache bout", "Trigeminal autonomic cephalalgia - "
                         "cluster headache"),
    "Functional limb weakness": ("Functional weakness (FND)", "FND - limb weakness"),
    "Breakthrough seizure in known epilepsy": ("Breakthrough seizure - known epilepsy", "Epilepsy with "
                                               "breakthrough seizure", "Known epilepsy, breakthrough fit"),
    "Dissociative seizure (known NEAD)": ("Dissociative seizures (NEAD)", "Known non-epileptic attack disorder - "
                                          "dissociative seizure", "Functional/dissociative seizure"),
    "Generalised idiopathic epilepsy": ("Idiopathic generalised epilepsy (IGE)", "Generalised epilepsy - "
                                        "idiopathic"),
}
NAMES.update({key: tuple(dict.fromkeys(NAMES.get(key, ()) + names)) for key, names in MORE.items()})

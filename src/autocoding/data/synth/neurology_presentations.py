"""More ways a neurology letter tells the presentation, the history, the examination and the result of a scenario.

`PRESENTING` adds histories per scenario key; each is compatible with every outcome of that scenario (it is
written before the diagnosis is known, so it names symptoms, a referrer's query, scores such as NIHSS, GCS or
ABCD2, and negated red flags). `RESULTS` adds supporting findings per outcome, keyed like `neurology_diagnosis_
names` by the outcome's first diagnosis line. `EXAMINATION`, `HISTORY` and `BLOODS` add scenario-neutral lines,
many of them negated findings ('no meningism', 'no papilloedema' is avoided: it would contradict IIH) that carry
no code. Nothing here adds or removes a code.
"""

from __future__ import annotations

PRESENTING: dict[str, tuple[str, ...]] = {
    "lp_iih": ("new headaches worse on lying down and bending, whooshing in the ears",
               "optician found swollen discs; headache and blurred vision for {m} months",
               "referred from eye casualty with bilateral disc swelling, ?raised ICP", "headache with TVOs, on the "
               "combined pill, weight gain over the last year"),
    "lp_demyelination": ("tingling in both legs and a band-like sensation around the trunk for {m} weeks",
                         "L hand numbness and clumsiness, Lhermitte's phenomenon on neck flexion",
                         "double vision and unsteadiness last month, MRI brain - multiple T2 lesions ?demyelination"),
    "ivmp": ("known RRMS on ocrelizumab, new right leg weakness and worsening fatigue over {m} days",
             "MS relapse - numbness from the waist down and urinary frequency; infection screen negative",
             "RRMS: subacute ataxia and diplopia, EDSS up from 2.0 to 3.5"),
    "ivig": ("due maintenance immunoglobulin; grip slightly weaker before the dose",
             "elective maintenance IVIg, no new symptoms", "routine IVIg attendance; MRC power stable"),
    "botox": ("regular botulinum toxin clinic, last injections {m} months ago with good effect",
              "repeat BoNT-A, wearing off over the past 2 weeks"),
    "eeg_sleep_deprived": ("two episodes of loss of awareness with lip smacking, ?focal seizures",
                           "jerks in the mornings and one GTC seizure after a party", "funny turns with deja vu"),
    "ncs_emg": ("pins and needles in the thumb and index finger, worse at night, dropping things",
                "feet numb for {m} months, balance worse in the dark", "wasting of the hand muscles with cramps"),
    "fnd": ("right sided weakness for {m} weeks, several ED attendances, CT and MRI normal",
            "intermittent leg weakness and falls; dragging monoplegic gait"),
    "gon_block": ("daily headaches despite preventers, using codeine and triptans most days",
                  "side-locked headache with autonomic features, bout ongoing"),
    "memory_day": ("repeating herself, missed bills, family worried; no delirium", "memory concerns, ACE-III 79 "
                   "in clinic"),
    "first_seizure": ("1st fit? - witnessed collapse with shaking in the supermarket, lateral tongue bite, drowsy after",
                      "woke on the bathroom floor with a sore tongue and aching muscles, no warning",
                      "sudden LOC with jerking witnessed by husband, incontinence, confused afterwards",
                      "T-LOC at home, ?seizure ?syncope, no prodrome, GCS 15 by arrival"),
    "breakthrough_seizure": ("known epilepsy (on Keppra), 2 seizures today, missed tablets while on holiday",
                             "seizure cluster overnight, carer gave Buccolam, known epilepsy",
                             "known epilepsy, fit after a late night", "known epilepsy, fit in the bath"),
    "dissociative_attack": ("prolonged attack with side to side head movements, eyes shut, aware throughout",
                            "known functional seizures, 40 minute event, paramedics gave midazolam"),
    "syncope": ("felt hot and clammy in the queue then collapsed, brief twitching, recovered within a minute",
                "LOC on standing from the toilet at night, no tongue bite, no incontinence",
                "blackout after giving blood; a few jerks seen, fully orientated immediately"),
    "acute_migraine": ("throbbing headache with nausea, vomiting and photophobia for 2 days, known migraineur",
                       "visual aura followed by headache, sensory march up the arm",
                       "headache not responding to sumatriptan, unable to keep fluids down"),
    "headache_acute": ("new headache over 2 weeks, no red flags, neuro exam normal", "postural headache, better "
                       "lying flat", "temporal headache and scalp tenderness in a 72 year old ?GCA, started on "
                       "pred by GP"),
    "thunderclap_lp": ("sudden occipital headache reaching maximum within a minute, CT at the referring hospital normal",
                       "thunderclap headache during sex, CT normal"),
    "tga": ("husband found her confused, asking the same questions repeatedly, knew who she was",
            "anterograde amnesia for 4 hours after a cold swim, no focal signs, no head injury"),
    "vertigo": ("room spinning on rolling over in bed, lasting seconds", "acute vestibular syndrome - continuous "
                "vertigo, nystagmus and vomiting since yesterday", "dizzy and off legs, FAST negative, ?posterior "
                "circulation"),
    "tia": ("FAST positive in the community, resolved by arrival, ABCD2 4", "transient L arm and leg weakness "
            "lasting 10 minutes, NIHSS 0 on arrival", "episode of slurred speech and right facial droop for "
            "15 min, now back to normal", "TIA clinic referral: sudden loss of vision in one eye for 5 minutes",
            "stroke call - L sided weakness, NIHSS 3 improving to 0"),
    "bells_palsy": ("woke with a drooping mouth and unable to close the R eye, taste altered",
                    "left LMN facial weakness with hyperacusis for 1 day, no limb symptoms"),
    "optic_neuritis": ("blurred vision R eye, pain on eye movement, colours washed out, VA 6/36",
                       "L eye visual loss over 3 days with pain, RAPD present"),
    "cord_root": ("back pain with bilateral sciatica and saddle numbness ?CES, PR normal", "neck pain, arm "
                  "paraesthesia and a clumsy hand; no bladder upset"),
    "gbs": ("tingling in hands and feet then leg weakness after a D&V illness, reflexes absent",
            "progressive weakness over 1 week, unable to climb stairs, FVC 3.0L"),
    "myasthenia_acute": ("drooping eyelids and double vision by evening, chewing tires her out",
                         "fatigable ptosis and dysphagia ?myasthenia"),
    "fnd_acute": ("stroke call - L hemiparesis, thrombolysis not given", "acute onset inability "
                  "to walk after a fall at work, no red flags"),
    "meningitis": ("fever, headache, neck stiffness; ceftriaxone and aciclovir started in ED",
                   "headache with photophobia and a temperature of 38.4, no rash, GCS 15"),
    "parkinsons": ("tremor, slowness and falls; referred ?Parkinson's ?medication related",
                   "increasing falls and confusion, on levodopa"),
    "trigeminal": ("lancinating pain in the right jaw triggered by brushing teeth and eating",
                   "severe facial pain paroxysms, not eating or drinking"),
}

RESULTS: dict[str, tuple[str, ...]] = {
    "Idiopathic intracranial hypertension": ("OP {op}cmH2O (raised); CSF cells, protein and glucose normal",
                                             "opening pressure {op}cm CSF, constituents normal"),
    "Relapse of multiple sclerosis": ("urine dip and CRP negative - no infection to account for symptoms",
                                      "EDSS 3.5 at treatment, improving"),
    "Relapsing remitting multiple sclerosis": ("OCBs positive in CSF not serum", "previous MRI meets McDonald "
                                               "criteria (DIS and DIT)"),
    "First seizure": ("ECG sinus rhythm, QTc 420ms; Ca 2.38, glucose 6.1",
                      "prolactin not sent; ECG and neuro exam normal"),
    "Vasovagal syncope": ("lying/standing BP - no postural drop; ECG normal, no pre-excitation or long QT",),
    "TIA": ("ECG SR, no AF on telemetry; LDL 3.4", "symptoms fully resolved; ECG sinus rhythm; HbA1c 41"),
    "Minor ischaemic stroke": ("NIHSS 2 on arrival, 0 at discharge; ECG SR", "small acute infarct in the L MCA "
                                                                             "territory, residual mild dysphasia"),
    "Bell's palsy": ("no vesicles, ears normal; forehead involved (LMN pattern)", "BP normal, glucose normal, "
                     "no other cranial nerve involvement"),
    "Transient global amnesia": ("amnesia resolved within 8 hours, no focal signs",
                                 "ECG normal, bloods normal; memory back to baseline by the next morning"),
    "BPPV": ("R Dix-Hallpike positive - upbeating torsional nystagmus; treated with Epley manoeuvre",),
    "Vestibular neuronitis": ("HINTS: unidirectional horizontal nystagmus, positive head impulse, no skew",),
    "Guillain-Barre syndrome": ("CSF: protein 0.98g/L, WCC 1 (albuminocytological dissociation)",
                                "FVC stable at 3.2L, no bulbar weakness"),
    "Migraine without aura": ("normal neuro exam, no papilloedema; no red flags",),
    "Tension-type headache": ("normal fundi, normal neuro exam, no red flags",),
    "Post-dural puncture headache": ("headache only on sitting up; settled with fluids, caffeine and lying flat",),
    "Functional limb weakness": ("positive Hoover's sign and give-way weakness",
                                 "drift without pronation, normal reflexes and plantars"),
    "Viral meningitis": ("CSF: WCC 240 (90% lymphocytes), protein 0.8, glucose ratio 0.6, Gram stain negative",),
    "Dissociative seizures": ("typical event captured on video: eyes closed, waxing and waning, EEG normal "
                              "throughout",),
    "Myasthenia gravis - exacerbation": ("FVC 2.9L, stable on serial measurement; no bulbar compromise",),
    "Parkinson's disease - motor fluctuations": ("L-dopa timings adjusted; fewer off periods by day 2",),
}

EXAMINATION: tuple[str, ...] = (
    "GCS 15/15. No meningism. Cranial nerves intact. No pronator drift. Reflexes symmetrical, plantars downgoing.",
    "Alert, orientated x3. Speech normal. Fundi: could not visualise (small pupils). Power 5/5 all limbs.",
    "No neck stiffness, Kernig's negative. No rash. Temp 36.8.",
    "Obs: HR 78 reg, BP 134/82, RR 16, sats 98% RA, temp 36.9, CBG 6.2. NEWS2 0.",
    "No cerebellar signs. Gait normal, able to tandem walk. Romberg negative.",
    "Tone normal. Power 5/5. Reflexes ++ and symmetrical. Sensation grossly intact. Coordination normal.",
    "Pupils equal and reactive. No ptosis. No fatigability on sustained upgaze. EOMs full, no nystagmus.",
    "CNs: VA 6/6 bilaterally, fields full to confrontation, no RAPD. Facial sensation and power normal.",
    "Heart sounds I+II+0. Chest clear. Abdo soft. Calves SNT. Neuro as below.",
    "No sensory level. Anal tone not assessed (no sphincter symptoms). Gait steady.",
    "NIHSS 0 on arrival. mRS 0 before admission.",
    "Exam limited by pain; no objective focal deficit found.",
)
HISTORY: tuple[str, ...] = (
    "No preceding trauma. No fever or weight loss.", "No history of head injury. No recent travel.",
    "Lives independently; mRS 0 before admission.", "Referred by the GP with a letter.",
    "History from the patient and their partner; ambulance notes reviewed.",
    "Seen in ED by the medical SHO; neurology opinion requested.",
    "Drives a car - DVLA implications discussed.",
)
BLOODS: tuple[str, ...] = (
    "Hb 138, WCC 7.1, plt 262, CRP 3.", "FBC, LFTs and bone profile normal.",
    "Bloods: no abnormality; CK 112; lactate 0.9.", "ESR 9, CRP <4. Glucose 5.1. HbA1c 37.",
    "Routine bloods unremarkable. Coag normal (INR 1.0).", "K 4.4, eGFR >90, Ca 2.31, Mg 0.86.",
)

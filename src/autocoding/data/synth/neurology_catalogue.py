"""Short-stay neurology scenarios as declarative tables: findings -> codes -> phrases; here the elective ones.

Each scenario is one reason for admission, its OPCS-4 procedures, and weighted outcomes (the final diagnosis the
discharge letter states, with its ICD-10 codes, primary first, a dagger code before its asterisk code). Uncertain
final diagnoses ('likely FND', 'probable demyelination') are coded as if confirmed, as UK coding standards require
for a diagnosis recorded at the end of the episode; a query the episode refuted ('?IIH - opening pressure normal')
is not coded, and the symptom is. The acute (emergency, 0-2 night) scenarios are in `neurology_acute_paroxysmal`
and `neurology_acute_deficit`; `neurology_scenarios.ALL_SCENARIOS` holds every table.

Procedures follow OPCS-4 and one local convention for what is optional: a diagnostic LP is A55.9 (an opening
pressure measured at it is part of the LP, not A55.3); CSF drained to lower the pressure is A54.8; an infusion is
X29.2 plus the high-cost drug band (X96.1 immunoglobulin, X89.1 monoclonal antibody, X85.x neurology drugs) where
the drug is on the high-cost list; an injection around a paired nerve carries its laterality (Z94.1-Z94.3).
Imaging and neurophysiology done during this admission are coded (U05.1 CT head, U05.2 MRI head, U05.5 MRI
spine, U11.1 carotid duplex, U11.4 CT angiogram, U21.4 DaTSCAN, A84.x neurophysiology); imaging done before the
admission (clinic, GP, another hospital) is history and is not coded. `optional` lists these per scenario:
(codes, probability, how the letter names the test and its result).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NeuroOutcome:
    weight: float
    codes: tuple[str, ...]
    diagnosis: tuple[str, ...]        # the letter's diagnosis line
    result: tuple[str, ...]           # the finding / result that supports it
    refuted: tuple[str, ...] = ()     # codes of a query this outcome rules out (a careless coder's pick)


@dataclass(frozen=True, slots=True)
class NeuroScenario:
    key: str
    weight: float
    specialty: str                    # treatment function
    procedures: tuple[str, ...]
    procedure_text: tuple[str, ...]
    presenting: tuple[str, ...]       # the history / reason for admission
    outcomes: tuple[NeuroOutcome, ...]
    plan: tuple[str, ...]
    age: tuple[int, int] = (45, 14)   # mean, sd
    female: float = 0.5
    ordinary: float = 0.05            # share admitted overnight rather than as a day case
    repeat: tuple[float, int, int] = (0.0, 0, 0)
    acute: bool = False               # an emergency admission (via A&E / GP / SDEC) rather than elective
    optional: tuple[tuple[tuple[str, ...], float, tuple[str, ...]], ...] = ()  # tests done in some episodes

    def method(self, rng) -> str:
        """The NHS admission method of a first episode: emergency via A&E, GP or other route; else elective."""
        x = rng.random()
        if self.acute:
            return "21" if x < 0.7 else "22" if x < 0.85 else "28"
        return "11" if x < 0.6 else "12"


O = NeuroOutcome  # noqa: E741 - short alias keeps the outcome tables readable
SCENARIOS: tuple[NeuroScenario, ...] = (
    NeuroScenario(
        "lp_iih", 0.1, "400", ("A55.9",),
        ("Lumbar puncture (opening pressure {op}cmH2O)", "LP with opening pressure measurement", "Diagnostic LP"),
        ("c/o daily headaches for {m} months with transient visual obscurations; papilloedema on optometry review",
         "headaches and pulsatile tinnitus, bilateral papilloedema, MRI/MRV normal", "?IIH - headache, blurred vision"),
        (O(0.6, ("G93.2",), ("Idiopathic intracranial hypertension", "IIH"), ("opening pressure {op}cmH2O, CSF "
                                                                              "constituents normal",)),
         O(0.4, ("R51",), ("Headache - IIH excluded", "Headache, normal opening pressure"),
           ("opening pressure 18cmH2O (normal), CSF normal",), refuted=("G93.2",))),
        ("Weight management referral. Acetazolamide 250mg bd, titrate.", "Ophthalmology review in 4 weeks.",
         "Headache diary. GP to review."), age=(31, 8), female=0.9),
    NeuroScenario(
        "lp_iih_therapeutic", 0.04, "400", ("A54.8",),
        ("Therapeutic LP - {ml}ml CSF removed", "Therapeutic lumbar puncture, CSF drained"),
        ("known IIH with worsening headache despite acetazolamide", "known IIH, recurrent papilloedema"),
        (O(1.0, ("G93.2",), ("Idiopathic intracranial hypertension", "IIH - therapeutic LP"),
           ("opening pressure {op}cmH2O, closing pressure 15",)),),
        ("Continue acetazolamide. Discuss with neurosurgeons re shunt if recurs.",), age=(32, 8), female=0.9,
        repeat=(0.3, 30, 90)),
    NeuroScenario(
        "lp_demyelination", 0.08, "400", ("A55.9",),
        ("Lumbar puncture for CSF analysis (OCBs)", "LP - paired serum and CSF oligoclonal bands", "Diagnostic LP"),
        ("{m} week history of numbness ascending from both feet, MRI shows periventricular lesions",
         "painful visual loss in the left eye {m} months ago, now recovered; MRI with white matter lesions",
         "episode of diplopia and leg weakness, MRI suggestive of demyelination"),
        (O(0.5, ("G35",), ("Relapsing remitting multiple sclerosis", "RRMS", "Multiple sclerosis"),
           ("CSF-specific oligoclonal bands present (type 2 pattern)", "unmatched OCBs in CSF")),
         O(0.3, ("G37.9",), ("Probable demyelination - clinically isolated syndrome", "Likely CNS demyelination"),
           ("OCB results awaited; MRI appearances typical of demyelination",)),
         O(0.2, ("R20.2",), ("Sensory symptoms - MS not confirmed", "Paraesthesia, no evidence of demyelination"),
           ("OCBs negative, CSF normal; MRI lesions non-specific",), refuted=("G35",))),
        ("Follow up in MS clinic with results.", "MS nurse contact details given.", "Repeat MRI in 6 months."),
        age=(36, 10), female=0.7),
    NeuroScenario(
        "lp_sah_exclusion", 0.03, "400", ("A55.9",), ("LP >12 hours after onset (xanthochromia)", "Diagnostic LP"),
        ("sudden severe headache {m} days ago, CT head normal", "thunderclap headache, CT normal, referred for LP"),
        (O(0.85, ("R51",), ("Headache - SAH excluded", "Thunderclap headache, no SAH"),
           ("no xanthochromia, RBC 2", "CSF spectrophotometry negative"), refuted=("I60.9",)),
         O(0.15, ("G44.8",), ("Primary thunderclap headache", "Reversible headache syndrome - likely primary"),
           ("CSF clear, no xanthochromia",))),
        ("Discharged. Return if recurrence.",), age=(44, 12), female=0.6),
    NeuroScenario(
        "ivmp", 0.12, "400", ("X29.2",),
        ("IV methylprednisolone 1g", "IVMP 1g day {d} of 3", "IV methylpred 1g over 1 hour"),
        ("relapse of MS: {m} week history of worsening leg weakness", "MS relapse - new sensory level and bladder "
         "urgency", "known RRMS, relapse with optic neuritis symptoms", "MS relapse affecting gait"),
        (O(0.92, ("G35",), ("Relapse of multiple sclerosis", "MS relapse", "RRMS - relapse"),
           ("urine dip negative before treatment", "no infection screen abnormalities")),
         O(0.06, ("G36.0",), ("Neuromyelitis optica spectrum disorder - relapse", "NMOSD relapse"),
           ("AQP4 antibody positive",)),
         O(0.04, ("H46",), ("Optic neuritis (not MS)", "Isolated optic neuritis"), ("MRI brain otherwise normal",))),
        ("Complete 3 day course. PPI cover. MS nurse follow up.", "Check BMs. Review in MS clinic."),
        age=(40, 10), female=0.72, ordinary=0.35, repeat=(0.4, 1, 3)),
    NeuroScenario(
        "mab_infusion", 0.08, "400", ("X29.2", "X89.1"),
        ("Ocrelizumab infusion 600mg", "Natalizumab infusion 300mg", "Ocrelizumab 300mg (first dose)"),
        ("RRMS on disease modifying therapy, attending for infusion", "highly active RRMS - scheduled DMT infusion"),
        (O(1.0, ("G35",), ("Relapsing remitting multiple sclerosis", "RRMS", "MS"),
           ("pre-infusion bloods satisfactory", "JCV index reviewed")),),
        ("Next infusion as scheduled.", "Bloods before next dose."), age=(38, 9), female=0.7, repeat=(0.6, 28, 180)),
    NeuroScenario(
        "ivig", 0.12, "400", ("X29.2", "X96.1"),
        ("IVIg {g}g/kg", "intravenous immunoglobulin maintenance infusion", "IVIg (Privigen) {dose}g"),
        ("maintenance IVIg", "attending for IVIg, stable since last course", "IVIg - grip strength declining before "
                                                                             "dose"),
        (O(0.55, ("G61.8",), ("Chronic inflammatory demyelinating polyneuropathy", "CIDP"),
           ("grip strength 28kg R / 26kg L, INCAT stable",)),
         O(0.25, ("G61.8",), ("Multifocal motor neuropathy", "MMN with conduction block"), ("MRC grades stable",)),
         O(0.16, ("G70.0",), ("Myasthenia gravis", "Generalised myasthenia gravis (AChR positive)"),
           ("no bulbar symptoms, FVC 3.1L",)),
         O(0.03, ("M33.2",), ("Polymyositis", "Inflammatory myositis (polymyositis)"), ("CK 820, improving",)),
         O(0.01, ("G73.1",), ("Lambert-Eaton myasthenic syndrome", "LEMS"), ("VGCC antibodies positive",))),
        ("Next IVIg in 4 weeks.", "Continue current regime. Review in clinic."), age=(58, 12), female=0.4,
        repeat=(0.85, 21, 42)),
    NeuroScenario(
        "botox", 0.14, "400", ("X37.5", "X85.1"),
        ("Botulinum toxin injections", "Botox (Dysport {u} units)", "BoNT-A injection, {u} units"),
        ("attends for regular botulinum toxin", "review and repeat botulinum toxin injections", "botox clinic"),
        (O(0.35, ("G24.3",), ("Cervical dystonia", "Spasmodic torticollis"), ("good response to last cycle",)),
         O(0.12, ("G24.5",), ("Blepharospasm",), ("benefit lasting 10 weeks",)),
         O(0.1, ("G51.3",), ("Hemifacial spasm",), ("left hemifacial spasm, good effect",)),
         O(0.28, ("G43.3",), ("Chronic migraine", "Chronic migraine (PREEMPT protocol)"),
           ("headache days reduced from 22 to 9 per month",)),
         O(0.05, ("G24.8",), ("Writer's cramp (focal hand dystonia)", "Focal hand dystonia"),
           ("able to write for longer",)),
         O(0.03, ("G80.0",), ("Spastic cerebral palsy", "Spastic quadriplegic CP"), ("reduced adductor tone",)),
         O(0.15, ("G81.1", "I69.3"), ("Post-stroke spasticity (spastic hemiplegia)", "Spastic hemiparesis after "
                                                                                     "stroke"),
           ("MAS 2 at elbow flexors",))),
        ("Repeat in 12 weeks.", "Next injection in 3 months."), age=(55, 13), female=0.65, repeat=(0.35, 84, 100)),
    NeuroScenario(
        "eeg_sleep_deprived", 0.08, "401", ("A84.1",),
        ("Sleep deprived EEG", "EEG (sleep deprived)", "Routine EEG with photic stimulation"),
        ("episodes of loss of awareness ?seizures", "two generalised convulsions, first seizure clinic",
         "blank spells, collateral history from partner"),
        (O(0.35, ("G40.3",), ("Generalised idiopathic epilepsy", "Juvenile myoclonic epilepsy"),
           ("generalised 3-4Hz spike-wave discharges",)),
         O(0.25, ("G40.2",), ("Focal epilepsy", "Focal epilepsy with impaired awareness seizures"),
           ("left temporal sharp waves",)),
         O(0.25, ("R56.8",), ("Seizure-like episodes - epilepsy not confirmed", "Possible seizures, EEG normal"),
           ("normal EEG",), refuted=("G40.9",)),
         O(0.15, ("R55",), ("Likely syncope", "Vasovagal syncope"), ("no epileptiform activity",),
           refuted=("G40.9",))),
        ("DVLA advice given.", "Clinic review with results.", "Start lamotrigine, titrate."), age=(32, 14),
        ordinary=0.0),
    NeuroScenario(
        "video_telemetry", 0.04, "401", ("U22.1",),
        ("Video EEG telemetry", "VEEG monitoring, 48 hours", "Inpatient video telemetry"),
        ("frequent attacks ?epileptic ?non-epileptic", "drug resistant seizures, characterisation"),
        (O(0.45, ("F44.5",), ("Dissociative seizures", "Functional (dissociative) seizures"),
           ("typical events captured without EEG change",)),
         O(0.4, ("G40.2",), ("Focal epilepsy", "Temporal lobe epilepsy"), ("right temporal seizure onset captured",)),
         O(0.15, ("F44.5", "G40.2"), ("Dissociative seizures and focal epilepsy (dual diagnosis)",),
           ("both event types captured",))),
        ("Neuropsychiatry referral.", "Epilepsy nurse follow up."), age=(34, 12), female=0.65, ordinary=1.0),
    NeuroScenario(
        "ncs_emg", 0.06, "401", ("A84.3", "A84.2"),
        ("Nerve conduction studies and EMG", "NCS/EMG", "NCS and needle EMG"),
        ("numbness and tingling in the hands at night", "progressive weakness and fasciculations",
         "numb feet, diabetic"),
        (O(0.45, ("G56.0",), ("Carpal tunnel syndrome", "Bilateral CTS, moderate"), ("prolonged median DML",)),
         O(0.25, ("E11.4", "G63.2"), ("Diabetic peripheral neuropathy", "Length dependent sensorimotor "
                                                                     "polyneuropathy (diabetic)"),
           ("absent sural SNAPs",)),
         O(0.2, ("G62.9",), ("Axonal polyneuropathy", "Sensorimotor polyneuropathy"), ("reduced SNAP amplitudes",)),
         O(0.07, ("G12.2",), ("Motor neurone disease", "ALS"), ("widespread active denervation",)),
         O(0.06, ("G56.2",), ("Ulnar neuropathy at the elbow", "Left ulnar neuropathy"),
           ("slowing across the elbow",)),
         O(0.03, ("G60.0",), ("Hereditary motor and sensory neuropathy (CMT1)", "Charcot-Marie-Tooth disease"),
           ("uniform slowing, conduction velocity 20m/s",)),
         O(0.04, ("G62.1",), ("Alcoholic polyneuropathy",), ("length-dependent axonal neuropathy",)),
         O(0.04, ("G57.3",), ("Common peroneal nerve palsy at the fibular head",), ("conduction block at the "
                                                                                   "fibular head",)),
         O(0.04, ("G54.2",), ("C7 radiculopathy", "Cervical root lesion (C7)"), ("denervation in C7 myotome",))),
        ("Results to referrer.", "Hand surgery referral."), age=(58, 13), ordinary=0.0),
    NeuroScenario(
        "fnd", 0.06, "400", (),
        ("", "", ""),
        ("sudden onset left sided weakness, MRI brain and spine normal", "leg weakness and collapses, positive Hoover's "
         "sign", "tremor and weakness after a viral illness"),
        (O(0.7, ("F44.4",), ("Functional neurological disorder (functional limb weakness)", "Likely FND - motor",
                             "FND"), ("positive Hoover's sign, MRI normal",)),
         O(0.3, ("F44.6",), ("Functional sensory disorder", "FND - sensory symptoms"), ("inconsistent sensory loss",))),
        ("Physiotherapy for FND.", "neurosymptoms.org given.", "Psychology referral."), age=(36, 12), female=0.72,
        ordinary=0.7),
    NeuroScenario(
        "gon_block", 0.05, "400", ("A73.5", "Z94.1"),
        ("Bilateral greater occipital nerve blocks (lidocaine + methylprednisolone)", "Bilateral GON injections",
         "GONB both sides"),
        ("refractory headache", "cluster bout not settling on verapamil", "daily headache with analgesic overuse"),
        (O(0.4, ("G44.0",), ("Cluster headache",), ("good response last bout",)),
         O(0.35, ("G43.3",), ("Chronic migraine",), ("15+ headache days a month",)),
         O(0.25, ("G44.4", "G43.0"), ("Medication overuse headache on migraine without aura",),
           ("codeine 20 days a month",))),
        ("Review in headache clinic.", "Withdraw analgesics."), age=(42, 12), female=0.6, repeat=(0.2, 60, 120)),
    NeuroScenario(
        "lp_dementia", 0.03, "400", ("A55.9",), ("LP for CSF Alzheimer biomarkers", "Diagnostic LP (amyloid/tau)"),
        ("progressive memory decline over {m} years", "cognitive impairment, MoCA 19/30"),
        (O(0.6, ("G30.1", "F00.1"), ("Alzheimer's disease (late onset)", "Dementia due to Alzheimer's disease"),
           ("CSF: low amyloid-beta 42, raised p-tau - Alzheimer profile",)),
         O(0.4, ("F06.7",), ("Mild cognitive impairment", "MCI - biomarkers not supportive of AD"),
           ("CSF biomarkers normal",), refuted=("G30.1",))),
        ("Memory clinic follow up.", "Discuss cholinesterase inhibitor."), age=(71, 7), female=0.55),
    NeuroScenario(
        "nph_tap", 0.015, "400", ("A54.8",), ("High volume LP (tap test), 35ml removed", "CSF tap test"),
        ("gait apraxia, urinary urgency and cognitive slowing, ventriculomegaly on CT",),
        (O(0.7, ("G91.2",), ("Normal pressure hydrocephalus", "NPH - positive tap test"),
           ("timed walk improved 24s -> 15s after tap",)),
         O(0.3, ("R26.8",), ("Gait disorder - tap test negative", "Gait disturbance, NPH not supported"),
           ("no change in timed walk",), refuted=("G91.2",))),
        ("Neurosurgical referral for shunt.", "Physiotherapy."), age=(76, 6), female=0.45),
)

# (ICD-10 code, probability, mentions): coded comorbidities in the past medical history.
COMORBIDITIES = (("I10", 0.16, ("hypertension", "HTN", "essential hypertension")),
                 ("E11.9", 0.09, ("type 2 diabetes", "T2DM (diet controlled)", "type 2 diabetes on metformin")),
                 ("J45.9", 0.08, ("asthma", "asthma - inhalers only")),
                 ("F32.9", 0.08, ("depression", "low mood on sertraline")),
                 ("F41.1", 0.05, ("generalised anxiety disorder", "GAD")), ("E03.9", 0.06, ("hypothyroidism",)),
                 ("E66.9", 0.08, ("obesity (BMI 36)", "raised BMI (38)")), ("G47.3", 0.03, ("OSA on CPAP",)),
                 ("I48.9", 0.03, ("AF", "paroxysmal AF")), ("E78.0", 0.06, ("hypercholesterolaemia",)))
# Mentions that are NOT coded (resolved past history, family history, negated), with the code they tempt.
UNCODED = (("past history of depression, resolved", "F32.9"), ("childhood asthma, nil since", "J45.9"),
           ("family history of epilepsy (brother)", "G40.9"), ("no history of diabetes", "E11.9"),
           ("mother had MS", "G35"), ("no previous seizures", "G40.9"), ("previous DVT 2012", "I80.2"),
           ("appendicectomy", ""), ("fractured wrist 2019", ""), ("no known drug allergies", ""),
           ("cholecystectomy", ""), ("glasses wearer", ""), ("tonsillectomy", ""))

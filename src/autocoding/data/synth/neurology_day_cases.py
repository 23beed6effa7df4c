"""More elective neurology day cases: memory assessment, sleep studies, rituximab, nerve root and neuropathy work-up,
muscle biopsy, eptinezumab infusions for migraine.

Coding rules held here: dementia in Alzheimer's disease is G30.x then F00.x (dagger, asterisk), frontotemporal
dementia G31.0 F02.0, Lewy body dementia G31.8 F02.8, vascular dementia F01.x, dementia not yet typed F03, mild
cognitive impairment F06.7; a normal assessment codes the complaint (R41.8), not the dementia it excluded. A sleep
study is U33.1 polysomnography; narcolepsy G47.4, REM sleep behaviour disorder G47.8, sleep apnoea G47.3. A
rituximab infusion is X29.2 with X89.1 (monoclonal antibodies band 1); intrathecal nusinersen A54.2 with X85.6;
plasma exchange of 2-9 cycles X32.3. A needle muscle biopsy is T81.1 (percutaneous biopsy of muscle) with the
muscle as a site code and its laterality (Z57.3 quadriceps, Z94.2 right; by judgement the site code follows the
chapter T convention for a named muscle); inclusion body and other inflammatory myopathy NEC G72.4, polymyositis
M33.2, adult dermatomyositis M33.1, statin myopathy G72.0 then Y52.6 (antihyperlipidaemic drugs), muscular
dystrophy G71.0; a normal biopsy codes the raised CK R74.8 and not the myositis it excluded. An eptinezumab
(anti-CGRP monoclonal antibody) infusion is X29.2 with X89.1 (monoclonal antibodies band 1): by judgement, the
band this table uses for the other monoclonal antibodies (this OPCS-4 release predates the drug); chronic migraine
G43.3, medication overuse headache G44.4 first with the migraine after it, as in `neurology_acute_known_conditions`.
"""

from __future__ import annotations

from .neurology_catalogue import NeuroOutcome as O
from .neurology_catalogue import NeuroScenario
from .neurology_tests import optional

DAY_CASES: tuple[NeuroScenario, ...] = (
    NeuroScenario(
        "nusinersen", 0.01, "400", ("A54.2", "X85.6"), ("Intrathecal nusinersen 12mg", "Nusinersen loading dose"),
        ("adult SMA type 3 on intrathecal treatment",),
        (O(1.0, ("G12.1",), ("Spinal muscular atrophy type 3", "SMA type III"), ("HFMSE stable",)),),
        ("Next dose in 4 months.",), age=(30, 10), repeat=(0.5, 100, 130)),
    NeuroScenario(
        "status_migrainosus", 0.015, "400", ("X29.2",), ("IV dihydroergotamine", "IV DHE protocol"),
        ("migraine lasting over 72 hours despite triptans",),
        (O(1.0, ("G43.2",), ("Status migrainosus", "Prolonged migraine attack (status migrainosus)"),
           ("neurological examination normal",)),),
        ("Start preventive (candesartan).",), age=(38, 10), female=0.8, ordinary=0.6),
    NeuroScenario(
        "plex", 0.01, "400", ("X32.3",), ("Plasma exchange (5 cycles)", "PLEX"),
        ("myasthenic exacerbation, bulbar weakness", "refractory CIDP"),
        (O(0.6, ("G70.0",), ("Myasthenia gravis - exacerbation",), ("FVC stable",)),
         O(0.4, ("G61.8",), ("CIDP",), ("improving grip strength",))),
        ("Continue pyridostigmine.",), age=(60, 12), ordinary=1.0),
    NeuroScenario(
        "memory_day", 0.04, "400", (), ("",),
        ("progressive memory loss over {m} months, family concerned", "word-finding difficulty and getting lost "
         "driving", "personality change and disinhibition", "forgetful, MMSE 24/30 at GP"),
        (O(0.22, ("G30.1", "F00.1"), ("Alzheimer's disease (late onset)", "Dementia - Alzheimer's type"),
           ("ACE-III 68/100, medial temporal atrophy",)),
         O(0.05, ("G30.0", "F00.0"), ("Early onset Alzheimer's disease",), ("ACE-III 71/100",)),
         O(0.15, ("F01.9",), ("Vascular dementia",), ("extensive small vessel disease",)),
         O(0.12, ("F03",), ("Dementia - subtype to be determined", "Dementia"), ("ACE-III 70",)),
         O(0.16, ("F06.7",), ("Mild cognitive impairment", "MCI"), ("ACE-III 85, mild memory deficit",)),
         O(0.06, ("G31.0", "F02.0"), ("Behavioural variant frontotemporal dementia",), ("frontal atrophy",)),
         O(0.06, ("G31.8", "F02.8"), ("Dementia with Lewy bodies",), ("visual hallucinations, RBD",)),
         O(0.18, ("R41.8",), ("Subjective memory complaints - no dementia", "Cognitive symptoms, normal "
                                                                            "assessment"),
           ("ACE-III 96/100",), refuted=("F03",))),
        ("Memory clinic follow up.", "Donepezil 5mg started.", "Driving: inform the DVLA."), age=(72, 9),
        ordinary=0.0, optional=optional(("mri", 0.5), ("memory", 0.4))),
    NeuroScenario(
        "sleep_study", 0.03, "401", ("U33.1",), ("Overnight polysomnography", "PSG with MSLT", "Inpatient sleep "
                                                                                              "study"),
        ("excessive daytime sleepiness, falls asleep driving", "acting out dreams, injured partner",
         "sleep attacks and cataplexy"),
        (O(0.3, ("G47.4",), ("Narcolepsy with cataplexy", "Narcolepsy type 1"), ("MSLT mean latency 3 min, 3 "
                                                                                 "SOREMPs",)),
         O(0.25, ("G47.8",), ("REM sleep behaviour disorder",), ("REM sleep without atonia",)),
         O(0.2, ("G47.3",), ("Obstructive sleep apnoea",), ("AHI 34",)),
         O(0.1, ("G47.1",), ("Idiopathic hypersomnia",), ("long sleep time, MSLT 7 min",)),
         O(0.15, ("R40.0",), ("Daytime sleepiness - narcolepsy excluded",), ("normal study",),
           refuted=("G47.4",))),
        ("Sleep clinic follow up.", "Modafinil started.", "DVLA informed."), age=(42, 15), ordinary=1.0),
    NeuroScenario(
        "rituximab", 0.03, "400", ("X29.2", "X89.1"), ("Rituximab 1g infusion", "Rituximab infusion (1g, dose 2 "
                                                                                 "of 2)"),
        ("attends for rituximab", "scheduled B-cell depletion therapy"),
        (O(0.4, ("G36.0",), ("NMOSD (AQP4 positive)", "Neuromyelitis optica"), ("CD19 count undetectable",)),
         O(0.25, ("G70.0",), ("Refractory myasthenia gravis (MuSK)",), ("stable",)),
         O(0.2, ("G61.8",), ("CIDP (IgG4 nodopathy)",), ("improving",)),
         O(0.15, ("G37.8",), ("MOG antibody associated disease",), ("no relapse",))),
        ("Next dose in 6 months.", "CD19 monitoring."), age=(48, 13), female=0.65, repeat=(0.5, 14, 180)),
    NeuroScenario(
        "muscle_biopsy", 0.012, "400", ("T81.1", "Z57.3", "Z94.2"),
        ("Needle biopsy of the right quadriceps (vastus lateralis)", "Right vastus lateralis needle muscle biopsy "
         "under local anaesthetic", "Percutaneous muscle biopsy - right quadriceps"),
        ("proximal weakness over {m} months, CK 2400", "difficulty climbing stairs and rising from a chair, raised "
         "CK, on atorvastatin", "slowly progressive weakness of finger flexors and quadriceps, ?inclusion body "
         "myositis", "persistently raised CK and myalgia, EMG myopathic"),
        (O(0.25, ("G72.4",), ("Inclusion body myositis", "Sporadic inclusion body myositis (IBM)"),
           ("rimmed vacuoles and endomysial inflammation on biopsy",)),
         O(0.15, ("M33.2",), ("Polymyositis", "Inflammatory myositis (polymyositis)"),
           ("endomysial CD8 T-cell infiltrate",)),
         O(0.1, ("M33.1",), ("Dermatomyositis", "Adult dermatomyositis"), ("perifascicular atrophy, Gottron's "
                                                                           "papules",)),
         O(0.2, ("G72.0", "Y52.6"), ("Statin-associated necrotising myopathy", "Statin induced myopathy"),
           ("necrotic fibres with little inflammation, anti-HMGCR positive",)),
         O(0.12, ("G71.0",), ("Limb girdle muscular dystrophy", "Muscular dystrophy (limb girdle)"),
           ("dystrophic changes on biopsy",)),
         O(0.18, ("R74.8",), ("Raised CK - muscle biopsy normal, myositis excluded", "Hyperckaemia, normal "
                                                                                    "biopsy"),
           ("normal muscle histology",), refuted=("G72.4",))),
        ("Neuromuscular clinic with the histology.", "Wound care: keep dry for 48 hours; steri-strips.",
         "Statin stopped; CK in 4 weeks.", "Myositis clinic to discuss immunosuppression."), age=(60, 13),
        ordinary=0.0, optional=optional(("emg", 0.2),)),
    NeuroScenario(
        "eptinezumab", 0.015, "400", ("X29.2", "X89.1"),
        ("Eptinezumab 100mg IV infusion", "Eptinezumab (Vyepti) 100mg over 30 minutes", "Anti-CGRP infusion - "
         "eptinezumab 300mg"),
        ("attends the headache day unit for 12-weekly eptinezumab", "chronic migraine, failed three preventives "
         "and botulinum toxin; eptinezumab infusion", "scheduled anti-CGRP monoclonal antibody infusion for "
         "migraine"),
        (O(0.7, ("G43.3",), ("Chronic migraine on eptinezumab", "Chronic migraine - anti-CGRP infusion"),
           ("headache days down from 20 to 8 a month", "MIDAS improved by 40%")),
         O(0.2, ("G43.0",), ("High-frequency episodic migraine without aura",), ("migraine days 10 a month",)),
         O(0.1, ("G44.4", "G43.3"), ("Medication overuse headache with chronic migraine - starting eptinezumab",),
           ("triptan days 16 a month, withdrawal advised",))),
        ("Next infusion in 12 weeks.", "Headache diary; review in the headache clinic.", "Continue to limit "
         "acute medication to 2 days a week."), age=(42, 11), female=0.8, repeat=(0.5, 84, 100)),
)

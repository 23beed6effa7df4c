"""Acute short-stay neurology, known conditions flaring: an MS relapse admitted through ED or the MS hot clinic for
steroids, idiopathic intracranial hypertension sent in by an optician with swollen discs, and medication overuse
headache admitted for withdrawal.

Coding rules held here (ICD-10 5th Edition, National Clinical Coding Standards):
- MS in relapse is G35 (no separate code for the relapse); IV methylprednisolone in the stay is X29.2
  (`neurology_tests`), oral steroids carry no procedure code;
- IIH is G93.2; swollen discs that turn out to be optic disc drusen (pseudopapilloedema) are H47.3 (other
  disorders of the optic disc) and the IIH query is not coded; a diagnostic LP with opening pressure is A55.9;
- medication overuse headache is G44.4 (drug-induced headache NEC), first, with the primary headache it arose
  from after it (G43.3 chronic migraine, G44.2 tension-type headache).
"""

from __future__ import annotations

from .neurology_catalogue import NeuroOutcome as O
from .neurology_catalogue import NeuroScenario
from .neurology_tests import optional

ACUTE_KNOWN: tuple[NeuroScenario, ...] = (
    NeuroScenario(
        "ms_relapse_acute", 0.025, "400", (), ("",),
        ("known RRMS, new numbness of both legs and a band around the waist for 10 days",
         "MS hot clinic: relapse with ataxia and falls, urine dip negative", "known MS, worsening right leg "
         "weakness over a week, unable to manage stairs", "known RRMS off DMT, new diplopia and vertigo"),
        (O(1.0, ("G35",), ("MS relapse", "Relapse of relapsing remitting multiple sclerosis", "Acute MS "
                                                                                           "relapse (sensory)",
                           "RRMS - clinical relapse"),
           ("no evidence of infection (CRP <5, urine clear), so steroids given", "EDSS 4.0 from 2.5"),
           refuted=("G36.0",)),),
        ("Oral methylprednisolone 500mg for 5 days with PPI cover.", "MS nurse to review in 2 weeks; DMT "
         "discussion in clinic.", "Physiotherapy referral."), age=(38, 10), female=0.72, ordinary=0.6, acute=True,
        optional=optional(("ivmp", 0.4), ("mri", 0.3))),
    NeuroScenario(
        "iih_acute", 0.015, "400", ("A55.9",), ("Lumbar puncture with opening pressure", "LP (opening pressure "
                                                                                         "{op}cmH2O)"),
        ("referred by optician with bilateral swollen discs, headache for {m} weeks", "headaches, transient "
         "visual obscurations and pulsatile tinnitus, papilloedema on fundoscopy in ED"),
        (O(0.65, ("G93.2",), ("Idiopathic intracranial hypertension", "IIH with papilloedema", "IIH - new "
                                                                                              "diagnosis"),
           ("opening pressure {op}cmH2O, CSF normal",)),
         O(0.2, ("H47.3",), ("Optic disc drusen - pseudopapilloedema, IIH excluded", "Pseudopapilloedema "
                                                                                     "(disc drusen)"),
           ("opening pressure 19cmH2O; drusen on OCT", "normal opening pressure, buried drusen"),
           refuted=("G93.2",)),
         O(0.15, ("R51",), ("Headache - IIH excluded", "Headache, normal opening pressure"),
           ("opening pressure 17cmH2O, CSF normal",), refuted=("G93.2",))),
        ("Acetazolamide started; weight management referral; neuro-ophthalmology in 2 weeks.", "Ophthalmology to "
         "follow up the discs.", "Headache advice; GP review."), age=(30, 8), female=0.88, ordinary=0.7,
        acute=True, optional=optional(("ct", 0.6), ("mri", 0.3))),
    NeuroScenario(
        "moh_withdrawal", 0.01, "400", (), ("",),
        ("daily headache for months, taking co-codamol and triptans most days, admitted for withdrawal",
         "chronic daily headache with analgesic overuse, rebound headaches, failed outpatient withdrawal"),
        (O(0.6, ("G44.4", "G43.3"), ("Medication overuse headache on a background of chronic migraine",
                                     "MOH with chronic migraine"),
           ("headache days 28/month, analgesic days 25/month",)),
         O(0.4, ("G44.4", "G43.0"), ("Medication overuse headache and migraine without aura",
                                     "Analgesic overuse headache (MOH), migraine without aura"),
           ("codeine 20 days a month",))),
        ("Analgesics stopped; amitriptyline started.", "Headache nurse follow up in 6 weeks.", "Headache diary; "
         "no opioids."), age=(42, 12), female=0.75, ordinary=0.8, acute=True, optional=optional(("infusion", 0.3),)),
)

"""Acute short-stay neurology, peripheral nerves: compression palsies (radial nerve 'Saturday night' palsy, common
peroneal palsy at the fibular head), meralgia paraesthetica and neuralgic amyotrophy, each sent in as a query
stroke or cauda equina and discharged within 0-2 nights.

Coding rules held here (ICD-10 5th Edition, National Clinical Coding Standards): a named mononeuropathy is coded by
nerve (G56.3 radial, G57.3 lateral popliteal / common peroneal, G57.1 meralgia paraesthetica); neuralgic
amyotrophy (Parsonage-Turner) G54.5; the excluded stroke or cauda equina is not coded. Nerve conduction studies
in the stay are A84.3 (`neurology_tests`), imaging by the convention of `neurology_catalogue`.
"""

from __future__ import annotations

from .neurology_catalogue import NeuroOutcome as O
from .neurology_catalogue import NeuroScenario
from .neurology_tests import optional

ACUTE_NERVES: tuple[NeuroScenario, ...] = (
    NeuroScenario(
        "nerve_palsy", 0.02, "400", (), ("",),
        ("woke with a wrist drop after falling asleep with the arm over a chair, ?stroke",
         "foot drop noticed this morning after sitting cross-legged for hours, ?cauda equina",
         "burning numbness over the outer thigh for {m} weeks, worse walking",
         "severe shoulder pain for a week, now weakness lifting the arm", "sudden weakness of one hand, stroke call"),
        (O(0.3, ("G56.3",), ("Radial nerve palsy (Saturday night palsy)", "Right radial neuropathy at the spiral "
                                                                           "groove", "Compressive radial nerve "
                                                                                     "palsy"),
           ("weak wrist and finger extensors, brachioradialis weak, triceps spared",), refuted=("I63.9",)),
         O(0.3, ("G57.3",), ("Common peroneal nerve palsy", "Left common peroneal neuropathy at the fibular head",
                             "Compressive peroneal palsy (foot drop)"),
           ("weak ankle dorsiflexion and eversion, inversion and reflexes preserved",), refuted=("G83.4",)),
         O(0.2, ("G57.1",), ("Meralgia paraesthetica", "Lateral cutaneous nerve of thigh entrapment (meralgia "
                                                        "paraesthetica)"),
           ("sensory loss confined to the lateral thigh, power and reflexes normal",)),
         O(0.2, ("G54.5",), ("Neuralgic amyotrophy", "Parsonage-Turner syndrome (neuralgic amyotrophy)",
                             "Brachial neuritis (neuralgic amyotrophy)"),
           ("patchy weakness of serratus anterior and deltoid after severe pain",))),
        ("Wrist splint and hand therapy; expect recovery over weeks.", "Ankle-foot orthosis; physiotherapy; avoid "
         "crossing legs.", "Neuromuscular clinic with NCS in 6 weeks.", "Analgesia and physiotherapy."),
        age=(50, 16), ordinary=0.5, acute=True, optional=optional(("ct", 0.2), ("ncs", 0.2), ("mri_spine", 0.15))),
)

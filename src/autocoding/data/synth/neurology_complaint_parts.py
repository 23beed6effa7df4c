"""The parts a neurology presenting complaint is built from, per scenario key: the symptom, its onset, its course,
associated symptoms, relevant negatives (written without 'no') and examination findings on arrival.

Every part is compatible with every outcome of its scenario (the complaint is written before the diagnosis is
known): no part names a diagnosis, a test result or a finding that only some outcomes have. Where the symptom
itself differs between outcomes (a TIA of the eye against one of the arm), `BY_OUTCOME` gives the symptoms by the
outcome's first code and they replace the scenario's own. Nothing here carries a code.
"""

from __future__ import annotations

PARTS: dict[str, dict[str, tuple[str, ...]]] = {
    "first_seizure": {
        "symptom": ("a witnessed collapse with generalised shaking", "a blackout with jerking of all four limbs",
                    "an episode of loss of consciousness with stiffening then shaking", "a collapse with jerking"),
        "onset": ("without warning", "out of the blue", "while standing in a shop", "at home in the evening"),
        "course": ("lasting about a minute", "lasting 1-2 minutes by the witness's account",
                   "over within two minutes", "brief, self-terminating"),
        "associated": ("drowsiness afterwards", "a sore tongue", "aching muscles the next day",
                       "urinary incontinence", "feeling muddled for a while after"),
        "negative": ("head injury", "previous similar events reported", "fever", "chest pain"),
        "exam": ("GCS 15 on arrival", "no focal neurology", "obs stable", "CBG 5.8"),
    },
    "breakthrough_seizure": {
        "symptom": ("a further seizure", "two seizures today", "a cluster of seizures overnight",
                    "a seizure at home"),
        "onset": ("in the early hours", "this morning", "while at home", "without clear warning"),
        "course": ("self-terminating", "settled before the ambulance arrived", "recovering over an hour"),
        "associated": ("post-ictal drowsiness", "a bitten tongue", "incontinence during the event"),
        "negative": ("head injury", "chest pain", "new headache"),
        "exam": ("GCS 15 by review", "drowsy but rousable, improving", "obs within normal limits"),
    },
    "syncope": {
        "symptom": ("a transient loss of consciousness", "a collapse with brief loss of consciousness",
                    "a blackout", "a faint"),
        "onset": ("on standing", "after standing for a long time", "in a warm room", "shortly after getting up"),
        "course": ("lasting seconds", "with rapid recovery", "back to normal within a minute"),
        "associated": ("feeling hot and light-headed beforehand", "a few jerks witnessed", "pallor noted by a "
                       "bystander", "nausea beforehand"),
        "negative": ("tongue biting", "prolonged confusion afterwards", "chest pain", "palpitations"),
        "exam": ("GCS 15", "heart sounds normal", "no focal neurology"),
    },
    "acute_migraine": {
        "symptom": ("a severe headache", "a throbbing headache", "a headache with nausea and photophobia",
                    "a bad headache"),
        "onset": ("building up over hours", "gradual in onset", "starting yesterday", "coming on over the morning"),
        "course": ("persisting despite simple analgesia", "ongoing at the time of assessment",
                   "not settling with the usual treatment"),
        "associated": ("nausea", "vomiting", "photophobia", "phonophobia"),
        "negative": ("thunderclap onset", "fever", "head injury", "rash"),
        "exam": ("GCS 15", "no meningism", "afebrile", "neurologically grossly intact"),
    },
    "tga": {
        "symptom": ("repetitive questioning and inability to lay down new memories",
                    "an episode of confusion with repeated questions", "an acute memory disturbance"),
        "onset": ("of abrupt onset", "noticed suddenly by the family"),
        "course": ("lasting several hours", "improving by the time of assessment"),
        "associated": ("mild headache",),
        "negative": ("head injury", "limb weakness", "speech disturbance", "loss of personal identity"),
        "exam": ("no focal signs", "GCS 15 with impaired recall"),
    },
    "vertigo": {
        "symptom": ("vertigo", "dizziness with a spinning sensation", "room-spinning dizziness",
                    "a sense of the room moving"),
        "onset": ("of acute onset", "starting yesterday", "starting this morning"),
        "course": ("worse with head movement", "ongoing on arrival", "making it hard to walk"),
        "associated": ("nausea", "vomiting", "unsteadiness"),
        "negative": ("headache", "limb weakness", "slurred speech"),
        "exam": ("GCS 15", "limb power normal", "obs stable"),
    },
    "bells_palsy": {
        "symptom": ("facial weakness", "a facial droop", "drooping of one side of the face"),
        "onset": ("noticed on waking", "over a few hours", "since yesterday"),
        "course": ("not improving", "static since onset"),
        "associated": ("difficulty closing the eye", "drooling from the corner of the mouth", "altered taste"),
        "negative": ("limb weakness", "speech disturbance", "headache"),
        "exam": ("forehead involved", "limbs normal", "GCS 15"),
    },
    "optic_neuritis": {
        "symptom": ("blurred vision in one eye", "painful loss of vision in one eye", "visual blurring"),
        "onset": ("over a few days", "progressive over 3-5 days"),
        "course": ("getting worse", "persisting at assessment"),
        "associated": ("pain on eye movement", "colours looking washed out"),
        "negative": ("headache", "limb weakness"),
        "exam": ("reduced acuity in the affected eye", "RAPD", "other cranial nerves normal"),
    },
    "meningitis": {
        "symptom": ("headache", "a severe generalised headache", "headache and feeling unwell"),
        "onset": ("over 1-2 days", "since yesterday", "worsening over the day"),
        "course": ("ongoing", "not settling with paracetamol"),
        "associated": ("photophobia", "nausea", "neck discomfort"),
        "negative": ("rash", "head injury", "focal weakness", "seizures"),
        "exam": ("GCS 15", "no rash", "no focal deficit"),
    },
    "fnd_acute": {
        "symptom": ("weakness of one side", "inability to walk", "limb weakness", "difficulty using one leg"),
        "onset": ("of sudden onset", "coming on over minutes", "this morning"),
        "course": ("persisting on arrival", "fluctuating since onset"),
        "associated": ("numbness of the affected side", "fatigue"),
        "negative": ("headache", "loss of consciousness", "sphincter disturbance"),
        "exam": ("GCS 15", "cranial nerves normal", "reflexes symmetrical"),
    },
    "iih_acute": {
        "symptom": ("headache", "a daily headache", "a pressure-type headache"),
        "onset": ("over several weeks", "gradually worsening over a month"),
        "course": ("worse on lying down", "worse in the mornings"),
        "associated": ("blurred vision", "pulsatile tinnitus", "nausea"),
        "negative": ("fever", "focal weakness", "thunderclap onset"),
        "exam": ("GCS 15", "limbs normal", "eye movements full"),
    },
    "thunderclap_lp": {
        "symptom": ("a sudden severe headache", "a thunderclap headache", "an explosive headache"),
        "onset": ("reaching maximum intensity within a minute", "peaking within seconds"),
        "course": ("easing over the following hours", "improving but still present"),
        "associated": ("nausea", "neck discomfort"),
        "negative": ("loss of consciousness", "focal weakness", "seizure"),
        "exam": ("GCS 15", "no focal neurology", "no meningism"),
    },
    "headache_acute": {
        "symptom": ("a new headache", "headache", "a persistent headache", "a headache unlike the usual"),
        "onset": ("over the last few days", "gradual in onset", "coming on over days"),
        "course": ("persisting despite analgesia", "ongoing at assessment", "not settling at home"),
        "associated": ("poor sleep", "nausea"),
        "negative": ("thunderclap onset", "focal weakness", "seizures", "rash"),
        "exam": ("GCS 15", "no focal neurology", "afebrile"),
    },
    "ms_relapse_acute": {
        "symptom": ("new neurological symptoms", "worsening leg weakness", "new numbness and weakness"),
        "onset": ("over several days", "subacute over a week", "coming on over 3-4 days"),
        "course": ("persisting beyond 24 hours", "gradually worsening", "still present on admission"),
        "associated": ("fatigue", "urinary urgency", "unsteadiness"),
        "negative": ("fever", "urinary symptoms of infection", "head injury"),
        "exam": ("GCS 15", "mobilising with one stick", "no sensory level to pinprick"),
    },
    "pppd": {
        "symptom": ("persistent dizziness", "a constant sense of unsteadiness", "non-spinning dizziness"),
        "onset": ("for several months", "for a long time"),
        "course": ("worse in busy places", "worse on standing and moving", "fluctuating day to day"),
        "associated": ("anxiety about falling", "fatigue"),
        "negative": ("limb weakness", "slurred speech", "hearing loss", "falls with injury"),
        "exam": ("GCS 15", "limb power normal", "obs stable"),
    },
    "dissociative_attack": {
        "symptom": ("a prolonged attack", "a further habitual attack", "a long episode of shaking"),
        "onset": ("at home", "in a public place", "this afternoon"),
        "course": ("lasting over 20 minutes", "waxing and waning", "stopping and starting"),
        "associated": ("distress afterwards", "crying after the event"),
        "negative": ("injury", "incontinence", "tongue biting"),
        "exam": ("GCS 15 on arrival", "obs normal", "no focal signs"),
    },
    "myasthenia_acute": {
        "symptom": ("drooping eyelids", "ptosis", "droopy eyelids"),
        "onset": ("over several weeks", "worse over the last week", "progressive over days"),
        "course": ("worse as the day goes on", "worse in the evenings", "fluctuating"),
        "associated": ("tiredness", "difficulty reading"),
        "negative": ("headache", "pupil involvement", "limb numbness"),
        "exam": ("GCS 15", "pupils equal and reactive", "FVC measured at the bedside"),
    },
    "moh_withdrawal": {
        "symptom": ("daily headache", "a headache on most days", "near-constant headache"),
        "onset": ("for months", "over the last year", "for several months"),
        "course": ("not responding to regular painkillers", "worse when painkillers wear off"),
        "associated": ("nausea", "poor sleep", "low mood"),
        "negative": ("thunderclap onset", "focal weakness", "fever"),
        "exam": ("GCS 15", "no focal neurology", "fundi normal"),
    },
    "eeg_sleep_deprived": {
        "symptom": ("episodes of altered awareness", "funny turns", "blank spells", "episodes of collapse"),
        "onset": ("over the last few months", "since last year", "recently"),
        "course": ("recurring every few weeks", "occasional", "becoming more frequent"),
        "associated": ("tiredness afterwards", "uncertain memory of the episodes"),
        "negative": ("head injury", "chest pain"),
        "exam": ("neurological examination normal", "BP normal"),
    },
    "memory_day": {
        "symptom": ("memory problems", "forgetfulness", "difficulty remembering recent events"),
        "onset": ("gradual over a year", "noticed by the family over months", "over the last 2 years"),
        "course": ("worrying the family", "ongoing", "noticed more recently"),
        "associated": ("word-finding difficulty", "misplacing things", "repeating questions"),
        "negative": ("delirium", "head injury", "acute confusion"),
        "exam": ("alert", "no focal neurology"),
    },
    "gbs": {
        "symptom": ("tingling in the hands and feet", "leg weakness", "difficulty walking"),
        "onset": ("over several days", "progressing over a week"),
        "course": ("gradually worsening", "spreading up the legs"),
        "associated": ("back pain", "numbness in the feet"),
        "negative": ("sphincter disturbance", "breathing difficulty", "headache"),
        "exam": ("GCS 15", "cranial nerves grossly intact", "FVC measured at the bedside"),
    },
}

_TIA_MOTOR = ("transient weakness of the arm and face", "transient slurred speech and facial droop",
              "an episode of one-sided weakness", "transient word-finding difficulty")
BY_OUTCOME: dict[str, dict[str, tuple[str, ...]]] = {
    "tia": {"G45.9": _TIA_MOTOR, "G45.1": _TIA_MOTOR, "I63.9": _TIA_MOTOR, "I63.4": _TIA_MOTOR,
            "I63.8": _TIA_MOTOR, "G81.9": ("increased weakness of the previously affected side",),
            "F44.4": ("sudden one-sided weakness",),
            "G45.0": ("transient vertigo with double vision and unsteadiness", "an episode of diplopia and ataxia"),
            "G45.3": ("transient painless loss of vision in one eye", "monocular visual loss like a curtain"),
            "G43.1": ("spreading tingling and visual disturbance", "a spreading sensory disturbance"),
            "R20.2": ("transient tingling down one side", "an episode of pins and needles in one arm")},
}
TIA_PARTS = {"onset": ("of sudden onset", "starting abruptly", "while at rest", "this morning"),
             "course": ("lasting minutes", "improving by the time the ambulance arrived", "lasting under an hour"),
             "associated": ("anxiety", "mild headache afterwards"),
             "negative": ("loss of consciousness", "seizure activity", "head injury"),
             "exam": ("GCS 15", "BP 158/86", "CBG 6.4", "heart sounds normal")}
PARTS["tia"] = {"symptom": (), **TIA_PARTS}


def parts(key: str, code: str) -> dict[str, tuple[str, ...]] | None:
    """The parts for a scenario and an outcome's first code, or None where none are written."""
    found = PARTS.get(key)
    if found is None:
        return None
    symptoms = BY_OUTCOME.get(key, {}).get(code)
    if symptoms:
        return {**found, "symptom": symptoms}
    return found if found["symptom"] else None

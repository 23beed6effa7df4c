"""Surface forms of neurology terms: UK abbreviations, eponyms, brand names, spelling variants and common misspellings
that a neurology letter may use for the same thing, and the hedged and excluding forms of a diagnosis.

`vary` rewrites a finished letter: each known term is replaced now and then by another way of writing it, at a
density drawn per letter (some authors abbreviate everything, some nothing). Every alternative means the same as
the term it replaces, so no code changes; where a code's evidence is a word (TIA, epilepsy, Parkinson, MRI, CT,
LP, IVIg, stroke...), every alternative keeps that word, so a reader (and the tests) still find it. Only one
regular expression pass is made per letter, driven by the letter's `random.Random`, so the same seed still gives
the same text and a letter costs microseconds more.

The hedged, excluding and confirmed forms of a diagnosis are in `neurology_hedges`.
"""

from __future__ import annotations

import random
import re

from .neurology_clinical_terms import TERMS
from .neurology_hedges import CONFIRMED, EXCLUDED, HEDGES  # noqa: F401 - the hedged forms live beside the terms
from .text import pick

# term (matched case-insensitively, whole words) -> other ways of writing it; the term itself stays a choice
VARIANTS: dict[str, tuple[str, ...]] = {
    # diagnoses: abbreviations, eponyms, spellings
    "transient ischaemic attack": ("TIA", "transient ischemic attack", "TIA (transient ischaemic attack)"),
    "multiple sclerosis": ("MS", "multiple sclerosis (MS)"),
    "relapsing remitting multiple sclerosis": ("RRMS", "relapsing-remitting MS", "RR MS"),
    "idiopathic intracranial hypertension": ("IIH", "idiopathic intracranial HTN", "benign intracranial "
                                              "hypertension (IIH)"),
    "functional neurological disorder": ("FND", "functional neurological symptom disorder",
                                         "functional neurological disorder (FND)"),
    "non-epileptic attack": ("NEAD (non-epileptic attack)", "non-epileptic attack (NEAD)",
                             "psychogenic non-epileptic seizure (PNES)"),
    "guillain-barre syndrome": ("Guillain-Barré syndrome", "Guillain Barre syndrome", "GBS (Guillain-Barre)",
                                "Guillain-Barre"),
    "parkinson's disease": ("Parkinson's", "Parkinsons disease", "Parkinson disease", "IPD (idiopathic "
                                                                                      "Parkinson's)"),
    "motor neurone disease": ("MND", "motor neuron disease", "MND/ALS"),
    "myasthenia gravis": ("MG", "myasthenia"),
    "carpal tunnel syndrome": ("CTS", "carpal tunnel"),
    "subarachnoid haemorrhage": ("SAH", "subarachnoid hemorrhage", "subarachnoid bleed"),
    "benign paroxysmal positional vertigo": ("BPPV", "benign positional vertigo"),
    "transient global amnesia": ("TGA", "transient global amnesia (TGA)"),
    "trigeminal neuralgia": ("trigeminal neuralgia (TN)", "trigeminal neuralgia (tic douloureux)"),
    "chronic inflammatory demyelinating polyneuropathy": ("CIDP", "chronic inflammatory demyelinating "
                                                          "polyradiculoneuropathy"),
    "medication overuse headache": ("MOH", "analgesic overuse headache", "medication-overuse headache"),
    "giant cell arteritis": ("GCA", "temporal arteritis"),
    "status epilepticus": ("status", "status epilepticus (SE)"),
    "persistent postural-perceptual dizziness": ("PPPD", "persistent postural perceptual dizziness (PPPD)"),
    "cerebral venous sinus thrombosis": ("CVST", "CVT", "venous sinus thrombosis"),
    "subacute combined degeneration": ("SACD", "SCDC", "subacute combined degeneration (SACD)"),
    "vasovagal syncope": ("simple faint", "reflex (vasovagal) syncope", "vasovagal syncope (faint)"),
    "post-dural puncture headache": ("PDPH (post-dural puncture headache)", "post-dural puncture headache (PDPH)",
                                     "post-LP headache"),
    "obstructive sleep apnoea": ("OSA", "obstructive sleep apnea", "OSAHS"),
    "spinal muscular atrophy": ("SMA",),
    "neuromyelitis optica": ("NMO", "Devic's disease (NMO)"),
    "bell's palsy": ("Bells palsy", "Bell palsy", "Bell's palsy (idiopathic CN VII palsy)"),
    "paraesthesia": ("paresthesia", "parasthesia", "pins and needles", "paraesthesiae"),
    "diplopia": ("double vision", "diplopia"),
    "photophobia": ("light sensitivity", "photophobia"),
    "dysarthria": ("slurred speech", "dysarthria"),
    "dysphasia": ("word-finding difficulty", "aphasia", "dysphasia"),
    "haemorrhage": ("hemorrhage", "bleed"),
    "hyponatraemia": ("hyponatremia", "low sodium (hyponatraemia)"),
    "papilloedema": ("papilledema", "swollen optic discs (papilloedema)", "papilloedema"),
    "loss of consciousness": ("LOC", "loss of consciousness", "T-LOC"),
    "generalised tonic-clonic seizure": ("GTCS", "GTC seizure", "generalized tonic-clonic seizure", "tonic-clonic "
                                                                                                   "seizure"),
    "tonic-clonic": ("tonic clonic", "TC"),
    "seizures": ("seizures", "fits", "events", "attacks"),
    # investigations and procedures (keep MRI, CT, LP, EEG, IVIg in every form)
    "lumbar puncture": ("LP", "lumbar puncture (LP)", "LP (lumbar puncture)", "spinal tap (LP)"),
    "ct head": ("CT brain", "CT head", "CTH", "CT head (non-contrast)", "CT head (NCCT)", "unenhanced CT head",
                "CT brain (plain)"),
    "mri brain": ("MRI head", "MRI brain", "MRI (brain)", "MRI B", "MRI brain (MR)"),
    "mri head": ("MRI brain", "MRI head", "MRI of the brain", "MRI head scan"),
    "cerebrospinal fluid": ("CSF",),
    "oligoclonal bands": ("OCBs", "OCB", "oligoclonal IgG bands"),
    "nerve conduction studies": ("NCS", "nerve conduction studies", "nerve conduction tests", "nerve conductions",
                                 "NCS (nerve conduction studies)"),
    "electrocardiogram": ("ECG",),
    "ecg": ("ECG", "12-lead ECG"),
    "intravenous": ("IV", "i.v."),
    "ivig": ("IVIg", "IVIG", "IV immunoglobulin"),
    "intravenous immunoglobulin": ("IVIg", "IVIG"),
    "iv methylprednisolone": ("IVMP", "IV methylpred", "i.v. methylprednisolone"),
    "plasma exchange": ("PLEX", "plasmapheresis", "plasma exchange (PLEX)"),
    "botulinum toxin": ("BoNT", "botulinum toxin A", "botox"),
    "greater occipital nerve": ("GON", "greater occipital nerve (GON)"),
    "dix-hallpike": ("Hallpike", "Dix Hallpike", "Dix-Hallpike"),
    "epley manoeuvre": ("Epley", "Epley maneuver", "Epley manoeuvre"),
    "epley": ("Epley", "Epley manoeuvre"),
    "electromyography": ("EMG",),
    "polysomnography": ("PSG", "polysomnography (PSG)"),
    "blood pressure": ("BP",),
    "heart rate": ("HR",),
    "full blood count": ("FBC",),
    "u&e": ("U+E", "U&Es", "renal function"),
    "crp": ("CRP", "C-reactive protein"),
    # drugs: brands and abbreviations (no code rests on the brand)
    "levetiracetam": ("Keppra", "levetiracetam (Keppra)", "LEV"),
    "sodium valproate": ("Epilim", "valproate", "Epilim Chrono"),
    "lamotrigine": ("Lamictal", "LTG"),
    "carbamazepine": ("Tegretol", "CBZ"),
    "co-careldopa": ("Sinemet", "co-careldopa (Sinemet)", "levodopa/carbidopa"),
    "pyridostigmine": ("Mestinon",),
    "acetazolamide": ("Diamox",),
    "methylprednisolone": ("methylpred", "MP"),
    "prednisolone": ("pred", "prednisolone"),
    "clopidogrel": ("Plavix", "clopidogrel"),
    "atorvastatin": ("Lipitor", "atorvastatin"),
    "sumatriptan": ("Imigran", "sumatriptan"),
    "buccal midazolam": ("Buccolam", "buccal midazolam (Buccolam)"),
    "antiseizure medication": ("ASM", "AED", "anti-epileptic drug", "antiseizure medicine"),
    "aeds": ("ASMs", "AEDs", "anti-seizure medications"),
    # the rest of a letter
    "neurology": ("neurology", "neuro"),
    "neurological": ("neuro", "neurological"),
    "examination": ("exam", "examination"),
    "follow up": ("f/u", "FU", "follow-up", "follow up"),
    "discharged": ("d/c", "discharged home", "discharged"),
    "patient": ("pt", "patient"),
    "history": ("hx", "history"),
    "no focal neurology": ("no focal neurological deficit", "NFND", "no focal neuro deficit", "no FND (focal)"),
    "no focal neurological deficit": ("no focal neurology", "no focal deficit", "non-focal neuro exam"),
    "left sided": ("L sided", "left-sided", "Lt sided"),
    "right sided": ("R sided", "right-sided", "Rt sided"),
    "left arm": ("L arm", "Lt arm", "left upper limb"),
    "right arm": ("R arm", "Rt arm", "right upper limb"),
    "left leg": ("L leg", "Lt leg", "left lower limb"),
    "right leg": ("R leg", "Rt leg", "right lower limb"),
    "left eye": ("L eye", "LE", "left eye"),
    "right eye": ("R eye", "RE", "right eye"),
    "headache": ("headache", "h/a", "HA"),
    "headaches": ("headaches", "HAs"),
    "weeks": ("wks", "weeks", "wk"),
    "months": ("mths", "months", "mo"),
    "hours": ("hrs", "hours", "h"),
    "without": ("without", "w/o"),
    "normal": ("normal", "unremarkable", "nml", "normal"),
    "unremarkable": ("normal", "NAD", "unremarkable"),
    "general practitioner": ("GP",),
    "stable": ("stable", "settled"),
    "bilateral": ("bilateral", "B/L", "bilat"),
    "secondary to": ("secondary to", "2\u00b0 to", "due to"),
    "consistent with": ("c/w", "in keeping with", "consistent with"),
    "in keeping with": ("IKW", "c/w", "in keeping with"),
    "no evidence of": ("no evidence of", "nil evidence of", "no sign of"),
}


VARIANTS.update(TERMS)


def _trie(words) -> str:
    """A regular expression for any of `words` built as a trie (one branch per shared prefix), so that a failed
    match costs a character or two instead of a try of every term: the pass over a letter stays cheap."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return render(root)


# a term must not sit inside a longer word; matched on the lower-cased letter (case-blind matching is 3x slower)
_PATTERN = re.compile(r"(?<![\w'-])(?:" + _trie(VARIANTS) + r")(?![\w'-])")
_GUARDED = ("normal pressure", "normal saline")
_DURATION = re.compile(r"\b(\d+) (days|weeks|months)\b", re.I)
_FRACTION = {"days": "/7", "weeks": "/52", "months": "/12"}
_DENSITIES = (0.0, 0.0, 0.15, 0.3, 0.3, 0.5, 0.7)


def vary(rng: random.Random, text: str) -> str:
    """The letter with some of its terms written another way (density drawn per letter; none for some)."""
    density = pick(rng, _DENSITIES)
    if not density:
        return text
    lowered = text.lower()
    pieces, last = [], 0
    for match in _PATTERN.finditer(lowered):
        if rng.random() >= density:
            continue
        start, end = match.span()
        if lowered.startswith(_GUARDED, start):
            continue
        word = text[start:end]
        out = pick(rng, VARIANTS[match.group(0)])
        if word[0].isupper() and out[0].islower():
            out = out[0].upper() + out[1:]
        pieces += (text[last:start], out)
        last = end
    if pieces:
        pieces.append(text[last:])
        text = "".join(pieces)
    if density >= 0.5:  # '6 weeks' as '6/52': how UK notes write durations
        text = _DURATION.sub(lambda m: m.group(1) + _FRACTION[m.group(2).lower()] if rng.random() < density
                             else m.group(0), text)
    return text

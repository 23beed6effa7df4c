"""Medication changes on a neurology discharge: what was started, changed or stopped, and the TTO table that lists
them beside the medicines the patient came in on.

A change follows the final diagnosis (keyed by the outcome's first ICD-10 code or its category: an antiplatelet and
a statin after a TIA or stroke, a preventer after migraine, an antiseizure medicine after epilepsy, steroids after
Bell's palsy). Nothing given intravenously is listed (an infusion in the stay is an OPCS-4 procedure). A medicine
names no new condition: every one here treats the episode's own diagnosis, so none adds a code. Tables are rendered in a few EPR layouts (pipes, fixed columns, a list with a
status word), the columns in orders of their own.
"""

from __future__ import annotations

import random

from .text import pick

_ANTIPLATELET = (("Clopidogrel", "75mg", "oral", "once daily", "NEW"), ("Aspirin", "300mg", "oral", "once daily "
                 "for 2 weeks then stop", "NEW"), ("Atorvastatin", "80mg", "oral", "at night", "NEW"))
_STROKE = (("Aspirin", "300mg", "oral", "once daily for 14 days", "NEW"), ("Clopidogrel", "75mg", "oral",
           "once daily from day 15", "NEW"), ("Atorvastatin", "80mg", "oral", "at night", "NEW"))
_MIGRAINE = (("Propranolol", "40mg", "oral", "twice daily", "NEW"), ("Amitriptyline", "10mg", "oral", "at night, "
             "increase by 10mg weekly", "NEW"), ("Candesartan", "8mg", "oral", "once daily", "NEW"),
             ("Sumatriptan", "50mg", "oral", "as required, max 2 in 24h", "CHANGED"),
             ("Metoclopramide", "10mg", "oral", "up to three times a day when needed", "NEW"))
_EPILEPSY = (("Levetiracetam", "500mg", "oral", "twice daily", "CHANGED"), ("Lamotrigine", "25mg", "oral",
             "once daily, titrate per chart", "NEW"), ("Buccal midazolam", "10mg", "buccal",
             "for seizures over 5 minutes", "NEW"))
# primary ICD-10 code (or its category) -> (medicine, dose, route, frequency, status) alternatives
CHANGES: dict[str, tuple[tuple[str, str, str, str, str], ...]] = {
    "G45.9": _ANTIPLATELET, "G45.1": _ANTIPLATELET, "G45.0": _ANTIPLATELET, "G45.3": _ANTIPLATELET,
    "I63.9": _STROKE, "I63.8": _STROKE, "I63.4": (("Apixaban", "5mg", "oral", "twice daily", "NEW"),
                                                  ("Atorvastatin", "80mg", "oral", "at night", "NEW")),
    "G43": _MIGRAINE,
    "G44.0": (("Verapamil", "80mg", "oral", "three times daily", "NEW"), ("Prednisolone", "60mg", "oral",
              "once daily, reducing over 10 days", "NEW"), ("Oxygen", "100% 12-15L/min", "inhaled", "15 minutes "
              "per attack", "NEW")),
    "G44.4": (("Codeine phosphate", "30mg", "oral", "-", "STOPPED"), ("Co-codamol", "30/500", "oral", "-",
                                                                      "STOPPED")),
    "G44.2": (("Amitriptyline", "10mg", "oral", "at night", "NEW"),),
    "G40": _EPILEPSY, "G41": (("Levetiracetam", "1g", "oral", "twice daily", "CHANGED"),
                              ("Buccal midazolam", "10mg", "buccal", "as per rescue plan", "NEW")),
    "G51.0": (("Prednisolone", "60mg", "oral", "once daily for 5 days then reduce", "NEW"), ("Hypromellose 0.3% "
              "eye drops", "1 drop", "topical (eye)", "hourly while awake", "NEW"), ("Lacri-Lube eye ointment",
                                                                                     "-", "topical (eye)",
                                                                                     "at night", "NEW")),
    "G93.2": (("Acetazolamide", "250mg", "oral", "twice daily, titrate", "NEW"), ("Topiramate", "25mg", "oral",
              "once daily", "NEW")),
    "G70": (("Pyridostigmine", "60mg", "oral", "four times daily", "CHANGED"), ("Prednisolone", "10mg", "oral",
            "alternate days, increase by 10mg weekly", "NEW")),
    "G20": (("Co-careldopa", "25/100", "oral", "four times daily (times changed)", "CHANGED"),
            ("Domperidone", "10mg", "oral", "three times daily", "NEW")),
    "G50.0": (("Carbamazepine", "100mg", "oral", "twice daily, increase slowly", "NEW"), ("Oxcarbazepine",
              "150mg", "oral", "twice daily", "NEW")),
    "H81.0": (("Betahistine", "16mg", "oral", "three times daily", "NEW"),),
    "H81.2": (("Prochlorperazine", "5mg", "oral", "three times daily for 3 days", "NEW"),),
    "F10.3": (("Chlordiazepoxide", "reducing", "oral", "as per regime (completed)", "STOPPED"), ("Thiamine",
              "100mg", "oral", "three times daily", "NEW")),
}
_LAYOUTS = ("pipes", "columns", "list", "epma")


def changes(rng: random.Random, primary: str) -> list[tuple[str, str, str, str, str]]:
    """Zero to two medicine changes for a primary diagnosis (none when its category has none listed)."""
    options = CHANGES.get(primary) or CHANGES.get(primary[:3], ())
    if not options:
        return []
    n = min(len(options), 1 + int(rng.random() * 2))
    start = int(rng.random() * len(options))
    return [options[(start + i) % len(options)] for i in range(n)]


def table(rng: random.Random, drugs: list[str], changed: list[tuple[str, str, str, str, str]]) -> str:
    """The TTO: the regular medicines (continued) and the changes, in one EPR's table layout."""
    rows = [(name, "", "", "", "CONTINUED") for name in drugs] + changed
    if not rows:
        return pick(rng, ("No medicines on discharge.", "TTO: nil", "Discharge medicines: none"))
    layout = pick(rng, _LAYOUTS)
    if layout == "pipes":
        head = "| Medicine | Dose | Route | Frequency | Status |"
        return "\n".join([head, "|---|---|---|---|---|"] + [f"| {a} | {b} | {c} | {d} | {e} |" for a, b, c, d, e
                                                               in rows])
    if layout == "columns":
        head = f"{'DRUG':<34}{'DOSE':<10}{'ROUTE':<8}{'FREQ':<28}STATUS"
        return "\n".join([head] + [f"{a[:33]:<34}{b:<10}{c[:7]:<8}{d[:27]:<28}{e}" for a, b, c, d, e in rows])
    if layout == "list":
        return "\n".join(f"{e.title()}: {' '.join(s for s in (a, b, c, d) if s and s != '-')}" for a, b, c, d, e
                         in rows)
    return "\n".join(f"{i + 1}. {a} {b} {d} [{c or 'as before'}] - {e.lower()}".replace("  ", " ")
                     for i, (a, b, c, d, e) in enumerate(rows))


def sentence(rng: random.Random, changed: list[tuple[str, str, str, str, str]]) -> str:
    """The changes as a prose line of a letter ('Started: ...; stopped: ...'), or 'No changes'."""
    if not changed:
        return pick(rng, ("No changes to regular medication.", "Medication unchanged.", "No new medicines."))
    verbs = {"NEW": "started", "CHANGED": "changed to", "STOPPED": "stopped", "CONTINUED": "continued",
             }
    return "; ".join(f"{a} {verbs[e]}" + (f" {b} {d}" if b not in ("", "-") and e != "STOPPED" else "")
                     for a, b, c, d, e in changed).capitalize() + "."

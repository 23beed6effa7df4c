"""The history line of a neurology letter, composed: who gave the history, how the patient came in or was listed,
the writer's voice (first person, third person, terse notes, SBAR), for an acute or an elective stay.

Every part is clinically neutral: it names no symptom, finding, test or condition, so it fits every scenario and
outcome and adds or removes no code. The scenario's own presentation (`presenting`) carries the clinical story.
"""

from __future__ import annotations

from .text import pick

_INFORMANTS = ("partner", "wife", "husband", "daughter", "son", "mother", "flatmate", "a work colleague",
               "a friend", "the care home staff", "a neighbour")
_WHEN = ("at 02:10", "at 07:45", "mid-morning", "in the early hours", "at 16:30", "in the evening", "at 22:15",
         "at lunchtime")
_ARRIVAL = ("Brought in by ambulance {when}.", "Self-presented to ED {when}.", "Referred to SDEC by the GP.",
            "999 call by {who} {when}; conveyed to ED.", "GP referral to the medical take.",
            "Arrived by ambulance {when}, pre-alert from the crew.", "Walked in to ED {when} with {who}.",
            "Referred via NHS 111 {when}.", "Transferred from the urgent treatment centre {when}.")
_LISTED = ("Listed from clinic for this attendance.", "Arrived on the unit {when} with {who}.",
           "Pre-assessment completed in clinic; consent confirmed on the day.", "Attended with {who}.",
           "Booked via the day unit waiting list.", "Consented in clinic, consent reconfirmed on arrival.",
           "Admitted electively {when}.", "Came up from the day unit lounge {when}.")
_SOURCE = ("History from the patient and {who}.", "Collateral history from {who} by telephone.",
           "Hx from pt + {who}.", "Patient a reliable historian; {who} present.", "History corroborated by {who}.",
           "Seen with {who} present, who added to the history.", "History taken with {who} at the bedside.",
           "Hx via {who} (patient's account consistent).", "I took the history with {who} present.",
           "I saw {them} on the post-take round with {who}.", "{They} gave a clear account; {who} agrees.")
_SBAR = ("S: {setting}. B: see PMH/DH. A: as below. R: as per plan.", "SBAR - S: {setting}; B: background as "
         "listed; A: see impression; R: see plan.", "Situation: {setting}. Background: as listed below.")
_SETTING = {True: ("acute neurology admission", "admitted via ED", "medical take, neurology in-reach",
                   "acute stroke unit admission"),
            False: ("elective neurology day case", "planned day-unit attendance", "elective admission",
                    "day case, neurology")}


def history(rng, acute: bool, female: bool) -> str:
    """A composed history line for an acute or elective stay; `female` picks the pronoun."""
    who = pick(rng, _INFORMANTS)
    when = pick(rng, _WHEN)
    them, they = ("her", "She") if female else ("him", "He")
    draw = rng.random()
    if draw < 0.15:
        setting = pick(rng, _SETTING[acute])
        return pick(rng, _SBAR).format(setting=setting)
    first = _ARRIVAL if acute else _LISTED
    parts = [pick(rng, first)]
    if draw < 0.7:
        parts.append(pick(rng, _SOURCE))
    return " ".join(parts).format(who=who, when=when, them=them, They=they)


def history_line(rng, acute: bool, female: bool, values: dict, fixed: tuple[str, ...]) -> str:
    """Half the time a composed line (`history`), else one of the `fixed` lines filled from `values`."""
    if rng.random() < 0.5:
        return history(rng, acute, female)
    return pick(rng, fixed).format(**values)

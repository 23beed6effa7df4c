"""More ways a letter names a scenario's own procedure, composed from names and qualifiers, and the sentences that
tell it was done ('She underwent a lumbar puncture on the day unit', 'IVIg 2g/kg given without reaction').

`FORMS` is keyed by scenario key; every form is a noun phrase that means exactly what the scenario's
`procedure_text` means, so the OPCS-4 codes stay those of the scenario: a diagnostic LP stays diagnostic (an
opening pressure measured at it is part of A55.9), a therapeutic LP or tap test always says CSF was drained or
removed (A54.8), an injection of paired nerves keeps 'bilateral'/'both sides' (Z94.1), the muscle biopsy keeps
'right' (Z94.2) and 'needle', an infusion keeps its drug (the drug band X89.1 / X96.1 / X85.x rests on it). Each
keeps the evidence word a reader looks for (LP/lumbar, EEG, NCS/EMG, IVIg/immunoglobulin, methylpred...).
"""

from __future__ import annotations

from itertools import product

_LP = ("LP", "lumbar puncture", "diagnostic LP", "diagnostic lumbar puncture", "LP (left lateral position)",
       "LP at L3/4", "lumbar puncture (atraumatic needle)", "LP under aseptic technique")
_THERAPEUTIC = ("therapeutic LP", "therapeutic lumbar puncture", "large volume LP", "LP for CSF drainage",
                "therapeutic lumbar puncture (L3/4)")


def _join(names, qualifiers) -> tuple[str, ...]:
    return tuple(f"{n} {q}".strip() for n, q in product(names, qualifiers))


FORMS: dict[str, tuple[str, ...]] = {
    "lp_iih": _join(_LP, ("with opening pressure {op}cmH2O", "with manometry", "(OP {op} cmH2O)",
                          "with measurement of opening pressure", "- OP {op}cm CSF", "+ OP", "with OP")),
    "iih_acute": _join(_LP, ("with opening pressure", "(OP {op}cmH2O)", "with manometry", "+ opening pressure",
                             "- opening pressure {op}")),
    "lp_iih_therapeutic": _join(_THERAPEUTIC, ("- {ml}ml CSF removed", "({ml}ml drained)", "with drainage of {ml}ml "
                                               "CSF", "- CSF drained to a closing pressure of 15", ", {ml}ml CSF off")),
    "nph_tap": _join(("CSF tap test", "LP tap test", "high volume LP", "large volume lumbar puncture",
                      "therapeutic LP (tap test)"), ("- 35ml CSF removed", "(40ml CSF drained)", "with removal of "
                                                     "30ml CSF", "- 35ml off, gait assessed before and after")),
    "lp_demyelination": _join(_LP, ("for OCBs", "for CSF oligoclonal bands", "- CSF and paired serum OCBs",
                                    "(CSF cells, protein, OCBs)", "for CSF analysis", "")),
    "lp_sah_exclusion": _join(_LP, ("for xanthochromia", "(>12h post ictus) for xanthochromia", "for CSF "
                                    "spectrophotometry", "- CSF bilirubin/oxyhaemoglobin", "to exclude SAH")),
    "thunderclap_lp": _join(_LP, ("for xanthochromia", "(>12 hours from onset)", "for CSF spectrophotometry",
                                  "- xanthochromia screen", "to exclude SAH")),
    "lp_dementia": _join(_LP, ("for CSF Alzheimer biomarkers", "for amyloid/tau", "(CSF AB42, total tau, p-tau)",
                               "for dementia biomarkers", "- CSF neurodegenerative markers")),
    "gbs": _join(_LP, ("(CSF protein)", "for CSF protein and cells", "- CSF protein, cells, glucose", "")),
    "meningitis": _join(_LP, ("(cells, protein, glucose, PCR)", "for CSF MC&S and viral PCR", "- CSF to micro "
                              "and virology", "with paired serum glucose", "")),
    "ivmp": _join(("IV methylprednisolone", "IVMP", "intravenous methylprednisolone", "IV methylpred",
                   "pulsed IV methylprednisolone", "methylprednisolone IV"),
                  ("1g", "1g day {d} of 3", "1g over 60 minutes", "1g (3-day course)", "1g OD", "1g infusion")),
    "mab_infusion": _join(("Ocrelizumab", "Ocrevus (ocrelizumab)", "Ocrelizumab IV"),
                          ("600mg", "infusion 600mg", "600mg (6-monthly)", "300mg (first dose)", "300mg - dose 2 "
                           "of the initial course")) + _join(("Natalizumab", "Tysabri (natalizumab)",
                                                              "Natalizumab IV"), ("300mg", "infusion 300mg",
                                                                                  "300mg (6-weekly)")),
    "ivig": _join(("IVIg", "IVIG", "intravenous immunoglobulin", "IV immunoglobulin", "IVIg (Privigen)",
                   "IVIg (Octagam)", "IVIg (Gamunex)", "IVIg (Kiovig)", "human normal immunoglobulin IV"),
                  ("{g}g/kg", "{dose}g", "maintenance infusion", "{dose}g maintenance dose", "infusion",
                   "- {dose}g")),
    "botox": _join(("Botulinum toxin", "BoNT-A", "Botulinum toxin type A", "Botox", "Dysport", "Xeomin",
                    "OnabotulinumtoxinA (Botox)"), ("injections", "{u} units", "injection, {u} units",
                                                    "- EMG-guided injections", "injections per previous map")),
    "eeg_sleep_deprived": _join(("Sleep deprived EEG", "Sleep-deprived EEG", "EEG after sleep deprivation",
                                 "SD EEG", "Sleep deprivation EEG", "EEG (sleep deprived)"),
                                ("", "with photic stimulation", "with HV and photic", "(10-20 system)",
                                 "- partial sleep deprivation")),
    "video_telemetry": _join(("Video telemetry", "Video EEG telemetry", "VEEG", "Video-EEG monitoring",
                              "Inpatient video EEG (VTM)", "EMU video telemetry"),
                             ("", "48 hours", "with medication reduction", "- 72h", "(ASM withdrawal)")),
    "ncs_emg": _join(("NCS and EMG", "NCS/EMG", "Nerve conduction studies and EMG", "EMG/NCS",
                      "Nerve conduction studies with needle EMG", "Neurophysiology (NCS + EMG)",
                      "Nerve conductions and electromyography (EMG)"),
                     ("", "upper and lower limbs", "of the affected limbs", "- motor, sensory and needle study")),
    "gon_block": _join(("Bilateral GON blocks", "Bilateral greater occipital nerve blocks", "GON injections both "
                        "sides", "Greater occipital nerve block, left and right", "Bilateral GONB",
                        "Bilateral occipital nerve injections (GON)"),
                       ("", "(lidocaine + methylprednisolone)", "with lidocaine 2% and methylpred 40mg",
                        "- landmark technique")),
    "nusinersen": _join(("Intrathecal nusinersen", "Nusinersen (Spinraza) intrathecal", "IT nusinersen"),
                        ("12mg", "12mg via LP", "loading dose", "12mg maintenance dose")),
    "status_migrainosus": _join(("IV dihydroergotamine", "IV DHE", "DHE infusion", "Intravenous DHE"),
                                ("", "protocol", "(Raskin protocol)", "with antiemetic cover")),
    "plex": _join(("Plasma exchange", "PLEX", "Plasmapheresis", "Therapeutic plasma exchange (TPE)", "TPE"),
                  ("", "(5 cycles)", "- 5 exchanges", "via vascath", "1.0 plasma volume")),
    "sleep_study": _join(("Overnight polysomnography", "PSG", "Inpatient sleep study", "Overnight PSG",
                          "Video-polysomnography"), ("", "with MSLT", "(full PSG)")),
    "rituximab": _join(("Rituximab", "Rituximab (Truxima)", "RTX (rituximab)"),
                       ("1g infusion", "1g IV", "infusion 1g, dose 2 of 2", "1g (dose 1 of 2)")),
    "muscle_biopsy": _join(("Needle muscle biopsy", "Percutaneous needle biopsy", "Bergstrom needle biopsy",
                            "Needle biopsy"), ("of the right vastus lateralis", "- right quadriceps",
                                               "(R vastus lateralis) under LA", "right thigh (vastus lateralis)")),
    "eptinezumab": _join(("Eptinezumab", "Eptinezumab (Vyepti)", "Vyepti (eptinezumab)"),
                         ("100mg IV infusion", "100mg over 30 minutes", "300mg IV", "infusion 100mg")),
    "blood_patch": _join(("Epidural blood patch", "EBP", "Autologous epidural blood patch", "Lumbar epidural "
                          "blood patch"), ("", "by anaesthetics", "- 20ml autologous blood", "at L3/4")),
}
_LP_LINE = ("LP", "Lumbar puncture", "LP (L3/4)", "LP [day unit]", "LP on the ward")
_DONE = ("done - report to follow", "completed", "performed, full report awaited", "recorded")
# results-only and terse lines of a list ('LP: OP 32cmH2O, CSF sent'): each still says the procedure was done
LISTED: dict[str, tuple[str, ...]] = {
    "lp_iih": _join((f"{n}:" for n in _LP_LINE), ("OP {op}cmH2O", "opening pressure {op} cmH2O, CSF sent",
                                                  "OP {op}cm H2O; CSF clear", "OP {op}, CSF to lab")),
    "iih_acute": _join((f"{n}:" for n in _LP_LINE), ("OP {op}cmH2O", "OP {op} cmH2O, CSF sent")),
    "lp_demyelination": _join((f"{n}:" for n in _LP_LINE), ("CSF sent for OCBs with paired serum",
                                                            "CSF clear, OCBs sent", "CSF cells/protein/OCBs sent")),
    "lp_sah_exclusion": _join((f"{n}:" for n in _LP_LINE), ("CSF sent for xanthochromia", "CSF protected from "
                                                            "light, sent for spectrophotometry")),
    "thunderclap_lp": _join((f"{n} (>12h):" for n in _LP_LINE), ("CSF sent for xanthochromia",
                                                                 "CSF to lab for spectrophotometry")),
    "lp_dementia": _join((f"{n}:" for n in _LP_LINE), ("CSF sent for AB42/tau", "CSF Alzheimer biomarkers sent")),
    "gbs": _join((f"{n}:" for n in _LP_LINE), ("CSF sent for protein and cells", "CSF protein and cells sent")),
    "meningitis": _join((f"{n}:" for n in _LP_LINE), ("CSF to micro, PCR and biochem", "CSF MC&S, glucose, "
                                                      "protein and viral PCR sent")),
    "lp_iih_therapeutic": _join(("Therapeutic LP:", "LP (therapeutic):"), ("{ml}ml CSF removed",
                                                                           "OP {op}, {ml}ml drained")),
    "nph_tap": _join(("Tap test:", "High volume LP:"), ("35ml CSF removed", "40ml CSF off; gait assessed pre and "
                                                        "post")),
    "ivmp": _join(("IVMP", "IV methylprednisolone", "Methylpred IV"), ("1g - given", "1g given, no reaction",
                                                                       "1g (day {d}) administered")),
    "ivig": _join(("IVIg", "IV immunoglobulin"), ("{dose}g - given", "{g}g/kg given, no reaction",
                                                  "{dose}g administered over 4h")),
    "eeg_sleep_deprived": _join(("Sleep deprived EEG", "SD EEG"), _DONE),
    "video_telemetry": _join(("Video telemetry", "VEEG"), ("recording completed, report to follow", "completed")),
    "ncs_emg": _join(("NCS/EMG", "Neurophysiology (NCS + EMG)"), _DONE),
}
# a sentence that tells the procedure was done: {p} the procedure mid-sentence, {P} at the start, {who} he/she
SENTENCES = ("{P} was performed uneventfully.", "{Who} underwent {p} without complication.",
             "{Who} had {p} on the unit.", "{P} was carried out.", "We performed {p}, which {who} tolerated well.",
             "{P} completed without complications.", "{P} was done as planned.", "{Who} had {p} as planned.",
             "{P} went ahead uneventfully.", "{P}: no immediate complications.", "Successful {p}.",
             "{P} was undertaken by the team.", "{Who} tolerated {p} well.",
             "{P} performed, no adverse events.", "{P} was performed under the care of the neurology team.")


def mid(text: str) -> str:
    """A procedure name as it reads mid-sentence: 'Lumbar puncture' -> 'lumbar puncture', 'IVIg' unchanged."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def told(rng, text: str, who: str) -> str:
    """A sentence saying the procedure `text` was done; `who` is 'he' or 'she'."""
    frame = SENTENCES[int(rng.random() * len(SENTENCES))]
    return frame.format(p=mid(text), P=text[:1].upper() + text[1:], who=who, Who=who.capitalize())


def named(rng, scenario, values: dict, listed: bool = False) -> str:
    """The scenario's procedure as a letter names it: its own `procedure_text` or, more often, one of `FORMS`; in a
    list (`listed`) now and then a results line of `LISTED` ('LP: OP 32cmH2O'). '' for a scenario without one."""
    if not scenario.procedures:
        return ""
    key, draw = scenario.key, rng.random()
    forms = (LISTED[key] if listed and key in LISTED and draw < 0.25 else FORMS[key] if key in FORMS and draw < 0.6
             else scenario.procedure_text)
    return forms[int(rng.random() * len(forms))].format(**values)

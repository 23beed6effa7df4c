"""Upper GI findings that a therapeutic list is booked for (stent, PEG change, Bravo, RFA, food bolus).

Each is forced by its indication (`endoscopy_indications`); the diagnosis usually comes from the indication (a
known cancer being stented is coded from the referral, `C15.5`), so most carry no codes of their own.
"""

from __future__ import annotations

from .endoscopy_tables import Finding

UPPER_THERAPEUTIC: tuple[Finding, ...] = (
    Finding("oes_stent", "upper", 0.0, (), 1, frozenset({"oes_stent"}),
            ("malignant stricture from {n}0cm to the GOJ, not traversed with the standard scope",
             "tight tumour stricture at {n}0cm, guidewire passed and position marked under fluoroscopy"),
            ("oesophageal cancer - stented", "malignant dysphagia, SEMS placed"), ("oesophagus",),
            therapy=(("oes_stent", 1.0),), affinity=(("oes_stent", 1.0),)),
    Finding("duo_stent", "upper", 0.0, (), 1, frozenset({"duo_stent"}),
            ("malignant duodenal stricture at D1/D2 with food residue", "tight tumour stricture in D2"),
            ("malignant gastric outlet obstruction - duodenal stent",), ("duodenum",),
            therapy=(("duo_stent", 1.0),), affinity=(("duo_stent", 1.0),)),
    Finding("peg_change", "upper", 0.0, (), 2, frozenset({"peg_change"}),
            ("PEG in situ, bumper seen in the body, mild buried bumper", "existing 15Fr PEG, tract healthy"),
            ("PEG removed", "PEG exchanged"), ("stomach",), therapy=(("peg_replace", 0.4), ("peg_removal", 1.0)),
            affinity=(("peg_change", 1.0),)),
    Finding("bravo", "upper", 0.0, (), 2, frozenset({"bravo"}),
            ("normal oesophagus, Z-line at 3{n}cm", "normal OGD off PPI for 7 days"),
            ("normal OGD - Bravo placed", "Bravo capsule placed"), ("oesophagus",), therapy=(("bravo", 1.0),),
            affinity=(("bravo", 1.0),)),
    Finding("barretts_rfa", "upper", 0.0, ("K22.7",), 1, frozenset({"barretts_rfa"}),
            ("Barrett's segment C{c}M{m}, flat, post EMR scar healed", "residual Barrett's islands after previous RFA"),
            ("Barrett's dysplasia - ablation", "Barrett's treated with RFA"), ("oesophagus",),
            therapy=(("rfa", 0.8), ("apc_ablation", 1.0)), affinity=(("barretts_rfa", 1.0),)),
    Finding("bolus", "upper", 0.0, ("T18.1",), 1, frozenset({"bolus"}),
            ("impacted meat bolus at {n}0cm", "food bolus in the lower oesophagus"), ("food bolus obstruction",),
            ("oesophagus",), therapy=(("bolus", 1.0),), affinity=(("bolus", 1.0),)),
    Finding("foreign_body", "upper", 0.0, ("T18.2",), 1, frozenset({"foreign_body"}),
            ("coin in the gastric body", "swallowed denture plate in the stomach", "blister pack in the fundus"),
            ("foreign body in the stomach - removed",), ("stomach",), therapy=(("foreign_body", 1.0),),
            affinity=(("foreign_body", 1.0),)),
)

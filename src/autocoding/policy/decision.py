"""The auto-code decision: an episode is AUTO-CODED only when everything about it is confident; otherwise it is
an EXCEPTION for a human coder, with the reasons.

Auto-coded needs, for every code system: each label confidently present (p >= present threshold) or confidently
absent (p < absent threshold); the primary confident (renormalised primary probability >= the system's primary
threshold); a code that may stand first where the system requires one (ICD-10 always; any system nearly every
validation episode had a code of, e.g. OPCS-4 in endoscopy, unless the diagnoses say the procedure was not carried
out, Z53.-); the decided sequence passing the coding
rules; the episode's text not out of distribution; and, with an episode-level target, the validation search having
met it (`eval.episode_target`). Two reasons are known before the model runs and are given by the caller
(`blocked`): an episode with no usable text is never coded from nothing (no suggestion either), and one outside
the model's cohort (the bundle's dataset rules) is never auto-coded. Reasons, in `REASONS` order:

| kind | meaning |
|---|---|
| `no_usable_text` | no document of the model's types with any text (none, or all empty / set aside): nothing to code from |
| `outside_cohort` | the episode fails the cohort rules of the model's dataset (treatment function, patient class, ...) |
| `accuracy_target_not_met` | no threshold setting kept auto-coded episodes right `episode_target` of the time on validation |
| `out_of_distribution` | the text is unlike the training data (`policy.ood`: embeddings, unknown tokens, wording) |
| `no_code_predicted` | no code of a required system that may stand first; the likeliest one is suggested |
| `uncertain_code` | a code's probability lies between its absent and present thresholds |
| `code_not_auto` | a code that may never be auto-coded (validation showed it below the target) is not confidently absent |
| `weak_evidence` | a code the decision would record has attention on no word strong enough (`policy.evidence`; bundles with the detector) |
| `primary_uncertain` | the model is not sure enough which code is primary |
| `coding_rule` | the decided sequence breaks a coding rule (Y/Z code primary, invalid code) |

Exceptions still get a suggested sequence: the confident codes plus uncertain ones at or above
`suggest_threshold`. Vectorised over episodes: 150,000 episodes x 2 systems x ~300 labels decide in seconds
(see tests/eval/test_decision.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from autocoding.policy.outputs import SystemOutputs
from autocoding.policy.rules import CodeSystemLike, label_rules, sequence_checker
from autocoding.policy.sequence import choose_primary, code_sequences
from autocoding.policy.thresholds import ThresholdTable

PRE_MODEL = ("no_usable_text", "outside_cohort")
NOT_CARRIED_OUT = "Z53"  # ICD-10 Z53.-: procedure not carried out (then no procedure is coded)  # decided from the episode's record, before the model
REASONS = (*PRE_MODEL, "accuracy_target_not_met", "out_of_distribution", "no_code_predicted", "uncertain_code", "code_not_auto",
           "weak_evidence", "primary_uncertain", "coding_rule")
_WORDS = {
    "no_usable_text": "no usable text: every document is missing, empty or set aside",
    "outside_cohort": "the episode is outside the cohort the model was trained for",
    "accuracy_target_not_met": "automatic coding is off: on validation, auto-coded episodes were not right often enough",
    "out_of_distribution": "the text is unlike the documents the model was trained on",
    "no_code_predicted": "no code that may stand first was predicted",
    "uncertain_code": "the model is unsure whether these codes apply",
    "code_not_auto": "these codes are never coded automatically (not right often enough on validation)",
    "weak_evidence": "the model cannot point to text that supports these codes",
    "primary_uncertain": "the model is unsure which code is primary",
    "coding_rule": "the suggested codes break a coding rule",
}


@dataclass(frozen=True)
class Reason:
    """Why an episode goes to a coder. `codes`/`probabilities` name the codes concerned, where any."""

    kind: str
    system: str | None = None
    codes: tuple[str, ...] = ()
    probabilities: tuple[float, ...] = ()
    detail: str = ""

    def to_dict(self) -> dict:
        return {"kind": self.kind, "system": self.system, "codes": list(self.codes),
                "probabilities": [round(p, 4) for p in self.probabilities], "detail": self.detail}

    def __str__(self) -> str:
        text = _WORDS[self.kind]
        if self.system:
            text = f"{self.system}: {text}"
        if self.codes:
            text += " (" + ", ".join(f"{c} {p:.2f}" if self.probabilities else c
                                     for c, p in zip(self.codes, self.probabilities or [0.0] * len(self.codes),
                                                     strict=True)) + ")"
        return f"{text}; {self.detail}" if self.detail else text


@dataclass(frozen=True)
class DecisionSettings:
    suggest_threshold: float = 0.5
    required_systems: tuple[str, ...] = ("icd10", "icd10cm")
    # a system at least this share of validation episodes had a code of (its table's `coded_share`) is required too:
    # OPCS-4 in endoscopy, where every episode has a procedure (the share falls short of 1 by the episodes whose
    # procedure was missed in coding, or lies outside the label space), but not in neurology, where many have none
    required_share: float = 0.95


@dataclass
class Decision:
    """One episode's decision (the architecture contract)."""

    auto: bool
    codes: dict[str, list[str]]
    reasons: list[Reason]


@dataclass
class Decisions:
    """Decisions for N episodes: auto (N,) bool; codes {system: N lists}; reasons N lists; flags {kind: (N,)}."""

    auto: np.ndarray
    codes: dict[str, list[list[str]]]
    reasons: list[list[Reason]]
    flags: dict[str, np.ndarray]
    primary_confidence: dict[str, np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.auto)

    def __getitem__(self, i: int) -> Decision:
        return Decision(bool(self.auto[i]), {s: c[i] for s, c in self.codes.items()}, self.reasons[i])

    def to_records(self, episode_ids: list[str] | None = None) -> list[dict]:
        ids = episode_ids if episode_ids is not None else [str(i) for i in range(len(self))]
        return [{"episode_id": ids[i], "auto": bool(self.auto[i]), "codes": {s: c[i] for s, c in self.codes.items()},
                 "reasons": [r.to_dict() for r in self.reasons[i]]} for i in range(len(self))]


def _code_reasons(kind: str, system: str, mask: np.ndarray, probs: np.ndarray, labels: list[str],
                  reasons: list[list[Reason]]) -> None:
    """One Reason per episode with any True cell in the (N, L) mask, naming those codes and probabilities."""
    rows, cols = np.nonzero(mask)  # row-major: each episode's cells are contiguous
    if len(rows) == 0:
        return
    names = np.asarray(labels, dtype=object)[cols].tolist()
    values = probs[rows, cols].tolist()
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    ends = np.r_[starts[1:], len(rows)]
    for row, a, b in zip(rows[starts].tolist(), starts.tolist(), ends.tolist(), strict=True):
        reasons[row].append(Reason(kind, system, tuple(names[a:b]), tuple(values[a:b])))


def _suggested(p: np.ndarray, present: np.ndarray, absent: np.ndarray, suggest: float) -> np.ndarray:
    """(N, L) bool from probabilities p (N, L) and thresholds (L,): the codes an episode's suggestion holds
    (confidently present, or uncertain at or above `suggest`)."""
    confident = p >= present[None, :]
    return confident | ((p >= absent[None, :]) & (p >= suggest))


def not_carried_out(outputs: Mapping[str, SystemOutputs], tables: Mapping[str, ThresholdTable],
                    settings: DecisionSettings) -> np.ndarray:
    """(N,) bool: episodes whose suggested diagnoses say the procedure was not carried out (ICD-10 Z53.-), which
    then need no procedure code."""
    n = next(iter(outputs.values())).n_episodes if outputs else 0
    flag = np.zeros(n, dtype=bool)
    for name in settings.required_systems:
        if name in outputs and name in tables:
            cols = [i for i, code in enumerate(outputs[name].labels) if code.startswith(NOT_CARRIED_OUT)]
            if cols:
                table = tables[name]
                flag |= _suggested(outputs[name].probs[:, cols], table.present[cols], table.absent[cols],
                                   settings.suggest_threshold).any(axis=1)
    return flag


def _decide_system(name: str, out: SystemOutputs, table: ThresholdTable, code_system: CodeSystemLike | None,
                   settings: DecisionSettings, reasons: list[list[Reason]], flags: dict[str, np.ndarray],
                   weak: np.ndarray | None = None, exempt: np.ndarray | None = None):
    if list(table.labels) != list(out.labels):
        raise ValueError(f"{name}: threshold table labels differ from the model's label space")
    p, labels = out.probs, list(out.labels)
    present = p >= table.present[None, :]
    uncertain = ~present & (p >= table.absent[None, :])
    not_auto = uncertain & ~table.auto[None, :]
    unsure = uncertain & table.auto[None, :]
    chosen = present | (uncertain & (p >= settings.suggest_threshold))  # as `_suggested`, reusing the masks
    rules = label_rules(name, labels, code_system)
    always = name in settings.required_systems
    required = always or (table.coded_share is not None and table.coded_share >= settings.required_share)
    # a required system with no code that may stand first (none at all, or only Y/Z qualifiers): suggest the code
    # the model thinks likeliest primary among those that may be, below its threshold; the episode is an exception
    missing = ~(chosen & rules.can_be_primary[None, :]).any(axis=1) if required else np.zeros(len(p), dtype=bool)
    if exempt is not None and not always:
        missing &= ~exempt  # a procedure system, in an episode whose procedure was not carried out
    fallback = np.full(len(p), -1, dtype=np.int64)
    if missing.any() and rules.can_be_primary.any():
        rows = np.flatnonzero(missing)
        fallback[rows] = np.where(rules.can_be_primary[None, :], out.primary_probs[rows], -np.inf).argmax(axis=1)
        chosen = chosen.copy()
        chosen[rows, fallback[rows]] = True
    primary, confidence = choose_primary(out.primary_probs, chosen, rules.can_be_primary)
    filled = fallback >= 0
    confidence[filled] = out.primary_probs[filled, fallback[filled]]  # its own probability, not renormalised
    has = primary >= 0
    sequences = code_sequences(p, chosen, primary, rules.is_qualifier, labels)

    _code_reasons("uncertain_code", name, unsure, p, labels, reasons)
    _code_reasons("code_not_auto", name, not_auto, p, labels, reasons)
    flags["uncertain_code"] |= unsure.any(axis=1)
    flags["code_not_auto"] |= not_auto.any(axis=1)
    if weak is not None:
        if weak.shape != p.shape:
            raise ValueError(f"{name}: weak-evidence mask {weak.shape} does not match outputs {p.shape}")
        unsupported = chosen & weak
        _code_reasons("weak_evidence", name, unsupported, p, labels, reasons)
        flags["weak_evidence"] |= unsupported.any(axis=1)

    for row in np.flatnonzero(missing).tolist():
        if filled[row]:
            code = fallback[row]
            reasons[row].append(Reason("no_code_predicted", name, (labels[code],), (float(p[row, code]),),
                                       "the likeliest primary is suggested, below the suggestion threshold"))
        else:
            reasons[row].append(Reason("no_code_predicted", name))
    flags["no_code_predicted"] |= missing

    doubtful = has & ~missing & (confidence < table.primary)
    for row in np.flatnonzero(doubtful).tolist():
        reasons[row].append(Reason("primary_uncertain", name, (labels[primary[row]],), (float(confidence[row]),),
                                   f"needs {table.primary:.2f}"))
    flags["primary_uncertain"] |= doubtful

    _rule_reasons(name, labels, chosen, primary, rules, sequences, sequence_checker(code_system), reasons, flags)
    return sequences, confidence


def _rule_reasons(name: str, labels: list[str], chosen: np.ndarray, primary: np.ndarray, rules, sequences,
                  checker, reasons: list[list[Reason]], flags: dict[str, np.ndarray]) -> None:
    """Positional rules from the per-label table (vectorised); sequence rules on distinct sequences (cached)."""
    has = primary >= 0
    bad_primary = has & ~rules.can_be_primary[np.maximum(primary, 0)]
    secondary = chosen.copy()
    secondary[np.flatnonzero(has), primary[has]] = False
    bad_secondary = secondary & ~rules.can_be_secondary[None, :]
    broken = bad_primary | bad_secondary.any(axis=1)
    if checker is not None:
        broken |= np.array([bool(seq) and bool(checker(seq)) for seq in sequences], dtype=bool)
    for row in np.flatnonzero(broken).tolist():
        problems = [f"{labels[primary[row]]} as primary: {m}" for m in rules.primary_problems[primary[row]]] \
            if bad_primary[row] else []
        problems += [f"{labels[c]}: {m}" for c in np.flatnonzero(bad_secondary[row]) for m in rules.secondary_problems[c]]
        if checker is not None:
            problems += checker(sequences[row])
        reasons[row].append(Reason("coding_rule", name, tuple(sequences[row]), (), "; ".join(dict.fromkeys(problems))))
    flags["coding_rule"] |= broken


def _block_unmet_target(tables: Mapping[str, ThresholdTable], outputs: Mapping[str, SystemOutputs],
                        reasons: list[list[Reason]], flags: dict[str, np.ndarray]) -> None:
    """Every episode is an exception when the episode-level search found no setting meeting its target."""
    unmet = [tables[name].episode for name in outputs if name in tables and tables[name].episode.get("met") is False]
    if not unmet:
        return
    search = unmet[0]
    chosen = search.get("chosen", {})
    accuracy = "no episode" if chosen.get("accuracy") is None else f"{chosen['accuracy']:.1%}"
    detail = (f"best validation result: {accuracy} of {chosen.get('auto_episodes', 0)} auto-coded episodes right "
              f"(lower bound {chosen.get('accuracy_lower', 0.0):.1%}), target {search.get('target', 0.0):.1%}")
    flags["accuracy_target_not_met"][:] = True
    for row in reasons:
        row.append(Reason("accuracy_target_not_met", detail=detail))


def _blocked_rows(blocked: Mapping[str, Sequence] | None, n: int) -> dict[str, list[str | None]]:
    """{kind: per episode None (not blocked) or the detail text ("" for none)}; kinds from PRE_MODEL."""
    out = {}
    for kind, values in (blocked or {}).items():
        if kind not in PRE_MODEL:
            raise ValueError(f"blocked reasons must be among {PRE_MODEL}, got {kind!r}")
        values = list(values)
        if len(values) != n:
            raise ValueError(f"blocked[{kind!r}] has {len(values)} values for {n} episodes")
        out[kind] = [None if v is None or v is False or (isinstance(v, float) and np.isnan(v))
                     else ("" if v is True or v is np.True_ else str(v)) for v in values]
    return out


def _apply_blocked(rows: dict[str, list[str | None]], reasons: list[list[Reason]], flags: dict[str, np.ndarray],
                   codes: dict[str, list[list[str]]]) -> None:
    """Pre-model reasons first in each list; an episode without usable text keeps only those, and no codes."""
    for kind in PRE_MODEL:
        for row, detail in enumerate(rows.get(kind, [])):
            if detail is not None:
                flags[kind][row] = True
    no_text = flags["no_usable_text"]
    for row in range(len(reasons)):
        first = [Reason(kind, detail=rows[kind][row]) for kind in PRE_MODEL
                 if kind in rows and rows[kind][row] is not None]
        if not first:
            continue
        reasons[row] = first + ([] if no_text[row] else reasons[row])
    if no_text.any():
        for kind in REASONS:
            if kind not in PRE_MODEL:
                flags[kind][no_text] = False
        for sequences in codes.values():
            for row in np.flatnonzero(no_text).tolist():
                sequences[row] = []


def decide_episodes(outputs: Mapping[str, SystemOutputs], tables: Mapping[str, ThresholdTable],
                    code_systems: Mapping[str, CodeSystemLike] | None = None, ood_flags: np.ndarray | None = None,
                    settings: DecisionSettings | None = None, blocked: Mapping[str, Sequence] | None = None,
                    weak_evidence: Mapping[str, np.ndarray] | None = None) -> Decisions:
    """Decide N episodes at once. outputs/tables per system; ood_flags (N,) bool (True = out of distribution);
    blocked {kind in PRE_MODEL: (N,) values}: None/False = not blocked, True or a detail string = blocked;
    weak_evidence {system: (N, L) bool} from `policy.evidence.EvidenceDetector.weak` (None: no detector)."""
    settings = settings or DecisionSettings()
    n = next(iter(outputs.values())).n_episodes if outputs else 0
    blocked_rows = _blocked_rows(blocked, n)
    reasons: list[list[Reason]] = [[] for _ in range(n)]
    flags = {kind: np.zeros(n, dtype=bool) for kind in REASONS}
    _block_unmet_target(tables, outputs, reasons, flags)
    if ood_flags is not None:
        flags["out_of_distribution"] = np.asarray(ood_flags, dtype=bool).copy()
        for row in np.flatnonzero(flags["out_of_distribution"]).tolist():
            reasons[row].append(Reason("out_of_distribution"))
    codes, confidence = {}, {}
    cancelled = not_carried_out(outputs, tables, settings)
    for name, out in outputs.items():
        if name not in tables:
            raise ValueError(f"no threshold table for system {name!r}")
        system = (code_systems or {}).get(name)
        weak = None if weak_evidence is None else weak_evidence.get(name)
        codes[name], confidence[name] = _decide_system(name, out, tables[name], system, settings, reasons, flags,
                                                       None if weak is None else np.asarray(weak, dtype=bool),
                                                       cancelled)
    _apply_blocked(blocked_rows, reasons, flags, codes)
    auto = ~np.any(np.stack(list(flags.values())), axis=0) if n else np.zeros(0, dtype=bool)
    return Decisions(auto=auto, codes=codes, reasons=reasons, flags=flags, primary_confidence=confidence)


def decide(outputs: Mapping[str, SystemOutputs], tables: Mapping[str, ThresholdTable],
           code_systems: Mapping[str, CodeSystemLike] | None = None, ood_flag: bool = False,
           settings: DecisionSettings | None = None) -> Decision:
    """One episode (outputs with N = 1): the architecture's `decide(...) -> Decision`."""
    return decide_episodes(outputs, tables, code_systems, np.array([ood_flag]), settings)[0]

"""Fit every threshold of every system on validation outputs: `fit_thresholds(...) -> {system: ThresholdTable}`.

Code thresholds first (`thresholds.fit_code_threshold_grid`), then the primary threshold: the system's episodes
are decided with those code thresholds and no primary requirement; on the episodes where that system would be
auto-coded, the decided primary's confidence and whether it equals the gold primary give the threshold
(`thresholds.primary_threshold`), so primary accuracy is tuned where it matters: on auto-coded episodes.

With `episode_target` set, this is done for every setting of the grid (`eval.episode_target`) and the setting
that auto-codes the most validation episodes while keeping them right `episode_target` of the time (lower bound)
is kept; its figures go into each table's `episode`. Cost: one sort per system for the whole grid, then per
setting one decision of the validation episodes per system and one for all systems (vectorised): well under a
second for 600 episodes x 300 labels x 56 settings, twice over with cross-fitting.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np

from autocoding.eval.episode_target import (
    EpisodeSearch,
    Setting,
    choose_setting,
    count_outcomes,
    grid_settings,
    setting_result,
)
from autocoding.policy.decision import DecisionSettings, decide_episodes
from autocoding.policy.outputs import SystemOutputs, check_inputs, multi_hot
from autocoding.policy.rules import CodeSystemLike
from autocoding.policy.thresholds import (
    ThresholdConfig,
    ThresholdTable,
    fit_code_threshold_grid,
    primary_threshold,
)


def primary_outcomes(name: str, out: SystemOutputs, gold: Sequence[Sequence[str]], table: ThresholdTable,
                     code_system: CodeSystemLike | None, settings: DecisionSettings,
                     ood_flags: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(confidence, correct) over the episodes this system alone would auto-code, ignoring the primary check."""
    relaxed = replace(table, primary=-math.inf)
    decisions = decide_episodes({name: out}, {name: relaxed}, {name: code_system} if code_system else None,
                                ood_flags, settings=settings)
    sequences = decisions.codes[name]
    keep = decisions.auto & np.array([bool(s) for s in sequences], dtype=bool)
    correct = np.array([bool(s) and bool(g) and s[0] == g[0] for s, g in zip(sequences, gold, strict=True)])
    return decisions.primary_confidence[name][keep], correct[keep]


def fit_settings(outputs: Mapping[str, SystemOutputs], gold: Mapping[str, Sequence[Sequence[str]]],
                 config: ThresholdConfig, settings: Sequence[tuple[float, float]],
                 code_systems: Mapping[str, CodeSystemLike] | None = None,
                 ood_flags: np.ndarray | None = None) -> list[dict[str, ThresholdTable]]:
    """Tables of every system for each (present_floor, absent_target) setting, in order; the primary threshold of
    each is tuned on the episodes that setting auto-codes."""
    decision_settings = DecisionSettings(suggest_threshold=config.suggest_threshold)
    fitted: list[dict[str, ThresholdTable]] = [{} for _ in settings]
    for name, out in outputs.items():
        tables = fit_code_threshold_grid(name, out.labels, out.probs, multi_hot(gold[name], out.labels), config,
                                         settings)
        for i, table in enumerate(tables):
            confidence, correct = primary_outcomes(name, out, gold[name], table, (code_systems or {}).get(name),
                                                   decision_settings, ood_flags)
            # the floor bounds the primary too: the one strictness knob tightens every per-episode check
            table.primary = max(primary_threshold(confidence, correct, config), table.config["present_floor"])
            fitted[i][name] = table
    return fitted


def cross_fit_folds(n: int) -> list[np.ndarray]:
    """Two halves of the validation episodes (alternate rows: deterministic, and balanced when rows are ordered
    by anything, e.g. date)."""
    rows = np.arange(n)
    return [rows[rows % 2 == 0], rows[rows % 2 == 1]]


def _subset(outputs, gold, ood_flags, rows):
    return ({name: out.subset(rows) for name, out in outputs.items()},
            {name: [codes[i] for i in rows] for name, codes in gold.items()},
            None if ood_flags is None else np.asarray(ood_flags)[rows])


def strictest(full: ThresholdTable, folds: Sequence[ThresholdTable]) -> ThresholdTable:
    """The judged rules combined, strictest per code: present the highest, absent the lowest, primary the highest.

    Thresholds fitted on all of validation come out looser than the half-size fits that were judged (more
    evidence lets more codes and lower thresholds through; in simulation they auto-coded 42% of test episodes
    where the judged figures said 37%, and were 2-3 points less accurate than judged). Shipping the strictest of the judged rules keeps the judged figures a fair
    guide: an episode auto-coded by it is auto-coded by each judged rule. Labels, support and config come from the
    full fit.
    """
    present = np.max([f.present for f in folds], axis=0)
    absent = np.minimum(np.min([f.absent for f in folds], axis=0), present)
    rule = [r if np.isfinite(p) or r in ("never", "not_reached") else "not_reached"
            for r, p in zip(full.rule, present, strict=True)]
    return replace(full, present=present, absent=absent, auto=np.isfinite(present), rule=rule,
                   primary=max(f.primary for f in folds), config=dict(full.config))


def search_episode_setting(outputs: Mapping[str, SystemOutputs], gold: Mapping[str, Sequence[Sequence[str]]],
                           config: ThresholdConfig, code_systems: Mapping[str, CodeSystemLike] | None = None,
                           ood_flags: np.ndarray | None = None) -> tuple[dict[str, ThresholdTable], EpisodeSearch]:
    """Score every setting of the grid on validation (cross-fitted when `episode_cross_fit`), choose one (see
    eval.episode_target), and return its thresholds: the strictest of the two judged half-fits (`strictest`), or
    without cross-fitting the fit on all validation episodes (which is then also what was judged)."""
    grid: list[Setting] = grid_settings(config)
    pairs = [(s.present_floor, s.absent_target) for s in grid]
    decision_settings = DecisionSettings(suggest_threshold=config.suggest_threshold)
    n = check_inputs(outputs, gold)
    folds = cross_fit_folds(n) if config.episode_cross_fit else [np.arange(n)]
    counts: list[list[tuple[int, int, int]]] = [[] for _ in grid]
    fold_tables: list[list[dict[str, ThresholdTable]]] = []
    for k, judged in enumerate(folds):
        fitted_on = folds[1 - k] if len(folds) == 2 else judged
        fitted = fit_settings(*_subset(outputs, gold, None, fitted_on)[:2], config, pairs, code_systems,
                              None if ood_flags is None else np.asarray(ood_flags)[fitted_on])
        fold_tables.append(fitted)
        judge_outputs, judge_gold, judge_ood = _subset(outputs, gold, ood_flags, judged)
        for i, tables in enumerate(fitted):
            counts[i].append(count_outcomes(judge_outputs, judge_gold, tables, code_systems, judge_ood,
                                            decision_settings))
    results = [setting_result(s, c, config) for s, c in zip(grid, counts, strict=True)]
    search = replace(choose_setting(results, config.episode_target, config.episode_confidence),
                     cross_fit=len(folds) == 2)
    chosen = grid.index(search.chosen.setting)
    tables = fit_settings(outputs, gold, config, [(search.chosen.setting.present_floor,
                                                   search.chosen.setting.absent_target)], code_systems, ood_flags)[0]
    if len(folds) == 2:
        tables = {name: strictest(table, [fitted[chosen][name] for fitted in fold_tables])
                  for name, table in tables.items()}
    for table in tables.values():
        table.episode = search.to_dict()
    return tables, search


def fit_thresholds(outputs: Mapping[str, SystemOutputs], gold: Mapping[str, Sequence[Sequence[str]]],
                   config: ThresholdConfig | None = None,
                   code_systems: Mapping[str, CodeSystemLike] | None = None, *,
                   ood_flags: np.ndarray | None = None) -> dict[str, ThresholdTable]:
    """Thresholds per system from VALIDATION outputs and gold code lists (primary first).

    ood_flags (N,) bool: validation episodes the OOD detector flags; they are never auto-coded, so they are left
    out of the primary and episode-level figures just as they will be in use.
    """
    config = config or ThresholdConfig()
    check_inputs(outputs, gold)
    if config.episode_target is not None:
        return search_episode_setting(outputs, gold, config, code_systems, ood_flags)[0]
    return fit_settings(outputs, gold, config, [(config.present_floor, config.absent_target)], code_systems,
                        ood_flags)[0]

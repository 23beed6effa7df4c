"""Evaluation: fitting the shipped policy and judging it. Per-code thresholds fitted on validation (`tuning`) with
the episode-level accuracy target that sets their strictness (`episode_target`), audit and automation figures
(`audit`), the one entry `evaluation.evaluate_predictions`, reports and plots (`report`, `plots`, `tradeoff`), and
the local Hugging Face `evaluate` module (`hf_metric.metric_dir()`). What a bundle applies at coding time (threshold
tables, decision, rules, sequencing, OOD detector) lives in `autocoding.policy`.

Import the submodules; this package imports nothing heavy (no torch, no evaluate) so the CLI starts fast.
"""

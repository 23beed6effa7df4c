"""Evaluation: per-code thresholds (`thresholds`, `tuning`) and the episode-level accuracy target that sets their
strictness (`episode_target`), the auto-code decision (`decision`), out-of-distribution checks (`ood`), audit and automation figures (`audit`), the one entry `evaluation.evaluate_predictions`, reports and
plots (`report`, `plots`, `tradeoff`), and the local Hugging Face `evaluate` module (`hf_metric.metric_dir()`).

Import the submodules; this package imports nothing heavy (no torch, no evaluate) so the CLI starts fast.
"""

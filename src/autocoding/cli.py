"""The `autocoding` console command: `autocoding <verb> [key=value ...]`.

Each verb composes `conf/<verb>.yaml` with the overrides and calls one function. Heavy imports
(torch, lightning, evaluate, mlflow) happen inside those functions, never at start-up.
"""

from __future__ import annotations

import importlib
import sys

# verb -> (entry config, "module:function", one-line help)
VERBS: dict[str, tuple[str, str, str]] = {
    "synth": ("synth", "autocoding.data.synth.command:run", "write a synthetic trust extract"),
    "build": ("build", "autocoding.data.build:run", "build a specialty dataset from an extract"),
    "train": ("train", "autocoding.pipelines.train_job:run", "fine-tune a coder, tune thresholds, log to MLflow"),
    "evaluate": ("evaluate", "autocoding.pipelines.evaluate_job:run", "judge a model bundle on any coded extract"),
    "code": ("code", "autocoding.pipelines.code_job:run", "code new episodes: coded output, worklist, quarantine"),
    "report": ("report", "autocoding.pipelines.report_job:run", "the HTML accuracy report of a model on a dataset or extract"),
    "baseline": ("baseline", "autocoding.baselines.codiesp:run", "TF-IDF + ridge + code-title baseline (CodiEsp MAP)"),
    "promote": ("promote", "autocoding.pipelines.promote_job:promote", "the gate: challenger vs production on the frozen set"),
    "rollback": ("rollback", "autocoding.pipelines.promote_job:rollback", "production back to the previous version"),
    "freeze": ("freeze", "autocoding.pipelines.promote_job:freeze", "make a specialty's frozen evaluation set"),
    "corrections import": ("corrections_import", "autocoding.pipelines.corrections_job:import_run",
                           "coders' corrections (CSV / JSON Lines) into the corrections store"),
    "corrections stats": ("corrections_stats", "autocoding.pipelines.corrections_job:stats_run",
                          "acceptance, correction rates and audited live accuracy, with intervals"),
    "demo": ("demo", "autocoding.pipelines.demo:run", "synth -> build -> train -> promote, end to end"),
}

# keys a verb takes on the command line under a name that is also a config group (Hydra would read
# `model=URI` as "pick conf/model/URI.yaml"): rewritten to the entry config's own key before composing
KEY_ALIASES: dict[str, dict[str, str]] = {"evaluate": {"model": "model_uri"}, "code": {"model": "model_uri"},
                                         "report": {"model": "model_uri"}}

USAGE = """usage: autocoding <verb> [key=value ...] [--cfg]

verbs:
{verbs}

Overrides use Hydra syntax, e.g. `autocoding synth specialty=endoscopy n_episodes=2000 seed=0 out=data/extract`.
`--cfg` prints the composed configuration and exits."""


def _usage() -> str:
    width = max(len(v) for v in VERBS)
    return USAGE.format(verbs="\n".join(f"  {v:<{width}}  {h}" for v, (_, _, h) in VERBS.items()))


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(_usage())
        return 0
    if argv[0] in {"--version", "version"}:
        from autocoding import __version__

        print(__version__)
        return 0
    verb, rest = argv[0], argv[1:]
    if rest and f"{verb} {rest[0]}" in VERBS:  # two-word verbs: `corrections import`
        verb, rest = f"{verb} {rest[0]}", rest[1:]
    if verb not in VERBS:
        print(f"autocoding: unknown verb {verb!r}\n\n{_usage()}", file=sys.stderr)
        return 2
    print_cfg = "--cfg" in rest
    overrides = [a for a in rest if a != "--cfg"]
    for key, alias in KEY_ALIASES.get(verb, {}).items():
        overrides = [f"{alias}={a.split('=', 1)[1]}" if a.startswith(f"{key}=") else a for a in overrides]

    from autocoding.config import compose, to_yaml

    config_name, target, _ = VERBS[verb]
    from autocoding.config import check_targets

    try:
        cfg = compose(config_name, overrides)
        check_targets(cfg)
    except Exception as exc:  # hydra's own errors are clear; drop the traceback
        print(f"autocoding {verb}: bad configuration: {exc}", file=sys.stderr)
        return 2
    if print_cfg:
        print(to_yaml(cfg))
        return 0
    module_name, func_name = target.split(":")
    func = getattr(importlib.import_module(module_name), func_name)
    from autocoding.errors import AutocodingError

    try:
        result = func(cfg)
    except AutocodingError as exc:
        print(f"autocoding {verb}: error: {exc}", file=sys.stderr)
        return 1
    return result if isinstance(result, int) and not isinstance(result, bool) else 0


if __name__ == "__main__":
    raise SystemExit(main())

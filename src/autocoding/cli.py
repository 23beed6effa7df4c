"""The `autocoding` console command: `autocoding [--config-dir DIR] <verb> [-m] [key=value ...] [--cfg] [--help]`.

Each verb composes `conf/<verb>.yaml` with the overrides and calls one function. Heavy imports
(torch, lightning, evaluate, mlflow) happen inside those functions, never at start-up.

The configs are composed with Hydra's compose API, not run under `@hydra.main`: Hydra's job runtime (`hydra.run.dir`,
`hydra.job.chdir`, its logging and launchers) is not used, so `hydra.*` overrides are refused rather than ignored.
A verb writes where its `out=` says. `-m` / `--multirun` sweeps `autocoding train` over comma-separated values
(`pipelines.sweep`).
"""

from __future__ import annotations

import importlib
import os
import sys

from omegaconf import DictConfig, ListConfig, OmegaConf

from autocoding.config import (
    check_targets,
    compose,
    config_dir,
    group_choices,
    group_options,
    missing_keys,
    sweep_combinations,
    to_yaml,
)
from autocoding.errors import AutocodingError

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
    "retrain": ("retrain", "autocoding.pipelines.retrain_job:run",
                "corrected extract (frozen set kept out) -> build -> train -> the promotion gate"),
    "simulate-loop": ("simulate_loop", "autocoding.pipelines.simulate_loop:run",
                      "the learning loop on synthetic batches: code, correct, retrain, gate; per-round table"),
    "demo": ("demo", "autocoding.pipelines.demo:run", "synth -> build -> train -> promote, end to end"),
}
# verbs that take -m / --multirun: "module:function" called with the list of override lists
SWEEPS: dict[str, str] = {"train": "autocoding.pipelines.sweep:run"}

# keys a verb takes on the command line under a name that is also a config group (Hydra would read
# `model=URI` as "pick conf/model/URI.yaml"): rewritten to the entry config's own key before composing
KEY_ALIASES: dict[str, dict[str, str]] = {"evaluate": {"model": "model_uri"}, "code": {"model": "model_uri"},
                                         "report": {"model": "model_uri"}}

USAGE = """usage: autocoding [--config-dir DIR] <verb> [key=value ...] [--cfg] [--help]

verbs:
{verbs}

Overrides use Hydra syntax, e.g. `autocoding synth specialty=endoscopy n_episodes=2000 seed=0 out=data/extract`.
`autocoding <verb> --help` lists a verb's mandatory keys and config groups; `--cfg` prints the composed
configuration and exits; `autocoding train -m model.optimizer.lr=1e-4,3e-4` sweeps (one run per combination).
Configs are read from {config_dir}
(--config-dir DIR or $AUTOCODING_CONFIG_DIR to choose another; docs/configuration.md)."""

OPTIONS = "--help, --cfg, -m/--multirun (train), --config-dir DIR (before the verb)"
HYDRA_RUNTIME = ("autocoding composes its configs with Hydra's compose API and does not run Hydra's job runtime, "
                 "so {key} would have no effect; set out=DIR for where the verb writes "
                 "(a sweep's runs go under out=/sweep-<id>/<n>)")


def _config_dir_text() -> str:
    try:
        return str(config_dir())
    except FileNotFoundError as exc:
        return f"(none found: {exc})"


def _usage() -> str:
    width = max(len(v) for v in VERBS)
    return USAGE.format(verbs="\n".join(f"  {v:<{width}}  {h}" for v, (_, _, h) in VERBS.items()),
                        config_dir=_config_dir_text())


def _cli_name(verb: str, key: str) -> str:
    """A config key as the user types it (`model_uri` -> `model` for the verbs that alias it)."""
    return {alias: name for name, alias in KEY_ALIASES.get(verb, {}).items()}.get(key, key)


def verb_usage(verb: str) -> str:
    """The verb's one-line usage: the `# autocoding <verb> ...` line heading its entry config."""
    config_name = VERBS[verb][0]
    try:
        lines = (config_dir() / f"{config_name}.yaml").read_text().splitlines()
    except (OSError, FileNotFoundError):
        lines = []
    for line in lines[:5]:
        text = line.lstrip("# ").strip()
        if text.startswith(f"autocoding {verb}"):
            return "usage: " + text.split(":", 1)[0].strip()
    return f"usage: autocoding {verb} [key=value ...]"


def verb_help(verb: str) -> str:
    """`autocoding <verb> --help`: purpose, usage, mandatory keys, config groups and options, top-level keys."""
    config_name, _, purpose = VERBS[verb]
    cfg = compose(config_name, [])
    lines = [f"autocoding {verb}: {purpose}", verb_usage(verb), ""]
    missing = [_cli_name(verb, k) for k in missing_keys(cfg)]
    lines.append("mandatory keys: " + (", ".join(f"{k}=" for k in missing) if missing else "none"))
    groups = {g: c for g, c in group_choices(config_name).items() if group_options(g) or c is not None}
    if groups:
        lines += ["", "config groups (group=option; default in brackets):"]
        for group, choice in groups.items():
            options = ", ".join(group_options(group)) or "(none here)"
            lines.append(f"  {group} [{choice if choice is not None else 'none'}]: {options}")
    lines += ["", "keys (key=value; defaults as composed):"]
    for key, value in cfg.items_ex(resolve=False):
        if str(key).startswith("_") or key in groups:
            continue
        name = _cli_name(verb, str(key))
        if isinstance(value, DictConfig | ListConfig):
            text = "[...]" if isinstance(value, ListConfig) else "{" + ", ".join(map(str, value.keys())) + "}"
        else:
            text = "??? (mandatory)" if OmegaConf.is_missing(cfg, key) else str(cfg._get_node(key)._value())
        lines.append(f"  {name}: {text}")
    if verb in SWEEPS:
        lines += ["", f"sweeps: autocoding {verb} -m model.optimizer.lr=1e-4,3e-4 thresholds.target_precision=0.9,0.95",
                  "  one run per combination under out=/sweep-<id>/<n>, all in one MLflow parent run (docs/configuration.md)"]
    lines += ["", f"options: {OPTIONS}", f"configs: {config_dir()}/{config_name}.yaml"]
    return "\n".join(lines)


def _split_config_dir(argv: list[str]) -> tuple[list[str], str | None]:
    """`--config-dir DIR` / `--config-dir=DIR` taken out of argv (anywhere)."""
    out, chosen, i = [], None, 0
    while i < len(argv):
        arg = argv[i]
        if arg in {"--config-dir", "-cd"}:
            if i + 1 >= len(argv):
                raise ValueError(f"{arg} needs a directory")
            chosen, i = argv[i + 1], i + 2
            continue
        if arg.startswith("--config-dir="):
            chosen = arg.split("=", 1)[1]
        else:
            out.append(arg)
        i += 1
    return out, chosen


def _hydra_override(override: str) -> str | None:
    key = override.split("=", 1)[0].lstrip("+~")
    return key if key == "hydra" or key.startswith(("hydra.", "hydra/")) else None


def _missing_message(verb: str, cfg) -> str | None:
    missing = [_cli_name(verb, k) for k in missing_keys(cfg)]
    if not missing:
        return None
    keys = ", ".join(f"{k}=" for k in missing)
    return f"autocoding {verb}: missing {keys}\n{verb_usage(verb)}\n(`autocoding {verb} --help` for every key)"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        argv, chosen_dir = _split_config_dir(argv)
    except ValueError as exc:
        print(f"autocoding: {exc}", file=sys.stderr)
        return 2
    if chosen_dir is None:
        return _main(argv)
    previous = os.environ.get("AUTOCODING_CONFIG_DIR")
    os.environ["AUTOCODING_CONFIG_DIR"] = chosen_dir  # also for configs the verb composes itself (the demo's)
    try:
        return _main(argv)
    finally:
        if previous is None:
            os.environ.pop("AUTOCODING_CONFIG_DIR", None)
        else:
            os.environ["AUTOCODING_CONFIG_DIR"] = previous


def _main(argv: list[str]) -> int:
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
    if any(a in {"-h", "--help"} for a in rest):
        try:
            print(verb_help(verb))
        except Exception as exc:  # a broken conf/ tree: say so rather than a traceback
            print(f"autocoding {verb}: cannot read its configuration: {exc}", file=sys.stderr)
            return 2
        return 0
    flags = {a for a in rest if a.startswith("-")}
    unknown = flags - {"--cfg", "-m", "--multirun"}
    if unknown:
        print(f"autocoding {verb}: unknown option {sorted(unknown)[0]!r}; options: {OPTIONS}\n{verb_usage(verb)}",
              file=sys.stderr)
        return 2
    print_cfg, multirun = "--cfg" in flags, bool(flags & {"-m", "--multirun"})
    overrides = [a for a in rest if not a.startswith("-")]
    for override in overrides:
        key = _hydra_override(override)
        if key:
            print(f"autocoding {verb}: {override!r} refused: " + HYDRA_RUNTIME.format(key=f"{key}="), file=sys.stderr)
            return 2
    if multirun and verb not in SWEEPS:
        print(f"autocoding {verb}: -m/--multirun sweeps are for: {', '.join(SWEEPS)}", file=sys.stderr)
        return 2
    for key, alias in KEY_ALIASES.get(verb, {}).items():
        overrides = [f"{alias}={a.split('=', 1)[1]}" if a.startswith(f"{key}=") else a for a in overrides]

    config_name, target, _ = VERBS[verb]
    try:
        combinations = sweep_combinations(overrides) if multirun else [overrides]
        configs = []
        for combination in combinations:
            cfg = compose(config_name, combination)
            message = _missing_message(verb, cfg)
            if message:
                print(message, file=sys.stderr)
                return 2
            check_targets(cfg)
            OmegaConf.to_container(cfg, resolve=True)  # every interpolation resolves before anything runs
            configs.append(cfg)
    except Exception as exc:  # hydra's own errors are clear; drop the traceback
        print(f"autocoding {verb}: bad configuration: {exc}\n{verb_usage(verb)}", file=sys.stderr)
        return 2
    if print_cfg:
        print("\n---\n".join(to_yaml(cfg) for cfg in configs))
        return 0
    module_name, func_name = (SWEEPS[verb] if multirun else target).split(":")
    func = getattr(importlib.import_module(module_name), func_name)
    try:
        result = func(list(zip(combinations, configs, strict=True))) if multirun else func(configs[0])
    except AutocodingError as exc:
        print(f"autocoding {verb}: error: {exc}", file=sys.stderr)
        return 1
    return result if isinstance(result, int) and not isinstance(result, bool) else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Finding and composing the Hydra configuration (the `conf/` tree).

The CLI has several verbs, each with its own entry config (`conf/<verb>.yaml`), so we use Hydra's
compose API rather than `@hydra.main` (so Hydra's job runtime, `hydra.*` settings, is not used). The config
directory is the first of these that holds a `train.yaml`:
1. `$AUTOCODING_CONFIG_DIR` (`autocoding --config-dir DIR ...` sets it for the command);
2. `conf/` in the working directory (a clone's conf/ wins when a verb runs from the clone, however it was installed);
3. `conf/` at the repository root beside the package (an editable install run from elsewhere);
4. `autocoding/conf` inside the installed wheel (copied there at build time).
"""

from __future__ import annotations

import os
from pathlib import Path

from omegaconf import DictConfig, OmegaConf

from autocoding.errors import ConfigError

PACKAGE_DIR = Path(__file__).resolve().parent


def config_dir() -> Path:
    env = os.environ.get("AUTOCODING_CONFIG_DIR")
    if env:  # an explicit choice is never passed over silently
        if not (Path(env) / "train.yaml").is_file():
            raise FileNotFoundError(f"AUTOCODING_CONFIG_DIR={env} holds no train.yaml: not an autocoding conf/ tree")
        return Path(env).resolve()
    candidates = [Path.cwd() / "conf", PACKAGE_DIR.parents[1] / "conf", PACKAGE_DIR / "conf"]
    for path in candidates:
        if (path / "train.yaml").is_file():
            return path.resolve()
    raise FileNotFoundError(
        "cannot find the autocoding config directory (conf/); set AUTOCODING_CONFIG_DIR. Tried: "
        + ", ".join(str(p) for p in candidates)
    )


def compose(config_name: str, overrides: list[str] | None = None) -> DictConfig:
    """Compose `conf/<config_name>.yaml` with command-line style overrides (`key=value`, `group=option`)."""
    from hydra import compose as hydra_compose
    from hydra import initialize_config_dir
    from hydra.core.global_hydra import GlobalHydra

    if GlobalHydra.instance().is_initialized():
        GlobalHydra.instance().clear()
    with initialize_config_dir(config_dir=str(config_dir()), version_base="1.3"):
        cfg = hydra_compose(config_name=config_name, overrides=list(overrides or []))
    return cfg


# `_target_` names what Hydra instantiates: from the command line (`+callbacks.x._target_=...`) it could name any
# callable on the machine (`pathlib.Path.unlink`, `pandas.read_pickle`). Only these prefixes are instantiated.
ALLOWED_TARGETS = (
    "autocoding.",
    "lightning.pytorch.Trainer",
    "lightning.pytorch.callbacks.",
    "lightning.pytorch.loggers.",
    "lightning.pytorch.strategies.",
    "torch.optim.",
)


def check_targets(cfg, path: str = "") -> None:
    """Raise ConfigError naming the key of any `_target_` outside ALLOWED_TARGETS (also `_partial_` ones)."""
    from omegaconf import ListConfig

    items = cfg.items_ex(resolve=False) if isinstance(cfg, DictConfig) else enumerate(cfg)
    for key, value in items:
        where = f"{path}.{key}" if path else str(key)
        if key == "_target_":
            target = str(value)
            if not any(target == p.rstrip(".") or target.startswith(p) for p in ALLOWED_TARGETS):
                raise ConfigError(f"{where}={target!r} is not something autocoding instantiates; allowed: "
                                  + ", ".join(ALLOWED_TARGETS))
        elif isinstance(value, DictConfig | ListConfig):
            check_targets(value, where)


def to_yaml(cfg: DictConfig) -> str:
    return OmegaConf.to_yaml(cfg, resolve=True)


def missing_keys(cfg, path: str = "") -> list[str]:
    """Dotted names of the mandatory (`???`) values the composed config still lacks."""
    from omegaconf import ListConfig

    found = []
    items = cfg.items_ex(resolve=False) if isinstance(cfg, DictConfig) else enumerate(cfg)
    for key, _ in items:
        where = f"{path}.{key}" if path else str(key)
        if OmegaConf.is_missing(cfg, key):
            found.append(where)
            continue
        value = cfg._get_node(key)
        if isinstance(value, DictConfig | ListConfig):
            found += missing_keys(value, where)
    return found


def group_choices(config_name: str) -> dict[str, str | None]:
    """{group: chosen option} of an entry config's defaults list (Hydra's own groups left out)."""
    from hydra import compose as hydra_compose
    from hydra import initialize_config_dir
    from hydra.core.global_hydra import GlobalHydra

    if GlobalHydra.instance().is_initialized():
        GlobalHydra.instance().clear()
    with initialize_config_dir(config_dir=str(config_dir()), version_base="1.3"):
        cfg = hydra_compose(config_name=config_name, return_hydra_config=True)
    choices = OmegaConf.to_container(cfg.hydra.runtime.choices)
    return {g: c for g, c in reversed(list(choices.items())) if not g.startswith("hydra")}


def group_options(group: str) -> list[str]:
    """The options of a config group: its YAML files under conf/<group>/, nested ones as `a/b`."""
    root = config_dir() / group
    return sorted(str(p.relative_to(root).with_suffix("")) for p in root.rglob("*.yaml")) if root.is_dir() else []


def sweep_combinations(overrides: list[str]) -> list[list[str]]:
    """Hydra's basic-sweeper expansion: `a=1,2 b=x,y` -> the 4 override lists (cartesian product, in order).

    The values are Hydra's sweep syntax (`a=1,2`, `a=range(1,4)`, `a=choice(x,y)`, `group=glob(*)`)."""
    import itertools

    from hydra.core.override_parser.overrides_parser import OverridesParser

    lists = []
    for override in OverridesParser.create().parse_overrides(list(overrides)):
        key = override.get_key_element()
        if not override.is_sweep_override():
            lists.append([f"{key}={override.get_value_element_as_str()}"])
        elif override.is_discrete_sweep():
            lists.append([f"{key}={value}" for value in override.sweep_string_iterator()])
        else:
            raise ConfigError(f"{override.input_line}: only lists of values (a=1,2 / range / choice / glob) can be "
                              "swept, not intervals")
    return [list(combination) for combination in itertools.product(*lists)]

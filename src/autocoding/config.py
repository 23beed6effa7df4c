"""Finding and composing the Hydra configuration (the `conf/` tree).

The CLI has several verbs, each with its own entry config (`conf/<verb>.yaml`), so we use Hydra's
compose API rather than `@hydra.main`. Resolution order for the config directory:
1. `$AUTOCODING_CONFIG_DIR`;
2. `conf/` at the repository root (editable installs, the clone);
3. `autocoding/conf` inside the installed wheel (copied there at build time).
"""

from __future__ import annotations

import os
from pathlib import Path

from omegaconf import DictConfig, OmegaConf

PACKAGE_DIR = Path(__file__).resolve().parent


def config_dir() -> Path:
    env = os.environ.get("AUTOCODING_CONFIG_DIR")
    candidates = [Path(env)] if env else []
    candidates += [PACKAGE_DIR.parents[1] / "conf", PACKAGE_DIR / "conf"]
    for path in candidates:
        if (path / "train.yaml").is_file():
            return path
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

    from autocoding.errors import ConfigError

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

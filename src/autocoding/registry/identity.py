"""Which model a URI names, for the record of what coded an episode: registered name, version, alias, run.

| URI | model_name | model_version | model_alias |
|---|---|---|---|
| `models:/NAME@ALIAS` | NAME | the version ALIAS points at now | ALIAS |
| `models:/NAME/VERSION` | NAME | VERSION | the version's aliases (`,`-joined), if any |
| `runs:/RUN/model` | the registered model of that run's version, if any | its version | its aliases |
| a bundle directory | the bundle's `model_name` (bundle.json) | "" | "" |
"""

from __future__ import annotations

import re

from autocoding.errors import InputError


def describe_model(uri: str, bundle_info=None) -> dict[str, str]:
    """{model_name, model_version, model_alias, model_run_id, model_uri} for `uri` (see module docstring)."""
    found = {"model_name": getattr(bundle_info, "model_name", "") or "", "model_version": "", "model_alias": "",
             "model_run_id": "", "model_uri": str(uri)}
    if not str(uri).startswith(("models:/", "runs:/")):
        return found
    from mlflow import MlflowClient

    client = MlflowClient()
    registry = re.fullmatch(r"models:/([^/@]+)(?:@([^/]+)|/(\d+))(/.*)?", str(uri))
    try:
        if registry:
            name, alias, number, _ = registry.groups()
            version = client.get_model_version_by_alias(name, alias) if alias else client.get_model_version(name, number)
            aliases = [alias] if alias else list(getattr(version, "aliases", []) or [])
        else:
            run_id = str(uri).removeprefix("runs:/").split("/", 1)[0]
            versions = client.search_model_versions(f"run_id='{run_id}'")
            if not versions:
                return {**found, "model_run_id": run_id}
            version = max(versions, key=lambda v: int(v.version))
            aliases = list(getattr(version, "aliases", []) or [])
    except Exception as exc:  # MlflowException: unknown model, version or alias
        raise InputError(f"model {uri!r}: {exc}") from exc
    return {**found, "model_name": version.name, "model_version": str(version.version),
            "model_alias": ",".join(sorted(aliases)), "model_run_id": version.run_id or ""}

"""Where a model URI's bundle lies on local disk: local directories as they are, MLflow URIs downloaded once.

`runs:/<run_id>/model` and `models:/<name>@<alias>` / `models:/<name>/<version>` point at the pyfunc model that
`autocoding train` logs; its bundle is the artifact `artifacts/bundle` inside it. Downloads go to
`<cache>/<key>` with an explicit `dst_path` (without it MLflow leaves temporary folders behind) and are reused:
a run's artifacts and a model version never change, and an alias is resolved to its version first, so moving
`production` fetches the new version rather than serving a stale copy. The key names the tracking and registry URIs and, for a
registry URI, the version's run and source (hashed), not just `name/version`: every tracking database has its
own `autocoding-endoscopy` version 1 (each demo work directory has one), and a cache keyed by name and version
alone served one database's model for another's (a production model scored with another run's bundle).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from autocoding.errors import InputError

BUNDLE_ARTIFACT = "bundle"  # the key in `artifacts={...}` of the logged pyfunc model
COMPLETE = ".complete"


def default_cache_dir() -> Path:
    return Path(os.environ.get("AUTOCODING_CACHE", Path.home() / ".cache" / "autocoding")) / "models"


def _bundle_in(path: Path) -> Path | None:
    """The bundle directory in `path`: itself, or `artifacts/bundle` of a downloaded pyfunc model."""
    for candidate in (path, path / "artifacts" / BUNDLE_ARTIFACT):
        if (candidate / "bundle.json").is_file():
            return candidate
    return None


def _resolve(uri: str) -> tuple[str, str]:
    """A model URI -> (the URI to download, its cache key). `models:/name@alias` becomes `models:/name/<version>`.

    The key is readable (`autocoding-endoscopy_3-<hash>`) and unique: the hash covers the tracking URI and, for a
    registry version, its run id, source and creation time.
    """
    import hashlib

    import mlflow

    identity = [mlflow.get_tracking_uri(), mlflow.get_registry_uri()]
    match = re.fullmatch(r"models:/([^/@]+)(?:@([^/]+)|/(\d+))(/.*)?", uri)
    if match:
        from mlflow import MlflowClient

        name, alias, number, rest = match.groups()
        client = MlflowClient()
        try:
            version = client.get_model_version_by_alias(name, alias) if alias else client.get_model_version(name, number)
        except Exception as exc:  # MlflowException: unknown model, version or alias
            raise InputError(f"model {uri!r}: {exc}") from exc
        uri = f"models:/{name}/{version.version}{rest or ''}"
        identity += [version.run_id or "", version.source or "", str(version.creation_timestamp)]
    identity.append(uri)
    digest = hashlib.sha256("\n".join(identity).encode()).hexdigest()[:12]
    key = re.sub(r"[^A-Za-z0-9._-]+", "_", uri.split(":/", 1)[1].strip("/"))
    return uri, f"{key}-{digest}"


def download(uri: str, cache_dir: str | Path | None = None) -> Path:
    """Download an MLflow model URI into the cache (once) and return the local model directory."""
    import mlflow

    os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
    uri, key = _resolve(uri)
    root = Path(cache_dir) if cache_dir else default_cache_dir()
    target = root / key
    if (target / COMPLETE).is_file():
        return target
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=root, prefix=f".{key}."))
    try:
        local = Path(mlflow.artifacts.download_artifacts(artifact_uri=uri, dst_path=str(tmp)))
        if local != tmp:  # the model folder inside dst_path: move its content up so the key holds it
            for item in local.iterdir():
                shutil.move(str(item), tmp / item.name)
            shutil.rmtree(local, ignore_errors=True)
        (tmp / COMPLETE).write_text(uri)
        shutil.rmtree(target, ignore_errors=True)
        os.replace(tmp, target)
    except Exception as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, InputError):
            raise
        raise InputError(f"cannot download model {uri!r}: {exc}") from exc
    return target


def resolve_bundle_dir(uri: str, cache_dir: str | Path | None = None) -> Path:
    """The local bundle directory for a model URI (see module docstring)."""
    if uri.startswith(("runs:/", "models:/")):
        local = download(uri, cache_dir)
    else:
        local = Path(uri).expanduser()
        if not local.is_dir():
            raise InputError(f"model {uri!r}: no such directory (or give runs:/<run_id>/model, models:/<name>@<alias>)")
    bundle = _bundle_in(local)
    if bundle is None:
        raise InputError("no model bundle here (bundle.json not found, nor artifacts/bundle/bundle.json)",
                         file=str(local))
    return bundle

"""The model bundle: a directory that codes new episodes without the training data.

```
bundle/
  bundle.json         what this is: format version, model name, segments, systems, code table releases, git commit,
                      created
  model.safetensors   CoderNetwork state dict (encoder + label-wise attention heads)
  encoder/config.json the transformers encoder config: the network is rebuilt from it, so a bundle does not need
                      the packaged MiniLM (or any pretrained path) on the machine that loads it
  tokenizer/          the fast tokenizer (save_pretrained)
  config.yaml         the resolved training configuration
  labels.json         per system: labels (id order), label2id, id2label
  thresholds.json     autocoding.policy.thresholds (per code present/absent/auto, primary)
  ood.json            autocoding.policy.ood.OODDetector statistics
  evidence.json       autocoding.policy.evidence.EvidenceDetector bounds (optional: without it no code is refused
                      for weak evidence)
  manifest.json       the dataset manifest (its hash identifies the training data)
  code_tables.json    {system: release} of the code tables the labels were validated against (also in bundle.json)
  cohort.json         the dataset's cohort rules (autocoding.data.cohort): which episodes the model may code
  linear/             the linear coder blended with the network (autocoding.model.linear_coder; optional: without
                      it the network's outputs are used alone)
```

Bundles written before cohort.json existed carry the rules in config.yaml (`dataset.cohort`) or in the manifest
(`config.cohort`); `Bundle.cohort` reads whichever is there, in that order ({} when none is).

`load_bundle(uri)` takes a local directory, `runs:/<run_id>/model` or `models:/<name>@<alias>` (or `/<version>`);
remote bundles are downloaded once into a cache directory (`registry.fetch`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from autocoding.errors import InputError
from autocoding.model.encoder import HeadSpec
from autocoding.model.linear_coder import LinearCoder
from autocoding.model.network import CoderNetwork
from autocoding.policy.evidence import EvidenceDetector
from autocoding.policy.ood import OODDetector
from autocoding.policy.thresholds import load_thresholds, save_thresholds

FORMAT_VERSION = 1
INFO_FILE = "bundle.json"
LINEAR_DIR = "linear"
REQUIRED = ("bundle.json", "model.safetensors", "encoder/config.json", "tokenizer", "labels.json", "thresholds.json")


@dataclass
class BundleInfo:
    """bundle.json: enough to rebuild the network and say where it came from."""

    model_name: str
    systems: list[str]
    segments: dict[str, int]  # SegmentSpec fields: max_length, max_segments
    head: dict[str, Any]  # HeadSpec fields
    dataset: str = ""
    dataset_hash: str = ""
    git_commit: str | None = None
    autocoding_version: str = ""
    code_tables: dict[str, str] = field(default_factory=dict)  # {system: release}, as code_tables.json
    created: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    format_version: int = FORMAT_VERSION


@dataclass
class Bundle:
    """A loaded bundle. `network` is a CoderNetwork in eval mode; `thresholds` {system: ThresholdTable};
    `ood` an OODDetector or None; `evidence` an EvidenceDetector or None; `config` the resolved training config as a plain dict."""

    path: Path
    info: BundleInfo
    network: Any
    tokenizer: Any
    labels: dict[str, list[str]]
    thresholds: dict
    ood: Any
    config: dict
    manifest: dict
    code_tables: dict
    cohort: dict = field(default_factory=dict)
    cohort_source: str = ""  # the file the rules came from ("" when the bundle has none)
    evidence: Any = None  # policy.evidence.EvidenceDetector from evidence.json; None when the bundle has none
    linear: Any = None  # model.linear_coder.LinearCoder from linear/; None when the bundle has none


def git_commit(cwd: str | Path | None = None) -> str | None:
    """HEAD of the repository holding `cwd` (suffixed `-dirty` with uncommitted changes); None outside git."""
    try:
        run = lambda *args: subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=10)  # noqa: E731
        head = run("rev-parse", "HEAD")
        if head.returncode != 0:
            return None
        dirty = run("status", "--porcelain", "--untracked-files=no").stdout.strip()
        return head.stdout.strip() + ("-dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return None


def dataset_hash(manifest: dict) -> str:
    """The dataset's identity: manifest.hash.dataset where the build wrote one, else a hash of the manifest."""
    value = (manifest.get("hash") or {}).get("dataset")
    if value:
        return str(value)
    import hashlib

    return "sha256:" + hashlib.sha256(json.dumps(manifest, sort_keys=True).encode()).hexdigest()


def _write_json(path: Path, value) -> None:
    path.write_text(json.dumps(value, indent=1, sort_keys=False))


def labels_json(labels: dict[str, list[str]]) -> dict:
    return {system: {"labels": list(codes), "label2id": {c: i for i, c in enumerate(codes)},
                     "id2label": {str(i): c for i, c in enumerate(codes)}} for system, codes in labels.items()}


def save_bundle(out: str | Path, *, network, tokenizer, info: BundleInfo, thresholds: dict, ood=None,
                config: dict | None = None, manifest: dict | None = None, code_tables: dict | None = None,
                cohort: dict | None = None, evidence=None, linear=None) -> Path:
    """Write the bundle to `out` atomically: built in a sibling temp dir, then renamed over any old bundle."""
    from omegaconf import OmegaConf
    from safetensors.torch import save_model

    out = Path(out)
    # the releases: given, else what the dataset was built against (its manifest records them)
    code_tables = dict(code_tables or (manifest or {}).get("code_tables") or info.code_tables)
    info = BundleInfo(**{**asdict(info), "code_tables": code_tables})
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}."))
    try:
        save_model(network, str(tmp / "model.safetensors"), metadata={"format": "pt"})
        network.encoder.config.save_pretrained(str(tmp / "encoder"))
        tokenizer.save_pretrained(str(tmp / "tokenizer"))
        _write_json(tmp / "labels.json", labels_json(network.labels))
        save_thresholds(thresholds, tmp / "thresholds.json")
        if ood is not None:
            ood.save(tmp / "ood.json")
        if evidence is not None:
            evidence.save(tmp / "evidence.json")
        if linear is not None:
            linear.save(tmp / LINEAR_DIR)
        (tmp / "config.yaml").write_text(OmegaConf.to_yaml(OmegaConf.create(config or {})))
        _write_json(tmp / "manifest.json", manifest or {})
        _write_json(tmp / "code_tables.json", code_tables)
        if cohort is not None:
            _write_json(tmp / "cohort.json", dict(cohort))
        _write_json(tmp / INFO_FILE, asdict(info))
        if out.exists():
            old = out.with_name(f".{out.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(out, old)
            os.replace(tmp, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read the model bundle: {exc}", file=str(path)) from exc


def check_bundle_dir(path: Path) -> Path:
    missing = [name for name in REQUIRED if not (path / name).exists()]
    if missing:
        raise InputError(f"not a model bundle: missing {missing}", file=str(path))
    return path


def build_network(path: Path, info: BundleInfo, labels: dict[str, list[str]]):
    """A CoderNetwork from encoder/config.json with the saved weights, in eval mode (no pretrained path needed)."""
    import transformers
    from safetensors.torch import load_model

    encoder = transformers.AutoModel.from_config(transformers.AutoConfig.from_pretrained(str(path / "encoder")))
    if getattr(encoder, "pooler", None) is not None:
        encoder.pooler = None  # as at training (autocoding.model.encoder.load_encoder)
    network = CoderNetwork(encoder, labels, HeadSpec(**info.head))
    missing, unexpected = load_model(network, str(path / "model.safetensors"), strict=False)
    if missing or unexpected:
        raise InputError(f"weights do not fit the network: missing {missing[:5]}, unexpected {unexpected[:5]}",
                         file=str(path / "model.safetensors"))
    return network.eval()


def cohort_rules(path: Path, config: dict, manifest: dict) -> tuple[dict, str]:
    """(cohort rules, where they came from): cohort.json, else config.yaml's dataset.cohort, else the manifest's."""
    if (path / "cohort.json").is_file():
        return _read_json(path / "cohort.json"), "cohort.json"
    for source, section in (("config.yaml", (config.get("dataset") or {}).get("cohort")),
                            ("manifest.json", (manifest.get("config") or {}).get("cohort"))):
        if isinstance(section, dict):
            return dict(section), source
    return {}, ""


def load_bundle_dir(path: str | Path) -> Bundle:
    """Load a bundle from a local directory."""
    import transformers
    from omegaconf import OmegaConf

    path = check_bundle_dir(Path(path))
    raw = _read_json(path / INFO_FILE)
    if raw.get("format_version") != FORMAT_VERSION:
        raise InputError(f"unsupported bundle format {raw.get('format_version')!r}", file=str(path / INFO_FILE))
    info = BundleInfo(**raw)
    labels = {system: list(entry["labels"]) for system, entry in _read_json(path / "labels.json").items()}
    thresholds = load_thresholds(path / "thresholds.json")
    for system, codes in labels.items():
        if system not in thresholds or list(thresholds[system].labels) != codes:
            raise InputError(f"thresholds for {system!r} do not match labels.json", file=str(path / "thresholds.json"))
    evidence = EvidenceDetector.load(path / "evidence.json") if (path / "evidence.json").is_file() else None
    if evidence is not None and evidence.labels != labels:
        raise InputError("evidence bounds do not match labels.json", file=str(path / "evidence.json"))
    linear = LinearCoder.load(path / LINEAR_DIR) if (path / LINEAR_DIR).is_dir() else None
    if linear is not None and linear.labels != labels:
        raise InputError("the linear coder's labels do not match labels.json", file=str(path / LINEAR_DIR))
    config = OmegaConf.to_container(OmegaConf.load(path / "config.yaml")) if (path / "config.yaml").is_file() else {}
    manifest = _read_json(path / "manifest.json") if (path / "manifest.json").is_file() else {}
    cohort, cohort_source = cohort_rules(path, config or {}, manifest)
    return Bundle(
        path=path, info=info, network=build_network(path, info, labels),
        tokenizer=transformers.AutoTokenizer.from_pretrained(str(path / "tokenizer"), local_files_only=True),
        labels=labels, thresholds=thresholds,
        ood=OODDetector.load(path / "ood.json") if (path / "ood.json").is_file() else None,
        config=config or {}, manifest=manifest,
        code_tables=_read_json(path / "code_tables.json") if (path / "code_tables.json").is_file() else {},
        cohort=cohort, cohort_source=cohort_source,
        evidence=evidence, linear=linear,
    )


def load_bundle(uri: str | Path, cache_dir: str | Path | None = None) -> Bundle:
    """Load from a local directory, `runs:/<run_id>/model`, or `models:/<name>@<alias>` / `models:/<name>/<v>`."""
    from autocoding.registry.fetch import resolve_bundle_dir

    return load_bundle_dir(resolve_bundle_dir(str(uri), cache_dir))

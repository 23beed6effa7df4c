"""The frozen evaluation set of a specialty: the episodes every promotion is judged on, which no training may use.

Made once per registered model (`autocoding freeze`, or at the first `autocoding promote` from the test split of
the dataset the challenger was trained on): the split's rows (episode_id, patient_id, text, codes per system) are
written to `<frozen_dir>/frozen.parquet` and `episode_ids.txt`, and the registered model records where it is and
what it holds as tags: `frozen_set.path`, `frozen_set.hash` (SHA-256 over the sorted rows: ids, text and codes),
`frozen_set.episodes`. Every later use checks the hash, so an edited file is caught, and `autocoding train` refuses
a dataset whose training or validation split holds any frozen episode or any patient of one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from autocoding.data.dataset_reader import read_dataset
from autocoding.errors import ConfigError, InputError
from autocoding.files import write_atomic_with, write_text_atomic

FILE, IDS = "frozen.parquet", "episode_ids.txt"
TAG_PATH, TAG_HASH, TAG_EPISODES = "frozen_set.path", "frozen_set.hash", "frozen_set.episodes"


@dataclass
class FrozenSet:
    path: Path
    frame: pd.DataFrame  # episode_id, patient_id, text, one list column per code system
    digest: str

    @property
    def systems(self) -> list[str]:
        return [c for c in self.frame.columns if c not in ("episode_id", "patient_id", "text")]

    def gold(self) -> dict[str, list[list[str]]]:
        return {s: [list(codes) for codes in self.frame[s]] for s in self.systems}


def content_hash(frame: pd.DataFrame) -> str:
    rows = frame.sort_values("episode_id")
    digest = hashlib.sha256()
    for record in rows.to_dict("records"):
        digest.update(json.dumps({k: (list(v) if not isinstance(v, str) else v) for k, v in record.items()},
                                 sort_keys=True, default=str).encode())
    return digest.hexdigest()


def make_frozen_set(dataset_dir: str | Path, out_dir: str | Path, split: str = "test") -> FrozenSet:
    """Copy one split of a built dataset to `out_dir` (refusing to overwrite an existing frozen set)."""
    out = Path(out_dir)
    if (out / FILE).exists():
        raise ConfigError(f"{out / FILE} exists: a frozen set is made once; give another frozen_dir")
    dataset = read_dataset(dataset_dir, [split])
    columns = ["episode_id", "patient_id", "text", *dataset.systems]
    frame = dataset.split(split, columns).select_columns(columns).to_pandas()
    systems = dataset.systems
    frame[systems] = frame[systems].map(lambda codes: [str(c) for c in codes])
    out.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_atomic_with(out / FILE, lambda tmp: frame.to_parquet(tmp, index=False))
    write_text_atomic(out / IDS, "".join(f"{e}\n" for e in sorted(frame["episode_id"])))
    return FrozenSet(out, frame, content_hash(frame))


def load_frozen_set(path: str | Path, expected_hash: str | None = None) -> FrozenSet:
    path = Path(path)
    try:
        frame = pd.read_parquet(path / FILE)
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read the frozen evaluation set: {exc}", file=str(path / FILE)) from exc
    for column in [c for c in frame.columns if c not in ("episode_id", "patient_id", "text")]:
        frame[column] = frame[column].map(lambda codes: [str(c) for c in codes])
    digest = content_hash(frame)
    if expected_hash and digest != expected_hash:
        raise InputError(f"the frozen evaluation set has changed since it was recorded (hash {digest[:12]}, "
                         f"registry says {expected_hash[:12]}): restore it, never edit it", file=str(path / FILE))
    return FrozenSet(path, frame, digest)


def record(client, model_name: str, frozen: FrozenSet) -> None:
    """Registered-model tags naming the frozen set (made once: an existing record is never replaced)."""
    for key, value in ((TAG_PATH, str(frozen.path.resolve())), (TAG_HASH, frozen.digest),
                       (TAG_EPISODES, str(len(frozen.frame)))):
        client.set_registered_model_tag(model_name, key, value)


def recorded(client, model_name: str) -> FrozenSet | None:
    """The model's frozen set, checked against its recorded hash; None when none was made yet."""
    tags = client.get_registered_model(model_name).tags
    if TAG_PATH not in tags:
        return None
    return load_frozen_set(tags[TAG_PATH], tags.get(TAG_HASH))


def overlap(frozen: FrozenSet, episode_ids, patient_ids) -> tuple[set[str], set[str]]:
    """(frozen episodes found, frozen patients found) among the given ids."""
    episodes = set(map(str, frozen.frame["episode_id"])) & set(map(str, episode_ids))
    patients = set(map(str, frozen.frame["patient_id"])) & set(map(str, patient_ids))
    return episodes, patients

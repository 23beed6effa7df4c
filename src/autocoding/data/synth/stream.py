"""Episodes as a stream of column batches: generation never holds more than one batch.

Each patient has their own `random.Random`, seeded from (seed, specialty, patient number), so the output depends
on the seed alone (not on the batch size) and any patient can be regenerated on its own. The same generator then
draws the coded-history errors and whether the episode is audited.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from . import endoscopy, neurology
from .coding_errors import code_history

SPECIALTIES = {"endoscopy": endoscopy, "neurology": neurology}
YEAR_START = dt.date(2025, 4, 1)   # an NHS financial year
_DATES = [(YEAR_START + dt.timedelta(days=d)).isoformat() for d in range(400)]


@dataclass(frozen=True, slots=True)
class SynthSettings:
    specialty: str
    n_episodes: int
    seed: int
    coding_error_rate: float
    audit_fraction: float
    batch_size: int
    id_offset: int = 0        # first patient number and first episode number: extracts with other offsets share no ids
    styles: tuple[tuple[str, float], ...] | None = None  # (house style, weight) pairs; None: the generator's own mix


@dataclass(slots=True)
class Batch:
    """Column lists for the three tables (episodes, documents, audit) of one batch."""

    episodes: dict[str, list] = field(default_factory=lambda: {k: [] for k in EPISODE_COLUMNS})
    documents: dict[str, list] = field(default_factory=lambda: {k: [] for k in DOCUMENT_COLUMNS})
    audit: dict[str, list] = field(default_factory=lambda: {k: [] for k in AUDIT_COLUMNS})

    def __len__(self) -> int:
        return len(self.episodes["episode_id"])


EPISODE_COLUMNS = ("episode_id", "patient_id", "specialty", "admission_method", "patient_class", "episode_start",
                   "episode_end", "age", "sex", "diagnoses", "procedures")
DOCUMENT_COLUMNS = ("episode_id", "doc_id", "doc_type", "text")
AUDIT_COLUMNS = ("episode_id", "diagnoses", "procedures")


def batches(settings: SynthSettings) -> Iterator[Batch]:
    """Yield batches of `settings.batch_size` episodes (the last may be smaller) until `n_episodes`."""
    module = SPECIALTIES[settings.specialty]
    styles = settings.styles or module.STYLES
    batch = Batch()
    n = 0
    patient_no = settings.id_offset
    while n < settings.n_episodes:
        rng = random.Random(f"{settings.seed}:{settings.specialty}:{patient_no}")
        patient = module.new_patient(rng, patient_no)
        for episode in module.patient_episodes(rng, patient, settings.id_offset + n, settings.n_episodes - n, styles):
            dx, px = code_history(rng, episode, settings.coding_error_rate)
            _add(batch, episode, dx, px, rng.random() < settings.audit_fraction)
            n += 1
            if len(batch) >= settings.batch_size:
                yield batch
                batch = Batch()
        patient_no += 1
    if len(batch):
        yield batch


def _add(batch: Batch, episode, dx: list[str], px: list[str], audited: bool) -> None:
    e = batch.episodes
    e["episode_id"].append(episode.episode_id)
    e["patient_id"].append(episode.patient_id)
    e["specialty"].append(episode.specialty)
    e["admission_method"].append(episode.admission_method)
    e["patient_class"].append(episode.patient_class)
    e["episode_start"].append(_DATES[episode.start_day])
    e["episode_end"].append(_DATES[episode.start_day + episode.length_of_stay])
    e["age"].append(episode.age)
    e["sex"].append(episode.sex)
    e["diagnoses"].append(dx)
    e["procedures"].append(px)
    d = batch.documents
    for i, (doc_type, text) in enumerate(episode.documents):
        d["episode_id"].append(episode.episode_id)
        d["doc_id"].append(f"{episode.episode_id}-D{i + 1}")
        d["doc_type"].append(doc_type)
        d["text"].append(text)
    if audited:
        a = batch.audit
        a["episode_id"].append(episode.episode_id)
        a["diagnoses"].append(list(episode.diagnoses))
        a["procedures"].append(list(episode.procedures))

"""The dataset build from a trust extract, in two streaming passes (the 1.1M-episode build fits in a few GiB).

Pass 1 (no text): episode batches through the cohort, the documents' (episode_id, doc_type) columns for "has a
usable document", the audit, then the patient split (autocoding.data.episode_table).
Pass 2 (text): document batches spread over bucket files by episode, each bucket joined and written to its split
(autocoding.data.text_join), so memory holds one bucket's text at a time.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from autocoding.data.dataset_spec import BuildOptions
from autocoding.data.dataset_writer import DatasetDictWriter
from autocoding.data.episode_table import EpisodeSelector, SelectedEpisodes
from autocoding.data.manifest import Exclusions
from autocoding.data.split import SPLITS
from autocoding.data.text_join import DocumentBuckets, bucket_bounds, bucket_tables, spread
from autocoding.files import checkpoint

log = logging.getLogger(__name__)


class ExtractStream(Protocol):
    """What the build reads from an extract (autocoding.data.extract provides it)."""

    def episode_batches(self) -> Iterator[pd.DataFrame]: ...  # loader columns, codes canonical lists

    def document_batches(self, columns: list[str]) -> Iterator[pa.Table]: ...

    def audit(self) -> pd.DataFrame | None: ...  # episode_id + diagnoses/procedures, or None

    def quarantine(
        self,
    ) -> pd.DataFrame: ...  # file, row, column, reason (complete once the batches are read)


@dataclass
class WrittenDataset:
    writer: DatasetDictWriter
    dataset_hash: str
    exclusions: Exclusions
    input_episodes: int
    extra_quarantine: list[list] = field(default_factory=list)  # rows found by the build itself
    timings: dict[str, float] = field(default_factory=dict)


def documented_episodes(stream: ExtractStream, types: tuple[str, ...]) -> set[str]:
    """Ids of episodes with at least one document of the configured types (text not read)."""
    wanted = pa.array(types, pa.string())
    found: set[str] = set()
    for batch in stream.document_batches(["episode_id", "doc_type"]):
        mask = pc.is_in(batch.column("doc_type").cast(pa.string()), value_set=wanted)
        found.update(pc.unique(batch.column("episode_id").filter(mask).cast(pa.string())).to_pylist())
    return found


def select_episodes(stream: ExtractStream, options: BuildOptions) -> SelectedEpisodes:
    selector = EpisodeSelector(options.dataset)
    for batch in stream.episode_batches():
        selector.add(batch)
    documented = documented_episodes(stream, options.dataset.document_types)
    return selector.finish(documented, stream.audit(), options.seed)


def write_texts(stream: ExtractStream, selected: SelectedEpisodes, options: BuildOptions, out: Path) -> tuple:
    """Pass 2. Returns (writer, dataset hash, episodes dropped for lack of non-blank text)."""
    table = selected.table
    systems = list(options.dataset.systems)
    split = table.column("split").to_numpy()
    bounds = bucket_bounds(split, options.episodes_per_bucket)
    work = out / "_work"
    buckets = DocumentBuckets(
        pd.Index(table.column("episode_id").to_pandas()), bounds, options.dataset.document_types, work
    )
    spread(stream.document_batches(["episode_id", "doc_type", "text"]), buckets)
    writer = DatasetDictWriter(out, systems, SPLITS)
    blank = 0
    for bucket, episodes, texts in bucket_tables(buckets, len(bounds) - 1):
        start, end = int(bounds[bucket]), int(bounds[bucket + 1])
        blank += (end - start) - len(episodes)
        rows = table.take(pa.array(episodes)).drop_columns(["split"])
        rows = rows.add_column(2, "text", texts.cast(pa.string()))
        writer.write(SPLITS[int(split[start])], rows)
    shutil.rmtree(work, ignore_errors=True)
    return writer, writer.close(), blank


def build_from_extract(stream: ExtractStream, options: BuildOptions, out: Path) -> WrittenDataset:
    started = time.perf_counter()
    selected = select_episodes(stream, options)
    pass1 = time.perf_counter() - started
    log.info(
        "pass 1: %d episodes read, %d kept, excluded %s (%.1f s)",
        selected.input_episodes,
        selected.table.num_rows,
        selected.exclusions.as_dict(),
        pass1,
    )
    checkpoint("build-pass-1-done")
    writer, dataset_hash, blank = write_texts(stream, selected, options, out)
    checkpoint("build-pass-2-done")
    selected.exclusions.no_document += blank
    log.info(
        "pass 2: %d episodes written (%.1f s)",
        sum(writer.counts.episodes.values()),
        time.perf_counter() - started - pass1,
    )
    extra = [
        ["", None, "episode_id", f"duplicate episode_id {eid}: first row kept"] for eid in selected.duplicates
    ]
    return WrittenDataset(
        writer=writer,
        dataset_hash=dataset_hash,
        exclusions=selected.exclusions,
        input_episodes=selected.input_episodes,
        extra_quarantine=extra,
        timings={"pass1_s": pass1, "pass2_s": time.perf_counter() - started - pass1},
    )

"""Episode texts for serving, joined exactly as the dataset build joins them (`autocoding.data.text_join`).

A model only knows the text layout it was trained on: the configured document types, in the configured order,
each headed by `[doc_type]` on its own line, separated by a blank line. Serving and `autocoding evaluate` join an
extract's documents with the same function the build uses, so the layout cannot drift.

`join_episode_sections` also says where each document's text lies in the joined text (`Section`), so a position
the model points at (evidence) can be traced back to the document and the character offset in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from autocoding.data.text_join import DOCUMENT_SEPARATOR, join_documents


@dataclass(frozen=True)
class Section:
    """One document inside an episode's joined text: joined[start:end] == document_text[offset:offset + end - start]
    (the document's text with its leading and trailing whitespace trimmed, as the join writes it)."""

    doc_id: str
    doc_type: str
    start: int
    end: int
    offset: int


def _kept(documents: pd.DataFrame, ids: pd.Index, types: Sequence[str]):
    """(episode index, type rank, extract order, text) of the documents the join reads, as a pyarrow table."""
    import pyarrow as pa

    type_index = {t: i for i, t in enumerate(types)}
    episode = ids.get_indexer(documents["episode_id"].astype(str))
    rank = documents["doc_type"].astype(str).map(type_index)
    keep = (episode >= 0) & rank.notna().to_numpy() & documents["text"].notna().to_numpy()
    table = pa.table({
        "episode": pa.array(episode[keep], pa.int64()),
        "type_rank": pa.array(rank[keep].astype(np.int8).to_numpy(), pa.int8()),
        "seq": pa.array(np.flatnonzero(keep), pa.int64()),
        "text": pa.array(documents["text"][keep].astype(str).tolist(), pa.large_string()),
    })
    return table, keep


def join_episode_texts(documents: pd.DataFrame, episode_ids: Sequence[str], types: Sequence[str]) -> list[str]:
    """One text per episode id (in `episode_ids` order; "" where an episode has no document of these types).

    documents: columns episode_id, doc_type, text (one row per document, in extract order).
    """
    import pyarrow as pa

    ids = pd.Index([str(e) for e in episode_ids])
    table, _ = _kept(documents, ids, types)
    texts = [""] * len(ids)
    if table.num_rows:
        rows, joined = join_documents(table, pa.array(list(types), pa.string()))
        for row, text in zip(rows.tolist(), joined.to_pylist(), strict=True):
            texts[row] = text
    return texts


def join_episode_sections(documents: pd.DataFrame, episode_ids: Sequence[str], types: Sequence[str]
                          ) -> tuple[list[str], list[list[Section]]]:
    """The joined texts (as `join_episode_texts`) and, per episode, where each document lies in its text.

    documents: columns episode_id, doc_id, doc_type, text.
    """
    import pyarrow.compute as pc

    texts = join_episode_texts(documents, episode_ids, types)
    ids = pd.Index([str(e) for e in episode_ids])
    table, keep = _kept(documents, ids, types)
    sections: list[list[Section]] = [[] for _ in ids]
    if not table.num_rows:
        return texts, sections
    frame = pd.DataFrame({
        "episode": table.column("episode").to_numpy(), "rank": table.column("type_rank").to_numpy(),
        "seq": table.column("seq").to_numpy(), "doc_id": documents["doc_id"].astype(str).to_numpy()[keep],
        "text": table.column("text").to_pylist(),
        "trimmed": pc.utf8_trim_whitespace(table.column("text")).to_pylist(),
    })
    frame = frame[frame["trimmed"].str.len() > 0].sort_values(["episode", "rank", "seq"], kind="stable")
    position, current = 0, -1
    for episode, rank, doc_id, text, trimmed in zip(frame["episode"].tolist(), frame["rank"].tolist(),
                                                   frame["doc_id"].tolist(), frame["text"].tolist(),
                                                   frame["trimmed"].tolist(), strict=True):
        if episode != current:
            position, current = 0, episode
        start = position + len(f"[{types[rank]}]\n")
        end = start + len(trimmed)
        if texts[episode][start:end] != trimmed:  # the join's layout changed: evidence would point elsewhere
            raise AssertionError(f"document {doc_id!r} is not where the join put it")
        sections[episode].append(Section(doc_id, str(types[rank]), start, end, text.find(trimmed)))
        position = end + len(DOCUMENT_SEPARATOR)
    return texts, sections


def sections_from_text(text: str, types: Sequence[str]) -> list[Section]:
    """The sections of an already joined text (a pyfunc caller sends the text, not the documents): each
    `[doc_type]` header of a known type at the start or after a blank line opens one; doc_id is the type and
    offsets stay those of the text (offset == start)."""
    import re

    pattern = re.compile(r"(?:^|(?<=\n\n))\[(" + "|".join(re.escape(t) for t in types) + r")\]\n")
    heads = list(pattern.finditer(text)) if types else []
    sections = []
    for k, head in enumerate(heads):
        end = heads[k + 1].start() - len(DOCUMENT_SEPARATOR) if k + 1 < len(heads) else len(text)
        sections.append(Section(head.group(1), head.group(1), head.end(), max(head.end(), end), head.end()))
    return sections

"""Episode texts for serving, joined exactly as the dataset build joins them (`autocoding.data.text_join`).

A model only knows the text layout it was trained on: the configured document types, in the configured order,
each headed by `[doc_type]` on its own line, separated by a blank line. Serving and `autocoding evaluate` join an
extract's documents with the same function the build uses, so the layout cannot drift.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


def join_episode_texts(documents: pd.DataFrame, episode_ids: Sequence[str], types: Sequence[str]) -> list[str]:
    """One text per episode id (in `episode_ids` order; "" where an episode has no document of these types).

    documents: columns episode_id, doc_type, text (one row per document, in extract order).
    """
    import pyarrow as pa

    from autocoding.data.text_join import join_documents

    ids = pd.Index([str(e) for e in episode_ids])
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
    texts = [""] * len(ids)
    if table.num_rows:
        rows, joined = join_documents(table, pa.array(list(types), pa.string()))
        for row, text in zip(rows.tolist(), joined.to_pylist(), strict=True):
            texts[row] = text
    return texts

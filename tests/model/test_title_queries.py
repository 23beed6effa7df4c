"""Code-title initialisation of the label-wise attention queries (autocoding.model.title_queries)."""

from __future__ import annotations

import torch

from autocoding.model.label_attention import LabelWiseAttention
from autocoding.model.title_queries import code_titles


class _Codes:
    titles = {"K57.3": "Diverticular disease of large intestine without perforation or abscess",
              "K58.0": "Irritable bowel syndrome [UK 5th Edition code K58.0]", "Z99.9": ""}

    def title(self, code: str) -> str:
        return self.titles[code]


def test_titles_are_cleaned_and_missing_ones_are_none():
    assert code_titles(["K57.3", "K58.0", "Z99.9", "X00.0"], _Codes()) == [
        "Diverticular disease of large intestine without perforation or abscess", "Irritable bowel syndrome",
        None, None]
    assert code_titles(["K57.3"], None) == [None]


def test_first_query_points_at_its_title_at_a_random_querys_norm():
    torch.manual_seed(0)
    head = LabelWiseAttention(hidden=16, n_labels=3, attention_dim=8, queries=2)
    before = head.queries.detach().clone()
    titles = torch.randn(2, 16)
    head.init_queries([0, 2], titles)
    q = head.queries.detach().reshape(3, 2, 8)
    for label, title in zip((0, 2), titles, strict=True):
        target = torch.tanh(head.project.weight.detach() @ title)
        assert torch.allclose(q[label, 0], target / target.norm(), atol=1e-6)
        assert torch.equal(q[label, 1], before.reshape(3, 2, 8)[label, 1])  # the other query stays free
    assert torch.equal(q[1], before.reshape(3, 2, 8)[1])  # a code without a title keeps its random queries


def test_a_token_that_reads_like_the_title_draws_the_attention():
    """Before any training, a code's attention goes to the token whose state is its title's, not elsewhere."""
    torch.manual_seed(1)
    head = LabelWiseAttention(hidden=32, n_labels=4, attention_dim=64, dropout=0.0)
    tokens = torch.randn(1, 10, 32) * 3
    head.init_queries([0, 1, 2, 3], tokens[0, [2, 5, 7, 9]])
    scores = torch.tanh(tokens @ head.project.weight.t()) @ head.queries.t()  # (1, 10, 4)
    assert scores[0].argmax(dim=0).tolist() == [2, 5, 7, 9]

"""autocoding_coding: ICD-10 / OPCS-4 auto-coding metrics for Hugging Face `evaluate`, wrapping `autocoding`.

Two configurations:
- `labels` (default): per-episode label-space probabilities against multi-hot gold labels, one code system at a
  time: the metric set of `autocoding.metrics.metric_set.system_metrics` (the same function as training and
  `autocoding evaluate`), returned without the `split/system/` prefix.
- `audit`: per-episode decided code sequences (primary first) against gold ones, for diagnoses and procedures:
  the clinical coding audit fields and, given `auto` flags, the automation rate and auto-coded accuracy, from
  `autocoding.eval.audit`.

    >>> import evaluate
    >>> from autocoding.eval.hf_metric import metric_dir
    >>> metric = evaluate.load(str(metric_dir()), "audit")
    >>> metric.compute(predictions=[{"diagnoses": ["K21.9"], "procedures": []}],
    ...                references=[{"diagnoses": ["K21.9"], "procedures": []}], auto=[True])["automation_accuracy"]
    1.0

The numbers are those of the autocoding functions exactly (this file only converts inputs); it needs the
`autocoding` package installed and downloads nothing.
"""

import datasets
import evaluate
import numpy as np

from autocoding.metrics.metric_set import system_metrics

_DESCRIPTION = __doc__
_CITATION = ""
_KWARGS_DESCRIPTION = """
labels: predictions (N lists of L probabilities), references (N lists of L 0/1 labels); kwargs `threshold`
(float or list of L per-code thresholds, default 0.5), `k` (precision@k, default 5), `n_bins` (calibration, 10).
audit: predictions and references are N dicts {"diagnoses": [codes], "procedures": [codes]}, primary first;
kwarg `auto` (N booleans, optional) adds `automation_rate` and `automation_accuracy`.
"""

_SEQUENCES = {"diagnoses": datasets.Sequence(datasets.Value("string")),
              "procedures": datasets.Sequence(datasets.Value("string"))}


@evaluate.utils.file_utils.add_start_docstrings(_DESCRIPTION, _KWARGS_DESCRIPTION)
class AutocodingCoding(evaluate.Metric):
    def _info(self):
        if self.config_name == "audit":
            features = datasets.Features({"predictions": _SEQUENCES, "references": _SEQUENCES})
        elif self.config_name in ("default", "labels"):
            features = datasets.Features({"predictions": datasets.Sequence(datasets.Value("float32")),
                                          "references": datasets.Sequence(datasets.Value("int32"))})
        else:
            raise KeyError(f"unknown configuration {self.config_name!r}; use 'labels' or 'audit'")
        return evaluate.MetricInfo(description=_DESCRIPTION, citation=_CITATION, inputs_description=_KWARGS_DESCRIPTION,
                                   features=features)

    def _compute(self, predictions, references, threshold=0.5, k=5, n_bins=10, auto=None):
        if self.config_name == "audit":
            return _audit(predictions, references, auto)
        return _labels(predictions, references, threshold, k, n_bins)


def _labels(predictions, references, threshold, k, n_bins):
    scores = system_metrics("labels", "codes", np.asarray(predictions, dtype=np.float64),
                            np.asarray(references, dtype=np.int64), threshold=threshold, k=k, n_bins=n_bins)
    return {key.removeprefix("labels/codes/"): value for key, value in scores.items()}


def _audit(predictions, references, auto):
    from autocoding.eval.audit import audit_fields, automation_figures

    systems = {"diagnoses": "icd10", "procedures": "opcs4"}  # roles only: the audit does not depend on the version
    predicted = {systems[key]: [list(p[key]) for p in predictions] for key in systems}
    gold = {systems[key]: [list(r[key]) for r in references] for key in systems}
    result = audit_fields(predicted, gold)
    scores = {name: prop.value for name, prop in result.fields.items()}
    if auto is not None:
        figures = automation_figures(np.asarray(auto, dtype=bool), result.episode_correct)
        scores["automation_rate"] = figures["rate"].value
        scores["automation_accuracy"] = figures["accuracy"].value
    return scores

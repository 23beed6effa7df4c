"""The runtime policy a bundle ships: what turns a model's probabilities into codes a coding service submits.

Per-code threshold tables (`thresholds`), the coding rules of the code systems precomputed per label (`rules`), the
sequencing of codes as coders record them (`sequence`), the auto-code decision with its exception reasons
(`decision`), the out-of-distribution detector (`ood`), the model outputs as arrays (`outputs`) and the confidence
bounds they rest on (`bounds`). Training fits nothing here; `eval` fits and judges it, `registry` saves it in a
bundle, `serving` applies it. numpy only: no torch, no MLflow.
"""

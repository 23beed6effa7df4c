"""The registry: the model bundle on disk (`bundle`), MLflow URIs resolved to local bundles (`fetch`), MLflow
logging (`tracking`, `judgement`), the frozen evaluation sets (`frozen`), the promotion gate (`gate`) and the
aliases it moves (`promotion`). Knows how models are stored, judged and recorded, never how episodes are coded (that is `autocoding.serving`, above it).
"""

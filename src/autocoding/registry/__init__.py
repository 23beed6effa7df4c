"""The registry: the model bundle on disk (`bundle`), MLflow URIs resolved to local bundles (`fetch`), MLflow
logging (`tracking`) and champion/challenger decisions (`promotion`). Knows how models are stored and judged
records are kept, never how episodes are coded (that is `autocoding.serving`, above it).
"""

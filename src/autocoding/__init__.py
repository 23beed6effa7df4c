"""autocoding: train, evaluate and ship clinical auto-coders (ICD-10, OPCS-4).

Layers, each importing only those below it (the contract in pyproject.toml, `[tool.importlinter]`, checked by
`lint-imports` in CI; docs/architecture.md says what each holds):
errors -> config | files -> codes -> data -> model | metrics -> train | policy -> eval | baselines -> registry -> serving
-> pipelines -> cli.
"""

__version__ = "0.1.0"

"""autocoding: train, evaluate and ship clinical auto-coders (ICD-10, OPCS-4).

Layers, each knowing only those below it:
codes -> data -> model/train -> eval -> registry/serving -> pipelines.
"""

__version__ = "0.1.0"

"""Serving: coding new episodes with a model bundle (`predictor.Coder`), their texts joined as the build joins
them (`texts`), and the MLflow pyfunc that wraps a bundle (`pyfunc_model`, logged as a "model from code").
"""

from pathlib import Path

PYFUNC_FILE = Path(__file__).with_name("pyfunc_model.py")  # logged by path: MLflow copies it, no pickled weights

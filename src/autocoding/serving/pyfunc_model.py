"""The MLflow pyfunc logged by `autocoding train` ("models from code": MLflow copies this file; the weights live
once, in the bundle artifact, instead of being pickled a second time).

`mlflow.pyfunc.load_model("runs:/<run_id>/model").predict(DataFrame(episode_id, text, cohort fields))` returns
one row per episode in the columns of `autocoding code`'s coded.csv (status, codes, probabilities, evidence,
reasons; `serving.pyfunc_io` has the signature). `mlflow models serve -m <model> --env-manager local` serves it.
"""

from __future__ import annotations

import mlflow
from mlflow.pyfunc import PythonModel


class AutocodingModel(PythonModel):
    def load_context(self, context) -> None:
        from autocoding.serving.predictor import Coder

        self.coder = Coder.from_bundle(context.artifacts["bundle"])

    def predict(self, context, model_input, params=None):
        from autocoding.serving.pyfunc_io import predict_frame

        return predict_frame(self.coder, model_input)


mlflow.models.set_model(AutocodingModel())

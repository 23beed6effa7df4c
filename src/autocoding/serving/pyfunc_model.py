"""The MLflow pyfunc logged by `autocoding train` ("models from code": MLflow copies this file; the weights live
once, in the bundle artifact, instead of being pickled a second time).

`mlflow.pyfunc.load_model("runs:/<run_id>/model").predict(DataFrame(episode_id, text))` returns one row per
episode: episode_id, auto (bool), one column per code system (codes, primary first, joined by ';'), reasons.
"""

from __future__ import annotations

import mlflow
from mlflow.pyfunc import PythonModel


class AutocodingModel(PythonModel):
    def load_context(self, context) -> None:
        from autocoding.serving.predictor import Coder

        self.coder = Coder.from_bundle(context.artifacts["bundle"])

    def predict(self, context, model_input, params=None):
        frame = self.coder.code(model_input).to_frame()
        for system in self.coder.systems:
            frame[system] = [";".join(codes) for codes in frame[system]]
        frame["reasons"] = ["; ".join(reasons) for reasons in frame["reasons"]]
        return frame


mlflow.models.set_model(AutocodingModel())

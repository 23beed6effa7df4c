"""`_target_` overrides from the command line are limited to what the configs instantiate."""

from __future__ import annotations

import pytest

from autocoding.cli import main
from autocoding.config import check_targets, compose
from autocoding.errors import ConfigError


def test_every_packaged_target_is_allowed():
    for verb, extra in (("train", []), ("train", ["trainer=gpu"]), ("train", ["experiment=endoscopy/minilm"])):
        check_targets(compose(verb, extra))


def test_reproduced_unlink_override_is_refused_and_the_file_survives(tmp_path, capsys):
    victim = tmp_path / "keep.txt"
    victim.write_text("precious")
    code = main(["train", "+callbacks.a._target_=pathlib.Path.unlink", f"+callbacks.a.self={victim}", "--cfg"])
    assert code == 2
    assert "callbacks.a._target_='pathlib.Path.unlink' is not something autocoding instantiates" in \
        capsys.readouterr().err
    assert victim.read_text() == "precious"


@pytest.mark.parametrize("target", ["pandas.read_pickle", "os.system", "torch.load", "lightning.pytorch.cli.LightningCLI"])
def test_other_callables_are_refused(target):
    cfg = compose("train", [f"+callbacks.x._target_={target}"])
    with pytest.raises(ConfigError, match="callbacks.x._target_"):
        check_targets(cfg)

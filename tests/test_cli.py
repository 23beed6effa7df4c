import os
import shutil

import pytest

from autocoding.cli import VERBS, main
from autocoding.config import config_dir


def test_help_lists_every_verb(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for verb in VERBS:
        assert verb in out


def test_unknown_verb_is_an_error(capsys):
    assert main(["frobnicate"]) == 2
    assert "unknown verb" in capsys.readouterr().err


def test_cfg_prints_composed_config(capsys):
    assert main(["synth", "n_episodes=7", "--cfg"]) == 0
    assert "n_episodes: 7" in capsys.readouterr().out


def test_bad_override_is_reported(capsys):
    assert main(["build", "dataset=no_such_dataset", "--cfg"]) == 2
    assert "bad configuration" in capsys.readouterr().err


# --- `--help`, mandatory keys, hydra.* overrides, where the configs come from -------------------------------------

@pytest.mark.parametrize("verb", sorted(VERBS))
def test_every_verb_has_help(verb, capsys):
    assert main([verb, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"autocoding {verb}: {VERBS[verb][2]}")
    assert f"usage: autocoding {verb}" in out and "mandatory keys:" in out


def test_help_names_mandatory_keys_as_typed_and_groups_with_options(capsys):
    assert main(["evaluate", "-h"]) == 0
    out = capsys.readouterr().out
    assert "mandatory keys: model=, extract=" in out and "model_uri" not in out
    assert main(["train", "--help"]) == 0
    out = capsys.readouterr().out
    assert "mandatory keys: none" in out
    assert "  model [minilm]: bert_base, minilm, tiny" in out
    assert "  trainer [cpu]: cpu, ddp, gpu" in out
    assert "experiment [none]: " in out and "endoscopy/minilm" in out


@pytest.mark.parametrize(("argv", "missing"), [
    (["evaluate", "out=x.json"], "model=, extract="),
    (["code", "extract=somewhere"], "model=, out="),
    (["report"], "model="),
    (["freeze"], "data="),
])
def test_missing_mandatory_key_is_named_as_typed_with_the_usage(argv, missing, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"autocoding {argv[0]}: missing {missing}\n" in err
    assert f"usage: autocoding {argv[0]}" in err
    assert "model_uri" not in err and "Traceback" not in err and len(err.splitlines()) <= 3


@pytest.mark.parametrize("override", ["hydra.run.dir=/tmp/elsewhere", "hydra.job.chdir=true", "+hydra.x=1",
                                      "hydra/launcher=basic"])
def test_hydra_runtime_overrides_are_refused_not_ignored(override, capsys):
    assert main(["train", override, "--cfg"]) == 2
    err = capsys.readouterr().err
    assert f"{override!r} refused" in err and "does not run Hydra's job runtime" in err and "out=" in err


def test_unknown_option_is_refused(capsys):
    assert main(["train", "--frobnicate"]) == 2
    assert "unknown option '--frobnicate'" in capsys.readouterr().err


def test_multirun_expands_the_sweep_and_only_for_train(capsys):
    assert main(["train", "-m", "model=tiny", "model.optimizer.lr=1e-4,3e-4", "seed=0,1", "--cfg"]) == 0
    docs = capsys.readouterr().out.split("\n---\n")
    assert len(docs) == 4
    assert [("lr: 0.0001" in d, "seed: 1" in d) for d in docs] == [(True, False), (True, True), (False, False),
                                                                    (False, True)]
    assert main(["train", "model.optimizer.lr=1e-4,3e-4", "--cfg"]) == 2  # a sweep needs -m
    assert "--multirun" in capsys.readouterr().err
    assert main(["synth", "-m", "seed=0,1"]) == 2
    assert "sweeps are for: train" in capsys.readouterr().err


def _conf_copy(where, n_episodes: int):
    conf = where / "conf"
    shutil.copytree(config_dir(), conf)
    text = (conf / "synth.yaml").read_text()
    assert "n_episodes: 2000" in text
    (conf / "synth.yaml").write_text(text.replace("n_episodes: 2000", f"n_episodes: {n_episodes}"))
    return conf


def test_conf_in_the_working_directory_wins(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("AUTOCODING_CONFIG_DIR", raising=False)
    _conf_copy(tmp_path, 1234)
    monkeypatch.chdir(tmp_path)
    assert main(["synth", "--cfg"]) == 0
    assert "n_episodes: 1234" in capsys.readouterr().out
    assert config_dir() == (tmp_path / "conf").resolve()


def test_config_dir_option_and_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("AUTOCODING_CONFIG_DIR", raising=False)
    chosen = _conf_copy(tmp_path / "a", 4321)
    assert main(["--config-dir", str(chosen), "synth", "--cfg"]) == 0
    assert "n_episodes: 4321" in capsys.readouterr().out
    assert "AUTOCODING_CONFIG_DIR" not in os.environ  # restored after the command
    monkeypatch.setenv("AUTOCODING_CONFIG_DIR", str(_conf_copy(tmp_path / "b", 555)))
    assert main(["synth", "--cfg"]) == 0
    assert "n_episodes: 555" in capsys.readouterr().out
    monkeypatch.setenv("AUTOCODING_CONFIG_DIR", str(tmp_path))  # no train.yaml there: refused, not passed over
    assert main(["synth", "--cfg"]) == 2
    assert "holds no train.yaml" in capsys.readouterr().err

from autocoding.cli import VERBS, main


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

"""Two imports at once (two processes) and an import killed with kill -9 part way: nothing duplicated, nothing
half written, the database as it was before the killed file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from corrections_fixtures import many, write_csv

import autocoding
from autocoding.corrections.importer import HOLD_ENV, PAUSE_POINT
from autocoding.corrections.store import open_store
from autocoding.files import PAUSE_ENV

SRC = str(Path(autocoding.__file__).resolve().parents[1])


def _import(path: Path, db_url: str, **env) -> subprocess.Popen:
    command = [sys.executable, "-m", "autocoding.cli", "corrections", "import", f"file={path}", f"db='{db_url}'"]  # quoted: a URL may hold '='
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": SRC, **env})


def _finish(process: subprocess.Popen) -> str:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return out


def _overlapping(a: Path, b: Path, db_url: str) -> tuple[str, str]:
    """Import a and b at once: a holds its transaction open (after its first row) while b starts and runs."""
    first = _import(a, db_url, **{HOLD_ENV: "4"})
    line = ""
    while "holding" not in line and first.poll() is None:
        line = first.stderr.readline()
    second = _import(b, db_url)
    time.sleep(1.0)
    assert first.poll() is None  # still inside its transaction when the second one is under way
    return _finish(first), _finish(second)


def _state(db_url: str):
    import sqlalchemy as sa

    from autocoding.corrections.schema import imports

    with open_store(db_url) as store, store.transaction() as connection:
        files = connection.execute(sa.select(imports.c.file_name)).scalars().all()
    return store.count(), {e: (f.diagnoses, f.coded_at) for e, f in store.final_codes().items()}, sorted(files)


def test_two_processes_importing_the_same_file_store_each_row_once(db_url, tmp_path):
    path = write_csv(tmp_path / "work.csv", many(300))
    open_store(db_url).close()  # migrated once; the imports below race on the rows themselves
    outputs = "".join(_overlapping(path, path, db_url))
    count, finals, _ = _state(db_url)
    assert count == 300 and len(finals) == 300
    assert "300 inserted" in outputs and "300 unchanged" in outputs  # one did the work, the other found it done


def test_two_processes_importing_different_files_keep_both(db_url, tmp_path):
    a = write_csv(tmp_path / "a.csv", many(200))
    b = write_csv(tmp_path / "b.csv", many(200, start=150, coder="c2"))  # 50 episodes in both, by another coder
    _overlapping(a, b, db_url)
    count, finals, _ = _state(db_url)
    assert count == 400 and len(finals) == 350


def test_an_import_killed_mid_transaction_leaves_the_database_as_it_was(db_url, tmp_path):
    with open_store(db_url) as store:
        from autocoding.corrections.importer import import_file

        import_file(store, write_csv(tmp_path / "first.csv", many(20)))
    before = _state(db_url)
    second = write_csv(tmp_path / "second.csv", many(50, start=10, diagnoses=("K29.7",)))
    process = _import(second, db_url, **{PAUSE_ENV: PAUSE_POINT})
    deadline = time.monotonic() + 120
    line = ""
    while "paused at" not in line and time.monotonic() < deadline and process.poll() is None:
        line = process.stderr.readline()
    assert "paused at" in line, process.communicate()
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert _state(db_url) == before  # the killed file left nothing, not even its imports row
    _finish(_import(second, db_url))  # and the database is usable: the same file goes in whole
    count, finals, files = _state(db_url)
    assert files == ["first.csv", "second.csv"]
    assert count == 70 and finals["E0015"][0] == ("K29.7",) and finals["E0005"][0] == ("K21.9",)


def test_processes_opening_a_new_database_at_once_migrate_it_once(db_url):
    import sqlalchemy as sa

    code = "import sys; from autocoding.corrections.store import open_store; open_store(sys.argv[1]).close()"
    processes = [subprocess.Popen([sys.executable, "-c", code, db_url], stderr=subprocess.PIPE, text=True,
                                  env={**os.environ, "PYTHONPATH": SRC}) for _ in range(3)]
    for process in processes:
        assert process.wait(timeout=120) == 0, process.stderr.read()
    with open_store(db_url) as store, store.transaction() as connection:
        assert connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all() == ["0001"]

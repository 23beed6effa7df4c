"""Helpers the tests of several folders share: import them as `tests.helpers.<module>` (pyproject's pytest
`pythonpath` puts the repository root on sys.path). Fixtures built on them live in the folders' conftest.py files,
or here when several folders use them (`episodes`, registered by tests/conftest.py)."""

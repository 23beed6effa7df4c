"""One route through the layers: imports of one autocoding package from another sit at module top, where readers
and the import-linter layers contract (`[tool.importlinter]` in pyproject.toml, docs/architecture.md) see them.

A function-level import of another autocoding package is allowed only where the module must stay light (the
console command's start-up) or a genuine cycle needs it; their number can only go down (CEILING). Start-up:
`import autocoding.cli`, and the verb modules `autocoding <verb> --help` loads, import none of the heavy
libraries (HEAVY); the verbs' own modules are loaded by the CLI only when the verb runs."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import autocoding

SRC = Path(autocoding.__file__).parent
# function-level `import autocoding.<other package>...` / `from autocoding.<other package>... import` in src/autocoding:
# none (a new one needs a reason and this ceiling raised in the same change)
CEILING = 0
HEAVY = ("lightning", "evaluate", "mlflow", "torch", "transformers", "datasets")
# what `autocoding --help` and `autocoding <verb> --help` import: the CLI and the configuration, nothing of a verb
START_UP = ("autocoding.cli", "autocoding.config")


def _imported(node: ast.Import | ast.ImportFrom, module: list[str]) -> list[str]:
    """The modules an import statement in `module` (its dotted name as parts, a package's ending in __init__)
    names."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:  # relative: resolved against the file's own package
        return [".".join(module[: -node.level] + ([node.module] if node.module else []))]
    return [node.module or ""]


def function_level_imports(src: Path = SRC) -> list[tuple[str, int, str]]:
    """(file, line, module) of each import of another autocoding package (not the file's own: `data` for
    data/build.py, `cli` for cli.py) inside a function body, in the package at `src`."""
    found = []
    for path in sorted(src.rglob("*.py")):
        rel = path.relative_to(src)
        module, own = ["autocoding", *rel.with_suffix("").parts], rel.parts[0].removesuffix(".py")

        def visit(node: ast.AST, in_function: bool, rel: Path = rel, module: list[str] = module, own: str = own):
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.Import | ast.ImportFrom) and in_function:
                    for name in _imported(child, module):
                        parts = name.split(".")
                        if parts[0] == "autocoding" and len(parts) > 1 and parts[1] != own:
                            found.append((str(rel), child.lineno, name))
                visit(child, in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda))

        visit(ast.parse(path.read_text(), str(path)), False)
    return found


def test_function_level_imports_of_other_autocoding_packages_only_go_down():
    found = function_level_imports()
    files = sorted({f"{file} ({sum(1 for f, _, _ in found if f == file)})" for file, _, _ in found})
    assert len(found) <= CEILING, (
        f"{len(found)} function-level imports of another autocoding package, ceiling {CEILING}: import at module top "
        f"(only the console command's start-up or a genuine cycle justifies one in a function); in {', '.join(files)}")


def test_the_count_sees_a_function_level_import(tmp_path):
    pkg = tmp_path / "autocoding"
    (pkg / "serving").mkdir(parents=True)
    (pkg / "serving" / "job.py").write_text(
        "from autocoding.errors import InputError\n\n\ndef run():\n    from autocoding.registry.bundle import x\n"
        "    from autocoding.serving.texts import y\n    from ..data import z\n\n    def inner():\n"
        "        import autocoding.codes\n")
    assert [(f, m) for f, _, m in function_level_imports(pkg)] == [
        ("serving/job.py", "autocoding.registry.bundle"), ("serving/job.py", "autocoding.data"),
        ("serving/job.py", "autocoding.codes")]


def _heavy_after_import(module: str) -> list[str]:
    code = (f"import json, sys; import {module}; "
            f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_console_command_starts_without_the_heavy_libraries():
    for module in START_UP:
        assert _heavy_after_import(module) == [], f"import {module} loads heavy libraries: keep them in functions"


def test_verb_help_imports_no_heavy_library():
    code = ("import io, json, sys, contextlib; from autocoding.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n    assert main(['code', '--help']) == 0\n"
            f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []

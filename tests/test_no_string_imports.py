"""No imports by string: every import of our own code is an import statement that import-linter
(the layer contracts) and mypy can see. A page, a prepare step or a dialog that must load late is
a small function with the import inside (see ui/pages/__init__.py), never a "module:function"
string resolved with importlib.

The test reads every module of crm_desktop and fails on a call of `importlib.import_module`,
`__import__`, `importlib.util.find_spec` or `pkgutil`/`runpy` loaders, and on a string constant
that names a module of ours ("crm_desktop.x.y" or "crm_desktop.x:function")."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import crm_desktop

PACKAGE = Path(crm_desktop.__file__).parent
LOADERS = {"import_module", "__import__", "find_spec", "find_loader", "load_module",
           "spec_from_file_location", "run_module", "run_path", "iter_modules",
           "walk_packages"}
# What imports modules by name (importlib.metadata and importlib.resources read data: allowed).
LOADER_MODULES = {"importlib", "importlib.util", "importlib.import_module",
                  "importlib.__import__", "importlib.util.find_spec",
                  "importlib.util.spec_from_file_location", "pkgutil", "runpy"}
OUR_MODULE = re.compile(r"crm_desktop(\.\w+)+(:\w+)?")

# (path relative to crm_desktop, string) pairs that must stay, with the reason.
ALLOWED_STRINGS: dict[tuple[str, str], str] = {}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the string nodes that are docstrings (prose may name modules)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def string_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    docstrings = _docstrings(tree)
    relative = path.relative_to(PACKAGE).as_posix()
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _called_name(node) in LOADERS:
            problems.append(f"{relative}:{node.lineno}: {_called_name(node)}(...)")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names = [alias.name for alias in node.names]
            module = node.module or "" if isinstance(node, ast.ImportFrom) else ""
            loaders = [f"{module}.{name}" if module else name for name in names]
            if any(name in LOADER_MODULES for name in loaders):
                problems.append(f"{relative}:{node.lineno}: imports {module or names[0]}")
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
              and id(node) not in docstrings and OUR_MODULE.fullmatch(node.value.strip())
              and (relative, node.value) not in ALLOWED_STRINGS):
            problems.append(f"{relative}:{node.lineno}: {node.value!r}")
    return problems


def test_no_module_imports_our_code_by_string():
    problems = [problem for path in _modules() for problem in string_imports(path)]
    assert problems == [], "imports by string (pass real references instead):\n" + "\n".join(
        problems)


def test_the_check_finds_planted_string_imports(tmp_path, monkeypatch):
    planted = tmp_path / "crm_desktop" / "planted.py"
    planted.parent.mkdir()
    planted.write_text(
        '"""Names crm_desktop.ui.pages in prose: allowed."""\n'
        "import importlib\n"
        "PAGE = 'crm_desktop.ui.customers.customers_page:CustomersPage'\n"
        "def load(name):\n"
        "    return importlib.import_module(name)\n"
        "def other(name):\n"
        "    return __import__(name)\n", encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.PACKAGE", planted.parent)
    problems = string_imports(planted)
    assert sorted(p.split(": ", 1)[1] for p in problems) == sorted([
        "imports importlib", "'crm_desktop.ui.customers.customers_page:CustomersPage'",
        "import_module(...)", "__import__(...)"])

"""docs/deploy.md names every environment variable the settings read, so the two cannot
drift apart: a new os.environ / env_* read in cms/settings without a line there fails."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READERS = {"env_bool", "env_int", "env_list", "get", "getenv"}


def _is_environ(node):
    return isinstance(node, ast.Attribute) and node.attr == "environ"


def variables_read(source):
    """Names read from the environment: env_*("X"), os.environ.get("X"), os.getenv("X"),
    os.environ["X"] and "X" in os.environ."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in READERS and (name != "get" or _is_environ(func.value)):
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    names.add(first.value)
        elif isinstance(node, ast.Subscript) and _is_environ(node.value):
            if isinstance(node.slice, ast.Constant):
                names.add(node.slice.value)
        elif (
            isinstance(node, ast.Compare)
            and isinstance(node.left, ast.Constant)
            and any(_is_environ(c) for c in node.comparators)
        ):
            names.add(node.left.value)
    return names


def test_the_reader_finds_every_form_of_read():
    source = (
        'import os\nA = env_int("A", 1)\nB = os.environ.get("B")\nC = os.environ["C"]\n'
        'D = "D" in os.environ\nE = os.getenv("E")\nF = {}.get("F")\n'
    )
    assert variables_read(source) == {"A", "B", "C", "D", "E"}


def test_every_variable_the_settings_read_is_in_the_deploy_guide():
    read = set()
    for module in sorted((ROOT / "cms" / "settings").glob("*.py")):
        read |= variables_read(module.read_text())
    guide = (ROOT / "docs" / "deploy.md").read_text()

    assert {"SECRET_KEY", "REDIS_URL", "CSRF_TRUSTED_ORIGINS", "CACHE_DIR"} <= read
    assert sorted(name for name in read if f"`{name}`" not in guide) == []

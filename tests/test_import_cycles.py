"""No module of ours imports another that imports it back, not even from inside a function.

An import inside a function that only dodges a cycle hides it: if two modules need each
other, the idea between them wants a module of its own (docs: ARCHITECTURE). The graph
comes from grimp, the library behind import-linter: it reads every import statement of a
module, those inside functions included (import-linter's own contracts look at packages,
not at a cycle between two modules, so the check is these few lines).
"""

import grimp
import pytest

APPS = ("cms", "news", "opinion", "search", "comments", "newsletters", "live", "background", "demo")


def import_cycles(*packages):
    """Every import cycle among the packages' modules, once each, as a chain of modules
    that starts and ends with the same one."""
    graph = grimp.build_graph(*packages, cache_dir=None)
    cycles, seen = [], set()
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back and frozenset(back) not in seen:
                seen.add(frozenset(back))
                cycles.append((importer, *back))
    return cycles


def describe(cycle):
    return " -> ".join(cycle)


def test_no_module_of_ours_imports_one_that_imports_it_back():
    cycles = import_cycles(*APPS)
    assert not cycles, "Import cycles:\n" + "\n".join(describe(c) for c in cycles)


@pytest.fixture
def package_with_a_hidden_cycle(tmp_path, monkeypatch):
    """loop.a imports loop.b inside a function; loop.b imports loop.a at the top."""
    package = tmp_path / "loop"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def late():\n    from loop import b\n\n    return b\n")
    (package / "b.py").write_text("from loop import a\n")
    (package / "c.py").write_text("from loop import b\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    return "loop"


def test_the_check_sees_a_cycle_hidden_inside_a_function(package_with_a_hidden_cycle):
    assert import_cycles(package_with_a_hidden_cycle) == [("loop.a", "loop.b", "loop.a")]

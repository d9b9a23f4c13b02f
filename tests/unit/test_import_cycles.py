"""Hold that no module of dnnd_drafter imports itself back through others (no import cycle).

The layers contract (``lint-imports``, configured in pyproject.toml) keeps the packages in order;
this test also catches a cycle inside one package, at module level, counting the imports made
inside functions (they run too) but not those under ``if TYPE_CHECKING:`` (they only name types).
"""

from __future__ import annotations

import grimp


def import_cycles(package: str) -> list[list[str]]:
    """Return each group of modules of `package` that import one another in a circle (Tarjan)."""
    graph = grimp.build_graph(package, exclude_type_checking_imports=True)
    imports = {module: sorted(graph.find_modules_directly_imported_by(module)) for module in graph.modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for root in sorted(imports):
        if root in index:
            continue
        work = [(root, iter(imports[root]))]  # iterative, so a deep chain cannot hit the recursion limit
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, pending = work[-1]
            step = next(pending, None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(imports.get(step, []))))
                elif step in on_stack:
                    low[module] = min(low[module], index[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[module])
            if low[module] == index[module]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == module:
                        break
                if len(group) > 1:
                    cycles.append(sorted(group))
    return cycles


def test_no_module_imports_itself_back() -> None:
    assert import_cycles("dnnd_drafter") == []

"""Run letter templates in Jinja's immutable sandbox with their work bounded.

:class:`BoundedSandbox` adds to :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` the
limits of :mod:`dnnd_drafter.compose.limits`, through Jinja's documented hooks:

- ``code_generator_class``: before a template is compiled, every ``{% for %}`` body (and its
  ``if`` filter), macro and ``{% call %}`` body and each template's top level gets a step that
  counts one iteration and the literal text it writes; list, tuple and dict literals and ``~``
  are measured;
- ``call`` (every call a template makes), ``call_binop`` (``*``, ``**``, ``%``, ``+``), every
  filter and test: one step each, the estimate of :mod:`dnnd_drafter.compose.estimates`
  before the amplifying ones, and the result measured;
- ``finalize``: every ``{{ … }}`` counts toward the text written;
- ``template_class``: each ``render`` opens a budget; ``range`` and ``lipsum`` are capped.

Past a limit a :class:`~dnnd_drafter.compose.limits.TemplateBudgetError` is raised from the
template's code, so the traceback gives the template file and line.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import ImmutableSandboxedEnvironment

from dnnd_drafter.compose import limits as template_limits
from dnnd_drafter.compose.estimates import check_binop, check_filter, check_lipsum, check_method


#: The environment's callback that counts a step (see :func:`template_limits.step`).
_STEP = "budget_step"


def _step_call(chars: int, lineno: int) -> nodes.Call:
    """Return the call that counts one step writing `chars` characters, at line `lineno`.

    It is a call of an environment attribute, as Jinja's extensions write them; the code
    generator compiles it to a direct call (no sandbox check: the callback is ours).
    """
    return nodes.Call(nodes.EnvironmentAttribute(_STEP, lineno=lineno), [nodes.Const(chars, lineno=lineno)],
                      [], None, None, lineno=lineno)


def _step_statement(chars: int, lineno: int) -> nodes.ExprStmt:
    """Return a statement that counts one step writing `chars` characters, at line `lineno`."""
    return nodes.ExprStmt(_step_call(chars, lineno), lineno=lineno)


def _literal_chars(body: list[nodes.Node]) -> int:
    """Return the characters of literal text in `body`, without loop, macro and call bodies.

    Those have their own step; a loop's ``else`` runs once and counts here.
    """
    total = 0
    stack: list[nodes.Node] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.TemplateData):
            total += len(node.data)
        elif isinstance(node, nodes.For):
            stack.extend(node.else_)
        elif not isinstance(node, (nodes.Macro, nodes.CallBlock)):
            stack.extend(node.iter_child_nodes())
    return total


def instrument(tree: nodes.Template) -> nodes.Template:
    """Add a budget step to every loop iteration and macro body and to the top level of `tree`."""
    for loop in list(tree.find_all(nodes.For)):
        loop.body.insert(0, _step_statement(_literal_chars(loop.body), loop.lineno))
        if loop.test is not None:  # iterations the filter skips run no body
            loop.test = nodes.And(_step_call(0, loop.lineno), loop.test, lineno=loop.lineno)
    for macro in list(tree.find_all((nodes.Macro, nodes.CallBlock))):
        macro.body.insert(0, _step_statement(_literal_chars(macro.body), macro.lineno))  # type: ignore[attr-defined] # a Macro or CallBlock
    tree.body.insert(0, _step_statement(_literal_chars(tree.body), 1))
    return tree


class _BoundedCodeGenerator(CodeGenerator):
    """Compile templates with budget steps and with the values they build measured."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        """Compile the template with its budget steps (see :func:`instrument`)."""
        super().visit_Template(instrument(node), frame)

    def visit_Call(self, node: nodes.Call, frame: Frame, forward_caller: bool = False) -> None:
        """Write a call; a budget step (see :func:`_step_call`) as a direct call."""
        if isinstance(node.node, nodes.EnvironmentAttribute) and node.node.name == _STEP:
            chars = node.args[0].value if isinstance(node.args[0], nodes.Const) else 0
            self.write(f"environment.{_STEP}({int(chars)})")
            return
        super().visit_Call(node, frame, forward_caller=forward_caller)

    def _measured(self, visit: Callable[[Any, Frame], None], node: nodes.Expr, frame: Frame) -> None:
        """Write the expression `node` wrapped in the check of its size."""
        self.write("environment.checked_value(")
        visit(node, frame)
        self.write(")")

    def visit_List(self, node: nodes.List, frame: Frame) -> None:
        """Write a list literal, measured."""
        self._measured(super().visit_List, node, frame)

    def visit_Dict(self, node: nodes.Dict, frame: Frame) -> None:
        """Write a dict literal, measured."""
        self._measured(super().visit_Dict, node, frame)

    def visit_Tuple(self, node: nodes.Tuple, frame: Frame) -> None:
        """Write a tuple literal, measured (a tuple assigned to, ``a, b = …``, as it is)."""
        if node.ctx == "store":
            super().visit_Tuple(node, frame)
        else:
            self._measured(super().visit_Tuple, node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        """Write a ``~`` concatenation, measured."""
        self._measured(super().visit_Concat, node, frame)


class BoundedTemplate(jinja2.Template):
    """A template whose ``render`` runs within one budget."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        """Render the template, raising TemplateBudgetError past a limit."""
        with template_limits.budget():
            return super().render(*args, **kwargs)


def _bounded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """Return filter `func` counting a step, checking its arguments and measuring its result."""
    skip = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0  # context or environment

    @functools.wraps(func)  # keeps jinja_pass_arg
    def bounded(*args: Any, **kwargs: Any) -> Any:
        template_limits.step()
        if len(args) > skip:
            value = check_filter(name, args[skip], args[skip + 1:], kwargs)
            args = (*args[:skip], value, *args[skip + 1:])
        return template_limits.check_value(func(*args, **kwargs))

    return bounded


def _counted_test(func: Callable[..., Any]) -> Callable[..., Any]:
    """Return test `func` counting a step."""

    @functools.wraps(func)
    def counted(*args: Any, **kwargs: Any) -> Any:
        template_limits.step()
        return func(*args, **kwargs)

    return counted


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Immutable sandbox whose templates run a bounded number of steps, time and text.

    `extra_filters` are added to Jinja's filters, bounded the same way.
    """

    code_generator_class = _BoundedCodeGenerator
    template_class = BoundedTemplate
    intercepted_binops = frozenset({"*", "**", "%", "+"})
    budget_step = staticmethod(template_limits.step)  # the _STEP callback
    checked_value = staticmethod(template_limits.check_value)

    def __init__(self, extra_filters: Mapping[str, Callable[..., Any]] | None = None, **options: Any) -> None:
        options.setdefault("finalize", template_limits.output)
        super().__init__(**options)
        self.filters.update(extra_filters or {})
        self.filters = {name: _bounded_filter(name, func) for name, func in self.filters.items()}
        self.tests = {name: _counted_test(func) for name, func in self.tests.items()}  # type: ignore[arg-type] # Jinja types tests loosely
        self.globals["range"] = template_limits.safe_range
        self.globals["lipsum"] = self._bounded_lipsum(self.globals["lipsum"])  # type: ignore[arg-type] # Jinja's own lipsum

    @staticmethod
    def _bounded_lipsum(lipsum: Callable[..., str]) -> Callable[..., str]:
        """Return ``lipsum`` refusing to write more than a value may hold."""

        @functools.wraps(lipsum)
        def bounded(*args: Any, **kwargs: Any) -> str:
            check_lipsum(args, kwargs)
            return lipsum(*args, **kwargs)

        return bounded

    def call(self, context: jinja2.runtime.Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """Call `obj` from template code: one step, amplifying methods checked, result measured."""
        template_limits.step()
        target = getattr(obj, "__wrapped__", obj)  # the sandbox wraps str.format
        receiver = getattr(target, "__self__", None)
        if receiver is not None:
            args = check_method(receiver, getattr(target, "__name__", ""), args, kwargs)
        return template_limits.check_value(super().call(context, obj, *args, **kwargs))

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        """Run ``*``, ``**``, ``%`` or ``+``: one step, checked before, result measured."""
        template_limits.step()
        check_binop(operator, left, right)
        return template_limits.check_value(super().call_binop(context, operator, left, right))

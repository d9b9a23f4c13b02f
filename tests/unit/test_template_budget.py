"""A user template that loops, recurses or builds huge text stops with a message, never a hang.

Every payload goes into a user template (``DNND_DRAFTER_HOME`` is private to each test, see
tests/conftest.py) and is rendered through :func:`dnnd_drafter.compose.engine.render_markup`; it must
end in the Vietnamese TemplateError naming the file and the line. Each test runs under a guard
(an alarm and a faulthandler timer) so that a regression fails the test instead of hanging the
suite; nothing here asserts how fast anything is. Shipped templates render exactly as in a
plain sandbox, and a big real letter uses a small part of the budget.
"""

from __future__ import annotations

import faulthandler
import signal
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import jinja2
import pytest
from jinja2.sandbox import ImmutableSandboxedEnvironment

from dnnd_drafter.cli import entry as cli
from dnnd_drafter.compose import engine as compose
from dnnd_drafter.compose import context as compose_context
from dnnd_drafter.compose import markup
from dnnd_drafter.model import letter as model
from dnnd_drafter.base import paths
from dnnd_drafter.compose import limits as template_limits
from dnnd_drafter.base.errors import TemplateError
from dnnd_drafter.model.letter import Task
from tests.conftest import EXAMPLES, REPO

CAT_TIEN = EXAMPLES / "dang_cat_tien_492.json"
HEADLINE = "mẫu chạy quá lâu hoặc tạo văn bản quá dài ("
#: Seconds after which a test fails (alarm) or the run is stopped with tracebacks (faulthandler).
GUARD_SECONDS = 60

#: Loops stop at the step limit, or at the time limit on a very slow machine.
LOOPS = ("bước lặp hoặc lời gọi", "giây")
TOO_LONG = ("dài hơn",)
TOO_DEEP = ("quá sâu",)
TOO_BIG_NUMBER = ("bit",)
TOO_MUCH_WORK = ("phải làm quá nhiều việc",)

#: The payloads of issue 8.
ISSUE_PAYLOADS = [
    pytest.param("{% for i in range(10**9) %}x{% endfor %}", ("range() có hơn 100.000 phần tử",), id="range-10**9"),
    pytest.param("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}", LOOPS,
                 id="nested-ranges"),
    pytest.param('{{ "x" * 10**9 }}', TOO_LONG, id="repeat-10**9"),
    pytest.param('{{ "ab"|replace("a", "a" * 10**8) }}', TOO_LONG, id="replace-10**8"),
    pytest.param("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", TOO_DEEP, id="macro-recursion"),
]

PAYLOADS = [
    # loops and calls
    pytest.param("{% for a in range(100000) %}{% for b in range(100000) if false %}{% endfor %}{% endfor %}",
                 LOOPS, id="nested-ranges-filtered"),
    pytest.param('{% set s = "x" * 100000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}', LOOPS,
                 id="nested-loops-over-a-string"),
    pytest.param("{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(40) }}",
                 LOOPS, id="exponential-macro"),
    pytest.param("{% macro m() %}{{ caller() }}{{ caller() }}{% endmacro %}{% for i in range(100000) %}"
                 "{% call m() %}{% for j in range(100) %}y{% endfor %}{% endcall %}{% endfor %}", LOOPS,
                 id="loops-in-a-call-block"),
    # recursion
    pytest.param("{% block a %}{{ self.a() }}{% endblock %}", TOO_DEEP, id="block-calls-itself"),
    pytest.param("{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}", TOO_DEEP, id="recursive-loop"),
    pytest.param('{% include "mau_rieng.md.j2" %}', TOO_DEEP, id="includes-itself"),
    # one operation, huge result
    pytest.param('{% set s = "a" * 1000000 %}{{ s|replace("a", s) }}', TOO_LONG, id="replace-by-itself"),
    pytest.param('{{ "x"|center(1000000000) }}', TOO_LONG, id="center-filter"),
    pytest.param('{{ "x".ljust(10**9) }}', TOO_LONG, id="ljust-method"),
    pytest.param('{{ "x".zfill(10**9) }}', TOO_LONG, id="zfill-method"),
    pytest.param('{{ ("\\t" * 100000).expandtabs(100000) }}', TOO_LONG, id="expandtabs"),
    pytest.param('{{ ("a" * 100000).translate({97: "b" * 100000}) }}', TOO_LONG, id="translate"),
    pytest.param('{% set s = "x" * 100000 %}{{ [s] * 100000 }}', TOO_LONG, id="repeat-a-list-of-long-text"),
    pytest.param('{{ "x" * 100000 * 100000 }}', TOO_LONG, id="repeat-twice"),
    pytest.param('{{ "%1000000000d" % 1 }}', TOO_LONG, id="percent-width"),
    pytest.param('{{ "%*d" % (10**9, 1) }}', TOO_LONG, id="percent-star-width"),
    pytest.param('{{ "%.1000000000f"|format(1.5) }}', TOO_LONG, id="format-filter-precision"),
    pytest.param('{{ "{:>1000000000}".format(1) }}', TOO_LONG, id="str-format-width"),
    pytest.param('{{ "{:>{}}".format(1, 10**9) }}', TOO_LONG, id="str-format-nested-width"),
    pytest.param('{{ "{a:>{w}}".format_map({"a": 1, "w": 10**9}) }}', TOO_LONG, id="format-map"),
    pytest.param('{% set s = "x" * 1000000 %}{{ ("{0}" * 100000).format(s) }}', TOO_LONG, id="format-one-field-often"),
    pytest.param('{{ (1).to_bytes(10**9, "big") }}', TOO_LONG, id="int-to-bytes"),
    pytest.param("{{ [1]|slice(10**9)|list }}", TOO_LONG, id="slice-filter"),
    pytest.param("{{ [1]|batch(10**9, 0)|list }}", TOO_LONG, id="batch-filter"),
    pytest.param("{{ lipsum(10**6) }}", TOO_LONG, id="lipsum"),
    pytest.param('{% set s = "x" * 100000 %}{{ range(100000)|join(s) }}', TOO_LONG, id="join-filter"),
    pytest.param('{% set s = "x" * 100000 %}{{ s.join(range(100000)|map("string")) }}', TOO_LONG, id="join-method"),
    pytest.param('{{ ("\\n" * 100000)|indent(100000) }}', TOO_LONG, id="indent"),
    pytest.param("{{ ([[1] * 5] * 100000)|sum(start=[]) }}", TOO_LONG, id="sum-of-lists"),
    pytest.param('{% set s = "x" * 100000 %}{{ s|wordwrap(1, wrapstring=s) }}', TOO_LONG, id="wordwrap-wrapstring"),
    pytest.param('{{ ("http://a " * 100000)|urlize(target="x" * 100000) }}', TOO_LONG, id="urlize-target"),
    pytest.param("{{ (range(100000)|list)|tojson(indent=100000) }}", TOO_LONG, id="tojson-indent"),
    pytest.param('{{ range(100000)|map("center", 100000)|list|length }}', TOO_LONG, id="generator-into-list"),
    pytest.param('{{ dict.fromkeys(range(100000), "x" * 100000) }}', TOO_LONG, id="dict-fromkeys"),
    # doubling, one step at a time
    pytest.param('{% set ns = namespace(s="x") %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}',
                 TOO_LONG, id="doubling-with-tilde"),
    pytest.param('{% set ns = namespace(s="x") %}{% for i in range(60) %}{% set ns.s = ns.s + ns.s %}{% endfor %}',
                 TOO_LONG, id="doubling-with-plus"),
    pytest.param("{% set ns = namespace(l=1) %}{% for i in range(60) %}{% set ns.l = [ns.l, ns.l] %}{% endfor %}"
                 "{{ ns.l }}", TOO_LONG, id="doubling-list-literal"),
    pytest.param('{% set ns = namespace(l=1) %}{% for i in range(60) %}{% set ns.l = {"a": ns.l, "b": ns.l} %}'
                 "{% endfor %}", TOO_LONG, id="doubling-dict-literal"),
    pytest.param("{% set h = namespace(n=1) %}{% for i in range(60) %}{% set h.n = namespace(a=h.n, b=h.n) %}"
                 "{% endfor %}{{ h }}", TOO_LONG, id="doubling-namespaces"),
    pytest.param('{% set s = "x" * 2000000 %}{{ s ~ s }}', TOO_LONG, id="concatenation"),
    # the text written, a little at a time
    pytest.param('{% set s = "x" * 100000 %}{% for i in range(100000) %}{{ s }}{% endfor %}', TOO_LONG,
                 id="print-a-long-text-often"),
    pytest.param('{% set d = {"a": "x" * 1000000} %}{% for i in range(100000) %}{{ d.items() }}{% endfor %}',
                 TOO_LONG, id="print-a-dict-view-often"),
    pytest.param('{% set ns = namespace(a="x" * 1000000) %}{% for i in range(100000) %}{{ ns }}{% endfor %}',
                 TOO_LONG, id="print-a-namespace-often"),
    # numbers and slow filters
    pytest.param("{% set n = 10**1000 %}{{ n ** 100 }}", TOO_BIG_NUMBER, id="power"),
    pytest.param("{% set ns = namespace(n=10**1000) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}"
                 "{% endfor %}", TOO_BIG_NUMBER, id="repeated-squaring"),
    pytest.param('{% set h = namespace(l=["x" * 1000000]) %}{% for i in range(400) %}{% set h.l = [h.l] %}'
                 "{% endfor %}{{ h.l|pprint|length }}", TOO_MUCH_WORK, id="pprint-deep"),
    pytest.param('{% set s = "x" * 800000 %}{{ s|wordwrap(3)|length }}', TOO_MUCH_WORK, id="wordwrap-long-word"),
]


@pytest.fixture(autouse=True)
def _no_hang() -> Iterator[None]:
    """Fail a test still running after GUARD_SECONDS; stop the run after twice that (stuck in C)."""
    faulthandler.dump_traceback_later(2 * GUARD_SECONDS, exit=True)
    alarm = getattr(signal, "SIGALRM", None)
    armed = alarm is not None and threading.current_thread() is threading.main_thread()
    previous: Any = None
    if armed:
        def fail(signum: int, frame: object) -> None:
            pytest.fail(f"still running after {GUARD_SECONDS} s: the template budget did not stop it")

        previous = signal.signal(alarm, fail)
        signal.alarm(GUARD_SECONDS)
    try:
        yield
    finally:
        if armed:
            signal.alarm(0)
            signal.signal(alarm, previous)
        faulthandler.cancel_dump_traceback_later()


def user_template(name: str, body: str) -> Path:
    """Write `body` after a first line into the user's template `name` and return its path."""
    path = paths.user_templates_dir() / f"{name}.md.j2"
    path.write_text("Mở đầu của mẫu.\n" + body + "\n", encoding="utf-8")
    return path


def refusal(name: str) -> str:
    """Return the message of the TemplateError that rendering the sample letter with `name` raises."""
    draft = model.load(CAT_TIEN).copy(template=name)
    with pytest.raises(TemplateError) as caught:
        compose.render_markup(draft)
    assert caught.value.field == "template"
    return caught.value.message


def assert_budget_message(message: str, path: Path, reasons: tuple[str, ...]) -> None:
    """Check the message names the file, line 2, the headline and one of `reasons`."""
    assert message.startswith(f"Mẫu “{path}”, dòng 2: {HEADLINE}"), message
    reason = message[message.index(HEADLINE) + len(HEADLINE):message.index("); hãy sửa mẫu.")]
    assert any(expected in reason for expected in reasons), message


@pytest.mark.parametrize("as_override", [False, True], ids=["new-template", "override"])
@pytest.mark.parametrize(("payload", "reasons"), ISSUE_PAYLOADS)
def test_the_issue_payloads_stop_with_a_message(payload: str, reasons: tuple[str, ...], as_override: bool) -> None:
    name = "cong_van_trien_khai" if as_override else "mau_rieng"
    path = user_template(name, payload)
    message = refusal(name)
    assert_budget_message(message, path, reasons)
    if as_override:  # the clerk is pointed to the shipped template, which still renders
        assert message.endswith("Mẫu có sẵn của chương trình vẫn dùng được: “builtin:cong_van_trien_khai”.")
        assert compose.render_markup(model.load(CAT_TIEN), builtin=True).startswith("Thực hiện")


@pytest.mark.parametrize(("payload", "reasons"), PAYLOADS)
def test_every_way_to_loop_recurse_or_blow_up_stops_with_a_message(payload: str, reasons: tuple[str, ...]) -> None:
    path = user_template("mau_rieng", payload)
    assert_budget_message(refusal("mau_rieng"), path, reasons)


def test_the_time_limit_stops_heavy_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(template_limits, "MAX_SECONDS", 0.5)
    path = user_template("mau_rieng", "{% for i in range(100000) %}{% set x = (range(100000)|list)|sort %}{% endfor %}")
    assert_budget_message(refusal("mau_rieng"), path, ("chạy quá 0,5 giây",))


def test_a_template_too_deeply_nested_to_compile_is_a_message() -> None:
    path = user_template("mau_rieng", "{{ " + "(" * 30000 + "1" + ")" * 30000 + " }}")
    assert refusal("mau_rieng").startswith(f"Mẫu “{path}”: {HEADLINE}lồng nhau hoặc tự gọi lại quá sâu)")


def test_a_template_file_too_large_is_refused_before_it_is_read() -> None:
    path = paths.user_templates_dir() / "mau_rieng.md.j2"
    path.write_text("x" * (template_limits.MAX_TEMPLATE_BYTES + 1), encoding="utf-8")
    assert refusal("mau_rieng") == f"Mẫu “{path}” quá lớn (hơn 100 KB); hãy sửa mẫu."


def test_the_render_command_prints_one_line_and_writes_nothing(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    user_template("cong_van_trien_khai", "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}"
                  "{% endfor %}")
    status = cli.main(["render", str(CAT_TIEN), "-o", str(tmp_path / "out.docx")])
    out, err = capsys.readouterr()
    assert status == 2 and err.startswith("Lỗi: Mẫu “") and HEADLINE in err and "Traceback" not in err
    assert not (tmp_path / "out.docx").exists()


def test_each_rendering_has_its_own_budget_in_every_thread() -> None:
    path = user_template("mau_rieng", "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}"
                         "{% endfor %}")
    with ThreadPoolExecutor(max_workers=1) as pool:  # the preview renders on a worker thread
        with pytest.raises(TemplateError) as caught:
            pool.submit(compose.render_markup, model.load(CAT_TIEN).copy(template="mau_rieng")).result()
    assert_budget_message(caught.value.message, path, LOOPS)
    # a template that loops a lot, but less than the limit, renders after the refused one
    user_template("mau_rieng", "{% for t in range(200) %}{% for r in range(500) %}{% endfor %}{% endfor %}xong")
    for _ in range(3):
        assert compose.render_markup(model.load(CAT_TIEN).copy(template="mau_rieng")).endswith("xong\n")


def big_letter(path: Path) -> model.Draft:
    """Return the example at `path` with 200 long tasks and 500 recipients."""
    draft = model.load(path)
    draft.content.tasks = [Task(text=f"Nhiệm vụ số {i} " + "nội dung " * 30) for i in range(200)]
    draft.recipients = [f"Ủy ban nhân dân xã số {i}" for i in range(500)]
    return draft


def plain_sandbox() -> ImmutableSandboxedEnvironment:
    """Return the shipped templates in Jinja's own sandbox, without our limits."""
    env = ImmutableSandboxedEnvironment(loader=jinja2.FileSystemLoader(REPO / "templates"),
                                        undefined=jinja2.StrictUndefined, autoescape=False,
                                        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(md=markup.escape, finish=compose.finish, vn_date=compose_context.vn_date,
                       upper_first=compose_context.upper_first, bare=compose_context.bare)
    return env


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_shipped_templates_render_as_in_a_plain_sandbox_far_below_the_limits(example: Path) -> None:
    env = plain_sandbox()
    for draft in (model.load(example), big_letter(example)):
        expected = env.get_template(draft.template + ".md.j2").render(compose.template_context(draft))
        with template_limits.budget() as used:
            assert compose.render_markup(draft) == expected
        assert used.steps * 100 < template_limits.MAX_STEPS
        assert used.written * 10 < template_limits.MAX_OUTPUT
        assert len(expected) * 10 < template_limits.MAX_VALUE


def test_weight_counts_shared_items_each_time_and_stops_at_the_limit() -> None:
    item = ["x" * 10]
    doubled: Any = item
    for _ in range(40):
        doubled = [doubled, doubled]  # 2**40 leaves, 41 objects
    assert template_limits.weight(doubled) > template_limits.MAX_VALUE
    assert template_limits.weight(item) == 1 + 1 + 10
    assert template_limits.weight({"ab": "cd"}) == 1 + 1 + 2 + 2
    assert template_limits.weight([[]] * 10) == 11 + 10

"""User templates cannot reach Python internals, run programs or read files: the known payloads.

Each payload of the usual Jinja escape lists (server-side template injection) goes into a user
template, both as a new template and as an override of a shipped one. Rendering must stop with
the Vietnamese TemplateError naming the file and line; the command line must print one
``Lỗi: …`` line and write no file; no program may be started, no file outside the template
folders read, nothing of Python's inside shown. The same payloads typed into the letter's
fields are plain text.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dnnd_drafter.cli import entry as cli
from dnnd_drafter.compose import engine as compose
from dnnd_drafter.model import letter as model
from dnnd_drafter.base import paths
from dnnd_drafter.base.errors import TemplateError

REPO = Path(__file__).resolve().parents[2]
CAT_TIEN = REPO / "examples" / "dang_cat_tien_492.json"
PAYLOADS = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{% include '/etc/passwd' %}",
    "{% include '../../x' %}",
    "{{ self.__init__.__globals__ }}",
    "{{ config }}",
    "{{ request }}",
    "{{ ''.join.__self__ }}",
    # more of the same family
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ joiner.__init__.__globals__.__builtins__.__import__('os').system('id') }}",
    "{{ namespace.__init__.__globals__.os.environ }}",
    "{{ ().__class__.__base__.__subclasses__() }}",
    "{{ [].__class__.__base__.__subclasses__()[0] }}",
    "{{ draft.__class__ }}",
    "{{ content.__dict__ }}",
    "{{ (lipsum|attr('__globals__')).os.popen('id').read() }}",
    "{{ ''|attr('\\x5f\\x5fclass\\x5f\\x5f') }}",
    "{{ ''['__class__'] }}",
    "{{ 'abc'.format.__globals__ }}",
    "{{ '{0.__class__}'.format('') }}",
    "{{ '%s'|format(''.__class__) }}",
    "{% import '/etc/passwd' as x %}",
    "{% extends '../../../../etc/passwd' %}",
    "{% from 'C:\\\\Windows\\\\win.ini' import x %}",
    "{% include 'templates/../../pyproject.toml' %}",
    "{{ get_flashed_messages.__globals__ }}",
    "{{ url_for.__globals__ }}",
    "{{ range.__self__ }}",
    "{{ dict.__base__ }}",
]
SECRETS = ("root:", "uid=", "<module", "<class", "<function", "<built-in", "__builtins__", "BÍ MẬT",
           "environ", "/bin/", "[build-system]")


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every attempt to start a program while a template renders."""
    calls: list[str] = []

    def record(name: str):  # type: ignore[no-untyped-def]
        def fake(*args: object, **kwargs: object) -> None:
            calls.append(f"{name}{args[:1]}")
            raise PermissionError("blocked by the test")
        return fake

    for module, name in ((os, "popen"), (os, "system"), (os, "execv"), (os, "execve"), (os, "spawnv"),
                         (os, "posix_spawn"), (subprocess, "Popen"), (subprocess, "run"), (os, "remove"),
                         (os, "rmdir")):
        if hasattr(module, name):
            monkeypatch.setattr(module, name, record(f"{module.__name__}.{name}"))
    return calls


def _user_template(name: str, body: str) -> Path:
    path = paths.user_templates_dir() / f"{name}.md.j2"
    path.write_text(body, encoding="utf-8")
    return path


def _secret() -> None:
    """Put a secret beside the template folder, where a template must not reach."""
    (paths.data_dir() / "x").write_text("BÍ MẬT", encoding="utf-8")
    (paths.data_dir() / "x.md.j2").write_text("BÍ MẬT", encoding="utf-8")


@pytest.mark.parametrize("as_override", [False, True], ids=["new-template", "override"])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_escape_payloads_stop_with_a_message(payload: str, as_override: bool, spy: list[str]) -> None:
    _secret()
    name = "cong_van_trien_khai" if as_override else "mau_rieng"
    path = _user_template(name, "Mở đầu của mẫu.\n" + payload + "\n")
    draft = model.load(CAT_TIEN).copy(template=name)
    before = model.dumps(draft)
    with pytest.raises(TemplateError) as caught:
        compose.render_markup(draft)
    message = caught.value.message
    assert message.startswith(f"Mẫu “{path}”, dòng 2"), message
    assert not any(secret in message for secret in SECRETS), message
    assert spy == []
    assert model.dumps(draft) == before  # the template changed nothing in the letter
    if as_override:  # the shipped template is still there for the clerk
        assert "builtin:cong_van_trien_khai" in message
        assert compose.render_markup(draft, builtin=True).startswith("Thực hiện")


@pytest.mark.parametrize("payload", PAYLOADS[:9])
def test_the_render_and_pdf_commands_refuse_them_without_writing(payload: str, tmp_path: Path, spy: list[str],
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _secret()
    _user_template("mau_rieng", "A\n" + payload)
    data = json.loads(CAT_TIEN.read_text(encoding="utf-8"))
    data["template"] = "mau_rieng"
    draft = tmp_path / "ban-thao.json"
    draft.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for argv in (["render", str(draft), "-o", str(tmp_path / "out.docx")],
                 ["pdf", str(draft), "-o", str(tmp_path / "out.pdf"), "--engine", "libreoffice"]):
        status = cli.main(argv)
        out, err = capsys.readouterr()
        assert status == 2, err
        assert err.startswith("Lỗi: Mẫu “") and "dòng 2" in err, err
        assert "Traceback" not in err and not any(secret in err + out for secret in SECRETS), err
    assert not (tmp_path / "out.docx").exists() and not (tmp_path / "out.pdf").exists()
    assert spy == []


def test_a_template_cannot_change_the_draft_or_the_store(spy: list[str]) -> None:
    from dnnd_drafter.store import open_store

    with open_store() as store:
        before = list(store.conn.iterdump())
        for payload in ("{{ content.tasks.clear() }}", "{{ recipients.append('x') }}",
                        "{% set _ = content.wordin.read.update({'a': 1}) %}", "{{ draft.__setattr__('subject', 'x') }}",
                        "{{ signature.name.__class__ }}"):
            _user_template("mau_rieng", "A\n" + payload)
            draft = model.load(CAT_TIEN).copy(template="mau_rieng")
            before_draft = model.dumps(draft)
            with pytest.raises(TemplateError):
                compose.render_markup(draft)
            assert model.dumps(draft) == before_draft
        assert list(store.conn.iterdump()) == before
    assert spy == []


def test_the_template_environment_is_an_immutable_sandbox() -> None:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    for env in (compose.environment(), compose.builtin_environment()):
        assert isinstance(env, ImmutableSandboxedEnvironment)
        assert not {"config", "request", "self_", "os", "open", "__builtins__"} & set(env.globals)


def strip_emphasis(text: str) -> str:
    """Return `text` without the characters Markdown may read as emphasis."""
    return text.replace("_", "").replace("*", "")


@pytest.mark.parametrize("payload", PAYLOADS[:9] + ["{{ 7*7 }}", "{% raw %}x{% endraw %}"])
def test_payloads_typed_into_the_letter_are_printed_as_text(payload: str, spy: list[str]) -> None:
    import docx

    from dnnd_drafter.render import laid_out
    from dnnd_drafter.writers.docx.writer import to_bytes

    draft = model.load(CAT_TIEN)
    draft.subject = payload
    draft.content.opening = payload
    draft.content.tasks[0].text = payload
    draft.recipients[0] = payload
    document = docx.Document(io.BytesIO(to_bytes(laid_out(draft))))
    body = [p.text for p in document.paragraphs]
    cells = [p.text for t in document.tables for c in t._cells for p in c.paragraphs]
    bare = strip_emphasis(payload)  # Markdown fields: __x__ and *x* are emphasis, the rest prints
    assert [strip_emphasis(line) for line in body].count(bare) == 1  # the opening
    assert f"1. {bare}" in [strip_emphasis(line) for line in body]  # the first task
    assert payload in cells  # the trích yếu (plain text) under the number
    assert any(payload in line for line in body if "Kính gửi" in line)
    assert not any("49" in line for line in body + cells if "7*7" in payload and "492" not in line)
    assert spy == []


TOKENS = ["{{", "}}", "{%", "%}", "{#", "#}", " ", "\n", "for", "in", "endfor", "if", "else", "endif", "set", "=",
          "content", "tasks", "opening", "subject", "recipients", "signature", "name", "loop", "index", ".", "|",
          "md", "upper", "finish", "vn_date", "bare", "length", "join", "(", ")", "[", "]", "'", '"', ",", "0",
          "1", "-1", "x", "Về việc", "~", "+", "-", "not", "and", "or", "==", "macro", "endmacro", "call",
          "include", "import", "from", "as", "_chung.md.j2", "raw", "endraw", "__class__", "__globals__",
          "self", "super()", "caller", "attr", "format", "namespace", "cycler", "joiner", "lipsum", "dict",
          "\\", "**", "*", "##", "- ", "{{ content.opening }}", "{% for t in content.tasks %}", "{% endfor %}",
          "range", "99999", "{% for i in range(99999) %}"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40))
def test_random_user_templates_render_or_give_a_message(tokens: list[str]) -> None:
    """No token soup ends in anything but text or a TemplateError.

    Loops over ``range`` and ``*`` included: the template budget stops nested loops and huge
    values (see test_template_budget.py).
    """
    source = "".join(tokens)
    _user_template("mau_rieng", source)
    draft = model.load(CAT_TIEN).copy(template="mau_rieng")
    try:
        body = compose.compose_blocks(draft)
    except TemplateError as exc:
        assert exc.message.startswith("Mẫu “") or "mẫu" in exc.message
        return
    assert isinstance(body, list)

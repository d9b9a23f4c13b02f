"""Compose a letter body: fill the draft's Jinja template and parse the Markdown it returns.

One strict environment: an immutable, bounded sandbox (:mod:`dnnd_drafter.compose.sandbox`)
with StrictUndefined, whose loader looks in the user's template folder first (same name
overrides, new names add) and then in the packaged ``templates/``. A second one reads the
packaged templates only, so the built-in template stays usable when a user's copy is broken:
``render_markup(draft, builtin=True)`` or a template name written ``builtin:cong_van_trien_khai``.

User text is data, never template source, so ``{{`` typed by a clerk prints literally; the
``md`` filter escapes plain text that is put into markup. The template gets structured data
(see :mod:`dnnd_drafter.compose.context`) and gives back the body's Markdown subset.

Any failure of a template (syntax, a missing field, a forbidden attribute, a file it may not
read, too much work: see :mod:`dnnd_drafter.compose.limits`) raises
:class:`~dnnd_drafter.base.errors.TemplateError` in Vietnamese naming the file, the line and, when
known, the field.
"""

from __future__ import annotations

import re
from functools import lru_cache
from types import TracebackType
from typing import Any, Callable

import jinja2

from dnnd_drafter.compose import context as compose_context
from dnnd_drafter.compose import markup
from dnnd_drafter.base import paths
from dnnd_drafter.base import shipped_files as resources
from dnnd_drafter.base.errors import TemplateError, UserMessageError, describe_os_error
from dnnd_drafter.model.letter import Draft
from dnnd_drafter.compose.template_cache import CompiledTemplateCache
from dnnd_drafter.compose.limits import MAX_TEMPLATE_BYTES, TemplateBudgetError
from dnnd_drafter.compose.sandbox import BoundedSandbox
from dnnd_drafter.compose.template_files import TEMPLATE_SUFFIX, available_templates  # noqa: F401 - re-exported

BUILTIN_PREFIX = "builtin:"
_SAFE_NAME = re.compile(r"[^/\\:\x00]+")


def _valid_name(template: str) -> bool:
    """Return whether `template` is a plain template file name (no folder, drive or dot file)."""
    return (bool(_SAFE_NAME.fullmatch(template)) and not template.startswith(".")
            and template.endswith(TEMPLATE_SUFFIX))


def _packaged_source(name: str) -> tuple[str, str, Callable[[], bool]] | None:
    """Return the source of a packaged template, or None when there is none."""
    if not _valid_name(name):
        return None
    try:
        source = resources.read_text("templates", name)
    except (FileNotFoundError, IsADirectoryError, ValueError):
        return None
    return source, f"templates/{name}", lambda: True


class _PackagedLoader(jinja2.BaseLoader):
    """Load the templates shipped with the program, nothing else."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Any]:
        """Return the source, file name and up-to-date check of `template`."""
        found = _packaged_source(template)
        if found is None:
            raise jinja2.TemplateNotFound(template)
        return found


class _UserFirstLoader(jinja2.BaseLoader):
    """Load a template from the user's folder when present, else from the package.

    Only plain file names are looked up (no ``/``, ``\\``, ``..`` or drive), so a template
    cannot reach files outside the two folders. A packaged template is reloaded as soon as the
    user adds a file of the same name; a user template as soon as its text changes.
    """

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Any]:
        """Return the source, file name and up-to-date check of `template`."""
        if not _valid_name(template):
            raise jinja2.TemplateNotFound(template)
        user_path = paths.user_templates_dir() / template
        if user_path.is_file():
            try:
                if user_path.stat().st_size > MAX_TEMPLATE_BYTES:
                    raise TemplateError(f"Mẫu “{user_path}” quá lớn (hơn {MAX_TEMPLATE_BYTES // 1000} KB); "
                                        "hãy sửa mẫu.", field="template")
                source = user_path.read_text(encoding="utf-8")
            except OSError as exc:
                raise TemplateError(f"Không đọc được mẫu “{user_path}”: {describe_os_error(exc, user_path)}.",
                                    field="template") from exc
            except UnicodeDecodeError as exc:
                raise TemplateError(f"Không đọc được mẫu “{user_path}”: phải là văn bản UTF-8.",
                                    field="template") from exc

            def fresh() -> bool:
                if paths.user_templates_dir() / template != user_path:
                    return False  # the data folder moved (another profile, a test)
                try:
                    return user_path.read_text(encoding="utf-8") == source
                except (OSError, UnicodeDecodeError):
                    return False

            return source, str(user_path), fresh
        found = _packaged_source(template)
        if found is None:
            raise jinja2.TemplateNotFound(template)
        source, filename, _ = found
        return source, filename, lambda: not (paths.user_templates_dir() / template).is_file()


def _make_environment(loader: jinja2.BaseLoader) -> BoundedSandbox:
    """Return a strict, bounded sandboxed environment with our filters."""
    filters: dict[str, Callable[..., Any]] = {
        "md": markup.escape, "finish": finish, "vn_date": compose_context.vn_date,
        "upper_first": compose_context.upper_first, "bare": compose_context.bare}
    environment = BoundedSandbox(extra_filters=filters, loader=loader, undefined=jinja2.StrictUndefined,
                                 autoescape=False, keep_trailing_newline=True, trim_blocks=True,
                                 lstrip_blocks=True, auto_reload=True)
    environment.bytecode_cache = CompiledTemplateCache(environment)  # compiled once, not in every process
    return environment


@lru_cache(maxsize=1)
def environment() -> BoundedSandbox:
    """Return the application's template environment: user folder first, then the package."""
    return _make_environment(_UserFirstLoader())


@lru_cache(maxsize=1)
def builtin_environment() -> BoundedSandbox:
    """Return the environment that sees the packaged templates only."""
    return _make_environment(_PackagedLoader())


def finish(text: str, mark: str) -> str:
    """Return `text` ending with the family's closing `mark` (``./.``), never doubled."""
    text = text.rstrip()
    if not mark or not text or text.endswith(mark):
        return text
    return text.rstrip(".;,") + mark


def template_context(draft: Draft) -> dict[str, Any]:
    """Return the variables a body template may use (see compose_context.CONTEXT_KEYS)."""
    return compose_context.build_context(draft)


def split_name(template: str, builtin: bool = False) -> tuple[str, bool]:
    """Return the bare template name and whether only the built-in templates may be used."""
    if template.startswith(BUILTIN_PREFIX):
        return template[len(BUILTIN_PREFIX):].strip(), True
    return template, builtin


def _template_frame(tb: TracebackType | None) -> tuple[str, int] | None:
    """Return the file and line of the innermost template frame of a (Jinja-rewritten) traceback."""
    found = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


_FIELD_PATTERNS = (
    re.compile(r"has no attribute '([^']+)'"),
    re.compile(r"'([^']+)' is undefined"),
    re.compile(r"no element '?([^']+?)'?$"),
    re.compile(r"attribute '([^']+)' of"),
)


def _field_of(message: str) -> str:
    """Return the field named in a Jinja error message, or ``""``."""
    for pattern in _FIELD_PATTERNS:
        match = pattern.search(message or "")
        if match:
            return match.group(1)
    return ""


def _describe(exc: BaseException, fallback: str, name: str) -> TemplateError:
    """Return the Vietnamese TemplateError for an exception raised while template `name` ran."""
    where = _template_frame(exc.__traceback__)
    filename, line = where if where else (fallback, 0)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        filename, line = exc.filename or filename, exc.lineno or line
    at = f"Mẫu “{filename}”, dòng {line}" if line else f"Mẫu “{filename}”"
    hint = (f" Mẫu có sẵn của chương trình vẫn dùng được: “{BUILTIN_PREFIX}{name}”."
            if not filename.startswith("templates/") and _packaged_source(name + TEMPLATE_SUFFIX) else "")
    message = getattr(exc, "message", None) or str(exc)
    if isinstance(exc, (TemplateBudgetError, RecursionError, MemoryError)):
        reason = (exc.reason if isinstance(exc, TemplateBudgetError)
                  else "lồng nhau hoặc tự gọi lại quá sâu" if isinstance(exc, RecursionError) else "hết bộ nhớ")
        text = f"{at}: mẫu chạy quá lâu hoặc tạo văn bản quá dài ({reason}); hãy sửa mẫu."
    elif isinstance(exc, jinja2.TemplateSyntaxError):
        text = f"{at}: lỗi cú pháp ({message})."
    elif isinstance(exc, jinja2.sandbox.SecurityError):
        field = _field_of(message)
        text = f"{at}: thao tác không được phép" + (f" (trường “{field}”)." if field else f" ({message}).")
    elif isinstance(exc, jinja2.UndefinedError):
        field = _field_of(message)
        text = f"{at}: dùng trường “{field or message}” không có trong bản thảo."
    elif isinstance(exc, jinja2.TemplateNotFound):
        text = f"{at}: không tìm thấy hoặc không được phép nạp mẫu “{exc.name}”."
    else:
        text = f"{at}: lỗi khi chạy mẫu ({type(exc).__name__}: {message})."
    return TemplateError(text + hint, field="template")


def render_markup(draft: Draft, builtin: bool = False) -> str:
    """Return the body Markdown of `draft` produced by its template.

    With `builtin` (or a template named ``builtin:…``) the user's template folder is ignored.
    """
    name, builtin = split_name(draft.template, builtin)
    env = builtin_environment() if builtin else environment()
    filename = name + TEMPLATE_SUFFIX
    try:
        template = env.get_template(filename)
    except jinja2.TemplateNotFound as exc:
        if exc.name != filename:
            raise _describe(exc, filename, name) from exc
        raise TemplateError(f"Không tìm thấy mẫu văn bản “{name}”.", field="template") from None
    except UserMessageError:
        raise
    except Exception as exc:  # noqa: BLE001 - every template failure becomes a message
        raise _describe(exc, str(template_path(name, builtin)), name) from exc
    context = template_context(draft)
    try:
        return template.render(context)
    except UserMessageError:
        raise
    except Exception as exc:  # noqa: BLE001 - every template failure becomes a message
        raise _describe(exc, template.filename or filename, name) from exc


def template_path(name: str, builtin: bool = False) -> str:
    """Return where template `name` is read from: the user's file or ``templates/<name>.md.j2``."""
    filename = name + TEMPLATE_SUFFIX
    user_path = paths.user_templates_dir() / filename
    if not builtin and _valid_name(filename) and user_path.is_file():
        return str(user_path)
    return f"templates/{filename}"


def compose_blocks(draft: Draft, builtin: bool = False) -> list[markup.Block]:
    """Return the body blocks of `draft`."""
    return markup.parse_blocks(render_markup(draft, builtin))

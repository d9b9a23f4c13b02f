"""Compose a letter body: fill the draft's Jinja template and parse the Markdown it returns.

One strict environment: a SandboxedEnvironment with StrictUndefined, whose loader looks in
the user's template folder first (same name overrides, new names add) and then in the packaged
``templates/``. User text is data, never template source, so ``{{`` typed by a clerk prints
literally; the ``md`` filter escapes plain text that is put into markup.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from dnnd_drafter import markup, paths, resources
from dnnd_drafter.errors import TemplateError
from dnnd_drafter.formats import load_format
from dnnd_drafter.model import Draft

TEMPLATE_SUFFIX = ".md.j2"


def _packaged_source(name: str) -> tuple[str, str, Any] | None:
    """Return the source of a packaged template, or None when there is none."""
    try:
        source = resources.read_text("templates", name)
    except (FileNotFoundError, ValueError):
        return None
    return source, f"templates/{name}", lambda: True


class _UserFirstLoader(jinja2.BaseLoader):
    """Load a template from the user's folder when present, else from the package."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Any]:
        """Return the source, file name and up-to-date check of `template`."""
        user_path = paths.user_templates_dir() / template
        if "/" not in template and user_path.is_file():
            mtime = user_path.stat().st_mtime
            source = user_path.read_text(encoding="utf-8")
            return source, str(user_path), lambda: user_path.is_file() and user_path.stat().st_mtime == mtime
        found = _packaged_source(template)
        if found is None:
            raise jinja2.TemplateNotFound(template)
        return found


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    """Return the one strict, sandboxed Jinja environment of the application."""
    env = SandboxedEnvironment(loader=_UserFirstLoader(), undefined=jinja2.StrictUndefined,
                               autoescape=False, keep_trailing_newline=True,
                               trim_blocks=True, lstrip_blocks=True, auto_reload=True)
    env.filters["md"] = markup.escape
    env.filters["finish"] = finish
    return env


def finish(text: str, mark: str) -> str:
    """Return `text` ending with the family's closing `mark` (``./.``), never doubled."""
    text = text.rstrip()
    if not mark or not text or text.endswith(mark):
        return text
    return text.rstrip(".;,") + mark


def template_context(draft: Draft) -> dict[str, Any]:
    """Return the variables a body template may use."""
    return {
        "draft": draft,
        "content": draft.content,
        "issuer": draft.issuer,
        "signature": draft.signature,
        "recipients": draft.recipients,
        "family": draft.family,
        "kind": draft.kind,
        "closing_mark": load_format(draft.family, draft.rule_set).body.get("closing_mark", ""),
    }


def render_markup(draft: Draft) -> str:
    """Return the body Markdown of `draft` produced by its template."""
    name = draft.template + TEMPLATE_SUFFIX
    try:
        template = environment().get_template(name)
        return template.render(template_context(draft))
    except jinja2.TemplateNotFound:
        raise TemplateError(f"Không tìm thấy mẫu văn bản “{draft.template}”.", field="template") from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"Mẫu “{draft.template}” dùng một trường không có: {exc.message}.",
                            field="template") from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"Mẫu “{exc.filename or name}”, dòng {exc.lineno}: lỗi cú pháp ({exc.message}).",
                            field="template") from exc
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(f"Mẫu “{draft.template}” dùng một thao tác không được phép.", field="template") from exc


def compose_blocks(draft: Draft) -> list[markup.Block]:
    """Return the body blocks of `draft`."""
    return markup.parse_blocks(render_markup(draft))

"""Name the letter templates that exist, shipped or the user's, without loading the template engine.

The start dialog lists them before anything is composed, so this module imports neither
Jinja nor the Markdown parser (see :mod:`dnnd_drafter.compose.engine` for rendering).
"""

from __future__ import annotations

from dnnd_drafter.base import paths
from dnnd_drafter.base import shipped_files as resources

TEMPLATE_SUFFIX = ".md.j2"


def available_templates() -> dict[str, str]:
    """Return every template name a draft may use, with where it comes from (``user``/``builtin``)."""
    shipped = resources.list_names("templates", suffix=TEMPLATE_SUFFIX)
    names = {n.removesuffix(TEMPLATE_SUFFIX): "builtin" for n in shipped}
    for path in sorted(paths.user_templates_dir().glob("*" + TEMPLATE_SUFFIX)):
        if not path.name.startswith(("_", ".")):
            names[path.name.removesuffix(TEMPLATE_SUFFIX)] = "user"
    return names

"""Install and finish, together, the caches of what every process compiles anew from the same text.

Two kinds of code are compiled in every start of the wizard and every command, from texts that do
not change between runs: what the standard library writes as text (dataclasses' methods, named
tuples' ``__new__``, typing's forward references: :mod:`.generated_code`) and the regular
expressions of shiboken's support modules, the standard library, Jinja2 and ours
(:mod:`.regex_code`). Both are kept in the per-user cache folder; :func:`install` puts both in place
before the first of those texts is compiled, :func:`finish` writes what was compiled anew and lets
go of both. Each is once only: a second call does nothing.
"""

from __future__ import annotations

from dnnd_drafter.base import generated_code, regex_code


def install() -> None:
    """Let the standard library's generated code and :mod:`re` come from the cache (once)."""
    regex_code.install()
    generated_code.install()


def finish() -> None:
    """Write what was compiled anew and stop both caches; later code compiles as without them.
    Never fails."""
    generated_code.finish()
    regex_code.finish()

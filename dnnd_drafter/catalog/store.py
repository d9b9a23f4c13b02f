"""Load the directive catalog: shipped files plus the user's imported files (user wins).

Shipped files live in ``resources/directives/*.toml`` (read through
:mod:`dnnd_drafter.base.shipped_files`); a broken shipped file is a bug and raises CatalogError.
User files live in :func:`dnnd_drafter.base.paths.user_directives_dir`; a broken user file is
skipped and reported through :func:`catalog_warnings`, never a crash.
"""

from __future__ import annotations

import copy
import datetime as _dt
from pathlib import Path
from typing import NamedTuple

from dnnd_drafter.files import atomic
from dnnd_drafter.base import paths
from dnnd_drafter.base import shipped_files as resources
from dnnd_drafter.catalog import shipped_cache
from dnnd_drafter.catalog.model import Directive, directive_id
from dnnd_drafter.catalog.tomlio import dumps, loads
from dnnd_drafter.base.errors import CatalogError, UserMessageError, describe_os_error
from dnnd_drafter.files.input_guard import MAX_DATA_BYTES, read_capped

SHIPPED_FOLDER = "directives"


def shipped_directives() -> dict[str, Directive]:
    """Return the directives shipped with the application, by id (parsed once, then kept:
    :mod:`dnnd_drafter.catalog.shipped_cache`)."""
    texts = {name: resources.read_text("data", f"{SHIPPED_FOLDER}/{name}")
             for name in resources.list_names("data", SHIPPED_FOLDER, ".toml")}
    return shipped_cache.parsed(texts, _parse_shipped)


def _parse_shipped(texts: dict[str, str]) -> dict[str, Directive]:
    """Return the directives of the shipped files' `texts` (by file name), by id."""
    found: dict[str, Directive] = {}
    for name, text in texts.items():
        directive = loads(text, name)
        directive.origin = f"gói phần mềm: {name}"
        found[directive.id] = directive
    return found


def user_directives(warnings: list[str] | None = None) -> dict[str, Directive]:
    """Return the directives in the user folder, by id; broken files go to `warnings`."""
    warnings = [] if warnings is None else warnings
    found: dict[str, Directive] = {}
    try:
        files = sorted(paths.user_directives_dir().glob("*.toml"))
    except OSError as exc:
        warnings.append(f"Không đọc được thư mục danh mục của người dùng: {describe_os_error(exc)}.")
        return found
    for path in files:
        if path.name.startswith((".", "_")):
            continue
        try:
            text = read_capped(path, MAX_DATA_BYTES, CatalogError).decode("utf-8-sig")
            directive = loads(text, path.name)
        except UnicodeDecodeError:
            warnings.append(f"Bỏ qua tệp “{path.name}”: không phải văn bản UTF-8.")
            continue
        except OSError as exc:
            warnings.append(f"Bỏ qua tệp “{path.name}”: không đọc được ({describe_os_error(exc, path)}).")
            continue
        except UserMessageError as exc:
            warnings.append(f"Bỏ qua tệp “{path.name}”: {exc.message}")
            continue
        directive.origin = str(path)
        if directive.id in found:
            warnings.append(f"Tệp “{path.name}” trùng mã “{directive.id}” với tệp khác; "
                            "dùng tệp này.")
        found[directive.id] = directive
    return found


def _user_folder_state() -> tuple[object, ...]:
    """Return what identifies the user folder's content: its path and each file's size and time."""
    try:
        folder = paths.user_directives_dir()
        return (str(folder), *sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                                     for p in folder.glob("*.toml")))
    except OSError:
        return ("unreadable",)


class _Parsed(NamedTuple):
    """Hold the catalog read for one state of the user folder, and the files it skipped."""

    state: tuple[object, ...]
    catalog: dict[str, Directive]
    warnings: list[str]


_parsed: list[_Parsed] = []  # the last parse: a memo keyed by the user folder's state


def _current() -> _Parsed:
    """Return the catalog of the user folder as it is now, parsing the files only when they changed."""
    state = _user_folder_state()
    if not _parsed or _parsed[0].state != state:
        warnings: list[str] = []
        catalog = shipped_directives()
        catalog.update(user_directives(warnings))
        _parsed[:] = [_Parsed(state, dict(sorted(catalog.items(), key=lambda item: _sort_key(item[1]))), warnings)]
    return _parsed[0]


def load_catalog() -> dict[str, Directive]:
    """Return every known directive by id: shipped ones, replaced by user files of the same id.

    The files are parsed again only when the user folder changed (every preview refresh asks);
    callers get their own copies, so changing one never changes the catalog.
    """
    return copy.deepcopy(_current().catalog)


def _sort_key(directive: Directive) -> tuple[int, str]:
    """Order directives newest first, then by id."""
    return (-(directive.date or _dt.date.min).toordinal(), directive.id)


def catalog_warnings() -> list[str]:
    """Return the Vietnamese warnings about the user files skipped, for the user folder as it is now."""
    return list(_current().warnings)


def get_directive(number: str) -> Directive:
    """Return a copy of the directive with number or id `number` (``12-CT/TW`` or ``12-CT-TW``).

    Only that directive is copied: the preview asks at every refresh.
    """
    wanted = directive_id(number)
    catalog = _current().catalog
    if wanted in catalog:
        return copy.deepcopy(catalog[wanted])
    for directive in catalog.values():
        if directive_id(directive.number) == wanted:
            return copy.deepcopy(directive)
    known = ", ".join(d.number for d in catalog.values()) or "(trống)"
    raise CatalogError(f"Không có văn bản “{number.strip()}” trong danh mục. "
                       f"Danh mục hiện có: {known}. Có thể nhập văn bản mới bằng lệnh "
                       "“dnnd-drafter catalog import”.")


def user_file_for(directive: Directive) -> Path:
    """Return the path where `directive` is (or would be) saved in the user folder."""
    stem = directive.id or directive_id(directive.number)
    if not stem:
        raise CatalogError("Chưa có số, ký hiệu văn bản nên chưa đặt được tên tệp để lưu.")
    return paths.user_directives_dir() / f"{stem}.toml"


def save_directive(directive: Directive, overwrite: bool = True) -> Path:
    """Write `directive` as a new TOML catalog file in the user folder and return its path.

    Missing header data raises CatalogError listing what to fill in; with ``overwrite=False``
    an existing file of the same id is refused. The write is atomic.
    """
    missing = directive.missing_fields()
    if missing:
        raise CatalogError("Chưa đủ thông tin để lưu vào danh mục, còn thiếu: "
                           + ", ".join(missing) + ".")
    if not directive.id:
        directive.id = directive_id(directive.number)
    target = user_file_for(directive)
    if target.exists() and not overwrite:
        raise CatalogError(f"Danh mục đã có tệp “{target.name}”. Hãy chọn ghi đè "
                           "(dòng lệnh: --overwrite) hoặc đổi số, ký hiệu.")
    header = (f"{directive.type_name} {directive.number}, lưu bằng DNND Drafter ngày "
              f"{_dt.date.today().isoformat()}.\nSửa được bằng trình soạn thảo văn bản (UTF-8); "
              "xem docs/catalog.md.")
    text = dumps(directive, header=header)
    atomic.write_text(target, text)
    directive.origin = str(target)
    return target

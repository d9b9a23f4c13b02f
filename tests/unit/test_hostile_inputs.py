"""Hostile input: a Vietnamese message, exit 2, no traceback, data unchanged (issue 13, points 9, 10).

Each case is tried twice: through the command line (a fresh process, its memory capped at
1.5 GB so that a zip bomb or ``/dev/zero`` cannot take the machine) and through the Python API
(model, store, catalog, checker). Cases: JSON nested 5 000 deep in a draft and in a data import;
``/dev/zero`` and a 3 GB sparse file as a draft, as an import and on standard input; two .docx
zip bombs (a 600 MB picture, and a picture packed 1 000:1) and XML nested 3 000 deep for both
.docx readers (directive importer, checker); a catalog file nested 5 000 deep. The helpers
here serve tests/unit/test_hostile_storage.py (a hostile file system) too.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from dnnd_drafter.model import letter as model
from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.store import open_store
from tests.unit.store_fixtures import REPO, state_profile
from tests.unit.write_faults import store_dump
from tests.unit.test_store_commands import DRAFT

MEMORY_CAP = 1536 * 1024 * 1024
DEEP = 5000
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
needs_root = pytest.mark.skipif(not IS_ROOT, reason="mounting a tmpfs needs root")


def strace_works() -> bool:
    """Return whether strace is installed and may trace here (containers may forbid ptrace)."""
    if shutil.which("strace") is None:
        return False
    return subprocess.run(["strace", "-qq", "-o", os.devnull, "true"], capture_output=True,
                          check=False).returncode == 0


needs_strace = pytest.mark.skipif(not strace_works(), reason="needs a working strace (ptrace)")


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def cli(*args: str, home: Path, env: dict[str, str] | None = None, stdin: str | None = None,
        prefix: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``dnnd-drafter ARGS`` in a fresh process with capped memory; return the result."""
    environment = dict(os.environ, DNND_DRAFTER_HOME=str(home), **(env or {}))
    with open(stdin or os.devnull, "rb") as source:
        return subprocess.run([*(prefix or []), sys.executable, "-m", "dnnd_drafter", *args],
                              capture_output=True, env=environment, cwd=REPO, timeout=120, check=False,
                              stdin=source, preexec_fn=_cap_memory, text=True)


def assert_clean_refusal(result: subprocess.CompletedProcess[str], *words: str) -> None:
    """Check exit 2, one Vietnamese ``Lỗi:`` message holding `words`, and no traceback."""
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr and "Logging error" not in result.stderr, result.stderr[-2000:]
    assert result.stderr.strip().splitlines()[-1].startswith("Lỗi: "), result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def api_refuses(call: Callable[[], object], *words: str) -> None:
    """Check that `call` raises a UserMessageError (exit status 2) whose message holds `words`."""
    with pytest.raises(UserMessageError) as caught:
        call()
    assert caught.value.exit_code == 2
    for word in words:
        assert word in caught.value.message, caught.value.message


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a data folder holding an office: a profile and an address-book entry."""
    folder = tmp_path / "home"
    monkeypatch.setenv("DNND_DRAFTER_HOME", str(folder))
    with open_store() as store:
        state_profile(store)
        store.addressbook.add(Recipient("Ủy ban nhân dân xã Tân An", "UBND xã Tân An"))
    return folder


def dump(home: Path) -> list[str]:
    """Return every row of the office's database."""
    with open_store(home / "dnnd-drafter.sqlite3", auto_backup=False) as store:
        return store_dump(store)


# -- bad files: deep JSON, endless and huge files, zip bombs (points 9 and 10) -------------------

def _deep(kind: str) -> str:
    """Return JSON nested DEEP levels inside a draft or a data export."""
    nested = "[" * DEEP + "]" * DEEP
    if kind == "draft":
        return json.dumps(DRAFT, ensure_ascii=False)[:-1] + f', "extra": {nested}}}'
    return '{"schema": "dnnd-drafter/data@1", "recipients": [{"name": "A", "tags": ' + nested + "}]}"


def _sparse(path: Path) -> Path:
    with open(path, "wb") as handle:
        handle.truncate(3 * 1024 ** 3)
    return path


def _zero(path: Path) -> Path:
    path.symlink_to("/dev/zero")
    return path


def _bomb(path: Path, size_mb: int) -> Path:
    """Write a real .docx whose document links a picture of `size_mb` MB of zeros (packed ~1 000:1)."""
    from dnnd_drafter.render import write_docx

    letter = path.with_name("letter.docx")
    write_docx(model.load(REPO / "examples" / "dang_cat_tien_492.json"), letter)
    rels, types = "word/_rels/document.xml.rels", "[Content_Types].xml"
    with zipfile.ZipFile(letter) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == rels:
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdBomb" Type="http://schemas.'
                                    b'openxmlformats.org/officeDocument/2006/relationships/image" '
                                    b'Target="media/image9.png"/></Relationships>')
            elif info.filename == types and b'Extension="png"' not in data:
                data = data.replace(b"<Default ", b'<Default Extension="png" ContentType="image/png"/><Default ', 1)
            bomb.writestr(info, data)
        picture_info = zipfile.ZipInfo("word/media/image9.png")
        picture_info.compress_type = zipfile.ZIP_DEFLATED
        with bomb.open(picture_info, "w", force_zip64=True) as picture:
            chunk = b"\0" * (1 << 20)
            for _ in range(size_mb):
                picture.write(chunk)
    letter.unlink()
    return path


BAD_FILES: dict[str, tuple[Callable[[Path], Path], list[str], tuple[str, ...]]] = {
    # name: (make the file in a folder, command line before the file, words of the message)
    "deep_draft": (lambda d: _write(d / "sau.json", _deep("draft")), ["render"], ("lồng nhau quá sâu", "sau.json")),
    "deep_draft_issue": (lambda d: _write(d / "sau.json", _deep("draft")), ["register", "issue"],
                         ("lồng nhau quá sâu",)),
    "deep_import": (lambda d: _write(d / "sau.json", _deep("data")), ["data", "import"], ("lồng nhau quá sâu",)),
    "zero_draft": (lambda d: _zero(d / "zero.json"), ["render"], ("không phải một tệp thông thường",)),
    "zero_import": (lambda d: _zero(d / "zero.json"), ["data", "import"], ("không phải một tệp thông thường",)),
    "huge_draft": (lambda d: _sparse(d / "lon.json"), ["render"], ("quá lớn", "lon.json")),
    "huge_import": (lambda d: _sparse(d / "lon.csv"), ["data", "import"], ("quá lớn", "lon.csv")),
    "huge_directive": (lambda d: _sparse(d / "lon.txt"), ["catalog", "import"], ("quá dài",)),
    "bomb_600mb": (lambda d: _bomb(d / "bom.docx", 600), ["catalog", "import"], ("quá lớn", "bom.docx")),
    "bomb_ratio": (lambda d: _bomb(d / "bom.docx", 40), ["catalog", "import"], ("quá lớn", "bom nén", "bom.docx")),
    "bomb_600mb_check": (lambda d: _bomb(d / "bom.docx", 600), ["check"], ("quá lớn", "bom.docx")),
    "bomb_ratio_check": (lambda d: _bomb(d / "bom.docx", 40), ["check"], ("quá lớn", "bom nén", "bom.docx")),
    "deep_xml": (lambda d: _deep_docx(d / "sau.docx"), ["catalog", "import"], ("sau.docx",)),
    "deep_xml_check": (lambda d: _deep_docx(d / "sau.docx"), ["check"], ("Excessive depth", "sau.docx")),
}


def _deep_docx(path: Path) -> Path:
    """Write a .docx whose body nests 3 000 content controls (XML deeper than libxml2 allows)."""
    from dnnd_drafter.render import write_docx

    letter = path.with_name("letter.docx")
    write_docx(model.load(REPO / "examples" / "dang_cat_tien_492.json"), letter)
    deep = (b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
            b'2006/main"><w:body>' + b"<w:sdt><w:sdtContent>" * 3000 + b"</w:sdtContent></w:sdt>" * 3000
            + b"</w:body></w:document>")
    with zipfile.ZipFile(letter) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, deep if info.filename == "word/document.xml" else source.read(info))
    letter.unlink()
    return path


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _api_for(command: list[str]) -> Callable[[Path], object]:
    """Return the API call that does what `command` does with a file."""
    if command[0] in ("render", "register"):
        return model.load
    if command[0] == "data":
        def import_file(path: Path) -> object:
            with open_store() as store:
                return store.import_file(path)
        return import_file
    if command[0] == "check":
        from dnnd_drafter.checker.check import check_docx
        return check_docx
    from dnnd_drafter.catalog.importer import import_file as import_directive
    return import_directive


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_file_is_refused_by_the_command_line_and_the_api(case: str, home: Path, tmp_path: Path) -> None:
    make, command, words = BAD_FILES[case]
    path = make(tmp_path)
    before = dump(home)
    assert_clean_refusal(cli(*command, str(path), home=home), *words)
    api_refuses(lambda: _api_for(command)(path), *words)
    assert dump(home) == before


def test_dev_zero_on_standard_input_is_refused(home: Path) -> None:
    assert_clean_refusal(cli("catalog", "import", "-", home=home, stdin="/dev/zero"))


def test_a_deeply_nested_catalog_file_is_skipped_with_a_warning(home: Path) -> None:
    from dnnd_drafter.catalog.store import user_directives

    folder = home / "directives"
    folder.mkdir(exist_ok=True)
    (folder / "sau.toml").write_text("x = " + "[" * DEEP + "]" * DEEP + "\n", encoding="utf-8")
    result = cli("catalog", "list", home=home)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "sau.toml" in result.stdout + result.stderr
    warnings: list[str] = []
    user_directives(warnings)
    assert any("sau.toml" in w and "lồng nhau quá sâu" in w for w in warnings)

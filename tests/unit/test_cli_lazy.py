"""Hold the command line's lazy registration: one subcommand loads only its own module."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from dnnd_drafter.cli.entry import COMMANDS, build_parser
from dnnd_drafter.cli.parser import VietnameseArgumentParser
from tests.conftest import EXAMPLES


def test_every_module_registers_exactly_the_subcommands_the_map_gives_it() -> None:
    registered: dict[str, str] = {}
    for module_name in dict.fromkeys(COMMANDS.values()):
        parser = VietnameseArgumentParser(prog="dnnd-drafter")
        subparsers = parser.add_subparsers(dest="command")
        importlib.import_module(module_name).add_parsers(subparsers)
        registered.update({name: module_name for name in subparsers.choices})
    assert registered == COMMANDS


def test_the_full_parser_offers_every_subcommand() -> None:
    parser = build_parser()
    choices = next(a for a in parser._actions if a.dest == "command").choices  # noqa: SLF001 - argparse keeps them here
    assert set(choices) == set(COMMANDS)


def last_line_printed(script: str) -> str:
    """Run `script` in a new interpreter; check it succeeded and return the last line it printed."""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_render_loads_neither_the_checker_nor_the_word_reader_nor_the_register_nor_http(tmp_path) -> None:
    script = (
        "import sys\n"
        "from dnnd_drafter.cli.entry import main\n"
        f"status = main(['render', {str(EXAMPLES / 'dang_cat_tien_492.json')!r}, '-o', {str(tmp_path / 'x.docx')!r}])\n"
        "loaded = [m for m in ('dnnd_drafter.checker.check', 'dnnd_drafter.wordin.reader',"
        " 'dnnd_drafter.store.register', 'dnnd_drafter.catalog.importer', 'http.client') if m in sys.modules]\n"
        "print(loaded)\n"
        "sys.exit(status)\n"
    )
    assert last_line_printed(script) == "[]"
    assert (tmp_path / "x.docx").exists()


def test_render_writes_the_docx_without_python_docx_or_lxml(tmp_path) -> None:
    script = (
        "import sys\n"
        "from dnnd_drafter.cli.entry import main\n"
        f"status = main(['render', {str(EXAMPLES / 'dang_cat_tien_492.json')!r}, '-o', {str(tmp_path / 'x.docx')!r}])\n"
        "print([m for m in ('docx', 'lxml') if m in sys.modules])\n"
        "sys.exit(status)\n"
    )
    assert last_line_printed(script) == "[]"
    assert (tmp_path / "x.docx").stat().st_size > 10_000


def test_pdf_and_the_preview_engine_never_load_the_docx_writer(tmp_path) -> None:
    script = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from dnnd_drafter.ui.deferred import render_engine\n"
        "from dnnd_drafter.model.letter import load\n"
        f"draft = load({str(EXAMPLES / 'dang_cat_tien_492.json')!r})\n"
        "assert render_engine().render(draft).letter is not None\n"
        "preview = 'dnnd_drafter.writers.docx.writer' in sys.modules\n"
        "from dnnd_drafter.cli.entry import main\n"
        f"status = main(['pdf', {str(EXAMPLES / 'dang_cat_tien_492.json')!r}, '-o', {str(tmp_path / 'x.pdf')!r}])\n"
        "print(preview, 'dnnd_drafter.writers.docx.writer' in sys.modules)\n"
        "sys.exit(status)\n"
    )
    assert last_line_printed(script) == "False False"
    assert (tmp_path / "x.pdf").read_bytes().startswith(b"%PDF")


def test_an_unknown_subcommand_still_gets_the_vietnamese_list_of_commands(capsys) -> None:
    from dnnd_drafter.cli.entry import main

    with pytest.raises(SystemExit) as stopped:
        main(["khong-co"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "render" in err and "check" in err

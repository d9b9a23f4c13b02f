"""The program ends at once after ``pdf`` and ``render`` (no interpreter teardown), having
printed its messages and written its log first; called from Python, ``main`` still returns."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dnnd_drafter.cli.entry import QUICK_EXIT, main
from tests.conftest import EXAMPLES

CAT_TIEN = EXAMPLES / "dang_cat_tien_492.json"
REPO = Path(__file__).resolve().parents[2]
#: subcommand -> (the function its run calls to write the file, the output's suffix)
BREAKABLE = {"pdf": ("dnnd_drafter.writers.qt.pdf", "pdf_bytes", ".pdf"),
             "render": ("dnnd_drafter.render", "write_docx", ".docx")}


def test_every_quick_command_is_covered_here() -> None:
    assert set(QUICK_EXIT) == set(BREAKABLE)


@pytest.mark.parametrize("command", sorted(BREAKABLE))
def test_the_program_writes_its_log_and_message_before_it_ends_at_once(command: str, tmp_path: Path) -> None:
    module, function, suffix = BREAKABLE[command]
    target = tmp_path / f"x{suffix}"
    script = (  # the program itself (argv from sys.argv) ends through os._exit: the log must be on disk
        "import sys, importlib\n"
        f"module = importlib.import_module({module!r})\n"
        "def broken(*args, **kwargs):\n"
        "    raise RuntimeError('writer broke')\n"
        f"setattr(module, {function!r}, broken)\n"
        "from dnnd_drafter.cli.entry import main\n"
        f"sys.argv = ['dnnd-drafter', {command!r}, {str(CAT_TIEN)!r}, '-o', {str(target)!r}]\n"
        "main()\n"
        "print('not reached')\n"
    )
    env = {**os.environ, "DNND_DRAFTER_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, encoding="utf-8",
                            timeout=120, cwd=REPO, env=env)
    assert result.returncode == 1, result.stderr
    assert "not reached" not in result.stdout and "Lỗi không mong muốn" in result.stderr
    logs = list((tmp_path / "home").rglob("dnnd-drafter.log"))
    assert logs and "writer broke" in logs[0].read_text(encoding="utf-8")
    assert not target.exists()


def test_render_called_in_a_process_returns_its_status(tmp_path: Path) -> None:
    target = tmp_path / "x.docx"
    assert main(["render", str(CAT_TIEN), "-o", str(target)]) == 0  # only the program itself ends at once
    assert target.exists()

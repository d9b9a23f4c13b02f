"""A command keeps what it compiled (the standard library's generated code, the regular
expressions) and the next run of it compiles nothing: it writes neither cache file again."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_a_command_keeps_its_code_and_patterns_and_the_next_run_adds_none(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DNND_DRAFTER_CACHE=str(tmp_path / "cache"),
               DNND_DRAFTER_HOME=str(tmp_path / "home"), PYTHONPATH=str(REPO))
    command = [sys.executable, "-m", "dnnd_drafter", "pdf", str(REPO / "examples" / "dang_cat_tien_492.json"),
               "-o", str(tmp_path / "letter.pdf")]

    def run() -> None:
        result = subprocess.run(command, capture_output=True, text=True, timeout=180, cwd=REPO, env=env)
        assert result.returncode == 0, result.stderr[-3000:]

    run()
    generated = list((tmp_path / "cache" / "generated").glob("code-*.marshal"))
    patterns = list((tmp_path / "cache" / "regex").glob("sre-*.marshal"))
    assert len(generated) == 1 and len(patterns) == 1  # compiled once and kept
    code = marshal.loads(generated[0].read_bytes())
    assert any("def __init__(self,number" in text for _, _, _, text in code)  # e.g. a citation's class
    assert any(len(pattern) > 5000 for pattern, _ in marshal.loads(patterns[0].read_bytes()))  # shiboken's
    written = [path.stat().st_mtime_ns for path in (*generated, *patterns)]
    run()  # with its own hash seed: a pattern built in a set's order would differ, and be added
    assert [path.stat().st_mtime_ns for path in (*generated, *patterns)] == written  # nothing new: no write

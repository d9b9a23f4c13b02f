"""Register ``from-docx`` (a Word letter → draft JSON) and ``fix`` (a corrected copy of a Word letter).

``dnnd-drafter from-docx LETTER.docx -o DRAFT.json`` writes the draft the reader found.
``dnnd-drafter fix LETTER.docx -o FIXED.docx [--profile NAME] [--family F]`` reads the letter,
lays it out again with the office's rules and writes a new file beside the old one, never over
it; it prints what the checker found in the source (what was corrected), the doubtful fields,
and whether the body's words stayed the same. Neither command ever writes to the source file.

What ``fix`` changed is what the checker found wrong in the source (sizes, margins, fonts, date
zeros, number pattern, punctuation, line spacing, page numbers): the new layout comes entirely
from the family's rules. The body's words are compared after whitespace normalisation; any
difference is listed, never hidden.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.model.letter import FAMILIES

if TYPE_CHECKING:
    from dnnd_drafter.checker import Report
    from dnnd_drafter.model.letter import Draft
    from dnnd_drafter.wordin.reader import WordLetter

FIXED_SUFFIX = " - đã sửa thể thức"
SHOWN_DIFFERENCES = 5


class WordCommandError(UserMessageError):
    """Report a bad output path or option of ``from-docx`` and ``fix``."""

    exit_code = 2


def add_parsers(subparsers: argparse._SubParsersAction) -> None:
    """Add ``from-docx`` and ``fix`` to the command line."""
    read = subparsers.add_parser(
        "from-docx", help="Đọc một công văn Word (.docx) thành bản thảo (.json), không cần màn hình.",
        description="Đọc công văn Word: khối, cơ quan, số và ký hiệu, ngày tháng, trích yếu, Kính gửi, "
                    "nội dung, Nơi nhận, chữ ký; ghi bản thảo JSON và liệt kê những gì cần kiểm tra.")
    read.add_argument("letter", type=Path, help="tệp công văn .docx")
    read.add_argument("-o", "--output", type=Path, help="tệp bản thảo .json cần tạo (mặc định: cạnh tệp Word)")
    read.add_argument("--family", choices=list(FAMILIES), metavar="KHỐI",
                      help="khối văn bản (mặc định: nhận biết từ phần đầu): " + ", ".join(FAMILIES))
    read.set_defaults(func=run_from_docx)
    fix = subparsers.add_parser(
        "fix", help="Sửa thể thức một công văn Word: ghi bản đã sửa thành tệp mới, không ghi đè tệp gốc.",
        description="Đọc công văn Word, trình bày lại theo đúng thể thức của khối (cỡ chữ, lề, phông, "
                    "ngày tháng, số và ký hiệu, dấu câu, giãn dòng, số trang) và ghi ra tệp mới; "
                    "in những gì đã sửa.")
    fix.add_argument("letter", type=Path, help="tệp công văn .docx cần sửa")
    fix.add_argument("-o", "--output", type=Path,
                     help=f"tệp .docx cần tạo (mặc định: cạnh tệp gốc, tên thêm “{FIXED_SUFFIX}”)")
    fix.add_argument("--family", choices=list(FAMILIES), metavar="KHỐI",
                     help="trình bày theo khối này thay cho khối của phần đầu: " + ", ".join(FAMILIES))
    fix.add_argument("--profile", metavar="TÊN", help="hồ sơ cơ quan (tên) cho khối văn bản")
    fix.set_defaults(func=run_fix)


def _target(source: Path, output: Path | None, suffix: str, default_stem: str) -> Path:
    """Return where to write, refusing the source itself, another suffix or an existing file."""
    target = output if output is not None else source.with_name(default_stem + suffix)
    if target.suffix.lower() != suffix:
        raise WordCommandError(f"Tệp đầu ra “{target}” phải có đuôi {suffix}.", field="output")
    if target.resolve() == source.resolve():
        raise WordCommandError(f"Tệp đầu ra “{target}” trùng tệp gốc; hãy chọn tên khác "
                               "(tệp gốc không bao giờ bị ghi đè).", field="output")
    if target.exists():
        raise WordCommandError(f"Tệp “{target}” đã có; hãy chọn tên khác hoặc xoá tệp đó trước.",
                               field="output")
    return target


def _print_notes(notes: list[str]) -> None:
    """Print the reader's notes, one a line."""
    for note in notes:
        print(f"  - {note}")


def run_from_docx(args: argparse.Namespace) -> int:
    """Read the Word letter named in `args` and write its draft JSON."""
    from dnnd_drafter.model import letter as model
    from dnnd_drafter.wordin import read_letter

    target = _target(args.letter, args.output, ".json", args.letter.stem)
    letter = read_letter(args.letter, family=args.family, name=str(args.letter))
    model.save(letter.draft, target)
    print(f"Đã tạo bản thảo: {target}")
    if letter.notes():
        print("Cần kiểm tra:")
        _print_notes(letter.notes())
    return 0


def _profile_family(name: str) -> str:
    """Return the family of the office profile called `name`."""
    from dnnd_drafter.store import open_store

    with open_store() as store:
        profile = store.profiles.by_name(name)
        names = ", ".join(f"“{p.name}”" for p in store.profiles.all()) or "chưa có hồ sơ nào"
    if profile is None:
        raise WordCommandError(f"Không có hồ sơ cơ quan “{name}” (có: {names}).", field="profile")
    return profile.family


def run_fix(args: argparse.Namespace) -> int:
    """Write a corrected copy of the Word letter named in `args` and print what changed."""
    from dnnd_drafter.checker import check_docx
    from dnnd_drafter.model.drafting import switch_family
    from dnnd_drafter.wordin import read_letter
    from dnnd_drafter.render import write_docx

    target = _target(args.letter, args.output, ".docx", args.letter.stem + FIXED_SUFFIX)
    letter = read_letter(args.letter, name=str(args.letter))
    family = args.family or (_profile_family(args.profile) if args.profile else None)
    draft = letter.draft.copy()
    if family and family != draft.family:
        switch_family(draft, family)
    before = check_docx(args.letter, family=draft.family)
    write_docx(draft, target)
    after = check_docx(target)
    print(f"Đã ghi bản đã sửa thể thức: {target} (tệp gốc giữ nguyên)")
    for line in describe_changes(letter, draft, before, after):
        print(line)
    if letter.notes():
        print("Cần kiểm tra:")
        _print_notes(letter.notes())
    return after.exit_status


def word_similarity(a: list[str], b: list[str]) -> float:
    """Return how alike two word sequences are (1.0 when equal)."""
    return 1.0 if a == b else SequenceMatcher(None, a, b, autojunk=False).ratio()


def word_differences(a: list[str], b: list[str]) -> list[str]:
    """Return the differing stretches of two word sequences, as ``“old” → “new”``."""
    out = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            out.append(f"“{' '.join(a[i1:i2])}” → “{' '.join(b[j1:j2])}”")
    return out


def body_words(draft: Draft) -> list[str]:
    """Return the words of the body of `draft` as it is laid out."""
    from dnnd_drafter.render import laid_out

    return " ".join(p.text for p in laid_out(draft).find("body")).split()


def describe_changes(letter: WordLetter, draft: Draft, before: Report, after: Report) -> list[str]:
    """Return the Vietnamese lines telling what the fixed copy changed and whether it passes."""
    lines = []
    if before.findings:
        lines.append(f"Đã sửa {len(before.findings)} điểm thể thức của tệp gốc:")
        lines += [f"  - {f.element}: {f.found} → {f.expected}" for f in before.findings]
    else:
        lines.append("Tệp gốc không có lỗi thể thức nào; đã trình bày lại theo đúng quy định.")
    if letter.draft.family != draft.family:
        lines.append(f"  - Khối văn bản: {letter.draft.family} → {draft.family}")
    fixed = body_words(draft)
    similarity = word_similarity(letter.source_words, fixed)
    if similarity == 1.0:
        lines.append("Lời văn của nội dung giữ nguyên (độ giống 1,00).")
    else:
        lines.append(f"Lời văn của nội dung giống bản gốc {similarity:.2f}; khác ở:".replace(".", ","))
        differences = word_differences(letter.source_words, fixed)
        lines += [f"  - {d}" for d in differences[:SHOWN_DIFFERENCES]]
        if len(differences) > SHOWN_DIFFERENCES:
            lines.append(f"  - … và {len(differences) - SHOWN_DIFFERENCES} chỗ khác.")
    if after.errors:
        lines.append(f"Bản đã sửa còn {len(after.errors)} lỗi thể thức:")
        lines += [f"  - {f.element}: {f.found}" for f in after.errors]
    else:
        lines.append("Bản đã sửa qua kiểm tra thể thức: không có lỗi.")
    return lines

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
from dnnd_drafter.model.drafting import switch_family
from dnnd_drafter.wordin import WordLetterError, read_letter
from dnnd_drafter.wordin.profile import complete_from_profile
from dnnd_drafter.model import letter as model
from dnnd_drafter.store import open_store
from dnnd_drafter.checker import check_bytes, check_docx
from dnnd_drafter.render import laid_out, write_docx

if TYPE_CHECKING:
    from dnnd_drafter.checker import Report
    from dnnd_drafter.model.letter import Draft
    from dnnd_drafter.store import Profile
    from dnnd_drafter.store.profiles import Signer
    from dnnd_drafter.wordin.reader import WordLetter

FIXED_SUFFIX = " - đã sửa thể thức"
NO_HEADER_HINT = ("Nếu đây là bản nháp của cơ quan, thêm --profile TÊN: phần chữ đọc được thành nội dung, "
                  "phần đầu và người ký lấy theo hồ sơ cơ quan.")
PROFILE_HELP = ("hồ sơ cơ quan (tên): khối văn bản, và những gì văn bản không ghi (cơ quan, địa danh, ký hiệu, "
                "nơi nhận, người ký mặc định); văn bản không có phần đầu cũng được đọc")
SHOWN_DIFFERENCES = 5


class WordCommandError(UserMessageError):
    """Report a bad output path or option of ``from-docx`` and ``fix``."""

    exit_code = 2


def add_parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``from-docx`` and ``fix`` to the command line."""
    read = subparsers.add_parser(
        "from-docx", help="Đọc một công văn Word (.docx) thành bản thảo (.json), không cần màn hình.",
        description="Đọc công văn Word: khối, cơ quan, số và ký hiệu, ngày tháng, trích yếu, Kính gửi, "
                    "nội dung, Nơi nhận, chữ ký; ghi bản thảo JSON và liệt kê những gì cần kiểm tra.")
    read.add_argument("letter", type=Path, help="tệp công văn .docx")
    read.add_argument("-o", "--output", type=Path, help="tệp bản thảo .json cần tạo (mặc định: cạnh tệp Word)")
    read.add_argument("--family", choices=list(FAMILIES), metavar="KHỐI",
                      help="khối văn bản (mặc định: nhận biết từ phần đầu): " + ", ".join(FAMILIES))
    read.add_argument("--profile", metavar="TÊN", help=PROFILE_HELP)
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
    fix.add_argument("--profile", metavar="TÊN", help=PROFILE_HELP)
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


def _read(args: argparse.Namespace,
          read_as_family: bool) -> tuple[WordLetter, Draft, list[str], Profile | None]:
    """Return the letter named in `args`, its draft in the family asked for, what the profile filled
    and the profile.

    With `read_as_family` the letter is read with the rules of ``--family``; otherwise it is read
    as its header says and then moved to that family.
    """

    profile, signer = _office(args.profile) if args.profile else (None, None)
    try:
        letter = read_letter(args.letter, family=args.family if read_as_family else None, name=str(args.letter),
                             headerless=profile is not None)
    except WordLetterError as exc:
        if exc.no_header:
            raise WordCommandError(exc.message + " " + NO_HEADER_HINT, field="letter") from None
        raise
    family = args.family or (profile.family if profile else None)
    draft = letter.draft.copy()
    if family and family != draft.family:
        switch_family(draft, family)
    filled = complete_from_profile(draft, profile, signer) if profile else []
    return letter, draft, filled, profile


def _print_filled(args: argparse.Namespace, filled: list[str]) -> None:
    """Print what the office profile filled in."""
    if filled:
        print(f"Lấy từ hồ sơ “{args.profile}” (văn bản không ghi): {', '.join(filled)}.")


def run_from_docx(args: argparse.Namespace) -> int:
    """Read the Word letter named in `args` and write its draft JSON."""
    target = _target(args.letter, args.output, ".json", args.letter.stem)
    letter, draft, filled, _profile = _read(args, read_as_family=True)
    model.save(draft, target)
    print(f"Đã tạo bản thảo: {target}")
    _print_filled(args, filled)
    if letter.notes():
        print("Cần kiểm tra:")
        _print_notes(letter.notes())
    return 0


def _office(name: str) -> tuple[Profile, Signer | None]:
    """Return the office profile called `name` and its default signer."""
    with open_store() as store:
        profile = store.profiles.by_name(name)
        names = ", ".join(f"“{p.name}”" for p in store.profiles.all()) or "chưa có hồ sơ nào"
        signer = store.profiles.default_signer(profile.id) if profile is not None and profile.id else None
    if profile is None:
        raise WordCommandError(f"Không có hồ sơ cơ quan “{name}” (có: {names}).", field="profile")
    return profile, signer


def run_fix(args: argparse.Namespace) -> int:
    """Write a corrected copy of the Word letter named in `args` and print what changed."""
    target = _target(args.letter, args.output, ".docx", args.letter.stem + FIXED_SUFFIX)
    letter, draft, filled, profile = _read(args, read_as_family=False)
    whose = "cách trình bày của tệp gốc"  # the letter's own punctuation, ./. and Nơi nhận label
    if profile is not None and profile.family == draft.family:
        draft.choices, whose = profile.choices, f"hồ sơ “{profile.name}”"
    before = check_bytes(letter.docx, family=draft.family, name=str(args.letter),   # an old .doc as converted
                         choices=draft.choices, choices_from=whose)
    write_docx(draft, target)
    after = check_docx(target, choices=draft.choices, choices_from=whose)
    print(f"Đã ghi bản đã sửa thể thức: {target} (tệp gốc giữ nguyên)")
    for line in describe_changes(letter, draft, before, after):
        print(line)
    _print_filled(args, filled)
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

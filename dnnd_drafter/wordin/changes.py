"""Say what ``fix`` changed: the checker's findings on the source, the words of the body, the result.

The layout of a fixed letter comes entirely from the family's rules, so what changed is what the
checker found wrong in the source (sizes, margins, fonts, date zeros, number pattern,
punctuation, line spacing, page numbers). The body's words are compared after whitespace
normalisation; any difference is listed, never hidden.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from dnnd_drafter.checker import Report
from dnnd_drafter.layout import lay_out
from dnnd_drafter.model import Draft
from dnnd_drafter.wordin.reader import WordLetter

SHOWN_DIFFERENCES = 5


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
    return " ".join(p.text for p in lay_out(draft).find("body")).split()


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

"""Properties of the layout's own line breaker (dnnd_drafter/layout/line_breaks.py), Qt-free."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dnnd_drafter.model.formats import text_width_mm
from dnnd_drafter.layout.line_breaks import SAFETY, allowed_breaks, balanced_lines

WORDS = st.sampled_from(["và", "về", "chính trị", "-", "xã hội", "Ủy ban", "nhân dân", "tỉnh", "Lâm Đồng",
                         "12-CT/TW", "số", "của", "công tác,", "đối ngoại", "BAN", "ĐOÀN", "", "a" * 30])


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=30), st.floats(min_value=30, max_value=120),
       st.sampled_from([12.0, 13.0, 14.0]), st.booleans())
def test_balanced_lines_keep_every_word_and_fit_their_column(words: list[str], width: float, size: float,
                                                            bold: bool) -> None:
    text = " ".join(words)
    lines = balanced_lines(text, width, size, bold)
    assert " ".join(" ".join(lines).split()) == " ".join(text.split())  # nothing lost, nothing added
    if len(lines) > 1:
        assert all(line.strip() for line in lines)  # no empty line from doubled spaces
        for line in lines:
            assert line == line.strip()
            # a line fits, or no reader could break it either (one word, or a compound "A B - C D")
            assert text_width_mm(line, size, bold) <= width * SAFETY + 1e-6 or not allowed_breaks(line)
        assert not any(line.startswith(("- ", "– ")) for line in lines[1:])  # never at a spaced hyphen


def test_a_leading_item_dash_is_never_left_alone_on_its_line() -> None:
    # found by hypothesis: the first line had one break left, after its leading dash
    text = " - chính trị - và chính trị"
    assert 1 not in allowed_breaks("- chính trị - và chính")
    for bold in (False, True):
        lines = balanced_lines(text, 30, 12, bold)
        assert lines[0] != "-"
        assert all(text_width_mm(line, 12, bold) <= 30 * SAFETY + 1e-6 or not allowed_breaks(line) for line in lines)


def test_a_leading_dash_after_spaces_is_an_item_dash_not_a_compound() -> None:
    # found by hypothesis: in " - và và và - và chính trị" the dash after the leading space was
    # taken for the middle of a compound, so no break was allowed near it and a line overflowed
    text = " - và và và - và chính trị"
    assert allowed_breaks(text)[:2] == [0, 5]  # the leading space and after "- và"; not after the dash
    for bold in (False, True):
        lines = balanced_lines(text, 30, 12, bold)
        assert lines[0] != "-"
        assert all(text_width_mm(line, 12, bold) <= 30 * SAFETY + 1e-6 or not allowed_breaks(line) for line in lines)


def test_leading_spaces_never_make_an_empty_line() -> None:
    # found by hypothesis: "  Lâm Đồng BAN" in 34 mm at 13 pt bold came back as ["", "Lâm Đồng BAN"]
    for size, bold in ((13.0, True), (14.0, False), (14.0, True)):
        lines = balanced_lines("  Lâm Đồng BAN", 34, size, bold)
        assert all(line.strip() for line in lines), (size, bold, lines)
        assert " ".join(lines).split() == ["Lâm", "Đồng", "BAN"]

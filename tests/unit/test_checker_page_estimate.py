"""Test that the checker knows a letter runs over one page without LibreOffice.

A letter of several pages without page numbers is an error a văn thư sends back; the checker
estimates the page count from the paper, margins and Times New Roman metrics (erring short).
"""

from __future__ import annotations

import pytest

from dnnd_drafter.checker import ERROR, WARNING, check_bytes
from dnnd_drafter.checker.check import build_page, open_package
from dnnd_drafter.checker.page_estimate import estimated_pages
from tests.unit.test_checker_corpus import CORPUS, MUTATIONS

# Pages of each example as LibreOffice lays out its .docx (and the app's PDF, which agrees).
LIBREOFFICE_PAGES = {"dang_cat_tien_492": 3, "dang_huong_tra_189_sao_gui": 1, "dang_phuong_lam_vien_bao_cao": 2,
                     "dang_phuong_lam_vien_ke_hoach": 2, "dang_tinh_uy_lam_dong_chi_thi": 2,
                     "doan_the_cong_doan": 1, "doan_tn_tinh_doan": 1, "nha_nuoc_so_vhttdl_tuyen_truyen": 2,
                     "nha_nuoc_ubnd_tinh": 1}


def without_page_numbers(stem: str) -> bytes:
    """Return the .docx of example `stem` with the PAGE field taken out of its header."""
    mutation = MUTATIONS["no_page_field"]
    return CORPUS.mutate(CORPUS.example_bytes(stem), mutation)


def test_a_three_page_letter_without_page_numbers_is_an_error_without_libreoffice() -> None:
    report = check_bytes(without_page_numbers("dang_cat_tien_492"), pages=False)
    finding = next(f for f in report.findings if f.code == "page_number.missing")
    assert finding.severity == ERROR and "3 trang" in finding.found, report.text()


def test_a_one_page_letter_without_page_numbers_stays_a_warning() -> None:
    report = check_bytes(without_page_numbers("nha_nuoc_ubnd_tinh"), pages=False)
    assert [f.severity for f in report.findings if f.code == "page_number.missing"] == [WARNING]


@pytest.mark.parametrize("stem", sorted(LIBREOFFICE_PAGES))
def test_the_estimate_never_counts_more_pages_than_there_are(stem: str) -> None:
    estimate = estimated_pages(build_page(open_package(CORPUS.example_bytes(stem), None)))
    assert 1 <= estimate <= LIBREOFFICE_PAGES[stem]
    assert LIBREOFFICE_PAGES[stem] == 1 or stem == "dang_phuong_lam_vien_bao_cao" or estimate > 1

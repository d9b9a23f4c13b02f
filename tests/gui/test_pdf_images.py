"""Test the signature and seal images of electronic copies: placement, PDF, print and .docx."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pypdf
import pytest
from docx.oxml.ns import qn
from PySide6.QtWidgets import QApplication

from dnnd_drafter.model import letter as model
from dnnd_drafter.base.errors import OutputError
from dnnd_drafter.render import laid_out
from dnnd_drafter.layout.blocks import LaidOutLetter
from dnnd_drafter.writers.qt.pagination import paginate
from dnnd_drafter.writers.qt.pdf import pdf_bytes
from dnnd_drafter.writers.qt.printing import print_to
from dnnd_drafter.writers.docx.images import add_signature_images, signature_geometry
from dnnd_drafter.writers.docx.reference import build_document
from tests.conftest import EXAMPLES
from tests.gui.test_pdf_libreoffice import make_images
from tests.gui.test_pdf_print import pdf_printer

CAT_TIEN = EXAMPLES / "dang_cat_tien_492.json"


@pytest.fixture
def electronic(qapp: QApplication, tmp_path: Path) -> LaidOutLetter:
    """Return the Cát Tiên letter as an electronic copy with signature and seal images."""
    signature, seal = make_images(tmp_path)
    data = json.loads(CAT_TIEN.read_text(encoding="utf-8"))
    data["signature"].update(image=str(signature), seal=str(seal), show_images=True)
    return laid_out(model.from_dict(data))


def image_count(data: bytes) -> int:
    """Return how many images the pages of a PDF draw."""
    return sum(len(page.images) for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_the_signature_is_centred_and_the_seal_covers_its_left_third(electronic: LaidOutLetter) -> None:
    pages = paginate(electronic)
    page = pages.pages[-1]
    images = {image.key: image for image in page.images}
    assert list(images) == ["signature", "seal"]  # the seal is drawn over the signature
    space = [item for item in page.texts if item.box.para.role == "signing_space"]
    top, bottom = space[0].y, space[-1].bottom
    left, width = space[0].x, space[0].box.width
    signature, seal = images["signature"], images["seal"]
    assert signature.x + signature.width / 2 == pytest.approx(left + width / 2)
    assert signature.y + signature.height / 2 == pytest.approx((top + bottom) / 2)
    assert signature.height == pytest.approx(bottom - top)
    assert seal.x + seal.width == pytest.approx(signature.x + signature.width / 3)
    assert seal.y + seal.height / 2 == pytest.approx((top + bottom) / 2)


def test_images_are_off_by_default_and_never_printed_unless_asked(electronic: LaidOutLetter,
                                                                 tmp_path: Path) -> None:
    plain = laid_out(model.load(CAT_TIEN))
    assert plain.images == {} and image_count(pdf_bytes(plain)) == 0
    assert image_count(pdf_bytes(electronic)) == 2
    assert image_count(pdf_bytes(electronic, images=False)) == 0
    print_to(pdf_printer(tmp_path / "printed.pdf"), electronic)
    assert image_count((tmp_path / "printed.pdf").read_bytes()) == 0
    print_to(pdf_printer(tmp_path / "asked.pdf"), electronic, images=True)
    assert image_count((tmp_path / "asked.pdf").read_bytes()) == 2


def test_the_docx_anchors_both_images_once_in_the_signing_space(electronic: LaidOutLetter) -> None:
    document = build_document(electronic)  # the writer adds both pictures itself
    assert add_signature_images(document, electronic) == 0  # never twice
    buffer = io.BytesIO()
    document.save(buffer)
    reopened = docx.Document(io.BytesIO(buffer.getvalue()))
    anchors = list(reopened.element.body.iter(qn("wp:anchor")))
    assert [a.find(qn("wp:docPr")).get("name") for a in anchors] == ["dnnd-signature", "dnnd-seal"]
    table = reopened.tables[-1]
    cell_paragraphs = table.cell(0, 1).paragraphs
    holder = next(p for p in cell_paragraphs if p._p.xpath(".//wp:anchor"))
    assert holder.text == "" and cell_paragraphs.index(holder) > 0
    assert all(a.get("layoutInCell") == "1" and a.find(qn("wp:wrapNone")) is not None for a in anchors)


def test_the_docx_has_no_images_without_show_images() -> None:
    plain = laid_out(model.load(CAT_TIEN))
    document = build_document(plain)
    assert add_signature_images(document, plain) == 0
    assert not list(document.element.body.iter(qn("wp:anchor")))


def test_a_missing_image_is_reported_in_vietnamese(electronic: LaidOutLetter, tmp_path: Path) -> None:
    Path(electronic.images["seal"]).unlink()
    with pytest.raises(OutputError, match="Không đọc được ảnh"):
        pdf_bytes(electronic)
    with pytest.raises(OutputError, match="Không đọc được ảnh"):
        build_document(electronic)
    assert list(signature_geometry(electronic.images, 90, 22)) == ["signature"]  # the preview goes on
    assert [i.key for i in paginate(electronic).pages[-1].images] == ["signature"]

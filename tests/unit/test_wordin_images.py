"""Test that the signature and seal pictures of a Word letter are carried into its draft and its fixed copy."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Mm

from dnnd_drafter.cli.entry import main
from dnnd_drafter.render import laid_out
from dnnd_drafter.wordin import read_letter
from dnnd_drafter.writers.docx.images import NAMES
from dnnd_drafter.writers.docx.writer import to_bytes
from tests.unit import wordin_corpus as corpus
from tests.unit.test_docx_schema import write_png


def _picture_names(data: bytes) -> list[str]:
    """Return the names of the pictures drawn in the .docx `data`."""
    document = docx.Document(io.BytesIO(data))
    return [el.get("name") for el in document.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]


def test_the_pictures_in_the_signing_space_become_the_signature_and_the_seal() -> None:
    letter = next(x for x in corpus.hand_letters() if x.name == "hand_signature_images")
    read = read_letter(letter.data)
    sig = read.draft.signature
    assert sig.show_images and sig.image and sig.seal
    assert Path(sig.image).read_bytes() == corpus.PIXEL_PNG == Path(sig.seal).read_bytes()
    assert "chữ ký" in read.unsure["signature.image"]
    assert sorted(_picture_names(to_bytes(laid_out(read.draft)))) == sorted(NAMES.values())


def test_the_apps_own_letter_with_images_gives_back_the_same_pictures_in_the_same_places(tmp_path: Path) -> None:
    draft = corpus.example("nha_nuoc_ubnd_tinh")
    draft.signature.image = str(write_png(tmp_path / "sig.png", 60, 20, (20, 40, 200, 255)))
    draft.signature.seal = str(write_png(tmp_path / "seal.png", 40, 40, (220, 0, 0, 160)))
    draft.signature.show_images = True
    read = read_letter(to_bytes(laid_out(draft))).draft.signature
    assert Path(read.image).read_bytes() == Path(draft.signature.image).read_bytes()
    assert Path(read.seal).read_bytes() == Path(draft.signature.seal).read_bytes()


def test_without_names_the_squarer_picture_is_the_seal(tmp_path: Path) -> None:
    wide, square = write_png(tmp_path / "w.png", 90, 30, (0, 0, 200, 255)), write_png(tmp_path / "s.png", 50, 50, (200, 0, 0, 255))
    document = docx.Document(io.BytesIO(corpus.typed("nha_nuoc_ubnd_tinh", corpus.Typing())))
    space = document.tables[-1].cell(0, 1).paragraphs[3]
    for path in (square, wide):
        space.add_run().add_picture(str(path), width=Mm(30))
    out = io.BytesIO()
    document.save(out)
    sig = read_letter(out.getvalue()).draft.signature
    assert Path(sig.image).read_bytes() == wide.read_bytes() and Path(sig.seal).read_bytes() == square.read_bytes()


def test_a_picture_in_the_body_is_reported_not_dropped_silently(tmp_path: Path) -> None:
    document = docx.Document(io.BytesIO(corpus.typed("nha_nuoc_ubnd_tinh", corpus.Typing())))
    body = next(p for p in document.paragraphs if len(p.text) > 80)
    body.add_run().add_picture(str(write_png(tmp_path / "chart.png", 80, 40, (0, 120, 0, 255))), width=Mm(60))
    out = io.BytesIO()
    document.save(out)
    read = read_letter(out.getvalue())
    assert "hình ảnh" in read.unsure["content.body"] and not read.draft.signature.image


def test_fix_keeps_the_signature_and_the_seal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    letter = next(x for x in corpus.hand_letters() if x.name == "hand_signature_images")
    source = tmp_path / "có chữ ký.docx"
    source.write_bytes(letter.data)
    target = tmp_path / "đã sửa.docx"
    main(["fix", str(source), "-o", str(target)])
    assert sorted(_picture_names(target.read_bytes())) == sorted(NAMES.values())
    with zipfile.ZipFile(target) as archive:
        assert sum(archive.read(n) == corpus.PIXEL_PNG for n in archive.namelist() if n.startswith("word/media/")) >= 1
    assert "ảnh chữ ký" in capsys.readouterr().out


def test_a_data_folder_that_cannot_be_written_still_opens_the_letter_and_says_the_pictures_were_not_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "home"
    blocked.mkdir()
    (blocked / "anh-tu-van-ban").write_text("a file where the folder should be")
    monkeypatch.setenv("DNND_DRAFTER_HOME", str(blocked))
    letter = next(x for x in corpus.hand_letters() if x.name == "hand_signature_images")
    read = read_letter(letter.data)
    assert read.draft.signature.image == "" and not read.draft.signature.show_images
    assert "không lưu được ảnh" in read.unsure["signature.image"]
    assert corpus.field_values(read.draft) == corpus.field_values(letter.expected)

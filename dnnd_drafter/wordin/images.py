"""Carry the signature and seal pictures of a Word letter into its draft.

The pictures of the body and the signing space are found in the document's XML (DrawingML
``a:blip`` and old VML ``v:imagedata``), their bytes read through the checker's guarded zip
reader, and those of the signing space kept in the user's data folder under a name made from
their content (the same picture is stored once and never overwritten). The draft's signature
then points at them with the images shown, so ``fix`` and the wizard write them again in the
right place. Which picture is the seal: the one the app itself named so, else the most nearly
square one (a round seal) when there are two; the other is the signature. A picture the
writer cannot place (EMF, WMF …) or one in the body is reported, never dropped silently.
"""

from __future__ import annotations

import hashlib
import math
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from dnnd_drafter.checker import reader as guarded
from dnnd_drafter.checker.reader import NS, R_NS
from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.model.letter import Draft
from dnnd_drafter.files import atomic
from dnnd_drafter.base import paths

FOLDER = "anh-tu-van-ban"       # the data folder's sub-folder for pictures read from Word letters
SEAL_NAME, SIGNATURE_NAME = "dnnd-seal", "dnnd-signature"   # the names the app's writer gives them
_BLIP = f"{{{NS['a']}}}blip"
_VML_IMAGE = f"{{{NS['v']}}}imagedata"
_HOLDERS = (f"{{{NS['wp']}}}inline", f"{{{NS['wp']}}}anchor")
_FALLBACK = f"{{{NS['mc']}}}Fallback"


@dataclass
class Picture:
    """Hold one picture of the letter: the body item holding it, its relationship, name and bytes."""

    item: int
    rid: str
    name: str = ""
    data: bytes = b""
    ext: str = ""
    size: tuple[int, int] = (0, 0)

    @property
    def usable(self) -> bool:
        """Return whether the writer can place the picture (python-docx can read it)."""
        return bool(self.ext)


def find_pictures(blocks: list[etree._Element]) -> list[Picture]:
    """Return the pictures drawn in `blocks` (paragraphs and tables in order), by block index."""
    out: list[Picture] = []
    for index, block in enumerate(blocks):
        for node in block.iter(_BLIP, _VML_IMAGE):
            if any(a.tag == _FALLBACK for a in node.iterancestors()):
                continue  # the VML copy Word keeps for old readers
            rid = node.get(f"{{{R_NS}}}embed" if node.tag == _BLIP else f"{{{R_NS}}}id") or ""
            holder = next((a for a in node.iterancestors() if a.tag in _HOLDERS), None)
            doc_pr = holder.find(f"{{{NS['wp']}}}docPr") if holder is not None else None
            if rid:
                out.append(Picture(index, rid, doc_pr.get("name", "") if doc_pr is not None else ""))
    return out


def load_pictures(archive: zipfile.ZipFile, pictures: list[Picture], name: str) -> None:
    """Read the bytes of `pictures` from `archive` and tell which the writer can place."""
    from docx.image.image import Image

    main = guarded.main_part(archive, name)
    rels = guarded.relationships(archive, main, name) if main else {}
    for picture in pictures:
        target = rels.get(picture.rid)
        data = guarded.read_part_bytes(archive, target[1], name) if target else None
        picture.data = data or b""
        try:
            image = Image.from_blob(picture.data)
        except Exception:   # python-docx raises its own errors and plain ones for odd files
            continue
        picture.ext, picture.size = image.ext, (image.px_width, image.px_height)


def stored(picture: Picture) -> Path:
    """Return the data-folder path of `picture`, writing it there when it is not there yet."""
    digest = hashlib.sha256(picture.data).hexdigest()[:24]
    target = paths.sub_dir(FOLDER) / f"{digest}.{picture.ext}"
    if not target.is_file() or target.read_bytes() != picture.data:
        atomic.write_bytes(target, picture.data)
    return target


def _squareness(picture: Picture) -> float:
    """Return how far `picture` is from a square (0 for a square)."""
    width, height = picture.size
    return abs(math.log(max(width, 1) / max(height, 1)))


def seal_and_signature(pictures: list[Picture]) -> tuple[Picture | None, Picture | None]:
    """Return which of the signing space's usable `pictures` is the seal and which the signature."""
    named = {p.name: p for p in pictures}
    if SEAL_NAME in named or SIGNATURE_NAME in named:
        return named.get(SEAL_NAME), named.get(SIGNATURE_NAME)
    if len(pictures) < 2:
        return None, (pictures[0] if pictures else None)
    first, second = pictures[:2]
    seal = first if _squareness(first) < _squareness(second) else second   # a tie: the later one
    return seal, (second if seal is first else first)


def carry_signature_images(draft: Draft, pictures: list[Picture]) -> list[str]:
    """Point the signature of `draft` at the signing space's `pictures`; return what to report."""
    notes = []
    usable = [p for p in pictures if p.usable]
    if len(usable) < len(pictures):
        notes.append("có ảnh ở chỗ ký dạng không dùng được (chỉ dùng PNG, JPEG, GIF, BMP, TIFF); "
                     "bản mới không có ảnh đó")
    seal, signature = seal_and_signature(usable)
    if len(usable) > 2:
        notes.append(f"chỗ ký có {len(usable)} ảnh; chỉ giữ ảnh chữ ký và ảnh con dấu")
    if seal is None and signature is None:
        return notes
    try:
        draft.signature.image = str(stored(signature)) if signature else ""
        draft.signature.seal = str(stored(seal)) if seal else ""
    except (UserMessageError, OSError) as exc:   # a data folder that cannot be written: the letter still opens
        draft.signature.image = draft.signature.seal = ""
        reason = exc.message if isinstance(exc, UserMessageError) else (exc.strerror or str(exc))
        return [f"không lưu được ảnh chữ ký và con dấu ({reason}); bản mới không có ảnh"] + notes
    draft.signature.show_images = True
    kept = " và ".join(k for k, p in (("ảnh chữ ký", signature), ("ảnh con dấu", seal)) if p)
    return [f"đã lấy {kept} từ văn bản; hãy kiểm tra trước khi phát hành"] + notes


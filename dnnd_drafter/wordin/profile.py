"""Complete a letter read from Word with the office profile: what the letter does not state.

``from-docx`` and ``fix`` take ``--profile NAME``. The letter keeps every part it states; the
profile fills only the empty ones (the issuer block when the letter names no issuer, the place,
the ký hiệu, Nơi nhận, the usual opening subject), and its default signer signs a letter that
names nobody, when the letter states no other authority, body or position. The letter is laid
out with the profile's family unless ``--family`` says otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dnnd_drafter.model.letter import Draft
from dnnd_drafter.model.drafting import default_cc
from dnnd_drafter.model.letter import AUTHORITIES
from dnnd_drafter.model.vietnamese import fold

if TYPE_CHECKING:
    from dnnd_drafter.store import Profile
    from dnnd_drafter.store.profiles import Signer

LABELS = {"issuer.parent": "cơ quan cấp trên", "issuer.name": "cơ quan ban hành",
          "issuer.abbreviation": "tên viết tắt", "place": "địa danh", "symbol": "ký hiệu", "cc": "nơi nhận",
          "directing_body": "chủ thể mở đầu", "signature": "người ký", "signature.authority": "thẩm quyền ký",
          "signature.body": "tập thể lãnh đạo", "signature.position": "chức vụ người ký"}


def _fill(draft: Draft, profile: "Profile", filled: list[str]) -> None:
    """Fill the issuer, place, ký hiệu, Nơi nhận and opening subject the letter leaves empty."""
    issuer = draft.issuer
    if not issuer.name:   # a letter that names its issuer keeps its block as it is (no parent added)
        for name, attr, value in (("issuer.parent", "parent", profile.parent_body),
                                  ("issuer.name", "name", profile.issuing_body),
                                  ("issuer.abbreviation", "abbreviation", profile.abbreviation)):
            if not getattr(issuer, attr) and value:
                setattr(issuer, attr, value)
                filled.append(name)
    if not draft.place and profile.default_place:
        draft.place = profile.default_place
        filled.append("place")
    if not draft.symbol and profile.abbreviation:
        draft.symbol = profile.symbol_for(draft.kind)
        filled.append("symbol")
    if not draft.cc:
        draft.cc = default_cc(draft.family, profile.archive_line)
        filled.append("cc")
    if profile.directing_body and not draft.content.directing_body:
        draft.content.directing_body = profile.directing_body
        filled.append("directing_body")


def _sign(draft: Draft, signer: "Signer", filled: list[str]) -> None:
    """Give `draft` the default signer when it names nobody and signs as that signer does (or not at all).

    A name in capitals under the position is taken for a second position line (the reader flags
    it); a signature of another position keeps its lines and gets no name from the profile.
    """

    sig = draft.signature
    if sig.name.isupper() and not sig.position and fold(sig.name) != fold(signer.name):
        sig.position, sig.name = sig.name, ""
    if sig.name:
        return
    stated = [(sig.authority, signer.authority), (fold(sig.body), fold(signer.body)),
              (fold(sig.position), fold(signer.position))]
    if any(mine and mine != theirs for mine, theirs in stated):
        return
    sig.name = signer.name
    filled.append("signature")
    for attr in ("authority", "body", "position"):
        value = getattr(signer, attr)
        if attr == "authority" and value not in AUTHORITIES[draft.family]:
            continue
        if not getattr(sig, attr) and value:
            setattr(sig, attr, value)
            filled.append(f"signature.{attr}")


def complete_from_profile(draft: Draft, profile: "Profile", signer: "Signer | None" = None) -> list[str]:
    """Fill in `draft` what the letter does not state from `profile` and its `signer`; return the labels filled."""
    filled: list[str] = []
    _fill(draft, profile, filled)
    if signer is not None:
        _sign(draft, signer, filled)
    return [LABELS[name] for name in filled]

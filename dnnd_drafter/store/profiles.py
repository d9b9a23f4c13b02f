"""Keep organisation profiles and their signers.

A profile says who issues letters: family, parent and issuing body, abbreviation, default
place, unit abbreviations for the number, the ``Lưu`` line, the numbering period (a Party
term, otherwise the calendar year) and the usual signers.
"""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from dnnd_drafter.base.errors import DraftError, UserDataError
from dnnd_drafter.model.letter import AUTHORITIES, FAMILIES
from dnnd_drafter.model.formats import CHOICES, OfficeChoices, load_format
from dnnd_drafter.store.connection import StoreConnection
from dnnd_drafter.store.db import now_text, transaction
from dnnd_drafter.model.vietnamese import clean, fold, short_date

KIND_ABBREVIATIONS = {"cong_van": "CV", "ke_hoach": "KH", "chi_thi": "CT", "bao_cao": "BC"}
TERM_FAMILIES = ("dang",)
#: Families whose ký hiệu leaves the drafting unit out unless the profile says otherwise: a Party
#: công văn is "CV/ĐU" (Hướng dẫn 36-HD/VPTW names no unit); State and Đoàn add it ("UBND-VP").
UNIT_OUT_OF_SYMBOL = ("dang",)


@dataclass
class Profile:
    """Hold one issuing organisation as the wizard pre-fills it."""

    name: str
    family: str
    issuing_body: str
    parent_body: str = ""
    abbreviation: str = ""
    default_place: str = ""
    unit_abbreviations: list[str] = field(default_factory=list)
    archive_line: str = ""
    term_start: _dt.date | None = None
    term_end: _dt.date | None = None
    id: int | None = None
    #: The usual subject of the opening sentence ("Ban Thường vụ Huyện ủy"); "" = derive it.
    directing_body: str = ""
    #: Whether the first unit abbreviation goes into the ký hiệu; None = the family's usual choice.
    unit_in_symbol: bool | None = None
    #: The office's list punctuation, closing mark and Nơi nhận label style; None = the family's default.
    choices: OfficeChoices = field(default_factory=OfficeChoices)

    def writes_unit_in_symbol(self) -> bool:
        """Return whether letters of this profile add the drafting unit to the ký hiệu."""
        if self.unit_in_symbol is not None:
            return self.unit_in_symbol
        return self.family not in UNIT_OUT_OF_SYMBOL

    def numbering_period(self, on: _dt.date) -> tuple[_dt.date, _dt.date]:
        """Return the first and last day of the numbering period that holds `on`.

        Party bodies number by the term set in the profile; everybody else by calendar year.
        """
        if self.family not in TERM_FAMILIES:
            return _dt.date(on.year, 1, 1), _dt.date(on.year, 12, 31)
        if self.term_start is None or self.term_end is None:
            raise UserDataError(f"Hồ sơ “{self.name}” chưa có nhiệm kỳ (ngày bắt đầu, ngày kết thúc); "
                                "văn bản của Đảng được đánh số theo nhiệm kỳ. Hãy nhập nhiệm kỳ.",
                                field="term_start")
        if not self.term_start <= on <= self.term_end:
            raise UserDataError(f"Ngày {short_date(on)} nằm ngoài nhiệm kỳ của hồ sơ “{self.name}” "
                                f"({short_date(self.term_start)} – {short_date(self.term_end)}). "
                                "Hãy cập nhật nhiệm kỳ mới.", field="term_end")
        return self.term_start, self.term_end

    def symbol_for(self, kind: str, unit: str | None = None) -> str:
        """Return the symbol after the number: ``UBND-VP``, ``KH-UBND``, ``CV/HU``.

        `unit` defaults to the first unit abbreviation of the profile when the profile writes
        the unit into the ký hiệu (:meth:`writes_unit_in_symbol`); an explicit `unit` is always used.
        """
        if unit is None:
            wanted = self.unit_abbreviations and self.writes_unit_in_symbol()
            unit = self.unit_abbreviations[0] if wanted else ""
        abbr = self.abbreviation
        kind_abbr = KIND_ABBREVIATIONS.get(kind, "")
        if self.family in ("dang", "doan_tn"):
            return f"{kind_abbr}/{abbr}" + (f"-{unit}" if unit else "")
        if kind == "cong_van":
            return f"{abbr}-{unit}" if unit else abbr
        return f"{kind_abbr}-{abbr}"


@dataclass
class Signer:
    """Hold a person who usually signs for a profile, with the authority form they use."""

    profile_id: int
    name: str
    position: str = ""
    authority: str = ""
    body: str = ""
    is_default: bool = False
    sort_order: int = 0
    id: int | None = None


def _date(text: str | None) -> _dt.date | None:
    """Return the date of ISO `text`, or None."""
    return _dt.date.fromisoformat(text) if text else None


def validate_profile(profile: Profile) -> Profile:
    """Return `profile` cleaned, or raise UserDataError naming the wrong field."""
    profile.name = clean(profile.name)
    profile.issuing_body = clean(profile.issuing_body, multiline=True)
    profile.parent_body = clean(profile.parent_body, multiline=True)
    for attr in ("abbreviation", "default_place", "archive_line", "directing_body"):
        setattr(profile, attr, clean(getattr(profile, attr)))
    profile.unit_abbreviations = [u for u in (clean(x) for x in profile.unit_abbreviations) if u]
    if not profile.name:
        raise UserDataError("Hồ sơ cơ quan cần có tên.", field="name")
    if profile.family not in FAMILIES:
        raise UserDataError(f"Khối “{profile.family}” không hợp lệ; dùng một trong: "
                            + ", ".join(FAMILIES) + ".", field="family")
    if not profile.issuing_body:
        raise UserDataError(f"Hồ sơ “{profile.name}” chưa có tên cơ quan ban hành.", field="issuing_body")
    if profile.term_start and profile.term_end and profile.term_end < profile.term_start:
        raise UserDataError(f"Hồ sơ “{profile.name}”: ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.",
                            field="term_end")
    try:
        load_format(profile.family).with_choices(profile.choices)
    except DraftError as exc:
        raise UserDataError(f"Hồ sơ “{profile.name}”: {exc.message}", field=exc.field) from None
    return profile


class Profiles:
    """Read and write organisation profiles and signers."""

    _COLUMNS = ("name, family, issuing_body, parent_body, abbreviation, default_place, "
                "unit_abbreviations, archive_line, term_start, term_end, id, directing_body, unit_in_symbol, "
                "list_separator, closing_mark, cc_label_style")

    def __init__(self, conn: StoreConnection) -> None:
        self._conn = conn

    @staticmethod
    def _row(row: tuple[Any, ...]) -> Profile:
        """Return the Profile of a row selected with :attr:`_COLUMNS`."""
        return Profile(*row[:6], json.loads(row[6]), row[7], _date(row[8]), _date(row[9]), row[10], row[11],  # type: ignore[call-arg] # columns in field order
                       None if row[12] is None else bool(row[12]), OfficeChoices(*row[13:16]))

    def all(self) -> list[Profile]:
        """Return every profile, by name without marks."""
        rows = self._conn.execute(f"SELECT {self._COLUMNS} FROM profile ORDER BY name")
        return sorted((self._row(r) for r in rows), key=lambda p: (fold(p.name), p.name))

    def get(self, profile_id: int) -> Profile:
        """Return the profile with `profile_id`."""
        row = self._conn.execute(f"SELECT {self._COLUMNS} FROM profile WHERE id = ?",
                                 (profile_id,)).fetchone()
        if row is None:
            raise UserDataError(f"Không có hồ sơ cơ quan số {profile_id}.")
        return self._row(row)

    def by_name(self, name: str) -> Profile | None:
        """Return the profile called `name`, or None."""
        row = self._conn.execute(f"SELECT {self._COLUMNS} FROM profile WHERE name = ?",
                                 (clean(name),)).fetchone()
        return self._row(row) if row else None

    def save(self, profile: Profile) -> Profile:
        """Insert `profile` (no id) or update it; return it with its id."""
        profile = validate_profile(profile)
        values = (profile.name, profile.family, profile.issuing_body, profile.parent_body,
                  profile.abbreviation, profile.default_place,
                  json.dumps(profile.unit_abbreviations, ensure_ascii=False), profile.archive_line,
                  profile.term_start.isoformat() if profile.term_start else None,
                  profile.term_end.isoformat() if profile.term_end else None, profile.directing_body,
                  None if profile.unit_in_symbol is None else int(profile.unit_in_symbol),
                  *(getattr(profile.choices, name) for name in CHOICES), now_text())
        try:
            with transaction(self._conn):
                if profile.id is None:
                    cur = self._conn.execute(
                        "INSERT INTO profile (name, family, issuing_body, parent_body, abbreviation, "
                        "default_place, unit_abbreviations, archive_line, term_start, term_end, "
                        "directing_body, unit_in_symbol, list_separator, closing_mark, cc_label_style, "
                        "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", values)
                    profile.id = cur.lastrowid
                else:
                    self.refuse_family_change(profile)
                    cur = self._conn.execute(
                        "UPDATE profile SET name=?, family=?, issuing_body=?, parent_body=?, "
                        "abbreviation=?, default_place=?, unit_abbreviations=?, archive_line=?, "
                        "term_start=?, term_end=?, directing_body=?, unit_in_symbol=?, list_separator=?, "
                        "closing_mark=?, cc_label_style=?, updated_at=? WHERE id=?",
                        (*values, profile.id))
                    if cur.rowcount == 0:
                        raise UserDataError(f"Không có hồ sơ cơ quan số {profile.id}.")
        except sqlite3.IntegrityError as exc:
            raise UserDataError(f"Đã có hồ sơ cơ quan tên “{profile.name}”; hãy chọn tên khác.",
                                field="name") from exc
        return profile

    def has_numbers(self, profile_id: int) -> bool:
        """Return whether the profile has issued (or cancelled) numbers, in the register or its marks."""
        return bool(self._conn.execute(
            "SELECT EXISTS (SELECT 1 FROM register_entry WHERE profile_id = ?) "
            "OR EXISTS (SELECT 1 FROM number_mark WHERE profile_id = ? AND high > 0)",
            (profile_id, profile_id)).fetchone()[0])

    def refuse_family_change(self, profile: Profile) -> None:
        """Raise UserDataError when `profile` changes the family of a stored profile that has numbers.

        The family decides how a number is written (``05/UBND-VP`` or ``05-CV/HU``): changing it
        would rewrite every number already issued.
        """
        row = self._conn.execute("SELECT family FROM profile WHERE id = ?", (profile.id,)).fetchone()
        if row is None or row[0] == profile.family or not self.has_numbers(profile.id or 0):
            return
        raise UserDataError(f"Hồ sơ “{profile.name}” đã cấp số văn bản theo khối {FAMILIES[row[0]]}; "
                            f"không đổi sang khối {FAMILIES[profile.family]} được vì các số đã cấp sẽ bị "
                            "ghi sai. Hãy tạo một hồ sơ mới (tên khác) cho khối này.", field="family")

    def delete(self, profile_id: int) -> None:
        """Delete a profile and its signers; refuse when the register has its numbers."""
        try:
            with transaction(self._conn):
                self._conn.execute("DELETE FROM profile WHERE id = ?", (profile_id,))
        except sqlite3.IntegrityError as exc:
            raise UserDataError("Không xóa được hồ sơ này vì sổ văn bản đi đã có văn bản của nó.") from exc

    def signers(self, profile_id: int) -> list[Signer]:
        """Return the signers of a profile, default first, then in their order."""
        rows = self._conn.execute(
            "SELECT profile_id, name, position, authority, body, is_default, sort_order, id "
            "FROM signer WHERE profile_id = ? ORDER BY is_default DESC, sort_order, id", (profile_id,))
        return [Signer(*r[:5], bool(r[5]), r[6], r[7]) for r in rows]  # type: ignore[call-arg] # columns in field order

    def default_signer(self, profile_id: int) -> Signer | None:
        """Return the default signer of a profile (else its first), or None."""
        signers = self.signers(profile_id)
        return signers[0] if signers else None

    def save_signer(self, signer: Signer) -> Signer:
        """Insert or update `signer`; a default signer makes the others non-default."""
        profile = self.get(signer.profile_id)
        signer.name, signer.position = clean(signer.name), clean(signer.position)
        signer.authority, signer.body = clean(signer.authority), clean(signer.body)
        if not signer.name:
            raise UserDataError("Người ký cần có họ tên.", field="name")
        if signer.authority not in AUTHORITIES[profile.family]:
            forms = ", ".join(f"“{a}”" for a in AUTHORITIES[profile.family] if a)
            raise UserDataError(f"Thẩm quyền ký “{signer.authority}” không dùng cho khối "
                                f"{FAMILIES[profile.family]}; dùng {forms} hoặc để trống.",
                                field="authority")
        values = (signer.profile_id, signer.name, signer.position, signer.authority, signer.body,
                  int(signer.is_default), signer.sort_order)
        with transaction(self._conn):
            if signer.is_default:
                self._conn.execute("UPDATE signer SET is_default = 0 WHERE profile_id = ?",
                                   (signer.profile_id,))
            if signer.id is None:
                signer.id = self._conn.execute(
                    "INSERT INTO signer (profile_id, name, position, authority, body, is_default, "
                    "sort_order) VALUES (?,?,?,?,?,?,?)", values).lastrowid
            else:
                self._conn.execute(
                    "UPDATE signer SET profile_id=?, name=?, position=?, authority=?, body=?, "
                    "is_default=?, sort_order=? WHERE id=?", (*values, signer.id))
        return signer

    def delete_signer(self, signer_id: int) -> None:
        """Delete one signer."""
        with transaction(self._conn):
            self._conn.execute("DELETE FROM signer WHERE id = ?", (signer_id,))

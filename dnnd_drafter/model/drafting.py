"""Start and fill drafts from what the office already knows: profile, signer, directive.

Qt-free helpers the wizard and the command line share: a new draft from a profile, a copy of
an earlier letter with a new date and a blank number, the task rules (one parser of task
sources ``12-CT/TW:3``, the directive's wording per variant, the lead sentence) and the move of
a draft from one family to another. The opening is composed by the template.
"""

from __future__ import annotations

import copy
import datetime as _dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dnnd_drafter.base.errors import CatalogError
from dnnd_drafter.model.content import DirectiveRef
from dnnd_drafter.model.letter import Draft, Issuer, Signature, Task
from dnnd_drafter.model.formats import FamilyFormat, OfficeChoices, load_format

if TYPE_CHECKING:
    from dnnd_drafter.catalog.model import Directive, DirectiveTask
    from dnnd_drafter.store.profiles import Profile, Signer

SAME_AS_RECIPIENTS = {"dang": "Như kính gửi", "doan_tn": "Như kính gửi"}
DEFAULT_ARCHIVE = {"dang": "Lưu Văn phòng", "doan_tn": "Lưu VP"}
KIND_OF_TEMPLATE = {"ke_hoach_trien_khai": "ke_hoach", "chi_thi_trien_khai": "chi_thi"}
#: Administrative levels that may follow "Ủy ban nhân dân" in the usual State subject.
STATE_LEVELS = ("THÀNH PHỐ", "THỊ TRẤN", "THỊ XÃ", "ĐẶC KHU", "PHƯỜNG", "HUYỆN", "QUẬN", "TỈNH", "XÃ")


def _upper_words(text: str) -> str:
    """Return `text` on one line, upper case, with the old spelling ``UỶ`` made ``ỦY``."""
    return " ".join(text.split()).upper().replace("UỶ", "ỦY")


def default_directing_body(issuing_body: str, parent_body: str = "") -> str:
    """Return the usual subject of the opening sentence for an issuing body, or "" when there is none.

    "Ban Thường vụ Huyện ủy" for HUYỆN ỦY …, "Ban Tuyên giáo Thị ủy" for BAN TUYÊN GIÁO under
    THỊ ỦY …, "Ủy ban nhân dân xã" for ỦY BAN NHÂN DÂN XÃ …, "Ban Thường vụ Tỉnh Đoàn" for TỈNH
    ĐOÀN …. The body decides, not the Khối of the letter. Other bodies have no usual subject:
    the clerk types it.
    """
    name, parent = _upper_words(issuing_body), _upper_words(parent_body)
    committee = re.match(r"^(?:BAN THƯỜNG VỤ )?(\S+) ỦY(?: |$)", name)
    if committee:
        return f"Ban Thường vụ {committee.group(1).capitalize()} ủy"
    department = re.match(r"^BAN (\S+)((?: \S+)*)$", name)
    above = re.match(r"^(\S+) ỦY(?: |$)", parent)
    if department and above:
        return f"Ban {department.group(1).capitalize()}{department.group(2).lower()} {above.group(1).capitalize()} ủy"
    rest = next((name[len(p):].strip() for p in ("ỦY BAN NHÂN DÂN", "UBND") if name.startswith(p)), None)
    if rest is not None:
        level = next((lv for lv in STATE_LEVELS if rest == lv or rest.startswith(lv + " ")), "")
        return "Ủy ban nhân dân" + (f" {level.lower()}" if level else "")
    union = re.match(r"^(?:BCH |BAN CHẤP HÀNH )?(TỈNH|THÀNH|HUYỆN|QUẬN|THỊ) ĐOÀN(?: |$)", name)
    return f"Ban Thường vụ {union.group(1).capitalize()} Đoàn" if union else ""


def same_as_recipients(family: str) -> str:
    """Return the Nơi nhận entry that points back at the Kính gửi list for `family`."""
    return SAME_AS_RECIPIENTS.get(family, "Như trên")


def default_cc(family: str, archive_line: str = "") -> list[str]:
    """Return the usual Nơi nhận of a công văn: ``Như trên``/``Như kính gửi`` and the Lưu line."""
    return [same_as_recipients(family), archive_line or DEFAULT_ARCHIVE.get(family, "Lưu: VT")]


def new_draft(profile: "Profile | None" = None, signer: "Signer | None" = None,
              template: str = "cong_van_trien_khai", today: _dt.date | None = None,
              family: str = "nha_nuoc") -> Draft:
    """Return a new draft filled with everything the profile and the signer know.

    Without a profile the draft is of `family` (the Khối the clerk last saw, for example in the
    first-start form they closed).
    """
    today = today or _dt.date.today()
    kind = KIND_OF_TEMPLATE.get(template, "cong_van")
    if profile is None:
        return Draft(family=family, template=template, kind=kind, date=today, cc=default_cc(family))
    draft = Draft(
        family=profile.family, kind=kind, template=template, date=today,
        issuer=Issuer(profile.parent_body, profile.issuing_body, profile.abbreviation),
        place=profile.default_place, symbol=profile.symbol_for(kind),
        cc=default_cc(profile.family, profile.archive_line) if kind == "cong_van" else
        [profile.archive_line or DEFAULT_ARCHIVE.get(profile.family, "Lưu: VT")],
    )
    draft.choices = profile.choices  # the office's punctuation, closing mark and Nơi nhận label
    if profile.directing_body:
        draft.content.directing_body = profile.directing_body
    if signer is not None:
        draft.signature = Signature(signer.authority, signer.body, signer.position, signer.name)
    return draft


def copy_as_new(draft: Draft, today: _dt.date | None = None) -> Draft:
    """Return a copy of an earlier letter with today's date and a blank number."""
    return draft.copy(date=today or _dt.date.today(), number="")


#: The sentence that gives a unit the lead of the tasks, appended to ``Tổ chức thực hiện``.
LEAD_SENTENCE = "{} chủ trì, phối hợp với các cơ quan, đơn vị liên quan triển khai thực hiện các nhiệm vụ trên."


def task_source(directive_number: str, task_number: int) -> str:
    """Return the source of a directive's task as a draft names it (``12-CT/TW:3``)."""
    return f"{directive_number}:{task_number}"


def parse_task_source(source: str) -> tuple[str, int | None]:
    """Return the directive number and the task number of a task source (``12-CT/TW:3``).

    The task number is None for the office's own task (no source) or a source without one.
    """
    number, _, index = source.rpartition(":")
    return (number, int(index)) if number and index.isdigit() else (source, None)


def directive_task(directive: "Directive | None", source: str) -> "DirectiveTask | None":
    """Return the task of `directive` that `source` names, or None (another directive, own task)."""
    number, index = parse_task_source(source)
    if directive is None or index is None or number != directive.number:
        return None
    try:
        return directive.task(index)
    except CatalogError:  # a task number the catalog does not have: no original wording
        return None


@dataclass
class TaskRow:
    """Hold one row of the task list: the task, the directive's wording of it and its list label."""

    task: Task
    original: str = ""
    label: str = ""

    @property
    def edited(self) -> bool:
        """Return whether the text differs from the directive's wording (which can be put back)."""
        return bool(self.original) and self.original != self.task.text


def task_label(task: Task, directive: "Directive | None") -> str:
    """Return the list label of a task: the directive's short title, else its title or text ("" when empty)."""
    found = directive_task(directive, task.source)
    if found is not None:
        return f"{parse_task_source(task.source)[1]}. {found.title}"
    return task.title or (task.text[:50] + "…" if len(task.text) > 50 else task.text)


def task_rows(chosen: list[Task], directive: "Directive | None", variant: str | None) -> list[TaskRow]:
    """Return the rows of the task list: the chosen tasks first, then the directive's others in the
    wording of `variant` (None: the directive's own words)."""
    rows = []
    for task in chosen:
        found = directive_task(directive, task.source)
        rows.append(TaskRow(copy.copy(task), (found.text_for(variant) if found else "") or task.text,
                            task_label(task, directive)))
    taken = {t.source for t in chosen if t.source}
    for found in directive.tasks if directive is not None else []:
        source = task_source(directive.number, found.number)  # type: ignore[union-attr]
        if source not in taken:
            text = found.text_for(variant)
            rows.append(TaskRow(Task(source, text=text), text, f"{found.number}. {found.title}"))
    return rows


def reword(rows: list[TaskRow], directive: "Directive | None", variant: str | None) -> None:
    """Switch the rows to the wording of `variant`; a text the clerk edited stays as edited."""
    for row in rows:
        found = directive_task(directive, row.task.source)
        if found is None:
            continue
        fresh = found.text_for(variant)
        if fresh and row.task.text == row.original:
            row.task.text = fresh
        if fresh:
            row.original = fresh


def with_lead(implementation: list[str], unit: str) -> list[str]:
    """Return the ``Tổ chức thực hiện`` lines with the sentence giving `unit` the lead appended."""
    lines = [line for line in implementation if line.strip()]
    return lines + [LEAD_SENTENCE.format(unit.strip())] if unit.strip() else lines


def followed_directive(draft: Draft, catalog: "Mapping[str, Directive]") -> str:
    """Return the number of the catalog directive `draft` follows; a letter naming none follows the first.

    A draft names its directive in ``content.directive`` or, in older files, through the source
    of its first task (``12-CT/TW:3``). Returns ``""`` when the catalog is empty.
    """
    numbers = [directive.number for _key, directive in sorted(catalog.items())]
    wanted = draft.content.directive.number
    if not wanted and draft.content.tasks:
        wanted = parse_task_source(draft.content.tasks[0].source)[0]
    if wanted in numbers:
        return wanted
    return numbers[0] if numbers else ""


def follow_directive(draft: Draft, catalog: "Mapping[str, Directive]") -> None:
    """Make a draft that names no directive follow the one :func:`followed_directive` picks."""
    if not draft.content.directive.number:
        number = followed_directive(draft, catalog)
        if number:
            draft.content.directive = DirectiveRef(number)


AUTHORITY_EQUIVALENTS = {"T/M": "TM.", "K/T": "KT.", "T/L": "TL."}


def convert_authority(authority: str, family: str) -> str:
    """Return the authority form of `family` that means the same as `authority`."""
    party_style = family == "dang"
    if party_style:
        reverse = {v: k for k, v in AUTHORITY_EQUIVALENTS.items()}
        return reverse.get(authority, authority if authority in AUTHORITY_EQUIVALENTS else "")
    if authority in AUTHORITY_EQUIVALENTS:
        return AUTHORITY_EQUIVALENTS[authority]
    return authority if authority.endswith(".") or not authority else ""


def symbol_for(draft: Draft, fmt: FamilyFormat) -> str:
    """Return the ký hiệu: the draft's own, or the family pattern from kind and abbreviation."""
    if draft.symbol:
        return draft.symbol
    type_code = fmt.number.get("type_codes", {}).get(draft.kind, "")
    issuer = draft.issuer.abbreviation
    return fmt.number["symbol_pattern"].format(type=type_code, issuer=issuer) if type_code else issuer


def convert_symbol(symbol: str, kind: str, old_family: str, new_family: str) -> str:
    """Return `symbol` rewritten from one family's pattern to another's (``UBND-VP`` ↔ ``CV/UBND-VP``)."""
    old, new = load_format(old_family).number, load_format(new_family).number
    old_type = old.get("type_codes", {}).get(kind, "")
    rest = symbol
    if old_type:
        separator = old["symbol_pattern"].replace("{type}", "").replace("{issuer}", "")
        prefix = old_type + separator
        rest = symbol[len(prefix):] if symbol.startswith(prefix) else symbol
    new_type = new.get("type_codes", {}).get(kind, "")
    return new["symbol_pattern"].format(type=new_type, issuer=rest) if new_type and rest else rest


def convert_archive_line(line: str, family: str) -> str:
    """Return the ``Lưu`` line in `family`'s form: ``Lưu: VT, VP`` (NĐ 30) or ``Lưu VP`` (Party, Đoàn)."""
    match = re.match(r"^Lưu\s*:?\s*(?:VT\s*,\s*)?(.*)$", line.strip())
    if match is None:
        return line
    rest = match.group(1).strip() or "VT"
    if family in DEFAULT_ARCHIVE:
        return f"Lưu {rest}"
    return f"Lưu: VT, {rest}" if rest != "VT" else "Lưu: VT"


def switch_family(draft: Draft, family: str) -> None:
    """Move `draft` to another family: authority form, ``Như trên`` entry and the symbol's pattern."""
    if family == draft.family:
        return
    if draft.symbol:
        draft.symbol = convert_symbol(draft.symbol, draft.kind, draft.family, family)
    draft.signature.authority = convert_authority(draft.signature.authority, family)
    old_same, new_same = same_as_recipients(draft.family), same_as_recipients(family)
    draft.cc = [new_same if entry == old_same else entry for entry in draft.cc]
    if draft.cc and draft.cc[-1].startswith("Lưu"):
        draft.cc[-1] = convert_archive_line(draft.cc[-1], family)
    draft.family = family
    draft.rule_set = ""
    draft.choices = OfficeChoices()  # another family offers other choices: its own defaults

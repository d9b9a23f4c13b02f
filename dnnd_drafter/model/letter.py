"""Define the letter model (plain dataclasses) and the versioned draft file.

A draft file is UTF-8 JSON, one letter per file, schema ``dnnd-drafter/draft@N``. Loading
brings an older file up to :data:`SCHEMA_VERSION` through the ordered :data:`MIGRATIONS`,
validates every field and raises :class:`~dnnd_drafter.base.errors.DraftError` naming the field
in Vietnamese; saving writes the current version atomically. See ``docs/draft-format.md``.
"""

from __future__ import annotations

import copy
import datetime as _dt
import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from dnnd_drafter.files import atomic
from dnnd_drafter.base.errors import DraftError
from dnnd_drafter.files.input_guard import MAX_DRAFT_BYTES, parse_json, read_capped
from dnnd_drafter.files.tempfiles import clean_stale
from dnnd_drafter.model.content import CONTENT_KEYS, TASK_KEYS, Content, Task, known
from dnnd_drafter.model.content_file import content_from_dict, content_to_dict
from dnnd_drafter.model.vietnamese import clean, parse_iso_date
from dnnd_drafter.model.formats import CHOICES, OfficeChoices, load_format

__all__ = ["Content", "Draft", "Issuer", "Signature", "Task", "from_dict", "load", "loads", "save", "to_dict"]

SCHEMA_PREFIX = "dnnd-drafter/draft@"
SCHEMA_VERSION = 3
FAMILIES = {
    "dang": "Đảng",
    "nha_nuoc": "Nhà nước",
    "doan_the": "Đoàn thể (Công đoàn, MTTQ, Hội)",
    "doan_tn": "Đoàn TNCS Hồ Chí Minh",
}
KINDS = {"cong_van": "Công văn", "ke_hoach": "Kế hoạch", "chi_thi": "Chỉ thị", "bao_cao": "Báo cáo"}
AUTHORITIES = {
    "dang": ("", "T/M", "K/T", "T/L"),
    "nha_nuoc": ("", "TM.", "KT.", "TL.", "TUQ.", "Q."),
    "doan_the": ("", "TM.", "KT.", "TL.", "TUQ.", "Q."),
    "doan_tn": ("", "TM.", "KT.", "TL.", "TUQ.", "Q."),
}


@dataclass
class Issuer:
    """Hold the issuing body: its parent (optional), its name and its abbreviation."""

    parent: str = ""
    name: str = ""
    abbreviation: str = ""


@dataclass
class Signature:
    """Hold the signature block: authority form, collective body, position and name."""

    authority: str = ""
    body: str = ""
    position: str = ""
    name: str = ""
    image: str = ""
    seal: str = ""
    show_images: bool = False


@dataclass
class CcNote:
    """Hold an annotation such as ``(để báo cáo)`` on Nơi nhận lines `first` to `last` (1-based).

    ``first == last`` annotates one line; a longer span is a group, printed with a brace.
    """

    first: int
    last: int
    text: str


@dataclass
class Draft:
    """Hold one letter as the wizard, the command line and the tests exchange it."""

    family: str = "nha_nuoc"
    kind: str = "cong_van"
    template: str = "cong_van_trien_khai"
    issuer: Issuer = field(default_factory=Issuer)
    number: str = ""
    symbol: str = ""
    place: str = ""
    date: _dt.date = field(default_factory=_dt.date.today)
    subject: str = ""
    recipients: list[str] = field(default_factory=list)
    content: Content = field(default_factory=Content)
    cc: list[str] = field(default_factory=list)
    signature: Signature = field(default_factory=Signature)
    rule_set: str = ""
    cc_notes: list[CcNote] = field(default_factory=list)
    choices: OfficeChoices = field(default_factory=OfficeChoices)
    #: What an older draft held that this version does not know, by dotted path, kept as it was.
    kept: dict[str, Any] = field(default_factory=dict)

    @property
    def is_numbered(self) -> bool:
        """Return whether the letter has its number (otherwise it is a draft)."""
        return bool(self.number.strip())

    def copy(self, **changes: Any) -> "Draft":
        """Return a deep copy of this draft with `changes` applied.

        The copy is not validated: a draft being typed may lack required fields for a moment
        (the preview and the symbol hint copy it at every key).
        """
        return replace(copy.deepcopy(self), **changes)


def _fail(field_name: str, message: str) -> DraftError:
    """Return a DraftError for `field_name` with a Vietnamese `message`."""
    return DraftError(f"Trường “{field_name}”: {message}", field=field_name)


def _text(data: dict[str, Any], key: str, path: str, multiline: bool = False) -> str:
    """Return the cleaned text at `key`, or raise naming `path` when it is not text."""
    value = data.get(key, "")
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and key == "number":
        value = str(value)
    if not isinstance(value, str):
        raise _fail(path, "phải là một chuỗi văn bản.")
    return clean(value, multiline=multiline)


def _texts(data: dict[str, Any], key: str, path: str, multiline: bool = False) -> list[str]:
    """Return the cleaned list of texts at `key`, dropping empty entries."""
    value = data.get(key, [])
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(path, "phải là một danh sách các dòng văn bản.")
    return [t for t in (clean(v, multiline=multiline) for v in value) if t]


def _section(data: dict[str, Any], key: str, allowed: tuple[str, ...]) -> dict[str, Any]:
    """Return the object at `key` or raise when it is not an object or holds an unknown key."""
    return known(data.get(key) or {}, key, allowed)


def _schema_version(data: dict[str, Any]) -> int:
    """Return the schema version of a draft, refusing unknown or future schemas."""
    schema = data.get("schema", f"{SCHEMA_PREFIX}1")
    if not isinstance(schema, str) or not schema.startswith(SCHEMA_PREFIX):
        raise _fail("schema", f"phải có dạng “{SCHEMA_PREFIX}{SCHEMA_VERSION}”.")
    try:
        version = int(schema[len(SCHEMA_PREFIX):])
    except ValueError:
        raise _fail("schema", f"phải có dạng “{SCHEMA_PREFIX}{SCHEMA_VERSION}”.") from None
    if version > SCHEMA_VERSION:
        raise _fail("schema", f"tệp được tạo bởi phiên bản mới hơn (phiên bản {version}); "
                    f"phiên bản này chỉ đọc được đến {SCHEMA_VERSION}. Hãy cập nhật DNND Drafter.")
    if version < 1:
        raise _fail("schema", "phiên bản không hợp lệ.")
    return version


#: Content keys that have a meaning since @2 (structured data of the templates), with the JSON
#: types each accepts. In @1 every other content key was free data kept as it was.
STRUCTURED_KEYS: dict[str, tuple[type, ...]] = {
    "references": (list,), "directive": (str, dict), "directing_body": (str,),
    "directing_verb": (str,), "directed": (str, list), "upper_reference": (str,),
    "situation": (str,), "lead_in": (str,), "purpose": (str, list), "propaganda": (dict,),
    "forwarded": (dict,),
}
#: Prefix given to an @1 free key whose name became structured in @2 but whose value does not fit.
V1_KEPT_PREFIX = "v1_"


def _migrate_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Return an @1 draft as @2: the same letter, its free content keys kept out of the way.

    @2 gives meaning to some content keys (:data:`STRUCTURED_KEYS`). An @1 file could hold a
    free key of the same name with another shape (``"purpose": 3``); it is renamed ``v1_<key>``
    so that it is kept and the letter renders as before. Keys the @1 wizard wrote
    (``directive``, ``directing_body``, ``upper_reference``, ``variant``, ``opening_auto``)
    already fit and stay where they are; ``content.opening`` is untouched, so an opening that
    was written keeps being used as written.
    """
    content = data.get("content")
    if isinstance(content, dict):
        moved = {}
        for key, value in content.items():
            kinds = STRUCTURED_KEYS.get(key)
            if kinds is not None and value is not None and not isinstance(value, kinds):
                moved[key] = value
        for key, value in moved.items():
            del content[key]
            content[f"{V1_KEPT_PREFIX}{key}"] = value
    return {**data, "schema": f"{SCHEMA_PREFIX}2"}


#: The keys of a draft file (@3), of its issuer and of its signature; any other key is refused.
DRAFT_KEYS = ("schema", "family", "kind", "template", "issuer", "number", "symbol", "place", "date", "subject",
              "recipients", "content", "cc", "signature", "rule_set", "cc_notes", "choices", "kept")
ISSUER_KEYS = ("parent", "name", "abbreviation")
SIGNATURE_KEYS = ("authority", "body", "position", "name", "image", "seal", "show_images")
#: Content keys that were free data in @2 and are typed in @3; a value of another type is kept aside.
FREE_IN_2: dict[str, tuple[type, ...] | None] = {"body": (str,), "variant": (str,), "wordin": (dict,)}
#: Content keys the @1 wizard wrote that mean nothing since @2 (the opening is used as written).
RETIRED_KEYS = ("opening_auto",)


def _migrate_2_to_3(data: dict[str, Any]) -> dict[str, Any]:
    """Return an @2 draft as @3: the same letter; every key @3 does not know moves to ``kept``.

    @3 types every part of the letter and refuses unknown keys. An @2 file could hold free keys
    (``content.ghi_chu``, a task's own key, a structured key of another shape renamed ``v1_…``
    by the @1 migration): each is kept under its dotted path in ``kept`` (``content.ghi_chu``),
    never dropped; the letter renders as before. ``content.opening_auto`` is dropped.
    """
    kept: dict[str, Any] = {}

    def sift(value: Any, allowed: dict[str, tuple[type, ...] | None], prefix: str) -> Any:
        """Return the object `value` with its known keys; put the others in `kept`."""
        if not isinstance(value, dict):
            return value
        out = {}
        for key, item in value.items():
            kinds = allowed.get(key, ())
            if key in allowed and (kinds is None or item is None or isinstance(item, kinds)):
                out[key] = item
            elif key not in RETIRED_KEYS or prefix != "content.":
                kept[f"{prefix}{key}"] = item
        return out

    out = sift(data, dict.fromkeys(DRAFT_KEYS[:-1]), "")
    out["issuer"] = sift(out.get("issuer"), dict.fromkeys(ISSUER_KEYS), "issuer.")
    out["signature"] = sift(out.get("signature"), dict.fromkeys(SIGNATURE_KEYS), "signature.")
    content = sift(out.get("content"), {**dict.fromkeys(CONTENT_KEYS), **FREE_IN_2}, "content.")
    if isinstance(content, dict) and isinstance(content.get("tasks"), list):
        content["tasks"] = [sift(task, dict.fromkeys(TASK_KEYS), f"content.tasks[{index}].")
                            for index, task in enumerate(content["tasks"], start=1)]
    out["content"] = content
    for key in ("issuer", "signature", "content"):
        if out[key] is None:
            del out[key]
    if kept:
        out["kept"] = kept
    return {**out, "schema": f"{SCHEMA_PREFIX}3"}


#: Ordered migrations: ``MIGRATIONS[n]`` turns the data of version ``n`` into version ``n + 1``.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _migrate_1_to_2, 2: _migrate_2_to_3}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Return a copy of the draft data `data` brought up to :data:`SCHEMA_VERSION`.

    Each step runs in order (1→2, 2→3, …); the input is never changed. A newer schema than
    this program knows is refused by :func:`_schema_version`.
    """
    version = _schema_version(data)
    data = copy.deepcopy(data)
    for step in range(version, SCHEMA_VERSION):
        data = MIGRATIONS[step](data)
    return data


def _cc_notes(data: dict[str, Any], lines: int) -> list[CcNote]:
    """Return the annotations of the Nơi nhận lines, checked against the `lines` there are."""
    raw = data.get("cc_notes") or []
    if not isinstance(raw, list):
        raise _fail("cc_notes", "phải là một danh sách ghi chú ({“first”, “last”, “text”}).")
    notes: list[CcNote] = []
    taken: set[int] = set()
    for index, item in enumerate(raw):
        path = f"cc_notes[{index + 1}]"
        if not isinstance(item, dict):
            raise _fail(path, "phải là một đối tượng có “first”, “last”, “text”.")
        first, last = item.get("first"), item.get("last", item.get("first"))
        if (not isinstance(first, int) or not isinstance(last, int)
                or isinstance(first, bool) or isinstance(last, bool)):
            raise _fail(path, "“first” và “last” phải là số thứ tự dòng Nơi nhận (1, 2, …).")
        if not 1 <= first <= last <= lines:
            raise _fail(path, f"dòng {first}–{last} không có trong Nơi nhận (có {lines} dòng).")
        if taken & set(range(first, last + 1)):
            raise _fail(path, f"dòng {first}–{last} đã có ghi chú khác.")
        taken |= set(range(first, last + 1))
        text = _text(item, "text", f"{path}.text")
        if not text:
            raise _fail(f"{path}.text", "chưa có lời ghi chú, ví dụ “(để báo cáo)”.")
        notes.append(CcNote(first, last, text))
    return sorted(notes, key=lambda n: n.first)


def _choices(data: dict[str, Any], family: str, rule_set: str) -> OfficeChoices:
    """Return the office choices of a draft, each one the family offers (None: the family's own)."""
    raw = _section(data, "choices", tuple(CHOICES))
    values: dict[str, str | None] = {}
    for name in CHOICES:
        value = raw.get(name)
        if value is not None and not isinstance(value, str):
            raise _fail(f"choices.{name}", "phải là một chuỗi văn bản hoặc null.")
        values[name] = value
    choices = OfficeChoices(**values)
    if not choices.is_default():
        load_format(family, rule_set).with_choices(choices)  # refuses a value the family does not offer
    return choices


def from_dict(data: Any) -> Draft:
    """Return the validated Draft held in `data` (the parsed JSON of a draft file)."""
    if not isinstance(data, dict):
        raise DraftError("Tệp bản thảo phải là một đối tượng JSON ({…}).")
    data = migrate(data)
    unknown = sorted(set(data) - set(DRAFT_KEYS))
    if unknown:
        raise _fail(unknown[0], "không phải trường đã biết; dùng một trong: " + ", ".join(DRAFT_KEYS) + ".")
    kept = data.get("kept") or {}
    if not isinstance(kept, dict):
        raise _fail("kept", "phải là một đối tượng JSON ({…}).")
    family = data.get("family", "")
    if not isinstance(family, str) or family not in FAMILIES:
        raise _fail("family", f"“{family}” không phải khối văn bản đã biết; dùng một trong: "
                    + ", ".join(FAMILIES) + ".")
    kind = data.get("kind", "cong_van")
    if not isinstance(kind, str) or kind not in KINDS:
        raise _fail("kind", f"“{kind}” không phải loại văn bản đã biết; dùng một trong: "
                    + ", ".join(KINDS) + ".")
    issuer_raw = _section(data, "issuer", ISSUER_KEYS)
    issuer = Issuer(*(_text(issuer_raw, k, f"issuer.{k}", multiline=(k != "abbreviation"))
                      for k in ("parent", "name", "abbreviation")))
    if not issuer.name:
        raise _fail("issuer.name", "chưa có tên cơ quan ban hành.")
    raw_date = data.get("date", "")
    try:
        date = parse_iso_date(raw_date) if isinstance(raw_date, str) else None
    except ValueError:
        date = None
    if date is None:
        raise _fail("date", f"“{raw_date}” không phải một ngày hợp lệ; viết theo dạng NNNN-TT-NN, "
                    "ví dụ 2022-02-14.")
    content = content_from_dict(_section(data, "content", CONTENT_KEYS))
    sig_raw = _section(data, "signature", SIGNATURE_KEYS)
    signature = Signature(*(_text(sig_raw, k, f"signature.{k}") for k in  # type: ignore[arg-type, misc] # six texts, in field order
                            ("authority", "body", "position", "name", "image", "seal")),
                          show_images=bool(sig_raw.get("show_images", False)))
    if signature.authority not in AUTHORITIES[family]:
        forms = ", ".join(f"“{a}”" for a in AUTHORITIES[family] if a)
        raise _fail("signature.authority", f"“{signature.authority}” không dùng cho khối "
                    f"{FAMILIES[family]}; dùng {forms} hoặc để trống.")
    template = _text(data, "template", "template") or "cong_van_trien_khai"
    cc = _texts(data, "cc", "cc")
    rule_set = _text(data, "rule_set", "rule_set")
    return Draft(
        family=family, kind=kind, template=template, issuer=issuer,
        number=_text(data, "number", "number"), symbol=_text(data, "symbol", "symbol"),
        place=_text(data, "place", "place"), date=date, subject=_text(data, "subject", "subject", True),
        recipients=_texts(data, "recipients", "recipients"), content=content,
        cc=cc, signature=signature, rule_set=rule_set, cc_notes=_cc_notes(data, len(cc)),
        choices=_choices(data, family, rule_set), kept=dict(kept),
    )


def to_dict(draft: Draft) -> dict[str, Any]:
    """Return the JSON-ready dictionary of `draft`, schema first."""
    data = asdict(draft)
    data["date"] = draft.date.isoformat()
    data["content"] = content_to_dict(draft.content)
    if not draft.kept:
        del data["kept"]
    return {"schema": f"{SCHEMA_PREFIX}{SCHEMA_VERSION}", **data}


def loads(text: str, label: str = "Tệp bản thảo") -> Draft:
    """Return the Draft in the JSON `text`; `label` names its file in messages."""
    return from_dict(parse_json(text, label, DraftError))


def dumps(draft: Draft) -> str:
    """Return `draft` as pretty UTF-8 JSON text."""
    return json.dumps(to_dict(draft), ensure_ascii=False, indent=2) + "\n"


def load(path: str | Path) -> Draft:
    """Return the Draft stored in the file at `path`."""
    path = Path(path)
    real = atomic.resolve_link(path)
    clean_stale(real.parent, real.name)  # what a killed save of this draft left behind
    raw = read_capped(path, MAX_DRAFT_BYTES, DraftError, "tệp bản thảo")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DraftError(f"Tệp “{path}” không phải văn bản UTF-8 (có thể là mã TCVN3/VNI cũ). "
                         "Hãy lưu lại tệp bằng mã Unicode UTF-8.") from exc
    return loads(text, f"Tệp bản thảo “{path}”")


def save(draft: Draft, path: str | Path) -> Path:
    """Write `draft` to `path` atomically and return the path."""
    return atomic.write_text(path, dumps(draft))

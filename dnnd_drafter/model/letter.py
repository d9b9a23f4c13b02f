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
from dnnd_drafter.model.vietnamese import clean, parse_iso_date

SCHEMA_PREFIX = "dnnd-drafter/draft@"
SCHEMA_VERSION = 2
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
class Task:
    """Hold one numbered task: where it comes from, an optional bold title and its text."""

    source: str = ""
    title: str = ""
    text: str = ""
    lead: str = ""
    partners: str = ""
    deadline: str = ""


@dataclass
class Content:
    """Hold the body fields; text is a small Markdown subset (see docs/draft-format.md)."""

    opening: str = ""
    tasks: list[Task] = field(default_factory=list)
    implementation: list[str] = field(default_factory=list)
    closing: str = ""
    attachment: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


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


def _section(data: dict[str, Any], key: str) -> dict[str, Any]:
    """Return the object at `key` or raise when it is not an object."""
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise _fail(key, "phải là một đối tượng JSON ({…}).")
    return value


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


#: Ordered migrations: ``MIGRATIONS[n]`` turns the data of version ``n`` into version ``n + 1``.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _migrate_1_to_2}


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


def _task(raw: Any, index: int) -> Task:
    """Return the Task at position `index` of content.tasks."""
    path = f"content.tasks[{index + 1}]"
    if isinstance(raw, str):
        raw = {"text": raw}
    if not isinstance(raw, dict):
        raise _fail(path, "phải là một đối tượng có “text”.")
    return Task(**{k: _text(raw, k, f"{path}.{k}", multiline=(k == "text"))
                   for k in ("source", "title", "text", "lead", "partners", "deadline")})


def from_dict(data: Any) -> Draft:
    """Return the validated Draft held in `data` (the parsed JSON of a draft file)."""
    if not isinstance(data, dict):
        raise DraftError("Tệp bản thảo phải là một đối tượng JSON ({…}).")
    data = migrate(data)
    family = data.get("family", "")
    if not isinstance(family, str) or family not in FAMILIES:
        raise _fail("family", f"“{family}” không phải khối văn bản đã biết; dùng một trong: "
                    + ", ".join(FAMILIES) + ".")
    kind = data.get("kind", "cong_van")
    if not isinstance(kind, str) or kind not in KINDS:
        raise _fail("kind", f"“{kind}” không phải loại văn bản đã biết; dùng một trong: "
                    + ", ".join(KINDS) + ".")
    issuer_raw = _section(data, "issuer")
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
    content_raw = _section(data, "content")
    tasks_raw = content_raw.get("tasks", []) or []
    if not isinstance(tasks_raw, list):
        raise _fail("content.tasks", "phải là một danh sách nhiệm vụ.")
    known = {"opening", "tasks", "implementation", "closing", "attachment"}
    content = Content(
        opening=_text(content_raw, "opening", "content.opening", multiline=True),
        tasks=[_task(t, i) for i, t in enumerate(tasks_raw)],
        implementation=_texts(content_raw, "implementation", "content.implementation", multiline=True),
        closing=_text(content_raw, "closing", "content.closing", multiline=True),
        attachment=_text(content_raw, "attachment", "content.attachment"),
        extra={k: v for k, v in content_raw.items() if k not in known},
    )
    sig_raw = _section(data, "signature")
    signature = Signature(*(_text(sig_raw, k, f"signature.{k}") for k in  # type: ignore[arg-type] # six texts, in field order
                            ("authority", "body", "position", "name", "image", "seal")),
                          show_images=bool(sig_raw.get("show_images", False)))  # type: ignore[misc] # six texts, then show_images
    if signature.authority not in AUTHORITIES[family]:
        forms = ", ".join(f"“{a}”" for a in AUTHORITIES[family] if a)
        raise _fail("signature.authority", f"“{signature.authority}” không dùng cho khối "
                    f"{FAMILIES[family]}; dùng {forms} hoặc để trống.")
    template = _text(data, "template", "template") or "cong_van_trien_khai"
    return Draft(
        family=family, kind=kind, template=template, issuer=issuer,
        number=_text(data, "number", "number"), symbol=_text(data, "symbol", "symbol"),
        place=_text(data, "place", "place"), date=date, subject=_text(data, "subject", "subject", True),
        recipients=_texts(data, "recipients", "recipients"), content=content,
        cc=_texts(data, "cc", "cc"), signature=signature, rule_set=_text(data, "rule_set", "rule_set"),
    )


def to_dict(draft: Draft) -> dict[str, Any]:
    """Return the JSON-ready dictionary of `draft`, schema first."""
    data = asdict(draft)
    data["date"] = draft.date.isoformat()
    extra = data["content"].pop("extra")
    data["content"].update(extra)
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

"""Build the structured data a body template gets: directive, references, duties, propaganda.

The draft keeps the structured keys in ``content`` (``content.extra`` in the model; see
``docs/draft-format.md``). This module reads them, checks them (a broken one raises
:class:`~dnnd_drafter.base.errors.DraftError` naming it in Vietnamese) and hands the template small
read-only views. Citations come from :mod:`dnnd_drafter.model.citations`: :class:`Citer` gives the
full form the first time a document is cited and the short form after.

Escaping contract: what :func:`build_context` returns is *plain text* unless said otherwise;
a template puts plain text into markup through the ``md`` filter. Markup already (passed as
it is): ``cite(…)``, ``part(…)`` and the fields that are Markdown by contract: ``opening``,
task ``text``, ``implementation``, ``closing``, ``situation``, ``lead_in``, ``purpose``,
``propaganda.contents``/``forms``, ``forwarded.note``.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from collections.abc import Callable
from typing import Any

from dnnd_drafter.model.citations import DocumentRef, cite_full, cite_short, find_citations, type_name
from dnnd_drafter.model.drafting import default_directing_body
from dnnd_drafter.base.errors import CatalogError, DraftError
from dnnd_drafter.layout.formats import load_format
from dnnd_drafter.compose.markup import escape
from dnnd_drafter.model.letter import Draft
from dnnd_drafter.model.vietnamese import clean, fold, parse_iso_date, short_date

VERBS = ("Thực hiện", "Căn cứ")
SUBJECT_STYLES = ("quote", "italic", "plain")
#: How the directing body directs, by family, when ``directing_verb`` is not given.
DIRECTING_VERBS = {"dang": "chỉ đạo"}
DEFAULT_DIRECTING_VERB = "đề nghị"
#: The subject an opening gets when neither the draft nor the issuer gives one: seen in the
#: preview, refused by the checks (validation names "Cơ quan chỉ đạo"), never a subjectless sentence.
MISSING_DIRECTING_BODY = "[Cơ quan chỉ đạo]"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
#: Separator after a Roman part number, by the format's ``[body] heading_style``.
PART_SEPARATORS = {"dang": "-", "nha_nuoc": "."}

_REFERENCE_KEYS = {"type_code", "type_name", "number", "date", "issuer", "subject", "verb", "text",
                   "comma_before_date", "subject_style", "with_so"}
_DIRECTIVE_KEYS = {"type_code", "type_name", "number", "date", "issuer", "subject", "lead_in"}
_PROPAGANDA_KEYS = {"contents", "forms", "report_by", "report_to"}
_FORWARDED_KEYS = {"title", "author", "site", "url", "note", "purpose", "action"}


def _fail(path: str, message: str) -> DraftError:
    """Return a DraftError about the content field `path`."""
    return DraftError(f"Trường “{path}”: {message}", field=path)


def _plain(value: Any, path: str) -> str:
    """Return `value` as one cleaned line of text, or raise naming `path`."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _fail(path, "phải là một chuỗi văn bản.")
    return clean(value)


def _markdown(value: Any, path: str) -> str:
    """Return `value` as cleaned Markdown text (line breaks kept), or raise naming `path`."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _fail(path, "phải là một chuỗi văn bản.")
    return clean(value, multiline=True)


def _lines(value: Any, path: str) -> list[str]:
    """Return a list of Markdown texts: a list of strings, or one string split at line breaks."""
    if value is None:
        return []
    if isinstance(value, str):
        return [line for line in clean(value, multiline=True).split("\n") if line.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(path, "phải là một danh sách các dòng văn bản.")
    return [t for t in (clean(v, multiline=True) for v in value) if t]


def _object(value: Any, path: str, allowed: set[str]) -> dict[str, Any]:
    """Return `value` as a dict with only `allowed` keys, or raise naming `path`."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _fail(path, "phải là một đối tượng JSON ({…}).")
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise _fail(f"{path}.{unknown[0]}", "không phải trường đã biết; dùng một trong: "
                    + ", ".join(sorted(allowed)) + ".")
    return value


def _date(value: Any, path: str) -> _dt.date | None:
    """Return the ISO date in `value` (``2026-09-05``), None when empty, or raise naming `path`."""
    if value in (None, ""):
        return None
    try:
        if isinstance(value, str):
            return parse_iso_date(value)
    except ValueError:
        pass
    raise _fail(path, f"“{value}” không phải một ngày hợp lệ; viết theo dạng NNNN-TT-NN, ví dụ 2026-09-05.")


def vn_date(value: Any) -> str:
    """Return a date as cited in a body (``05/9/2026``); other text is returned as it is.

    Accepts a :class:`datetime.date` or an ISO string; a deadline such as ``Quý II/2026`` or
    ``Thường xuyên`` is not a date and stays unchanged.
    """
    if isinstance(value, _dt.date):
        return short_date(value)
    if isinstance(value, str):
        try:
            return short_date(parse_iso_date(value))
        except ValueError:
            return value
    return str(value)


def bare(text: str) -> str:
    """Return `text` without the punctuation typed at its end (``,`` ``;`` ``.``), for a sentence."""
    return text.rstrip().rstrip(".;,").rstrip()


def upper_first(text: str) -> str:
    """Return `text` with its first letter in upper case and the rest unchanged."""
    return text[:1].upper() + text[1:]


# -- documents ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Doc:
    """A document the body cites: the upper-level document, another reference or the directive.

    `ref` is None when the document was typed as text that is not one citation (it is then
    printed as typed). `about` says whether the citation already tells what the document is
    about (a trích yếu, or words typed after the citation), so a template does not add
    ``về việc triển khai thực hiện …`` to it.
    """

    ref: DocumentRef | None
    text: str = ""
    verb: str = "Thực hiện"
    subject_style: str = ""
    comma_before_date: bool = False
    with_so: bool = True
    lead_in: str = ""
    in_catalog: bool = False

    @property
    def key(self) -> str:
        """Return what identifies the document for first/later citations."""
        return fold(self.ref.number) if self.ref is not None else fold(self.text)

    @property
    def number(self) -> str:
        """Return the số, ký hiệu (``12-CT/TW``), or ``""`` for a document typed as text."""
        return self.ref.number if self.ref is not None else ""

    @property
    def type_name(self) -> str:
        """Return the type name (``Chỉ thị``, ``Công văn``)."""
        return self.ref.type_name if self.ref is not None else ""

    @property
    def date(self) -> str:
        """Return the date as cited (``05/01/2022``), or ``""``."""
        return short_date(self.ref.date) if self.ref is not None and self.ref.date else ""

    @property
    def issuer(self) -> str:
        """Return the issuing body (``Ban Bí thư``)."""
        return self.ref.issuer if self.ref is not None else ""

    @property
    def subject(self) -> str:
        """Return the trích yếu as typed (``về tăng cường …``)."""
        return self.ref.subject if self.ref is not None else ""

    @property
    def is_cong_van(self) -> bool:
        """Return whether the document is a công văn (its trích yếu reads ``về việc …``)."""
        return self.ref is not None and self.ref.type_code in ("", "CV")

    @property
    def about(self) -> bool:
        """Return whether the citation already says what the document is about."""
        if self.ref is None:
            return bool(self.text)
        return bool(self.ref.subject)

    @property
    def about_word(self) -> str:
        """Return the words that join a subject to the citation: ``về việc`` or ``về``."""
        return "về việc" if self.is_cong_van or self.ref is None else "về"

    def markup(self, full: bool) -> str:
        """Return the citation in body Markdown: full (with date, issuer, trích yếu) or short."""
        if self.ref is None:
            return escape(self.text)
        if not full:
            return escape(cite_short(self.ref, with_so=self.with_so))
        out = escape(cite_full(self.ref, comma_before_date=self.comma_before_date, with_so=self.with_so,
                               with_subject=False))
        subject = self.ref.subject
        if not subject:
            return out
        style = self.subject_style or ("plain" if self.is_cong_van else "quote")
        if self.is_cong_van:
            for prefix in ("về việc ", "v/v "):
                if subject.lower().startswith(prefix):
                    subject = subject[len(prefix):]
            out += " về việc "
        else:
            out += " "
        text = escape(subject)
        return out + {"quote": f"“*{text}*”", "italic": f"*{text}*", "plain": text}[style]


class Citer:
    """Cite documents the way letters do: in full the first time, short after.

    One Citer serves one rendering. Documents already cited in full in text the user wrote
    before the template's first citation (the opening, the assessment) count as cited.
    """

    def __init__(self, written: str = "") -> None:
        self._seen: set[str] = {fold(found.ref.number) for found in find_citations(written)
                                if found.ref.date is not None}

    def __call__(self, doc: Doc | None, full: bool | None = None) -> str:
        """Return the citation of `doc` (full when first or when `full`), as Markdown."""
        if doc is None:
            return ""
        first = doc.key not in self._seen
        self._seen.add(doc.key)
        return doc.markup(first if full is None else full)


def _reference(raw: Any, path: str) -> Doc:
    """Return the Doc of one entry of ``content.references`` (an object or a typed text)."""
    if isinstance(raw, str):
        return _typed_reference(_plain(raw, path), "Thực hiện")
    data = _object(raw, path, _REFERENCE_KEYS)
    verb = _plain(data.get("verb"), f"{path}.verb") or "Thực hiện"
    if verb not in VERBS:
        raise _fail(f"{path}.verb", f"“{verb}” không dùng được; dùng “Thực hiện” hoặc “Căn cứ”.")
    style = _plain(data.get("subject_style"), f"{path}.subject_style")
    if style and style not in SUBJECT_STYLES:
        raise _fail(f"{path}.subject_style", "dùng một trong: " + ", ".join(SUBJECT_STYLES) + ".")
    text = _plain(data.get("text"), f"{path}.text")
    number = _plain(data.get("number"), f"{path}.number")
    if text and not number:
        return _typed_reference(text, verb)
    if not number:
        raise _fail(f"{path}.number", "chưa có số, ký hiệu (ví dụ 1218-CV/TU) hoặc “text”.")
    ref = _document_ref(data, path)
    flags = {}
    for key in ("comma_before_date", "with_so"):
        if key in data:
            if not isinstance(data[key], bool):
                raise _fail(f"{path}.{key}", "phải là true hoặc false.")
            flags[key] = data[key]
    return Doc(ref, verb=verb, subject_style=style, **flags)


def _document_ref(data: dict[str, Any], path: str) -> DocumentRef:
    """Return the DocumentRef described by a reference or directive object."""
    number = _plain(data.get("number"), f"{path}.number")
    label = _plain(data.get("type_name"), f"{path}.type_name")
    try:
        ref = DocumentRef.from_symbol(number, _date(data.get("date"), f"{path}.date"),
                                      _plain(data.get("issuer"), f"{path}.issuer"),
                                      _plain(data.get("subject"), f"{path}.subject"), type_label=label)
    except CatalogError as exc:
        raise _fail(f"{path}.number", exc.message) from None
    code = _plain(data.get("type_code"), f"{path}.type_code")
    if code and not label:
        try:
            label = type_name(code, ref.style)
        except CatalogError as exc:
            raise _fail(f"{path}.type_code", exc.message) from None
        ref = DocumentRef(code, ref.number, ref.date, ref.issuer, ref.subject, ref.style, label)
    return ref


def _typed_reference(text: str, verb: str) -> Doc:
    """Return the Doc of a reference typed as text (``Công văn số 1218-CV/TU ngày … của …``).

    When the whole text is one citation it becomes structured (so later citations are short);
    otherwise it is printed as typed.
    """
    found = find_citations(text)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text.rstrip(" .;,")):
        one = found[0]
        return Doc(one.ref, verb=verb, comma_before_date=one.comma_before_date, with_so=one.with_so)
    return Doc(None, text=text.rstrip(" ;,"), verb=verb)


def _directive(value: Any) -> Doc | None:
    """Return the directive being implemented: a catalog number, or an object for one outside it.

    A number that is not in this computer's catalog is still cited (short form, from the
    number), so a draft written elsewhere keeps rendering.
    """
    path = "content.directive"
    if value in (None, ""):
        return None
    if isinstance(value, dict):
        data = _object(value, path, _DIRECTIVE_KEYS)
        if not _plain(data.get("number"), f"{path}.number"):
            raise _fail(f"{path}.number", "chưa có số, ký hiệu (ví dụ 12-CT/TW).")
        return Doc(_document_ref(data, path), lead_in=_plain(data.get("lead_in"), f"{path}.lead_in"))
    number = _plain(value, path)
    from dnnd_drafter.catalog import get_directive

    try:
        directive = get_directive(number)
    except CatalogError:
        try:
            return Doc(DocumentRef.from_symbol(number))
        except CatalogError:
            return Doc(None, text=number)
    return Doc(directive.to_ref(), lead_in=directive.lead_in, in_catalog=True)


# -- other structured blocks -------------------------------------------------------------------
@dataclass(frozen=True)
class Item:
    """One content item of propaganda guidance: its text and its ``+`` sub-items (Markdown)."""

    text: str
    subs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Propaganda:
    """What to explain, the forms of propaganda, and the report asked for (``cong_van_tuyen_truyen``)."""

    contents: tuple[Item, ...] = ()
    forms: tuple[str, ...] = ()
    report_by: _dt.date | None = None
    report_to: str = ""


@dataclass(frozen=True)
class Forwarded:
    """The document a cover letter forwards (``cong_van_sao_gui``)."""

    title: str = ""
    author: str = ""
    site: str = ""
    url: str = ""
    note: str = ""
    purpose: str = ""
    action: str = ""


def _strip_marker(line: str, markers: tuple[str, ...]) -> str:
    """Return `line` without a leading list marker."""
    for marker in markers:
        if line.startswith(marker):
            return line[len(marker):].strip()
    return line


def _items(value: Any, path: str) -> tuple[Item, ...]:
    """Return content items: each entry's first line is the item, its ``+`` lines sub-items.

    A single string is read line by line: ``- `` (or any line not starting ``+``) opens an
    item, ``+ `` adds a sub-item to the item before it.
    """
    if isinstance(value, str):
        entries: list[str] = []
        for line in _lines(value, path):
            if line.startswith("+ ") and entries:
                entries[-1] += "\n" + line
            else:
                entries.append(line)
    else:
        entries = _lines(value, path)
    items = []
    for entry in entries:
        first, *rest = [line.strip() for line in entry.split("\n") if line.strip()]
        subs = tuple(_strip_marker(line, ("+ ", "- ")) for line in rest)
        items.append(Item(_strip_marker(first, ("- ",)), subs))
    return tuple(items)


def _propaganda(value: Any) -> Propaganda:
    """Return the ``propaganda`` block."""
    path = "content.propaganda"
    data = _object(value, path, _PROPAGANDA_KEYS)
    return Propaganda(
        contents=_items(data.get("contents"), f"{path}.contents"),
        forms=tuple(_strip_marker(f, ("- ",)) for f in _lines(data.get("forms"), f"{path}.forms")),
        report_by=_date(data.get("report_by"), f"{path}.report_by"),
        report_to=_plain(data.get("report_to"), f"{path}.report_to"),
    )


def _forwarded(value: Any) -> Forwarded:
    """Return the ``forwarded`` block."""
    path = "content.forwarded"
    data = _object(value, path, _FORWARDED_KEYS)
    plain = {k: _plain(data.get(k), f"{path}.{k}") for k in _FORWARDED_KEYS - {"note"}}
    return Forwarded(note=_markdown(data.get("note"), f"{path}.note"), **plain)


def _in_sentence(name: str) -> str:
    """Return a recipient name as written inside a sentence (``Các sở`` → ``các sở``)."""
    first, _, rest = name.partition(" ")
    return f"{first.lower()} {rest}" if first in ("Các", "Những", "Toàn") and rest else name


def _directed(value: Any, recipients: list[str]) -> str:
    """Return whom the letter directs: ``directed`` as typed, else the recipients in a sentence."""
    path = "content.directed"
    if isinstance(value, list):
        names = _lines(value, path)
    elif value not in (None, ""):
        return _plain(value, path)
    else:
        names = [_in_sentence(r) for r in recipients]
    return ", ".join(n.rstrip(" ,;.") for n in names)


# -- the context -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Structured:
    """Every structured key of a draft's content, read and checked."""

    directive: Doc | None
    references: tuple[Doc, ...]
    directing_body: str
    directing_verb: str
    directed: str
    situation: str
    lead_in: str
    purpose: tuple[str, ...]
    propaganda: Propaganda
    forwarded: Forwarded


def read_structured(draft: Draft) -> Structured:
    """Return the structured content of `draft`, raising DraftError naming a broken key."""
    extra = draft.content.extra
    raw_refs = extra.get("references")
    if raw_refs is not None and not isinstance(raw_refs, list):
        raise _fail("content.references", "phải là một danh sách văn bản.")
    references = [_reference(r, f"content.references[{i + 1}]") for i, r in enumerate(raw_refs or [])]
    upper = _plain(extra.get("upper_reference"), "content.upper_reference")
    if not references and upper:
        references = [_typed_reference(upper, "Thực hiện")]
    verb = _plain(extra.get("directing_verb"), "content.directing_verb")
    return Structured(
        directive=_directive(extra.get("directive")),
        references=tuple(references),
        directing_body=_plain(extra.get("directing_body"), "content.directing_body"),
        directing_verb=verb or DIRECTING_VERBS.get(draft.family, DEFAULT_DIRECTING_VERB),
        directed=_directed(extra.get("directed"), draft.recipients),
        situation=_markdown(extra.get("situation"), "content.situation"),
        lead_in=_markdown(extra.get("lead_in"), "content.lead_in"),
        purpose=tuple(_strip_marker(p, ("- ",)) for p in _lines(extra.get("purpose"), "content.purpose")),
        propaganda=_propaganda(extra.get("propaganda")),
        forwarded=_forwarded(extra.get("forwarded")),
    )


def part_labeller(heading_style: str) -> Callable[[int], str]:
    """Return ``part(n)``: the Roman part number of the family (``II-`` Party, ``II.`` State)."""
    separator = PART_SEPARATORS.get(heading_style, ".")

    def part(number: int) -> str:
        """Return the label of part `number` (1-based)."""
        if not isinstance(number, int) or not 1 <= number <= len(ROMAN):
            raise ValueError(f"part number out of range: {number!r}")
        return f"{ROMAN[number - 1]}{separator}"

    return part


#: Every variable a body template may use (the test of shipped templates checks against it).
CONTEXT_KEYS = (
    "draft", "content", "issuer", "signature", "recipients", "family", "kind", "closing_mark",
    "heading_style", "part", "cite", "directive", "references", "upper", "directing_body",
    "directing_subject", "directing_verb", "directed", "situation", "lead_in", "purpose", "propaganda", "forwarded",
)


def build_context(draft: Draft) -> dict[str, Any]:
    """Return the variables a body template gets for `draft` (see :data:`CONTEXT_KEYS`)."""
    body = load_format(draft.family, draft.rule_set).body
    data = read_structured(draft)
    heading_style = body.get("heading_style", draft.family)
    return {
        "draft": draft,
        "content": draft.content,
        "issuer": draft.issuer,
        "signature": draft.signature,
        "recipients": draft.recipients,
        "family": draft.family,
        "kind": draft.kind,
        "closing_mark": body.get("closing_mark", ""),
        "heading_style": heading_style,
        "part": part_labeller(heading_style),
        "cite": Citer(draft.content.opening + "\n" + data.situation),
        "directive": data.directive,
        "references": list(data.references),
        "upper": data.references[0] if data.references else None,
        "directing_body": data.directing_body,
        "directing_subject": data.directing_body or default_directing_body(
            draft.issuer.name, draft.issuer.parent) or MISSING_DIRECTING_BODY,
        "directing_verb": data.directing_verb,
        "directed": data.directed,
        "situation": data.situation,
        "lead_in": data.lead_in,
        "purpose": list(data.purpose),
        "propaganda": data.propaganda,
        "forwarded": data.forwarded,
    }

"""Build the structured data a body template gets: directive, references, duties, propaganda.

The draft holds them as typed fields of :class:`~dnnd_drafter.model.content.Content`, checked
when the draft was loaded (see ``docs/draft-format.md``). This module turns the documents into
citations and hands the template small read-only views. Citations come from
:mod:`dnnd_drafter.model.citations`: :class:`Citer` gives the full form the first time a
document is cited and the short form after.

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

from dnnd_drafter.base.errors import CatalogError
from dnnd_drafter.catalog import get_directive
from dnnd_drafter.compose.markup import escape
from dnnd_drafter.model.formats import load_format
from dnnd_drafter.model.citations import DocumentRef, cite_full, cite_short, find_citations
from dnnd_drafter.model.content import Content, DirectiveRef, Reference
from dnnd_drafter.model.drafting import default_directing_body
from dnnd_drafter.model.letter import Draft
from dnnd_drafter.model.vietnamese import fold, parse_iso_date, short_date

#: How the directing body directs, by family, when ``directing_verb`` is not given.
DIRECTING_VERBS = {"dang": "chỉ đạo"}
DEFAULT_DIRECTING_VERB = "đề nghị"
#: The subject an opening gets when neither the draft nor the issuer gives one: seen in the
#: preview, refused by the checks (validation names "Cơ quan chỉ đạo"), never a subjectless sentence.
MISSING_DIRECTING_BODY = "[Cơ quan chỉ đạo]"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
#: Separator after a Roman part number, by the format's ``[body] heading_style``.
PART_SEPARATORS = {"dang": "-", "nha_nuoc": "."}


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


def _reference(reference: Reference) -> Doc:
    """Return the Doc of one reference: a citation, or a text typed as it is."""
    if not reference.number:
        return _typed_reference(reference.text, reference.verb)
    return Doc(reference.to_ref(), verb=reference.verb, subject_style=reference.subject_style,
               comma_before_date=reference.comma_before_date, with_so=reference.with_so)


def _directive(directive: DirectiveRef) -> Doc | None:
    """Return the directive being implemented: from the catalog, or as described in the draft.

    A number that is not in this computer's catalog is still cited (short form, from the
    number), so a draft written elsewhere keeps rendering.
    """
    if not directive.number:
        return None
    if not directive.from_catalog:
        return Doc(directive.to_ref(), lead_in=directive.lead_in)
    try:
        found = get_directive(directive.number)
    except CatalogError:
        try:
            return Doc(DocumentRef.from_symbol(directive.number))
        except CatalogError:
            return Doc(None, text=directive.number)
    return Doc(found.to_ref(), lead_in=found.lead_in, in_catalog=True)


def _in_sentence(name: str) -> str:
    """Return a recipient name as written inside a sentence (``Các sở`` → ``các sở``)."""
    first, _, rest = name.partition(" ")
    return f"{first.lower()} {rest}" if first in ("Các", "Những", "Toàn") and rest else name


def references(content: Content) -> list[Doc]:
    """Return the documents the letter rests on; the upper-level document typed in the wizard
    stands first when the draft lists none."""
    if not content.references and content.upper_reference:
        return [_typed_reference(content.upper_reference, "Thực hiện")]
    return [_reference(r) for r in content.references]


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
    body = load_format(draft.family, draft.rule_set).with_choices(draft.choices).body
    content = draft.content
    cited = references(content)
    heading_style = body.get("heading_style", draft.family)
    return {
        "draft": draft,
        "content": content,
        "issuer": draft.issuer,
        "signature": draft.signature,
        "recipients": draft.recipients,
        "family": draft.family,
        "kind": draft.kind,
        "closing_mark": body.get("closing_mark", ""),
        "heading_style": heading_style,
        "part": part_labeller(heading_style),
        "cite": Citer(content.opening + "\n" + content.situation),
        "directive": _directive(content.directive),
        "references": cited,
        "upper": cited[0] if cited else None,
        "directing_body": content.directing_body,
        "directing_subject": content.directing_body or default_directing_body(
            draft.issuer.name, draft.issuer.parent) or MISSING_DIRECTING_BODY,
        "directing_verb": content.directing_verb or DIRECTING_VERBS.get(draft.family, DEFAULT_DIRECTING_VERB),
        "directed": content.directed or ", ".join(_in_sentence(r).rstrip(" ,;.") for r in draft.recipients),
        "situation": content.situation,
        "lead_in": content.lead_in,
        "purpose": list(content.purpose),
        "propaganda": content.propaganda,
        "forwarded": content.forwarded,
    }

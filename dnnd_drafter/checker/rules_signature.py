"""Rules on the signature block and Nơi nhận: authority, position, name, items and the Lưu line."""

from __future__ import annotations

import re

from dnnd_drafter.checker.context import Context, display, quote
from dnnd_drafter.checker.page import Line
from dnnd_drafter.checker.regions import AUTHORITY
from dnnd_drafter.model.letter import AUTHORITIES

ARCHIVE = {"nd30": "Lưu:", "hd36": "Lưu"}   # “- Lưu: VT, TCCB.” (NĐ 30) / “- Lưu VPHU.” (HD 36)
#: A piece of the brace that joins a group of Nơi nhận lines, with the group's note after it.
BRACE_NOTE = re.compile(r"\s*[\u23ab\u23aa\u23ac\u23ad](?:\s*\([^)]*\))?")


def label_style(label: Line) -> str | None:
    """Return the style of the ``Nơi nhận:`` label: ``underline``, ``bold_italic`` or None for another."""
    runs = [r for r in label.runs if r.text.strip()]
    if runs and all(r.fmt.underline and not r.fmt.bold and not r.fmt.italic for r in runs):
        return "underline"
    if runs and all(r.fmt.bold and r.fmt.italic and not r.fmt.underline for r in runs):
        return "bold_italic"
    return None


def cc_entry(text: str) -> str:
    """Return a Nơi nhận line as its entry: the brace of its group and the group's note left out."""
    return " ".join(BRACE_NOTE.sub(" ", text).split())


def check_signature(ctx: Context) -> None:
    """Authority prefix and type, position, signing space and the signer's name."""
    found, conf = ctx.found, ctx.fmt.signature
    if found.signer is None and found.authority is None:
        ctx.add("signature.missing", "Khối chữ ký", "không thấy khối chữ ký ở cuối văn bản",
                "quyền hạn, chức vụ, khoảng ký và họ tên người ký ở góc dưới bên phải", conf["source"],
                "signature.name")
        return
    forms = [a for a in AUTHORITIES.get(ctx.fmt.family, ()) if a]
    auth_style = ctx.fmt.style("authority")
    if found.authority is not None:
        text = display(found.authority)
        prefix = AUTHORITY.match(text)
        used = text.split()[0] if text.split() else ""
        if prefix and not any(text.startswith(form + " ") or text == form for form in forms):
            ctx.add("authority.prefix", "Quyền hạn ký", quote(text),
                    "viết tắt quyền hạn " + ", ".join(f"“{f}”" for f in forms) + f" (không dùng “{used}”)",
                    auth_style.source, "signature.authority")
        ctx.check_upper([found.authority], "authority.case", "Quyền hạn ký", "signature.authority")
        ctx.check_style([found.authority], "authority", "authority", "Quyền hạn ký", "signature.authority")
    if found.position:
        ctx.check_upper(found.position, "position.case", "Chức vụ người ký", "signature.position")
        ctx.check_style(found.position, "position", "position", "Chức vụ người ký", "signature.position")
    if found.signer is None:
        return
    name = display(found.signer)
    if name == name.upper() and any(ch.isalpha() for ch in name):
        ctx.warn("signer.case", "Họ tên người ký", quote(name),
                 "chữ in thường, viết hoa chữ đầu (ví dụ “Nguyễn Văn A”)",
                 ctx.fmt.style("signer").source, "signature.name")
    ctx.check_style([found.signer], "signer", "signer", "Họ tên người ký", "signature.name")
    want = int(conf.get("blank_lines", 0))
    if want and found.signing_blanks < max(1, want - 2):
        ctx.warn("signature.space", "Khoảng ký", f"{found.signing_blanks} dòng trống giữa chức vụ và họ tên",
                 f"khoảng {want} dòng trống để ký và đóng dấu", conf["source"], "signature.name")


def check_cc(ctx: Context) -> None:
    """Nơi nhận: label, place, type, dashed items, punctuation and the Lưu line."""
    found, conf = ctx.found, ctx.fmt.cc
    element, source = "Nơi nhận", conf["source"]
    if found.cc_label is None:
        if found.signer is not None or found.authority is not None:
            ctx.add("cc.missing", element, "không thấy “Nơi nhận:”",
                    f"“{conf['label']}” ở góc dưới bên trái, ngang dòng quyền hạn ký", source, "cc")
        return
    label = display(found.cc_label)
    if label.replace(" ", "") != conf["label"].replace(" ", ""):
        ctx.add("cc.label", element, quote(label), f"“{conf['label']}” (có dấu hai chấm)", source, "cc")
    if label_style(found.cc_label) in (None, ctx.fmt.default_choice("cc_label_style")) or \
            label_style(found.cc_label) not in ctx.fmt.options("cc_label_style"):
        ctx.check_style([found.cc_label], "cc_label", "cc_label", "Chữ “Nơi nhận”", "cc")
    # (a label in another style the family offers is the office-choice rule's to report)
    if found.cc_label.column != "left" or (found.authority is not None and found.authority.column == "left"):
        ctx.add("cc.position", element, "“Nơi nhận” không ở bên trái khối chữ ký",
                "“Nơi nhận” ở góc dưới bên trái, cùng hàng với quyền hạn ký (bên phải)", source, "cc")
    lines = ctx.page.signature
    after = lines[lines.index(found.cc_label) + 1:]
    item_paras = [ln.para for ln in found.cc_items if ln.para is not None]
    loose = [ln for ln in after if ln.column == found.cc_label.column and ln.text and ln not in found.cc_items
             and not any(ln.para is para for para in item_paras) and not BRACE_NOTE.search(ln.text)]
    if loose:
        ctx.add("cc.items", element, f"dòng không bắt đầu bằng “- ”: {quote(loose[0].text, 40)}",
                "mỗi nơi nhận một dòng, bắt đầu bằng “- ”", source, "cc")
    items = [cc_entry(display(ln)) for ln in found.cc_items]
    if not items:
        ctx.add("cc.items", element, "không có nơi nhận nào dưới “Nơi nhận:”",
                "mỗi nơi nhận một dòng “- …”, dòng cuối là “- Lưu …”", source, "cc")
        return
    ctx.check_style(found.cc_items, "cc_item", "cc_item", "Các dòng nơi nhận", "cc")
    wrong = []
    separator = ctx.list_separator_in(items)
    for index, item in enumerate(items):
        want = conf["final"] if index == len(items) - 1 else separator
        if not item.endswith(want) or item.endswith(want * 2) and want != ".":
            wrong.append((item, want))
    if wrong:
        item, want = wrong[0]
        more = f" và {len(wrong) - 1} dòng khác" if len(wrong) > 1 else ""
        ctx.add("cc.punctuation", element, f"{quote(item, 50)} (cần “{want}” ở cuối){more}",
                f"mỗi dòng kết thúc bằng “{separator}”, dòng cuối bằng “{conf['final']}”", source, "cc")
    _check_archive(ctx, items[-1])


def _check_archive(ctx: Context, last: str) -> None:
    """The last item is the Lưu line, written as the family writes it (``cc.archive``)."""
    conf = ctx.fmt.cc
    want = conf.get("archive") or ARCHIVE[ctx.law]
    body = re.sub(r"^[-–]\s*", "", last)
    example = "“- Lưu: VT, <đơn vị>.”" if want.endswith(":") else "“- Lưu <văn phòng>.” (không có dấu hai chấm)"
    if not body.startswith("Lưu"):
        ctx.add("cc.archive", "Dòng “Lưu”", f"dòng cuối là {quote(last, 40)}", f"dòng cuối là {example}",
                conf["source"], "cc")
        return
    colon = re.match(r"^Lưu\s*:", body) is not None
    if colon != want.endswith(":"):
        ctx.add("cc.archive", "Dòng “Lưu”", quote(last, 40), example, conf["source"], "cc")

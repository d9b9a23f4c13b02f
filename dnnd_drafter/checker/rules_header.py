"""Rules on the header: motto lines and their line, issuer, ``*``/``***``, number, date, trích yếu."""

from __future__ import annotations

import datetime as _dt
import re

from dnnd_drafter.checker.context import Context, display, mm, quote
from dnnd_drafter.model.formats import text_width_mm
from dnnd_drafter.model.vietnamese import day_text, month_text

COLUMN_VN = {"left": "bên trái", "right": "bên phải", "full": "giữa trang"}
RULE_SLACK = 0.25      # a drawn line may differ this much (share of the text) from its target
DATE_RE = re.compile(r"^(?P<place>.*?)(?P<comma>,?)\s*ngày\s*(?P<d>\d*)\s*tháng\s*(?P<m>\d*)\s*năm\s*(?P<y>\d*)"
                     r"\s*(?P<tail>.*)$")


def motto_names(ctx: Context) -> list[str]:
    """Return the Vietnamese names of the family's motto lines."""
    if ctx.law == "nd30":
        return ["Quốc hiệu", "Tiêu ngữ"][:len(ctx.fmt.header["motto"])]
    return ["Tiêu đề"] + ["Tiêu đề (dòng 2)"] * (len(ctx.fmt.header["motto"]) - 1)


def check_motto(ctx: Context) -> None:
    """Motto lines present, exact, in the right column, typed as the family says; line under them."""
    hdr = ctx.fmt.header
    names = motto_names(ctx)
    for index, (expected, line) in enumerate(zip(hdr["motto"], ctx.found.motto)):
        name = names[index]
        if line is None:
            ctx.add("motto.missing", name, "không thấy dòng này ở phần đầu văn bản",
                    f"dòng {quote(expected)} ở góc trên bên phải", hdr["source"])
            continue
        if display(line) != expected:
            ctx.add("motto.text", name, quote(display(line)), f"đúng chữ {quote(expected)} "
                    "(dấu gạch nối “-” có cách hai bên)", hdr["source"])
        if line.column != "right":
            ctx.add("motto.column", name, f"đặt {COLUMN_VN[line.column]}", "đặt ở cột bên phải của phần đầu",
                    hdr["source"])
        ctx.check_style([line], f"motto{index + 1}", "motto", name)
    last = next((m for m in reversed(ctx.found.motto) if m is not None), None)
    if last is None or not hdr.get("motto_rule"):
        return
    underlined = all(r.fmt.underline for r in last.visible_runs)
    rule = ctx.found.motto_rule
    if rule is None and not underlined:
        ctx.add("motto.rule", f"Đường kẻ dưới {names[-1].lower()}", "không có đường kẻ",
                f"đường kẻ ngang, nét liền dưới {names[-1].lower()}, dài bằng dòng chữ", hdr["source"])
    elif rule is not None and all(m is not None for m in ctx.found.motto):
        size = max((r.fmt.size or 0 for r in last.visible_runs), default=0)
        want = text_width_mm(display(last), size, any(r.fmt.bold for r in last.visible_runs))
        if want and abs(rule.rule_mm - want) > want * RULE_SLACK:
            ctx.warn("motto.rule_length", f"Đường kẻ dưới {names[-1].lower()}", f"dài {mm(rule.rule_mm)}",
                     f"dài bằng dòng chữ (khoảng {mm(want)})", hdr["source"])


def check_issuer(ctx: Context) -> None:
    """Parent and issuer: uppercase, sizes, weight, left column; the ``*`` or the line under them."""
    hdr, found = ctx.fmt.header, ctx.found
    if not found.issuer:
        ctx.add("issuer.missing", "Tên cơ quan ban hành", "không thấy tên cơ quan ban hành",
                "tên cơ quan ban hành IN HOA, đậm, ở góc trên bên trái", hdr["source"], "issuer.name")
        return
    if found.parent:
        ctx.check_upper(found.parent, "parent.case", "Tên cơ quan chủ quản", "issuer.parent")
        ctx.check_style(found.parent, "parent", "parent", "Tên cơ quan chủ quản", "issuer.parent")
    ctx.check_upper(found.issuer, "issuer.case", "Tên cơ quan ban hành", "issuer.name")
    ctx.check_style(found.issuer, "issuer", "issuer", "Tên cơ quan ban hành", "issuer.name")
    wrong = [ln for ln in found.parent + found.issuer if ln.column != "left"]
    if wrong:
        ctx.add("issuer.column", "Tên cơ quan ban hành", f"đặt {COLUMN_VN[wrong[0].column]}",
                "đặt ở cột bên trái của phần đầu", hdr["source"], "issuer.name")
    mark = hdr.get("issuer_mark", "")
    shown = found.mark.text.replace(" ", "") if found.mark is not None else ""
    if mark and shown != mark:
        ctx.add("issuer.mark", "Dấu sao dưới tên cơ quan", f"“{shown}”" if shown else "không có",
                f"“{mark}” căn giữa dưới tên cơ quan ban hành", hdr["source"])
    elif not mark and shown:
        ctx.add("issuer.mark", "Dấu sao dưới tên cơ quan", f"có “{shown}”",
                "không dùng dấu sao; kẻ một đường ngang dưới tên cơ quan", hdr["source"])
    ratio = float(hdr.get("issuer_rule_ratio") or 0)
    if not ratio:
        return
    rule = found.issuer_rule
    if rule is None:
        ctx.add("issuer.rule", "Đường kẻ dưới tên cơ quan", "không có đường kẻ",
                "đường kẻ ngang, nét liền, dài 1/3–1/2 dòng chữ, căn giữa", hdr["source"])
        return
    longest = max(text_width_mm(display(ln), max((r.fmt.size or 0) for r in ln.visible_runs), True)
                  for ln in found.issuer if ln.visible_runs) if any(ln.visible_runs for ln in found.issuer) else 0
    if longest and not (ratio * (1 - RULE_SLACK) * longest <= rule.rule_mm <= ratio * (1 + 2 * RULE_SLACK) * longest):
        ctx.warn("issuer.rule_length", "Đường kẻ dưới tên cơ quan", f"dài {mm(rule.rule_mm)} "
                 f"({rule.rule_mm / longest:.0%} dòng chữ)", "dài 1/3–1/2 dòng tên cơ quan", hdr["source"])


def number_pattern(ctx: Context) -> tuple[re.Pattern[str], str]:
    """Return the pattern of the part after ``Số``/``Số:`` and an example, from the family format."""
    sep = ctx.fmt.number["separator"]
    group = r"[0-9A-Za-zĐđ]+"
    if sep == "-":
        return re.compile(rf"^(\d+|\s*)-{group}/{group}(-{group})*$"), "Số 492-CV/HU"
    return re.compile(rf"^(\d+|\s*){re.escape(sep)}{group}(-{group})*$"), "Số: 123/UBND-VP"


def check_number(ctx: Context) -> None:
    """Number line: ``Số``/``Số:`` as the family says, pattern, leading zero, place and type."""
    conf, line = ctx.fmt.number, ctx.found.number
    element = "Số, ký hiệu"
    if line is None:
        ctx.add("number.missing", element, "không thấy dòng “Số …”", "dòng số, ký hiệu dưới tên cơ quan ban hành",
                conf["source"], "number")
        return
    text = display(line)
    prefix = conf["prefix"]
    colon = re.match(r"^Số\s*:", text) is not None
    example = "Số 492-CV/HU" if conf["separator"] == "-" else "Số: 123/UBND-VP"
    if ":" in prefix and not colon:
        ctx.add("number.prefix", element, quote(text), f"“Số:” có dấu hai chấm, ví dụ “{prefix.strip()} …”",
                conf["source"], "number")
    elif ":" not in prefix and colon:
        ctx.add("number.prefix", element, quote(text), "“Số” không có dấu hai chấm, ví dụ “Số 492-CV/HU”",
                conf["source"], "number")
    rest = re.sub(r"^Số\s*:?\s?", "", text)
    pattern, example = number_pattern(ctx)
    match = pattern.match(rest)
    if not match:
        how = ("“Số <số>-<loại>/<cơ quan>”" if conf["separator"] == "-"
               else "“Số: <số>/<ký hiệu>”, các nhóm ký hiệu nối bằng “-”")
        ctx.add("number.pattern", element, quote(text), f"{how}, không có khoảng trắng, ví dụ “{example}”",
                conf["source"], "number")
    elif conf.get("pad") and len(match.group(1).strip()) == 1:
        ctx.add("number.pattern", element, quote(text), "số nhỏ hơn 10 viết thêm số 0 đứng trước (05)",
                conf["source"], "number")
    if line.column != "left":
        ctx.add("number.column", element, f"đặt {COLUMN_VN[line.column]}", "dưới tên cơ quan ban hành, cột trái",
                conf["source"], "number")
    ctx.check_style([line], "number", "number", element, "number")


def check_date(ctx: Context) -> None:
    """Place and date: pattern, zero rule, right column, italic, size."""
    line, element = ctx.found.date, "Địa danh, ngày tháng năm"
    source = ctx.source("date")
    if line is None:
        ctx.add("date.missing", element, "không thấy dòng “…, ngày … tháng … năm …”",
                "“<Địa danh>, ngày DD tháng M năm YYYY” ở cột bên phải", source, "date")
        return
    text = display(line)
    match = DATE_RE.match(text)
    problems: list[str] = []
    if match is None:
        problems.append("không đúng mẫu")
    else:
        place = match.group("place").strip()
        if not place:
            problems.append("thiếu địa danh")
        elif not place[0].isupper():
            problems.append("địa danh không viết hoa chữ đầu")
        if place and not match.group("comma"):
            problems.append("thiếu dấu phẩy sau địa danh")
        if match.group("tail").strip():
            problems.append("có chữ thừa sau năm")
        d, m, y = match.group("d"), match.group("m"), match.group("y")
        if d and m and y:
            try:
                _dt.date(int(y), int(m), int(d))
            except ValueError:
                problems.append("ngày không có thật")
            else:
                wrong = []
                if d != day_text(int(d)):
                    wrong.append(f"ngày “{d}” (viết “{day_text(int(d))}”)")
                if m != month_text(int(m)):
                    wrong.append(f"tháng “{m}” (viết “{month_text(int(m))}”)")
                if wrong:
                    ctx.add("date.zero_rule", element, quote(text) + ": " + ", ".join(wrong),
                            "ngày dưới 10 và tháng 1, 2 có số 0 đứng trước; tháng 3 đến 12 không có",
                            source, "date")
        elif m and not (1 <= int(m) <= 12):
            problems.append("tháng không có thật")
    if problems:
        ctx.add("date.format", element, f"{quote(text)}: {', '.join(problems)}",
                "“<Địa danh>, ngày DD tháng M năm YYYY”, ví dụ “Hà Nội, ngày 05 tháng 01 năm 2020”",
                source, "date" if "địa danh" not in " ".join(problems) else "place")
    if line.column != "right":
        ctx.add("date.column", element, f"đặt {COLUMN_VN[line.column]}", "ở cột bên phải, dưới tiêu đề",
                ctx.fmt.header["source"], "date")
    ctx.check_style([line], "place_date", "date", element, "date")


def check_subject(ctx: Context) -> None:
    """Trích yếu of a công văn: present, prefix, size and slant."""
    conf, found = ctx.fmt.subject, ctx.found
    element = "Trích yếu"
    if found.titles:
        return
    if not found.subject:
        if found.number is not None:
            ctx.add("subject.missing", element, "không thấy trích yếu dưới số, ký hiệu",
                    "trích yếu nội dung công văn, căn giữa dưới số, ký hiệu", conf["source"], "subject")
        return
    prefix = conf.get("prefix", "").strip()
    first = display(found.subject[0])
    if prefix and not first.startswith(prefix):
        ctx.add("subject.prefix", element, quote(first), f"bắt đầu bằng “{prefix}”, ví dụ “{prefix} nâng bậc lương”",
                conf["source"], "subject")
    ctx.check_style(found.subject, "subject", "subject", element, "subject")


def check_title(ctx: Context) -> None:
    """Tên loại and its trích yếu (KẾ HOẠCH, CHỈ THỊ …): case, type, the short line under them."""
    titles, conf = ctx.found.titles, ctx.fmt.subject
    if not titles:
        return
    ctx.check_upper(titles[:1], "title.case", "Tên loại văn bản", "kind")  # type: ignore[arg-type] # reads .text, as a Line
    ctx.check_style(titles[:1], "doc_title", "title", "Tên loại văn bản", "kind", aspects=("size", "bold", "italic"))
    if len(titles) > 1:
        ctx.check_style(titles[1:], "doc_subject", "doc_subject", "Trích yếu (dưới tên loại)", "subject",
                        aspects=("size", "bold", "italic"))
    if conf.get("doc_subject_rule") and ctx.found.title_rule is None:
        ctx.add("doc_subject.rule", "Đường kẻ dưới trích yếu", "không có đường kẻ",
                "đường kẻ ngang ngắn, nét liền dưới trích yếu, căn giữa", conf["source"], "subject")

"""Give a letter read from Word a shipped template when its body has that template's shape.

An opened letter lands in the free-body template (``van_ban_tu_do``) unless it matches a
template. Matching is proved, never guessed: the body is split into the template's fields (for
``cong_van_trien_khai``: the opening, the numbered tasks with their bold titles (or a title
heading followed by its ``-``/``+`` items), the
"Tổ chức thực hiện" items and the closing), the template is run on them, and the template is
kept only when it gives back exactly the same body blocks (text and emphasis) as the free body.
Then the clerk edits the tasks one by one in the wizard; otherwise nothing changes.
"""

from __future__ import annotations

import re

from dnnd_drafter.compose import markup
from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.model.letter import Content, Draft, Task
from dnnd_drafter.compose.engine import compose_blocks

TASK = re.compile(r"^(\d+)\.\s+(.*)$")
TITLE = re.compile(r"^\*\*(.+?)\*\*\s+(.*)$")
HEADING = re.compile(r"^## (\d+)\.\s+(.*)$")
ITEM_MARKERS = ("- ", "+ ")
IMPLEMENTATION = "Tổ chức thực hiện"


def _plain(markdown: str) -> str:
    """Return the text a line of inline Markdown prints."""
    return "".join(run.text for run in markup.parse_inline(markdown))


def _task(number: int, line: str) -> Task | None:
    """Return the task written on `line` when it is numbered `number`."""
    match = TASK.match(line)
    if match is None or int(match.group(1)) != number:
        return None
    text = match.group(2)
    titled = TITLE.match(text)
    if titled and "**" not in titled.group(1):
        return Task(title=_plain(f"**{titled.group(1)}**"), text=titled.group(2))
    return Task(text=text)


def _listed_task(number: int, lines: list[str], index: int) -> tuple[Task, int] | None:
    """Return the task headed ``## number. title`` at `index` with its items, and the index after them."""
    heading = HEADING.match(lines[index])
    if heading is None or int(heading.group(1)) != number or heading.group(2) == IMPLEMENTATION:
        return None
    end = index + 1
    while end < len(lines) and lines[end][:2] in ITEM_MARKERS:
        end += 1
    if end == index + 1:
        return None
    return Task(title=_plain(heading.group(2)), text="\n".join(lines[index + 1:end])), end


def split_trien_khai(lines: list[str]) -> Content | None:
    """Return the body `lines` as the fields of ``cong_van_trien_khai``, or None when they do not fit."""
    opening: list[str] = []
    index = 0
    while index < len(lines) and TASK.match(lines[index]) is None and _listed_task(1, lines, index) is None:
        opening.append(lines[index])
        index += 1
    tasks: list[Task] = []
    while index < len(lines):
        if (task := _task(len(tasks) + 1, lines[index])) is not None:
            tasks.append(task)
            index += 1
        elif (listed := _listed_task(len(tasks) + 1, lines, index)) is not None:
            task, index = listed
            tasks.append(task)
        else:
            break
    implementation: list[str] = []
    if index < len(lines) and lines[index] == f"## {len(tasks) + 1}. {IMPLEMENTATION}":
        index += 1
        while index < len(lines) and lines[index].startswith("- "):
            implementation.append(lines[index][2:])
            index += 1
    if index != len(lines) or not opening or not tasks:
        return None
    return Content(opening="\n".join(opening), tasks=tasks, implementation=implementation)


def _blocks(draft: Draft) -> list[markup.Block] | None:
    """Return the body blocks of `draft` from the shipped templates, or None when it fails."""
    try:
        return compose_blocks(draft, builtin=True)
    except UserMessageError:
        return None


def match_template(draft: Draft) -> Draft:
    """Return `draft` on a shipped template that prints the very same body, else `draft` unchanged."""
    body = draft.content.body
    if not body or draft.kind != "cong_van":
        return draft
    content = split_trien_khai(body.split("\n"))
    if content is None:
        return draft
    content.closing, content.attachment = draft.content.closing, draft.content.attachment
    content.wordin = draft.content.wordin
    candidate = draft.copy(template="cong_van_trien_khai", content=content)
    wanted = _blocks(draft)
    if wanted is None or _blocks(candidate) != wanted:
        return draft
    return candidate

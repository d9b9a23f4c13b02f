"""Write a letter's lines as plain paragraphs with python-docx: the floor of any .docx writer.

Run as a process by ``measure_cli.py``::

    python benchmarks/floor_docx.py LINES.txt OUT.docx

Opens python-docx's default template, adds one paragraph per line of LINES.txt (the text of
our .docx of the same letter) in Times New Roman 14 pt, saves. No header table, no layout rules:
what ``dnnd-drafter render`` cannot do with less.
"""

import sys

import docx
from docx.shared import Pt


def main(source: str, target: str) -> int:
    """Write the lines of `source` to the .docx `target`."""
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    with open(source, encoding="utf-8") as lines:
        for line in lines:
            document.add_paragraph(line.rstrip("\n"))
    document.save(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))

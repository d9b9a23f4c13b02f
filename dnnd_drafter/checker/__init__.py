"""Check a letter's layout against the official rules of its family (no Qt here).

Public API, for the command line and the wizard's review step::

    from dnnd_drafter.checker import check_docx, check_draft
    report = check_docx("letter.docx")          # family detected from the header
    report = check_draft(draft)                 # the draft in progress, rendered in memory
    for finding in report.errors: ...           # Finding(code, severity, element, found,
                                                #         expected, source, field)

See ``docs/checker.md`` for the rule codes.
"""

from dnnd_drafter.checker.check import check_bytes, check_docx, check_draft
from dnnd_drafter.checker.reader import CheckerFileError
from dnnd_drafter.checker.report import ERROR, WARNING, Finding, Report

__all__ = ["ERROR", "WARNING", "CheckerFileError", "Finding", "Report", "check_bytes", "check_docx",
           "check_draft"]

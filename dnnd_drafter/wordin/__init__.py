"""Read Word letters (.docx) into drafts, without Qt (see :mod:`dnnd_drafter.wordin.reader`)."""

from dnnd_drafter.wordin.reader import FREE_TEMPLATE, WordLetter, WordLetterError, read_letter

__all__ = ["FREE_TEMPLATE", "WordLetter", "WordLetterError", "read_letter"]

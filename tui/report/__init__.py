"""Who said what, as data: the rows of the quotes view, citations for the clipboard, and reports.

No UI imports: the reader, `newsreader report` and the tests all use the same rows.
"""

from .build import build_report
from .citation import citation, clean
from .formats import FORMATS, format_for, render
from .rows import Paragraphs, QuoteRow, paragraph_number, quote_rows

__all__ = [
    "FORMATS",
    "Paragraphs",
    "QuoteRow",
    "build_report",
    "citation",
    "clean",
    "format_for",
    "paragraph_number",
    "quote_rows",
    "render",
]

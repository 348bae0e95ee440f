"""Who said what, as data: the rows of the quotes view, citations for the clipboard, and reports.

No UI imports: the reader, `newsreader report` and the tests all use the same rows.
"""

from .citation import citation, clean
from .rows import Paragraphs, QuoteRow, paragraph_number, quote_rows

__all__ = ["Paragraphs", "QuoteRow", "citation", "clean", "paragraph_number", "quote_rows"]

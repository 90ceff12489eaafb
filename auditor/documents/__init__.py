"""Documents as a reviewer reads them: blocks with their source lines, sentences, clauses, speakers.

``model`` holds the typed blocks; ``markdown`` and ``html`` build them with real parsers
(markdown-it-pyrs, BeautifulSoup on lxml); ``sentences`` splits a line into sentences and clauses;
``speaker`` decides, per block and sentence, whether the vendor is stating something about
itself or someone else is speaking (a heading, advice to the customer, a definition, another
party), and keeps the reason.
"""

from __future__ import annotations

from auditor.documents.model import Block, BlockKind, Layout

__all__ = ["Block", "BlockKind", "Layout"]

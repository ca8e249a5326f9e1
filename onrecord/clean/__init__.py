"""Document -> Article. (Minimal stand-in: every non-empty line is body; replaced by the full cleaner.)"""

from __future__ import annotations

import re

from onrecord.model import Article, Document, Span


def clean(doc: Document) -> Article:
    analysis = doc.text.replace("\u00a0", " ")
    spans = [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", doc.text)]
    return Article(document=doc, analysis_text=analysis, body_spans=spans)

"""Hand-written articles and helpers for the cleaner tests."""

from __future__ import annotations

from pathlib import Path

from onrecord.clean import clean
from onrecord.model import Article, Document, content_sha256

STORY = [
    "The harbour of Port Ilse reopened on Thursday after three days of closure, the port authority said.",
    "“We lost two days of trade, but nobody was hurt,” harbour master Ilse Varga told reporters.",
    "Workers will keep repairing the eastern breakwater for another month, according to the authority.",
    "Fishermen said the closure had cost them a week of income and asked the city for help.",
]
TITLE = "Harbour reopens after three-day storm closure"


def make_doc(text: str, **meta: str | None) -> Document:
    digest = content_sha256(text.encode("utf-8", "surrogatepass"))
    return Document(id="t", text=text, source_path="t.txt", sha256=digest, meta=dict(meta))


def clean_text(text: str, **meta: str | None) -> Article:
    """Clean a hand-written text, checking every span on the way."""
    article = clean(make_doc(text, **meta))
    article.validate()
    return article


def clean_seed(path: Path) -> Article:
    text = path.read_text(encoding="utf-8")
    article = clean(Document(id=path.stem, text=text, source_path=str(path), sha256=content_sha256(text)))
    article.validate()
    return article


def body_texts(article: Article) -> list[str]:
    return [span.of(article.text) for span in article.body_spans]


def heading_texts(article: Article) -> list[str]:
    return [span.of(article.text) for span in article.headings]


def with_story(*before: str, between: str | None = None, after: tuple[str, ...] = ()) -> str:
    """An article: `before` lines, the story (with `between` inside it), `after` lines, blank-line separated."""
    story = [STORY[0], STORY[1], *([between] if between else []), STORY[2], STORY[3]]
    return "\n\n".join([*before, *story, *after]) + "\n"
